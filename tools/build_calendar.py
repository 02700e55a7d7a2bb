"""Write schedules/calendar/cn/<year>.toml from the public holiday-cn data (2007-) and, for
2004-2006, the chinese-calendar package. A maintenance script, run by hand when a notice is
published; the service never runs it. Review its output against the notice before committing.

    python tools/build_calendar.py ../shared/holiday-cn 2004 2026
"""
import datetime as dt
import json
import re
import sys
from pathlib import Path

TITLE = "国务院办公厅关于{year}年部分节假日安排的通知"
# Numbers and dates of the notices as published (国办发明电). Left out where not checked.
NOTICES = {
    2006: [("国办发明电〔2005〕35号", "2005-12-16")],
    2007: [("国办发明电〔2006〕49号", "2006-12-14")],
    2014: [("国办发明电〔2013〕28号", "2013-12-11")],
    2015: [("国办发明电〔2014〕28号", "2014-12-16"), (None, "2015-05-13")],
    2016: [("国办发明电〔2015〕18号", "2015-12-10")],
    2017: [("国办发明电〔2016〕5号", "2016-12-01")],
    2018: [("国办发明电〔2017〕12号", "2017-11-30")],
    2019: [("国办发明电〔2018〕15号", "2018-12-06"), ("国办发明电〔2019〕2号", "2019-03-22")],
    2020: [("国办发明电〔2019〕16号", "2019-11-21"), ("国办发明电〔2020〕1号", "2020-01-26")],
    2021: [("国办发明电〔2020〕27号", "2020-11-25")],
    2022: [("国办发明电〔2021〕11号", "2021-10-25")],
    2023: [("国办发明电〔2022〕16号", "2022-12-08")],
    2024: [("国办发明电〔2023〕7号", "2023-10-25")],
    2025: [("国办发明电〔2024〕12号", "2024-11-12")],
    2026: [("国办发明电〔2025〕7号", "2025-11-04")],
}
SECOND_TITLES = {
    2015: "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
    2019: "国务院办公厅关于调整2019年劳动节假期安排的通知",
    2020: "国务院办公厅关于延长2020年春节假期的通知",
}
# Days that only the later notice of a year brought in.
SECOND_NOTICE_DAYS = {
    2015: {"2015-09-03", "2015-09-04", "2015-09-05", "2015-09-06"},
    2019: {"2019-04-28", "2019-05-02", "2019-05-03", "2019-05-04", "2019-05-05"},
    2020: {"2020-01-31", "2020-02-01", "2020-02-02"},
}
# Where the notice's text differs from both data sources: the notice decides.
CORRECTIONS = {
    # 国办发明电〔2005〕35号 一、元旦："…12月31日（星期六）上班" (chinese-calendar lacks it)
    2006: [("2005-12-31", "元旦", False)],
}
EN_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def days_from_holiday_cn(folder: Path, year: int):
    data = json.loads((folder / f"{year}.json").read_text("utf-8"))
    return data["papers"], [(d["date"], d["name"], d["isOffDay"]) for d in data["days"]]


def days_from_chinese_calendar(year: int, taken: set):
    """Days off and make-up days of `year` for the years before holiday-cn starts."""
    import chinese_calendar as cc

    out = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        on_holiday, name = cc.get_holiday_detail(day)
        makeup = day.weekday() >= 5 and cc.is_workday(day)
        if name and (on_holiday or makeup) and day.isoformat() not in taken:
            out.append((day.isoformat(), EN_ZH[name], on_holiday))
        day += dt.timedelta(days=1)
    return [], out


def ranges(year, days):
    """Group consecutive days off of one name and one notice into breaks."""
    out = []
    for iso, name, off in sorted(days):
        if not off:
            continue
        day = dt.date.fromisoformat(iso)
        n = notice_of(year, iso)
        if out and out[-1][0] == name and out[-1][3] == n and out[-1][2] + dt.timedelta(days=1) == day:
            out[-1][2] = day
        else:
            out.append([name, day, day, n])
    return out


def notice_of(year, iso):
    return 2 if iso in SECOND_NOTICE_DAYS.get(year, ()) else 1


def render(year, papers, days):
    lines = [f"# {year}年 全国放假调休安排：国务院（办公厅）部分节假日安排的通知，逐条录入。",
             "# 来源：国务院通知原文；逐日数据与公开的 holiday-cn 数据（MIT）及 chinese-calendar 包核对。",
             f"year = {year}", ""]
    known = NOTICES.get(year, [(None, None)])
    count = max(len(papers), len(known), 1)
    for k in range(count):
        number, date = known[k] if k < len(known) else (None, None)
        url = papers[k] if k < len(papers) else None
        posted = None
        if date is None and url:
            m = re.search(r"/(\d{4})-(\d{2})/(\d{2})/", url)
            posted = m and f"{m[1]}-{m[2]}-{m[3]}"
        title = SECOND_TITLES[year] if k == 1 else TITLE.format(year=year)
        lines += ["[[notice]]", f'title = "{title}"']
        if number:
            lines.append(f'number = "{number}"')
        if date:
            lines.append(f"date = {date}")
        if posted:
            lines.append(f"posted = {posted}  # 政策库收录日期（通知日期未核对）")
        if url:
            lines.append(f'url = "{url}"')
        lines.append("")
    for name, first, last, n in ranges(year, days):
        lines += ["[[break]]", f'name = "{name}"', f"from = {first}", f"until = {last}"]
        if n != 1:
            lines.append(f"notice = {n}")
        lines.append("")
    for iso, name, off in sorted(days):
        if off or dt.date.fromisoformat(iso).weekday() < 5:
            continue  # a weekday "working day" entry (2020-02-03, end of the extension) is no make-up day
        n = notice_of(year, iso)
        extra = f", notice = {n}" if n != 1 else ""
        lines.append(f'[[makeup]]\ndate = {iso}\nfor = "{name}"{extra.replace(", ", chr(10))}\n')
    return "\n".join(lines).rstrip() + "\n"


def main(folder, first, last):
    out = Path(__file__).resolve().parent.parent / "schedules" / "calendar" / "cn"
    taken = set()
    for year in range(int(last), int(first) - 1, -1):
        if (Path(folder) / f"{year}.json").exists():
            papers, days = days_from_holiday_cn(Path(folder), year)
        else:
            papers, days = days_from_chinese_calendar(year, taken)
        days = days + CORRECTIONS.get(year, [])
        taken |= {iso for iso, _, _ in days}
        (out / f"{year}.toml").write_text(render(year, papers, days), "utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
