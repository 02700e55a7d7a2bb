"""Coded Chinese input errors, and batch slots that carry the single endpoint's bodies (API.md,
"Additions in version 1": Errors, Batch)."""
from __future__ import annotations

import inspect
import re

import marshmallow
import pytest
from marshmallow import fields, validate

from calc.api import deadline_body, errors, messages

CJK = re.compile(r"[\u4e00-\u9fff]")
GOOD = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}


def _marshmallow_messages():
    """Where each default message of marshmallow 4 is kept, as (owner, key): each field class's
    own error keys, the schema's, and each validator class's message attributes (Range's words for
    its bounds too: it makes its messages of them)."""
    out = set()
    for _, cls in inspect.getmembers(fields, inspect.isclass):
        out.update((cls, key) for key in cls.__dict__.get("default_error_messages", {}))
    out.update((marshmallow.Schema, key) for key in marshmallow.Schema._default_error_messages)
    for _, cls in inspect.getmembers(validate, inspect.isclass):
        for name in ("default_message", "message_min", "message_max", "message_all", "message_equal",
                     "message_gte", "message_gt", "message_lte", "message_lt"):
            if isinstance(cls.__dict__.get(name), str):
                out.add((cls, name))
    return sorted(out, key=lambda where: (where[0].__name__, where[1]))


@pytest.mark.parametrize("owner, key", _marshmallow_messages(), ids=lambda x: getattr(x, "__name__", x))
def test_every_marshmallow_message_has_a_code_and_chinese_words(owner, key):
    assert (owner, key) in messages.TABLE, f"no entry in calc/api/messages.TABLE for {owner.__name__}, {key!r}"
    held = messages.said(owner, key)
    assert isinstance(held, messages.Coded), "install() puts the Coded message where marshmallow keeps it"
    assert held.code in messages.CODES and CJK.search(held.zh), (owner, key, held.code, held.zh)


@pytest.mark.parametrize("lo, hi", [(True, True), (False, False), (True, False), (False, True)])
def test_range_messages_keep_their_english_and_say_their_bounds_in_chinese(lo, hi):
    """Range words its messages when it is made, of its bounds' words: the English stays
    marshmallow's (the v1 `errors`), the Chinese says the same bounds with the numbers."""
    r = validate.Range(1, 3660, min_inclusive=lo, max_inclusive=hi)
    low, high = ("greater than or equal to" if lo else "greater than"), ("less than or equal to" if hi else "less than")
    for value, only_min, only_max in ((0, "Must be {low} 1.", None), (4000, None, "Must be {high} 3660.")):
        for bounded, expected in ((r, f"Must be {low} 1 and {high} 3660."),
                                  (validate.Range(1, None, min_inclusive=lo), only_min),
                                  (validate.Range(None, 3660, max_inclusive=hi), only_max)):
            if expected is None:
                continue
            with pytest.raises(marshmallow.ValidationError) as refused:
                bounded(value)
            said = refused.value.messages[0]
            assert said == expected.format(low=low, high=high)
            code, zh = messages.explain(said)
            assert code == "out_of_range" and CJK.search(zh)
            assert ("1" in zh and "3660" in zh) if bounded is r else (("1" if value == 0 else "3660") in zh)
    # the words for each bound (不小于 1, 大于 1, 不大于 3660, 小于 3660)
    with pytest.raises(marshmallow.ValidationError) as refused:
        validate.Range(1, None, min_inclusive=lo)(0)
    assert messages.explain(refused.value.messages[0])[1] == f"应{'不小于' if lo else '大于'} 1。"


def _refusal(validator, value) -> str:
    with pytest.raises(marshmallow.ValidationError) as refused:
        validator(value)
    return refused.value.messages[0]


