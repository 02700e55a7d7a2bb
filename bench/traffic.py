"""Issue 27 item 9: road traffic per case — an act's assessment, a speed by the numbers, a points
cycle — and search over the traffic catalogue, each against the 治安 assessment (and the 治安
catalogue's search) measured side by side in the same run.

Every traffic case goes through the functions the API calls (calc.traffic.assess, measured.speeding,
points.points_cycle); the 治安 side is calc.penalties.assess over the zhian.* acts, as bench/penalties.py
measures it, on dates either side of 2026-01-01 so that 从旧兼从轻 compares two texts there too.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .common import best_of_each, row, us

D = dt.date
QUERIES = ("闯红灯", "酒驾", "醉驾", "超速", "安全带", "打电话", "逆行", "占用应急车道", "不礼让行人", "无证驾驶", "超载",
           "道路交通安全法（2021）", "不存在的词")
ZHIAN_QUERIES = ("打架", "偷东西", "吸毒", "赌博", "嫖娼", "醉酒闹事", "噪音扰民", "偷拍", "谎报警情", "出租", "典当",
                 "治安管理处罚法（2025）", "不存在的词")
DATES = ((D(2026, 3, 2), D(2026, 3, 20)), (D(2022, 8, 1), D(2022, 9, 1)))
SPEEDS = ((100, 109), (100, 110), (100, 120), (100, 135), (100, 150), (60, 66), (120, 180))


def _facts(t, act):
    """Facts that let every band of the act be read and that fall under this act's own route: a
    road, a class and a per cent over where the act splits by them."""
    from calc.traffic.model import Facts

    route = next((r for r in t.routes if r.act == act.id), None)
    road = route.roads[0] if route and route.roads else "other"
    vehicle = {"traffic.law-92-1": "highway_coach", "traffic.law-92-2": "truck"}.get(act.id, "small_passenger")
    low = route.over.min if route and route.over and route.over.min is not None else 0
    percent = Decimal(int(low) + 5)
    over = {act.measure: percent} if act.measure else {}
    if act.measure == "load":
        over["total_mass"] = percent
    return Facts(vehicle, road, frozenset(), over, 5)


def _traffic_cases(t):
    return [(act.id, act_date, decided, _facts(t, act)) for act in t.acts.values() for act_date, decided in DATES]


def _speed_cases(t):
    return [(vehicle, road, Decimal(limit), Decimal(measured))
            for vehicle in ("small_passenger", "medium_large_truck") for road in t.roads for limit, measured in SPEEDS]


def _zhian_cases(p):
    cases = []
    for vid, v in p.violations.items():
        if not vid.startswith("zhian."):
            continue
        for act, decision in ((D(2025, 11, 1), D(2026, 2, 1)), (D(2026, 3, 2), D(2026, 4, 1))):
            if v.version_on(act) is not None:
                cases.append((vid, act, decision))
    return cases


def run(loaded) -> dict:
    from calc import penalties as pen
    from calc.traffic import assess, catalogue, measured, points

    t, p = loaded.traffic, loaded.penalties
    cases, speeds, zhian = _traffic_cases(t), _speed_cases(t), _zhian_cases(p)
    cycle = [points.Entry(D(2025, 7, 1), 3), points.Entry(D(2025, 9, 1), violation="traffic.hb-76-1"),
             points.Entry(D(2026, 1, 5), violation="traffic.hb-77-7", road="other")]

    def traffic_all():
        return [assess.assess(t, aid, act, decided, facts) for aid, act, decided, facts in cases]

    def speeding_all():
        return [measured.speeding(t, D(2026, 3, 2), D(2026, 3, 2), v, r, lim, m) for v, r, lim, m in speeds]

    def zhian_all():
        return [pen.assess(p, vid, act, decision, "individual") for vid, act, decision in zhian]

    def points_all():
        return [points.points_cycle(t, D(2015, 6, 10), D(2026, 3, 1), "large_truck", cycle, provisional=True)
                for _ in range(50)]

    def search_traffic():
        return [catalogue.search(t, q) for q in QUERIES] + [catalogue.citing(t, "道路交通安全法", n) for n in (90, 91, 99)]

    def search_zhian():
        return [p.search(q) for q in ZHIAN_QUERIES] + [p.citing("治安管理处罚法（2025）", n) for n in (51, 58, 68)]

    search_traffic(), search_zhian()  # the search indexes are built once per catalogue, not per query
    tm = best_of_each({"traffic": traffic_all, "speeding": speeding_all, "zhian": zhian_all, "points": points_all,
                       "search_traffic": search_traffic, "search_zhian": search_zhian})
    per = {"traffic": tm["traffic"] / len(cases), "speeding": tm["speeding"] / len(speeds),
           "zhian": tm["zhian"] / len(zhian), "points": tm["points"] / 50}
    n_search = len(QUERIES) + 3
    s_traffic, s_zhian = tm["search_traffic"] / n_search, tm["search_zhian"] / (len(ZHIAN_QUERIES) + 3)
    print(f"Road traffic (issue 27): {len(t.acts)} acts; against the 治安 assessment in the same run "
          f"({len(zhian)} cases, {us(per['zhian'])} each)")
    print(row("assess one traffic act (national, Hebei, points, payment)", us(per["traffic"]),
              f"{per['traffic'] / per['zhian']:.2f}x the 治安 assessment ({len(cases)} cases)"))
    print(row("speeding: limit and speed -> act -> assessment", us(per["speeding"]),
              f"{per['speeding'] / per['zhian']:.2f}x the 治安 assessment ({len(speeds)} cases)"))
    print(row("points cycle of a year (3 entries, study, review)", us(per["points"]),
              f"{per['points'] / per['zhian']:.2f}x the 治安 assessment"))
    print(row("search / article lookup over the traffic catalogue", us(s_traffic),
              f"{s_traffic / s_zhian:.2f}x the 治安 catalogue's ({us(s_zhian)})"))
    return {"assess_us": per["traffic"] * 1e6, "assess_ratio": per["traffic"] / per["zhian"],
            "speeding_us": per["speeding"] * 1e6, "speeding_ratio": per["speeding"] / per["zhian"],
            "points_us": per["points"] * 1e6, "search_us": s_traffic * 1e6, "search_ratio": s_traffic / s_zhian}
