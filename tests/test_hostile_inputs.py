"""Hostile input through the app (issue 18): every case the hand-made probes found, and those the
earlier hardening tested, each with the status API.md documents and never a 5xx. The app is built
with TESTING, so an unhandled exception fails the test outright instead of hiding in a 500.

Bounded: one request per case (the biggest 16 MB), and the memory a request may take is checked
under gunicorn in test_hardening_memory.py.
"""
from __future__ import annotations

import json

import pytest

from calc.api import body as body_module
from calc.api.penalties import MAX_CODES  # the cap; circumstance codes are data now (issue 16)

GOOD = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}  # due 2026-10-26 (test_hardening.py works it)


def post(client, path, payload=None, *, data=None, content_type="application/json"):
    if data is None:
        data = json.dumps(payload, ensure_ascii=False).encode()
    response = client.post(path, data=data, content_type=content_type)
    assert response.status_code < 500, (path, response.status_code, response.get_data()[:300])
    return response


def assert_error(response, status, reason=None):
    assert response.status_code == status, (response.status_code, response.get_data()[:300])
    assert response.is_json and response.json["code"] == status
    if reason:
        assert response.json["reason"] == reason, response.json
    assert response.json.get("message"), response.json


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# -- the body reader: 400 bad_json, 413 too_large, 415 ---------------------------------------------------

@pytest.mark.parametrize("data, why", [
    (b"{not json", "malformed"),
    (b'{"start": "2026-09-21",}', "trailing comma"),
    (nested(977), "977 levels (a RecursionError and a 500 before)"),
    (nested(body_module.MAX_DEPTH + 1), "one level over the limit"),
    (b'{"start": "2026-09-21", "amount": %s, "unit": "days"}' % (b"1" * 4301), "4,301 digits (a ValueError before)"),
    (b'{"amount": %s}' % (b"1" * (body_module.MAX_NUMBER + 1)), "a number one character over the limit"),
    (b'{"amount": 1e400}', "infinite as a double"),
    (b'{"amount": NaN}', "NaN is not JSON"),
    (b'{"start": "\xff\xfe"}', "not UTF-8"),
    (b'\xef\xbb\xbf{"start": "2026-09-21"}', "a byte order mark"),
    (b'{"a": "unterminated', "an open string"),
])
def test_unreadable_json_is_400_bad_json(client, data, why):
    assert_error(post(client, "/v1/deadlines", data=data), 400, "bad_json")


def test_the_limits_are_not_refused_at_the_limit(client):
    """Exactly MAX_DEPTH levels and MAX_NUMBER characters are read (and then judged by the schema)."""
    deep = b'{"start": "2026-09-21", "amount": 20, "unit": "workdays", "x": ' + nested(body_module.MAX_DEPTH - 1) + b"}"
    r = post(client, "/v1/deadlines", data=deep)
    assert r.status_code == 422 and "x" in r.json["errors"]
    long_number = b'{"start": "2026-09-21", "amount": %s, "unit": "days"}' % (b"1" * body_module.MAX_NUMBER)
    r = post(client, "/v1/deadlines", data=long_number)
    assert r.status_code == 422 and "amount" in r.json["errors"]