@pytest.mark.parametrize("message, code, words", [
    (lambda: _refusal(validate.Range(1, 3660), 0), "out_of_range", "应在 1 至 3660 之间"),
    (lambda: _refusal(validate.OneOf(("workdays", "days", "months", "years")), "weeks"), "not_one_of",
     "workdays, days, months, years"),
    (lambda: _refusal(validate.Length(max=64), "x" * 65), "too_long", "64"),
    (lambda: deadline_body.over_limit("workdays"), "out_of_range", "2600"),
    (lambda: messages.said(marshmallow.Schema, "unknown"), "unknown_field", "未知字段"),
])
def test_templated_messages_keep_their_numbers_in_chinese(message, code, words):
    got_code, zh = messages.explain(message())
    assert got_code == code and words in zh and CJK.search(zh)


def _fields_of(schema_cls):
    """Every field of a schema, and of its nested schemas, list items and dict values."""
    todo, seen = list(schema_cls().fields.values()), []
    while todo:
        field = todo.pop()
        seen.append(field)
        for inner in (getattr(field, "inner", None), getattr(field, "value_field", None),
                      getattr(field, "key_field", None)):
            if inner is not None:
                todo.append(inner)
        if isinstance(field, fields.Nested):
            todo.extend(field.schema.fields.values())
    return seen


def test_every_request_schema_message_is_coded(app):
    """The messages our own fields and validators carry (not only marshmallow's) are Coded, so no
    detail falls back to the general code with words of no table."""
    seen = 0
    for name in ("deadline_body", "fields", "calendar", "penalties", "timelines", "events", "inspections",
                 "responsibilities"):
        module = __import__(f"calc.api.{name}", fromlist=["x"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, marshmallow.Schema) and cls.__module__ == module.__name__ and cls.__name__.endswith(
                    ("In", "Query"))):
                continue
            schema = cls()
            assert all(isinstance(text, messages.Coded) for text in schema.error_messages.values()), cls
            for field in _fields_of(cls):
                for text in field.error_messages.values():
                    seen += 1
                    assert isinstance(text, messages.Coded), (cls, field, text)
                for validator in field.validators:
                    for attr in ("error", "default_message", "message_min", "message_max", "message_all",
                                 "message_equal"):
                        text = getattr(validator, attr, None)
                        if isinstance(text, str):
                            seen += 1
                            assert isinstance(text, messages.Coded), (cls, field, validator, attr, text)
    assert seen > 50


@pytest.mark.parametrize("body, field, code", [
    # each code of API.md once, with the field named as `details` names it
    ({"amount": 20, "unit": "workdays"}, "start", "required"),
    (GOOD | {"colour": "red"}, "colour", "unknown_field"),
    (GOOD | {"amount": "20"}, "amount", "invalid_type"),
    (GOOD | {"start": "2026-02-30"}, "start", "invalid_date"),
    (GOOD | {"amount": 2601}, "amount", "out_of_range"),
    (GOOD | {"amount": 0}, "amount", "out_of_range"),
    (GOOD | {"unit": "weeks"}, "unit", "not_one_of"),
    (GOOD | {"ref": "x" * 65}, "ref", "too_long"),
    (GOOD | {"pauses": [{"start": "2026-09-22", "end": "2026-09-22"}] * 101}, "pauses", "too_many"),
    (GOOD | {"pauses": [{"start": "2026-09-24", "end": "2026-09-23"}]}, "pauses[0].end", "out_of_range"),
])
def test_input_errors_carry_invalid_input_and_coded_chinese_details(client, body, field, code):
    r = client.post("/v1/deadlines", json=body)
    assert r.status_code == 422
    out = r.json
    assert out["reason"] == "invalid_input" and out["code"] == 422
    assert {"field": field, "code": code} in [{"field": d["field"], "code": d["code"]} for d in out["details"]], out
    assert all(CJK.search(d["message"]) for d in out["details"]), out["details"]
    assert out["errors"], "the field -> messages of v1 stay"


