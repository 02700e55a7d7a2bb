"""/openapi.json that a client generator can use (issue 19, item 1).

flask-smorest writes the document from the schemas; this module finishes it once per loaded set
of schedules: an ASCII title, a unique lowerCamel `operationId` and a Chinese summary per
operation, a Chinese description for every field (calc/api/glossary.py where the schema has
none), standard bounds only, the batch's items as oneOf (answer | error), and for every
operation a request example and the answer the service really gives to it (asked of the app
itself the first time the document is served, so the examples cannot drift from the answers).
"""
from __future__ import annotations

import copy
import json
import re
from urllib.parse import urlencode

import flask
from apispec.ext.marshmallow import MarshmallowPlugin, OpenAPIConverter

from ..app_state import EXTENSION

from . import errors
from .glossary import FIELDS

TITLE = "Penalty and Deadline Calculator API"
CHINESE_NAME = "公安局罚款幅度与期限计算服务"
DESCRIPTION = "把县公安局责任清单变成可计算、可解释的罚款幅度与期限。"
# Open by design, said where a reader and a linter look (`security: []` is "no authentication"):
# the service answers from the request and published law and holiday data only, keeps nothing of
# a request, and who may reach it is decided where it is deployed.
ACCESS = ("本服务不设身份认证（security 为空，有意如此）：只按请求和公开的法规、节假日数据作答，不保存请求内容；"
          "谁能访问由部署决定——部署在局内网络，由 ingress 或 nginx 前置及网络策略限定来源（见 docs/deployment.md）。")
# The app's API_SPEC_OPTIONS (a deployment may set its own): the server is the one that serves the
# document ("/", relative: wherever /openapi.json was fetched from), and no operation asks for credentials.
SPEC_OPTIONS = {
    "servers": [{"url": "/", "description": "提供本文档的服务本身（相对地址）"}],
    "security": [],
}
DATE_BOUNDS = "日期范围 1900-01-01 至 2200-12-31"
_CJK = re.compile(r"[\u4e00-\u9fff]")
LIST_EXAMPLE_ITEMS = 2  # a list's response example shows its first items only

