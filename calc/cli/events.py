"""`calc events YEAR`: the year's publicity and open days, as GET /v1/events (or, with --ics, the
bytes of GET /v1/events.ics) for that year."""
from __future__ import annotations

import datetime as dt
import sys

from ..answers.events import events_json
from .args import OK
from .check import load
from .output import print_json


def _write_bytes(body: bytes) -> None:
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(body.decode("utf-8"))
    else:
        out.write(body)
        out.flush()


def events(args) -> int:
    s = load(args)
    start, end = dt.date(args.year, 1, 1), dt.date(args.year, 12, 31)
    ev = s.events
    if args.ics:  # the bytes GET /v1/events.ics?start=YEAR-01-01&end=YEAR-12-31 answers
        _write_bytes(ev.ics(start, end, []))
        return OK
    if args.json:  # the JSON GET /v1/events?start=YEAR-01-01&end=YEAR-12-31 answers
        print_json(events_json(ev, start, end))
        return OK
    found = ev.between(start, end)
    print(f"{args.year}年宣传日与开放日：")
    for o in found:
        contact = f"  联系电话 {o.event.contact}" if o.event.contact else ""
        print(f"  {o.date.isoformat()}  {o.event.title}  {o.event.unit}{contact}")
    if ev.services:
        print("无固定日期的服务：")
        for x in ev.services.values():
            contact = f"  联系电话 {x.contact}" if x.contact else ""
            print(f"  {x.title}  {x.unit}{contact}")
    return OK