def test_errors_keep_their_v1_words(client):
    """`errors` is what integrations built on since v1: marshmallow's words stay as they were."""
    r = client.post("/v1/deadlines", json=GOOD | {"amount": "3", "colour": 1})
    assert r.json["errors"] == {"amount": ["Not a valid integer."], "colour": ["Unknown field."]}
    # The pause cap (100) was never enforced in v1 (marshmallow 4 ignored the validator that returned
    # False: issue 18, finding 5), so it had no v1 words; it now says the cap in Chinese, coded too_many.
    r = client.post("/v1/deadlines", json=GOOD | {"pauses": [{"start": "2026-09-22", "end": "2026-09-22"}] * 101})
    assert r.json["errors"] == {"pauses": ["最多 100 项。"]}
    assert [(d["field"], d["code"]) for d in r.json["details"]] == [("pauses", "too_many")]


def test_query_and_path_errors_are_coded_too(client):
    r = client.get("/v1/calendar/workdays?start=2026-13-01")
    assert r.json["reason"] == "invalid_input"
    assert {(d["field"], d["code"]) for d in r.json["details"]} == {("start", "invalid_date"), ("end", "required")}
    r = client.get("/v1/calendar/2026-02-30")
    assert [(d["field"], d["code"]) for d in r.json["details"]] == [("date", "invalid_date")]


def test_a_domain_refusal_with_a_field_carries_details(client):
    # 20 days counted back from 1900-01-05 ends before 1900-01-01: the domain refuses the amount
    r = client.post("/v1/deadlines", json={"start": "1900-01-05", "amount": 20, "unit": "days", "direction": "before"})
    assert r.status_code == 422 and r.json["reason"] == "invalid"
    assert r.json["details"][0]["field"] == "amount" and r.json["details"][0]["code"] == "out_of_range"


def test_a_batch_slot_carries_the_single_endpoints_body_and_its_ref(client):
    bad = [GOOD | {"start": "2026-02-30"}, GOOD | {"unit": "weeks", "ref": "case-7"},
           {"start": "2026-12-21", "amount": 20, "unit": "workdays", "ref": "gap"},
           GOOD | {"ref": "x" * 65}]
    slots = client.post("/v1/deadlines/batch", json={"items": bad}).json["items"]
    for item, slot in zip(bad, slots):
        single = client.post("/v1/deadlines", json=item).json
        error = slot["error"]
        # the same body, but for the batch's own words for a refused item (since v1)
        assert {k: v for k, v in error.items() if k != "message"} == {k: v for k, v in single.items() if k != "message"}
    assert slots[0]["error"]["message"] == "输入有误" and "ref" not in slots[0]
    assert slots[1]["ref"] == "case-7"
    assert slots[2]["ref"] == "gap" and slots[2]["error"]["year"] == 2027  # the year the notice is missing for
    assert "ref" not in slots[3]  # a ref that is itself refused is not echoed


def test_a_batch_answer_echoes_its_ref_and_so_does_the_single_endpoint(client):
    items = [GOOD | {"ref": "a"}, GOOD | {"ref": "b", "steps": False}, GOOD]
    out = client.post("/v1/deadlines/batch", json={"items": items}).json["items"]
    assert [o.get("ref") for o in out] == ["a", "b", None]
    assert out[0]["due"] == out[1]["due"] == "2026-10-26"  # as test_core_api: 20 working days from 09-21
    assert client.post("/v1/deadlines", json=GOOD | {"ref": "z"}).json["ref"] == "z"


def test_a_non_object_batch_item_is_a_coded_slot(client):
    slot = client.post("/v1/deadlines/batch", json={"items": ["x"]}).json["items"][0]["error"]
    assert slot["reason"] == "invalid_input" and slot["details"][0]["code"] == "invalid_type"
    assert slot["errors"] == {"_schema": ["每一项应为 JSON 对象"]}


