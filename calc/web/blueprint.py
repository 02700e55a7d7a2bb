"""The pages' blueprint and their menu, apart from calc/web/__init__.py so that each page module
can register its routes on `bp` without importing the package that imports it (no cycle)."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, url_for

from .. import __version__
from ..app_state import current, today

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/assets/web")

# (module, endpoint, title, one line) in the order of the home page and the menu.
PAGES = [
    ("penalties", "web.penalties", "罚款幅度查询", "按关键词查找违法行为，查看各版本的罚款幅度及依据，并按行为日、决定日和情节测算适用幅度。"),
    ("traffic", "web.traffic", "交通违法与记分", "按闯红灯、酒驾、超速等说法查找交通违法行为：罚款、记分、暂扣吊销及依据；超速测算；记分周期。"),
    ("timelines", "web.timelines", "办理时限估算", "选择办理事项并填写申请日，得出每个环节的最迟办结日、时间轴和月历。"),
    ("deadlines", "web.deadline", "期限计算", "起算日、期间长度和单位（工作日、日、月、年），扣除中止期间，得出届满日和每一步依据。"),
    ("events", "web.events", "宣传活动日历", "一年内的宣传日、开放日，可订阅到手机或电脑日历。"),
    ("inspections", "web.inspections", "监督检查计划", "按检查类别、期间和对象数量列出应检查次数；粘贴检查记录核对是否达标。"),
    ("responsibilities", "web.responsibilities", "职责分工查询", "哪个科室承担哪项工作；与工商、食药等部门的职责边界及依据。"),
    ("calendar", "web.calendar", "工作日历", "按月查看节假日、调休上班日，以及国务院放假通知的出处。"),
]


def available() -> list[dict]:
    return [{"endpoint": ep, "title": title, "blurb": blurb} for _, ep, title, blurb in PAGES]


def record() -> dict:
    """What a printed page needs to stand as a record: when, from which data, covering which years."""
    s = current()
    now = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)  # Beijing time, as answers.clock
    book = s.calendar
    return {"printed": now.strftime("%Y-%m-%d %H:%M"), "digest": s.digest, "first_year": book.first_year,
            "last_year": book.last_year, "today": today()}


@bp.app_context_processor
def _context():
    return {"nav": available(), "app_version": __version__, "record": record,
            "asset": lambda name: url_for("web.static", filename=name, v=__version__)}
