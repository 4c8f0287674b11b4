"""Magento and BigCommerce under faults, at full size: N orders synced from the platform's
emulator on loopback with a share of requests failing (429, 5xx, time-outs before or after
the work, dropped connections, cut-off JSON) or answered with duplicated, reordered and
meanwhile-modified orders, until a run is clean; then some orders packed (those of two lines
or more in two packages) and synced until clean again.

    .venv/bin/python benchmarks/store_soak.py [--platform magento|bigcommerce|all]
        [--orders 10000] [--packed 500] [--faults 0.2] [--database sqlite|postgresql|both]

Checks, by counting rather than trusting the sync's own report:

1. no order lost or doubled: every clean order of the store imported once, as the store has
   it now, every malformed one quarantined, nothing else;
2. each package shipped exactly once, by the emulator's OWN records (Magento's and
   BigCommerce's shipments per order: one per package with its reference as the tracking
   number, every packed item shipped once).

Retry-After is 0 and BigCommerce's quota generous (100,000 a window): the soak is about
correctness under faults; the quota has its own test and the stock push benchmark uses the
real one. The same checks run at a small size in the tests (test_sync_magento.py,
test_sync_bigcommerce.py).

BigCommerce takes far longer than Magento here, and not because of the emulator, the quota
limiter or the back-off: Magento's order list carries the items (pages of 300, about 40
requests for 10,000 orders), while BigCommerce needs each order's products and shipping
address besides (2 requests an order, about 20,000; 25,000 with the retries). One request in
25 is then a time-out fault (20 % faults, one kind in five), and each costs the client its
whole read time-out (0.4 s here): about 1,000 of them, some 400 s of the run. Without faults
the same 10,000 orders take about 20 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import Report, machine, table  # this folder is on the path when a script runs
from _stores import (
    compare_orders,
    connect_store,
    database_url,
    drop_schema,
    make_emulator,
    pack_in_database,
    shipped_wrongly,
    station,
    sync_until_clean,
)
from sqlalchemy import select

from fulfillment_app.db.models import OutboxEntry, OutboxStatus
from fulfillment_app.sync.emulators import Faults, Shop, sample_products

PLATFORMS = ("magento", "bigcommerce")


def soak(
    platform: str, database: str, tmp: Path, orders: int, packed: int, rate: float
) -> tuple[list[str], list[tuple[str, str, str, bool]]]:
    """One platform on one database: a row of figures and the checks."""
    shop = Shop(sample_products(), orders=orders, malformed_rate=0.01, seed=21)
    faults = Faults(rate=rate, seed=22, retry_after_s=0)
    url = database_url(database, tmp, f"soak_{platform}")
    checks: list[tuple[str, str, str, bool]] = []
    try:
        with make_emulator(platform, shop, faults) as emulator, station(url, tmp) as ctx:
            connect_store(ctx, emulator)
            start = time.perf_counter()
            runs = len(sync_until_clean(ctx, runs=300))
            with emulator.no_faults():  # what the last run's faults changed, read back
                runs += len(sync_until_clean(ctx))
            import_s = time.perf_counter() - start
            requests_in = emulator.requests
            check = compare_orders(ctx, shop, platform)
            checks.append(
                (
                    f"{platform}, {database}: no order lost or doubled",
                    f"{check.imported:,} of {check.store_orders:,} imported once, "
                    f"lost {check.lost}, doubled {check.doubled}, unexpected "
                    f"{check.unexpected}, different {check.different}, quarantined "
                    f"{check.quarantined} of {check.malformed}",
                    "all once, none else",
                    check.ok,
                )
            )

            made = pack_in_database(ctx, "shop", packed, packages=2)
            start = time.perf_counter()
            out_runs = len(sync_until_clean(ctx, runs=500))
            deliver_s = time.perf_counter() - start
            requests_out = emulator.requests - requests_in
            with ctx.db.session() as s:
                entries = list(s.scalars(select(OutboxEntry).where(OutboxEntry.order_id.in_(made))))
                s.expunge_all()
            delivered = sum(e.status == OutboxStatus.DELIVERED for e in entries)
            retried = sum(e.attempts > 1 for e in entries)
            wrong = shipped_wrongly(platform, shop, entries)
            with shop.lock:
                shipments = sum(len(shop.orders[int(e)].fulfillments) for e in {
                    e.payload["order_external_id"] for e in entries
                })  # fmt: skip
            checks.append(
                (
                    f"{platform}, {database}: each package shipped exactly once",
                    f"{len(entries):,} packages of {len(made)} orders, {delivered:,} delivered, "
                    f"{shipments:,} shipments in the store, {len(wrong)} orders wrong",
                    "one shipment a package",
                    delivered == len(entries) == shipments and not wrong,
                )
            )
        row = [
            platform,
            database,
            f"{check.imported:,} + {check.quarantined} quarantined",
            f"{import_s:.1f} s",
            f"{runs}",
            f"{requests_in:,}",
            f"{len(entries):,} ({retried} retried)",
            f"{deliver_s:.1f} s",
            f"{out_runs}",
            f"{requests_out:,}",
        ]
    finally:
        drop_schema(url)
    return row, checks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--platform", choices=(*PLATFORMS, "all"), default="all")
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--packed", type=int, default=500, help="orders packed and shipped")
    parser.add_argument("--faults", type=float, default=0.2, help="share of requests failing")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    args = parser.parse_args()
    platforms = PLATFORMS if args.platform == "all" else (args.platform,)
    databases = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    print(
        machine(
            f"{args.orders:,} orders, {args.packed:,} packed, faults on {args.faults:.0%} "
            "of requests"
        ),
        flush=True,
    )
    report = Report()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for platform in platforms:
            for database in databases:
                tmp = Path(folder) / f"{platform}-{database}"
                tmp.mkdir()
                try:
                    row, checks = soak(
                        platform, database, tmp, args.orders, args.packed, args.faults
                    )
                except RuntimeError as exc:  # never clean
                    report.check(f"{platform}, {database}: synced until clean", str(exc), "", False)
                    continue
                rows.append(row)
                for check in checks:
                    report.check(*check)
                print(f"{platform} on {database}: done", flush=True)
    print()
    print(
        table(
            rows,
            (
                "store",
                "database",
                "orders imported",
                "import",
                "runs",
                "requests",
                "packages shipped",
                "shipping",
                "runs",
                "requests",
            ),
        )
    )
    report.finish("Magento and BigCommerce under faults")


if __name__ == "__main__":
    main()
