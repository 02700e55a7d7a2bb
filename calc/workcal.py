"""The working-day calendar (工作日历): Monday-Friday, less the State Council's breaks, plus the
weekend days it names as make-up working days (调休上班).

Every working day of the coverage is numbered once at load, so `add_workdays` and
`count_workdays` are a list lookup (O(1)), never a walk day by day. A day outside the published
notices is refused (`CalendarGap`): a wrong legal deadline is worse than no answer. What the refusal
and the calendar's exports say is data (`schedules/calendar/texts.toml`, `load_texts`).
"""
from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Literal, Mapping

from . import texts
from .citations import Basis, Cite, Instrument
from .errors import CalendarGap, ScheduleError
from .nodes import BASIS, FREE, Keys, Node, Source
from .texts import Spec, Text

WORKDAY, WEEKEND, HOLIDAY, MAKEUP = "workday", "weekend", "holiday", "makeup_workday"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Notice:
    """A State Council notice (部分节假日安排的通知) or a provisional rule standing in for one."""

    title: str
    number: str | None
    date: dt.date | None
    url: str | None
    year: int

    @cached_property
    def cite(self) -> Basis:
        """The notice as a reference: its title, with its number after it (国办发明电〔2025〕7号)."""
        return Basis((Cite(Instrument(self.title, self.title, "notice", number=self.number), note=self.number),))


@dataclass(frozen=True)
class Break:
    name: str
    first: dt.date
    last: dt.date
    notice: Notice


@dataclass(frozen=True)
class Makeup:
    date: dt.date
    name: str
    notice: Notice


DayKind = Literal["workday", "weekend", "holiday", "makeup_workday"]


@dataclass(frozen=True)
class Day:
    date: dt.date
    kind: DayKind
    name: str | None
    notice: Notice | None

    @property
    def workday(self) -> bool:
        return self.kind in (WORKDAY, MAKEUP)


# What the calendar says (schedules/calendar/texts.toml), each a `calc.texts.Text` by its name, with
# the placeholders the calculator fills in: `gap`, the refusal of a year with no notice; `missing`,
# the same year asked for its arrangement; under [ics], the exports' words. The calculator never
# reads the words back.
TEXT_SPECS = {"gap": Spec(("year",)), "missing": Spec(("year",))}
ICS_SPECS = {"calendar": Spec(("year",)), "holiday": Spec(("name",)), "makeup": Spec(("name",)),
             "step": Spec(("date", "rule", "basis")), "range": Spec(("first", "last")), "deadline_calendar": Spec(),
             "deadline": Spec(("start", "amount", "unit")), "stage": Spec(("procedure", "stage")),
             "estimated": Spec()}
TEXT_KEYS = Keys(*TEXT_SPECS, ics=Keys(*ICS_SPECS))


def load_texts(source: Source) -> dict[str, Text]:
    root = Node(source, "", source.data)
    ics = root.child("ics")
    return {**{name: texts.plain(root, name, spec) for name, spec in TEXT_SPECS.items()},
            **{name: texts.plain(ics, name, spec) for name, spec in ICS_SPECS.items()}}


