"""Periods (期间计算) as Chinese law counts them: 民法典 第二百零一条至第二百零四条 and the
public security organs' procedure rules (程序规定 第三十五条).

`due` answers one period and says, step by step, which rule produced which date and why.
The rule texts and their legal basis are data (`schedules/periods.toml`).
"""
from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Sequence

from calendar import isleap

from .citations import Basis, Template, join, literal
from .errors import CalendarGap, InvalidInput
from .nodes import BASIS, Keys, Node, Source
from .steps import Step
from .workcal import HOLIDAY, CalendarBook, WorkCalendar

UNITS = ("workdays", "days", "months", "years")
DIRECTIONS = ("after", "before")
# Not legal numbers: limits that keep one request bounded (about ten years of any unit).
LIMITS = {"workdays": 2600, "days": 3660, "months": 120, "years": 100}
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


@dataclass(frozen=True)
class Rule:
    text: str
    basis: Template


@dataclass(frozen=True)
class CountingRules:
    rules: dict[str, Rule]
    units: dict[str, str]
    digest: str = ""  # of periods.toml: every deadline answer rests on it

    def __getitem__(self, name: str) -> Rule:
        return self.rules[name]


RULE_NAMES = ("start_excluded", "workdays", "days", "months", "years", "roll_forward", "no_roll",
              "pause", "extension", "backward", "roll_back", "provisional", "not_moved", "authority_strict")
DUTIES = ("party", "authority")  # whose duty a backward period is: only a party's moves back


# The keys of periods.toml (calc.schedules refuses any other).
KEYS = Keys(**{name: Keys("text", basis=BASIS) for name in RULE_NAMES}, units=Keys(*UNITS, "hours"))


# The placeholders each rule's text and basis may use: what the counting fills in for it.
FIELDS = {"workdays": ("n", "detail", "notices"), "days": ("n",), "months": ("n",), "years": ("n",),
          "roll_forward": ("why",), "roll_back": ("why",), "authority_strict": ("why",),
          "pause": ("first", "last", "reason", "days"), "extension": ("n", "unit"),
          "backward": ("anchor", "n", "unit"), "provisional": ("years", "assumption"), "not_moved": ("basis",)}


def load_rules(source: Source) -> CountingRules:
    root = Node(source, "", source.data)
    rules = {}
    for name in RULE_NAMES:
        node = root.child(name)
        fields = FIELDS.get(name, ())
        rules[name] = Rule(node.template("text", fields), node.basis_template("basis", fields))
    units = root.child("units")
    return CountingRules(rules, {u: units.text(u) for u in (*UNITS, "hours")}, root.digest)


@dataclass(frozen=True)
class DateRange:
    """Days not counted (听证、鉴定、补正、中止…), both ends included."""

    start: dt.date
    end: dt.date
    reason: str = "依法不计入期间的时间"
    basis: str | None = None  # the law that says this time is not counted, where the caller knows it


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str
    direction: str = "after"  # or "before": "at least N days before the event"
    restricts_liberty: bool = False  # detention, questioning: never rolled off a rest day
    duty: str = "party"  # a backward period's: a party's latest day moves back off a rest day, an authority's does not


@dataclass(frozen=True)
class Due:
    start: dt.date
    period: Period
    due: dt.date
    steps: tuple[Step, ...] = ()
    provisional: bool = False
    calendar_years: tuple[int, ...] = ()
    assumptions: tuple[str, ...] = field(default=())
    range: tuple[dt.date, dt.date] | None = None  # provisional: where the real date can fall
    rules_digest: str = ""  # the counting rules (periods.toml) it was counted by


def check_period(period: Period, field_name: str = "amount"):
    if period.unit not in UNITS:
        raise InvalidInput(f"未知的期间单位：{period.unit}", field="unit")
    if period.direction not in ("after", "before"):
        raise InvalidInput(f"未知的计算方向：{period.direction}", field="direction")
    if period.duty not in DUTIES:
        raise InvalidInput(f"未知的义务人：{period.duty}（应为 {', '.join(DUTIES)}）", field="duty")
    limit = LIMITS[period.unit]
    if period.amount > limit:  # the words of the API's schema (calc/api/deadlines.py), which checks first
        raise InvalidInput(f"{period.unit} 期间不能超过 {limit}", field=field_name)
    if period.amount < 0:
        raise InvalidInput("期间长度不能为负数", field=field_name)


def check_day(day: dt.date, field_name: str):
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput("日期应在 1900-01-01 至 2200-12-31 之间", field=field_name)


