"""What the traffic answers say, as texts of schedules/traffic/texts.toml: the codes this package
uses and the placeholders each fills in (`TEXTS`, checked at start-up), and the few sentences made
from a band's numbers (its sanctions, a measure) so that no wording lives in Python.
"""
from __future__ import annotations

from decimal import Decimal

from ..texts import Spec, Text

_B = ("basis",)
TEXTS = {
    # the facts an answer needs and did not get, or got wrong
    "need_vehicle": Spec(), "need_road": Spec(), "need_seats": Spec(), "need_speed": Spec(),
    "need_passengers": Spec(), "need_load": Spec(), "need_total_mass": Spec(),
    "unknown_vehicle": Spec(("code", "known")), "unknown_road": Spec(("code", "known")),
    "unknown_circumstance": Spec(("code", "known")), "unknown_licence": Spec(("code", "known")),
    "decision_before_act": Spec(("decision", "act")), "nothing_in_force": Spec(("act",)),
    "not_over": Spec(("measured", "limit")), "limit_not_positive": Spec(("limit",)),
    "measured_negative": Spec(("measured",)), "rated_not_positive": Spec(("rated",)), "not_over_passengers": Spec(("carried", "rated")),
    "not_over_load": Spec(("carried", "rated")), "no_measure": Spec(), "whole_persons": Spec(),
    "no_route": Spec(("kind", "vehicle")), "kind_speed": Spec(), "kind_passengers": Spec(), "kind_goods": Spec(),
    # which version, which text
    "choice_new": Spec(("old", "new", "decision")), "choice_old": Spec(("old", "new", "decision")),
    "national_before": Spec(("act", "basis", "first")), "national_no_band": Spec(_B),
    "national_applies": Spec(("sanctions", *_B), basis=True),
    "hebei_before": Spec(("act", "basis", "first")), "hebei_own": Spec(_B), "hebei_without_national": Spec(_B),
    "hebei_out_of_scope": Spec(("basis", "scope", "limit")),
    "hebei_applied": Spec(("amount", *_B), basis=True), "hebei_not_applied": Spec(("amount", *_B), basis=True),
    # points
    "points_not_scored": Spec(("party",), basis=True), "points_before": Spec(("act", "first")),
    "points_no_item": Spec(_B, basis=True), "points_no_band": Spec(_B, basis=True),
    "points_item": Spec(("points", *_B), basis=True), "points_warning": Spec(),
    # on the spot, paying
    **{code: Spec(("limit",)) for code in ("spot_restrictive", "spot_warning", "spot_nothing", "spot_formula",
                                           "spot_yes", "spot_depends", "spot_no", "spot_optional_restrictive")},
    "collect_yes": Spec(("party",)), "collect_no": Spec(("party",)),
    "pay_within": Spec(("n", *_B), basis=True),
    "pay_on_time": Spec(("paid", "due", *_B), basis=True),
    "pay_late": Spec(("days", "first", "paid", "rate", "fine", "surcharge", *_B), basis=True),
    "pay_capped": Spec(("cap", *_B), basis=True),
    "fine_not_money": Spec(), "fine_outside": Spec(("fine", "min", "max")), "fine_needed": Spec(),
    "served_needed": Spec(), "no_fine_to_pay": Spec(), "paid_before_served": Spec(("paid", "served")),
    # the words of a band
    "fine_range": Spec(("min", "max")), "fine_ceiling": Spec(("max",)), "fine_fixed": Spec(("amount",)),
    "warning_or": Spec(("fine",)), "warning_only": Spec(), "optional": Spec(("measure",)),
    "measure_licence_suspension": Spec(("months",)), "measure_licence_revocation": Spec(),
    "measure_licence_withheld": Spec(), "measure_detention": Spec(("days",)),
    "measure_detention_fixed": Spec(("days",)), "measure_detention_range": Spec(("min_days", "days")),
    "measure_vehicle_detention": Spec(), "measure_confiscation": Spec(), "measure_criminal": Spec(),
    "measure_ban_years": Spec(("years",)), "measure_ban_lifetime": Spec(), "measure_with_text": Spec(("measure", "text")),
    "points_value": Spec(("points",)),
    # speeding and overloading
    "speed_over": Spec(("measured", "limit", "percent", "road")),
    "load_over": Spec(("carried", "rated", "percent", "what")),
    "route_to": Spec(("act", "title")),
    # the points cycle
    "cycle": Spec(("first", "start", "end", "months", *_B), basis=True),
    "cycle_before": Spec(("first", "start", "end", *_B), basis=True),
    "cycle_before_note": Spec(),
    "entry_counted": Spec(("day", "points", "what")), "entry_outside": Spec(("day", "points", "what")),
    "entry_carried": Spec(("day", "points", "what", *_B), basis=True),
    "entry_before_rules": Spec(("day", "first")),
    "total": Spec(("total", "full")),
    "full": Spec(("day", "total", *_B), basis=True),
    "full_before_rules": Spec(("day", "first")),
    "study": Spec(("days", "times", "licence", "onsite_or_online", "onsite", *_B), basis=True),
    "study_no_licence": Spec(),
    "exam": Spec(_B, basis=True), "road_test": Spec(_B, basis=True), "field_test": Spec(_B, basis=True),
    "reduced": Spec(("day", "points", "kind", "total", *_B), basis=True),
    "reduction_refused": Spec(("day", "why", *_B), basis=True),
    "reduction_limit": Spec(("day", "max", *_B), basis=True),
    "reduction_not_allowed": Spec(("day", "total", "full", *_B), basis=True),
    "review_due": Spec(("end", "days", "due", "why", *_B), basis=True),
    "review_none": Spec(("why",)),
    "review_large_no_points": Spec(), "review_large": Spec(("licence",)), "review_other": Spec(),
    "review_unknown": Spec(), "review_no_licence": Spec(), "reduction_outside": Spec(("day",)),
    "reduction_online": Spec(), "reduction_onsite": Spec(), "reduction_public_welfare": Spec(),
    "not_encoded_licence_rules": Spec(),
    # what no text here says, shown where a person looks for it (the catalogue's page, `calc traffic`)
    "not_encoded_inspection": Spec(), "not_encoded_school_bus": Spec(), "not_encoded_thresholds": Spec(),
    # the facts a band applies under, in words (the act's page and `calc traffic ID`)
    "when_general": Spec(), "when_other": Spec(), "when_seats": Spec(("seats",)),
    "when_over_min": Spec(("measure", "min")), "when_over_below": Spec(("measure", "below")),
    "when_over_between": Spec(("measure", "min", "below")),
    **{f"over_{m}": Spec() for m in ("speed", "passengers", "load", "total_mass")},
    # the payment's rules as a decision cites them
    "surcharge_rule": Spec(("rate",)), "surcharge_cap": Spec(),
}

