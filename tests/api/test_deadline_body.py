"""One reader for a deadline body (issue 25, item 4): `deadline_body.read` accepts exactly what
DeadlineIn (the schema /openapi.json documents) accepts, with the same values, and refuses exactly
what it refuses, with the same messages in the same order: marshmallow reading DeadlineIn is the
independent reading here, over generated bodies, both ways."""
from __future__ import annotations

import datetime as dt

import orjson
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError

from calc.api import errors
from calc.api.deadline_body import DeadlineIn, read

_schema = DeadlineIn()


def marshmallow_reads(body):
    """DeadlineIn read by marshmallow itself (Schema.load: DeadlineIn.load is `read`)."""
    return Schema.load(_schema, body)


def _outcome(reader, body):
    try:
        return "read", reader(body)
    except ValidationError as refused:
        return "refused", refused.messages


def _bytes(outcome) -> bytes:
    """The outcome as the answer writes it: key order counts (`errors` and a batch slot keep their bytes)."""
    return orjson.dumps(outcome, option=orjson.OPT_NON_STR_KEYS, default=str)


# -- bodies: valid ones, near misses of each field, and anything JSON --------------------------------
_ok_day = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)).map(dt.date.isoformat)
_day = st.one_of(_ok_day, st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
                 st.sampled_from(["2026-02-30", "2026-1-5", "20260105", "2026-W01-1", "2026-W01", "2026-001",
                                  "2026-01-05T00:00", " 2026-01-05", "2026-01-05 ", "２０２６-01-05", "", None, 20260105]),
                 st.text(max_size=11))
_json = st.recursive(st.none() | st.booleans() | st.integers(-5, 5000) | st.floats(allow_nan=False) |
                     st.text(max_size=4), lambda c: st.lists(c, max_size=2) | st.dictionaries(st.text(max_size=3), c,
                                                                                               max_size=2),
                     max_leaves=4)
_unit = st.sampled_from(["workdays", "days", "months", "years", "hours", "Days", "", 1, None]) | _json
_amount = st.integers(-2, 4000) | st.sampled_from([0, 1, 100, 101, 120, 121, 2600, 2601, 3660, 3661, 10**20, True, False,
                                                    5.0, "5", None, [5]])
_text = st.none() | st.text(max_size=70) | st.integers() | st.booleans() | st.lists(st.text(max_size=2), max_size=1)
_pause = st.fixed_dictionaries({}, optional={"start": _day, "end": _day, "reason": _text, "basis": _text,
                                             "x": _json}) | st.fixed_dictionaries(
    {"start": _ok_day, "end": _ok_day}, optional={"reason": _text, "basis": _text}) | _json
_extension = st.none() | st.fixed_dictionaries({}, optional={"amount": _amount, "unit": _unit, "basis": _text,
                                                             "bogus": _json}) | _json
_FIELDS = {"start": _day, "amount": _amount, "unit": _unit,
           "direction": st.sampled_from(["after", "before", "up", "", None, 1]) | _json,
           "duty": st.sampled_from(["party", "authority", "Party", None, 0]) | _json,
           "pauses": st.lists(_pause, max_size=14) | st.lists(_pause, min_size=99, max_size=102) | _json,
           "extension": _extension,
           "provisional": st.booleans() | st.sampled_from(["true", 1, 0, None]),
           "steps": st.booleans() | st.sampled_from(["false", 0, None]),
           "ref": _text}
_valid = st.fixed_dictionaries(
    {"start": _ok_day, "amount": st.integers(1, 3660), "unit": st.sampled_from(["workdays", "days", "months", "years"])},
    optional={"direction": st.sampled_from(["after", "before"]), "duty": st.sampled_from(["party", "authority"]),
              "pauses": st.lists(st.tuples(_ok_day, _ok_day).map(sorted).map(
                  lambda p: {"start": p[0], "end": p[1]}), max_size=3),
              "extension": st.none() | st.fixed_dictionaries(
                  {"amount": st.integers(1, 100), "unit": st.sampled_from(["workdays", "days", "months", "years"])},
                  optional={"basis": st.none() | st.text(max_size=3)}),
              "provisional": st.booleans(), "steps": st.booleans(), "ref": st.text(max_size=64)})


@st.composite
def _near_miss(draw):
    """A valid body with one to three fields changed, dropped or added."""
    body = dict(draw(_valid))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from([*_FIELDS, "bogus", "Start", "_schema"]))
        if draw(st.booleans()) and key in body:
            del body[key]
        else:
            body[key] = draw(_FIELDS.get(key, _json))
    return body


