"""Packing speed: each scan matched, persisted and its outcome ready, for an order of 200 lines.

    .venv/bin/python benchmarks/bench_pack.py [--postgres URL]

Target: under 5 ms at the 99th percentile on SQLite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import make_url

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, Role
from fulfillment_app.gtin import gs1_check_digit

LINES = 200
TARGET_P99_MS = 5.0


def run(url: str, tmp: Path) -> list[float]:
    ctx = AppContext.build(
        Settings(
            database=DatabaseSettings(url=url),
            station=StationSettings(name="bench"),
            data_dir=tmp,
            log_dir=tmp / "logs",
        )
    )
    ctx.start()
    admin = ctx.command_line_actor()
    products = tmp / f"products-{uuid.uuid4().hex[:6]}.csv"
    eans = []
    with products.open("w", encoding="utf-8") as f:
        f.write("sku,name,barcode,weight_g\n")
        for i in range(LINES):
            data = f"729{i:09d}"
            eans.append(data + str(gs1_check_digit(data)))
            f.write(f"P{i:04d},מוצר {i},{eans[-1]},{100 + i}\n")
    ctx.catalogue.import_products(admin, products)
    with ctx.db.session() as s:
        order = Order(external_id="B1", number="B1")
        order.lines = [
            OrderLine(sku=f"P{i:04d}", name=f"מוצר {i}", quantity=1) for i in range(LINES)
        ]
        s.add(order)
    ctx.users.add(admin, "Noa", Role.PACKER, "3333")
    noa = ctx.auth.login_with_pin("Noa", "3333")
    session_id = ctx.packing.start(noa, "B1").session_id
    times = []
    for ean in eans:
        start = time.perf_counter()
        reply = ctx.packing.scan(noa, session_id, ean)
        times.append((time.perf_counter() - start) * 1000)
        assert reply.outcome in ("accepted", "complete"), reply
    ctx.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {LINES} lines, one scan each\n"
    )
    print(f"{'database':<20} {'median ms':>9} {'p99 ms':>8} {'max ms':>8} {'target p99':>10}")
    print("-" * 60)
    failed = False
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        runs = [("SQLite (file, WAL)", f"sqlite:///{tmp / 'bench.sqlite3'}", None)]
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            u = make_url(args.postgres)
            info = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database)
            with psycopg.connect(**info, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            sep = "&" if "?" in args.postgres else "?"
            runs.append(
                (
                    "PostgreSQL",
                    f"{args.postgres}{sep}options=-csearch_path%3D{schema}",
                    (info, schema),
                )
            )
        for name, url, cleanup in runs:
            try:
                times = run(url, tmp)
            finally:
                if cleanup:
                    with psycopg.connect(**cleanup[0], autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA "{cleanup[1]}" CASCADE')
            p99 = sorted(times)[int(len(times) * 0.99) - 1]
            mark = "PASS" if p99 < TARGET_P99_MS else "FAIL"
            failed = failed or mark == "FAIL"
            print(
                f"{name:<20} {statistics.median(times):>9.2f} {p99:>8.2f} {max(times):>8.2f} "
                f"{TARGET_P99_MS:>7.1f} {mark}"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
