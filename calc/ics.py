"""iCalendar exports beside the events feed: a year's holiday arrangement and due dates.

Everything in an export is derived from its content, so the same answer gives the same bytes: UIDs
are named after what they describe under a domain the operator configures (two counties' feeds
never collide), DTSTAMP and LAST-MODIFIED are the date of the notice (or of the schedules' feed
stamp for due dates), and SEQUENCE counts the notices that have shaped a year, so a supplementary
notice (2020's extension of the Spring Festival) supersedes the first in a subscriber's calendar.

The words of an export (summaries, the calendar's name, the estimated range) are the calendar's
texts (schedules/calendar/texts.toml), passed in by name (`calc.workcal.load_texts`: each a `calc.texts.Text`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping, Sequence
from zoneinfo import ZoneInfo

from .errors import CalendarGap
from .texts import Text
from .workcal import Break, CalendarBook, Makeup, Notice

REFRESH = dt.timedelta(days=1)  # subscribers look again daily: a notice comes out once a year
CHINA = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Arrangement:
    """One year's notices and the days they fix (a notice may reach into the year before)."""

    year: int
    notices: tuple[Notice, ...]
    breaks: tuple[Break, ...]
    makeups: tuple[Makeup, ...]

    def days(self) -> list[tuple[dt.date, Literal["holiday", "makeup_workday"], str]]:
        """(date, kind, name) for every break day and make-up day, in date order."""
        out = []
        for b in self.breaks:
            day = b.first
            while day <= b.last:
                out.append((day, "holiday", b.name))
                day += dt.timedelta(days=1)
        out += [(m.date, "makeup_workday", m.name) for m in self.makeups]
        return sorted(out)


def arrangement(book: CalendarBook, year: int) -> Arrangement:
    """The State Council's arrangement for `year`; CalendarGap where no notice is in the data."""
    if year not in book.notices:
        raise CalendarGap(year, book.texts["gap"].say(year=year) if book.texts else None)
    cal = book.published
    return Arrangement(year, tuple(book.notices[year]),
                       tuple(b for b in cal._breaks if b.notice.year == year),
                       tuple(m for m in cal._makeups if m.notice.year == year))


def _stamp(day: dt.date | None) -> dt.datetime:
    return dt.datetime.combine(day or dt.date(1970, 1, 1), dt.time(0), dt.timezone.utc)


def calendar(prodid: str, name: str, *, refresh: bool = True):
    """The one iCalendar writer's VCALENDAR (every feed and export of the service goes through it).
    `refresh`: ask subscribers to poll daily (the holiday and due-date exports; the publicity-day
    feed, whose dates are fixed by its rules, does without)."""
    from icalendar import Calendar, vDuration

    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    if refresh:
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
    return cal


def event(uid: str, stamp: dt.datetime | dt.date, start, end, summary: str, description: str, *,
          sequence: int | None = None, categories: Sequence[str] = (), extra: Sequence[tuple[str, str]] = ()):
    """One all-day (or timed) VEVENT. `sequence`: a revision number, given with LAST-MODIFIED where
    an event can change under the same UID; `extra`: X- properties a feed adds for machines."""
    from icalendar import Event

    ve = Event()
    ve.add("uid", uid)
    ve.add("dtstamp", stamp)
    if sequence is not None:
        ve.add("last-modified", stamp)
        ve.add("sequence", sequence)
    ve.add("dtstart", start)
    ve.add("dtend", end)
    ve.add("summary", summary)
    ve.add("description", description)
    if categories:
        ve.add("categories", list(categories))
    ve.add("transp", "TRANSPARENT")
    for name, value in extra:
        ve.add(name, value)
    return ve


def arrangement_ics(a: Arrangement, prodid: str, domain: str, texts: Mapping[str, Text]) -> bytes:
    """The year's breaks (one all-day event each) and make-up working days."""
    cal = calendar(prodid, texts["calendar"].say(year=a.year))
    sequence = {id(n): i for i, n in enumerate(a.notices)}

    def cite(n: Notice) -> str:
        return str(n.cite) + (f"\n{n.url}" if n.url else "")

    for b in a.breaks:
        cal.add_component(event(f"cn-holiday-{b.first.isoformat()}@{domain}", _stamp(b.notice.date),
                                b.first, b.last + dt.timedelta(days=1), texts["holiday"].say(name=b.name),
                                cite(b.notice), sequence=sequence.get(id(b.notice), 0)))
    for m in a.makeups:
        cal.add_component(event(f"cn-makeup-{m.date.isoformat()}@{domain}", _stamp(m.notice.date),
                                m.date, m.date + dt.timedelta(days=1), texts["makeup"].say(name=m.name),
                                cite(m.notice), sequence=sequence.get(id(m.notice), 0)))
    return cal.to_ical()


@dataclass(frozen=True)
class DueEvent:
    """One dated due date of an answer, with the steps that explain it."""

    key: str  # what distinguishes it within the answer (a stage id, or "due")
    when: dt.date | dt.datetime
    summary: str
    steps: tuple[str, ...]


def uid_for(question: dict, key: str, domain: str) -> str:
    """The same question gives the same UID (so re-importing updates, never duplicates)."""
    text = json.dumps(question, sort_keys=True, ensure_ascii=False, default=str)
    return f"due-{hashlib.sha256(text.encode()).hexdigest()[:20]}-{key}@{domain}"


def due_ics(events: Sequence[DueEvent], question: dict, prodid: str, name: str, domain: str,
            stamp: dt.datetime) -> bytes:
    """Due dates as events: all-day where the law counts days, timed (Beijing time) where hours."""
    cal = calendar(prodid, name)
    for e in events:
        if isinstance(e.when, dt.datetime):
            start = e.when if e.when.tzinfo else e.when.replace(tzinfo=CHINA)
            end = start
        else:
            start, end = e.when, e.when + dt.timedelta(days=1)
        cal.add_component(event(uid_for(question, e.key, domain), stamp, start, end, e.summary,
                                "\n".join(e.steps), sequence=0))
    return cal.to_ical()


def description(steps: Iterable, span, texts: Mapping[str, Text]) -> tuple[str, ...]:
    """An event's DESCRIPTION: the steps as a person checks them, and where an estimated date can
    still fall (the answer's `range`) once the year's notice is out."""
    lines = step_lines(steps, texts)
    if span:
        lines += (texts["range"].say(first=span[0].isoformat(), last=span[1].isoformat()),)
    return lines


def step_lines(steps: Iterable, texts: Mapping[str, Text]) -> tuple[str, ...]:
    line = texts["step"]
    return tuple(line.say(date=s.date.isoformat() if s.date else "", rule=s.rule, basis=s.basis).strip()
                 for s in steps)
