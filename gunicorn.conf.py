"""gunicorn settings for the calculator. Override any of them with GUNICORN_* environment variables."""
import multiprocessing
import os

bind = os.environ.get("CALC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CALC_WORKERS", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("CALC_THREADS", 4))
preload_app = False
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = 0
accesslog = "-"
errorlog = "-"
