"""POST /v1/timelines/{id} for issue 17's procedures (criminal custody, continued questioning, the
administrative case rules). Dates worked by hand in tests/test_procedures.py; here the contract:
date-times for hour stages, dates for day stages, 422 naming the field."""
import pytest

NEW = ("criminal-summons", "criminal-detention", "criminal-arrest", "criminal-custody", "bail", "residential-surveillance",
       "continued-questioning", "police-hearing", "seizure", "evidence-preservation", "fast-track",
       "appraisal-opinion", "on-the-spot-filing", "fine-handover", "suspended-detention", "detention-execution",
       "court-enforcement", "emergency-measure-report", "criminal-filing-refusal", "transferred-case", "filing-supervision")


def post(client, pid, body):
    return client.post(f"/v1/timelines/{pid}", json=body)


def test_the_new_ids_are_listed_with_their_chains_of_extensions(client):
    items = {p["id"]: p for p in client.get("/v1/timelines").json["items"]}
    for pid in NEW:
        assert pid in items, pid
    custody = items["criminal-custody"]["stages"][0]
    assert [r["amount"] for r in custody["renewals"]] == [1, 2, 2]
    assert custody["restart"]["basis"].startswith("刑事诉讼法 第一百六十条")
    assert custody["restricts_liberty"] is True
    assert items["detention-execution"]["stages"][0]["decided_amount"]["what"] == "行政拘留决定的日数"


def test_detention_mixes_hours_and_days(client):
    # Detained 2/13 20:30: 24 hours -> 2/14 20:30; 3 days -> 2/16 (春节, in custody: not moved); 7 -> 2/23.
    r = post(client, "criminal-detention", {"start": "2026-02-13T20:30"})
    assert r.status_code == 200, r.json
    got = {s["id"]: s["due"] for s in r.json["stages"]}
    assert got == {"custody": "2026-02-14T20:30", "family-notice": "2026-02-14T20:30",
                   "questioning": "2026-02-14T20:30", "arrest-request": "2026-02-16",
                   "arrest-decision": "2026-02-23"}
    assert r.json["completion"] == "2026-02-23"


def test_custody_restart_and_extensions(client):
    # Arrested 3/10, other major crime found 4/20: 2 months -> 6/20; +1 +2 months -> 9/20.
    r = post(client, "criminal-custody", {"start": "2026-03-10", "restarts": {"investigation-custody": "2026-04-20"},
                                          "extensions": {"investigation-custody": 3}})
    assert r.status_code == 200, r.json
    s = r.json["stages"][0]
    assert (s["start"], s["due"]) == ("2026-04-20", "2026-09-20")
    assert s["extension"]["amount"] == 3 and s["extension"]["unit"] == "months"


def test_detention_days_given_by_the_decision(client):
    # Admitted 9/26, 10 days (拘留所条例 第三十二条) -> 10/6.
    r = post(client, "detention-execution", {"start": "2026-09-26", "durations": {"detention": 10}})
    assert r.status_code == 200 and r.json["completion"] == "2026-10-06"


@pytest.mark.parametrize("pid, body, field", [
    ("criminal-detention", {"start": "2026-02-13"}, "start"),                      # hours need a time
    ("criminal-detention", {"start": "2026-02-30T10:00"}, "start"),                # no such day
    ("criminal-detention", {"start": "2026-02-13T25:00"}, "start"),                # no such hour
    ("criminal-detention", {"start": "2026-02-13T20:30", "variants": {"arrest-request": "gang"}},
     "variants.arrest-request"),
    ("criminal-detention", {"start": "2026-02-13T20:30", "extensions": {"arrest-request": 5}},
     "extensions.arrest-request"),
    ("criminal-custody", {"start": "2026-03-10", "extensions": {"investigation-custody": 6}},
     "extensions.investigation-custody"),
    ("continued-questioning", {"start": "2026-03-10T08:00", "extensions": {"questioning": 40}},
     "extensions.questioning"),
    ("criminal-custody", {"start": "2026-03-10", "restarts": {"investigation-custody": "2026-06-01"}},
     "restarts.investigation-custody"),
    ("criminal-custody", {"start": "2026-03-10", "restarts": {"investigation-custody": "someday"}},
     "restarts"),
    ("detention-execution", {"start": "2026-09-26", "durations": {"detention": 21}}, "durations.detention"),
    ("detention-execution", {"start": "2026-09-26", "durations": {"detention": "10"}}, "durations"),
    ("seizure", {"start": "2026-09-01", "extensions": {"seizure": 31}}, "extensions.seizure"),
])
def test_bad_input_is_a_422_naming_the_field(client, pid, body, field):
    r = post(client, pid, body)
    assert r.status_code == 422, r.json
    assert any(k == field or k.startswith(field + ".") for k in r.json["errors"]), r.json


def test_detention_as_calendar_events_timed_and_all_day(client):
    # The 24-hour stages end 2/14 20:30 (Beijing time); the arrest request 2/16 and decision 2/23 are days.
    r = client.post("/v1/timelines/criminal-detention", json={"start": "2026-02-13T20:30"},
                    headers={"Accept": "text/calendar"})
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    starts = [line for line in r.get_data(as_text=True).splitlines() if line.startswith("DTSTART")]
    assert starts.count("DTSTART;TZID=Asia/Shanghai:20260214T203000") == 3
    assert "DTSTART;VALUE=DATE:20260216" in starts and "DTSTART;VALUE=DATE:20260223" in starts