def due(start: dt.date, period: Period, book: CalendarBook, rules: CountingRules,
        pauses: Sequence[DateRange] = (), extension: Period | None = None,
        provisional: bool = False, extension_basis: str | None = None, explain: bool = True,
        bracket: bool = True) -> Due:
    """The last day of `period` counted from `start`, as Chinese law counts it.

    `explain=False` skips writing the steps (same date), for batches that do not want them. A
    provisional answer also carries the range its real date can fall in (`bracket=False` skips it)."""
    _check_question(start, period, pauses)
    cal = book.get(provisional)
    if not explain and not period.restricts_liberty:
        quick = _due_without_steps(cal, start, period, pauses, extension, rules.digest)
        if quick is not None:
            return quick
    counter = _Counter(cal, rules, explain)
    in_order = sorted(pauses, key=_by_start) if pauses else []
    if period.direction == "before":
        end = counter.backward(start, period)
    else:
        end = counter.forward(start, period, in_order, first=True)
    if extension is not None:
        check_period(extension, "extension.amount")
        if extension.direction != "after":
            raise InvalidInput("延长期间只能向后计算", field="extension.direction")
        counter.step("extension", end, basis=extension_basis, n=extension.amount,
                     unit=rules.units[extension.unit])
        end = counter.forward(end, extension, in_order, first=False)
    years = _years(start, end)
    guessed = tuple(y for y in years if y in cal.provisional_years) if cal.provisional_years else ()
    assumptions: tuple[str, ...] = ()
    if guessed:
        r = rules["provisional"]
        text = r.text.format(years="、".join(map(str, guessed)), assumption=book.provisional_rule.assumption)
        counter.steps.append(Step(text, end, book.provisional_rule.basis, "provisional"))
        assumptions = (text,)
    span = None
    if guessed and bracket:
        ends = [end, *(due(start, period, b, rules, pauses, extension, True, extension_basis, False, False).due
                       for b in book.bounds)]
        span = (min(ends), max(ends))
    return _due(start, period, end, tuple(counter.steps), bool(guessed), years, assumptions, span, rules.digest)


def _check_question(start: dt.date, period: Period, pauses: Sequence[DateRange]):
    """The start, the period and its pauses as the domain takes them (one quick test first: due() is
    called for every item of a batch)."""
    limit = LIMITS.get(period.unit)
    if not FIRST_DAY <= start <= LAST_DAY or limit is None or period.direction not in DIRECTIONS \
            or period.duty not in DUTIES or not 0 <= period.amount <= limit:
        check_day(start, "start")  # each raises with its own field and words
        check_period(period)
    if pauses:
        for i, p in enumerate(pauses):
            if p.end < p.start:
                raise InvalidInput("结束日不能早于开始日", field=f"pauses[{i}].end")  # the API schema's words
        if period.direction == "before":
            raise InvalidInput("向前计算的期限不适用中止期间", field="pauses")


_new = object.__new__


def _years(start: dt.date, end: dt.date) -> tuple[int, ...]:
    """The calendar years a period spans, earlier first (most periods stay within one)."""
    first, last = (end.year, start.year) if end < start else (start.year, end.year)
    return (first,) if first == last else tuple(range(first, last + 1))


def _due(start, period, day, steps, provisional, years, assumptions, span, rules_digest) -> Due:
    """The same frozen Due, made without its __init__: its nine object.__setattr__ calls were a
    fifth of a step-free batch item's time (python -m bench --only batch)."""
    made = _new(Due)
    made.__dict__.update(start=start, period=period, due=day, steps=steps, provisional=provisional,
                         calendar_years=years, assumptions=assumptions, range=span, rules_digest=rules_digest)
    return made


def _step(rule: str, day: dt.date | None, basis: str, code: str) -> Step:
    """The same frozen Step, made without its __init__ (as `_due`: every step of a batch item)."""
    made = _new(Step)
    made.__dict__.update(rule=rule, date=day, basis=basis, code=code)
    return made


# -- counting on ordinals (date.toordinal()): one implementation for `due` and for batches --------

FIRST_ORDINAL, LAST_ORDINAL = FIRST_DAY.toordinal(), LAST_DAY.toordinal()


