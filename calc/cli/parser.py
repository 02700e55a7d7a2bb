"""The command line's grammar: every subcommand, its arguments and its Chinese help, in the order
`calc -h` lists them. Each subcommand's function lives in the module of its area."""
from __future__ import annotations

import argparse
import os

from .. import __version__, penalties, periods
from . import args as a
from .check import check
from .deadlines import day, due
from .events import events
from .inspections import inspections
from .listing import LISTS, listing
from .penalties import late_fee, penalty, threshold
from .serve import serve
from .timelines import timeline
from .traffic import act as traffic_act, codes as traffic_codes, points_cycle, speeding


def _check(sub, common) -> None:
    c = sub.add_parser("check", parents=[common], help="校验全部 schedules，与启动时相同", epilog=a.EXIT_CODES,
                       description="校验 schedules（与服务启动时相同）。无误时第一行为 "
                                   "“schedules ok: <目录> digest <16位十六进制>; 日历 <首年>-<末年>”，"
                                   "有误时每个问题一行写入标准错误：schedules 有误：文件: 键: 问题。")
    c.add_argument("dirs", nargs="*", metavar="DIR",
                   help="schedules 各层目录，自下而上（如：随附目录 县级覆盖目录）；优先于 --schedules")
    c.set_defaults(func=check)


def _due(sub, common) -> None:
    d = sub.add_parser("due", parents=[common], help="计算期间届满日（期间计算）", epilog=a.EXIT_CODES,
                       description="自 START 起计算 AMOUNT 个 UNIT 的期间届满日，逐步说明所用规则与依据。")
    d.add_argument("start", metavar="START", type=a.day, help="起算日 YYYY-MM-DD（不计入期间）")
    d.add_argument("amount", metavar="AMOUNT", type=a.positive, help="期间长度（正整数）")
    d.add_argument("unit", metavar="UNIT", type=a.unit, help=f"期间单位：{a.UNIT_HELP}")
    d.add_argument("--before", action="store_true", help="向前计算：事件日 START 之前至少 AMOUNT 个 UNIT")
    d.add_argument("--direction", choices=("after", "before"), default="after", help=argparse.SUPPRESS)
    d.add_argument("--pause", metavar="A..B", type=a.pause, action="append", default=[],
                   help="不计入期间的时间（两端均含），如 2026-10-01..2026-10-05；可重复")
    d.add_argument("--duty", choices=periods.DUTIES, default="party",
                   help="向前计算的期限是谁的义务：party 当事人（逢休息日提前，默认）、authority 机关（不提前，注明休息日）")
    d.add_argument("--pause-basis", metavar="依据", help="不计入期间的法律依据（写入步骤，适用于各 --pause）")
    d.add_argument("--extension", metavar="N", type=a.positive, help="依法延长 N 个 UNIT（自原期间的最后一日起算，该日不顺延）")
    d.add_argument("--extension-basis", metavar="依据", help="延长的法律依据（写入步骤）")
    d.add_argument("--provisional", action="store_true", help="超出已收录的国务院放假安排时，按放假办法推定（结果标注为推定）")
    d.add_argument("--json", action="store_true", help="输出与 POST /v1/deadlines 相同的 JSON")
    d.set_defaults(func=due)