# What the catalogue does not encode, in the order a person reads it: each a text above.
NOT_ENCODED = ("not_encoded_inspection", "not_encoded_licence_rules", "not_encoded_school_bus",
               "not_encoded_thresholds")


def yuan(amount: Decimal) -> str:
    """1000 -> "1000", 12.5 -> "12.50": how a fine is written in a decision."""
    q = Decimal(amount).quantize(Decimal("0.01"))
    return str(q.quantize(Decimal(1))) if q == q.to_integral_value() else str(q)


def fine_words(say: dict[str, Text], band) -> str | None:
    """The fine of a band as the texts word it: a fixed amount, a range, a ceiling, or the text's formula."""
    fine = band.fine
    if fine is None:
        words = band.fine_text
    elif fine.min == fine.max:
        words = say["fine_fixed"].say(amount=yuan(fine.max))
    elif fine.min == 0:
        words = say["fine_ceiling"].say(max=yuan(fine.max))
    else:
        words = say["fine_range"].say(min=yuan(fine.min), max=yuan(fine.max))
    if band.warning:
        return say["warning_or"].say(fine=words) if words else say["warning_only"].say()
    return words


def measure_words(say: dict[str, Text], m) -> str:
    """One measure in words, with what the text adds after it and 可以 where it is optional."""
    if m.kind == "detention":
        if m.min_days and m.min_days == m.days:
            words = say["measure_detention_fixed"].say(days=m.days)
        elif m.min_days:
            words = say["measure_detention_range"].say(min_days=m.min_days, days=m.days)
        else:
            words = say["measure_detention"].say(days=m.days)
    elif m.kind == "ban_years":
        words = say["measure_ban_lifetime"].say() if m.lifetime else say["measure_ban_years"].say(years=m.years)
    elif m.kind == "other":
        return say["optional"].say(measure=m.detail) if m.optional else m.detail
    else:
        words = say[f"measure_{m.kind}"].say(months=m.months) if m.kind == "licence_suspension" \
            else say[f"measure_{m.kind}"].say()
    if m.detail:
        words = say["measure_with_text"].say(measure=words, text=m.detail)
    return say["optional"].say(measure=words) if m.optional else words


