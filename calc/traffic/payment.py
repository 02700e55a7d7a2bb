"""Paying a traffic fine: fifteen days from receiving the decision (行政处罚法 第六十七条第三款,
道路交通安全法 第一百零八条第一款), on the spot for pedestrians, passengers and cyclists who agree
(第一百零八条第二款), and once overdue 3% of the fine a day (第一百零九条第一项), never more than
the fine (行政强制法 第四十五条第二款). The rate, the cap and the days are data (traffic/rules.toml).

Given the day the decision was received (`served`), the last day to pay is counted as every period
is (calc.periods: the start day not counted, a last day on a rest day moved to the next working
day); given the day paid as well, the surcharge is worked out day by day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from .. import periods
from ..errors import InvalidInput
from ..steps import Step
from .model import Act, Fine, Traffic
from .words import yuan

FEN = Decimal("0.01")


@dataclass(frozen=True)
class PaymentFacts:
    served: dt.date | None = None  # the day the decision was received
    paid: dt.date | None = None
    fine: Decimal | None = None  # the amount decided, where the text gives a range


@dataclass(frozen=True)
class Late:
    fine: Decimal
    days: int
    surcharge: Decimal
    capped: bool
    total: Decimal


@dataclass(frozen=True)
class PaymentAnswer:
    collect: Literal["yes", "no"]  # collected on the spot where the party agrees
    collect_explanation: str
    due: periods.Due | None
    late: Late | None
    steps: tuple[Step, ...]


def _amount(t: Traffic, fine: Fine | None, fine_text: str | None, pay: PaymentFacts) -> Decimal:
    """The fine the surcharge is counted on: the fixed amount, or the one decided within the range."""
    if pay.fine is not None:
        if not pay.fine.is_finite() or pay.fine <= 0 or pay.fine != pay.fine.quantize(FEN):
            raise InvalidInput(t.texts["fine_not_money"].say(), field="fine")
        if fine is not None and not fine.min <= pay.fine <= fine.max:
            raise InvalidInput(t.texts["fine_outside"].say(fine=yuan(pay.fine), min=yuan(fine.min), max=yuan(fine.max)),
                               field="fine")
        return pay.fine
    if fine is not None and fine.min == fine.max and fine.max > 0:
        return fine.max
    raise InvalidInput(t.texts["fine_needed"].say(), field="fine")


def late(t: Traffic, amount: Decimal, due: dt.date, paid: dt.date) -> tuple[Late, list[Step]]:
    """3% of `amount` for each day after `due` up to `paid`, capped at the fine."""
    rule = t.rules.payment
    days = max(0, (paid - due).days)
    exact = amount * rule.daily_rate * days
    cap = (amount * rule.cap_ratio).quantize(FEN, ROUND_HALF_UP)
    capped = exact > cap
    surcharge = cap if capped else exact.quantize(FEN, ROUND_HALF_UP)
    say = t.texts
    if days == 0:
        steps = [say["pay_on_time"].step(paid, paid=paid, due=due, basis=rule.rate_basis)]
    else:
        steps = [say["pay_late"].step(paid, days=days, first=due + dt.timedelta(days=1), paid=paid,
                                      rate=(rule.daily_rate * 100).normalize(), fine=yuan(amount),
                                      surcharge=yuan(exact.quantize(FEN, ROUND_HALF_UP)), basis=rule.rate_basis)]
    if capped:
        steps.append(say["pay_capped"].step(paid, cap=yuan(cap), basis=rule.cap_basis))
    return Late(amount, days, surcharge, capped, amount + surcharge), steps


def payment(t: Traffic, act: Act, fine: Fine | None, fine_text: str | None, pay: PaymentFacts | None,
            decided: dt.date, provisional: bool = False) -> PaymentAnswer:
    """The payment of the fine decided on `decided` (and received on `pay.served`, if given)."""
    rule = t.rules.payment
    say = t.texts
    party = t.parties[act.party]
    code = "collect_yes" if party.collect_on_the_spot and fine is not None else "collect_no"
    collect = say[code].say(party=party.title)
    received = pay.served if pay is not None and pay.served is not None else decided
    steps = [say["pay_within"].step(received, n=rule.within.amount, basis=rule.basis)]
    if pay is None or pay.served is None:
        if pay is not None and (pay.paid is not None or pay.fine is not None):
            raise InvalidInput(say["served_needed"].say(), field="served")
        return PaymentAnswer("yes" if code == "collect_yes" else "no", collect, None, None, tuple(steps))
    if fine is None and fine_text is None:
        raise InvalidInput(say["no_fine_to_pay"].say(), field="served")
    due = periods.due(pay.served, rule.within, t.book, t.counting, provisional=provisional)
    steps += due.steps
    result = None
    if pay.paid is not None:
        if pay.paid < pay.served:
            raise InvalidInput(say["paid_before_served"].say(paid=pay.paid, served=pay.served), field="paid")
        result, more = late(t, _amount(t, fine, fine_text, pay), due.due, pay.paid)
        steps += more
    elif pay.fine is not None:
        _amount(t, fine, fine_text, pay)
    return PaymentAnswer("yes" if code == "collect_yes" else "no", collect, due, result, tuple(steps))