def test_one_builder_makes_every_error_body():
    body = errors.error_body(422, reason="calendar_gap", message="m", year=2027)
    assert body == {"code": 422, "status": "Unprocessable Entity", "reason": "calendar_gap", "message": "m",
                    "year": 2027}
    unknown = messages.said(marshmallow.Schema, "unknown")  # "Unknown field.", as marshmallow raises it
    assert errors.input_error({"json": {"a": [unknown]}})["details"] == [
        {"field": "a", "code": "unknown_field", "message": "未知字段（请检查拼写）。"}]


# -- the top-level message of every error body is Chinese (API.md, version 1.1) --------------------

def _error_app(schedules):
    """An app with small limits, a view that fails and no test-mode exception propagation: every
    error the adapter can send is reachable."""
    from calc.api import create_app

    app = create_app({"TESTING": False, "BATCH_LIMIT": 2, "MAX_CONTENT_LENGTH": 64 * 1024}, loaded=schedules)

    @app.get("/v1/boom")
    def boom():
        raise RuntimeError("a bug, not the caller's doing")

    return app


DEEP = b"[" * 40 + b"]" * 40
# (error kind, method, url, request kwargs, status, reason, words the message must contain: the
# field(s) or the reason it refuses)
ERROR_KINDS = [
    ("bad_json", "post", "/v1/deadlines", {"data": b"{bad", "content_type": "application/json"}, 400, "bad_json",
     ["JSON"]),
    ("bad_json nesting", "post", "/v1/deadlines", {"data": DEEP, "content_type": "application/json"}, 400, "bad_json",
     ["嵌套"]),
    ("not_found address", "get", "/v1/no-such-thing", {}, 404, "not_found", ["不存在"]),
    ("not_found id", "get", "/v1/penalties/no-such-act", {}, 404, "not_found", ["no-such-act"]),
    ("calendar_gap 404", "get", "/v1/calendar/1990.json", {}, 404, "calendar_gap", ["1990"]),
    ("method_not_allowed", "delete", "/v1/deadlines", {}, 405, "method_not_allowed", ["请求方法"]),
    ("too_large batch", "post", "/v1/deadlines/batch", {"json": {"items": [GOOD] * 3}}, 413, "too_large",
     ["批量条数 3", "上限 2"]),
    ("too_large body", "post", "/v1/deadlines", {"data": b"{" + b" " * 70_000 + b"}",
                                                 "content_type": "application/json"}, 413, "too_large", ["上限"]),
    ("unsupported_media_type", "post", "/v1/deadlines", {"data": b"start=2026-09-21", "content_type": "text/plain"},
     415, "unsupported_media_type", ["JSON"]),
    ("invalid_input body", "post", "/v1/deadlines", {"json": {"start": "2026-02-30", "amount": 3}}, 422,
     "invalid_input", ["start", "日期格式", "unit", "缺少必填字段"]),
    ("invalid_input unknown field", "post", "/v1/deadlines", {"json": GOOD | {"colour": "red"}}, 422,
     "invalid_input", ["colour", "未知字段"]),
    ("invalid_input many fields", "post", "/v1/timelines/administrative-penalty",
     {"json": {"start": 1, "as_of": 2, "event": 3, "provisional": 4, "colour": 5}}, 422, "invalid_input",
     ["共 5 处", "details"]),
    ("invalid_input query", "get", "/v1/calendar/workdays?start=2026-13-01", {}, 422, "invalid_input",
     ["start", "end"]),
    ("invalid_input path", "get", "/v1/calendar/2026-02-30", {}, 422, "invalid_input", ["date"]),
    ("invalid_input body not an object", "post", "/v1/deadlines", {"json": [1, 2]}, 422, "invalid_input",
     ["请求体"]),
    ("calendar_gap 422", "post", "/v1/deadlines", {"json": {"start": "2026-12-21", "amount": 20, "unit": "workdays"}},
     422, "calendar_gap", ["2027"]),
    ("invalid (domain)", "post", "/v1/inspections/internet-cafe/plan",
     {"json": {"start": "2026-01-01", "end": "2026-03-31", "population": {"no-such-check": 1}}}, 422, "invalid",
     ["no-such-check"]),
    ("internal error", "get", "/v1/boom", {}, 500, None, ["内部错误"]),
]