def _timeline(sub, common) -> None:
    t = sub.add_parser("timeline", parents=[common], help="估算办理程序各阶段的期限", epilog=a.EXIT_CODES,
                       description="程序各阶段的起算日与期限（最不利情形：每一阶段自上一阶段期限届满之日起算，"
                                   "除非以 --actual 给出实际决定日）。")
    t.add_argument("id", metavar="ID", help="程序编号，如 internet-cafe-licence")
    t.add_argument("start", metavar="START", type=a.moment,
                   help="起算日 YYYY-MM-DD（以小时计算的程序为 YYYY-MM-DDTHH:MM，北京时间）")
    t.add_argument("--actual", metavar="STAGE=DATE", type=a.stage_date, action="append", default=[],
                   help="某阶段实际作出决定之日，后续阶段自此起算；可重复")
    t.add_argument("--event", metavar="DATE", type=a.day, help="以事件为基准的阶段所需的日期（如听证举行日）")
    t.add_argument("--extension", metavar="STAGE[=N]", type=a.stage_extension, action="append", default=[],
                   help="按依法可延长的最长期限（或 N 个单位）计算该阶段；可重复")
    t.add_argument("--variant", metavar="STAGE=CODE", type=a.stage_word, action="append", default=[],
                   help="该阶段适用法律规定的另一情形（如 arrest-request=roving）；可重复")
    t.add_argument("--restart", metavar="STAGE=DATE", type=a.stage_day, action="append", default=[],
                   help="该阶段依法自此日起重新计算（如发现另有重要罪行）")
    t.add_argument("--duration", metavar="STAGE=N", type=a.stage_count, action="append", default=[],
                   help="由决定确定的期间长度（如行政拘留的日数）")
    t.add_argument("--headline", metavar="STAGE",
                   help="结果首行所依的阶段（如 arrest-decision）；默认按程序数据（如刑事拘留为 arrest-request），无则为全部办结日")
    t.add_argument("--as-of", metavar="DATE", type=a.moment, help="检查日：未完成且已过期限的阶段标为已逾期")
    t.add_argument("--provisional", action="store_true", help="超出已收录的国务院放假安排时，按放假办法推定")
    t.add_argument("--json", action="store_true", help="输出与 POST /v1/timelines/{id} 相同的 JSON")
    t.set_defaults(func=timeline)


def _penalty(sub, common) -> None:
    pe = sub.add_parser("penalty", parents=[common], help="违法行为的罚款幅度；给出 --act-date 时裁量个案", epilog=a.EXIT_CODES,
                        description="不带 --act-date：列出该违法行为的各版本（依据、施行日期）与处罚幅度；"
                                    "带 --act-date：确定适用的版本及理由、幅度、程序与追究时效。")
    pe.add_argument("id", metavar="ID", help="违法行为编号，如 rental.unregistered-tenant；或行为的说法，如 打架"
                                             "（与 GET /v1/penalties?q= 相同的查找：一项即作答，多项列出编号）")
    pe.add_argument("--act-date", metavar="D", type=a.day, help="违法行为发生之日（连续或继续状态的，行为终了之日）")
    pe.add_argument("--decision-date", metavar="D", type=a.day, help="作出处罚决定之日；默认今日（北京时间），与 API 相同")
    pe.add_argument("--party", choices=tuple(penalties.PARTIES),
                    help="当事人：individual 个人（裁量时默认，与网页相同），organization 单位")
    pe.add_argument("--circumstance", metavar="C", action="append", default=[],
                    help="情形代码（可重复），如 serious 情节严重、minor 情节较轻；该违法行为可用的代码见不带 --act-date 的输出"
                         "或 GET /v1/penalties/{id} 的 circumstances")
    pe.add_argument("--harm", action="store_true", help="涉及公民生命健康安全、金融安全且有危害后果（时效五年）")
    pe.add_argument("--provisional", action="store_true", help="不改变结果，为兼容保留：追究时效不因节假日顺延，不读放假安排")
    pe.add_argument("--json", action="store_true",
                    help="输出与 GET /v1/penalties/{id}（或 POST …/assess）相同的 JSON")
    pe.set_defaults(func=penalty)


def _pay_options(p) -> None:
    p.add_argument("--decision-date", metavar="D", type=a.day, help="作出处罚决定之日；默认今日（北京时间），与 API 相同")
    p.add_argument("--circumstance", metavar="C", action="append", default=[],
                   help="情形代码（可重复），如 repeated 再次；见 calc traffic codes")
    p.add_argument("--served", metavar="D", type=a.day, help="收到罚款决定书之日：给出则计算缴纳期限")
    p.add_argument("--paid", metavar="D", type=a.day, help="实际缴纳之日：给出则计算加处罚款（须同时给出 --served）")
    p.add_argument("--fine", metavar="元", type=a.money, help="决定的罚款数额；罚款为幅度时计算加处罚款须给出")
    p.add_argument("--provisional", action="store_true", help="缴纳期限超出已收录的放假安排时按放假办法推定")