# (method, path) -> (operationId, Chinese summary, request example {"path", "query", "json"})
OPERATIONS: dict[tuple[str, str], tuple[str, str, dict]] = {
    ("get", "/healthz"): ("getHealth", "存活检查", {}),
    ("get", "/readyz"): ("getReadiness", "就绪检查：规则数据已加载", {}),
    ("get", "/metrics"): ("getMetrics", "Prometheus 指标", {}),
    ("get", "/v1/meta"): ("getMeta", "版本、规则数据摘要与节假日数据覆盖范围", {}),
    ("get", "/v1/calendar/workdays"): ("countWorkdays", "两日之间的工作日数（首尾均计入）",
                                       {"query": {"start": "2026-02-01", "end": "2026-02-28"}}),
    ("get", "/v1/calendar/{year}.json"): ("getCalendarYear", "一年的节假日安排：国务院通知及其放假日、调休上班日",
                                          {"path": {"year": 2026}}),
    ("get", "/v1/calendar/{year}.ics"): ("getCalendarYearFeed", "一年的节假日安排（iCalendar 订阅）",
                                         {"path": {"year": 2026}}),
    ("get", "/v1/calendar/{date}"): ("getCalendarDay", "某日是否为工作日及原因", {"path": {"date": "2026-10-05"}}),
    ("post", "/v1/deadlines"): ("computeDeadline", "计算一个期间的最后一日（附每一步的规则与依据）",
                                {"json": {"start": "2026-09-21", "amount": 20, "unit": "workdays"}}),
    ("post", "/v1/deadlines/batch"): ("computeDeadlines", "批量计算期间（每项独立成败，顺序不变）", {"json": {"items": [
        {"start": "2026-09-21", "amount": 20, "unit": "workdays", "steps": False, "ref": "case-1"},
        {"start": "2026-12-21", "amount": 20, "unit": "workdays", "steps": False, "ref": "case-2"},
        {"start": "2026-02-30", "amount": 3, "unit": "days", "ref": "case-3"}]}}),
    ("get", "/v1/penalties"): ("listViolations", "违法行为列表（可按关键词检索，或按法律与条查找）", {"query": {"q": "典当"}}),
    ("get", "/v1/laws"): ("listLaws", "规则数据引用的法律及其各版本的施行日期", {}),
    ("post", "/v1/penalties/late-fee"): ("computeLateFee", "计算加处罚款",
                                         {"json": {"fine": 500, "served": "2026-03-02", "paid": "2026-03-31"}}),
    ("get", "/v1/penalties/{vid}"): ("getViolation", "一项违法行为的各版本及处罚幅度", {"path": {"vid": "pawn.unrecorded"}}),
    ("post", "/v1/penalties/{vid}/assess"): ("assessViolation", "裁量：适用的版本、幅度、程序与追责时效", {
        "path": {"vid": "pawn.unrecorded"},
        "json": {"act_date": "2026-03-01", "decision_date": "2026-03-20", "party": "individual"}}),
    ("get", "/v1/thresholds"): ("listThresholds", "立案追诉标准与技术限量列表", {}),
    ("get", "/v1/thresholds/{tid}"): ("getThreshold", "一项标准所需的事实、判断标准与结论", {"path": {"tid": "pyramid-selling"}}),
    ("post", "/v1/thresholds/{tid}/assess"): ("assessThreshold", "按事实判断是否达到标准及移送部门", {
        "path": {"tid": "pyramid-selling"}, "json": {"facts": {"members": 35, "levels": 3}}}),
    ("get", "/v1/timelines"): ("listProcedures", "办理程序列表（各阶段及版本）", {}),
    ("get", "/v1/timelines/{procedure_id}"): ("getProcedure", "一个办理程序的各版本",
                                              {"path": {"procedure_id": "administrative-penalty"}}),
    ("post", "/v1/timelines/{procedure_id}"): ("estimateTimeline", "计算办理程序各阶段的期限及办结日期", {
        "path": {"procedure_id": "administrative-penalty"}, "json": {"start": "2026-03-02"}}),
    ("get", "/v1/events"): ("listEvents", "日期范围内的宣传日与开放日",
                            {"query": {"start": "2026-01-01", "end": "2026-03-31"}}),
    ("get", "/v1/events.ics"): ("getEventsCalendar", "宣传日与开放日的 iCalendar 订阅",
                                {"query": {"start": "2026-01-01", "end": "2026-03-31"}}),
    ("get", "/v1/events/{event_id}"): ("getEvent", "一项宣传日或开放日及其日期", {
        "path": {"event_id": "110-day"}, "query": {"start": "2026-01-01", "end": "2026-12-31"}}),
    ("get", "/v1/events/{event_id}.ics"): ("getEventCalendar", "一项宣传日或开放日的 iCalendar 订阅", {
        "path": {"event_id": "110-day"}, "query": {"start": "2026-01-01", "end": "2026-12-31"}}),
    ("get", "/v1/inspections"): ("listRegimes", "检查制度列表", {}),
    ("get", "/v1/inspections/{regime_id}"): ("getRegime", "一项检查制度及其要求", {"path": {"regime_id": "internet-cafe"}}),
    ("post", "/v1/inspections/{regime_id}/plan"): ("planInspections", "检查计划：各窗口的次数、单位数与截止日", {
        "path": {"regime_id": "internet-cafe"}, "json": {"start": "2026-01-01", "end": "2026-03-31"}}),
    ("post", "/v1/inspections/{regime_id}/compliance"): ("checkCompliance", "按检查记录逐窗口核对是否达标", {
        "path": {"regime_id": "internet-cafe"},
        "json": {"start": "2026-01-01", "end": "2026-01-31",
                 "log": [{"date": "2026-01-12", "requirement": "monthly-check", "units": 5}]}}),
    ("get", "/v1/responsibilities"): ("searchResponsibilities", "检索责任清单（职责、案件类别、边界事项）",
                                      {"query": {"q": "传销"}}),
    ("get", "/v1/responsibilities/{ident}"): ("getResponsibility", "责任清单中的一项",
                                              {"path": {"ident": "boundary.pyramid-selling"}}),
    ("get", "/v1/traffic/codes"): ("getTrafficCodes", "道路交通：车型、道路类型、情形、准驾车型等代码", {}),
    ("get", "/v1/traffic/violations"): ("listTrafficViolations", "交通违法行为目录（按俗称、条文检索）",
                                        {"query": {"q": "闯红灯"}}),
    ("get", "/v1/traffic/violations/{vid}"): ("getTrafficViolation", "一项交通违法行为：国家规定、河北省标准与记分",
                                              {"path": {"vid": "traffic.hb-76-1"}}),
    ("post", "/v1/traffic/violations/{vid}/assess"): ("assessTrafficViolation", "测算罚款、记分、措施、当场处罚与缴纳", {
        "path": {"vid": "traffic.hb-77-7"},
        "json": {"act_date": "2026-03-02", "decision_date": "2026-03-20", "road": "expressway"}}),
    ("post", "/v1/traffic/speeding"): ("assessSpeeding", "按限速与实测车速确定超速行为并测算", {
        "json": {"act_date": "2026-03-02", "decision_date": "2026-03-20", "vehicle": "small_passenger",
                 "road": "expressway", "limit": 100, "measured": 125}}),
    ("post", "/v1/traffic/overloading"): ("assessOverloading", "按核定与实载确定超员、超载行为并测算", {
        "json": {"act_date": "2026-03-02", "decision_date": "2026-03-20", "vehicle": "small_passenger",
                 "kind": "passengers", "rated": 5, "carried": 8}}),
    ("post", "/v1/traffic/points"): ("computePointsCycle", "记分周期：累积记分、满分学习考试、扣减与审验", {
        "json": {"first_licence": "2015-06-10", "on": "2026-03-01", "vehicle": "small_car",
                 "entries": [{"date": "2025-09-01", "points": 6}, {"date": "2025-12-01", "violation": "traffic.hb-76-1"}]}}),
}

