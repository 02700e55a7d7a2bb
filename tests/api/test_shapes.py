"""One shape per answer (issue 14, item 5): what /openapi.json documents for each response is what
the answers send, both ways.

A corpus of real requests covers every operation (every violation, procedure, regime, event,
threshold and responsibility entry the schedules hold, and the error bodies). Each answer is walked
alongside its documented response schema: a key an answer sends that the schema does not list is
a failure, and so is a documented property that no answer in the corpus ever sends.
"""
from __future__ import annotations

import itertools
from urllib.parse import quote

import jsonschema
import pytest

from tests.api.test_openapi import nullable_to_jsonschema

# Documented properties the corpus cannot make an answer send, each with the reason it stays.
RARE = {
    "PaginationMetadata.*": "flask-smorest's own schema, always in the document, used by no operation",
}


def _corpus(client):
    """(method, path template, url, json body) of the requests whose answers are compared."""
    out = []

    def add(method, template, url=None, body=None):
        out.append((method, template, url or template, body))

    add("get", "/healthz")
    add("get", "/v1/meta")
    for template, url in (("/readyz", None), ("/metrics", None)):
        if client.get(template).status_code != 404:
            add("get", template, url)
    add("get", "/v1/calendar/workdays", "/v1/calendar/workdays?start=2026-02-01&end=2026-02-28")
    add("get", "/v1/calendar/workdays", "/v1/calendar/workdays?start=2026-12-01&end=2027-01-31&provisional=true")
    add("get", "/v1/calendar/workdays", "/v1/calendar/workdays?start=2026-13-01")
    for year in (2026, 2008, 2030):
        add("get", "/v1/calendar/{year}.json", f"/v1/calendar/{year}.json")
    for day in ("2026-10-05", "2026-02-14", "2026-03-04", "2026-03-07", "2027-02-08?provisional=true", "2027-03-01"):
        add("get", "/v1/calendar/{date}", f"/v1/calendar/{day}")
    deadline = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}
    bodies = [deadline, deadline | {"steps": False, "ref": "r"}, deadline | {"unit": "weeks"},
              {"start": "2026-12-21", "amount": 20, "unit": "workdays"},
              {"start": "2026-12-21", "amount": 20, "unit": "workdays", "provisional": True},
              deadline | {"pauses": [{"start": "2026-09-24", "end": "2026-10-09", "reason": "专家评审"}],
                          "extension": {"amount": 1, "unit": "workdays", "basis": "x"}},
              {"start": "2026-10-24", "amount": 20, "unit": "days", "direction": "before"}]
    for body in bodies:
        add("post", "/v1/deadlines", body=body)
    add("post", "/v1/deadlines/batch", body={"items": bodies + ["x", deadline | {"unit": "weeks", "ref": "bad"}]})
    add("post", "/v1/deadlines/batch", body={"items": 1})

    violations = client.get("/v1/penalties").json["items"]
    add("get", "/v1/penalties", "/v1/penalties?q=典当")
    add("get", "/v1/penalties", "/v1/penalties?q=" + "x" * 201)
    add("get", "/v1/penalties/{vid}", "/v1/penalties/no-such-violation")
    add("get", "/v1/penalties", "/v1/penalties?law=" + quote("治安管理处罚法（2025）") + "&article=68")  # issue 16
    add("get", "/v1/penalties", "/v1/penalties?article=68")
    add("get", "/v1/laws", "/v1/laws")
    for v in violations:
        add("get", "/v1/penalties/{vid}", f"/v1/penalties/{v['id']}")
        detail = client.get(f"/v1/penalties/{v['id']}").json
        codes = sorted({b["when"] for version in detail["versions"] for b in version["bands"]} - {"base"})
        for party, act, circumstances in itertools.product(
                ("individual", "organization"), ("2010-01-01", "2020-06-01", "2026-03-01"), ([], codes)):
            add("post", "/v1/penalties/{vid}/assess", f"/v1/penalties/{v['id']}/assess",
                {"act_date": act, "decision_date": "2026-03-20", "party": party, "circumstances": circumstances})
        add("post", "/v1/penalties/{vid}/assess", f"/v1/penalties/{v['id']}/assess",
            {"act_date": "2026-12-01", "decision_date": "2026-12-20", "party": "individual",
             "harm_to_life_health_finance": True, "provisional": True})
    for fine, served, paid in ((500, "2026-03-02", "2026-03-31"), (100, "2026-01-05", "2026-12-31"),
                               (100, "2026-01-05", "2026-01-06"), (100, "2026-12-20", "2027-03-01")):
        add("post", "/v1/penalties/late-fee", body={"fine": fine, "served": served, "paid": paid})
    add("post", "/v1/penalties/late-fee", body={"fine": 100, "served": "2026-12-20", "paid": "2027-03-01",
                                                "provisional": True})
    add("get", "/v1/thresholds")
    for t in client.get("/v1/thresholds").json["items"]:
        add("get", "/v1/thresholds/{tid}", f"/v1/thresholds/{t['id']}")
        facts = {}
        for f in t["facts"]:
            facts[f["name"]] = next(iter(f["choices"])) if f.get("choices") else 1000
        for given in (facts, {k: 0 if isinstance(v, int) else v for k, v in facts.items()}, {}):
            add("post", "/v1/thresholds/{tid}/assess", f"/v1/thresholds/{t['id']}/assess", {"facts": given})

    add("get", "/v1/timelines")
    for p in client.get("/v1/timelines").json["items"]:
        add("get", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}")
        hours = any(s.get("unit") == "hours" for s in p["stages"])
        start = "2026-03-02T09:30" if hours else "2026-03-02"
        stages = [s["id"] for s in p["stages"]]
        event = {"event": "2026-03-20"} if p.get("event_label") else {}
        add("post", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}",
            {"start": start, "as_of": "2026-12-30"} | event)
        add("post", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}",
            {"start": start, "extensions": {s["id"]: True for s in p["stages"] if s.get("extension")},
             "actual": {stages[0]: start}, "provisional": True} | event)
        late = "2026-12-28T09:30" if hours else "2026-12-28"  # into 2027, whose notice is not out: ranges
        add("post", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}",
            {"start": late, "provisional": True} | ({"event": "2027-01-20"} if event else {}))
        for s in p["stages"]:
            for variant in s.get("variants") or ():
                add("post", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}",
                    {"start": start, "variants": {s["id"]: variant["code"]}} | event)
            if s.get("pauses"):
                add("post", "/v1/timelines/{procedure_id}", f"/v1/timelines/{p['id']}",
                    {"start": start,
                     "pauses": {s["id"]: [{"start": "2026-03-05", "end": "2026-03-06", "reason": "x"}]}} | event)

    add("get", "/v1/events", "/v1/events?start=2026-01-01&end=2026-12-31")
    for e in client.get("/v1/events?start=2026-01-01&end=2026-12-31").json["items"]:
        add("get", "/v1/events/{event_id}", f"/v1/events/{e['id']}?start=2026-01-01&end=2026-12-31")

    add("get", "/v1/inspections")
    for r in client.get("/v1/inspections").json["items"]:
        add("get", "/v1/inspections/{regime_id}", f"/v1/inspections/{r['id']}")
        requirements = [q["id"] for q in r["requirements"]]
        for body in ({"start": "2026-01-01", "end": "2026-12-31"},
                     {"start": "2026-02-10", "end": "2026-05-20", "population": 40},
                     {"start": "2026-11-01", "end": "2027-02-28", "population": 40, "provisional": True}):
            add("post", "/v1/inspections/{regime_id}/plan", f"/v1/inspections/{r['id']}/plan", body)
            log = [{"date": body["start"], "requirement": q, "units": 3} for q in requirements]
            add("post", "/v1/inspections/{regime_id}/compliance", f"/v1/inspections/{r['id']}/compliance",
                body | {"log": log})

    _traffic(client, add)

    add("get", "/v1/responsibilities", "/v1/responsibilities")
    for q in ("传销", "户口", "网吧", "消防"):
        add("get", "/v1/responsibilities", f"/v1/responsibilities?q={q}")
    for item in client.get("/v1/responsibilities").json["items"]:
        if item.get("id"):
            add("get", "/v1/responsibilities/{ident}", f"/v1/responsibilities/{item['id']}")
    return out