class WorkCalendar:
    """Working days over whole years [first_year, last_year]; `provisional_years` are estimates.
    `gap`: what a CalendarGap says (calendar/texts.toml `gap`, `{year}` filled in).

    The numbering, made once: day i of the coverage (ordinal `first_ordinal + i`) is a working day
    where `work[i]`; `counted[i]` working days fall on or before it; the k-th working day of the
    coverage is `workday_ordinals[k]` (`_workdays[k]` as a date). Counting n working days is then
    two look-ups (calc.periods.fast counts on these tables without making dates)."""

    def __init__(self, first_year: int, last_year: int, breaks: Iterable[Break],
                 makeups: Iterable[Makeup], provisional_years: frozenset[int] = frozenset(),
                 gap: Text | None = None):
        self.gap = gap
        self.first = dt.date(first_year, 1, 1)
        self.last = dt.date(last_year, 12, 31)
        self.provisional_years = provisional_years
        self.first_ordinal = self.first.toordinal()
        self._special: dict[dt.date, Day] = {}
        for b in breaks:
            day = max(b.first, self.first)
            while day <= min(b.last, self.last):
                self._special[day] = Day(day, HOLIDAY, b.name, b.notice)
                day += ONE_DAY
        for m in makeups:
            if self.first <= m.date <= self.last:
                self._special[m.date] = Day(m.date, MAKEUP, m.name, m.notice)
        self._breaks = tuple(sorted(breaks, key=lambda b: b.first))
        self._makeups = tuple(sorted(makeups, key=lambda m: m.date))
        self._break_lasts = [b.last for b in self._breaks]  # ordered too: breaks never overlap
        self._break_firsts = [b.first for b in self._breaks]
        self._makeup_dates = [m.date for m in self._makeups]
        self._number()

    def _number(self):
        size = self.last.toordinal() - self.first_ordinal + 1
        work = bytearray(size)
        self._workdays: list[dt.date] = []
        self.workday_ordinals: list[int] = []
        self.counted = [0] * size
        count = 0
        day = self.first
        for i in range(size):
            special = self._special.get(day)
            if special.kind == MAKEUP if special else day.weekday() < 5:
                work[i] = 1
                self._workdays.append(day)
                self.workday_ordinals.append(self.first_ordinal + i)
                count += 1
            self.counted[i] = count
            day += ONE_DAY
        self.work = bytes(work)

    # -- bounds ---------------------------------------------------------------------------------
    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def _index(self, day: dt.date) -> int:
        i = day.toordinal() - self.first_ordinal
        if not 0 <= i < len(self.counted):
            raise self._gap(day.year)
        return i

    def _gap(self, year: int) -> CalendarGap:
        return CalendarGap(year, self.gap.say(year=year) if self.gap else None)

    # -- days -------------------------------------------------------------------------------------
    def day(self, day: dt.date) -> Day:
        self._index(day)
        special = self._special.get(day)
        if special:
            return special
        return Day(day, WEEKEND if day.weekday() >= 5 else WORKDAY, None, None)

    def is_workday(self, day: dt.date) -> bool:
        return bool(self.work[self._index(day)])

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself never counts."""
        i = self._index(day)
        # _kth's arithmetic written out: the hot path of every deadline (python -m bench: 0.8× numpy's
        # time per element this way, 1.4× through _kth)
        if n > 0:
            k = self.counted[i] + n - 1
            if k < len(self._workdays):
                return self._workdays[k]
        elif n < 0:
            k = self.counted[i] - self.work[i] + n
            if k >= 0:
                return self._workdays[k]
        else:
            return day
        return self._workdays[self._kth(i, n)]  # raises CalendarGap naming the year

    def _kth(self, i: int, n: int) -> int:
        """Where the n-th working day after (n > 0) or before (n < 0) day number i stands in the
        list of working days; CalendarGap when the coverage ends first."""
        k = self.counted[i] + n - 1 if n > 0 else self.counted[i] - self.work[i] + n
        if k >= len(self._workdays):
            raise self._gap(self.last.year + 1)
        if k < 0:
            raise self._gap(self.first.year - 1)
        return k

    def count_workdays(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last], both ends included; 0 when last < first."""
        if last < first:
            return 0
        i, j = self._index(first), self._index(last)
        return self.counted[j] - (self.counted[i - 1] if i else 0)

    def next_workday(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the first working day after it."""
        return day if self.is_workday(day) else self.add_workdays(day, 1)

    def previous_workday(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the last working day before it."""
        return day if self.is_workday(day) else self.add_workdays(day, -1)

    # -- explanation ------------------------------------------------------------------------------
    def breaks_within(self, first: dt.date, last: dt.date) -> list[Break]:
        out = []
        for b in self._breaks[bisect_left(self._break_lasts, first):]:
            if b.first > last:
                break
            out.append(b)
        return out

    def makeups_within(self, first: dt.date, last: dt.date) -> list[Makeup]:
        dates = self._makeup_dates
        return list(self._makeups[bisect_left(dates, first):bisect_right(dates, last)])

    def segment(self, first: dt.date, last: dt.date) -> tuple:
        """What [first, last] holds as `breaks_within`, `makeups_within` and `notices_within` see
        it: which breaks (and, where the span starts or ends inside one, the day it is cut at) and
        which make-up days. Equal keys, equal answers, so an explanation written for one span
        serves every span with the same key (the step texts of `periods`)."""
        lo = bisect_left(self._break_lasts, first)
        hi = max(lo, bisect_right(self._break_firsts, last))
        dates = self._makeup_dates
        return (lo, hi, bisect_left(dates, first), bisect_right(dates, last),
                first if lo < hi and self._breaks[lo].first < first else None,
                last if lo < hi and self._breaks[hi - 1].last > last else None)

    def notices_within(self, first: dt.date, last: dt.date) -> list[Notice]:
        """The notices whose days fall in [first, last], or that rule the years it spans."""
        seen: dict[int, Notice] = {}
        for item in [*self.breaks_within(first, last), *self.makeups_within(first, last)]:
            seen.setdefault(id(item.notice), item.notice)
        return sorted(seen.values(), key=lambda n: (n.year, n.date or dt.date.min))

    def years(self, first: dt.date, last: dt.date) -> tuple[int, ...]:
        return tuple(range(min(first, last).year, max(first, last).year + 1))


class CalendarBook:
    """The published calendar, and on request the provisional one that extends it."""

    def __init__(self, published: WorkCalendar, notices: dict[int, list[Notice]], provisional: "ProvisionalRule",
                 texts: Mapping[str, Text] | None = None):
        self.published = published
        self.notices = notices
        self.provisional_rule = provisional
        self.texts = texts
        self._lock = threading.Lock()

    @property
    def first_year(self) -> int:
        return self.published.first.year

    @property
    def last_year(self) -> int:
        return self.published.last.year

    def get(self, provisional: bool = False) -> WorkCalendar:
        return self.extended if provisional else self.published

    @cached_property
    def bounds(self) -> tuple["CalendarBook", "CalendarBook"]:
        """Two books whose provisional years are the extremes of what a notice may arrange: in
        the first every uncertain day is a working day, in the second a rest day. Counting is
        monotone in the working days (more of them never makes a forward date later, nor a
        backward date earlier), so an answer computed on both brackets the real one."""
        with self._lock:
            rule = self.provisional_rule
            years = range(self.last_year + 1, rule.until_year + 1)
            may_rest, may_work = rule.uncertain(years)
            published = self.published
            free = lambda d: d >= published.first and (d > published.last or d not in published._special)  # noqa: E731
            note = Notice(rule.range_note or rule.assumption, None, None, None, 0)
            certain = [b for b in rule.breaks(years) if "（补休）" not in b.name]
            most = WorkCalendar(self.first_year, rule.until_year, [*published._breaks, *certain],
                                [*published._makeups, *(Makeup(d, n, note) for d, n in sorted(may_work.items())
                                                        if free(d))],
                                provisional_years=frozenset(years), gap=published.gap)
            rest = {b.first for b in certain}
            least = WorkCalendar(self.first_year, rule.until_year,
                                 [*published._breaks, *certain,
                                  *(Break(n, d, d, note) for d, n in sorted(may_rest.items())
                                    if free(d) and d not in rest)],
                                 published._makeups, provisional_years=frozenset(years), gap=published.gap)
        return self._with(most), self._with(least)

    def _with(self, extended: WorkCalendar) -> "CalendarBook":
        book = CalendarBook(self.published, self.notices, self.provisional_rule, self.texts)
        book.__dict__["extended"] = extended
        return book

    @cached_property
    def extended(self) -> WorkCalendar:
        with self._lock:
            rule = self.provisional_rule
            years = range(self.last_year + 1, rule.until_year + 1)
            breaks = [*self.published._breaks, *rule.breaks(years)]
            return WorkCalendar(self.first_year, rule.until_year, breaks, self.published._makeups,
                                provisional_years=frozenset(years), gap=self.published.gap)


@dataclass(frozen=True)
class Spread:
    """How far the State Council's arrangements have reached around one statutory holiday: weekdays
    up to `off_before`/`off_after` days from its statutory days have been added to the break, and
    weekend days up to `work_before`/`work_after` days from them made working days (调休). The
    放假办法 sets no such distance (第七条 only asks that 调休 be limited); these are the widest the
    notices of the years in `observed` reached, so a provisional answer can say where the real date
    may fall."""

    name: str
    holidays: tuple[str, ...]  # the `holidays` package's names of its statutory days
    off_before: int
    off_after: int
    work_before: int
    work_after: int


@dataclass(frozen=True)
class ProvisionalRule:
    """Beyond the published notices: the statutory days of the 放假办法, no 调休 (the `holidays`
    package computes the lunar dates and the weekend make-up days)."""

    basis: str
    until_year: int
    names: dict[str, str]
    assumption: str
    spreads: tuple[Spread, ...] = ()
    range_note: str = ""

    def statutory(self, years: Iterable[int]) -> list[tuple[dt.date, str, bool]]:
        """(day, package name, observed) for the 放假办法's days of `years`. Days the package
        knows only from a published notice (its "Day off (substituted …)") are 调休, not statutory,
        and are left out, so an estimate never mixes in half a notice."""
        import holidays

        years = list(years)
        if not years:
            return []
        found = holidays.country_holidays("CN", years=years, categories=("public",))
        out = []
        for day, name in sorted(found.items()):
            if name.startswith("Day off"):
                continue
            for part in name.split("; "):
                out.append((day, part.replace(" (observed)", ""), "(observed)" in part))
        return out

    def breaks(self, years: Iterable[int]) -> list[Break]:
        out, seen = [], set()
        for day, base, observed in self.statutory(years):
            if day in seen:
                continue
            seen.add(day)
            zh = self.names.get(base, base)
            label = f"{zh}（补休）" if observed else zh
            notice = Notice(self.assumption, None, None, None, day.year)
            out.append(Break(label, day, day, notice))
        return out

    def uncertain(self, years: Iterable[int]) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
        """The days a notice for `years` may still make rest days (weekdays near a statutory
        holiday, and the weekday a weekend holiday is made up on) and those it may make working days
        (weekend days near one), each with the holiday's name."""
        days = self.statutory(years)
        fixed = {d for d, _, observed in days if not observed}
        clusters: dict[tuple[str, int], list[dt.date]] = {}
        for day, base, _ in days:
            clusters.setdefault((base, day.year), []).append(day)
        by_holiday = {h: s for s in self.spreads for h in s.holidays}
        may_rest: dict[dt.date, str] = {}
        may_work: dict[dt.date, str] = {}

        def near(day: dt.date, reach: int, off: int, work: int, name: str):
            if day in fixed:
                return
            if day.weekday() < 5 and reach <= off:
                may_rest.setdefault(day, name)
            elif day.weekday() >= 5 and reach <= work:
                may_work.setdefault(day, name)

        for (base, _), members in clusters.items():
            spread = by_holiday.get(base)
            if spread is None:
                continue
            first, last = min(members), max(members)
            for k in range(1, max(spread.off_before, spread.work_before) + 1):
                near(first - dt.timedelta(days=k), k, spread.off_before, spread.work_before, spread.name)
            for k in range(1, max(spread.off_after, spread.work_after) + 1):
                near(last + dt.timedelta(days=k), k, spread.off_after, spread.work_after, spread.name)
            day = first
            while day <= last:  # a 补休 weekday, or one between statutory days: the notice decides
                if day not in fixed and day.weekday() < 5:
                    may_rest.setdefault(day, spread.name)
                day += ONE_DAY
        return may_rest, may_work


# -- loading ------------------------------------------------------------------------------------

def _notices(node: Node, year: int) -> list[Notice]:
    out = []
    for n in node.children("notice"):
        out.append(Notice(n.text("title"), n.text("number", None), n.date("date", None),
                          n.text("url", None), year))
    if not out:
        node.fail("至少需要一份通知", "notice")
    return out


def _in_notice_year(node: Node, key: str, day: dt.date, year: int):
    first, last = dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)
    if not first <= day <= last:
        node.fail(f"{day} 不在 {year} 年通知的范围内（可含上年12月、次年1月）", key)


