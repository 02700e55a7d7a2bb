"""The one date reader for people (web pages and `calc`): every way a person writes a day reads back as
that day; a day that does not exist, or is not a date, is one Chinese sentence (ValueError); the API
stays strict ISO."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from calc import cli
from calc.people_dates import read_date, read_moment, read_month

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
FULL_WIDTH = str.maketrans("0123456789-/.:", "０１２３４５６７８９－／．：")


def spellings(d: dt.date) -> list[str]:
    """The forms issue 20 lists, written independently of the reader."""
    return [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}/{d.month:02d}/{d.day:02d}",
            f"{d.year}.{d.month}.{d.day}", f"{d.year:04d}{d.month:02d}{d.day:02d}",
            f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日", f" {d.isoformat()} "]


@given(DAYS)
def test_every_spelling_of_a_day_reads_back_as_that_day(d):
    for text in spellings(d):
        assert read_date(text) == d, text
        assert read_date(text.translate(FULL_WIDTH)) == d, text.translate(FULL_WIDTH)


@given(DAYS, st.integers(0, 23), st.integers(0, 59))
def test_a_date_and_a_time_read_back(d, hour, minute):
    want = dt.datetime(d.year, d.month, d.day, hour, minute)
    for text in (f"{d.isoformat()}T{hour:02d}:{minute:02d}", f"{d.isoformat()} {hour}:{minute:02d}",
                 f"{d.year}年{d.month}月{d.day}日 {hour:02d}:{minute:02d}"):
        assert read_moment(text, hours=True) == want, text
        assert read_moment(text.translate(FULL_WIDTH)) == want
    assert read_moment(d.isoformat()) == d


@given(st.text(max_size=30))
def test_anything_else_is_a_value_error_or_a_date_in_range(text):
    try:
        value = read_date(text)
    except ValueError as err:
        assert str(err).endswith("。") and str(err)
    else:
        assert dt.date(1900, 1, 1) <= value <= dt.date(2200, 12, 31)


@pytest.mark.parametrize("text, words", [
    ("２０２６－０２－３０", "2026年2月没有30日（该月只有28天）"),  # 2026 is not a leap year
    ("20261320", "没有13月"),
    ("2026-12", "格式应为 年-月-日"),
    ("tomorrow", "格式应为 年-月-日"),
    ("2201-01-01", "应在 1900-01-01 至 2200-12-31 之间"),
    ("2026122", "格式应为 年-月-日"),  # seven digits: which day is meant is a guess
])
def test_what_is_not_a_day_is_said_in_chinese(text, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        read_date(text)


def test_hours_need_a_time_and_a_real_one():
    with pytest.raises(ValueError, match="应填日期和时间"):
        read_moment("2026-02-16", hours=True)
    with pytest.raises(ValueError, match="时间 24:00 不存在"):
        read_moment("2026-02-16 24:00", hours=True)


@pytest.mark.parametrize("text, want", [("2026-10", (2026, 10)), ("2026/1", (2026, 1)), ("202610", (2026, 10)),
                                        ("2026年10月", (2026, 10)), ("２０２６－１０", (2026, 10)),
                                        ("2026-10-21", (2026, 10))])
def test_months(text, want):
    assert read_month(text) == want


def test_the_command_line_reads_the_same_forms(capsys):
    # 2026-09-21 + 5 working days: 22, 23, 24 (Tue-Thu), 25 is 中秋节 (off, 国办发明电〔2025〕7号), 26-27
    # off, 28, 29 -> 2026-09-29
    for text in ("2026-09-21", "2026/9/21", "20260921", "2026年9月21日", "２０２６－０９－２１"):
        assert cli.main(["due", text, "5", "workdays"]) == 0
        out, _ = capsys.readouterr()
        assert out.startswith("届满日：2026-09-29"), (text, out)


def test_the_api_stays_strict_iso(client):
    r = client.post("/v1/deadlines", json={"start": "2026/09/21", "amount": 5, "unit": "workdays"})
    assert r.status_code == 422 and "start" in r.get_data(as_text=True)


@pytest.mark.parametrize("url, want", [
    # 2026-09-16 + 15 days = 10-01 (国庆节, off to 10-07) -> 10-08, as tests/test_web.py counts it
    ("/deadline?start=２０２６－０９－１６&amount=15&unit=days", "2026-10-08"),
    ("/deadline?start=20260916&amount=15&unit=days", "2026-10-08"),
    ("/deadline?start=2026年9月16日&amount=15&unit=days", "2026-10-08"),
])
def test_the_pages_read_the_same_forms(client, url, want):
    r = client.get(url)
    assert r.status_code == 200
    assert f'<time datetime="{want}" class="due">' in r.get_data(as_text=True)


def test_date_fields_ask_phones_for_digits(client):
    text = client.get("/deadline").get_data(as_text=True)
    assert 'id="start" name="start"' in text and 'inputmode="numeric"' in text
    text = client.get("/calendar?month=２０２６年１０月").get_data(as_text=True)
    assert "国庆节" in text
