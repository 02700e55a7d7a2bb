"""Publicity days and open days (公共服务事项, 责任清单 三): recurring dates as RFC 5545 RRULEs.

The rule text lives in `schedules/events/*.toml` and is parsed with dateutil at load, so a rule
that does not parse stops the service naming the file and key. Occurrences are expanded for a
date range, and served as JSON or as an iCalendar feed (RFC 5545) whose bytes depend only on the
schedules and the range: UIDs are `{id}-{date}@{domain}` and DTSTAMP is fixed in the data, so a
calendar client that polls the feed sees no change until the schedules change.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import rrule as rr

from . import ics
from .errors import InvalidInput, NotFound, ScheduleError
from .laws import attach
from .nodes import BASIS, Keys, Node, Source
from .periods import check_day

MAX_YEARS = 50
"""The widest range one request may expand (a typo such as 2206 for 2026 must not build 180 years)."""

_ANCHOR = dt.datetime(1900, 1, 1)
_ALLOWED_FREQ = {rr.YEARLY, rr.MONTHLY, rr.WEEKLY, rr.DAILY}


@dataclass(frozen=True)
class Event:
    """A recurring publicity activity: its dates (RRULE), the unit that runs it, what it does."""

    id: str
    title: str
    when: str  # the seed's own words for the date
    rrule: str
    unit: str
    content: str
    contact: str | None
    seed: str
    basis: str
    note: str | None
    rule: rr.rrule

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        first = dt.datetime.combine(start, dt.time())
        last = dt.datetime.combine(end, dt.time())
        rule = self.rule.replace(dtstart=min(first, _ANCHOR) if self.rule._interval > 1 else first)
        return [d.date() for d in rule.between(first, last, inc=True)]


@dataclass(frozen=True)
class Service:
    """A public service of section 三 that has no date (a hotline, a web query)."""

    id: str
    title: str
    unit: str
    content: str
    contact: str | None
    seed: str
    basis: str


@dataclass(frozen=True)
class Feed:
    prodid: str
    name: str
    dtstamp: dt.datetime
    uid_domain: str


@dataclass(frozen=True)
class Occurrence:
    event: Event
    date: dt.date

    @property
    def uid(self) -> str:
        return f"{self.event.id}-{self.date.isoformat()}"


@dataclass(frozen=True)
class Events:
    events: dict[str, Event]
    services: dict[str, Service]
    feed: Feed

    def get(self, event_id: str) -> Event:
        try:
            return self.events[event_id]
        except KeyError:
            raise NotFound(f"没有编号为 {event_id} 的活动", field="id") from None

    def between(self, start: dt.date, end: dt.date, ids: list[str] | None = None) -> list[Occurrence]:
        """Every occurrence in [start, end], sorted by date then id."""
        check_range(start, end)
        chosen = [self.get(i) for i in ids] if ids else list(self.events.values())
        found = [Occurrence(e, d) for e in chosen for d in e.dates(start, end)]
        return sorted(found, key=lambda o: (o.date, o.event.id))

    def ics(self, start: dt.date, end: dt.date, ids: list[str] | None = None) -> bytes:
        return to_ics(self.feed, self.between(start, end, ids), start, end)


def check_range(start: dt.date, end: dt.date):
    check_day(start, "start")
    check_day(end, "end")
    if end < start:
        raise InvalidInput("结束日不能早于开始日。", field="end")
    try:
        limit = start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        limit = dt.date(start.year + MAX_YEARS, 3, 1)
    if end >= limit:
        raise InvalidInput(f"查询范围不能超过 {MAX_YEARS} 年。", field="end")


def to_ics(feed: Feed, occurrences: list[Occurrence], start: dt.date, end: dt.date) -> bytes:
    """An RFC 5545 calendar with one all-day VEVENT per occurrence (calc/ics.py, the one writer)."""
    cal = ics.calendar(feed.prodid, feed.name, refresh=False)
    for occ in occurrences:
        e = occ.event
        cal.add_component(ics.event(f"{occ.uid}@{feed.uid_domain}", feed.dtstamp, occ.date,
                                    occ.date + dt.timedelta(days=1), e.title, describe(e), categories=[e.unit],
                                    extra=[("x-calc-event-id", e.id), ("x-calc-basis", str(e.basis))]))
    return cal.to_ical()


def describe(e: Event) -> str:
    lines = [f"责任科室：{e.unit}"]
    if e.contact:
        lines.append(f"联系电话：{e.contact}")
    lines.append(f"活动时间：{e.when}")
    lines.append(f"主要内容：{e.content}")
    lines.append(f"依据：{e.basis}")
    return "\n".join(lines)


# -- loading ---------------------------------------------------------------------------------------

def parse_rrule(node: Node, key: str = "rrule") -> rr.rrule:
    text = node.text(key)
    if text.upper().startswith(("DTSTART", "RRULE:")) or "\n" in text:
        node.fail("只写 RRULE 的规则部分（如 FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10），不带 DTSTART 或 RRULE: 前缀", key)
    try:
        rule = rr.rrulestr(text, dtstart=_ANCHOR)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        node.fail(f"RRULE 无法解析: {exc}", key)
    if not isinstance(rule, rr.rrule) or rule._freq not in _ALLOWED_FREQ:
        node.fail("RRULE 的 FREQ 应为 YEARLY/MONTHLY/WEEKLY/DAILY（活动以日为单位）", key)
    if rule.after(_ANCHOR, inc=True) is None:
        node.fail("RRULE 不产生任何日期", key)
    return rule


def _contact(node: Node) -> str | None:
    return node.text("contact", None)


# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"event": "id", "service": "id", "feed": None}

# The keys each table of an events/*.toml file may have (calc.schedules refuses any other).
KEYS = Keys(feed=Keys("prodid", "name", "dtstamp", "uid_domain"),
            event=Keys("id", "title", "when", "rrule", "unit", "content", "contact", "seed", "note", basis=BASIS),
            service=Keys("id", "title", "unit", "content", "contact", "seed", basis=BASIS))


def load(sources: list[Source], base: dict) -> Events:
    sources = attach(sources, base)
    events: dict[str, Event] = {}
    services: dict[str, Service] = {}
    feed: Feed | None = None
    where: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        f = root.child("feed", None)
        if f is not None:
            if feed is not None:
                f.fail("[feed] 只能在一个文件里出现一次")
            stamp = f.get("dtstamp", dt.datetime)
            if stamp.tzinfo is None:
                f.fail("dtstamp 须带时区（如 2026-11-28T00:00:00Z）", "dtstamp")
            feed = Feed(f.text("prodid"), f.text("name"), stamp.astimezone(dt.timezone.utc), f.text("uid_domain"))
        for n in root.children("event", required=False):
            with n.collecting():
                ident = _ident(n, where, source)
                events[ident] = Event(
                    id=ident, title=n.text("title"), when=n.text("when"), rrule=n.text("rrule"),
                    unit=n.text("unit"), content=n.text("content"), contact=_contact(n),
                    seed=n.text("seed"), basis=n.basis(), note=n.text("note", None), rule=parse_rrule(n))
        for n in root.children("service", required=False):
            with n.collecting():
                ident = _ident(n, where, source)
                services[ident] = Service(
                    id=ident, title=n.text("title"), unit=n.text("unit"), content=n.text("content"),
                    contact=_contact(n), seed=n.text("seed"), basis=n.basis())
    if events and feed is None:
        raise ScheduleError("events/", "feed", "缺少 [feed]（iCalendar 订阅源的 prodid、name、dtstamp、uid_domain）")
    return Events(events, services, feed or Feed("-//calc//ZH", "calc", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "calc"))


def _ident(n: Node, where: dict[str, str], source: Source) -> str:
    ident = n.text("id")
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", ident):
        n.fail(f"id 只能由小写字母、数字、- 和 . 组成: {ident!r}", "id")
    if ident in where:
        n.fail(f"id 重复（已见于 {where[ident]}）", "id")
    where[ident] = source.name
    return ident