# The keys of a calendar/cn/<year>.toml and of calendar/provisional.toml (calc.schedules refuses any other).
# `posted` (tools/build_calendar.py, 2008-2013): the policy library's listing date where the notice's own
# date is not checked; kept for the editor, not used in counting.
YEAR_KEYS = Keys("year", notice=Keys("title", "number", "date", "url", "posted"),
                 **{"break": Keys("name", "from", "until", "notice"), "makeup": Keys("date", "for", "notice")})
PROVISIONAL_KEYS = Keys("until_year", "assumption", "range_note", names=FREE, basis=BASIS,
                        spread=Keys("name", "holidays", "off_before", "off_after", "work_before", "work_after"))


def load_year(source: Source) -> tuple[int, list[Notice], list[Break], list[Makeup]]:
    root = Node(source, "", source.data)
    year = root.get("year", int)
    stem = source.name.rsplit("/", 1)[-1].removesuffix(".toml")
    if stem != str(year):
        root.fail(f"文件名应为 {year}.toml", "year")
    notices = _notices(root, year)

    def notice_of(node: Node) -> Notice:
        k = node.get("notice", int, 1)
        if not 1 <= k <= len(notices):
            node.fail(f"引用的通知序号 {k} 不存在（共 {len(notices)} 份）", "notice")
        return notices[k - 1]

    breaks = []
    for node in root.children("break"):
        first, last = node.date("from"), node.date("until")
        _in_notice_year(node, "from", first, year)
        _in_notice_year(node, "until", last, year)
        if last < first:
            node.fail(f"until ({last}) 早于 from ({first})", "until")
        breaks.append(Break(node.text("name"), first, last, notice_of(node)))
    makeups = []
    for node in root.children("makeup", required=False):
        day = node.date("date")
        _in_notice_year(node, "date", day, year)
        if day.weekday() < 5:
            node.fail(f"调休上班日 {day} 不是周末（星期{'一二三四五'[day.weekday()]}）", "date")
        makeups.append(Makeup(day, node.text("for"), notice_of(node)))
    return year, notices, breaks, makeups


