"""No internal id inside a Chinese sentence people read (issue 20): pages, the API's notes and the CLI's
lines name stages, procedures, violations and fields by their titles, not by `security-review` or
`act_date`. An id may still be shown as an id: in <code> (the inspection log's syntax, 编号 <code>…</code>),
in form values and links, and where a person typed it and it is quoted back."""
from __future__ import annotations

import html.parser
import re

import pytest

from calc import cli

CJK = re.compile(r"[\u4e00-\u9fff]")
TOKEN = re.compile(r"(?<![A-Za-z0-9_./-])([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*)(?![A-Za-z0-9_/-])")
FIELDS = {"act_date", "decision_date", "event", "actual", "provisional", "pauses", "extensions", "variants",
          "circumstances", "party", "facts", "population", "overrides", "durations", "restarts"}
SKIP = {"script", "style", "code", "textarea", "pre", "svg"}
INLINE = {"a", "span", "strong", "em", "time", "b", "i", "small", "abbr", "mark", "sup", "sub", "br"}


class Sentences(html.parser.HTMLParser):
    """The visible text of a page, one item per block (p, li, td, heading…), inline markup joined."""

    def __init__(self):
        super().__init__()
        self.skip, self.buffer, self.blocks = 0, [], []

    def _flush(self):
        text = "".join(self.buffer).strip()
        if text:
            self.blocks.append(re.sub(r"\s+", " ", text))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            self.buffer.append(" ")  # <code>x</code> is not part of the words around it
        elif tag not in INLINE:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip -= 1
            self.buffer.append(" ")
        elif tag not in INLINE:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.buffer.append(data)


@pytest.fixture(scope="module")
def ids(schedules):
    s = schedules
    found = set(s.penalties.violations) | set(s.penalties.thresholds) | set(s.inspections.regimes) | set(s.events.events)
    for r in s.inspections.regimes.values():
        found |= set(r.requirements)
    for p in s.timelines:
        found.add(p.id)
        for v in p.versions:
            found |= {st.id for st in v.stages}
    return found | FIELDS


def offenders(texts, ids) -> list[str]:
    return [f"{tok}: {t[:120]}" for t in texts if CJK.search(t)
            for tok in TOKEN.findall(t) if tok in ids]


def page_urls(s) -> list[str]:
    urls = ["/", "/deadline", "/calendar", "/events", "/penalties", "/timelines", "/inspections",
            "/responsibilities", "/penalties/late-fee?fine=500&served=2026-09-01&paid=2026-10-20"]
    urls += [f"/thresholds/{t}" for t in s.penalties.thresholds]
    for v in s.penalties.violations:
        urls += [f"/penalties/{v}", f"/penalties/{v}?act_date=2025-11-20&decision_date=2026-02-10&party=individual"]
    for p in s.timelines:
        start = "2026-02-16 20:30" if p.latest.hours else "2026-09-21"
        urls.append(f"/timelines?procedure={p.id}&start={start}")
        urls.append(f"/timelines?procedure={p.id}&start={start[:10].replace('09', '11')}{start[10:]}")  # into 2027
    urls += [f"/inspections?regime={r}&start=2026-01-01&end=2026-12-31&population=10" for r in s.inspections.regimes]
    return urls


def test_pages_name_things_by_their_titles(client, schedules, ids):
    bad = []
    for url in page_urls(schedules):
        r = client.get(url)
        assert r.status_code in (200, 422), url
        p = Sentences()
        p.feed(r.get_data(as_text=True))
        p._flush()
        bad += [f"{url} {x}" for x in offenders(p.blocks, ids)]
    assert not bad, "\n".join(bad)


def test_the_api_notes_name_things_by_their_titles(client, schedules, ids):
    texts = []
    for p in schedules.timelines:
        start = "2026-02-16T20:30" if p.latest.hours else "2026-11-21"
        r = client.post(f"/v1/timelines/{p.id}", json={"start": start, "provisional": True})
        assert r.status_code == 200, (p.id, r.get_json())
        texts += [n["text"] for n in r.get_json()["notes"]]
    for v in schedules.penalties.violations:
        r = client.post(f"/v1/penalties/{v}/assess", json={"act_date": "2025-11-20", "decision_date": "2026-02-10",
                                                             "party": "individual"})
        a = r.get_json()
        texts += [a["limitation"].get("note") or "", a["limitation"].get("message") or ""]
    assert texts and not offenders(texts, ids), offenders(texts, ids)


@pytest.mark.parametrize("argv", [
    ["timeline", "internet-cafe-licence", "2026-09-21"],
    ["timeline", "internet-cafe-licence", "2026-11-21", "--provisional"],
    ["penalty", "rental.unregistered-tenant", "--act-date", "2025-11-20", "--decision-date", "2026-02-10",
     "--party", "individual"],
    ["due", "2027-01-05", "5", "workdays"],
])
def test_cli_lines_name_things_by_their_titles(capsys, ids, argv):
    cli.main(argv)
    out, err = capsys.readouterr()
    lines = [x for x in (out + err).splitlines() if not x.startswith(("calendar_gap:", "not_found:"))]
    # the heading names the procedure or violation and gives its id in brackets, for the next command
    lines = [re.sub(r"（[a-z0-9.-]+(，[^）]*)?）$", "", x) for x in lines]
    assert not offenders(lines, ids), offenders(lines, ids)