@pytest.mark.parametrize("reason", [
    '[[[[{{{{"' * 40 + '\\\\ \\" ,,,,',  # 320 levels of brackets, quotes and backslashes escaped
    "1" * 500,  # a "number" of 500 characters, inside a string
    "," * 60_000,  # more commas than a single body may have values
])
def test_what_a_string_says_does_not_count(client, reason):
    r = post(client, "/v1/deadlines", {**GOOD, "pauses": [{"start": "2026-09-22", "end": "2026-09-23", "reason": reason}]})
    assert r.status_code == 200 and r.json["due"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_a_body_that_is_not_json_is_415(client, content_type):
    assert_error(post(client, "/v1/deadlines", data=json.dumps(GOOD).encode(), content_type=content_type),
                 415, "unsupported_media_type")


def test_json_with_a_charset_or_a_json_suffix_is_read(client):
    assert post(client, "/v1/deadlines", data=json.dumps(GOOD).encode(), content_type="application/json; charset=utf-8").status_code == 200
    assert post(client, "/v1/deadlines", data=json.dumps(GOOD).encode(), content_type="application/problem+json").status_code == 200


@pytest.mark.parametrize("data", [b"", b"   ", b"null", b"[]", b'"text"', b"17"])
def test_an_empty_or_non_object_body_is_422_not_500(client, data):
    assert post(client, "/v1/deadlines", data=data).status_code == 422


def test_16_mb_of_empty_batch_items_is_413_before_parsing(client, app):
    """5.3 million `{}` took one worker to 560 MB before the 413 (finding 2)."""
    data = b'{"items": [' + b",".join([b"{}"] * (16 * 2**20 // 3)) + b"]}"
    assert_error(post(client, "/v1/deadlines/batch", data=data), 413, "too_large")


def test_a_body_within_the_size_limit_with_too_many_values_is_413(client, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    data = b'{"items": [' + b",".join([b"{}"] * (limit // 4)) + b"]}"
    assert len(data) <= limit
    assert_error(post(client, "/v1/deadlines/batch", data=data), 413, "too_large")
    one = b'{"start": "2026-09-21", "amount": 20, "unit": "workdays", "pauses": [' + b",".join([b"1"] * 60_000) + b"]}"
    assert_error(post(client, "/v1/deadlines", data=one), 413, "too_large")


def test_the_body_limit_admits_10000_full_batch_items(client, app):
    """What 10,000 items need: each with two pauses with reasons, an extension with its basis,
    direction and flags, in ASCII-escaped JSON (the longest form): 6.1 MB, under the 8 MiB limit."""
    item = {"start": "2026-09-21", "amount": 20, "unit": "workdays", "direction": "after", "steps": False,
            "provisional": False, "pauses": [{"start": "2026-09-22", "end": "2026-09-23", "reason": "鉴定期间不计入办案期限"}] * 2,
            "extension": {"amount": 30, "unit": "days", "basis": "公安机关办理行政案件程序规定第一百六十五条"}}
    data = json.dumps({"items": [item] * app.config["BATCH_LIMIT"]}).encode()
    assert len(data) <= app.config["MAX_CONTENT_LENGTH"]
    r = post(client, "/v1/deadlines/batch", data=data)
    assert r.status_code == 200 and len(r.json["items"]) == app.config["BATCH_LIMIT"]
    assert all("due" in x for x in r.json["items"][:100])


def test_340000_pauses_in_one_deadline_are_refused_without_the_cpu(client):
    """They took 7 s of CPU and answered 200 (finding 5); now the body alone is too large."""
    pauses = [{"start": "2026-09-22", "end": "2026-09-22"}] * 340_000
    assert post(client, "/v1/deadlines", {**GOOD, "pauses": pauses}).status_code == 413


# -- every documented limit, one over it ---------------------------------------------------------------

def _schemas(spec):
    return spec["components"]["schemas"]


def _resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        node = _schemas(spec)[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _over(prop: dict):
    """A value one step past the property's documented limit, and the limit's number."""
    if "maxItems" in prop:
        items = prop.get("items", {})
        one = {} if "$ref" in items or items.get("type") == "object" else ("x" if items.get("type") == "string" else 1)
        return [one] * (prop["maxItems"] + 1), prop["maxItems"]
    if "maxLength" in prop:
        return "字" * (prop["maxLength"] + 1), prop["maxLength"]
    if "maximum" in prop:
        m = prop["maximum"]
        return (int(m) + 1 if prop.get("type") == "integer" else m * 10), m
    return None, None


def documented_limits(spec):
    """(method, path, body or query, field, limit) for each limit /openapi.json documents on a request."""
    out = []
    for path, ops in spec["paths"].items():
        concrete = path.replace("{vid}", "x").replace("{tid}", "x").replace("{id}", "x").replace("{pid}", "x")
        concrete = concrete.replace("{rid}", "x").replace("{regime_id}", "x")
        for method, op in ops.items():
            if not isinstance(op, dict):
                continue
            for param in op.get("parameters", []):
                value, limit = _over(param.get("schema", {}))
                if value is not None and param.get("in") == "query":
                    out.append((method, concrete, {"query": {param["name"]: value}}, param["name"], limit))
            schema = _resolve(spec, op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema"))
            for name, prop in (schema or {}).get("properties", {}).items():
                value, limit = _over(prop)
                if value is not None:
                    out.append((method, concrete, {"json": {name: value}}, name, limit))
                inner = _resolve(spec, prop.get("items")) if prop.get("type") == "array" else _resolve(spec, prop)
                for sub, subprop in (inner or {}).get("properties", {}).items():
                    value, limit = _over(subprop)
                    if value is not None:
                        wrapped = [{sub: value}] if prop.get("type") == "array" else {sub: value}
                        out.append((method, concrete, {"json": {name: wrapped}}, f"{name}.{sub}", limit))
    return out


def _messages(errors, dotted: str) -> str:
    node = errors
    for part in dotted.split("."):
        if isinstance(node, dict) and "0" in node and part not in node:
            node = node["0"]
        if isinstance(node, dict) and 0 in node and part not in node:
            node = node[0]
        node = node.get(part) if isinstance(node, dict) else None
    return json.dumps(node, ensure_ascii=False)


def test_every_documented_limit_is_enforced_one_over_it(client):
    spec = client.get("/openapi.json").json
    cases = documented_limits(spec)
    fields = {c[3] for c in cases}
    # the caps issue 18 names, which marshmallow 4 ignored while they were validators returning False
    assert {"pauses", "circumstances", "q", "log"} <= fields, fields
    for method, path, request, field, limit in cases:
        if "query" in request:
            response = client.open(path, method=method.upper(), query_string=request["query"])
        else:
            response = client.open(path, method=method.upper(), json=request["json"])
        assert response.status_code == 422, (method, path, field, response.status_code, response.get_data()[:200])
        said = _messages(response.json.get("errors", {}), field)
        number = f"{limit:g}" if isinstance(limit, float) else str(limit)
        assert number in said or str(int(limit)) in said, (path, field, limit, said)


def test_timeline_pauses_per_stage_are_capped(client):
    stages = client.get("/v1/timelines").json["items"]
    tid, stage = stages[0]["id"], stages[0]["stages"][0]["id"]
    pauses = [{"start": "2026-03-03", "end": "2026-03-03"}] * 101
    r = post(client, f"/v1/timelines/{tid}", {"start": "2026-03-02", "pauses": {stage: pauses}})
    assert r.status_code == 422 and "100" in json.dumps(r.json["errors"], ensure_ascii=False)


def test_circumstances_over_the_cap_are_refused_before_each_is_read(client):
    vid = client.get("/v1/penalties").json["items"][0]["id"]
    r = post(client, f"/v1/penalties/{vid}/assess", {"act_date": "2026-03-02", "party": "individual",
                                                     "circumstances": [1] * 5000})
    assert r.status_code == 422 and r.json["errors"]["circumstances"] == [f"最多 {MAX_CODES} 项。"]


# -- numbers out of range: 422 naming the field ------------------------------------------------------------

@pytest.mark.parametrize("value", [1e28, 1e300, 10 ** 40, 1.7976931348623157e308])
def test_a_huge_fact_is_422_naming_it(client, value):
    """1e28 on the aluminium threshold raised decimal.InvalidOperation (finding 6)."""
    r = post(client, "/v1/thresholds/food.aluminium/assess", {"facts": {"product": "other", "aluminium_mg_per_kg": value}})
    assert r.status_code == 422, r.get_data()[:300]
    assert "aluminium_mg_per_kg" in json.dumps(r.json, ensure_ascii=False)


@pytest.mark.parametrize("path, payload, field", [
    ("/v1/deadlines", {**GOOD, "amount": 10 ** 30}, "amount"),
    ("/v1/deadlines", {**GOOD, "amount": -(10 ** 30)}, "amount"),
    ("/v1/deadlines", {**GOOD, "extension": {"amount": 1e300, "unit": "days"}}, "extension"),
    ("/v1/penalties/late-fee", {"fine": 1e308, "served": "2026-01-05", "paid": "2026-03-02"}, "fine"),
    ("/v1/penalties/late-fee", {"fine": -1e308, "served": "2026-01-05", "paid": "2026-03-02"}, "fine"),
])
def test_numbers_out_of_range_are_422_naming_the_field(client, path, payload, field):
    r = post(client, path, payload)
    assert r.status_code == 422 and field in r.json["errors"], r.json


# -- the batch: a bad item fails only its own slot ---------------------------------------------------------

BAD_ITEMS = [
    None, 1, "2026-09-21", [], [GOOD], True,
    {},
    {"start": "2026-09-21"},
    {**GOOD, "unit": "fortnights"},
    {**GOOD, "amount": 0},
    {**GOOD, "amount": "20"},
    {**GOOD, "amount": 10 ** 30},
    {**GOOD, "amount": 1e300},
    {**GOOD, "unit": "workdays", "amount": 3660},
    {**GOOD, "start": "2026-02-30"},
    {**GOOD, "start": "20260921"},
    {**GOOD, "start": 20260921},
    {**GOOD, "direction": "sideways"},
    {**GOOD, "pauses": [1]},
    {**GOOD, "pauses": [1] * 30},
    {**GOOD, "pauses": "none"},
    {**GOOD, "pauses": [{"start": "2026-09-25", "end": "2026-09-22"}]},
    {**GOOD, "pauses": [{"start": "2026-09-22", "end": "2026-09-22"}] * 101},
    {**GOOD, "pauses": [{"start": "2026-09-22"}]},
    {**GOOD, "extension": 5},
    {**GOOD, "extension": {"amount": 5}},
    {**GOOD, "extension": {"amount": 5, "unit": "days", "extra": 1}},
    {**GOOD, "provisional": "maybe"},  # ("yes" is true to marshmallow's Boolean)
    {**GOOD, "steps": None},
    {**GOOD, "no_such_field": 1},
    {**GOOD, "start": "2300-01-01"},
    {**GOOD, "start": "1900-01-02", "unit": "workdays"},  # before the published calendar: calendar_gap
]


def test_each_bad_item_fails_only_its_own_slot(client):
    single = post(client, "/v1/deadlines", GOOD).json
    items = []
    for bad in BAD_ITEMS:
        items += [GOOD, bad]
    r = post(client, "/v1/deadlines/batch", {"items": items})
    assert r.status_code == 200, r.get_data()[:300]
    answers = r.json["items"]
    assert len(answers) == len(items)
    for i, bad in enumerate(BAD_ITEMS):
        good, failed = answers[2 * i], answers[2 * i + 1]
        assert good["due"] == single["due"], (i, good)
        assert "error" in failed and failed["error"].get("message"), (bad, failed)
        json.dumps(failed, ensure_ascii=False)  # every error slot serialises


def test_the_batch_of_finding_3_answers_200_with_an_error_slot(client):
    r = post(client, "/v1/deadlines/batch", {"items": [{"start": "2026-09-21", "amount": 20, "unit": "workdays", "pauses": [1]}]})
    assert r.status_code == 200
    (slot,) = r.json["items"]
    assert "pauses" in json.dumps(slot["error"], ensure_ascii=False)


def test_10000_items_with_30_bad_pauses_each_stop_at_ten_errors_an_item(client):
    r = post(client, "/v1/deadlines/batch", {"items": [{**GOOD, "pauses": [1] * 30}] * 2000})
    assert r.status_code == 200
    errors = r.json["items"][0]["error"]["errors"]["pauses"]
    assert len(errors) == 10


def test_a_batch_over_its_item_limit_is_413(client, app):
    r = post(client, "/v1/deadlines/batch", {"items": [GOOD] * (app.config["BATCH_LIMIT"] + 1)})
    assert_error(r, 413, "too_large")


# -- pages and routing -------------------------------------------------------------------------------------

def test_the_merge_slashes_redirect_does_not_reflect_the_host_header(client):
    """`GET /assets/web//site.css` with `Host: evil.example` answered Location: http://evil.example/...
    (finding 8); a path is enough for a redirect within the site."""
    r = client.get("/assets/web//site.css", headers={"Host": "evil.example"})
    assert r.status_code == 308
    assert r.headers["Location"] == "/assets/web/site.css"
    r = client.get("//evil.example/x", headers={"Host": "evil.example"})
    assert not r.headers.get("Location", "/").startswith("//")


def test_the_inspections_form_posts_and_a_300_line_log_is_answered(client):
    """A pasted log of 300+ lines made the GET address too long for gunicorn (finding 7)."""
    page = client.get("/inspections").get_data(as_text=True)
    assert 'method="post"' in page and 'method="get"' not in page
    log = "\n".join("2026-01-15 monthly-check 5 2" for _ in range(1000))
    r = client.post("/inspections", data={"regime": "website-security", "start": "2026-01-01", "end": "2026-03-31", "log": log})
    assert r.status_code == 200 and "个窗口达标" in r.get_data(as_text=True)


def test_a_plan_posted_from_the_form_moves_to_its_shareable_address(client):
    r = client.post("/inspections", data={"regime": "website-security", "start": "2026-01-01", "end": "2026-03-31", "log": ""})
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/inspections?") and "start=2026-01-01" in r.headers["Location"]
    assert "log=" not in r.headers["Location"]
    assert client.get(r.headers["Location"]).status_code == 200


def test_meta_shows_no_filesystem_path(client):
    text = client.get("/v1/meta").get_data(as_text=True)
    meta = json.loads(text)
    assert meta["layers"] and all("/" not in layer["path"] for layer in meta["layers"])
    assert "/tmp" not in text and "site-packages" not in text and "/work" not in text and "/home" not in text


def test_every_json_argument_is_read_by_the_one_reader(app):
    """Each view declared its arguments with the reader in place (an import order that put a
    blueprint first would silently bring back webargs' own json.loads)."""
    import flask_smorest

    assert isinstance(flask_smorest.Blueprint.ARGUMENTS_PARSER, body_module.Parser)
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and rule.rule.startswith("/v1/"):
            path = "/".join("x" if part.startswith("<") else part for part in rule.rule.split("/"))
            r = client.post(path, data=nested(body_module.MAX_DEPTH + 1), content_type="application/json")
            assert (r.status_code, r.json.get("reason")) == (400, "bad_json"), (rule.rule, r.status_code, r.json)


def test_no_validator_returns_a_bool(app):
    """marshmallow 4 ignores a validator's return value: `validate=lambda v: len(v) <= 100` is no
    limit at all. Every validator in a request schema must be one that raises."""
    import inspect

    import marshmallow

    found = []
    for module in ("deadlines", "penalties", "timelines", "inspections", "events", "calendar", "responsibilities"):
        mod = __import__(f"calc.api.{module}", fromlist=["x"])
        for name, schema in vars(mod).items():
            if inspect.isclass(schema) and issubclass(schema, marshmallow.Schema) and name.endswith("In"):
                for field_name, field in schema._declared_fields.items():
                    inner = [field] + [getattr(field, a) for a in ("inner", "value_field") if getattr(field, a, None)]
                    for f in inner:
                        for v in f.validators:
                            if getattr(v, "__name__", "") == "<lambda>":
                                found.append(f"{module}.{name}.{field_name}")
    assert not found, found
