"""Command line `calc`: the service's answers for people (plain Chinese) and for scripts (`--json`).

`check` validates the schedules as start-up does (calc/reload.py parses its first line); `due`,
`timeline`, `penalty` and `events` call the same domain functions as calc/api/, and with `--json`
print the API's own JSON for the same question (calc/answers/, which the API serialises with too; no
Flask is imported); `serve` checks the schedules, then becomes gunicorn. Exit codes are in EXIT_CODES.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys

from . import __version__, penalties, people_dates, periods, schedules
from .answers.clock import today
from .answers.deadlines import as_json
from .answers.events import events_json
from .answers.penalties import assessment_json, violation_json
from .answers.timelines import moment, timeline_json
from .errors import CalendarGap, DomainError, NotFound, ScheduleError
from .labels import FACT_STATUS, STAGE_STATUS

OK, SCHEDULE_PROBLEMS, BAD_ARGUMENTS, REFUSED = 0, 1, 2, 3
EXIT_CODES = """\
退出码：
  0  得出答案；schedules 无误
  1  schedules 有问题（每个问题一行：文件: 键: 问题）
  2  参数有误（一行说明，指出哪个参数）
  3  计算被拒绝：calendar_gap（该年放假安排尚未收录，可加 --provisional 推定）、
     not_found（编号不存在）、invalid（参数合乎格式但不合规则）

schedules：--schedules DIR，否则环境变量 CALC_SCHEDULES（多个目录以 "{sep}" 分隔，自下而上叠加），
否则随附的 schedules。""".format(sep=os.pathsep)

UNIT_HELP = "workdays 或 工作日、days 或 日、months 或 月、years 或 年"
UNIT_WORDS = {"工作日": "workdays", "个工作日": "workdays", "日": "days", "天": "days", "自然日": "days",
              "月": "months", "个月": "months", "年": "years"}
UNIT_NAMES = {"workdays": "个工作日", "days": "日", "months": "个月", "years": "年"}
DAY_KINDS = {"workday": "工作日", "weekend": "休息日（周末）", "holiday": "法定节假日（放假）",
             "makeup_workday": "调休上班日"}
KINDS = {"bundled": "随附", "base": "基础", "overlay": "覆盖"}
STATUSES = STAGE_STATUS  # calc/labels.py, shared with the web page
FACT_LABELS = {"simplified": "当场处罚（简易程序）", "collection": "当场收缴罚款", "hearing": "听证"}
FACT_STATUSES = FACT_STATUS
GENERAL_STATUSES = {"yes": "是", "no": "否", "depends": "视案情而定"}
CHOICE_RULES = {"same": "行为时与决定时的规定相同", "act_time": "适用行为时的规定（从旧）",
                "decision_time_lighter": "决定时的规定较轻，从轻适用", "repealed": "决定时该规定已失效，不予处罚"}


class BadArgument(Exception):
    """A command line that cannot be answered as written: one line, naming the argument; exit 2."""

    def __init__(self, prog: str, message: str):
        super().__init__(f"{prog}：{message}（{prog} -h 查看用法）")


# ---------------------------------------------------------------- argparse, in Chinese

_ARGPARSE_ZH = (
    (r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1：无效的取值 \2（可选：\3）"),
    (r"argument (.+?): expected one argument", r"参数 \1：缺少取值"),
    (r"argument (.+?): not allowed with argument (.+)", r"参数 \1 不能与 \2 同用"),
    (r"argument (.+?): invalid (\w+) value: (.+)", r"参数 \1：取值无效 \3"),
    (r"argument (.+?): (.+)", r"参数 \1：\2"),
    (r"the following arguments are required: (.+)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"ambiguous option: (.+?) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, and errors as one Chinese line (BadArgument, exit 2)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message):
        if message.endswith("required: 子命令"):
            commands = "、".join(self._subparsers._group_actions[0].choices)
            raise BadArgument(self.prog, f"缺少子命令（{commands}）")
        for pattern, chinese in _ARGPARSE_ZH:
            if re.fullmatch(pattern, message, re.S):
                message = re.sub(pattern, chinese, message, flags=re.S)
                break
        raise BadArgument(self.prog, message)


def _day(text: str) -> dt.date:
    """A date as people type it (calc/people_dates.py: 2026-12-20, 2026/12/20, 20261220, 2026年12月20日,
    full-width digits), within the range the API accepts."""
    try:
        return people_dates.read_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期{err}".rstrip("。") + f"，实为 {text!r}") from None


def _moment(text: str) -> dt.date | dt.datetime:
    """A date, or a date and time YYYY-MM-DDTHH:MM (Beijing time) for procedures counted in hours."""
    try:
        return people_dates.read_moment(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(
            f"应为日期（如 2026-12-20），或日期时间 YYYY-MM-DDTHH:MM（北京时间）：{err}".rstrip("。")
            + f"，实为 {text!r}") from None


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实为 {text!r}")
    return number


def _pause(text: str) -> periods.DateRange:
    first, sep, last = text.partition("..")
    if not sep:
        raise argparse.ArgumentTypeError(f"应为 开始日..结束日（如 2026-10-01..2026-10-05），实为 {text!r}")
    start, end = _day(first), _day(last)
    if end < start:
        raise argparse.ArgumentTypeError(f"结束日 {end} 早于开始日 {start}")
    return periods.DateRange(start, end)


def _stage_date(text: str) -> tuple[str, dt.date | dt.datetime]:
    stage, sep, when = text.partition("=")
    if not sep or not stage:
        raise argparse.ArgumentTypeError(f"应为 阶段编号=日期（如 culture-preliminary=2026-09-30），实为 {text!r}")
    return stage, _moment(when)


def _stage_extension(text: str) -> tuple[str, bool | int]:
    """STAGE (all the law allows) or STAGE=N (N of the stage's units)."""
    stage, sep, amount = text.partition("=")
    if not stage:
        raise argparse.ArgumentTypeError(f"应为 阶段编号 或 阶段编号=整数，实为 {text!r}")
    if not sep:
        return stage, True
    if not amount.isdigit() or int(amount) < 1:
        raise argparse.ArgumentTypeError(f"延长量应为正整数（阶段的单位数），实为 {amount!r}")
    return stage, int(amount)


def _stage_word(text: str) -> tuple[str, str]:
    stage, sep, word = text.partition("=")
    if not sep or not stage or not word:
        raise argparse.ArgumentTypeError(f"应为 阶段编号=值（如 arrest-request=roving），实为 {text!r}")
    return stage, word


def _stage_day(text: str) -> tuple[str, dt.date]:
    stage, word = _stage_word(text)
    return stage, _day(word)


def _stage_count(text: str) -> tuple[str, int]:
    stage, word = _stage_word(text)
    if not word.isdigit() or int(word) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实为 {word!r}")
    return stage, int(word)


def _unit(text: str) -> str:
    """workdays/days/months/years, or as people write them: 工作日, 日 (天), 月 (个月), 年."""
    word = people_dates.normalise(text)
    unit = UNIT_WORDS.get(word, word)
    if unit not in periods.UNITS:
        raise argparse.ArgumentTypeError(f"期间单位应为 {UNIT_HELP}，实为 {text!r}")
    return unit


def _short(title: str) -> str:
    """A stage's title up to its colon (筹建审批：作出决定… -> 筹建审批), as the web page shows it."""
    return title.split("：")[0]


def _fact(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(f"应为 事实名=值（如 members=35），实为 {text!r}")
    return name, people_dates.normalise(value)


def _money(text: str):
    from decimal import Decimal, InvalidOperation

    plain = people_dates.normalise(text).replace(",", "").removesuffix("元")
    try:
        value = Decimal(plain)
        if not value.is_finite() or value <= 0 or value != value.quantize(penalties.FEN) or value > 10**10:
            raise InvalidOperation
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"罚款数额应为正数（元），最多两位小数，如 500 或 1250.50，实为 {text!r}") from None
    return value


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not periods.FIRST_DAY.year <= year <= periods.LAST_DAY.year:
        raise argparse.ArgumentTypeError(
            f"应为 {periods.FIRST_DAY.year} 至 {periods.LAST_DAY.year} 之间的年份，实为 {text!r}")
    return year


_BIND = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):(\d{1,5})")


