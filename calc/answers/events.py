"""The JSON of publicity days and open days: GET /v1/events and `calc events --json`."""
from __future__ import annotations

import datetime as dt

from ..events import Events, Feed, Occurrence, Service
from .cites import cited


def occurrence_json(o: Occurrence, feed: Feed) -> dict:
    """One dated occurrence, with the UID the feed's iCalendar gives it (so a client can match them)."""
    e = o.event
    return {"id": e.id, "date": o.date.isoformat(), "title": e.title, "unit": e.unit, "contact": e.contact,
            "uid": f"{o.uid}@{feed.uid_domain}", **cited(e.basis)}


def service_json(s: Service) -> dict:
    return {"id": s.id, "title": s.title, "unit": s.unit, "content": s.content, "contact": s.contact,
            "seed": s.seed, **cited(s.basis)}


def events_json(ev: Events, start: dt.date, end: dt.date) -> dict:
    """Every occurrence from `start` to `end`, in date order, and the services that have no fixed date."""
    return {"start": start.isoformat(), "end": end.isoformat(),
            "items": [occurrence_json(o, ev.feed) for o in ev.between(start, end)],
            "services": [service_json(s) for s in ev.services.values()]}