PARAMETERS = {
    "date": "日期 YYYY-MM-DD",
    "year": "年份（须在已公布的国务院节假日安排之内）",
    "vid": "违法行为编号（见 GET /v1/penalties）",
    "tid": "标准编号（见 GET /v1/thresholds）",
    "procedure_id": "办理程序编号（见 GET /v1/timelines）",
    "event_id": "宣传日或开放日编号（见 GET /v1/events）",
    "regime_id": "检查制度编号（见 GET /v1/inspections）",
    "ident": "责任清单条目编号，如 duty.3.4、category.economic、boundary.pyramid-selling",
    "start": "开始日 YYYY-MM-DD（含）",
    "end": "结束日 YYYY-MM-DD（含）",
    "kind": "条目种类：duty（职责）、category（案件类别）、boundary（边界事项）",
}


def operation(method: str, path: str) -> tuple[str, str, dict]:
    """The operationId, Chinese summary and request example of one operation; an operation not in
    the table gets an id from its method and path (tests/api/test_openapi.py refuses that)."""
    found = OPERATIONS.get((method, path))
    if found is not None:
        return found
    words = [w for w in path.replace("{", "").replace("}", "").replace(".", "/").replace("-", "/").split("/") if w]
    return method + "".join(w[:1].upper() + w[1:] for w in words if w != "v1"), path, {}


def url(path: str, example: dict) -> str:
    for name, value in example.get("path", {}).items():
        path = path.replace("{" + name + "}", str(value))
    query = example.get("query")
    return path + ("?" + urlencode(query) if query else "")


def finish(spec: dict, ask) -> dict:
    """The finished document; `ask(method, url, json)` answers a request (the app's test client):
    (status, content type, body text)."""
    spec = copy.deepcopy(spec)
    spec["info"]["title"] = TITLE
    spec["info"]["x-title-zh"] = CHINESE_NAME  # /docs shows it (calc/api/static/docs-init.js)
    spec["info"]["description"] = f"{CHINESE_NAME}。{spec['info'].get('description', '')}"
    schemas = spec.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        _describe(schema)
    _bounds(spec)
    _batch(spec)
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method == "parameters":
                continue
            _operation(spec, path, method, op, ops.get("parameters", []), ask)
    return spec


def _operation(spec, path, method, op, shared_parameters, ask):
    op_id, summary, example = operation(method, path)
    english = " ".join(op.get("summary", "").split())
    op["operationId"] = op_id
    op["summary"] = summary
    op["description"] = "\n\n".join(part for part in (english, op.get("description")) if part)
    for parameter in [*op.get("parameters", []), *shared_parameters]:
        name = parameter["name"]
        parameter.setdefault("description", PARAMETERS.get(name) or FIELDS.get(name, name))
        value = example.get(parameter["in"], {}).get(name)
        if value is not None:
            parameter["example"] = value
    if "json" in example:
        op["requestBody"]["content"]["application/json"]["example"] = example["json"]
    status, kind, text = ask(method, url(path, example), example.get("json"))
    answer = op["responses"].setdefault(str(status), {"description": "示例的应答"})
    if kind.startswith("application/json"):
        body = json.loads(text)
        if isinstance(body, dict) and isinstance(body.get("items"), list) and len(body["items"]) > LIST_EXAMPLE_ITEMS \
                and method == "get":
            body = dict(body, items=body["items"][:LIST_EXAMPLE_ITEMS])
            answer["description"] += f"（示例只列出前 {LIST_EXAMPLE_ITEMS} 项）"
        if op_id == "getMeta":
            body = placeholder_paths(body)
            answer["description"] += f"（示例中的 path 为示意：{EXAMPLE_PATH}）"
        answer.setdefault("content", {}).setdefault("application/json", {})["example"] = body
    else:
        media = kind.split(";")[0]
        if media == "text/plain" and path == "/metrics":
            # which metrics there are, not counts and timings that differ from one call to the next
            text = "".join(line + "\n" for line in text.splitlines()
                           if line.startswith("#") or line.startswith("calc_schedules_info"))
        content = answer.setdefault("content", {})
        content.setdefault(media, {"schema": {"type": "string"}})["example"] = text