def _bind(text: str) -> str:
    found = _BIND.fullmatch(text)
    if text.startswith("unix:") and len(text) > 5 or found and 1 <= int(found[1]) <= 65535:
        return text
    raise argparse.ArgumentTypeError(f"应为 主机:端口（如 127.0.0.1:8000）或 unix:路径，实为 {text!r}")


# ---------------------------------------------------------------- schedules

def _roots(args):
    """The schedule layers, bottom to top: `check DIR…`, else --schedules (split on os.pathsep by
    schedules.load), else None (CALC_SCHEDULES or the bundled set, as schedules.load decides)."""
    return list(getattr(args, "dirs", None) or []) or args.schedules or None


class _Exit(Exception):
    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _load(args):
    """The schedules every answer is computed from; bad ones are reported as `check` does (exit 1)."""
    s, code = _checked(args)
    if s is None:
        raise _Exit(code)
    return s


def _report_problems(roots, first: Exception) -> int:
    """Every problem schedules.problems finds (the one load stopped at among them), on stderr."""
    if not isinstance(first, ScheduleError):  # a loader that fails on bad data without saying where
        print(f"schedules 有误（载入时出现未预料的错误，应改为 ScheduleError）：{type(first).__name__}: {first}",
              file=sys.stderr)
        return SCHEDULE_PROBLEMS
    errors = list(getattr(first, "problems", None) or [])  # schedules.load looked for the rest already
    if not errors:
        try:
            errors = schedules.problems(roots)
        except Exception:  # noqa: BLE001 - the error load raised is still reported below
            errors = []
    if str(first) not in {str(e) for e in errors}:
        errors.insert(0, first)
    for err in errors:
        print(f"schedules 有误：{err}", file=sys.stderr)
    return SCHEDULE_PROBLEMS


def _checked(args):
    """(Schedules, 0), or (None, 1) with every problem printed."""
    roots = _roots(args)
    try:
        return schedules.load(roots), OK
    except Exception as err:  # noqa: BLE001 - see _report_problems
        return None, _report_problems(roots, err)