def _traffic(sub, common) -> None:
    tr = sub.add_parser("traffic", parents=[common], help="交通违法：按说法查找、测算罚款与记分；超速；记分周期",
                        epilog=a.EXIT_CODES, description="calc traffic 词|编号 [--act-date D …]：按说法（闯红灯、酒驾）"
                        "或编号查找交通违法行为，给出 --act-date 时测算本案；calc traffic speeding …：超速测算；"
                        "calc traffic points …：记分周期；calc traffic codes：各选项可用的代码。")
    modes = tr.add_subparsers(dest="mode", required=True, metavar="词|编号|speeding|points|codes",
                              parser_class=a.Parser, action=a.WordsOrCommand)
    ac = modes.add_parser("act", parents=[common], epilog=a.EXIT_CODES, prog="calc traffic",
                          help="（默认）按说法或编号查找；给出 --act-date 时测算本案",
                          description="不带 --act-date：该行为的国家规定、河北省具体标准与记分（各版本、各情形及依据）；"
                                      "带 --act-date：罚款、记分、措施、当场处罚、缴纳与决定书引用的依据。")
    ac.add_argument("words", metavar="词|编号", nargs="+", help="行为的说法，如 闯红灯、酒驾；或编号，如 traffic.hb-76-1"
                    "（与 GET /v1/traffic/violations?q= 相同的查找：一项即作答，多项列出编号）")
    ac.add_argument("--act-date", metavar="D", type=a.day, help="违法行为发生之日")
    ac.add_argument("--vehicle", metavar="车型", help="车型代码，如 small_passenger（calc traffic codes）")
    ac.add_argument("--road", metavar="道路", help="道路类型：expressway 高速公路、urban_expressway 城市快速路、other 其他道路")
    ac.add_argument("--over-percent", metavar="P", type=a.number, help="超过规定时速、核定人数或核定载质量的百分比")
    ac.add_argument("--total-over-percent", metavar="P", type=a.number, help="超过最大允许总质量的百分比（载货汽车超载的记分）")
    ac.add_argument("--seats", metavar="N", type=a.positive, help="核定载客人数")
    _pay_options(ac)
    ac.add_argument("--json", action="store_true", help="输出与 GET /v1/traffic/violations/{id}（或 POST …/assess）相同的 JSON")
    ac.set_defaults(func=traffic_act)
    sp = modes.add_parser("speeding", parents=[common], epilog=a.EXIT_CODES, prog="calc traffic speeding",
                          help="超速测算：限速与实测车速 -> 所属行为及处理",
                          description="超过规定时速的百分比（精确计算），所属的违法行为，及其罚款、记分、措施。")
    sp.add_argument("--vehicle", metavar="车型", required=True, help="车型代码，如 small_passenger（calc traffic codes）")
    sp.add_argument("--road", metavar="道路", required=True, help="expressway 高速公路、urban_expressway 城市快速路、other 其他道路")
    sp.add_argument("--limit", metavar="KM/H", type=a.number, required=True, help="规定时速，如 60")
    sp.add_argument("--measured", metavar="KM/H", type=a.number, required=True, help="实测车速，如 78")
    sp.add_argument("--act-date", metavar="D", type=a.day, required=True, help="违法行为发生之日")
    _pay_options(sp)
    sp.add_argument("--json", action="store_true", help="输出与 POST /v1/traffic/speeding 相同的 JSON")
    sp.set_defaults(func=speeding)
    pt = modes.add_parser("points", parents=[common], epilog=a.EXIT_CODES, prog="calc traffic points",
                          help="记分周期：周期起止、累积记分、满12分的学习与考试、扣减、审验",
                          description="查询日所在的记分周期（自初次领证日起连续计算），上次记分清除以来的记分，满12分后的"
                                      "学习天数与考试，以交通安全教育扣减记分，以及周期结束后的审验期限。")
    pt.add_argument("--first-licence", metavar="D", type=a.day, required=True, help="初次领取机动车驾驶证之日")
    pt.add_argument("--on", metavar="D", type=a.day, help="查询哪一天所在的记分周期；默认今日")
    pt.add_argument("--licence", metavar="准驾车型", help="准驾车型代码，如 small_car、large_truck（calc traffic codes）")
    pt.add_argument("--entry", metavar="DATE:POINTS", type=a.points_entry, action="append", default=[],
                    help="一次记分：日期:分值，或 日期:违法行为编号；罚款未缴纳的加 :unpaid；可重复")
    pt.add_argument("--previous-full", metavar="N", type=int, default=0, help="本周期已参加满分教育的次数")
    pt.add_argument("--reduction", metavar="DATE:KIND", type=a.dated_word, action="append", default=[],
                    help="申请扣减记分：日期:方式（online 网上学习、onsite 现场学习、public_welfare 公益活动）；可重复")
    pt.add_argument("--bar", metavar="CODE", action="append", default=[],
                    help="不予受理扣减的情形（full_twice、serious_offence、licence_state、vehicle_state、fraud）；可重复")
    pt.add_argument("--review-fact", metavar="CODE", action="append", default=[],
                    help="审验事由（fatal_accident、aged_70_accident、school_bus_driver）；可重复")
    pt.add_argument("--provisional", action="store_true", help="审验期限超出已收录的放假安排时按放假办法推定")
    pt.add_argument("--json", action="store_true", help="输出与 POST /v1/traffic/points 相同的 JSON")
    pt.set_defaults(func=points_cycle)
    co = modes.add_parser("codes", parents=[common], epilog=a.EXIT_CODES, prog="calc traffic codes",
                          help="各选项可用的代码（车型、道路、情形、准驾车型），及本系统没有收录的内容")
    co.add_argument("--json", action="store_true", help="输出与 GET /v1/traffic/codes 相同的 JSON")
    co.set_defaults(func=traffic_codes)


