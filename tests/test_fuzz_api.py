"""Schema-driven fuzzing (issue 7, item 1): schemathesis reads the app's own /openapi.json and throws
generated requests, valid and invalid, at every operation registered when the suite runs.

Checked on each response: never a 5xx; the status is one the operation documents; the body matches
the documented schema and content type; invalid input is refused; a 405 names what is allowed; an
error's top-level message is Chinese.
Input that matches the schema may still be refused by the domain (a day outside the published
calendar is `calendar_gap`, an id that does not exist is `not_found`, a workdays amount above its own
limit), so 404 and 422 count as answers to schema-valid input; 400, 413, 415 and 5xx do not.
Bounded: 25 examples per operation (CALC_FUZZ_EXAMPLES), derandomized, so CI runs are repeatable.
"""
from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from calc.api import create_app

os.environ.setdefault("CALC_ACCESS_LOG", "0")

CONFIG = schemathesis.Config.from_dict({
    "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", "3XX", "404", "422"]}},
})
app = create_app({"TESTING": False})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app, config=CONFIG)

# Failures found in areas whose files this suite may not edit, reported to their owners.
# "METHOD /path": "reason" -> xfail (non-strict) so CI stays green while they are fixed.
KNOWN: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _known_failure(request):
    label = request.node.callspec.id if hasattr(request.node, "callspec") else request.node.name
    for operation, reason in KNOWN.items():
        if operation in request.node.name or operation in label:
            request.applymarker(pytest.mark.xfail(reason=reason, strict=False))


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=int(os.environ.get("CALC_FUZZ_EXAMPLES", 25)), deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case):
    response = case.call_and_validate()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code}"
    headers = {k.lower(): v for k, v in response.headers.items()}
    assert headers.get("x-content-type-options") in (["nosniff"], "nosniff"), headers
    if response.status_code >= 400:  # every error body's top-level message is Chinese (API.md, version 1.1)
        message = response.json().get("message", "")
        assert re.search(r"[\u4e00-\u9fff]", message), f"{case.method} {case.path}: {response.status_code} {message!r}"


def test_the_spec_lists_every_api_route():
    """A route missing from /openapi.json would escape the fuzzing above."""
    documented = set(app.test_client().get("/openapi.json").json["paths"])
    for rule in app.url_map.iter_rules():
        path = rule.rule.replace("<", "{").replace(">", "}")
        path = "{".join(part.split(":")[-1] if i else part for i, part in enumerate(path.split("{")))
        if rule.rule.startswith("/v1/") or rule.rule == "/healthz":
            assert path in documented, f"{rule.rule} is not in /openapi.json"


# -- the batch's reader must answer exactly as the schema does -------------------------------------

from unittest import mock  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from marshmallow import Schema, ValidationError  # noqa: E402

from calc import periods  # noqa: E402
from calc.api import deadlines  # noqa: E402

_days = st.one_of(st.dates(min_value=__import__("datetime").date(1890, 1, 1),
                           max_value=__import__("datetime").date(2210, 1, 1)).map(lambda d: d.isoformat()),
                  st.sampled_from(["2026-02-30", "2026-1-5", "20260105", "2026-W01-1", "", None, 20260105]),
                  st.text(max_size=11))
_json = st.recursive(st.none() | st.booleans() | st.integers(-5, 5000) | st.floats(allow_nan=False) |
                     st.text(max_size=4), lambda c: st.lists(c, max_size=2) | st.dictionaries(st.text(max_size=3), c,
                                                                                               max_size=2),
                     max_leaves=4)
_units = st.sampled_from(["workdays", "days", "months", "years", "hours", 1, None]) | _json
_amounts = st.integers(-2, 4000) | st.sampled_from([True, 5.0, "5", None])
_pause = st.fixed_dictionaries({"start": _days, "end": _days},
                               optional={"reason": st.none() | st.text(max_size=3) | st.integers(), "x": st.just(1)})
_ok_day = st.dates(min_value=__import__("datetime").date(2004, 6, 1),
                   max_value=__import__("datetime").date(2027, 6, 1)).map(lambda d: d.isoformat())