_bodies = st.one_of(_valid, _near_miss(), _near_miss(), st.fixed_dictionaries({}, optional=_FIELDS),
                    st.dictionaries(st.text(max_size=6), _json, max_size=14), _json)
_SETTINGS = settings(max_examples=1500, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(body=_bodies)
@example(body={"start": "2026-09-21", "amount": 2601, "unit": "workdays"})  # within AMOUNT, over its unit's limit
@example(body={"start": "2026-09-21", "amount": 3, "unit": "days", "extension": {"amount": 121, "unit": "months"}})
@example(body={"start": "2026-09-21", "amount": 3, "unit": "days", "pauses": [{"start": "2026-09-22"}] * 101})
@example(body={"start": "2026-09-21", "amount": 3, "unit": "days", "pauses": [None, 1, {}] * 5})
@example(body={"start": "2026-09-21", "amount": 3, "unit": "days", "pauses": [{"start": "2026-09-23",
                                                                              "end": "2026-09-22", "x": 1}]})
@example(body={"b": 1, "a": 2, "c": 3, "start": None, "zz": 4, "amount": None, "unit": None, "ref": None})
def test_read_reads_and_refuses_as_marshmallow_reads_deadlinein(body):
    ours, theirs = _outcome(read, body), _outcome(marshmallow_reads, body)
    event(ours[0])  # both ways: about a fifth of the bodies are read (--hypothesis-show-statistics)
    assert ours == theirs
    assert _bytes(ours) == _bytes(theirs)
    if ours[0] == "refused":  # the same codes and Chinese words too, not only the same English
        assert errors.details(ours[1]) == errors.details(theirs[1])


@_SETTINGS
@given(body=_valid)
def test_every_documented_body_is_read(body):
    """The other way round, on bodies made to be valid: both read them (a refusal here is a
    per-unit limit, which both must give: 2,601 workdays)."""
    ours, theirs = _outcome(read, body), _outcome(marshmallow_reads, body)
    assert _bytes(ours) == _bytes(theirs)
    if body["amount"] <= {"workdays": 2600, "days": 3660, "months": 120, "years": 100}[body["unit"]] and not (
            body.get("extension") and body["extension"]["amount"] > {"workdays": 2600, "days": 3660, "months": 120,
                                                                     "years": 100}[body["extension"]["unit"]]):
        assert ours[0] == "read", ours


@pytest.mark.parametrize("body, read_as", [
    # API.md: direction after, duty party, no pauses, no extension, provisional false, steps true by default
    ({"start": "2026-09-21", "amount": 20, "unit": "workdays"},
     {"start": dt.date(2026, 9, 21), "amount": 20, "unit": "workdays", "direction": "after", "duty": "party",
      "pauses": [], "extension": None, "provisional": False, "steps": True}),
    ({"ref": "a", "steps": False, "unit": "days", "amount": 3, "start": "2026-09-21",
      "pauses": [{"end": "2026-09-23", "start": "2026-09-22", "basis": "b"}], "extension": {"unit": "days", "amount": 2}},
     {"start": dt.date(2026, 9, 21), "amount": 3, "unit": "days", "direction": "after", "duty": "party",
      "pauses": [{"start": dt.date(2026, 9, 22), "end": dt.date(2026, 9, 23), "reason": None, "basis": "b"}],
      "extension": {"amount": 2, "unit": "days", "basis": None}, "provisional": False, "steps": False, "ref": "a"}),
])
def test_a_body_is_read_with_its_defaults_in_the_declared_order(body, read_as):
    got = read(body)
    assert got == read_as and list(got) == list(read_as)
    assert list(got.get("pauses", [{}])[0] if got["pauses"] else {}) == list(read_as["pauses"][0] if read_as["pauses"]
                                                                              else {})


def test_a_refusal_names_each_field_in_the_declared_order_then_the_unknown_keys():
    body = {"zz": 1, "ref": 7, "unit": "weeks", "start": "2026-02-30", "amount": 0}
    with pytest.raises(ValidationError) as refused:
        read(body)
    # start, amount, unit, ref as DeadlineIn declares them; the unknown key last
    assert list(refused.value.messages) == ["start", "amount", "unit", "ref", "zz"]
    assert refused.value.messages["amount"] == ["Must be greater than or equal to 1 and less than or equal to 3660."]
    assert [(d["field"], d["code"]) for d in errors.details(refused.value.messages)] == [
        ("start", "invalid_date"), ("amount", "out_of_range"), ("unit", "not_one_of"), ("ref", "invalid_type"),
        ("zz", "unknown_field")]
