"""Schema-driven fuzzing (issue 7, item 1): schemathesis reads the app's own /openapi.json and throws
generated requests, valid and invalid, at every operation registered when the suite runs.

Checked on each response: never a 5xx; the status is one the operation documents; the body matches
the documented schema and content type; invalid input is refused; a 405 names what is allowed.
Input that matches the schema may still be refused by the domain (a day outside the published
calendar is `calendar_gap`, an id that does not exist is `not_found`, a workdays amount above its own
limit), so 404 and 422 count as answers to schema-valid input; 400, 413, 415 and 5xx do not.
Bounded: 25 examples per operation (CALC_FUZZ_EXAMPLES), derandomized, so CI runs are repeatable.
"""
from __future__ import annotations

import os

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


def test_the_spec_lists_every_api_route():
    """A route missing from /openapi.json would escape the fuzzing above."""
    documented = set(app.test_client().get("/openapi.json").json["paths"])
    for rule in app.url_map.iter_rules():
        path = rule.rule.replace("<", "{").replace(">", "}")
        path = "{".join(part.split(":")[-1] if i else part for i, part in enumerate(path.split("{")))
        if rule.rule.startswith("/v1/") or rule.rule == "/healthz":
            assert path in documented, f"{rule.rule} is not in /openapi.json"
