"""The decisions an outcome allows (`decisions`): what the officer may decide within its bands, one
`Decision` for each choice the text leaves open ("五日以下拘留或者一千元以下罚款" is two: detention, or
a fine; "警告或者五百元以下罚款" is a warning, or a fine; "可以处" adds deciding nothing).

The procedural facts turn on the penalty decided, not on the band (治安管理处罚法（2025） 第一百一十九条
"处警告或者五百元以下罚款的，可以当场作出"): a fact is "yes" where every decision the band allows
qualifies, "depends" where some do (and the answer names which), "no" where none does.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from decimal import Decimal

from .model import Band, Fine


@dataclass(frozen=True)
class Decision:
    """One penalty the bands allow together: whether it includes detention, a warning, a fine (its
    range within the band), and a licence or business measure (吊销, 责令停产停业)."""

    detention: bool = False
    warning: bool = False
    fine: Fine | None = None
    measure: bool = False

    @property
    def penalty(self) -> bool:
        """Whether a penalty is imposed (a band of 责令改正 alone imposes none)."""
        return self.detention or self.warning or self.fine is not None or self.measure

    @property
    def restrictive(self) -> bool:
        """Detention or a licence or business measure: never decided on the spot."""
        return self.detention or self.measure

    def with_(self, other: "Decision") -> "Decision":
        """Two bands imposed together (the base band and an added one): both. No text gives one act
        two fines; where two circumstances each name the same fine ("情节严重或者屡教不改"), the
        heavier range stands, as `Outcome.fine_floor` takes it."""
        fine = self.fine or other.fine
        if self.fine is not None and other.fine is not None:
            fine = Fine(max(self.fine.min, other.fine.min), max(self.fine.max, other.fine.max))
        return Decision(self.detention or other.detention, self.warning or other.warning, fine,
                        self.measure or other.measure)


def band_decisions(b: Band, party: str) -> tuple[Decision, ...]:
    """What the band lets the officer decide, as its text joins its sanctions (或者, 并处, 可以并处,
    警告或者, 警告并处, 可以处); a band that imposes no penalty proper (责令改正 only) allows one empty decision."""
    f = b.fine(party)
    if b.detention_max:
        out = {"or": [Decision(detention=True), Decision(fine=f)],
               "and": [Decision(detention=True, fine=f)],
               "and_optional": [Decision(detention=True), Decision(detention=True, fine=f)]}.get(
            b.mode, [Decision(detention=True)])
        if b.warning:
            out.append(Decision(warning=True))
    elif f is not None:
        out = [Decision(warning=True), Decision(fine=f)] if b.warning else [Decision(warning=b.with_warning, fine=f)]
    else:
        out = [Decision(warning=b.warning)]
    if b.discretionary:  # 可以处: the authority may also decide nothing
        out.append(Decision())
    if b.licence or b.suspension:
        out = [replace(d, measure=True) for d in out]
    return tuple(out)


def decisions(bands: tuple[Band, ...], party: str) -> tuple[Decision, ...]:
    """Every decision the bands allow together: one choice from each band, combined."""
    out = []
    for choice in itertools.product(*(band_decisions(b, party) for b in bands)):
        d = Decision()
        for part in choice:
            d = d.with_(part)
        out.append(d)
    return tuple(dict.fromkeys(out))


def within(fine: Fine, limit: Decimal) -> Fine | None:
    """The part of a fine range at or below `limit` (以下 includes the number), or None."""
    return None if fine.min > limit else Fine(fine.min, min(fine.max, limit))
