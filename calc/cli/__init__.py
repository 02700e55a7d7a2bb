"""Command line `calc`: the service's answers for people (plain Chinese) and for scripts (`--json`).

`check` validates the schedules as start-up does (calc/reload.py parses its first line); `due`,
`timeline`, `penalty` and the others call the same domain functions as calc/api/, and with `--json`
print the API's own JSON for the same question (calc/answers/, which the API serialises with too; no
Flask is imported); `serve` checks the schedules, then becomes gunicorn. Exit codes: args.EXIT_CODES.

The package: `args` reads what people type (argparse in Chinese), `parser` is the grammar of every
subcommand, `check` the schedules they load, `output` the printing and the refusals, and one module
per area runs its subcommands (`deadlines`, `timelines`, `penalties`, `events`, `inspections`,
`listing`, `serve`).
"""
from __future__ import annotations

import os
import sys

from ..errors import CalendarGap, DomainError, InvalidInput
from .args import BAD_ARGUMENTS, OK, REFUSED, BadArgument
from .check import Exit
from .output import invalid, refused
from .parser import ARGUMENTS, parser


def _quiet_stdout() -> None:
    """`calc events 2027 | head`: the reader has what it wanted; say nothing more."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except BadArgument as err:
        print(err, file=sys.stderr)
        return BAD_ARGUMENTS
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else (0 if done.code is None else BAD_ARGUMENTS)
    return _run(args)


def _run(args) -> int:
    """The subcommand's answer, or what stopped it: exit 2 for what was typed (the CLI could not
    read it, or the domain refuses it), 1 for bad schedules, 3 for what cannot be answered."""
    try:
        return args.func(args)
    except BadArgument as err:
        print(err, file=sys.stderr)
        return BAD_ARGUMENTS
    except InvalidInput as err:
        print(invalid(args.command, err, ARGUMENTS.get(args.command, {})), file=sys.stderr)
        return BAD_ARGUMENTS
    except Exit as done:
        return done.code
    except CalendarGap as err:  # the API's sentence without its field syntax (provisional: true): the hint says how here
        print(f"{err.reason}: {err.year}年的国务院节假日安排尚未收录，无法确定工作日", file=sys.stderr)
        print("提示：加 --provisional 可按放假办法推定（结果标注为推定）", file=sys.stderr)
        return REFUSED
    except DomainError as err:
        return refused(err)
    except BrokenPipeError:
        _quiet_stdout()
        return OK
