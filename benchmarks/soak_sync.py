"""Store sync under faults, at full size: for each emulator, 10,000 orders imported and 2,000
fulfillments delivered with 20 % of requests failing (429, 5xx, time-outs, dropped
connections, cut-off JSON) or answered with duplicated, reordered and meanwhile-modified
orders. Checks that none is lost and none duplicated, in our database and in the store's own
records, and prints a table.

    .venv/bin/python benchmarks/soak_sync.py [--orders 10000] [--fulfillments 2000]
        [--rate 0.2] [--database URL]

The same checks run at a smaller size in the test suite (tests/test_sync.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import Report, machine
from sqlalchemy import create_engine, select, text

from fulfillment_app.db.models import OutboxEntry, OutboxStatus
from fulfillment_app.sync.emulators import Faults, Shop, sample_products
from tests.stores import (
    assert_same_orders,
    connect_store,
    make_emulator,
    pack_in_database,
    station,
    sync_until_clean,
)
from tests.test_sync import assert_delivered_once


class Env:
    def setenv(self, name: str, value: str) -> None:
        os.environ[name] = value


def soak(
    platform_name: str, url: str, tmp: Path, orders: int, fulfillments: int, rate: float
) -> tuple[str, ...]:
    shop = Shop(sample_products(), orders=orders, malformed_rate=0.01, seed=21)
    faults = Faults(rate=rate, seed=22, retry_after_s=0)
    with make_emulator(platform_name, shop, faults) as emulator, station(url, tmp) as ctx:
        connect_store(ctx, emulator, Env())  # type: ignore[arg-type]
        start = time.perf_counter()
        runs = len(sync_until_clean(ctx, runs=200))
        with emulator.no_faults():
            sync_until_clean(ctx)
        import_s = time.perf_counter() - start
        assert_same_orders(ctx, shop, platform_name)
        malformed = sum(1 for o in shop.orders.values() if o.malformed)
        requests_in = emulator.requests

        packed = pack_in_database(ctx, "shop", 0, packages=2, entries=fulfillments)
        start = time.perf_counter()
        out_runs = len(sync_until_clean(ctx, runs=500))
        deliver_s = time.perf_counter() - start
        with ctx.db.session() as s:
            entries = list(s.scalars(select(OutboxEntry).where(OutboxEntry.order_id.in_(packed))))
        assert len(entries) == fulfillments
        assert {e.status for e in entries} == {OutboxStatus.DELIVERED}
        assert_delivered_once(platform_name, shop, entries)
        retried = sum(1 for e in entries if e.attempts > 1)
    return (
        platform_name,
        f"{orders - malformed:,} + {malformed} quarantined",
        f"{import_s:.1f} s, {runs} runs, {requests_in:,} requests",
        f"{len(entries):,} ({retried} retried)",
        f"{deliver_s:.1f} s, {out_runs} runs",
        "none lost, none duplicated",
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--fulfillments", type=int, default=2_000)
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--database", help="a database URL (default: a new SQLite file)")
    args = parser.parse_args()
    print(machine(f"faults on {args.rate:.0%} of requests"))
    report = Report()
    rows = [("store", "orders imported", "import", "fulfillments delivered", "delivery", "check")]
    with tempfile.TemporaryDirectory() as folder:
        for name in ("woocommerce", "shopify"):
            tmp = Path(folder) / name
            tmp.mkdir()
            url = f"sqlite:///{tmp / 'soak.sqlite3'}"
            if args.database:  # each store in a fresh schema of its own
                schema = f"soak_{name}_{os.getpid()}"
                engine = create_engine(args.database)
                with engine.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
                engine.dispose()
                joiner = "&" if "?" in args.database else "?"
                url = f"{args.database}{joiner}options=-csearch_path%3D{schema}"
            try:
                rows.append(soak(name, url, tmp, args.orders, args.fulfillments, args.rate))
            except AssertionError as exc:  # a lost or duplicated order or fulfillment
                report.check(f"{name}: orders and fulfillments", f"{exc}"[:200], "", False)
                continue
            report.check(
                f"{name}: {args.orders:,} orders in, {args.fulfillments:,} fulfillments out",
                "none lost, none duplicated",
                "none lost, none duplicated",
                True,
            )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    report.finish("Sync under faults")


if __name__ == "__main__":
    main()
