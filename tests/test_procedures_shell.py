"""The web page and `calc timeline` for issue 17's procedures (the dates are worked by hand in
tests/test_procedures.py)."""
from .test_cli import run, run_json
from .test_web import check_accessible, page


def test_page_takes_a_time_for_detention_and_shows_days_as_dates(client):
    # Detained 2/13 20:30: questioning by 2/14 20:30; arrest request by 2/16 (春节, not moved).
    p, text = page(client, "/timelines?procedure=criminal-detention&start=2026-02-13 20:30")
    assert "02-14 20:30" in text and "2026-02-16" in text and "2026-02-16 00:00" not in text
    assert "不因节假日顺延" in text
    check_accessible(p)
    p, _ = page(client, "/timelines?procedure=criminal-detention&start=2026-02-13", status=422)
    assert "应填日期和时间" in p.errors["start"]


def test_page_extends_custody_and_restarts_it(client):
    # 3/10 + 2 months + all extensions (1+2+2) -> 10/10; restarted 4/20 -> 6/20.
    _, text = page(client, "/timelines?procedure=criminal-custody&start=2026-03-10&ext-investigation-custody=1")
    assert "2026-10-10" in text
    p, text = page(client, "/timelines?procedure=criminal-custody&start=2026-03-10&restart-investigation-custody=2026-04-20")
    assert "2026-06-20" in text and "restart-investigation-custody" in p.ids
    check_accessible(p)
    p, _ = page(client, "/timelines?procedure=criminal-custody&start=2026-03-10&restart-investigation-custody=2026-06-01",
                status=422)
    assert "应在原期间" in p.errors["restart-investigation-custody"]


def test_page_takes_the_days_of_administrative_detention(client):
    p, text = page(client, "/timelines?procedure=detention-execution&start=2026-09-26&duration-detention=10")
    assert "2026-10-06" in text
    check_accessible(p)
    p, text = page(client, "/timelines?procedure=continued-questioning&start=2026-09-30 22:00&ext-questioning=1")
    assert "2026-10-02 22:00" in text and "主管负责人" in text  # 12 + 12 + 24 hours, each approver named
    check_accessible(p)
    p, _ = page(client, "/timelines?procedure=detention-execution&start=2026-09-26&duration-detention=30", status=422)
    assert "1 至 20" in p.errors["duration-detention"]


def test_cli_timeline_with_extension_variant_restart_and_duration(capsys):
    code, out, _ = run(capsys, "timeline", "criminal-detention", "2026-02-13T20:30", "--variant", "arrest-request=roving")
    assert code == 0 and "2026-03-15" in out and "2026-03-22" in out
    body = run_json(capsys, "timeline", "continued-questioning", "2026-09-30T22:00", "--extension", "questioning")
    assert body["completion"] == "2026-10-02T22:00"
    body = run_json(capsys, "timeline", "criminal-custody", "2026-03-10", "--extension", "investigation-custody=1",
                    "--restart", "investigation-custody=2026-04-20")
    assert body["completion"] == "2026-07-20"  # 4/20 + 2 months -> 6/20, + 1 -> 7/20
    body = run_json(capsys, "timeline", "detention-execution", "2026-09-26", "--duration", "detention=10")
    assert body["completion"] == "2026-10-06"
    code, _, err = run(capsys, "timeline", "criminal-custody", "2026-03-10", "--extension", "investigation-custody=2")
    assert code != 0 and "1、3、5个月" in err
