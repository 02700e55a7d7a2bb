"""POST /v1/timelines/{id} for the traffic brigade's procedures (API.md "Road traffic": `traffic-accident`
with its stages, `licence-renewal` with the window's first day in `earliest`). Dates worked by hand in
tests/test_traffic_procedures.py; here the contract."""
import pytest

ACCIDENT_STAGES = ("determination", "service", "review-request", "review-decision", "mediation-request", "mediation")


def post(client, pid, body):
    return client.post(f"/v1/timelines/{pid}", json=body)


def test_the_contract_ids_are_listed(client):
    items = {p["id"]: p for p in client.get("/v1/timelines").json["items"]}
    for pid in ("traffic-accident", "licence-renewal", "traffic-camera-violation", "traffic-handling-notice",
                "traffic-vehicle-detention", "traffic-blood-test", "vehicle-registration", "vehicle-transfer",
                "vehicle-change", "plate-replacement"):
        assert pid in items, pid
    ids = [s["id"] for s in items["traffic-accident"]["stages"]]
    assert [i for i in ids if i in ACCIDENT_STAGES] == list(ACCIDENT_STAGES)  # in the contract's order
    renewal = items["licence-renewal"]["stages"][0]
    assert (renewal["id"], renewal["kind"], renewal["amount"]) == ("renewal", "window", None)


def test_accident_from_the_scene_investigation(client):
    # Scene Mon 2026-09-28, mediation begins 11-05: 10 WD across 国庆 with the 10-10 make-up Saturday.
    r = post(client, "traffic-accident", {"start": "2026-09-28", "event": "2026-11-05"})
    assert r.status_code == 200, r.json
    got = {s["id"]: s["due"] for s in r.json["stages"]}
    assert {k: got[k] for k in ACCIDENT_STAGES} == {
        "determination": "2026-10-16", "service": "2026-10-21", "review-request": "2026-10-26",
        "review-decision": "2026-11-27", "mediation-request": "2026-11-04", "mediation": "2026-11-19"}
    stages = {s["id"]: s for s in r.json["stages"]}
    assert (stages["determination"]["amount"], stages["determination"]["unit"]) == (10, "workdays")
    assert (stages["review-decision"]["amount"], stages["review-decision"]["unit"]) == (30, "days")
    counted = next(s for s in stages["determination"]["steps"] if s["rule"].startswith("自次日起数第10个工作日"))
    assert "第一百一十二条第（五）项" in counted["basis"]
    assert any(c["law"] == "道路交通事故处理程序规定" and c["article"] == 112 and c["item"] == 5
               for c in counted["cites"])
    assert stages["determination"]["citation"] == "《道路交通事故处理程序规定》第六十二条第一款"
    assert r.json["completion"] == "2026-10-21" and r.json["version"]["effective"]["from"] == "2018-05-01"


def test_licence_renewal_window_in_earliest(client):
    # Expiry 2027-01-20: the window opens 2026-10-22 and closes on the expiry, no 2027 notice needed; the
    # optional issue stage (1 WD after the last day) needs 2027 and is left undated with a note.
    r = post(client, "licence-renewal", {"start": "2027-01-20"})
    assert r.status_code == 200, r.json
    s = r.json["stages"][0]
    assert (s["id"], s["kind"], s["start"], s["due"], s["provisional"]) == (
        "renewal", "window", "2027-01-20", "2027-01-20", False)
    assert (s["earliest"]["date"], s["earliest"]["amount"], s["earliest"]["unit"]) == ("2026-10-22", 90, "days")
    assert s["earliest"]["citation"].startswith("《机动车驾驶证申领和使用规定》第六十三条第一款")
    assert r.json["completion"] == "2027-01-20" and r.json["provisional"] is False
    assert [n["details"]["year"] for n in r.json["notes"] if n["code"] == "calendar_gap"] == [2027]
    r = post(client, "licence-renewal", {"start": "2027-01-20", "actual": {"renewal": "2026-12-31"},
                                         "provisional": True})
    issue = r.json["stages"][1]
    assert (issue["due"], issue["provisional"]) == ("2027-01-04", True) and issue["range"]["latest"] == "2027-01-04"


@pytest.mark.parametrize("pid, body, field", [
    ("licence-renewal", {"start": "2027-01-20", "actual": {"renewal": "2026-10-21"}}, "actual.renewal"),
    ("licence-renewal", {"start": "2022-03-31"}, "start"),
    ("traffic-accident", {"start": "2026-09-28", "variants": {"service": "regulation"}}, "variants.service"),
    ("traffic-accident", {"start": "2026-09-28", "extensions": {"determination": True}}, "extensions.determination"),
])
def test_bad_traffic_inputs_name_the_field(client, pid, body, field):
    r = post(client, pid, body)
    assert r.status_code == 422, r.json
    assert field in str(r.json)


def test_a_violation_and_a_registration_period(client):
    # Camera record 9/21 -> entered 9/29 -> notice 10/12 -> handled by 11/11 (30 calendar days).
    r = post(client, "traffic-camera-violation", {"start": "2026-09-21"})
    assert r.status_code == 200 and [s["due"] for s in r.json["stages"]] == ["2026-09-29", "2026-10-12", "2026-11-11"]
    # Delivered 9/1: apply by 10/1 -> 国庆 -> 10/8; registered 10/9.
    r = post(client, "vehicle-transfer", {"start": "2026-09-01"})
    assert r.status_code == 200 and [s["due"] for s in r.json["stages"]] == ["2026-10-08", "2026-10-09"]
