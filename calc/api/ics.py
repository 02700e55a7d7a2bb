"""iCalendar answers: the content negotiation (`Accept: text/calendar`), the UID domain, and the
due-date events of deadlines and timelines (their words: schedules/calendar/texts.toml)."""
from __future__ import annotations

import os

from flask import current_app, request

from .. import ics
from .state import current

CALENDAR = "text/calendar"
_ICS = {"schema": {"type": "string"}, "example": "BEGIN:VCALENDAR\r\n…\r\nEND:VCALENDAR\r\n"}
DOC = {"responses": {"200": {"description": "OK（iCalendar）", "content": {CALENDAR: _ICS}}}}


def doc_also(schema) -> dict:
    """The 200 response in both media types (a manual `content` replaces the generated one)."""
    return {"responses": {"200": {"description": "OK（请求头 Accept: text/calendar 时为 iCalendar）",
                                  "content": {"application/json": {"schema": schema}, CALENDAR: _ICS}}}}


_JSON_ONLY = frozenset(("", "*/*", "application/json"))  # what most clients send (curl, requests: */*)


def wants_calendar() -> bool:
    """Only an explicit preference for text/calendar turns a JSON answer into a calendar.

    An Accept header that names no text type and no wildcard, or is one of `_JSON_ONLY`, cannot
    prefer it: answered without parsing the header (a tenth of a single deadline's time)."""
    accept = request.environ.get("HTTP_ACCEPT", "")
    if accept in _JSON_ONLY or "*" not in accept and "text" not in accept.lower():
        return False
    best = request.accept_mimetypes.best_match(["application/json", CALENDAR])
    return best == CALENDAR and request.accept_mimetypes[CALENDAR] > request.accept_mimetypes["application/json"]


def uid_domain() -> str:
    """CALC_UID_DOMAIN (each county its own, so two counties' feeds never collide), else the
    domain the schedules' feed names."""
    return current_app.config.get("UID_DOMAIN") or os.environ.get("CALC_UID_DOMAIN") or current().events.feed.uid_domain


def respond(body: bytes, filename: str):
    r = current_app.response_class(body, mimetype=CALENDAR)
    r.headers["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return r


def due_dates(events, question: dict, name: str, filename: str):
    feed = current().events.feed
    return respond(ics.due_ics(events, question, feed.prodid, name, uid_domain(), feed.dtstamp), filename)


def _estimated(texts, provisional: bool) -> str:
    return texts["estimated"].say() if provisional else ""


def deadline(d, question: dict):
    """POST /v1/deadlines as one all-day event on the due date, its steps in DESCRIPTION."""
    s = current()
    texts = s.calendar.texts
    unit = s.rules.units.get(d.period.unit, d.period.unit)
    summary = texts["deadline"].say(start=d.start.isoformat(), amount=d.period.amount, unit=unit)
    event = ics.DueEvent("due", d.due, summary + _estimated(texts, d.provisional),
                         ics.description(d.steps, d.range, texts))
    return due_dates([event], question, texts["deadline_calendar"].say(), "deadline")


def timeline(t, question: dict, procedure_id: str):
    """A timeline as one event per stage with a due date: all-day where the law counts days, timed
    where hours."""
    texts = current().calendar.texts
    events = [ics.DueEvent(r.stage.id, r.due,
                           texts["stage"].say(procedure=t.procedure.title, stage=r.stage.title)
                           + _estimated(texts, r.provisional), ics.description(r.steps, r.range, texts))
              for r in t.stages if r.due is not None]
    return due_dates(events, question, t.procedure.title, procedure_id)
