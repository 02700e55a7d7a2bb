"""/openapi.json as a standard linter reads it (issue 28, item 5): Redocly CLI's recommended rules
(redocly.yaml at the top of the repository, which says why it turns any rule off) find no error, and
no warning but the findings ACCEPTED below, each with its reason.

Redocly CLI is pinned in tools/redocly (package.json and package-lock.json); scripts/test installs it
there with `npm ci`. Without node (>= 20.19, what the pinned version needs) or without the install,
the lint is skipped saying why on a developer's machine, and fails under CI=true: CI must not pass
without having linted.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "redocly"
REDOCLY = TOOL / "node_modules" / "@redocly" / "cli" / "bin" / "cli.js"
CONFIG = REPO / "redocly.yaml"
NODE_AT_LEAST = (20, 19)  # @redocly/cli 2.x: node ">=22.12.0 || >=20.19.0 <21.0.0"
METHODS = ("get", "post", "put", "patch", "delete")

# Single findings that are right as they are: (rule, JSON pointer) -> why.
ACCEPTED = {
    ("no-unused-components", "#/components/schemas/PaginationMetadata"):
        "flask-smorest registers it on every Api; the API pages nothing, but clients generated from "
        "the v1 document have the model, and component names are part of those clients",
}
# Also accepted, found rather than listed: operation-4xx-response on an operation that takes no input
# at all (no parameter, no body). Nothing a caller sends can be refused there, so there is no 4xx to
# document; test_an_operation_without_inputs_answers_no_4xx checks that it answers none, and the
# fuzzing (tests/test_fuzz_api.py) that every status an operation gives is documented.
NO_INPUT_REASON = "the operation takes no input: it has no 4xx to document"


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _operations(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method in METHODS:
                yield path, method, op, ops.get("parameters", [])


def _without_inputs(spec) -> list[tuple[str, str]]:
    return [(path, method) for path, method, op, shared in _operations(spec)
            if not op.get("parameters") and not shared and "requestBody" not in op]


def accepted(spec) -> dict[tuple[str, str], str]:
    out = dict(ACCEPTED)
    for path, method in _without_inputs(spec):
        out[("operation-4xx-response", _pointer("paths", path, method, "responses"))] = NO_INPUT_REASON
    return out


def _node_version(node: str) -> tuple[int, ...] | None:
    try:
        text = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    found = re.match(r"v(\d+)\.(\d+)", text.strip())
    return (int(found[1]), int(found[2])) if found else None


def missing() -> str | None:
    """Why the lint cannot run here, or None."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed: Redocly CLI needs node >= 20.19 and npm (scripts/test then installs it)"
    version = _node_version(node)
    if version is None or version < NODE_AT_LEAST:
        return f"node {version} is older than the pinned Redocly CLI needs (>= 20.19)"
    if not REDOCLY.exists():
        return "Redocly CLI is not installed: npm ci --prefix tools/redocly (scripts/test does it)"
    return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").json


@pytest.fixture(scope="module")
def problems(app, tmp_path_factory):
    why = missing()
    if why is not None:
        if _in_ci():
            pytest.fail(f"CI=true and the OpenAPI lint cannot run: {why}")
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("lint")
    document = folder / "openapi.json"
    document.write_bytes(app.test_client().get("/openapi.json").data)
    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_COLOR="1")
    done = subprocess.run([shutil.which("node"), str(REDOCLY), "lint", str(document), "--format=json",
                           f"--config={CONFIG}"], capture_output=True, text=True, cwd=folder, env=env, timeout=300)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"redocly lint gave no JSON report (exit {done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    return report["problems"]


def _finding(problem) -> tuple[str, str]:
    return problem["ruleId"], problem["location"][0]["pointer"]


def test_the_linter_finds_no_error(problems):
    errors = [f"{rule} at {where}: {p['message']}" for p in problems if p["severity"] == "error"
              for rule, where in [_finding(p)]]
    assert not errors, "\n".join(errors)


def test_every_warning_is_accepted_with_its_reason(problems, spec):
    allowed = accepted(spec)
    unjustified = [f"{rule} at {where}: {p['message']}" for p in problems if p["severity"] != "error"
                   for rule, where in [_finding(p)] if (rule, where) not in allowed]
    assert not unjustified, "\n".join(unjustified)


def test_every_accepted_finding_is_still_found(problems, spec):
    """A reason kept for a finding that is gone would excuse the next one at that place."""
    found = {_finding(p) for p in problems}
    stale = sorted(set(ACCEPTED) - found)
    assert not stale, stale


def test_the_config_turns_off_only_what_it_explains():
    """redocly.yaml keeps the recommended rules; each rule it turns off has a comment above it."""
    lines = CONFIG.read_text("utf-8").splitlines()
    assert "  - recommended" in lines
    for index, line in enumerate(lines):
        if re.match(r"\s+[a-z0-9-]+:\s*off\b", line):
            assert lines[index - 1].strip().startswith("#"), f"redocly.yaml: {line.strip()} says no reason"


def test_an_operation_without_inputs_answers_no_4xx(app, spec):
    """What NO_INPUT_REASON claims: whatever is sent with them (a query, a body, bad JSON, a stray
    If-None-Match), these operations answer 200 (or 304/503), never a 4xx."""
    client = app.test_client()
    operations = _without_inputs(spec)
    assert ("get", "/healthz") in [(m, p) for p, m in operations]
    for path, method in operations:
        for kwargs in ({"query_string": {"x": "1", "start": "nonsense"}},
                       {"data": b"{bad", "content_type": "application/json"},
                       {"data": b"plain", "content_type": "text/plain"},
                       {"headers": {"If-None-Match": '"x'}}):
            status = client.open(path, method=method.upper(), **kwargs).status_code
            assert not 400 <= status < 500, (method, path, kwargs, status)