def check(args) -> int:
    s, code = _checked(args)
    if s is None:
        return code
    book = s.calendar
    print(f"schedules ok: {s.root} digest {s.digest}; 日历 {book.first_year}-{book.last_year}")
    for i, layer in enumerate(s.layers, 1):
        changed = "".join(f"，{label} {len(items)} 项" for label, items in
                          (("新增", layer.adds), ("替换", layer.overrides)) if items)
        print(f"  第{i}层（{KINDS[layer.kind]}）{layer.name}: {layer.path} "
              f"digest {layer.digest}; {len(layer.files)} 个文件{changed}")
    return OK


# ---------------------------------------------------------------- answers

def _print_json(payload) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def _steps(steps, indent: str = "  ") -> None:
    for st in steps:
        print(f"{indent}{st.date.isoformat()}  {st.rule}\n{indent}            依据：{st.basis}")


def due(args) -> int:
    limit = periods.LIMITS[args.unit]
    if args.amount > limit:
        raise BadArgument("calc due", f"参数 AMOUNT：{args.unit} 期间不能超过 {limit}，实为 {args.amount}")
    if args.extension is not None and args.extension > limit:
        raise BadArgument("calc due", f"参数 --extension：{args.unit} 期间不能超过 {limit}，实为 {args.extension}")
    if args.extension_basis and args.extension is None:
        raise BadArgument("calc due", "参数 --extension-basis 须与 --extension 同用")
    if args.pause_basis and not args.pause:
        raise BadArgument("calc due", "参数 --pause-basis 须与 --pause 同用")
    s = _load(args)
    direction = "before" if args.before else args.direction
    answer = periods.due(args.start, periods.Period(args.amount, args.unit, direction, duty=args.duty), s.calendar, s.rules,
                         pauses=[periods.DateRange(x.start, x.end, x.reason, args.pause_basis) for x in args.pause],
                         extension=periods.Period(args.extension, args.unit) if args.extension else None,
                         extension_basis=args.extension_basis, provisional=args.provisional)
    if args.json:  # the JSON POST /v1/deadlines answers
        _print_json(as_json(answer))
        return OK
    print(f"届满日：{answer.due.isoformat()}" + ("（推定）" if answer.provisional else ""))
    _steps(answer.steps)
    return OK


def _span(amount, unit, units) -> str:
    return "无法定期限" if amount is None else f"{amount}{units.get(unit, unit)}"


def timeline(args) -> int:
    from . import timelines

    s = _load(args)
    try:
        inputs = timelines.StageInputs(actual=dict(args.actual), extensions=dict(args.extension),
                                       variants=dict(args.variant), restarts=dict(args.restart),
                                       durations=dict(args.duration))
        t = timelines.estimate(s.timelines, args.id, args.start, s.calendar, s.rules, inputs, event=args.event,
                               as_of=args.as_of, provisional=args.provisional)
    except NotFound as err:
        known = [p.id for p in s.timelines]
        return _refused(err, "可用的程序编号：" + "、".join(known), args.id, known)
    if args.json:  # the JSON POST /v1/timelines/{id} answers
        _print_json(timeline_json(t))
        return OK
    units = s.rules.units
    label = f"，{t.version.label}" if t.version.label else ""
    print(f"{t.procedure.title}（{t.procedure.id}{label}）")
    print(f"起算：{t.version.start_label or t.procedure.start_label} {moment(t.start)}")
    for r in t.stages:
        span = r.span
        amount = _span(span.amount if span else None, span.unit if span else None, units)
        when = f"（仅于{r.stage.when}）" if r.stage.when else ""
        print(f"  {_short(r.stage.title)}  {r.stage.authority}  {moment(r.start) or '—'} → {moment(r.due) or '无期限'}  "
              f"{amount}  {STATUSES.get(r.status, r.status)}{when}" + ("（推定）" if r.provisional else ""))
    print(f"办结：{moment(t.completion) or '无法确定（见注）'}" + ("（推定）" if t.provisional else ""))
    if t.notes:
        print("注：")
        for n in t.notes:
            print(f"  - {n.text}")
    return OK


def _effective(first: dt.date, until: dt.date | None) -> str:
    return f"{first} 起施行" + (f"，至 {until}" if until else "，现行有效")


def _fine_line(band, party: str) -> str:
    fine = band.fine(party)
    parts = ["；".join(band.sanctions(party)) or "（无处罚）"]
    if fine is not None:
        parts.append(f"罚款 {penalties.yuan(fine.min)} 至 {penalties.yuan(fine.max)} 元")
    if band.warning:
        parts.append("可以警告")
    return "；".join(parts)


def _describe(v, party: str | None, catalogue) -> None:
    names = catalogue.circumstances
    print(f"{v.title}（{v.id}）")
    print(f"执法主体：{v.authority}；清单：{v.seed}" + (f"；{v.section}" if v.section else ""))
    for act in v.acts:
        print(f"  {act}")
    for version in v.versions:
        print(f"  {version.basis}（{_effective(version.first, version.until)}）")
        if not version.punishable and version.elsewhere:
            e = version.elsewhere
            print(f"    公安机关不予治安管理处罚；由{e.authority}依{e.basis}处罚：{e.text}")
        elif not version.punishable:
            print("    未规定该行为（不认为是违法的）")
        for b in version.bands:
            parties = [party] if party else list(penalties.PARTIES)
            if not party and (b.fines is None or len({b.fines[p] for p in parties}) == 1):
                parties = parties[:1]
            for p in parties:
                who = f"{penalties.PARTIES[p]}：" if len(parties) > 1 or party else ""
                print(f"    {names[b.when].text}（{b.when}）：{who}{_fine_line(b, p)}")
            if b.basis != version.basis:
                print(f"      依据：{b.basis}")
        for ag in version.aggravations:
            print(f"    {names[ag.code].text}（{ag.code}）：从重处罚（{ag.text}）依据：{ag.basis}")
        if version.caveat:
            print(f"    注：{version.caveat}")
        for b in version.beside:
            since = f"（{b.first} 起）" if b.first else ""
            print(f"    并列：{b.basis}{since}：{b.text}\n      {b.why}")
    codes = catalogue.codes(v)
    if codes:
        print("情形代码（--circumstance）：" + "，".join(f"{c.code} {c.text}" for c in codes))


