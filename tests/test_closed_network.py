"""Closed network (issue 7, item 7): the bureau's network reaches nothing outside. The app must make
no outbound connection (nor a DNS lookup of an outside name) when imported, when started, or while
answering any request.

A guard installed as `sitecustomize` in the child processes replaces socket connect/sendto,
getaddrinfo and gethostbyname: anything not loopback or a Unix socket is written to a log (with the
stack that tried it) and refused. The guard proves itself armed by catching one deliberate attempt.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.test_hardening import REPO, Gunicorn

GUARD = textwrap.dedent('''
    import ipaddress, os, socket, traceback

    LOG = os.environ["CALC_NET_GUARD_LOG"]

    def _local(host):
        if host is None:
            return True
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        host = str(host)
        if host in ("", "localhost", "localhost.localdomain", "ip6-localhost"):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False

    def _refuse(what):
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(f"pid {os.getpid()}: {what}\\n{''.join(traceback.format_stack(limit=15))}---\\n")
        raise OSError(101, f"closed network: {what}")

    def _check(sock, address, what):
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _local(host):
            _refuse(f"{what} {address!r}")

    _connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    _getaddrinfo, _gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def connect(self, address):
        _check(self, address, "connect")
        return _connect(self, address)

    def connect_ex(self, address):
        _check(self, address, "connect_ex")
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        _check(self, args[-1], "sendto")
        return _sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _local(host):
            _refuse(f"getaddrinfo {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        if not _local(host):
            _refuse(f"gethostbyname {host!r}")
        return _gethostbyname(host)

    socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
    with open(LOG + ".armed", "a") as f:
        f.write(f"{os.getpid()}\\n")
''')

SWEEP = textwrap.dedent('''
    import socket
    from calc.api import create_app          # import
    app = create_app()                        # start
    client = app.test_client()
    s = app.extensions["calc"].schedules
    ids = ["nope"]
    for area, attr in [("penalties", "violations"), ("penalties", "thresholds"), ("timelines", "procedures"),
                       ("events", "events"), ("inspections", "regimes")]:
        ids += list(getattr(getattr(s, area, None), attr, None) or {})[:2]
    query = "?start=2026-01-01&end=2026-12-31&q=%E5%8D%B0%E7%AB%A0&date=2026-10-08&provisional=true"
    bodies = [{}, {"start": "2026-09-21", "amount": 20, "unit": "workdays"},
              {"items": [{"start": "2026-09-21", "amount": 20, "unit": "workdays"}]},
              {"act_date": "2026-03-01", "decision_date": "2026-04-01", "party": "individual"},
              {"fine": 1000, "served": "2026-01-05", "paid": "2026-03-01"},
              {"start": "2026-01-05"}, {"start": "2026-01-01", "end": "2026-12-31", "population": 100}]
    calls = 0
    for rule in app.url_map.iter_rules():
        values = [{}]
        for arg in rule.arguments:
            choices = ["2026-10-08"] if ("date" in arg or "day" in arg) else ids
            choices = ["swagger-ui.css"] if arg in ("name", "filename") else choices
            values = [dict(v, **{arg: c}) for v in values for c in choices]
        for v in values:
            path = rule.rule
            for k, c in v.items():
                path = path.replace(f"<{k}>", c)
                for conv in ("string", "path", "int"):
                    path = path.replace(f"<{conv}:{k}>", c)
            for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
                if method == "GET":
                    for p in (path, path + query):
                        assert client.get(p).status_code < 500, p
                        calls += 1
                else:
                    for b in bodies:
                        assert client.open(path, method=method, json=b).status_code < 500, (method, path, b)
                        calls += 1
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    except OSError as exc:
        assert "closed network" in str(exc)
    print("calls", calls)
''')


@pytest.fixture()
def guarded(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD, "utf-8")
    log = tmp_path / "outbound.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "CALC_NET_GUARD_LOG": str(log), "CALC_ACCESS_LOG": "0", "no_proxy": "*"}
    return env, log


def attempts(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [a for a in log.read_text("utf-8").split("---\n") if a.strip()]


def test_no_outbound_connection_at_import_start_or_any_request(guarded):
    env, log = guarded
    done = subprocess.run([sys.executable, "-c", SWEEP], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.split()[-1]) > 20
    tried = attempts(log)
    assert len(tried) == 1 and "192.0.2.1" in tried[0], "outbound attempts:\n" + "\n".join(tried)
    assert Path(str(log) + ".armed").exists()


@pytest.mark.slow
def test_no_outbound_connection_while_fuzzing_every_operation(guarded):
    """Every request the schema-driven fuzzing makes, on every operation, under the guard."""
    env, log = guarded
    targets = ["tests/test_fuzz_api.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *targets],
                          cwd=REPO, env={**env, "CALC_FUZZ_EXAMPLES": "5"}, capture_output=True, text=True,
                          timeout=900)
    tried = attempts(log)
    assert not tried, "outbound attempts:\n" + "\n".join(tried)
    assert done.returncode in (0, 1), done.stdout[-3000:]  # their own failures are reported by those suites


def test_no_outbound_connection_from_gunicorn_start_reload_and_requests(tmp_path, guarded):
    env, log = guarded
    with Gunicorn(tmp_path, REPO / "schedules", env=env) as server:
        for path in ("/healthz", "/v1/meta", "/openapi.json", "/docs", "/", "/v1/calendar/2026-10-08"):
            assert (server.status(path) or 500) < 500, path
        status, _, _ = server.request("POST", "/v1/deadlines", {"start": "2026-09-21", "amount": 20,
                                                                "unit": "workdays"})
        assert status == 200
        boots = server.log().count("Booting worker")
        server.hup()
        server.wait_for(lambda: server.log().count("Booting worker") > boots and server.status("/healthz") == 200,
                        "a new worker after HUP")
    armed = Path(str(log) + ".armed").read_text().split()
    assert len(set(armed)) >= 3  # master, the calc check run, workers
    tried = attempts(log)
    assert not tried, "outbound attempts:\n" + "\n".join(tried)
