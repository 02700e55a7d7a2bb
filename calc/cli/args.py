"""Reading a command line: argparse speaking Chinese, and each argument's value read as people type it.

Only reading happens here — a date, a number, a pair — so that a line the CLI cannot read is one
Chinese sentence naming the argument (BadArgument, exit 2). Whether a value is allowed (a period's
limit, an end before its start, a circumstance code) is the domain's to say (calc/errors.py), and
calc/cli/output.py shows its refusal.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation

from .. import people_dates, periods

OK, SCHEDULE_PROBLEMS, BAD_ARGUMENTS, REFUSED = 0, 1, 2, 3
EXIT_CODES = """\
退出码：
  0  得出答案；schedules 无误
  1  schedules 有问题（每个问题一行：文件: 键: 问题）
  2  参数有误（一行说明，指出哪个参数）：无法读取，或不合计算规则（如期间超过上限、
     缴纳日早于送达日），后者用的是 API 的同一句话
  3  计算被拒绝：calendar_gap（该年放假安排尚未收录，可加 --provisional 推定）、
     not_found（编号不存在）

schedules：--schedules DIR，否则环境变量 CALC_SCHEDULES（多个目录以 "{sep}" 分隔，自下而上叠加），
否则随附的 schedules。""".format(sep=os.pathsep)

UNIT_HELP = "workdays 或 工作日、days 或 日、months 或 月、years 或 年"
UNIT_WORDS = {"工作日": "workdays", "个工作日": "workdays", "日": "days", "天": "days", "自然日": "days",
              "月": "months", "个月": "months", "年": "years"}


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


# ---------------------------------------------------------------- values

def day(text: str) -> dt.date:
    """A date as people type it (calc/people_dates.py: 2026-12-20, 2026/12/20, 20261220, 2026年12月20日,
    full-width digits), within the range the API accepts."""
    try:
        return people_dates.read_date(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"日期{err}".rstrip("。") + f"，实为 {text!r}") from None


def moment(text: str) -> dt.date | dt.datetime:
    """A date, or a date and time YYYY-MM-DDTHH:MM (Beijing time) for procedures counted in hours."""
    try:
        return people_dates.read_moment(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(
            f"应为日期（如 2026-12-20），或日期时间 YYYY-MM-DDTHH:MM（北京时间）：{err}".rstrip("。")
            + f"，实为 {text!r}") from None


def positive(text: str) -> int:
    """A count of units, as the API's schemas take it (an integer from 1)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实为 {text!r}")
    return number


def pause(text: str) -> periods.DateRange:
    """A..B, both days counted; whether B may come before A is calc.periods.due's to say."""
    first, sep, last = text.partition("..")
    if not sep:
        raise argparse.ArgumentTypeError(f"应为 开始日..结束日（如 2026-10-01..2026-10-05），实为 {text!r}")
    return periods.DateRange(day(first), day(last))


def stage_date(text: str) -> tuple[str, dt.date | dt.datetime]:
    stage, sep, when = text.partition("=")
    if not sep or not stage:
        raise argparse.ArgumentTypeError(f"应为 阶段编号=日期（如 culture-preliminary=2026-09-30），实为 {text!r}")
    return stage, moment(when)


def stage_extension(text: str) -> tuple[str, bool | int]:
    """STAGE (all the law allows) or STAGE=N (N of the stage's units)."""
    stage, sep, amount = text.partition("=")
    if not stage:
        raise argparse.ArgumentTypeError(f"应为 阶段编号 或 阶段编号=整数，实为 {text!r}")
    if not sep:
        return stage, True
    if not amount.isdigit() or int(amount) < 1:
        raise argparse.ArgumentTypeError(f"延长量应为正整数（阶段的单位数），实为 {amount!r}")
    return stage, int(amount)


def stage_word(text: str) -> tuple[str, str]:
    stage, sep, word = text.partition("=")
    if not sep or not stage or not word:
        raise argparse.ArgumentTypeError(f"应为 阶段编号=值（如 arrest-request=roving），实为 {text!r}")
    return stage, word


def stage_day(text: str) -> tuple[str, dt.date]:
    stage, word = stage_word(text)
    return stage, day(word)


def stage_count(text: str) -> tuple[str, int]:
    stage, word = stage_word(text)
    if not word.isdigit() or int(word) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实为 {word!r}")
    return stage, int(word)