EXAMPLE_PATH = "/opt/calc/schedules"


def placeholder_paths(meta: dict) -> dict:
    """/v1/meta names each layer's directory on this machine; the document shows a placeholder
    (the same on every installation, so the document is too)."""
    return dict(meta, layers=[dict(layer, path=EXAMPLE_PATH) for layer in meta.get("layers", [])])


def _describe(schema: dict):
    """A Chinese description for every property: the schema's own where it is Chinese, else the
    glossary's (followed by the schema's English words, where it had some)."""
    for name, prop in (schema.get("properties") or {}).items():
        own = prop.get("description")
        if own and _CJK.search(own):
            continue
        zh = FIELDS.get(name)
        if zh:
            prop["description"] = f"{zh}（{own}）" if own else zh
            _wrap_ref(prop)


def _wrap_ref(prop: dict):
    """OpenAPI 3.0 ignores every key beside a `$ref`, so a described reference is written as apispec
    writes a Nested field with a description of its own: the description beside `allOf: [$ref]`."""
    if "$ref" in prop and len(prop) > 1:
        prop["allOf"] = [{"$ref": prop.pop("$ref")}]


def _bounds(node):
    """apispec writes a date's Range as x-minimum/x-maximum, which generators ignore or choke on:
    JSON Schema has no bound for a string, so the range goes into the description instead."""
    if isinstance(node, dict):
        if "x-minimum" in node or "x-maximum" in node:
            node.pop("x-minimum", None)
            node.pop("x-maximum", None)
            text = node.get("description")
            node["description"] = f"{text}（{DATE_BOUNDS}）" if text else DATE_BOUNDS
        for value in node.values():
            _bounds(value)
    elif isinstance(node, list):
        for value in node:
            _bounds(value)


def _batch(spec):
    """Each batch slot is one of: a deadline answer, or {"error": <error body>, "ref"}."""
    schemas = spec.get("components", {}).get("schemas", {})
    if "BatchOut" not in schemas:
        return
    schemas["DeadlineBatchErrorOut"] = {
        "type": "object", "additionalProperties": False, "required": ["error"],
        "description": "失败的一项：与单项接口相同的错误，及请求中的 ref",
        "properties": {"error": {"description": FIELDS["error"], "allOf": [{"$ref": "#/components/schemas/ErrorOut"}]},
                       "ref": {"type": "string", "maxLength": 64, "description": FIELDS["ref"]}}}
    items = schemas["BatchOut"]["properties"]["items"]
    items["items"] = {"oneOf": [{"$ref": "#/components/schemas/DeadlineOut"},
                                {"$ref": "#/components/schemas/DeadlineBatchErrorOut"}]}


class Converter(OpenAPIConverter):
    """apispec's, except for a field that may be null and has no type (fields.Raw: any JSON value):
    apispec writes `nullable: true` alone, which OpenAPI 3.0 does not allow (nullable needs a
    `type` beside it) and which stops validators from reading the schema at all. An untyped schema
    already accepts null (OpenAPI 3.0.3, `nullable`: it "adds null to the type", and there is none),
    so it is left out; a field of a few types says null in its own `oneOf` (inspections.POPULATION)."""

    def field2nullable(self, field, ret) -> dict:
        out = super().field2nullable(field, ret)
        if out.get("nullable") and "type" not in ret and (self.openapi_version.major, self.openapi_version.minor) == (3, 0):
            out.pop("nullable")
        return out


class Plugin(MarshmallowPlugin):
    Converter = Converter


class Api(errors.Api):
    """Serves the finished document, made once per loaded set of schedules (the examples' answers
    depend on them)."""

    def _init_spec(self, **kwargs):
        kwargs.setdefault("marshmallow_plugin", Plugin())
        super()._init_spec(**kwargs)

    def _openapi_json(self):
        app = flask.current_app
        digest = app.extensions[EXTENSION].schedules.digest
        cached = app.extensions.get("calc.openapi")
        if cached is None or cached[0] != digest:
            client = app.test_client()

            def ask(method, target, body):
                response = client.open(target, method=method.upper(), json=body,
                                       headers={"X-Request-Id": "openapi-example"})
                return response.status_code, response.content_type or "", response.get_data(as_text=True)

            cached = app.extensions["calc.openapi"] = (digest, finish(self.spec.to_dict(), ask))
        return app.response_class(json.dumps(cached[1], indent=2, ensure_ascii=False), mimetype="application/json")
