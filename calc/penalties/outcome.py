"""Which bands of one version apply to a case (`select`), and what they add up to (`Outcome`): the
base band, plus the band of each circumstance the text names; a band the text puts in place of
the base penalty replaces it, one the text adds (criminal referral) is added. A circumstance whose
从重 the act's own paragraph sets (`Version.aggravations`) chooses no band and is said, with that
paragraph. A circumstance the text does not name is said in a note, never guessed into a band.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from .model import Aggravation, Band, Circumstance, Fine, Licence, Version


@dataclass(frozen=True)
class Outcome:
    """The bands one version gives for one party and set of circumstances, and their notes."""

    version: Version
    bands: tuple[Band, ...]
    notes: tuple[str, ...]
    party: str
    aggravations: tuple[Aggravation, ...] = ()  # the paragraphs that make this case 从重

    def fines(self) -> list[tuple[Band, Fine]]:
        return [(b, b.fine(self.party)) for b in self.bands if b.fines is not None]

    @property
    def fine(self) -> Fine | None:
        fines = [f for _, f in self.fines()]
        if not fines:
            return None
        return Fine(min(f.min for f in fines), max(f.max for f in fines))

    @property
    def fine_floor(self) -> Decimal:
        """The least fine that must be imposed: 0 where a warning or no fine may be chosen."""
        must = [f.min for b, f in self.fines() if not (b.warning or b.fine_optional or b.discretionary)]
        return max(must) if must else Decimal(0)

    @property
    def warning_possible(self) -> bool:
        return any(b.warning for b in self.bands) and all(b.warning or b.fine_optional
                                                           for b, _ in self.fines())

    @property
    def detention_max(self) -> int:
        return max((b.detention_max for b in self.bands), default=0)

    @property
    def licence(self) -> Licence | None:
        return next((b.licence for b in self.bands if b.licence), None)

    @property
    def suspension(self) -> str | None:
        return next((b.suspension for b in self.bands if b.suspension), None)

    @property
    def punishable(self) -> bool:
        return self.version.punishable

    def describe(self) -> str:
        if not self.punishable:
            e = self.version.elsewhere
            if e is not None:
                return self.version.texts["outcome_elsewhere"].say(authority=e.authority, basis=e.basis)
            return self.version.texts["outcome_not_punishable"].say()
        parts = [s for b in self.bands for s in b.sanctions(self.party)]
        return "；".join(parts) if parts else self.version.texts["outcome_none"].say()


def select(version: Version, circumstances: Sequence[str], party: str,
           names: Mapping[str, Circumstance] | None = None) -> Outcome:
    """The bands of `version` for these circumstances. `names` (the catalogue's codes) orders the
    codes and words the notes; general codes (从重, 不执行拘留 ...) choose no band and are answered
    by the general rules instead; a code that counts as a band only under another text
    (`counts_as`) chooses that band under that text and is noted elsewhere."""
    say = version.texts
    if not version.punishable:
        e = version.elsewhere
        note = say["select_not_punishable"].say(basis=version.basis) if e is None else \
            say["select_elsewhere"].say(basis=version.basis, authority=e.authority, elsewhere=e.basis)
        return Outcome(version, (), (note,), party)
    names = names or {}
    notes = _elsewhere(version, circumstances, names)
    codes = _band_codes(version, circumstances, names)
    aggravated = _aggravations(version, codes, names, notes)
    chosen = _bands(version, [c for c in codes if not _aggravating(c, names)], names, notes)
    if not chosen:
        needed = "、".join(names[b.when].text if b.when in names else b.when for b in version.bands)
        notes.append(say["select_only_for"].say(basis=version.basis, circumstances=needed))
    if version.caveat:
        notes.append(say["select_caveat"].say(basis=version.basis, caveat=version.caveat))
    return Outcome(version, tuple(chosen), tuple(notes), party, aggravated)


def _aggravating(code: str, names: Mapping[str, Circumstance]) -> bool:
    c = names.get(code)
    return bool(c and c.aggravation)


def _aggravations(version: Version, codes: list[str], names: Mapping[str, Circumstance],
                  notes: list[str]) -> tuple[Aggravation, ...]:
    """The 从重 paragraphs of this text for the codes given, each said in a note with the paragraph
    it rests on; a code this text has no such paragraph for is said too (the 2012 text has no
    paragraph on organisers of drug taking: only its general 从重 rule can apply)."""
    say, out = version.texts, []
    for code in codes:
        if not _aggravating(code, names):
            continue
        a = version.aggravation(code)
        if a is None:
            notes.append(say["select_no_aggravation"].say(basis=version.basis, circumstance=names[code].text))
            continue
        notes.append(say["select_aggravated"].say(basis=a.basis, circumstance=names[code].text))
        out.append(a)
    return tuple(out)


def _band_codes(version: Version, circumstances: Sequence[str], names: Mapping[str, Circumstance]) -> list[str]:
    """The codes given, with the bands they count as under this version's text, in the
    catalogue's order (as given where there is no catalogue)."""
    given = set(circumstances)
    for code in circumstances:
        c = names.get(code)
        given.update(target for law, target in (c.counts_as if c else ()) if law == version.law)
    return [c for c in names if c in given] if names else list(dict.fromkeys(circumstances))


def _elsewhere(version: Version, circumstances: Sequence[str], names: Mapping[str, Circumstance]) -> list[str]:
    """A note for each code given that is a band only under another text than this one."""
    say = version.texts
    return [say["select_not_a_band_here"].say(basis=version.basis, circumstance=c.text)
            for c in (names.get(code) for code in circumstances)
            if c and c.counts_as and not any(law == version.law for law, _ in c.counts_as)]


def _bands(version: Version, codes: list[str], names: Mapping[str, Circumstance], notes: list[str]) -> list[Band]:
    """The base band and each code's own band (replacing the base where the text says so); a code
    the text has no band for is noted in `notes`."""
    base = version.band("base")
    chosen = [base] if base else []
    for code in codes:
        c = names.get(code)
        if code == "base" or (c and (c.general or c.counts_as)):
            continue
        band = version.band(code)
        if band is None:
            notes.append(version.texts["select_no_own_band"].say(basis=version.basis,
                                                                 circumstance=c.text if c else code))
            continue
        if band.replaces_base and base in chosen:
            chosen.remove(base)
        chosen.append(band)
    return chosen
