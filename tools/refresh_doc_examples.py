"""Rewrite the JSON answers printed under the curl examples of README.md and docs/*.md with what the
service answers today (a schedule edit changes digests; an API addition adds keys). Only examples
printed whole (no "…", no `| jq`) are rewritten; tests/test_readme.py checks them all.

    .venv/bin/python tools/refresh_doc_examples.py [--check]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WIDTH = 110


def compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def layout(value, depth: int = 0) -> str:
    """One key a line at the top; a nested object or list that does not fit on a line is opened one
    level more (an element a line), as the hand-written examples are."""
    flat = compact(value)
    if depth > 2 or depth == 2 and isinstance(value, dict) or len(flat) <= WIDTH \
            or not isinstance(value, (dict, list)) or not value:
        return flat
    pad, close = " " * (1 + 2 * depth), " " * (2 * depth - 1 if depth else 0)
    if isinstance(value, dict):
        inner = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(inner) + f"\n{close}}}"
    inner = [f"{pad}{compact(v)}" for v in value]
    return "[\n" + ",\n".join(inner) + f"\n{close}]"


def undigested(value):
    if isinstance(value, dict):
        return {k: undigested(v) for k, v in value.items() if k != "digest"}
    if isinstance(value, list):
        return [undigested(v) for v in value]
    return value


def digests(value) -> list[str]:
    if isinstance(value, dict):
        return [d for k, v in value.items() for d in ([v] if k == "digest" else digests(v))]
    if isinstance(value, list):
        return [d for v in value for d in digests(v)]
    return []


def refresh(path: Path, client) -> tuple[str, int]:
    text = path.read_text("utf-8")
    pattern = re.compile(r"```sh\n(curl -s localhost:8000(\S+) -H 'content-type: application/json' \\\n\s+-d '(\{[^\n']*\})'[^\n]*)\n```\n```json\n(.*?)```",
                         re.S)
    changed = 0

    def replace(m):
        nonlocal changed
        url, body, shown = m.group(2), json.loads(m.group(3)), m.group(4)
        if "…" in shown or "|" in m.group(1):
            return m.group(0)
        answer = client.post(url, json=body).get_json()
        old = json.loads(shown)
        if undigested(old) == undigested(answer):  # the same answer: keep its layout, new digests only
            new = shown
            for a, b in zip(digests(old), digests(answer)):
                new = new.replace(f'"{a}"', f'"{b}"')
        else:
            new = layout(answer) + "\n"
        if new != shown:
            changed += 1
        return m.group(0).replace(shown, new)

    return pattern.sub(replace, text), changed


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from calc.api import create_app

    client = create_app({"TESTING": True}).test_client()
    stale = 0
    for path in FILES:
        text, changed = refresh(path, client)
        stale += changed
        if changed and "--check" not in argv:
            path.write_text(text, "utf-8")
            print(f"{path.relative_to(ROOT)}: {changed} example(s) rewritten")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
