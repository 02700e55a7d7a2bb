"""The README and docs/ as a newcomer uses them: every `curl … localhost:8000 …` example runs as
written with this machine's curl and jq (Debian 12: jq 1.6, where `label` is a keyword) against the
app on a free loopback port, and prints what the page shows after it; the README's `calc` line
answers; `scripts/serve` skips pip when nothing changed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CALC = Path(sys.executable).with_name("calc")


def blocks(path: Path) -> list[tuple[str, str]]:
    """(language, text) of each fenced block, in order."""
    return re.findall(r"^```(\w*)\n(.*?)^```", path.read_text("utf-8"), re.S | re.M)


def curl_examples():
    """Each sh block with a curl to localhost:8000, and the json block right after it (if any)."""
    out = []
    for path in DOCS:
        found = blocks(path)
        for i, (lang, text) in enumerate(found):
            if lang == "sh" and "curl " in text and "localhost:8000" in text:
                shown = found[i + 1][1] if i + 1 < len(found) and found[i + 1][0] == "json" else None
                out.append(pytest.param(text, shown, id=f"{path.name}:{text.split()[2][:60]}"))
    return out


@pytest.fixture(scope="module")
def port(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()
    thread.join(5)


def test_the_docs_have_curl_examples():
    assert len(curl_examples()) >= 4  # the deadline (README), penalties, timelines, inspections


@pytest.mark.parametrize("command, shown", curl_examples())
def test_every_curl_example_runs_as_written(port, command, shown):
    for tool in ("curl", "jq"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not installed")
    # the curl commands of the block (continuation lines joined; other commands there need a county's
    # directory or a server of their own), with a trailing "# comment" dropped
    joined = re.sub(r"\\\n\s*", " ", command)
    curls = [re.sub(r"\s+#[^'\"]*$", "", x).strip() for x in joined.splitlines() if x.lstrip().startswith("curl ")]
    script = "set -euo pipefail\n" + "\n".join(curls).replace("localhost:8000", f"127.0.0.1:{port}")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "no output"
    if shown is None or "…" in shown:
        return
    try:
        want = json.loads(shown)
        got = json.loads(done.stdout)
    except json.JSONDecodeError:  # jq -c: one JSON value a line
        want = [json.loads(x) for x in shown.splitlines() if x.strip()]
        got = [json.loads(x) for x in done.stdout.splitlines() if x.strip()]
    assert undigested(got) == undigested(want)


def undigested(value):
    """The answer without its `digest`s: a digest over a schedule table changes with every edit of
    that table (rule_versions), and the docs show the one of the day they were written."""
    if isinstance(value, dict):
        return {k: undigested(v) for k, v in value.items() if k != "digest"}
    if isinstance(value, list):
        return [undigested(v) for v in value]
    return value


def test_the_readme_calc_line_answers():
    line = next(t for lang, t in blocks(ROOT / "README.md") if lang == "sh" and "calc due" in t).strip()
    argv = line.split()[1:]
    assert argv[:1] == ["due"]
    done = subprocess.run([str(CALC), *argv], capture_output=True, text=True, timeout=60)
    # 2026-09-21 + 20 working days (中秋 09-25..27, 国庆 10-01..07 off; 10-10 worked): 2026-10-26
    assert done.returncode == 0 and done.stdout.startswith("届满日：2026-10-26"), done.stderr


def test_the_readme_is_short_and_says_how_to_change_the_port():
    text = (ROOT / "README.md").read_text("utf-8")
    assert len(text.splitlines()) <= 90
    assert "scripts/serve --bind 127.0.0.1:9000" in text and "CALC_BIND" in text
    for doc in ("api", "cli", "web", "schedules", "deployment", "hardening", "benchmarks"):
        assert f"(docs/{doc}.md)" in text and (ROOT / "docs" / f"{doc}.md").is_file(), doc


def test_scripts_serve_installs_once_then_starts_without_pip(tmp_path):
    # scripts/serve in a copy of the tree whose .venv has a pip and a calc that only say they ran
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "serve", tmp_path / "scripts" / "serve")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_ = tmp_path / ".venv" / "bin"
    bin_.mkdir(parents=True)
    log = tmp_path / "calls"
    (bin_ / "python").symlink_to(sys.executable)
    for name in ("pip", "calc"):
        (bin_ / name).write_text(textwrap.dedent(f"""\
            #!/bin/sh
            echo "{name} $*" >> "{log}"
            """))
        (bin_ / name).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    for _ in range(2):
        done = subprocess.run(["bash", str(tmp_path / "scripts" / "serve"), "--bind", "127.0.0.1:9000"],
                              capture_output=True, text=True, timeout=60, env=env)
        assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert calls == ["pip install -q -e .", "calc serve --bind 127.0.0.1:9000", "calc serve --bind 127.0.0.1:9000"]
    with (tmp_path / "pyproject.toml").open("a") as f:  # a new dependency: install again
        f.write("\n# changed\n")
    subprocess.run(["bash", str(tmp_path / "scripts" / "serve")], capture_output=True, timeout=60, env=env, check=True)
    assert log.read_text().splitlines()[-2:] == ["pip install -q -e .", "calc serve"]


def test_wheelhouse_is_ignored():
    assert "wheelhouse/" in (ROOT / ".gitignore").read_text("utf-8").splitlines()
