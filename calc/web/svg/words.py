"""The words of the timeline picture: how wide a text is drawn, where it wraps or is cut, how a
moment is written, and the headline (the date the applicant obtains what they came for)."""
from __future__ import annotations

import datetime as dt
import re

from ...timelines import ELIGIBLE, PREREQUISITE, TERM, Timeline


def key(moment) -> float:
    if isinstance(moment, dt.datetime):
        return moment.toordinal() + (moment.hour * 60 + moment.minute) / 1440
    return float(moment.toordinal())


def text_of(moment, hours: bool) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        return moment.strftime("%m-%d %H:%M") if hours else moment.date().isoformat()
    return moment.isoformat()


def full(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, dt.datetime) else moment.isoformat()


def width_of(text: str, size: float) -> float:
    """Estimated advance of `text` at `size`: CJK one em, digits and Latin a bit over half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def wrap(text: str, room: float, size: float) -> list[str]:
    """Lines no wider than `room`: breaks between CJK characters or at spaces, never inside a date
    or a short 《title》."""
    tokens = re.findall(r"《[^》]{1,12}》|[\x21-\x7e]+|\s+|.", text)
    lines, cur = [], ""
    for tok in tokens:
        if cur and width_of(cur + tok, size) > room:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def cut(text: str, room: float, size: float) -> str:
    if width_of(text, size) <= room:
        return text
    while text and width_of(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def headline(t: Timeline) -> tuple[str, object, str]:
    """(sentence, date, stage title): the completion or, when a last stage has no time limit, the
    last dated one; what is obtained then, as that stage's data says (`issues`)."""
    dated = [r for r in t.stages if r.end is not None and r.stage.kind != PREREQUISITE]
    if not dated:
        return "办结日期无法推算（有环节没有法定期限）", None, ""
    if t.completion is not None:
        last = max((r for r in dated if r.end == t.completion), key=lambda r: r.stage.optional is False,
                   default=dated[-1])
        moment = t.completion
    else:
        last = max(dated, key=lambda r: key(r.end))
        moment = last.end
    when = full(moment) if t.version.hours else text_of(moment, False)
    if last.decided is not None and last is dated[-1]:
        return f"已于 {when} 办结（{last.stage.short}）", moment, last.stage.title
    return ("预计" if t.provisional else "") + _expected(last.stage, when, t.completion is not None), moment, \
        last.stage.title


def _expected(stage, when: str, complete: bool) -> str:
    """What the applicant may expect by `when`: what they obtain, how long a term runs, when they
    qualify, or that everything with a time limit is done."""
    if stage.issues:
        return f"最迟 {when} 取得{stage.issues}"
    if stage.kind == TERM:
        return f"最长至 {when}"
    if stage.kind == ELIGIBLE:
        return f"{when} 起符合条件"
    if complete:
        return f"最迟 {when} 全部办结"
    return f"有期限的环节最迟 {when} 办结；其后的环节无法定期限"
