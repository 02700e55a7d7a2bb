"""An answer's first line (issue 28, item 1): the stage people ask about, named in the procedure's
data or chosen, with the other authorities' periods and the completion beneath it; an estimate
says so and gives its range in the same sentence. Dates worked by hand from the law texts and the
2026 notice (国办发明电〔2025〕7号: 国庆 10/1-10/7 off)."""
import datetime as dt
import tomllib

import pytest

from calc import timelines as T
from calc.errors import InvalidInput, ScheduleError
from calc.schedules import Source

D = dt.date
DETAINED = dt.datetime(2026, 9, 28, 10, 0)


@pytest.fixture(scope="module")
def est(schedules):
    def go(pid, start, **kw):
        return T.estimate(schedules.timelines, pid, start, schedules.calendar, schedules.rules, **kw)
    return go


def test_the_detention_answer_leads_with_the_bureaus_arrest_request(est):
    # 刑事诉讼法 第九十一条第一款: 拘留后的三日以内提请审查批准; 第一百零五条第二款: the day of the
    # detention is not counted: 09-29, 09-30, 10-01 -> 2026-10-01; 第一百零五条第四款: in custody the
    # last day is not moved, though 10-01 is 国庆. The procuratorate's seven days (第九十一条第三款)
    # from 10-01: 10-02 .. 10-08 -> 2026-10-08, the completion.
    t = est("criminal-detention", DETAINED)
    h = t.headline
    assert h.stage.stage.id == "arrest-request" and h.due == D(2026, 10, 1)
    assert h.text == "提请人民检察院批准逮捕：最迟 2026-10-01"
    assert not h.provisional and h.estimate == ""
    assert h.beneath == ("人民检察院 · 作出批准或者不批准逮捕的决定：最迟 2026-10-08", "全部办结：最迟 2026-10-08")
    assert t.completion == D(2026, 10, 8)


def test_the_caller_chooses_the_stage_the_answer_leads_with(est):
    t = est("criminal-detention", DETAINED, headline="arrest-decision")
    assert t.headline.stage.stage.id == "arrest-decision" and t.headline.due == D(2026, 10, 8)
    # beneath it, the bureau's own stages are another authority's
    assert "公安机关 · 提请人民检察院批准逮捕：最迟 2026-10-01" in t.headline.beneath


@pytest.mark.parametrize("pid, start, wanted", [
    ("criminal-detention", DETAINED, "no-such-stage"),
    ("internet-cafe-licence-national", D(2026, 9, 21), "business-registration"),  # held at the start: no day
])
def test_a_stage_that_cannot_lead_is_refused_naming_the_field(est, pid, start, wanted):
    with pytest.raises(InvalidInput) as err:
        est(pid, start, headline=wanted)
    assert err.value.field == "headline" and wanted in str(err.value)


def test_without_a_headline_stage_the_answer_leads_with_the_completion(est):
    # 行政许可法 第三十二条 (5 days), 第四十二条 (20 working days), 第四十四条 (10 working days) from
    # 2026-09-01: the answer is the day it is all done, as before.
    t = est("administrative-licence", D(2026, 9, 1))
    assert t.headline.stage is None and t.headline.due == t.completion
    assert t.headline.text == f"最迟 {t.completion.isoformat()} 全部办结" and t.headline.beneath == ()


def test_an_estimated_headline_says_so_and_gives_its_range_in_one_sentence(est):
    # 互联网上网服务营业场所管理条例（2022） from 2026-12-20 (Sun), 2027 by the 放假办法 (no notice):
    # 第十一条第一款 20 WD: 12-21..25 (5), 28-31 (9), 元旦 1/1 off, 1/4-8 (14), 1/11-15 (19), 1/18 (20);
    # 第十一条第二款 the commitment on the spot, 消防法 第十五条 10 WD: 1/19-22 (4), 1/25-29 (9), 2/1 (10);
    # 第十一条第三款 15 WD: 2/2-4 (3), 春节 2/5-2/10 off, 2/11-12 (5), 2/15-19 (10), 2/22-26 (15) -> 02-26.
    t = est("internet-cafe-licence-national", D(2026, 12, 20), provisional=True)
    h = t.headline
    assert h.stage.stage.id == "culture-final" and h.due == D(2027, 2, 26) and h.provisional
    first, last = h.range
    assert first < D(2027, 2, 26) < last  # so the day is not the latest: no 最迟 in the sentence
    assert h.text == (f"预计 2027-02-26 取得《网络文化经营许可证》（推定：本系统尚未收录2027年的国务院节假日安排，"
                      f"实际可能在 {first.isoformat()} 至 {last.isoformat()} 之间）")
    assert "最迟" not in h.text


def test_an_estimate_that_is_the_latest_of_its_range_says_latest(est):
    # 行政强制法 第二十五条: 30 days from 2026-12-04: 12-05 .. 2027-01-03 (a Sunday) -> moved to Monday
    # 01-04 (元旦 2027-01-01 is a Friday). A notice could make 01-03 a make-up working day, never later.
    t = est("seizure", D(2026, 12, 4), provisional=True)
    h = t.headline
    assert h.due == D(2027, 1, 4) and h.range[1] == D(2027, 1, 4)
    assert h.text.startswith("预计最迟 2027-01-04 全部办结（推定：本系统尚未收录2027年的国务院节假日安排，实际可能在 ")


def test_a_headline_stage_must_be_a_stage_of_every_version():
    texts = "\n".join(f'[texts.{n}]\ntext = "x"\nbasis = "y"' for n in T.TEXTS)
    stage = 'id = "{sid}"\nauthority = "x"\ntitle = "t"\nperiod = {{ amount = 5, unit = "days" }}\nbasis = "b"\n'
    text = (f'{texts}\n[[procedure]]\nid = "p"\ntitle = "t"\nstart_label = "s"\nheadline = "b"\n'
            f'[[procedure.version]]\nlabel = "v1"\neffective = {{ from = 2020-01-01, until = 2020-12-31 }}\n'
            f'[[procedure.version.stage]]\n{stage.format(sid="a")}[[procedure.version.stage]]\n{stage.format(sid="b")}'
            f'[[procedure.version]]\nlabel = "v2"\neffective = {{ from = 2021-01-01 }}\n'
            f'[[procedure.version.stage]]\n{stage.format(sid="a")}')
    with pytest.raises(ScheduleError) as err:
        T.load([Source("timelines/x.toml", tomllib.loads(text))], {})
    assert "headline" in str(err.value) and "没有编号为 b 的阶段" in str(err.value)


def test_the_county_note_can_be_said_without_the_national_date(est):
    # The page answers one chain and links to the other: the county's note says how they differ,
    # and the national completion only where it is asked for (the API keeps its v1 text).
    t = est("internet-cafe-licence", D(2026, 9, 21))
    n = next(x for x in t.notes if x.code == "differs_from_national")
    assert "同日申请最迟于" in n.text and "同日申请最迟于" not in n.without("national_completion")
    assert n.text.startswith(n.without("national_completion"))