def penalty(args) -> int:
    given = [name for name, value in (("--decision-date", args.decision_date), ("--circumstance", args.circumstance),
                                      ("--harm", args.harm), ("--provisional", args.provisional)) if value]
    if args.act_date is None and given:
        raise BadArgument("calc penalty", f"参数 {given[0]} 须与 --act-date 同用")
    if args.act_date is not None and args.party is None:
        raise BadArgument("calc penalty", "缺少参数 --party（individual 个人 或 organization 单位）")
    s = _load(args)
    try:
        v = s.penalties.get(args.id)
    except NotFound as err:
        known = list(s.penalties.violations)
        return _refused(err, "可用的编号：" + "、".join(known), args.id, known)
    for code in args.circumstance:
        if code not in s.penalties.circumstances or code == "base":
            known = "，".join(f"{c.code} {c.text}" for c in s.penalties.codes(v))
            raise BadArgument("calc penalty", f"--circumstance：未知的情形 {code}（该违法行为可用：{known or '无'}）")
    if args.act_date is None:
        if args.json:  # the JSON GET /v1/penalties/{id} answers
            _print_json(violation_json(v, s.penalties))
        else:
            _describe(v, args.party, s.penalties)
        return OK
    decision = args.decision_date
    if decision is None:  # the API's default: today in Beijing
        decision = today()
    # --provisional is accepted as before and changes nothing: the limitation reads no calendar
    a = penalties.assess(s.penalties, v.id, args.act_date, decision, args.party, args.circumstance, args.harm)
    if args.json:  # the JSON POST /v1/penalties/{id}/assess answers
        _print_json(assessment_json(a))
        return OK
    _assessment(a, defaulted=args.decision_date is None)
    return OK


def _assessment(a, defaulted: bool) -> None:
    c, lim = a.choice, a.limitation
    names = a.names
    circumstances = "、".join(names[x].text for x in a.circumstances) or names["base"].text
    print(f"{a.violation.title}（{a.violation.id}）")
    print(f"行为日 {a.act_date}，决定日 {a.decision_date}" + ("（未指定，按今日）" if defaulted else "")
          + f"；{penalties.PARTIES[a.party]}；{circumstances}")
    applied = c.applied.basis if c.applied else "无（不再处罚）"
    print(f"适用：{applied}（{CHOICE_RULES.get(c.rule, c.rule)}）")
    print(f"  理由：{c.reason}\n  依据：{c.basis}")
    for sw in a.switches:
        print(f"  另：{sw.message}")
    if c.applied is not None and c.applied.rests_on:
        print(f"  文本来源：{c.applied.rests_on_text}")
    if a.outcome is not None:
        print("幅度：")
        for b in a.outcome.bands:
            print(f"  {names[b.when].text if b.when in names else b.when}（{b.when}）：{_fine_line(b, a.party)}")
            print(f"    依据：{b.basis}")
        for note in a.outcome.notes:
            print(f"  注：{note}")
    for b in (c.applied.beside_on(a.act_date) if c.applied else ()):
        print(f"  并列：{b.basis}：{b.why}")
    print(f"程序：{a.procedure_basis}")
    for key, label in FACT_LABELS.items():
        fact = a.procedure.get(key)
        if fact is None:
            continue
        print(f"  {label}：{FACT_STATUSES.get(fact.status, fact.status)}。{fact.explanation}"
              + (f"（依据：{fact.basis}）" if fact.basis else ""))
        if fact.note:
            print(f"    {fact.note}")
    if a.general:
        print("总则：")
    for g in a.general:
        print(f"  {g.title}：{GENERAL_STATUSES.get(g.status, g.status)}。{g.explanation}（依据：{g.basis}）")
    print(f"追究时效：{lim.message}")
    if lim.expires is not None:
        print(f"  届满：{lim.expires}" + (f"；依据：{lim.basis}" if lim.basis else ""))
    if lim.note:
        print(f"  {lim.note}")


def events(args) -> int:
    s = _load(args)
    start, end = dt.date(args.year, 1, 1), dt.date(args.year, 12, 31)
    ev = s.events
    if args.ics:  # the bytes GET /v1/events.ics?start=YEAR-01-01&end=YEAR-12-31 answers
        body = ev.ics(start, end, [])
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is None:
            sys.stdout.write(body.decode("utf-8"))
        else:
            out.write(body)
            out.flush()
        return OK
    if args.json:  # the JSON GET /v1/events?start=YEAR-01-01&end=YEAR-12-31 answers
        _print_json(events_json(ev, start, end))
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


