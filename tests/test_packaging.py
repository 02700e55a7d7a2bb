"""Packaging: the sdist and the wheel carry the bundled schedules; the wheel, installed into a fresh
virtual environment, gives the same answers as the source tree.

The fresh environment gets the wheel itself with `pip install --no-index --no-deps`; its run
dependencies are borrowed read-only from this environment through a .pth file (the CI machine may
not reach a package index twice), and `pip check` there proves the wheel's declared requirements
are met by them. A separate test checks every third-party import in calc/ is declared."""
from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED = sorted(p.relative_to(REPO / "schedules").as_posix() for p in (REPO / "schedules").rglob("*.toml"))

# The same questions asked of both installs; the answers must be byte for byte the same.
PROBE = r'''
import json, sys
from calc import schedules
from calc.api import create_app
loaded = schedules.load()
c = create_app({"TESTING": True}, loaded=loaded).test_client()
out = {"bundled_at": str(schedules.DEFAULT_ROOT), "digest": loaded.digest,
       "calendar_digests": {str(k): v for k, v in loaded.calendar_digests.items()}}
for method, path, body in [
    ("POST", "/v1/deadlines", {"start": "2026-09-21", "amount": 20, "unit": "workdays"}),
    ("POST", "/v1/timelines/internet-cafe-licence", {"start": "2026-09-21"}),
    ("POST", "/v1/penalties/rental.unregistered-tenant/assess",
     {"act_date": "2025-11-20", "decision_date": "2026-02-10", "party": "individual", "circumstances": ["minor"]}),
    ("GET", "/v1/events.ics?start=2027-01-01&end=2027-12-31", None),
    ("GET", "/v1/responsibilities?q=传销", None),
    ("GET", "/v1/inspections/special-trades", None),
    ("GET", "/openapi.json", None),
    ("GET", "/timelines?procedure=internet-cafe-licence&start=2026-09-21", None),
    ("GET", "/docs", None),
    ("GET", "/docs/assets/swagger-ui-bundle.js", None),
]:
    r = c.open(path, method=method, json=body)
    data = r.get_data()
    out[f"{method} {path}"] = [r.status_code, r.headers.get("Content-Type"), data.decode("utf-8", "replace")
                               if len(data) < 200_000 else len(data)]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
'''


def tracked_files() -> list[str]:
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          cwd=REPO, capture_output=True, check=True)
    return [name for name in done.stdout.decode().split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """sdist from a copy of the tracked files, then the wheel built from that sdist (so the sdist
    alone is enough to rebuild), both with this environment's setuptools (no index needed)."""
    work = tmp_path_factory.mktemp("pkg")
    source = work / "source"
    for name in tracked_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / name).read_bytes())
    dist = work / "dist"
    build = "from setuptools import build_meta as b; import sys; print(getattr(b, sys.argv[1])(sys.argv[2]))"
    sdist_name = _run([sys.executable, "-c", build, "build_sdist", str(dist)], cwd=source).strip().splitlines()[-1]
    sdist = dist / sdist_name
    with tarfile.open(sdist) as tar:
        tar.extractall(work / "unpacked", filter="data")
    unpacked = next((work / "unpacked").iterdir())
    wheel_name = _run([sys.executable, "-c", build, "build_wheel", str(dist)], cwd=unpacked).strip().splitlines()[-1]
    return {"sdist": sdist, "wheel": dist / wheel_name, "work": work}


def _run(cmd, cwd=None, env=None, check=True) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        raise AssertionError(f"{cmd} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def test_the_sdist_carries_the_schedules_tests_and_readme(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert {f"schedules/{name}" for name in BUNDLED} <= names
    assert {"README.md", "pyproject.toml", "MANIFEST.in", "tests/test_packaging.py", "scripts/serve", "wsgi.py"} <= names
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)


