"""Printing: the API's JSON, a list of steps, and a refusal of the domain on stderr."""
from __future__ import annotations

import difflib
import json
import sys

from ..errors import DomainError
from .args import REFUSED


def print_json(payload) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


def print_steps(steps, indent: str = "  ") -> None:
    for st in steps:
        print(f"{indent}{st.date.isoformat()}  {st.rule}\n{indent}            依据：{st.basis}")


def short(title: str) -> str:
    """A stage's title up to its colon (筹建审批：作出决定… -> 筹建审批), as the web page shows it."""
    return title.split("：")[0]


def refused(err: DomainError, hint: str | None = None, wanted: str | None = None, known=()) -> int:
    """`reason: message` on stderr, the ids close to the one asked for, and a hint; exit 3."""
    print(f"{err.reason}: {err.message}", file=sys.stderr)
    close = difflib.get_close_matches(wanted, list(known), n=3) if wanted else []
    if close:
        print("是否要找：" + "、".join(close), file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)
    return REFUSED