_ok_unit = st.sampled_from(["workdays", "days", "months", "years"])
_valid = st.fixed_dictionaries(
    {"start": _ok_day, "amount": st.integers(1, 100), "unit": _ok_unit},
    optional={"direction": st.sampled_from(["after", "before"]),
              "pauses": st.lists(st.tuples(_ok_day, _ok_day).map(sorted).map(
                                     lambda p: {"start": p[0], "end": p[1]}), max_size=2),
              "extension": st.none() | st.fixed_dictionaries({"amount": st.integers(1, 40), "unit": _ok_unit},
                                                             optional={"basis": st.none() | st.text(max_size=3)}),
              "provisional": st.booleans(), "steps": st.booleans()})
_near_miss = st.one_of(_json, _days, _amounts, _units, st.just({"start": "2026-01-05"}))


@st.composite
def _perturbed(draw):
    item = dict(draw(_valid))
    key = draw(st.sampled_from([*item, "direction", "pauses", "extension", "provisional", "steps", "bogus"]))
    item[key] = draw(_near_miss)
    return item


_items = st.one_of(_valid, _valid, _valid, _perturbed(), st.fixed_dictionaries(
    {"start": _days, "amount": _amounts, "unit": _units},
    optional={"direction": st.sampled_from(["after", "before", "up", None, 1]),
              "pauses": st.lists(_pause, max_size=3) | _json,
              "extension": st.none() | st.fixed_dictionaries({"amount": _amounts, "unit": _units},
                                                             optional={"basis": st.none() | st.text(max_size=3)})
              | _json,
              "provisional": st.booleans() | st.sampled_from(["true", 1, 0, None]),
              "steps": st.booleans() | st.sampled_from(["false", 0, None]),
              "bogus": _json}), _json)


def _marshmallow_reads(item):
    """DeadlineIn read by marshmallow itself (its `load` is deadline_body.read)."""
    return Schema.load(deadlines.DeadlineIn(), item)


@settings(max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(item=_items)
def test_the_batch_reader_loads_exactly_what_the_schema_loads(item):
    outcomes = []
    for reader in (deadlines.read, _marshmallow_reads):
        try:
            outcomes.append(reader(item))
        except ValidationError as refused:
            outcomes.append(refused.messages)
    assert outcomes[0] == outcomes[1]  # the same values read, or the same errors (tests/api/test_deadline_body.py)
    loaded = app.extensions["calc"].schedules
    answer = deadlines.answer_item(item, loaded)
    with mock.patch.object(deadlines, "read", _marshmallow_reads):
        assert deadlines.answer_item(item, loaded) == answer
    # the domain's step-free count (chosen inside periods.due) gives what the stepped count gives
    with mock.patch.object(periods.fast, "without_steps", lambda *a: None):
        assert deadlines.answer_item(item, loaded) == answer


def test_the_batch_answers_the_same_with_the_schemas_own_reading_and_the_stepped_count(monkeypatch):
    from bench.batch import make_items

    items = make_items(600) + make_items(300, seed=9, steps=False) + [
        {"start": "2026-10-08", "amount": 20, "unit": "workdays", "direction": "before"},
        {"start": "2030-01-01", "amount": 3, "unit": "days"}, {"start": "2026-01-05", "amount": 9999, "unit": "days"},
        {"start": "2026-01-05", "amount": 5, "unit": "days", "pauses": [{"start": "2026-01-07", "end": "2026-01-06"}]},
        {"start": "2026-01-05", "amount": 5.0, "unit": "days"}, {"start": "2026-01-05", "amount": 5, "unit": "weeks"},
        {"start": "2026-01-05", "amount": 5, "unit": "days", "steps": "false"}, "not an object", [1],
    ]
    client = app.test_client()
    ours = client.post("/v1/deadlines/batch", json={"items": items}).get_data()
    monkeypatch.setattr(deadlines, "read", _marshmallow_reads)
    monkeypatch.setattr(periods.fast, "without_steps", lambda *a: None)
    assert client.post("/v1/deadlines/batch", json={"items": items}).get_data() == ours
