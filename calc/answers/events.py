"""The JSON of publicity days and open days: GET /v1/events, GET /v1/events/{id} and `calc events --json`."""
import datetime as dt
from typing import Annotated, TypedDict

from ..events import Event, Events, Feed, Occurrence, Service
from .cites import Citation, Cites, cited
from .doc import Day, Doc


class OccurrenceOut(TypedDict):
    id: str
    date: Day
    title: str
    unit: str
    contact: str | None
    uid: str
    basis: str
    cites: Cites
    citation: Citation


class ServiceOut(TypedDict):
    id: str
    title: str
    unit: str
    content: str
    contact: str | None
    seed: str
    basis: str
    cites: Cites
    citation: Citation


class EventsOut(TypedDict):
    start: Day
    end: Day
    items: list[OccurrenceOut]
    services: Annotated[list[ServiceOut], Doc("清单三、7-9：无固定日期的公共服务事项")]


class EventOut(TypedDict):
    id: str
    title: str
    when: str
    rrule: str
    unit: str
    content: str
    contact: str | None
    seed: str
    basis: str
    cites: Cites
    citation: Citation
    note: str | None
    dates: list[Day]


def occurrence_json(o: Occurrence, feed: Feed) -> OccurrenceOut:
    """One dated occurrence, with the UID the feed's iCalendar gives it (so a client can match them)."""
    e = o.event
    return {"id": e.id, "date": o.date.isoformat(), "title": e.title, "unit": e.unit, "contact": e.contact,
            "uid": f"{o.uid}@{feed.uid_domain}", **cited(e.basis)}


def service_json(s: Service) -> ServiceOut:
    return {"id": s.id, "title": s.title, "unit": s.unit, "content": s.content, "contact": s.contact,
            "seed": s.seed, **cited(s.basis)}


def events_json(ev: Events, start: dt.date, end: dt.date) -> EventsOut:
    """Every occurrence from `start` to `end`, in date order, and the services that have no fixed date."""
    return {"start": start.isoformat(), "end": end.isoformat(),
            "items": [occurrence_json(o, ev.feed) for o in ev.between(start, end)],
            "services": [service_json(s) for s in ev.services.values()]}


def event_json(ev: Events, e: Event, start: dt.date, end: dt.date) -> EventOut:
    """One event and its dates from `start` to `end`."""
    return {"id": e.id, "title": e.title, "when": e.when, "rrule": e.rrule, "unit": e.unit,
            "content": e.content, "contact": e.contact, "seed": e.seed, **cited(e.basis),
            "note": e.note, "dates": [o.date.isoformat() for o in ev.between(start, end, [e.id])]}