def test_the_wheel_carries_every_bundled_schedule_byte_for_byte(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        assert {f"calc/bundled/{name}" for name in BUNDLED} <= names
        for name in BUNDLED:
            assert wheel.read(f"calc/bundled/{name}") == (REPO / "schedules" / name).read_bytes(), name
        assert {"calc/wsgi.py", "calc/serving.py", "calc/web/templates/base.html", "calc/api/static/docs.html"} <= names
        # pyproject.toml lists the packages by name: a new subpackage left off it would be missing here.
        modules = {p.relative_to(REPO).as_posix() for p in (REPO / "calc").rglob("*.py") if "__pycache__" not in p.parts}
        assert modules <= names, sorted(modules - names)
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "calc = calc.cli:main" in wheel.read(entry_points).decode()
        # "calc" on PyPI is another project's (pip index versions calc: 1.0): the distribution is
        # gongan-calc, the import package and the console script stay calc
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        assert "\nName: gongan-calc\n" in metadata
        assert built["wheel"].name.startswith("gongan_calc-")
        assert not any(name.startswith(("tests/", "bench/", "schedules/")) for name in names)
        assert "wsgi.py" not in names  # the checkout's entry point; a top-level `wsgi` would clash in site-packages


@pytest.fixture(scope="module")
def venv(built):
    """A fresh virtual environment with the wheel installed, its dependencies borrowed from here."""
    root = built["work"] / "venv"
    _run([sys.executable, "-m", "venv", str(root)])
    python = root / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(built["wheel"])])
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "borrowed-deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return root


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CALC_SCHEDULES", "PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def test_the_installed_wheel_is_the_one_imported_and_its_requirements_are_met(venv, tmp_path):
    python = venv / "bin" / "python"
    where = _run([str(python), "-c", "import calc, calc.schedules as s; print(calc.__file__); print(s.DEFAULT_ROOT)"],
                 cwd=tmp_path, env=clean_env()).split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    assert where[1].endswith("calc/bundled")
    _run([str(python), "-m", "pip", "check"], cwd=tmp_path, env=clean_env())


def test_the_installed_wheel_gives_the_same_answers_as_the_source_tree(venv, tmp_path):
    installed = json.loads(_run([str(venv / "bin" / "python"), "-c", PROBE], cwd=tmp_path, env=clean_env()))
    source = json.loads(_run([sys.executable, "-c", PROBE], cwd=REPO, env=clean_env()))
    assert Path(installed.pop("bundled_at")).is_relative_to(venv)
    assert Path(source.pop("bundled_at")) == REPO / "schedules"
    assert installed.keys() == source.keys()
    for key in source:
        assert installed[key] == source[key], key
    assert source["POST /v1/deadlines"][0] == 200 and '"due":"2026-10-26"' in source["POST /v1/deadlines"][2]


def test_the_installed_console_script_checks_and_answers(venv, tmp_path):
    calc = str(venv / "bin" / "calc")
    checked = _run([calc, "check"], cwd=tmp_path, env=clean_env())
    source_digest = json.loads(_run([sys.executable, "-c", PROBE], cwd=REPO, env=clean_env()))["digest"]
    assert f"digest {source_digest}" in checked
    done = subprocess.run([calc, "due", "2026-09-21", "20", "workdays", "--json"], cwd=tmp_path,
                          env=clean_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"] == "2026-10-26"  # 国办发明电〔2025〕7号: 中秋、国庆 skipped, 10-10 worked


def test_every_third_party_import_in_calc_is_a_declared_dependency():
    declared = {_dist_key(r) for r in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    missing = set()
    for path in (REPO / "calc").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "calc":
                    continue
                dists = {_dist_key(d) for d in providers.get(top, [top])}
                if not dists & declared:
                    missing.add(f"{top} ({path.relative_to(REPO)})")
    assert not missing, f"imported but not in [project].dependencies: {sorted(missing)}"


def _dist_key(requirement: str) -> str:
    name = requirement.split(";")[0]
    for stop in "<>=!~[ ":
        name = name.split(stop)[0]
    return name.strip().lower().replace("_", "-")
