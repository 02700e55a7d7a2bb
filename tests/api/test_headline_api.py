"""POST /v1/timelines/{id} leads with the stage people ask about (issue 28, item 1): `headline`, an
addition; the request may choose the stage (`headline`), and a stage that cannot lead is a 422
naming the field. Dates worked by hand in tests/test_headline.py."""

HOURS_FORMAT = "（日期时间，如 2026-02-16T20:30）"


def test_the_answer_carries_its_headline(client):
    r = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00"})
    assert r.status_code == 200
    assert r.json["headline"] == {"stage": "arrest-request", "due": "2026-10-01",
                                  "text": "提请人民检察院批准逮捕：最迟 2026-10-01", "provisional": False}
    assert r.json["completion"] == "2026-10-08"  # unchanged: the procuratorate's decision


def test_the_request_chooses_the_headline(client):
    r = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00", "headline": "arrest-decision"})
    assert r.json["headline"]["stage"] == "arrest-decision" and r.json["headline"]["due"] == "2026-10-08"


def test_an_unknown_headline_is_a_422_naming_the_field_in_chinese(client):
    r = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00", "headline": "arrest"})
    assert r.status_code == 422 and r.json["details"][0]["field"] == "headline"
    assert "本程序没有可作为标题的阶段 arrest" in r.json["message"]


def test_a_completion_headline_has_no_stage_and_an_estimate_its_range(client):
    # 行政许可法 第四十二条、第四十四条 from 2026-12-01: 2027-01-13, estimated (tests/test_cli_same_answer.py)
    r = client.post("/v1/timelines/administrative-licence", json={"start": "2026-12-01", "provisional": True})
    h = r.json["headline"]
    assert h["stage"] is None and h["due"] == "2027-01-13" and h["provisional"] is True
    assert h["range"] == r.json["completion_range"]
    assert f"实际可能在 {h['range']['earliest']} 至 {h['range']['latest']} 之间" in h["text"]


def test_an_hour_procedures_start_label_keeps_its_v1_words(client):
    # v1 wrote the API's own format into these labels; the schedules now hold the label alone (the
    # page and the CLI show it), and the API adds the format back.
    items = {p["id"]: p for p in client.get("/v1/timelines").json["items"]}
    assert items["criminal-detention"]["start_label"] == "拘留时间" + HOURS_FORMAT
    assert items["summons-questioning"]["start_label"] == "被传唤人到案时间" + HOURS_FORMAT
    for p in items.values():
        hours = any(s["unit"] == "hours" for s in p["stages"])
        assert p["start_label"].endswith(HOURS_FORMAT) == hours, p["id"]
    r = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00"})
    assert r.json["start_label"] == "拘留时间" + HOURS_FORMAT