def unit(text: str) -> str:
    """workdays/days/months/years, or as people write them: 工作日, 日 (天), 月 (个月), 年."""
    word = people_dates.normalise(text)
    found = UNIT_WORDS.get(word, word)
    if found not in periods.UNITS:
        raise argparse.ArgumentTypeError(f"期间单位应为 {UNIT_HELP}，实为 {text!r}")
    return found


def fact(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(f"应为 事实名=值（如 members=35），实为 {text!r}")
    return name, people_dates.normalise(value)


def money(text: str) -> Decimal:
    """An amount of yuan as people write it (1,250.50元). Whether it is a fine (positive, whole fen,
    at most what the service computes) is calc.penalties.late_fee's to say."""
    plain = people_dates.normalise(text).replace(",", "").removesuffix("元")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"罚款数额应为数字（元），如 500 或 1250.50，实为 {text!r}") from None
    return value


def year(text: str) -> int:
    """A year of the Gregorian calendar; which years the service answers for is calc.events's to say."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not dt.MINYEAR <= number <= dt.MAXYEAR:
        raise argparse.ArgumentTypeError(f"应为年份（如 2027），实为 {text!r}")
    return number


_BIND = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):(\d{1,5})")


def bind(text: str) -> str:
    found = _BIND.fullmatch(text)
    if text.startswith("unix:") and len(text) > 5 or found and 1 <= int(found[1]) <= 65535:
        return text
    raise argparse.ArgumentTypeError(f"应为 主机:端口（如 127.0.0.1:8000）或 unix:路径，实为 {text!r}")


# ---------------------------------------------------------------- road traffic (calc traffic)

_NUMBER_UNITS = re.compile(r"\s*(km/h|公里/小时|千米/小时|%|元)\s*$", re.I)
_LARGEST = Decimal(10) ** 10  # no speed, load or per cent people type is larger: a typing slip, not a number


def number(text: str) -> Decimal:
    """A number as people type it (60, 60.5, 60km/h, 25%, full-width digits); whether it is allowed
    (a limit of 0, a negative speed) is calc.traffic's to say."""
    plain = _NUMBER_UNITS.sub("", people_dates.normalise(text)).replace(",", "")
    try:
        value = Decimal(plain)
        if not value.is_finite() or abs(value) > _LARGEST:
            raise InvalidOperation
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"应为数字，如 60 或 12.5，实为 {text!r}") from None
    return value


def points_entry(text: str) -> tuple[dt.date, int | None, str | None, bool]:
    """DATE:POINTS or DATE:ID (an act, scored as its assessment scores it), :unpaid after either for
    a fine not yet paid: (date, points, act id, unpaid)."""
    head, sep, what = people_dates.normalise(text).partition(":")
    what, _, flag = what.partition(":")
    if not sep or not what or flag not in ("", "unpaid"):
        raise argparse.ArgumentTypeError(f"应为 日期:分值 或 日期:违法行为编号，可加 :unpaid（如 2026-06-10:6），实为 {text!r}")
    points = int(what) if what.isdigit() else None
    return day(head), points, None if points is not None else what, flag == "unpaid"


def dated_word(text: str) -> tuple[dt.date, str]:
    """DATE:WORD (a reduction and its kind: 2026-08-01:online)."""
    head, sep, word = people_dates.normalise(text).partition(":")
    if not sep or not word:
        raise argparse.ArgumentTypeError(f"应为 日期:方式（如 2026-08-01:online），实为 {text!r}")
    return day(head), word


class _AnyWord(dict):
    """The subcommands' names, which take any first word as a choice (the default command reads it)."""

    def __init__(self, names: dict):
        super().__init__()
        self.names = names

    def __contains__(self, key) -> bool:
        return True

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class WordsOrCommand(argparse._SubParsersAction):
    """Subcommands whose first word may instead be what the default one reads: `calc traffic 闯红灯`
    is `calc traffic act 闯红灯`, while `calc traffic speeding …` stays the speeding command."""

    fallback = "act"  # (`default` is every Action's own attribute)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = _AnyWord(self._name_parser_map)

    def __call__(self, parser, namespace, values, option_string=None):
        if values and values[0] not in self._name_parser_map:
            values = [self.fallback, *values]
        super().__call__(parser, namespace, values, option_string)