def _events(sub, common) -> None:
    e = sub.add_parser("events", parents=[common], help="某年的宣传日与开放日", epilog=a.EXIT_CODES,
                       description="某年的宣传日与开放日（责任清单 三）：日期、名称、责任单位、联系电话。")
    e.add_argument("year", metavar="YEAR", type=a.year, help="年份，如 2027")
    shape = e.add_mutually_exclusive_group()
    shape.add_argument("--ics", action="store_true",
                       help="输出 iCalendar，与 GET /v1/events.ics?start=YEAR-01-01&end=YEAR-12-31 逐字节相同")
    shape.add_argument("--json", action="store_true", help="输出与 GET /v1/events?start=…&end=… 相同的 JSON")
    e.set_defaults(func=events)


def _list(sub, common) -> None:
    li = sub.add_parser("list", parents=[common], help="列出可用的编号及名称", epilog=a.EXIT_CODES,
                        description="列出各子命令所用的编号与名称：" + "；".join(LISTS.values()) + "。")
    li.add_argument("what", metavar="类别", nargs="?", choices=tuple(LISTS),
                    help="只列一类：" + "、".join(LISTS) + "（timelines 同时列出各阶段编号）")
    li.add_argument("--json", action="store_true", help="以 JSON 输出编号与名称")
    li.set_defaults(func=listing)


def _late_fee(sub, common) -> None:
    lf = sub.add_parser("late-fee", parents=[common], help="逾期缴纳罚款的加处罚款", epilog=a.EXIT_CODES,
                        description="自收到处罚决定书之日起十五日内缴纳；逾期每日按罚款数额的3%加处，以罚款数额为限。")
    lf.add_argument("fine", metavar="FINE", type=a.money, help="罚款数额（元），如 500")
    lf.add_argument("served", metavar="SERVED", type=a.day, help="处罚决定书送达日")
    lf.add_argument("paid", metavar="PAID", type=a.day, help="缴纳日")
    lf.add_argument("--provisional", action="store_true", help="期限届满日超出已收录的放假安排时按放假办法推定")
    lf.add_argument("--json", action="store_true", help="输出与 POST /v1/penalties/late-fee 相同的 JSON")
    lf.set_defaults(func=late_fee)


def _threshold(sub, common) -> None:
    th = sub.add_parser("threshold", parents=[common], help="立案追诉与限量标准：由哪个部门处理", epilog=a.EXIT_CODES,
                        description="不带 --fact：列出标准所需的事实与依据；带 --fact：判断是否达到标准、由哪个部门处理。")
    th.add_argument("id", metavar="ID", help="标准编号，如 pyramid-selling（calc list thresholds）")
    th.add_argument("--fact", metavar="名=值", type=a.fact, action="append", default=[],
                    help="一项事实，如 members=35；可重复")
    th.add_argument("--json", action="store_true",
                    help="输出与 GET /v1/thresholds/{id}（或 POST …/assess）相同的 JSON")
    th.set_defaults(func=threshold)