@pytest.mark.parametrize("kind, method, url, kwargs, status, reason, words", ERROR_KINDS,
                         ids=[k[0] for k in ERROR_KINDS])
def test_every_error_kind_says_in_chinese_what_it_refuses(schedules, kind, method, url, kwargs, status, reason, words):
    app = _error_app(schedules)
    r = app.test_client().open(url, method=method.upper(), **kwargs)
    body = r.get_json()
    assert (r.status_code, body["code"], body.get("reason")) == (status, status, reason), body
    assert CJK.search(body["message"]), body
    missing = [w for w in words if w not in body["message"]]
    assert not missing, (missing, body["message"])


def test_not_ready_says_it_in_chinese(schedules):
    from calc.api import create_app

    app = create_app({"TESTING": True}, loaded=schedules)
    app.extensions["calc"].schedules = None
    body = app.test_client().get("/readyz").get_json()
    assert body["reason"] == "not_ready" and CJK.search(body["message"])


def test_an_input_errors_message_names_its_fields_and_errors_keeps_its_v1_words(client):
    """The v1.1 change is the top-level `message` alone: `errors` and `details` are as before."""
    r = client.post("/v1/deadlines", json=GOOD | {"amount": "3", "colour": 1})
    assert r.json["message"] == "输入有误：amount：应为整数（不带小数点，不加引号）；colour：未知字段（请检查拼写）。"
    assert r.json["errors"] == {"amount": ["Not a valid integer."], "colour": ["Unknown field."]}
    assert [d["field"] for d in r.json["details"]] == ["amount", "colour"]


def test_the_summary_names_the_first_fields_and_counts_the_rest():
    listed = [{"field": f, "code": "required", "message": "缺少必填字段。"} for f in ("a", "b", "c", "d")]
    assert errors.summary(listed[:1]) == "输入有误：a：缺少必填字段。"
    assert errors.summary(listed) == "输入有误（共 4 处，详见 details）：a：缺少必填字段；b：缺少必填字段；c：缺少必填字段。"
    assert errors.summary([{"field": "_schema", "code": "invalid_type", "message": "应为 JSON 对象。"}]) \
        == "输入有误：请求体：应为 JSON 对象。"


def test_a_domain_refusal_without_chinese_words_gets_them():
    """A calendar built without its texts says only `calendar_gap: 2027`: the body still speaks Chinese."""
    from calc.errors import CalendarGap

    body = errors.domain_body(CalendarGap(2027))
    assert body["reason"] == "calendar_gap" and body["year"] == 2027
    assert body["message"] == "所需年份的国务院节假日安排尚未收录（calendar_gap: 2027）"



def test_an_unknown_key_that_only_looks_like_a_number_is_named_not_a_500(client):
    """"¹" is a digit to str.isdigit but no number to int(): naming it as a list index failed every
    endpoint that reads a body with a 500, and a batch with it failed whole."""
    r = client.post("/v1/deadlines", json=GOOD | {"¹": 1})
    assert r.status_code == 422
    assert r.json["details"] == [{"field": "¹", "code": "unknown_field", "message": "未知字段（请检查拼写）。"}]
    slot = client.post("/v1/deadlines/batch", json={"items": [GOOD | {"³": 1}, GOOD]}).json["items"]
    assert slot[0]["error"]["details"][0]["field"] == "³" and slot[1]["due"] == "2026-10-26"
    # a list index keeps its place in the field's name
    r = client.post("/v1/deadlines", json=GOOD | {"pauses": [{"start": "2026-09-22", "end": "2026-09-20"}]})
    assert [d["field"] for d in r.json["details"]] == ["pauses[0].end"]
