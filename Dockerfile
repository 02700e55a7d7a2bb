# The calculator as a container image: docker build -t calc:1.0.0 .   (docs/deployment.md)
#
# Two stages: the first builds the wheel (the package with the bundled national schedules inside it),
# the second installs that wheel with its dependencies into a venv and nothing else: no compiler, no
# source tree, no tests. A county's own schedules are not in the image: mount them as an overlay
# (CALC_SCHEDULES=/etc/calc/county) so one image serves every county.
#
# Packages come from PIP_INDEX_URL at build time (an ARG, so pip sees it while building and the image
# does not keep it; on a closed network: --build-arg PIP_INDEX_URL=https://mirror.example.local/simple).
# The running container reaches no network at all.

FROM python:3.12-slim AS build
ARG PIP_INDEX_URL=https://pypi.org/simple
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY . .
RUN python -m pip wheel --no-deps -w /dist .


FROM python:3.12-slim
ARG PIP_INDEX_URL=https://pypi.org/simple

# A fixed uid/gid, so the Kubernetes securityContext (runAsUser: 10001) and file ownership on
# mounted volumes can name it.
RUN groupadd --system --gid 10001 calc \
 && useradd --system --uid 10001 --gid calc --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin calc

# The wheel is gongan_calc-*.whl (the distribution's name; "calc" on PyPI is another project's).
COPY --from=build /dist/ /tmp/dist/
RUN python -m venv /opt/calc \
 && /opt/calc/bin/pip install --no-cache-dir --disable-pip-version-check /tmp/dist/*.whl \
 && rm -rf /tmp/dist \
 && mkdir -p /etc/calc/county

# CALC_BIND: every interface of the container, port 8000 (EXPOSE below).
# CALC_WORKERS: gunicorn's default is one worker per CPU of the *host* (a container's CPU limit is
# not seen by os.cpu_count()), which on a large node means dozens of workers in one small container;
# 2 workers x 4 threads (CALC_THREADS, default 4) fit a 2-CPU container. Scale with more containers.
# CALC_SCHEDULES is left unset: the bundled schedules alone. With a county overlay mounted, set
# CALC_SCHEDULES=/etc/calc/county (directories without a periods.toml are overlays on the bundled set).
ENV PATH=/opt/calc/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CALC_BIND=0.0.0.0:8000 \
    CALC_WORKERS=2

USER 10001:10001
WORKDIR /opt/calc
EXPOSE 8000

# slim has no curl: python's urllib asks /healthz on the port CALC_BIND names.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('CALC_BIND', '0.0.0.0:8000').rpartition(':')[2]; urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).read()"]

# gunicorn is PID 1: `docker kill -s HUP <container>` re-reads the schedules (calc/reload.py), TERM
# stops it gracefully (graceful_timeout 20 s).
CMD ["gunicorn", "-c", "python:calc.serving", "calc.wsgi:app"]