# ---------------------------------------------------------------- lists, late fees, thresholds, inspections, days

LISTS = {"penalties": "违法行为（calc penalty ID）", "timelines": "办理程序（calc timeline ID；阶段编号用于 --actual）",
         "events": "宣传日与开放日（calc events YEAR）", "inspections": "监督检查类别（calc inspections ID START END）",
         "thresholds": "立案追诉与限量标准（calc threshold ID）"}


def listing(args) -> int:
    """The ids a command takes, each with its title, so nobody has to guess an id."""
    s = _load(args)
    rows = {
        "penalties": [(v.id, v.title) for v in s.penalties.violations.values()],
        "timelines": [(p.id, p.title) for p in s.timelines],
        "events": [(e.id, e.title) for e in s.events.events.values()],
        "inspections": [(r.id, r.title) for r in s.inspections.regimes.values()],
        "thresholds": [(t.id, t.title) for t in s.penalties.thresholds.values()],
    }
    stages = {p.id: [(st.id, _short(st.title)) for st in p.latest.stages] for p in s.timelines}
    wanted = [args.what] if args.what else list(LISTS)
    if args.json:
        _print_json({k: [{"id": i, "title": t} | ({"stages": [{"id": a, "title": b} for a, b in stages[i]]}
                                                  if k == "timelines" else {}) for i, t in rows[k]] for k in wanted})
        return OK
    for k in wanted:
        print(f"{LISTS[k]}，共 {len(rows[k])} 项：")
        width = max((len(i) for i, _ in rows[k]), default=0)
        for i, t in rows[k]:
            print(f"  {i.ljust(width)}  {t}")
            if k == "timelines" and args.what:
                for a, b in stages[i]:
                    print(f"      {a}  {b}")
    return OK


def late_fee(args) -> int:
    """加处罚款: the same calc.penalties.late_fee as POST /v1/penalties/late-fee."""
    from .answers.penalties import late_fee_json

    if args.paid < args.served:
        raise BadArgument("calc late-fee", f"参数 PAID：缴纳日 {args.paid} 早于送达日 {args.served}")
    s = _load(args)
    p = s.penalties
    f = penalties.late_fee(p, args.fine, args.served, args.paid, args.provisional)
    if args.json:  # the JSON POST /v1/penalties/late-fee answers
        _print_json(late_fee_json(f, p.late_fee.daily_rate))
        return OK
    print(f"罚款 {penalties.yuan(f.fine)} 元；送达 {f.served}，缴纳 {f.paid}")
    print(f"缴纳期限届满：{f.due.due}" + ("（推定）" if f.due.provisional else ""))
    if f.days_late:
        print(f"逾期 {f.days_late} 日，加处罚款 {penalties.yuan(f.surcharge)} 元" + ("（以罚款数额为限）" if f.capped else ""))
    else:
        print("未逾期，不加处罚款")
    print(f"合计应缴：{penalties.yuan(f.total)} 元")
    _steps(f.steps)
    return OK


def threshold(args) -> int:
    """立案追诉与限量标准: without facts its tests; with --fact, which department takes the case."""
    from . import thresholds as thr
    from .answers.penalties import answer_json, threshold_json

    s = _load(args)
    try:
        t = s.penalties.threshold(args.id)
    except NotFound as err:
        known = list(s.penalties.thresholds)
        return _refused(err, "可用的编号：" + "、".join(known), args.id, known)
    if not args.fact:
        if args.json:  # the JSON GET /v1/thresholds/{id} answers
            _print_json(threshold_json(t))
            return OK
        print(f"{t.title}（{t.id}）\n依据：{t.basis}；清单：{t.seed}")
        print("事实（以 --fact 名=值 给出）：")
        for f in t.facts:
            choices = "，".join(f"{k} {v}" for k, v in (f.choices or {}).items())
            print(f"  {f.name}  {f.title}" + (f"（{f.unit}）" if f.unit else "") + ("" if f.required else "，可不填")
                  + (f"：{choices}" if choices else ""))
        if t.note:
            print(f"注：{t.note}")
        return OK
    facts = {}
    for name, value in args.fact:
        spec = next((f for f in t.facts if f.name == name), None)
        if spec is not None and spec.kind != "choice":
            try:
                value = int(value) if spec.kind == "integer" else float(value)
            except ValueError:
                raise BadArgument("calc threshold", f"参数 --fact：{spec.title}应为数值，实为 {value!r}") from None
        facts[name] = value
    a = thr.assess_threshold(t, facts)
    if args.json:  # the JSON POST /v1/thresholds/{id}/assess answers
        _print_json(answer_json(a))
        return OK
    print(f"{t.title}：" + ("达到标准" if a.met else "未达到标准"))
    for r in a.tests:
        print(f"  {r.explanation}\n    依据：{r.test.basis}")
    for o in a.referrals:
        print(f"处理：{o.authority}：{o.action}\n  依据：{o.basis}")
    return OK