def _traffic(client, add):
    """Every traffic act's detail and an assessment of it, and the measured and points answers with
    every optional part present at least once (payment late, two versions, a study, a review)."""
    add("get", "/v1/traffic/codes")
    add("get", "/v1/traffic/violations", "/v1/traffic/violations?q=" + quote("超速"))
    add("get", "/v1/traffic/violations", "/v1/traffic/violations?law=" + quote("道路交通安全法") + "&article=99")
    add("get", "/v1/traffic/violations", "/v1/traffic/violations?law=" + quote("道路交通安全法"))
    add("get", "/v1/traffic/violations/{vid}", "/v1/traffic/violations/traffic.nope")
    base = {"act_date": "2026-03-02", "decision_date": "2026-03-20"}
    for item in client.get("/v1/traffic/violations").json["items"]:
        vid = item["id"]
        add("get", "/v1/traffic/violations/{vid}", f"/v1/traffic/violations/{vid}")
        measure = client.get(f"/v1/traffic/violations/{vid}").json["measure"]
        facts = {"vehicle": "small_passenger", "road": "other", "seats": 5}
        if measure:
            facts |= {"over_percent": 25, "total_over_percent": 25}
        add("post", "/v1/traffic/violations/{vid}/assess", f"/v1/traffic/violations/{vid}/assess", base | facts)
    for vid, body in (("traffic.hb-76-1", {"served": "2026-01-05", "paid": "2026-12-31"}),
                      ("traffic.law-91-1", {"circumstances": ["repeated"], "served": "2026-03-20", "fine": 1500}),
                      ("traffic.pts-10-7", {"decision_date": "2026-06-02"}),
                      ("traffic.hb-76-1", {"act_date": "2021-05-02", "decision_date": "2021-06-01"}),
                      ("traffic.law-91-5", {}), ("traffic.hb-79-3", {})):
        add("post", "/v1/traffic/violations/{vid}/assess", f"/v1/traffic/violations/{vid}/assess", base | body)
    for vehicle, road, measured in (("small_passenger", "expressway", 150), ("medium_large_truck", "other", 115),
                                    ("small_passenger", "other", 90)):
        add("post", "/v1/traffic/speeding", body=base | {"vehicle": vehicle, "road": road, "limit": 100,
                                                         "measured": measured})
    add("post", "/v1/traffic/overloading", body=base | {"vehicle": "truck", "kind": "goods", "rated": 1000,
                                                        "carried": 1300, "permitted_total": 3000, "total": 3900})
    add("post", "/v1/traffic/overloading", body=base | {"vehicle": "small_passenger", "kind": "passengers",
                                                        "rated": 5, "carried": 8})
    cycle = {"first_licence": "2015-06-10", "on": "2026-03-01", "provisional": True}
    for body in ({"vehicle": "large_truck", "entries": [{"date": "2025-03-01", "points": 3, "unpaid": True},
                                                        {"date": "2025-09-01", "points": 12},
                                                        {"date": "2024-01-01", "points": 1}]},
                 {"vehicle": "small_car", "entries": [{"date": "2025-09-01", "violation": "traffic.hb-77-7", "road": "other"}],
                  "reductions": [{"date": "2025-10-01", "kind": "onsite"}], "review_facts": ["fatal_accident"]},
                 {"first_licence": "2015-06-10", "on": "2022-03-01", "entries": [{"date": "2021-09-01", "points": 12}]},
                 {"vehicle": "tank"}):
        add("post", "/v1/traffic/points", body=cycle | body)


