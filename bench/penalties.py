"""Issue 16 item 8: assessment time per case and search time, the whole 治安管理处罚法 catalogue
against the county list's nine items, measured side by side in one run.

The whole catalogue is the bundled set with schedules/penalties/zhian-*.toml; until the data
helpers' files are merged it is the bundled set plus tests/data/zhian-fixture.toml (24 articles),
and the line says so. Every case is assessed through `calc.penalties.assess` (the function the API,
the page and the CLI call), acts on both sides of 2026-01-01 so 从旧兼从轻 compares two texts.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from .common import best_of_each, row, us

QUERIES = ("打架", "偷东西", "吸毒", "赌博", "嫖娼", "醉酒闹事", "噪音扰民", "偷拍", "谎报警情", "出租", "典当", "印章",
           "治安管理处罚法（2025）", "不存在的词")
DATES = ((dt.date(2025, 11, 1), dt.date(2026, 2, 1)), (dt.date(2026, 3, 2), dt.date(2026, 4, 1)),
         (dt.date(2025, 3, 1), dt.date(2025, 5, 1)))


def _catalogues(loaded):
    from calc import schedules as sched

    root = Path(__file__).resolve().parents[1]
    real = sorted((root / "schedules/penalties").glob("zhian-*.toml"))
    nine = {k: v for k, v in loaded.penalties.violations.items() if not k.startswith("zhian.")}
    if real:
        return loaded.penalties, nine, f"whole catalogue ({len(loaded.penalties.violations)} violations)"
    tmp = Path(tempfile.mkdtemp(prefix="bench-zhian-"))
    (tmp / "penalties").mkdir()
    (tmp / "penalties/zhian-fixture.toml").write_bytes((root / "tests/data/zhian-fixture.toml").read_bytes())
    whole = sched.load([str(tmp)]).penalties
    return whole, nine, f"bundled + fixture ({len(whole.violations)} violations; zhian-*.toml not merged yet)"


def _cases(p, ids):
    cases = []
    for vid in ids:
        v = p.get(vid)
        for act, decision in DATES:
            if v.version_on(act) is None:
                continue
            for circ in ([], v.codes()[:1]):
                cases.append((vid, act, decision, circ))
    return cases


def run(loaded) -> dict:
    import dataclasses

    from calc import penalties as pen

    whole, nine_items, label = _catalogues(loaded)
    nine = dataclasses.replace(whole, violations=nine_items)
    whole_cases = _cases(whole, [v for v in whole.violations if v.startswith("zhian.")])
    nine_cases = _cases(whole, list(nine_items))

    def assess_all(p, cases):
        return lambda: [pen.assess(p, vid, act, decision, "individual", circ)
                        for vid, act, decision, circ in cases]

    def search_all(p):
        return lambda: [p.search(q) for q in QUERIES] + [p.citing("治安管理处罚法（2025）", n) for n in (51, 58, 68)]

    t = best_of_each({"assess_whole": assess_all(whole, whole_cases), "assess_nine": assess_all(nine, nine_cases),
                      "search_whole": search_all(whole), "search_nine": search_all(nine)})
    per_whole, per_nine = t["assess_whole"] / len(whole_cases), t["assess_nine"] / len(nine_cases)
    n_search = len(QUERIES) + 3
    s_whole, s_nine = t["search_whole"] / n_search, t["search_nine"] / n_search
    print(f"Penalties (issue 16): {label}")
    print(row("assess one case, 治安管理处罚法 articles", us(per_whole), f"{per_whole / per_nine:.2f}x the nine items "
        f"({us(per_nine)}; {len(whole_cases)} and {len(nine_cases)} cases, both texts compared)"))
    print(row("search / article lookup over the catalogue", us(s_whole), f"{s_whole / s_nine:.2f}x the nine items ({us(s_nine)})"))
    return {"assess_us": per_whole * 1e6, "assess_ratio": per_whole / per_nine, "search_us": s_whole * 1e6,
            "search_ratio": s_whole / s_nine}