def count_forward(cal: WorkCalendar, start: int, n: int, unit: str, pauses: Sequence[tuple[int, int]] = (),
                  crossed: list | None = None) -> int:
    """The day n units after `start` (rules 1, 2, 4 and 5, before any roll), not counting the paused
    days; `pauses` are (first, last) ordinals in order, and `crossed` collects (pause index, first
    day not counted) for the steps."""
    if unit == "workdays":
        if not pauses:  # what _workdays_after does without pauses, without its call and loop
            return cal.add_workdays_at(start, n) if n else start
        return _workdays_after(cal, start, n, pauses, crossed)
    if unit != "days":
        n = shift_months(dt.date.fromordinal(start), n if unit == "months" else 12 * n).toordinal() - start
    if not pauses:
        return _in_range(start + n)
    return _days_after(start, n, pauses, crossed)


def count_backward(cal: WorkCalendar, anchor: int, n: int, unit: str) -> int:
    """The day n units before `anchor` (rule 7, before the roll back)."""
    if unit == "workdays":
        return cal.add_workdays_at(anchor, -n) if n else anchor
    if unit == "days":
        return _in_range(anchor - n)
    return shift_months(dt.date.fromordinal(anchor), -(n if unit == "months" else 12 * n)).toordinal()


def _workdays_after(cal: WorkCalendar, pos: int, n: int, pauses, crossed) -> int:
    if n == 0:
        return pos
    for k, (first, last) in enumerate(pauses):
        if last <= pos:
            continue
        candidate = cal.add_workdays_at(pos, n)
        if first > candidate:
            return candidate
        n -= cal.count_workdays_at(pos + 1, first - 1)
        if crossed is not None:
            crossed.append((k, max(first, pos + 1)))
        pos = last
    return cal.add_workdays_at(pos, n)


def _days_after(pos: int, n: int, pauses, crossed) -> int:
    for k, (first, last) in enumerate(pauses):
        if last <= pos:
            continue
        candidate = _in_range(pos + n)
        if first > candidate:
            return candidate
        n -= max(0, first - pos - 1)
        if crossed is not None:
            crossed.append((k, max(first, pos + 1)))
        pos = last
    return _in_range(pos + n)


def _in_range(ordinal: int) -> int:
    if not FIRST_ORDINAL <= ordinal <= LAST_ORDINAL:
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    return ordinal


def _due_without_steps(cal: WorkCalendar, start: dt.date, period: Period, pauses: Sequence[DateRange],
                       extension: Period | None, rules_digest: str = "") -> Due | None:
    """`due` when no steps are wanted (a nightly batch): the same date, counted with the same
    functions as `_Counter` (rules 1-7 and the rolls) on ordinals, without the step texts
    (python -m bench --only batch: several times quicker). None where `due` itself must answer:
    a refusal (it words it), or a provisional year (its answer names the assumption). `due` has
    already checked `start`, `period` and the pauses."""
    amount, unit = period.amount, period.unit
    try:
        if period.direction == "before":
            if extension is not None:
                return None
            end = count_backward(cal, start.toordinal(), amount, unit)
            if unit != "workdays":
                rolled = cal.rolled_at(end, backward=True)  # inside the coverage either way, as `_Counter`
                if period.duty != "authority":  # an authority's last day is not moved back
                    end = rolled
        else:
            ordinals = [(p.start.toordinal(), p.end.toordinal()) for p in sorted(pauses, key=_by_start)] \
                if pauses else ()
            end = count_forward(cal, start.toordinal(), amount, unit, ordinals)
            if unit != "workdays":
                end = cal.rolled_at(end)
            if extension is not None:
                if extension.direction != "after" or not 0 <= extension.amount <= LIMITS.get(extension.unit, -1):
                    return None
                amount, unit = extension.amount, extension.unit
                end = count_forward(cal, end, amount, unit, ordinals)
                if unit != "workdays":
                    end = cal.rolled_at(end)
        if not amount:
            cal.iso(end)  # zero working days: nothing was looked up, so check the coverage here
    except (CalendarGap, InvalidInput):
        return None
    day = _from_ordinal(end)
    years = _years(start, day)
    if cal.provisional_years and not cal.provisional_years.isdisjoint(years):
        return None
    made = _new(Due)  # as `_due`, its defaults (no steps, not provisional) left to the class
    made.__dict__.update(start=start, period=period, due=day, calendar_years=years, rules_digest=rules_digest)
    return made


_from_ordinal = dt.date.fromordinal


def _by_start(p: DateRange) -> dt.date:
    return p.start


