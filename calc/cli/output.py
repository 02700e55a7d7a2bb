"""Printing: the API's JSON, a list of steps, and a refusal of the domain on stderr."""
from __future__ import annotations

import difflib
import json
import re
import sys

from ..errors import DomainError, InvalidInput
from .args import REFUSED, BadArgument


def print_json(payload) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def print_steps(steps, indent: str = "  ") -> None:
    for st in steps:
        print(f"{indent}{st.date.isoformat()}  {st.rule}\n{indent}            依据：{st.basis}")



def invalid(command: str, err: InvalidInput, arguments: dict[str, str]) -> BadArgument:
    """The domain's refusal of what was typed, in the domain's words (the API's), naming the argument
    its field is (`arguments`: the request field's first part -> the argument, as calc/cli/parser.py
    defines them): pauses[0].end -> --pause."""
    head = re.split(r"[.\[]", err.field or "", maxsplit=1)[0]
    name = arguments.get(head)
    words = err.plain.rstrip("。")
    return BadArgument(f"calc {command}", f"参数 {name}：{words}" if name else words)


def _close(wanted: str | None, known) -> list[str]:
    """Ids spelt nearly as `wanted`, then those of its family (rental.nothing -> rental.…)."""
    if not wanted:
        return []
    close = difflib.get_close_matches(wanted, list(known), n=3)
    family, dot, _ = wanted.partition(".")
    if dot:
        close += [k for k in known if k.startswith(family + ".") and k not in close]
    return close[:5]


def refused(err: DomainError, hint: str | None = None, wanted: str | None = None, known=()) -> int:
    """`reason: message` on stderr, the ids close to the one asked for, and a hint; exit 3."""
    print(f"{err.reason}: {err.message}", file=sys.stderr)
    close = _close(wanted, known)
    if close:
        print("是否要找：" + "、".join(close), file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)
    return REFUSED