class Shapes:
    def __init__(self, spec):
        self.spec = spec
        self.schemas = spec["components"]["schemas"]
        self.sent: dict[str, set] = {}  # component -> properties some answer sent
        self.problems: list[str] = []
        root = nullable_to_jsonschema({"components": spec["components"]})
        self.root = root

    def resolve(self, schema, owner):
        while "$ref" in schema:
            owner = schema["$ref"].rsplit("/", 1)[1]
            schema = self.schemas[owner]
        return schema, owner

    def fits(self, value, schema) -> bool:
        return jsonschema.Draft7Validator(dict(nullable_to_jsonschema(schema),
                                               components=self.root["components"])).is_valid(value)

    def walk(self, value, schema, owner, where):
        schema, owner = self.resolve(schema, owner)
        if value is None:
            return
        for key in ("allOf",):
            for part in schema.get(key, ()):
                self.walk(value, part, owner, where)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                # the most particular option that fits: a named schema before a bare {"type": "object"}
                options = sorted((o for o in schema[key] if self.fits(value, o)), key=lambda o: "$ref" not in o) \
                    or schema[key][:1]
                self.walk(value, options[0], owner, where)
        if isinstance(value, dict):
            props = schema.get("properties")
            if props is None:
                extra = schema.get("additionalProperties")
                if isinstance(extra, dict) and extra:
                    for k, v in value.items():
                        self.walk(v, extra, owner, f"{where}.{k}")
                return
            for k, v in value.items():
                if k not in props:
                    self.problems.append(f"{owner}.{k}: sent by {where}, not documented")
                    continue
                self.sent.setdefault(owner, set()).add(k)
                self.walk(v, props[k], owner, f"{where}.{k}")
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for v in value:
                self.walk(v, schema["items"], owner, where)

    def reachable(self, schema, found=None):
        found = set() if found is None else found
        if isinstance(schema, dict):
            if "$ref" in schema:
                kind, name = schema["$ref"].split("/")[-2:]
                if kind == "responses":
                    self.reachable(self.spec["components"]["responses"][name], found)
                elif name not in found:
                    found.add(name)
                    self.reachable(self.schemas[name], found)
            for v in schema.values():
                self.reachable(v, found)
        elif isinstance(schema, list):
            for v in schema:
                self.reachable(v, found)
        return found


