"""/openapi.json a client generator can use (issue 19, item 1): ids, Chinese summaries and field
descriptions, standard bounds, `reason` as an enum, the batch's oneOf, and examples that validate
against the schemas and answer as shown."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest

from calc import periods
from calc.api import fields as api_fields
from calc.api import openapi

CJK = re.compile(r"[\u4e00-\u9fff]")
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").json


def operations(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method in METHODS:
                yield path, method, op, ops.get("parameters", [])


def nullable_to_jsonschema(node):
    """OpenAPI 3.0's `nullable: true` in JSON Schema terms, so jsonschema can validate."""
    if isinstance(node, list):
        return [nullable_to_jsonschema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("nullable", "example"):
            continue
        if key in ("properties", "schemas"):  # names, not keywords, as keys
            out[key] = {name: nullable_to_jsonschema(sub) for name, sub in value.items()}
        else:
            out[key] = nullable_to_jsonschema(value)
    if node.get("nullable"):
        return {"anyOf": [out, {"type": "null"}]}
    return out


def validator(spec, schema):
    root = nullable_to_jsonschema({"components": spec["components"]})
    return jsonschema.Draft7Validator(dict(nullable_to_jsonschema(schema), components=root["components"]))


def test_every_operation_has_a_unique_lower_camel_id_from_the_table(spec):
    ids = [op.get("operationId") for _, _, op, _ in operations(spec)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for path, method, op, _ in operations(spec):
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", op["operationId"]), op["operationId"]
        assert (method, path) in openapi.OPERATIONS, f"{method.upper()} {path}: add it to calc/api/openapi.OPERATIONS"


def test_every_operation_has_a_chinese_summary_and_every_field_a_description(spec):
    for path, method, op, shared in operations(spec):
        assert CJK.search(op["summary"]), (method, path, op["summary"])
        for parameter in [*op.get("parameters", []), *shared]:
            assert parameter.get("description"), (method, path, parameter["name"])
    missing = [f"{name}.{prop}" for name, schema in spec["components"]["schemas"].items()
               for prop, value in (schema.get("properties") or {}).items()
               if not CJK.search(value.get("description", ""))]
    assert not missing, f"no Chinese description (calc/api/glossary.py): {missing}"


def test_the_title_is_ascii_and_the_chinese_name_is_in_the_description(spec):
    assert spec["info"]["title"].isascii() and spec["info"]["title"].strip()
    assert "公安局罚款幅度与期限计算服务" in spec["info"]["description"]


def test_only_standard_bounds_and_they_match_the_domains_limits(spec):
    text = json.dumps(spec)
    assert "x-minimum" not in text and "x-maximum" not in text
    amount = spec["components"]["schemas"]["DeadlineIn"]["properties"]["amount"]
    # the largest of periods.LIMITS (3660 days); each unit's own limit is in the description
    assert amount["minimum"] == 1 and amount["maximum"] == max(periods.LIMITS.values())
    start = spec["components"]["schemas"]["DeadlineIn"]["properties"]["start"]
    assert "1900-01-01" in start["description"] and "2200-12-31" in start["description"]


def test_reason_is_an_enum_of_every_reason_api_md_names(spec):
    reason = spec["components"]["schemas"]["ErrorOut"]["properties"]["reason"]
    assert set(reason["enum"]) == set(api_fields.REASONS)
    assert {"invalid_input", "calendar_gap", "not_found", "too_large", "bad_json",
            "unsupported_media_type"} <= set(reason["enum"])
    code = spec["components"]["schemas"]["ErrorDetailOut"]["properties"]["code"]
    assert set(code["enum"]) == {"required", "unknown_field", "invalid_type", "invalid_date", "out_of_range",
                                 "not_one_of", "too_long", "too_many"}


def test_batch_items_are_one_of_answer_or_error(spec):
    items = spec["components"]["schemas"]["BatchOut"]["properties"]["items"]["items"]
    assert [r["$ref"].rsplit("/", 1)[1] for r in items["oneOf"]] == ["DeadlineOut", "DeadlineBatchErrorOut"]


def _examples(spec):
    for path, method, op, shared in operations(spec):
        yield pytest.param(path, method, id=f"{method.upper()} {path}")


def _cases():
    from calc.api import create_app

    app = create_app({"TESTING": True})
    return [pytest.param(path, method, id=f"{method.upper()} {path}")
            for path, method, _, _ in operations(app.test_client().get("/openapi.json").json)]


@pytest.mark.parametrize("path, method", _cases())
def test_each_example_validates_and_answers_as_shown(client, spec, path, method):
    op = spec["paths"][path][method]
    shared = spec["paths"][path].get("parameters", [])
    values = {"path": {}, "query": {}}
    for parameter in [*op.get("parameters", []), *shared]:
        if parameter.get("required"):
            assert "example" in parameter, f"{method} {path}: {parameter['name']} has no example"
        if "example" in parameter:
            values[parameter["in"]][parameter["name"]] = parameter["example"]
    body = None
    if "requestBody" in op:
        media = op["requestBody"]["content"]["application/json"]
        body = media["example"]  # what Swagger UI puts in the box: it must be accepted
        errors = sorted(validator(spec, media["schema"]).iter_errors(body), key=str)
        assert not errors, [e.message for e in errors]
    response = client.open(openapi.url(path, values), method=method.upper(), json=body)
    assert 200 <= response.status_code < 300, response.get_data(as_text=True)[:300]
    documented = op["responses"][str(response.status_code)]["content"]
    if response.is_json:
        example = documented["application/json"]["example"]
        schema = documented["application/json"]["schema"]
        errors = sorted(validator(spec, schema).iter_errors(example), key=str)
        assert not errors, [e.message for e in errors][:5]
        answer = response.json
        if path == "/v1/meta":  # the layers' directories of this machine, shown as a placeholder
            answer = openapi.placeholder_paths(answer)
        if method == "get" and len(example.get("items", ())) == openapi.LIST_EXAMPLE_ITEMS \
                and len(answer.get("items", ())) > openapi.LIST_EXAMPLE_ITEMS:
            answer = dict(answer, items=answer["items"][:openapi.LIST_EXAMPLE_ITEMS])
        assert answer == example
    else:
        media = response.content_type.split(";")[0]
        example, text = documented[media]["example"], response.get_data(as_text=True)
        if path == "/metrics":  # counts move with every request: the same metrics, each of the same type
            types = re.compile(r"^# TYPE (?!\S+_created ).*$", re.M)  # _created: once a series has a sample
            assert types.findall(example) == types.findall(text)
            info = [line for line in example.splitlines() if line.startswith("calc_schedules_info")]
            assert info and info[0] in text
        else:
            assert example == text


def test_the_deadline_example_is_the_worked_one(spec):
    """20 working days from 2026-09-21 skip 国庆节 10-01..10-08 and count 09-28/10-11 as made up:
    due 2026-10-26 (国办发明电〔2025〕7号; the same working as test_core_api)."""
    op = spec["paths"]["/v1/deadlines"]["post"]
    assert op["responses"]["200"]["content"]["application/json"]["example"]["due"] == "2026-10-26"
    batch = spec["paths"]["/v1/deadlines/batch"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert [s.get("ref") for s in batch["items"]] == ["case-1", "case-2", "case-3"]
    assert batch["items"][1]["error"]["year"] == 2027 and batch["items"][2]["error"]["reason"] == "invalid_input"


def _walk(node, where="#"):
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{where}/{index}")


def test_nullable_only_beside_a_type(spec):
    """OpenAPI 3.0 allows `nullable` only beside `type` (issue 28, item 5): a bare `nullable: true`
    is an invalid document, and validators then check no example that uses the schema."""
    bare = [where for where, node in _walk(spec) if "nullable" in node and "type" not in node]
    assert not bare, bare


def test_no_key_beside_a_ref(spec):
    """OpenAPI 3.0 ignores every key beside a `$ref` (issue 28, item 5: thirteen descriptions were
    lost so): a described reference is `allOf: [$ref]` with the description beside it."""
    crowded = [where for where, node in _walk(spec) if "$ref" in node and len(node) > 1]
    assert not crowded, crowded
    version = spec["components"]["schemas"]["PenaltyAssessOut"]["properties"]["version"]
    assert CJK.search(version["description"]) and version["allOf"] == [{"$ref": "#/components/schemas/PenaltyChoiceOut"}]


# The five request bodies whose schemas had a bare `nullable` (issue 28, item 5): (operationId, a
# body the service takes, one it refuses for that very field). Each one's example now validates
# against a schema that can also say no.
TYPED_BODIES = {
    "assessThreshold": ({"facts": {"members": 35, "levels": 3, "role": None}}, {"facts": [35, 3]}),
    "estimateTimeline": ({"start": "2026-03-02", "as_of": None}, {"start": "2026-03-02", "as_of": 20260302}),
    "planInspections": ({"start": "2026-01-01", "end": "2026-03-31", "population": None},
                        {"start": "2026-01-01", "end": "2026-03-31", "population": "many"}),
    "checkCompliance": ({"start": "2026-01-01", "end": "2026-01-31", "log": [],
                         "population": {"monthly-check": {"2026-01": 40}, "complaint-check": None}},
                        {"start": "2026-01-01", "end": "2026-01-31", "log": [], "population": -1}),
    "computeDeadlines": ({"items": [None, 5, {"start": "2026-09-21", "amount": 20, "unit": "workdays"}]},
                         {"items": {"start": "2026-09-21"}}),
}


def _operation_by_id(spec, op_id):
    for path, method, op, _ in operations(spec):
        if op["operationId"] == op_id:
            return path, method, op
    raise AssertionError(op_id)


@pytest.mark.parametrize("op_id", sorted(TYPED_BODIES))
def test_the_request_examples_that_used_a_bare_nullable_validate_against_a_schema_that_checks(client, spec, op_id):
    path, method, op = _operation_by_id(spec, op_id)
    media = op["requestBody"]["content"]["application/json"]
    check = validator(spec, media["schema"])
    assert not list(check.iter_errors(media["example"]))
    taken, refused = TYPED_BODIES[op_id]
    assert not [e.message for e in check.iter_errors(taken)]
    assert list(check.iter_errors(refused)), f"{op_id}: the schema takes {refused}"
    # and the service agrees with the document on both
    target = openapi.url(path, openapi.operation(method, path)[2])
    answer = client.open(target, method=method.upper(), json=taken)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert client.open(target, method=method.upper(), json=refused).status_code == 422