class _Texts:
    """The step texts already written for one calendar and one set of counting rules: a rule's
    words for the same values (`start_excluded`, `days` with its n …), the breaks skipped and the
    notices cited for the same calendar segment (`WorkCalendar.segment`), why a day is a rest day.
    Writing them was most of a batch item's time with steps (python -m bench --only batch).

    Keyed on the very WorkCalendar and CountingRules objects (a reload makes new ones, so never a
    stale text), held weakly (an old calendar is not kept alive), each table at most `SIZE`
    entries, emptied when full (a 10,000-item batch writes about 4,500 rule texts, 650 segments
    and 1,400 rest days; full tables are some 10 MB)."""

    SIZE = 16384

    def __init__(self, cal: WorkCalendar, rules: CountingRules):
        self.cal, self.rules = weakref.ref(cal), weakref.ref(rules)
        self.words: dict[tuple, tuple[str, str]] = {}  # (rule name, values...) -> (text, basis)
        self.segments: dict[tuple, tuple[str, str]] = {}  # calendar segment -> (notices, detail)
        self.rests: dict[dt.date, str] = {}  # a rest day -> why it is one


_TEXTS: list[_Texts] = []  # the most recently used first; a few (calendar, rules) pairs


def _texts_for(cal: WorkCalendar, rules: CountingRules) -> _Texts:
    for t in _TEXTS:
        if t.cal() is cal and t.rules() is rules:
            return t
    t = _Texts(cal, rules)
    _TEXTS[:] = [t, *(old for old in _TEXTS[:3] if old.cal() is not None and old.rules() is not None)]
    return t


def _remember(table: dict, key, value, share: int = 1):
    """`table[key] = value`, the table emptied first when it holds `_Texts.SIZE // share` entries."""
    if len(table) >= _Texts.SIZE // share:
        table.clear()
    table[key] = value
    return value


class _Counter:
    """Applies the rules one after another and records each as a step."""

    def __init__(self, cal: WorkCalendar, rules: CountingRules, explain: bool = True):
        self.cal, self.rules, self.steps, self.explain = cal, rules, [], explain
        self.texts = _texts_for(cal, rules) if explain else None

    def step(self, name: str, day: dt.date, basis: str | None = None, **values):
        if not self.explain:
            return
        r = self.rules.rules[name]
        self.steps.append(_step(r.text.format(**values), day, basis or r.basis.format(**values), name))

    def said(self, name: str, day: dt.date, key: tuple, **values):
        """`step` for a rule whose words depend only on `key` (the values, or what they are made
        of): written once per key."""
        if self.explain:
            self.put(name, day, self.texts.words.get(key) or self.write(name, key, values))

    def write(self, name: str, key: tuple, values: dict) -> tuple[str, str]:
        r = self.rules.rules[name]
        return _remember(self.texts.words, key, (r.text.format(**values), r.basis.format(**values)))

    def put(self, name: str, day: dt.date, words: tuple[str, str]):
        made = _new(Step)  # _step written out: two or three times an item
        made.__dict__.update(rule=words[0], date=day, basis=words[1], code=name)
        self.steps.append(made)

    def forward(self, start: dt.date, period: Period, pauses: list[DateRange], first: bool) -> dt.date:
        if first and self.explain:
            self.put("start_excluded", start, self.texts.words.get(_FIRST) or self.write("start_excluded", _FIRST, {}))
        n = period.amount
        crossed = [] if self.explain else None
        end = dt.date.fromordinal(count_forward(self.cal, start.toordinal(), n, period.unit,
                                                [(p.start.toordinal(), p.end.toordinal()) for p in pauses]
                                                if pauses else (), crossed))
        for k, first_day in crossed or ():
            self._pause_step(pauses[k], dt.date.fromordinal(first_day))
        if period.unit == "workdays":
            if self.explain:
                segment = self.cal.segment(start + _ONE_DAY, end)
                found = self.texts.segments.get(segment)
                if found is None:
                    found = _remember(self.texts.segments, segment,  # longer texts: a quarter as many
                                      (self._notices(start, end), self._skipped(start, end)), 4)
                key = ("workdays", n, segment)
                self.put("workdays", end, self.texts.words.get(key)
                         or self.write("workdays", key, {"n": n, "notices": found[0], "detail": found[1]}))
            return end
        self.said(period.unit, end, (period.unit, n), n=n)
        if period.restricts_liberty:
            self.said("no_roll", end, ("no_roll",))
            return end
        o = end.toordinal()
        rolled = end if self.cal.rolled_at(o) == o else self.cal.next_workday(end)  # the common day: no date made
        if rolled != end and self.explain:
            self.said("roll_forward", rolled, ("roll_forward", end), why=self._why_rest(end))
        return rolled

    def backward(self, anchor: dt.date, period: Period) -> dt.date:
        n, unit = period.amount, period.unit
        end = dt.date.fromordinal(count_backward(self.cal, anchor.toordinal(), n, unit))
        self.step("backward", end, anchor=anchor.isoformat(), n=n, unit=self.rules.units[unit])
        if unit == "workdays" or period.restricts_liberty:
            return end
        rolled = self.cal.previous_workday(end)
        if period.duty == "authority":
            if rolled != end:
                self.said("authority_strict", end, ("authority_strict", end), why=self._why_rest(end))
            return end
        if rolled != end and self.explain:
            self.said("roll_back", rolled, ("roll_back", end), why=self._why_rest(end))
        return rolled

    def _pause_step(self, p: DateRange, first: dt.date):
        self.step("pause", p.end, basis=p.basis, first=first.isoformat(), last=p.end.isoformat(),
                  reason=p.reason, days=(p.end - first).days + 1)

    def _why_rest(self, rest: dt.date, _other: dt.date | None = None) -> str:
        found = self.texts.rests.get(rest) if self.texts is not None else None
        if found is None:
            found = self._rest_words(rest)
            if self.texts is not None:
                _remember(self.texts.rests, rest, found)
        return found

    def _rest_words(self, rest: dt.date) -> str:
        info = self.cal.day(rest)
        if info.kind == HOLIDAY:
            return f"{rest.isoformat()} {info.name}"
        return f"{rest.isoformat()} 星期{'一二三四五六日'[rest.weekday()]}"

    def _skipped(self, start: dt.date, end: dt.date) -> str:
        """Which breaks were skipped and which make-up days counted, for a person checking by hand."""
        first = start + dt.timedelta(days=1)
        parts = [f"{b.name} {_month_day(max(b.first, first))}至{_month_day(min(b.last, end))}"
                 for b in self.cal.breaks_within(first, end)]
        made = [_month_day(m.date) for m in self.cal.makeups_within(first, end)]
        text = ("；跳过节假日：" + "、".join(parts)) if parts else ""
        text += ("；计入调休上班日：" + "、".join(made)) if made else ""
        return f"（{text[1:]}）" if text else ""

    def _notices(self, start: dt.date, end: dt.date) -> Basis:
        notices = self.cal.notices_within(start + dt.timedelta(days=1), end)
        if not notices:
            return _NO_NOTICE
        return join(*(n.cite for n in notices))


