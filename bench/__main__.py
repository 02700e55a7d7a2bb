"""`python -m bench`: every figure of issues 7 and 8, measured in one run, loopback only.

    python -m bench                    # all (about 3 minutes: the load test alone is 60 s)
    python -m bench --only workdays,batch,startup
    python -m bench --only penalties   # issue 16: assessment and search, 治安 catalogue vs the nine items
    python -m bench --only traffic     # issue 27: traffic assessment, speeding, points and search vs 治安
    python -m bench --load-seconds 10 --overhead-seconds 5
    python -m bench --profile-batch    # pyinstrument profile of one 10,000-item batch
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time

PARTS = ("workdays", "batch", "startup", "penalties", "traffic", "overhead", "load", "range", "workers")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench")
    p.add_argument("--only", default=",".join(PARTS), help=f"comma-separated subset of {', '.join(PARTS)}")
    p.add_argument("--load-seconds", type=int, default=60)
    p.add_argument("--overhead-seconds", type=int, default=20)
    p.add_argument("--concurrency", type=int, default=64)
    p.add_argument("--client", choices=("wrk", "python"), default=None, help="default: wrk if installed")
    p.add_argument("--profile-batch", action="store_true")
    args = p.parse_args(argv)
    only = set(args.only.split(","))

    print(f"calc bench: {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"client {args.client or ('wrk' if shutil.which('wrk') else 'python')}, {time.strftime('%Y-%m-%d %H:%M')}")
    failures = []

    from calc import schedules

    loaded = schedules.load()
    if "workdays" in only:
        from . import workdays

        f = workdays.run(loaded.calendar.published)
        if f["x_vs_cc_loop"] < 20:
            failures.append("workdays: below 20x the day-by-day loop")
        print()
    if "range" in only:
        from . import provisional_range

        provisional_range.run(loaded)
        print()
    if "batch" in only or args.profile_batch:
        import logging

        from calc.api import create_app

        from . import batch

        logging.getLogger("calc.access").disabled = True
        client = create_app(loaded=loaded).test_client()
        client.get("/healthz")
        import gc

        gc.freeze()  # as each gunicorn worker does once the app is loaded (calc/serving.py)
        if args.profile_batch:
            batch.profile(client)
        if "batch" in only:
            batch.run(client)
            batch.breakdown(loaded)
        logging.getLogger("calc.access").disabled = False
        print()
    if "startup" in only:
        from . import startup

        f = startup.run()
        if f["warm_s"] >= 0.3:
            failures.append("startup: schedules load >= 300 ms")
        print()
    if "penalties" in only:
        from . import penalties

        penalties.run(loaded)
        print()
    if "traffic" in only:
        from . import traffic

        traffic.run(loaded)
        print()
    if only & {"overhead", "load"}:
        from . import load
        from .server import Server

        with Server(env={"CALC_ACCESS_LOG": os.environ.get("CALC_ACCESS_LOG", "1")}) as server:
            before = server.rss_mb()
            if "overhead" in only:
                load.run_overhead(server, args.overhead_seconds, args.concurrency, args.client)
                print()
            if "load" in only:
                f = load.run_load(server, args.load_seconds, args.concurrency, args.client)
                if f["errors"]:
                    failures.append(f"load: {f['errors']} errors")
                print()
            after = server.rss_mb()
            big = server.big_body()
            print(f"Memory: {len(after)} gunicorn workers ({server.expected_workers()} by the repo's config), "
                  f"resident per worker after start-up "
                  + ", ".join(f"{v:.0f} MB" for v in before.values())
                  + "; after the runs " + ", ".join(f"{v:.0f} MB" for v in after.values())
                  + f"; after a 16 MB body of empty batch items (answered {big['status']}) "
                  + ", ".join(f"{v:.0f} MB" for v in big["after"].values())
                  + f", the peak of the worker that read it +{big['grown']:.0f} MB (limit 100 MB)")
            if big["grown"] > 100:
                failures.append(f"memory: a 16 MB body grew a worker by {big['grown']:.0f} MB")
    if "workers" in only:
        from . import workers

        f = workers.run(args.load_seconds, args.concurrency, args.client,
                        env={"CALC_ACCESS_LOG": os.environ.get("CALC_ACCESS_LOG", "1")})
        if f["errors"]:
            failures.append(f"workers: {f['errors']} errors")
        print()
    for f in failures:
        print("FAILED:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