def _inspections(sub, common) -> None:
    ip = sub.add_parser("inspections", parents=[common], help="监督检查计划：各窗口应检查的次数与截止日",
                        epilog=a.EXIT_CODES, description="按检查类别、期间和对象数量列出每个窗口（月、季、年）应检查的次数和最迟日期。")
    ip.add_argument("id", metavar="ID", help="检查类别编号，如 special-trades（calc list inspections）")
    ip.add_argument("start", metavar="START", type=a.day, help="开始日")
    ip.add_argument("end", metavar="END", type=a.day, help="结束日（含）")
    ip.add_argument("--population", metavar="N", type=int, help="对象总数（如辖区旅馆数），需要总数的指标都用此数")
    ip.add_argument("--provisional", action="store_true", help="截止日超出已收录的放假安排时按放假办法推定")
    ip.add_argument("--json", action="store_true", help="输出与 POST /v1/inspections/{id}/plan 相同的 JSON")
    ip.set_defaults(func=inspections)


def _day(sub, common) -> None:
    dy = sub.add_parser("day", parents=[common], help="某一日是否工作日及原因", epilog=a.EXIT_CODES,
                        description="某一日是工作日、周末、法定节假日还是调休上班日，并列出国务院放假通知的出处。")
    dy.add_argument("date", metavar="DATE", type=a.day, help="日期，如 2026-10-10")
    dy.add_argument("--provisional", action="store_true", help="放假安排尚未收录的年份按放假办法推定")
    dy.add_argument("--json", action="store_true", help="输出与 GET /v1/calendar/{date} 相同的 JSON")
    dy.set_defaults(func=day)


def _serve(sub, common) -> None:
    sv = sub.add_parser("serve", parents=[common], help="校验 schedules 后以 gunicorn 启动服务", epilog=a.EXIT_CODES,
                        description="先如 check 一样校验 schedules（有误则退出码 1，不启动），"
                                    "再以 calc/serving.py 的设置运行 gunicorn（calc.wsgi:app）。")
    sv.add_argument("--bind", metavar="HOST:PORT", type=a.bind, help="监听地址，默认 CALC_BIND 或 127.0.0.1:8000")
    sv.add_argument("--workers", metavar="N", type=a.positive, help="工作进程数，默认 CALC_WORKERS 或 CPU 数")
    sv.set_defaults(func=serve)


# The domain's field names (the API's request fields) as each subcommand's arguments, so that the
# domain's refusal names what the person typed (output.invalid).
ARGUMENTS = {
    "due": {"start": "START", "amount": "AMOUNT", "unit": "UNIT", "direction": "--before", "duty": "--duty",
            "pauses": "--pause", "extension": "--extension"},
    "timeline": {"start": "START", "event": "--event", "actual": "--actual", "extensions": "--extension",
                 "variants": "--variant", "restarts": "--restart", "durations": "--duration", "as_of": "--as-of",
                 "headline": "--headline"},
    "penalty": {"id": "ID", "act_date": "--act-date", "decision_date": "--decision-date", "party": "--party",
                "circumstances": "--circumstance"},
    "events": {"start": "YEAR", "end": "YEAR"},
    "late-fee": {"fine": "FINE", "served": "SERVED", "paid": "PAID"},
    "threshold": {"facts": "--fact"},
    "inspections": {"start": "START", "end": "END", "population": "--population"},
    "day": {"date": "DATE"},
}

SUBCOMMANDS = (_check, _due, _timeline, _penalty, _traffic, _events, _list, _late_fee, _threshold, _inspections, _day, _serve)


def parser() -> argparse.ArgumentParser:
    p = a.Parser(prog="calc", description="公安局罚款幅度与期限计算：与 HTTP 服务相同的答案，附每一步的规则与依据。",
                 epilog=a.EXIT_CODES)
    p.add_argument("--version", action="version", version=f"calc {__version__}", help="显示版本号并退出")
    p.add_argument("--schedules", metavar="DIR",
                   help=f"schedules 目录（多个以 \"{os.pathsep}\" 分隔，自下而上叠加）；默认 CALC_SCHEDULES，否则随附数据")
    sub = p.add_subparsers(dest="command", required=True, metavar="子命令", parser_class=a.Parser)
    common = argparse.ArgumentParser(add_help=False)  # `calc due … --schedules DIR` works too
    common.add_argument("--schedules", metavar="DIR", default=argparse.SUPPRESS,
                        help="同 calc --schedules：schedules 目录（多个以 \"" + os.pathsep + "\" 分隔）")
    for add in SUBCOMMANDS:
        add(sub, common)
    return p