_NO_NOTICE = literal("期间内无节假日调整，按周一至周五计算")
_ONE_DAY = dt.timedelta(days=1)
_FIRST = ("start_excluded",)


def _month_day(day: dt.date) -> str:
    """MM-DD without strftime, which took a tenth of a single request's time."""
    return f"{day.month:02d}-{day.day:02d}"


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def shift_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` later (or earlier); the month's last day where it has none
    (民法典 第二百零二条)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    last = 29 if month0 == 1 and isleap(year) else _MONTH_DAYS[month0]
    return dt.date(year, month0 + 1, day.day if day.day <= last else last)


# -- periods beyond one count: hours, and extensions one after another ----------------------------

def hours_after(start: dt.datetime, n: int) -> dt.datetime:
    """The moment n hours after `start` (程序规定 第三十五条 "期间以时、日、月、年计算，期间开始之时或者日
    不计算在内"): counted from the moment given, it ends on the clock; whether a rest day could
    move it is the stage's to say (a liberty period never moves: texts.hours)."""
    end = start + dt.timedelta(hours=n)
    _in_range(end.date().toordinal())  # refused as a day count beyond the range is
    return end


def instalments(total: int, each: int) -> list[int]:
    """An extension of `total` granted `each` at a time (每次不超过…, 延长以二次为限): the
    lengths, in order, the last one shorter where `total` is not a multiple."""
    return [each] * (total // each) + ([total % each] if total % each else [])


def extend(d: Due, more: Period, book: CalendarBook, rules: CountingRules, pauses: Sequence[DateRange] = (),
           provisional: bool = False, step: Step | None = None) -> Due:
    """`d` extended once more, counted from the day it ends by the same rules (a further
    extension, a custody period's next renewal). Its steps follow `d`'s, headed by `step` (the
    extension's own words and basis), without a second 起算日不计入: the extension runs on from
    the last day of the one before."""
    then = due(d.due, more, book, rules, pauses=pauses, provisional=provisional)
    steps = (*d.steps, *((step,) if step is not None else ()),
             *(s for s in then.steps if s.code != "start_excluded"))
    years = tuple(sorted({*d.calendar_years, *then.calendar_years}))
    return Due(d.start, d.period, then.due, steps, d.provisional or then.provisional, years,
               d.assumptions + then.assumptions, None, d.rules_digest)
