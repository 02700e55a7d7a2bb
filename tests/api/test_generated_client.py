"""A case-handling system's view (issue 19, item 1): generate a Python client from /openapi.json
with openapi-python-client, install it into a fresh virtual environment (its own dependencies from
the package index) and call the running service with it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

SCRIPT = r'''
import datetime as dt, json, sys
from penalty_and_deadline_calculator_api_client import Client
from penalty_and_deadline_calculator_api_client.api.calendar import get_calendar_day
from penalty_and_deadline_calculator_api_client.api.deadlines import compute_deadline, compute_deadlines
from penalty_and_deadline_calculator_api_client.models import (BatchIn, DeadlineBatchErrorOut, DeadlineIn,
                                                               DeadlineInUnit, DeadlineOut, ErrorOut)

client = Client(base_url=sys.argv[1], raise_on_unexpected_status=True)
one = compute_deadline.sync(client=client, body=DeadlineIn(start=dt.date(2026, 9, 21), amount=20,
                                                           unit=DeadlineInUnit.WORKDAYS))
bad = compute_deadline.sync(client=client, body=DeadlineIn(start=dt.date(2026, 12, 21), amount=20,
                                                           unit=DeadlineInUnit.WORKDAYS))
batch = compute_deadlines.sync(client=client, body=BatchIn(items=[
    {"start": "2026-09-21", "amount": 20, "unit": "workdays", "ref": "a"},
    {"start": "2026-12-21", "amount": 20, "unit": "workdays", "ref": "b"}]))
day = get_calendar_day.sync(client=client, date="2026-10-05")
print(json.dumps({
    "due": one.due.isoformat(), "steps": len(one.steps), "is_answer": isinstance(one, DeadlineOut),
    "gap": [isinstance(bad, ErrorOut), bad.reason.value, bad.year],
    "slots": [type(s).__name__ for s in batch.items],
    "slot_year": batch.items[1].error.year, "refs": [s.ref for s in batch.items],
    "day": [day.kind.value, day.name],
}))
'''


@pytest.fixture()
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.slow
def test_a_generated_client_calls_the_service(app, served, tmp_path):
    bin_dir = Path(sys.executable).parent
    generator = shutil.which("openapi-python-client", path=str(bin_dir)) or shutil.which("openapi-python-client")
    assert generator, "openapi-python-client is in the test extras"
    spec = tmp_path / "openapi.json"
    spec.write_text(app.test_client().get("/openapi.json").get_data(as_text=True), "utf-8")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")  # its ruff post-hooks
    done = subprocess.run([generator, "generate", "--path", str(spec), "--meta", "setup",
                           "--output-path", str(tmp_path / "client")], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    python = tmp_path / "venv" / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(tmp_path / "client")],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    run = subprocess.run([str(python), "-c", SCRIPT, served], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout)
    # 20 working days from 2026-09-21: 国庆节 10-01..10-08 skipped, due 2026-10-26 (国办发明电〔2025〕7号)
    assert got["due"] == "2026-10-26" and got["steps"] >= 2 and got["is_answer"]
    # into 2027, whose notice is not published: the typed error with its year
    assert got["gap"] == [True, "calendar_gap", 2027]
    assert got["slots"] == ["DeadlineOut", "DeadlineBatchErrorOut"] and got["slot_year"] == 2027
    assert got["refs"] == ["a", "b"]
    assert got["day"] == ["holiday", "国庆节"]
