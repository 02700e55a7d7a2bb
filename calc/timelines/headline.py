"""An answer's first line: the stage people ask about, else the completion.

An officer who detained a suspect asks when the arrest request is due, not when the procuratorate
must decide; an applicant asks when the licence is issued. The procedure's data names that stage
(`headline`, per version where versions differ) and the caller may choose another; with neither,
the answer leads with the day the procedure is done (or its last dated stage). The other
authorities' periods and the completion follow it (`beneath`).

An estimate past the published holiday notices says so in the same sentence, with where the real
day can fall, and calls its day the latest only where it is the latest of that range. The words
are data ([notes.headline_*] in schedules/timelines/texts.toml)."""
from __future__ import annotations

from dataclasses import replace

from .answer import Headline, Timeline, sort_key
from .model import ELIGIBLE, PREREQUISITE, TERM, Moment, Stage, Timelines


def when(moment: Moment) -> str:
    """A day as YYYY-MM-DD; a moment of an hour stage as YYYY-MM-DD HH:MM."""
    return moment.strftime("%Y-%m-%d %H:%M") if hasattr(moment, "hour") else moment.isoformat()


def lead(timelines: Timelines, t: Timeline, stage_id: str | None, last_year: int) -> Headline:
    """The headline of `t`: the stage `stage_id` names (the caller's choice or the version's
    `headline`), else the completion. `last_year`: the newest year whose notice is published."""
    if stage_id is None:
        return _of_completion(timelines, t, last_year)
    i = next(k for k, r in enumerate(t.stages) if r.stage.id == stage_id)
    h = _of_stage(timelines, t, i, last_year)
    return replace(h, beneath=beneath(timelines, t, h, last_year))


def _of_stage(timelines: Timelines, t: Timeline, i: int, last_year: int) -> Headline:
    r = t.stages[i]
    title = r.stage.short
    if r.decided is not None:
        return Headline(r, r.decided, timelines.note("headline_decided", title=title, when=when(r.decided)))
    if r.due is None:
        return Headline(r, None, timelines.note("headline_stage_undated", title=title))
    # a stage hanging on an estimated one is estimated too, though its own count may be certain
    provisional = any(x.provisional for x in t.stages[:i + 1])
    by, estimate = _estimate(timelines, provisional, r.due, r.range, _years(t.stages[:i + 1], last_year))
    return Headline(r, r.due, _said(timelines, r.stage, by, r.due, complete=False, title=title), estimate,
                    provisional, r.range if provisional else None)


def _of_completion(timelines: Timelines, t: Timeline, last_year: int) -> Headline:
    """The day everything with a time limit is done, said by what its last stage gives; where a
    last stage has no time limit, the last dated one."""
    dated = [r for r in t.stages if r.end is not None and r.stage.kind != PREREQUISITE]
    if not dated:
        return Headline(None, None, timelines.note("headline_undated"))
    if t.completion is not None:
        last = max((r for r in dated if r.end == t.completion), key=lambda r: r.stage.optional is False,
                   default=dated[-1])
        moment, span = t.completion, t.completion_range
    else:
        last = max(dated, key=lambda r: sort_key(r.end))
        moment, span = last.end, last.range
    if last.decided is not None and last is dated[-1]:
        return Headline(None, moment, timelines.note("headline_decided", title=last.stage.short, when=when(moment)))
    by, estimate = _estimate(timelines, t.provisional, moment, span, _years(t.stages, last_year))
    main = _said(timelines, last.stage, by, moment, complete=t.completion is not None, title=last.stage.short)
    return Headline(None, moment, main, estimate, t.provisional, span if t.provisional else None)


def _said(timelines: Timelines, stage: Stage, by: str, moment: Moment, *, complete: bool, title: str) -> str:
    """What may be expected by `moment`: what is obtained, how long a term runs, when one qualifies,
    the stage's own day, or that everything with a time limit is done."""
    day = when(moment)
    if stage.issues:
        return timelines.note("headline_issues", by=by, when=day, issues=stage.issues)
    if stage.kind == TERM:
        return timelines.note("headline_term", when=day)
    if stage.kind == ELIGIBLE:
        return timelines.note("headline_eligible", when=day)
    if not complete:
        return timelines.note("headline_stage", title=title, by=by, when=day)
    return timelines.note("headline_complete", by=by, when=day)


def _estimate(timelines: Timelines, provisional: bool, moment: Moment, span, years: list[int],
              short: bool = False) -> tuple[str, str]:
    """(最迟 / 预计 / 预计最迟, the estimate's words): an estimated day is the latest only where it
    is the latest its range allows (a range of one day is certain); `short` for a line beneath
    the headline, which has said why already."""
    if not provisional:
        return timelines.note("headline_by_latest"), ""
    named = "、".join(str(y) for y in years)
    if span is None:  # hangs on an estimated stage: where it can fall is not known
        return timelines.note("headline_by_expected"), timelines.note(
            "headline_other_plain" if short else "headline_estimate_plain", years=named)
    if span[0] == span[1]:
        return timelines.note("headline_by_expected_latest"), "" if short else timelines.note(
            "headline_estimate_same", years=named)
    latest = sort_key(moment) >= sort_key(span[1])
    by = timelines.note("headline_by_expected_latest" if latest else "headline_by_expected")
    if short:
        return by, timelines.note("headline_other_range", first=when(span[0]), last=when(span[1]))
    return by, timelines.note("headline_estimate", years=named, first=when(span[0]), last=when(span[1]))


def _years(results, last_year: int) -> list[int]:
    """The years past the published notices that these stages were counted in."""
    return sorted({y for r in results for y in r.calendar_years if y > last_year})


def beneath(timelines: Timelines, t: Timeline, h: Headline, last_year: int) -> tuple[str, ...]:
    """What follows a stage's headline: the periods of the other authorities (the procuratorate's
    decision after the arrest request), each stage that always happens and has a day, then the
    completion where it is another day; each worded as the headline is (最迟 only where it is)."""
    if h.stage is None:
        return ()
    own = h.stage.stage.authority
    lines = []
    for i, r in enumerate(t.stages):
        if r.stage.authority == own or r.stage.optional or r.stage.kind == PREREQUISITE or r.end is None:
            continue
        if r.decided is not None:
            said = timelines.note("headline_decided", title=r.stage.short, when=when(r.decided))
        else:
            provisional = any(x.provisional for x in t.stages[:i + 1])
            by, estimate = _estimate(timelines, provisional, r.due, r.range, _years(t.stages[:i + 1], last_year),
                                     short=True)
            said = _said(timelines, r.stage, by, r.due, complete=False, title=r.stage.short) + estimate
        lines.append(timelines.note("headline_other", authority=r.stage.authority, said=said))
    if t.completion is not None and sort_key(t.completion) != sort_key(h.due or t.completion):
        by, estimate = _estimate(timelines, t.provisional, t.completion, t.completion_range,
                                 _years(t.stages, last_year), short=True)
        lines.append(timelines.note("headline_completion", by=by, when=when(t.completion)) + estimate)
    return tuple(lines)