def inspections(args) -> int:
    """监督检查计划: the same calc.inspections.plan as POST /v1/inspections/{id}/plan."""
    from . import inspections as ins
    from .answers.inspections import plan_json

    if args.end < args.start:
        raise BadArgument("calc inspections", f"参数 END：结束日 {args.end} 早于开始日 {args.start}")
    s = _load(args)
    try:
        regime = s.inspections.get(args.id)
    except NotFound as err:
        known = list(s.inspections.regimes)
        return _refused(err, "可用的检查类别：" + "、".join(known), args.id, known)
    plan = ins.plan(regime, args.start, args.end, s.calendar, population=args.population,
                    provisional=args.provisional)
    if args.json:  # the JSON POST /v1/inspections/{id}/plan answers
        _print_json(plan_json(plan))
        return OK
    print(f"{regime.title}（{regime.unit}）{args.start} 至 {args.end}" + ("（推定）" if plan.provisional else ""))
    for w in plan.windows:
        q = w.requirement
        times = "按清单" if w.times is None else f"{w.times} 次"
        units = f"，至少 {w.min_units}{q.unit_label}" if w.min_units else ""
        print(f"  {w.label}  {q.title}：{times}{units}；最迟 {w.due or '—'}" + ("（期间不足一个完整窗口）" if w.partial else ""))
    if plan.triggered:
        print("遇事即查：")
        for q in plan.triggered:
            print(f"  {q.trigger}：{q.title}")
    for note in plan.assumptions:
        print(f"注：{note}")
    return OK


def day(args) -> int:
    """One day of the working-day calendar, as GET /v1/calendar/{date} answers."""
    from .answers.calendar import day_json

    s = _load(args)
    cal = s.calendar.get(args.provisional)
    answer = day_json(cal, args.date)
    if args.json:
        _print_json(answer)
        return OK
    d = args.date
    name = f"（{answer['name']}）" if answer["name"] else ""
    print(f"{d.year}年{d.month}月{d.day}日 星期{'一二三四五六日'[d.weekday()]}：{DAY_KINDS[answer['kind']]}{name}"
          + ("，推定" if answer["provisional"] else ""))
    if answer["notice"]:
        print(f"  依据：{answer['notice']}")
    return OK


def serve(args) -> int:
    """Refuse bad schedules here, as `check` does, then become gunicorn with calc/serving.py."""
    roots = _roots(args)
    if check(args) != OK:
        print("calc serve：schedules 有误，不启动服务", file=sys.stderr)
        return SCHEDULE_PROBLEMS
    if roots is not None:
        os.environ["CALC_SCHEDULES"] = roots if isinstance(roots, str) else os.pathsep.join(roots)
    if args.bind:
        os.environ["CALC_BIND"] = args.bind
    if args.workers:
        os.environ["CALC_WORKERS"] = str(args.workers)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:calc.serving", "calc.wsgi:app"])
    return OK  # not reached: execvp replaces this process


def _refused(err: DomainError, hint: str | None = None, wanted: str | None = None, known=()) -> int:
    print(f"{err.reason}: {err.message}", file=sys.stderr)
    close = difflib.get_close_matches(wanted, list(known), n=3) if wanted else []
    if close:
        print("是否要找：" + "、".join(close), file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)
    return REFUSED


# ---------------------------------------------------------------- the parser

