"""加处罚款 (行政处罚法 第七十二条第一款第（一）项): a fine not paid when due is surcharged from the
next day, at the rule's daily rate (3%), in total never more than the fine. The fine is due 15 days
after service (a due day on a rest day moves to the next working day), or on the day an approved
deferral sets (第六十六条第二款); days of reconsideration or litigation add no surcharge (第七十三条
第三款). Every number is the rule's (`LateFeeRule`, schedules/penalties/procedure.toml [late_fee]).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Sequence

from .. import periods
from ..errors import InvalidInput
from ..steps import Step
from ..texts import Text
from .catalogue import Penalties
from .model import LateFeeRule
from .money import FEN, MOST_YUAN, yuan


@dataclass(frozen=True)
class LateFee:
    fine: Decimal
    served: dt.date
    paid: dt.date
    due: periods.Due
    days_late: int
    surcharge: Decimal
    capped: bool
    total: Decimal
    steps: tuple[Step, ...]


def late_fee(p: Penalties, fine: Decimal, served: dt.date, paid: dt.date, provisional: bool = False,
             deferred_until: dt.date | None = None,
             not_counted: Sequence[periods.DateRange] = ()) -> LateFee:
    """The surcharge on `fine` served on `served` and paid on `paid`. `deferred_until`: the day an
    approved deferral (or this instalment) is due, which replaces the 15th day. `not_counted`:
    reconsideration or litigation periods, whose days add no surcharge."""
    r = p.late_fee
    fine = _amount(fine)
    _check_dates(r, served, paid, not_counted)
    t = p.texts
    d = periods.due(served, r.pay_within, p.book, p.rules, provisional=provisional)
    steps = [t["late_fee_pay"].step(served, n=r.pay_within.amount, basis=r.pay_basis), *d.steps]
    if deferred_until is not None:
        _check_deferral(r, served, deferred_until)
        steps.append(t["late_fee_deferred"].step(deferred_until, until=deferred_until, basis=r.deferral_basis))
        d = dataclasses.replace(d, due=deferred_until, range=None)  # the approved day is known, not provisional
    late = _late_days(d.due, paid, not_counted)
    for first, last, reason in late.skipped:
        steps.append(t["late_fee_paused"].step(last, first=first, last=last, reason=reason,
                                               days=(last - first).days + 1, basis=r.pause_basis))
    charge = _Charge.of(r, fine, late.days)
    steps += _charge_steps(t, r, charge, d.due, paid, late)
    return LateFee(fine, served, paid, d, late.days, charge.surcharge, charge.capped, fine + charge.surcharge,
                   tuple(steps))


def _amount(fine) -> Decimal:
    """The fine as given: positive, to the fen, and within what the decimal context can count."""
    fine = Decimal(fine)
    try:
        if not fine.is_finite() or fine <= 0 or fine != fine.quantize(FEN):
            raise InvalidInput("罚款应为正数，最多两位小数（分）", field="fine")
        if fine > MOST_YUAN:
            raise InvalidInput(f"罚款数额不能超过 {MOST_YUAN} 元", field="fine")
    except InvalidOperation:  # more digits than the decimal context holds: no real fine
        raise InvalidInput("罚款数额超出可计算的范围", field="fine") from None
    return fine


def _check_dates(r: LateFeeRule, served: dt.date, paid: dt.date, not_counted: Sequence[periods.DateRange]):
    """Service within the rule's dates, payment not before service, pauses that are periods and
    that the rule provides for."""
    if served < r.first:
        raise InvalidInput(f"本服务收录的加处罚款规定自 {r.first} 起施行；送达日 {served} 早于此日", field="served")
    if r.until is not None and served > r.until:
        raise InvalidInput(f"本服务收录的加处罚款规定施行至 {r.until}；送达日 {served} 晚于此日", field="served")
    if paid < served:
        raise InvalidInput(f"缴纳日 {paid} 早于送达日 {served}", field="paid")
    for i, rng in enumerate(not_counted):
        if rng.end < rng.start:
            raise InvalidInput("结束日不能早于开始日", field=f"not_counted[{i}].end")
    if not_counted and r.pause_basis is None:
        raise InvalidInput("本服务收录的加处罚款规定没有不予计算期间的依据", field="not_counted")


def _check_deferral(r: LateFeeRule, served: dt.date, deferred_until: dt.date):
    if r.deferral_basis is None:
        raise InvalidInput("本服务收录的加处罚款规定没有暂缓、分期缴纳的依据", field="deferred_until")
    if deferred_until < served:
        raise InvalidInput(f"暂缓（分期）缴纳期限 {deferred_until} 早于送达日 {served}", field="deferred_until")


@dataclass(frozen=True)
class _Charge:
    """The surcharge for `days` days late: the exact product, the cap, and what is charged."""

    fine: Decimal
    days: int
    exact: Decimal  # fine × daily rate × days, before rounding to the fen
    cap: Decimal
    capped: bool
    surcharge: Decimal

    @staticmethod
    def of(r: LateFeeRule, fine: Decimal, days: int) -> "_Charge":
        exact = fine * r.daily_rate * days
        cap = (fine * r.cap_ratio).quantize(FEN, ROUND_HALF_UP)
        capped = exact > cap
        return _Charge(fine, days, exact, cap, capped, cap if capped else exact.quantize(FEN, ROUND_HALF_UP))


def _charge_steps(t: dict[str, Text], r: LateFeeRule, charge: _Charge, due: dt.date, paid: dt.date,
                  late: "_Late") -> list[Step]:
    """Paid on time (no surcharge), or the days late times the daily rate; then the cap, if it bit."""
    if charge.days == 0:
        code = "late_fee_on_time_paused" if late.skipped else "late_fee_on_time"
        steps = [t[code].step(paid, paid=paid, due=due, basis=r.basis)]
    else:
        fine, surcharge = charge.fine, charge.surcharge
        rounded = "" if charge.capped or charge.exact == surcharge else t["late_fee_rounded"].say(
            surcharge=yuan(surcharge))
        less = t["late_fee_less_paused"].say() if late.skipped else ""
        steps = [t["late_fee_daily"].step(paid, days=charge.days, first=due + dt.timedelta(days=1), paid=paid,
                                          less=less, pct=(r.daily_rate * 100).normalize(),
                                          daily=_exact(fine * r.daily_rate), fine=yuan(fine),
                                          exact=_exact(charge.exact), rounded=rounded, basis=r.basis)]
    if charge.capped:
        steps.append(t["late_fee_cap"].step(paid, cap=yuan(charge.cap), basis=r.cap_basis))
    return steps


def _exact(amount: Decimal) -> str:
    """The product before rounding to the fen, as a person would write it (19.9998, 1590)."""
    return format(amount.normalize(), "f")


@dataclass(frozen=True)
class _Late:
    days: int
    skipped: tuple[tuple[dt.date, dt.date, str], ...]


def _late_days(due: dt.date, paid: dt.date, not_counted: Sequence[periods.DateRange]) -> _Late:
    """Days from the day after `due` to `paid`, both included, less those inside `not_counted`."""
    first, last = due + dt.timedelta(days=1), paid
    if last < first:
        return _Late(0, ())
    covered: set[int] = set()
    skipped = []
    for rng in sorted(not_counted, key=lambda x: x.start):
        a, b = max(rng.start, first), min(rng.end, last)
        if a > b:
            continue
        new = set(range(a.toordinal(), b.toordinal() + 1)) - covered
        covered |= new
        skipped.append((a, b, rng.reason))
    return _Late((last - first).days + 1 - len(covered), tuple(skipped))