def _check_overlaps(items: list[tuple[str, str, dt.date, dt.date]]):
    items = sorted(items, key=lambda x: x[2])
    for a, b in zip(items, items[1:]):
        if b[2] <= a[3]:
            raise _overlap(a, b)


def _overlap(a, b):
    return ScheduleError(b[0], b[1], f"与 {a[0]} {a[1]}（{a[2]}至{a[3]}）重叠")


def _spread(node: Node) -> Spread:
    names = node.get("holidays", list)
    if not names or not all(isinstance(n, str) and n for n in names):
        node.fail("应为非空的节日名列表", "holidays")
    reach = {k: int(node.number(k, minimum=0, maximum=31)) for k in ("off_before", "off_after", "work_before", "work_after")}
    return Spread(node.text("name"), tuple(names), **reach)


def load(year_sources: list[Source], provisional: Source, texts: Source) -> CalendarBook:
    if not year_sources:
        raise ScheduleError("calendar/cn", "(目录)", "没有任何年度节假日文件")
    years, notices, breaks, makeups, spans = [], {}, [], [], []
    for source in year_sources:
        year, ns, bs, ms = load_year(source)
        years.append(year)
        notices[year] = ns
        breaks += bs
        makeups += ms
        spans += [(source.name, f"break[{i}]", b.first, b.last) for i, b in enumerate(bs)]
        spans += [(source.name, f"makeup[{i}]", m.date, m.date) for i, m in enumerate(ms)]
    years.sort()
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    if missing:
        raise ScheduleError("calendar/cn", f"{missing[0]}.toml", "年度文件缺失：日历覆盖必须连续")
    _check_overlaps(spans)
    root = Node(provisional, "", provisional.data)
    rule = ProvisionalRule(
        basis=root.basis(),
        until_year=root.get("until_year", int),
        names={k: v for k, v in root.child("names").data.items()},
        assumption=root.text("assumption"),
        spreads=tuple(_spread(n) for n in root.children("spread", required=False)),
        range_note=root.text("range_note", ""),
    )
    if rule.until_year < years[-1]:
        root.fail(f"until_year ({rule.until_year}) 早于已发布的最后一年 {years[-1]}", "until_year")
    said = load_texts(texts)
    published = WorkCalendar(years[0], years[-1], breaks, makeups, gap=said["gap"])
    return CalendarBook(published, notices, rule, said)