def parser() -> argparse.ArgumentParser:
    p = Parser(prog="calc", description="公安局罚款幅度与期限计算：与 HTTP 服务相同的答案，附每一步的规则与依据。",
               epilog=EXIT_CODES)
    p.add_argument("--version", action="version", version=f"calc {__version__}", help="显示版本号并退出")
    p.add_argument("--schedules", metavar="DIR",
                   help=f"schedules 目录（多个以 \"{os.pathsep}\" 分隔，自下而上叠加）；默认 CALC_SCHEDULES，否则随附数据")
    sub = p.add_subparsers(dest="command", required=True, metavar="子命令", parser_class=Parser)
    schedules_after = argparse.ArgumentParser(add_help=False)  # `calc due … --schedules DIR` works too
    schedules_after.add_argument("--schedules", metavar="DIR", default=argparse.SUPPRESS,
                                 help="同 calc --schedules：schedules 目录（多个以 \"" + os.pathsep + "\" 分隔）")

    c = sub.add_parser("check", parents=[schedules_after], help="校验全部 schedules，与启动时相同", epilog=EXIT_CODES,
                       description="校验 schedules（与服务启动时相同）。无误时第一行为 "
                                   "“schedules ok: <目录> digest <16位十六进制>; 日历 <首年>-<末年>”，"
                                   "有误时每个问题一行写入标准错误：schedules 有误：文件: 键: 问题。")
    c.add_argument("dirs", nargs="*", metavar="DIR",
                   help="schedules 各层目录，自下而上（如：随附目录 县级覆盖目录）；优先于 --schedules")
    c.set_defaults(func=check)

    d = sub.add_parser("due", parents=[schedules_after], help="计算期间届满日（期间计算）", epilog=EXIT_CODES,
                       description="自 START 起计算 AMOUNT 个 UNIT 的期间届满日，逐步说明所用规则与依据。")
    d.add_argument("start", metavar="START", type=_day, help="起算日 YYYY-MM-DD（不计入期间）")
    d.add_argument("amount", metavar="AMOUNT", type=_positive, help="期间长度（正整数）")
    d.add_argument("unit", metavar="UNIT", type=_unit, help=f"期间单位：{UNIT_HELP}")
    d.add_argument("--before", action="store_true", help="向前计算：事件日 START 之前至少 AMOUNT 个 UNIT")
    d.add_argument("--direction", choices=("after", "before"), default="after", help=argparse.SUPPRESS)
    d.add_argument("--pause", metavar="A..B", type=_pause, action="append", default=[],
                   help="不计入期间的时间（两端均含），如 2026-10-01..2026-10-05；可重复")
    d.add_argument("--duty", choices=periods.DUTIES, default="party",
                   help="向前计算的期限是谁的义务：party 当事人（逢休息日提前，默认）、authority 机关（不提前，注明休息日）")
    d.add_argument("--pause-basis", metavar="依据", help="不计入期间的法律依据（写入步骤，适用于各 --pause）")
    d.add_argument("--extension", metavar="N", type=_positive, help="依法延长 N 个 UNIT（自原期间的最后一日起算，该日不顺延）")
    d.add_argument("--extension-basis", metavar="依据", help="延长的法律依据（写入步骤）")
    d.add_argument("--provisional", action="store_true", help="超出已收录的国务院放假安排时，按放假办法推定（结果标注为推定）")
    d.add_argument("--json", action="store_true", help="输出与 POST /v1/deadlines 相同的 JSON")
    d.set_defaults(func=due)

    t = sub.add_parser("timeline", parents=[schedules_after], help="估算办理程序各阶段的期限", epilog=EXIT_CODES,
                       description="程序各阶段的起算日与期限（最不利情形：每一阶段自上一阶段期限届满之日起算，"
                                   "除非以 --actual 给出实际决定日）。")
    t.add_argument("id", metavar="ID", help="程序编号，如 internet-cafe-licence")
    t.add_argument("start", metavar="START", type=_moment,
                   help="起算日 YYYY-MM-DD（以小时计算的程序为 YYYY-MM-DDTHH:MM，北京时间）")
    t.add_argument("--actual", metavar="STAGE=DATE", type=_stage_date, action="append", default=[],
                   help="某阶段实际作出决定之日，后续阶段自此起算；可重复")
    t.add_argument("--event", metavar="DATE", type=_day, help="以事件为基准的阶段所需的日期（如听证举行日）")
    t.add_argument("--extension", metavar="STAGE[=N]", type=_stage_extension, action="append", default=[],
                   help="按依法可延长的最长期限（或 N 个单位）计算该阶段；可重复")
    t.add_argument("--variant", metavar="STAGE=CODE", type=_stage_word, action="append", default=[],
                   help="该阶段适用法律规定的另一情形（如 arrest-request=roving）；可重复")
    t.add_argument("--restart", metavar="STAGE=DATE", type=_stage_day, action="append", default=[],
                   help="该阶段依法自此日起重新计算（如发现另有重要罪行）")
    t.add_argument("--duration", metavar="STAGE=N", type=_stage_count, action="append", default=[],
                   help="由决定确定的期间长度（如行政拘留的日数）")
    t.add_argument("--as-of", metavar="DATE", type=_moment, help="检查日：未完成且已过期限的阶段标为已逾期")
    t.add_argument("--provisional", action="store_true", help="超出已收录的国务院放假安排时，按放假办法推定")
    t.add_argument("--json", action="store_true", help="输出与 POST /v1/timelines/{id} 相同的 JSON")
    t.set_defaults(func=timeline)

    pe = sub.add_parser("penalty", parents=[schedules_after], help="违法行为的罚款幅度；给出 --act-date 时裁量个案", epilog=EXIT_CODES,
                        description="不带 --act-date：列出该违法行为的各版本（依据、施行日期）与处罚幅度；"
                                    "带 --act-date：确定适用的版本及理由、幅度、程序与追究时效。")
    pe.add_argument("id", metavar="ID", help="违法行为编号，如 rental.unregistered-tenant")
    pe.add_argument("--act-date", metavar="D", type=_day, help="违法行为发生之日（连续或继续状态的，行为终了之日）")
    pe.add_argument("--decision-date", metavar="D", type=_day, help="作出处罚决定之日；默认今日（北京时间），与 API 相同")
    pe.add_argument("--party", choices=tuple(penalties.PARTIES), help="当事人：individual 个人，organization 单位")
    pe.add_argument("--circumstance", metavar="C", action="append", default=[],
                    help="情形代码（可重复），如 serious 情节严重、minor 情节较轻；该违法行为可用的代码见不带 --act-date 的输出"
                         "或 GET /v1/penalties/{id} 的 circumstances")
    pe.add_argument("--harm", action="store_true", help="涉及公民生命健康安全、金融安全且有危害后果（时效五年）")
    pe.add_argument("--provisional", action="store_true", help="不改变结果，为兼容保留：追究时效不因节假日顺延，不读放假安排")
    pe.add_argument("--json", action="store_true",
                    help="输出与 GET /v1/penalties/{id}（或 POST …/assess）相同的 JSON")
    pe.set_defaults(func=penalty)

    e = sub.add_parser("events", parents=[schedules_after], help="某年的宣传日与开放日", epilog=EXIT_CODES,
                       description="某年的宣传日与开放日（责任清单 三）：日期、名称、责任单位、联系电话。")
    e.add_argument("year", metavar="YEAR", type=_year, help="年份，如 2027")
    shape = e.add_mutually_exclusive_group()
    shape.add_argument("--ics", action="store_true",
                       help="输出 iCalendar，与 GET /v1/events.ics?start=YEAR-01-01&end=YEAR-12-31 逐字节相同")
    shape.add_argument("--json", action="store_true", help="输出与 GET /v1/events?start=…&end=… 相同的 JSON")
    e.set_defaults(func=events)

    li = sub.add_parser("list", parents=[schedules_after], help="列出可用的编号及名称", epilog=EXIT_CODES,
                        description="列出各子命令所用的编号与名称：" + "；".join(LISTS.values()) + "。")
    li.add_argument("what", metavar="类别", nargs="?", choices=tuple(LISTS),
                    help="只列一类：" + "、".join(LISTS) + "（timelines 同时列出各阶段编号）")
    li.add_argument("--json", action="store_true", help="以 JSON 输出编号与名称")
    li.set_defaults(func=listing)

    lf = sub.add_parser("late-fee", parents=[schedules_after], help="逾期缴纳罚款的加处罚款", epilog=EXIT_CODES,
                        description="自收到处罚决定书之日起十五日内缴纳；逾期每日按罚款数额的3%加处，以罚款数额为限。")
    lf.add_argument("fine", metavar="FINE", type=_money, help="罚款数额（元），如 500")
    lf.add_argument("served", metavar="SERVED", type=_day, help="处罚决定书送达日")
    lf.add_argument("paid", metavar="PAID", type=_day, help="缴纳日")
    lf.add_argument("--provisional", action="store_true", help="期限届满日超出已收录的放假安排时按放假办法推定")
    lf.add_argument("--json", action="store_true", help="输出与 POST /v1/penalties/late-fee 相同的 JSON")
    lf.set_defaults(func=late_fee)

    th = sub.add_parser("threshold", parents=[schedules_after], help="立案追诉与限量标准：由哪个部门处理", epilog=EXIT_CODES,
                        description="不带 --fact：列出标准所需的事实与依据；带 --fact：判断是否达到标准、由哪个部门处理。")
    th.add_argument("id", metavar="ID", help="标准编号，如 pyramid-selling（calc list thresholds）")
    th.add_argument("--fact", metavar="名=值", type=_fact, action="append", default=[],
                    help="一项事实，如 members=35；可重复")
    th.add_argument("--json", action="store_true",
                    help="输出与 GET /v1/thresholds/{id}（或 POST …/assess）相同的 JSON")
    th.set_defaults(func=threshold)

    ip = sub.add_parser("inspections", parents=[schedules_after], help="监督检查计划：各窗口应检查的次数与截止日",
                        epilog=EXIT_CODES, description="按检查类别、期间和对象数量列出每个窗口（月、季、年）应检查的次数和最迟日期。")
    ip.add_argument("id", metavar="ID", help="检查类别编号，如 special-trades（calc list inspections）")
    ip.add_argument("start", metavar="START", type=_day, help="开始日")
    ip.add_argument("end", metavar="END", type=_day, help="结束日（含）")
    ip.add_argument("--population", metavar="N", type=int, help="对象总数（如辖区旅馆数），需要总数的指标都用此数")
    ip.add_argument("--provisional", action="store_true", help="截止日超出已收录的放假安排时按放假办法推定")
    ip.add_argument("--json", action="store_true", help="输出与 POST /v1/inspections/{id}/plan 相同的 JSON")
    ip.set_defaults(func=inspections)

    dy = sub.add_parser("day", parents=[schedules_after], help="某一日是否工作日及原因", epilog=EXIT_CODES,
                        description="某一日是工作日、周末、法定节假日还是调休上班日，并列出国务院放假通知的出处。")
    dy.add_argument("date", metavar="DATE", type=_day, help="日期，如 2026-10-10")
    dy.add_argument("--provisional", action="store_true", help="放假安排尚未收录的年份按放假办法推定")
    dy.add_argument("--json", action="store_true", help="输出与 GET /v1/calendar/{date} 相同的 JSON")
    dy.set_defaults(func=day)

    sv = sub.add_parser("serve", parents=[schedules_after], help="校验 schedules 后以 gunicorn 启动服务", epilog=EXIT_CODES,
                        description="先如 check 一样校验 schedules（有误则退出码 1，不启动），"
                                    "再以 calc/serving.py 的设置运行 gunicorn（calc.wsgi:app）。")
    sv.add_argument("--bind", metavar="HOST:PORT", type=_bind, help="监听地址，默认 CALC_BIND 或 127.0.0.1:8000")
    sv.add_argument("--workers", metavar="N", type=_positive, help="工作进程数，默认 CALC_WORKERS 或 CPU 数")
    sv.set_defaults(func=serve)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return args.func(args)
    except BadArgument as err:
        print(err, file=sys.stderr)
        return BAD_ARGUMENTS
    except _Exit as done:
        return done.code
    except CalendarGap as err:  # the API's sentence without its field syntax (provisional: true): the hint says how here
        print(f"{err.reason}: {err.year}年的国务院节假日安排尚未收录，无法确定工作日", file=sys.stderr)
        print("提示：加 --provisional 可按放假办法推定（结果标注为推定）", file=sys.stderr)
        return REFUSED
    except DomainError as err:
        return _refused(err)
    except BrokenPipeError:  # `calc events 2027 | head`: the reader has what it wanted
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return OK
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else (0 if done.code is None else BAD_ARGUMENTS)


if __name__ == "__main__":
    sys.exit(main())