def _percent(value) -> str:
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f").rstrip("0").rstrip(".") \
        if value.denominator != 1 else str(value.numerator)


def when_words(say: dict[str, Text], t, when, alone: bool = True) -> str:
    """The facts a band applies under, as a person reads them (车型、道路、超过的百分比、座位、情形);
    an empty `when` is the general case, or, after other bands, "the other cases" (the first band
    that holds applies)."""
    parts = ["、".join((t.vehicles.get(c) or t.groups[c]).title for c in when.vehicles)] if when.vehicles else []
    parts += ["、".join(t.roads[c].title for c in when.roads)] if when.roads else []
    if when.over is not None:
        o, measure = when.over, say[f"over_{when.over.measure}"].say()
        if o.min is not None and o.below is not None:
            parts.append(say["when_over_between"].say(measure=measure, min=_percent(o.min), below=_percent(o.below)))
        elif o.min is not None:
            parts.append(say["when_over_min"].say(measure=measure, min=_percent(o.min)))
        else:
            parts.append(say["when_over_below"].say(measure=measure, below=_percent(o.below)))
    if when.seats is not None:
        parts.append(say["when_seats"].say(seats=when.seats))
    parts += [t.circumstances[c].title for c in when.circumstances]
    if not parts:
        return say["when_general" if alone else "when_other"].say()
    return "；".join(parts)


def sanctions(say: dict[str, Text], band) -> str:
    """What a band imposes, as a decision lists it: the fine (or warning), then the measures."""
    parts = [fine_words(say, band)] if band.fine is not None or band.fine_text or band.warning else []
    if band.points is not None:
        parts.append(say["points_value"].say(points=band.points))
    parts += [measure_words(say, m) for m in band.measures]
    return "；".join(p for p in parts if p)


def cited_parts(t, a) -> list[tuple[str, object]]:
    """Each part of an assessment a decision states, with its basis, in the order a decision lists
    them: the fine, the measures, the points, the simplified procedure where it may be used, the
    time to pay and the surcharge (the page's block to copy and `calc traffic`'s)."""
    say = t.texts
    out = [(fine_words(say, a), a.basis)] if a.fine is not None or a.fine_text or a.warning else []
    out += [(measure_words(say, m), m.basis) for m in a.measures]
    if a.points_band is not None:
        out.append((say["points_value"].say(points=a.points), a.points_band.basis))
    if a.on_the_spot.status != "no":
        out.append((a.on_the_spot.explanation, a.on_the_spot.basis))
    if a.fine is not None:
        rule = t.rules.payment
        out += [(say["pay_within"].say(n=rule.within.amount, basis=rule.basis), rule.basis),
                (say["surcharge_rule"].say(rate=(rule.daily_rate * 100).normalize()), rule.rate_basis),
                (say["surcharge_cap"].say(), rule.cap_basis)]
    return out
