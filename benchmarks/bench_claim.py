"""Claiming carts under contention: many pickers at once, each cart claimed exactly once.

    .venv/bin/python benchmarks/bench_claim.py [--batches 10000] [--pickers 20]
        [--postgres URL] [--no-sqlite]

Each picker is a process of its own with its own connection pool (as handhelds and
stations are), claiming through the picking service until no cart is left; between claims
the cart is marked picked (the walk itself is not what is measured). The carts claimed are
collected and counted: target, no cart claimed twice over 10,000 claims on PostgreSQL.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
from sqlalchemy import insert, make_url, update

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import PickBatch, PickBatchStatus, Role
from fulfillment_app.services.permissions import Actor


def _settings(url: str, tmp: Path, name: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name=name),
        data_dir=tmp,
        log_dir=tmp / "logs",
    )


def picker(url: str, tmp: str, n: int, go: object) -> tuple[list[int], list[float]]:
    ctx = AppContext.build(_settings(url, Path(tmp), f"handheld-{n}"))
    me = Actor(f"picker {n}", Role.PICKER, f"handheld-{n}")
    claimed, times = [], []
    go.wait()  # type: ignore[attr-defined]
    while True:
        start = time.perf_counter()
        view = ctx.picking.claim(me)
        times.append((time.perf_counter() - start) * 1000)
        if view is None:
            break
        claimed.append(view.batch_id)
        with ctx.db.session() as s:
            s.execute(
                update(PickBatch)
                .where(PickBatch.id == view.batch_id)
                .values(status=PickBatchStatus.DONE)
            )
    ctx.db.dispose()
    return claimed, times


def run(url: str, tmp: Path, batches: int, pickers: int) -> dict[str, float]:
    ctx = AppContext.build(_settings(url, tmp, "bench"))
    ctx.start()
    with ctx.db.session() as s:
        s.execute(
            insert(PickBatch),
            [
                {"status": "ready", "rank": n, "method": "bench", "travel": 0.0}
                for n in range(batches)
            ],
        )
    ctx.close()
    with multiprocessing.Manager() as manager:
        go = manager.Event()
        with multiprocessing.Pool(pickers) as pool:
            jobs = [pool.apply_async(picker, (url, str(tmp), n, go)) for n in range(pickers)]
            time.sleep(2.0)  # every picker connected and waiting
            start = time.perf_counter()
            go.set()
            results = [job.get(timeout=1800) for job in jobs]
            seconds = time.perf_counter() - start
    counts = Counter(i for ids, _ in results for i in ids)
    times = sorted(t for _, ts in results for t in ts)
    return {
        "claims": sum(counts.values()),
        "distinct": len(counts),
        "twice": sum(1 for c in counts.values() if c > 1),
        "busiest": max(len(ids) for ids, _ in results),
        "idlest": min(len(ids) for ids, _ in results),
        "seconds": seconds,
        "median": statistics.median(times),
        "p99": times[int(len(times) * 0.99) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=10_000)
    parser.add_argument("--pickers", type=int, default=20)
    parser.add_argument(
        "--postgres", metavar="URL", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.batches} carts, {args.pickers} picker processes\n"
    )
    header = (
        f"{'database':<12} {'claims':>7} {'distinct':>8} {'twice':>6} {'per picker':>11} "
        f"{'seconds':>8} {'claims/s':>9} {'median ms':>9} {'p99 ms':>7}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        runs = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}", None)]
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        u = make_url(args.postgres)
        info = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database)
        with psycopg.connect(**info, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        sep = "&" if "?" in args.postgres else "?"
        runs.append(("PostgreSQL", f"{args.postgres}{sep}options=-csearch_path%3D{schema}", schema))
        for name, url, cleanup in runs:
            try:
                r = run(url, tmp, args.batches, args.pickers)
            finally:
                if cleanup:
                    with psycopg.connect(**info, autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA "{cleanup}" CASCADE')
            verdict = "ok" if r["twice"] == 0 and r["distinct"] == args.batches else "FAIL"
            print(
                f"{name:<12} {r['claims']:>7.0f} {r['distinct']:>8.0f} {r['twice']:>6.0f} "
                f"{r['idlest']:>5.0f}-{r['busiest']:<5.0f} {r['seconds']:>8.1f} "
                f"{r['claims'] / r['seconds']:>9.0f} {r['median']:>9.2f} {r['p99']:>7.2f} {verdict}"
            )


if __name__ == "__main__":
    main()