def test_every_answer_sends_what_its_operation_documents_both_ways(app):
    client = app.test_client()
    spec = client.get("/openapi.json").json
    shapes = Shapes(spec)
    covered, statuses = set(), {}
    for method, template, url, body in _corpus(client):
        response = client.open(url, method=method.upper(), json=body)
        assert response.status_code < 500, (url, response.status_code)
        statuses.setdefault((method, template), set()).add(response.status_code)
        op = spec["paths"][template][method]
        documented = op["responses"].get(str(response.status_code)) or op["responses"].get("default")
        assert documented, f"{method} {url}: {response.status_code} is not documented"
        if "$ref" in documented:
            documented = spec["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
        if not response.is_json:
            continue
        schema = (documented.get("content") or {}).get("application/json", {}).get("schema")
        assert schema is not None, f"{method} {template} {response.status_code}: no JSON schema documented"
        covered.add((method, template))
        shapes.walk(response.json, schema, template, f"{method.upper()} {url[:60]}")
    json_operations = {(m, p) for p, ops in spec["paths"].items() for m, op in ops.items()
                       if m in ("get", "post") and "application/json" in str(op["responses"].get("200", {}))}
    assert json_operations <= covered, sorted(json_operations - covered)
    answered = {op for op, codes in statuses.items() if any(200 <= c < 300 for c in codes)}
    assert json_operations <= answered, f"the corpus gets no answer from {sorted(json_operations - answered)}"
    reachable = set()
    for p, ops in spec["paths"].items():
        for m, op in ops.items():
            if m in ("get", "post"):
                shapes.reachable(op["responses"], reachable)
    unsent = [f"{name}.{prop}" for name in sorted(reachable)
              for prop in (shapes.schemas[name].get("properties") or {})
              if prop not in shapes.sent.get(name, set()) and f"{name}.*" not in RARE and f"{name}.{prop}" not in RARE]
    problems = sorted(set(shapes.problems))
    assert not problems, "answers send undocumented keys:\n" + "\n".join(problems[:60])
    assert not unsent, "documented, never sent by any answer in the corpus:\n" + "\n".join(unsent)
