"""Claiming carts under contention: many pickers at once, each cart claimed exactly once.

    .venv/bin/python benchmarks/bench_claim.py [--batches 10000] [--pickers 20]
        [--orders-per-cart 4] [--lines 2] [--postgres URL] [--no-sqlite]

Each cart is loaded as the planner releases it: orders in their totes, each order's lines
as pick tasks at locations, so a claim does what it does on the floor (takes the cart, looks
for store changes to its orders, loads the first task with its location, product and order,
and the totes). Each picker is a process of its own with its own connection pool (as
handhelds and stations are), claiming through the picking service until no cart is left;
between claims the cart is marked picked (the walk itself is not what is measured). The
carts claimed are collected and counted. Targets: every cart claimed, none twice, every
claim showing its first task, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from _report import Report, machine
from sqlalchemy import insert, make_url, select, update

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickTask,
    Product,
    Role,
)
from fulfillment_app.errors import DatabaseBusy
from fulfillment_app.services.permissions import Actor

PRODUCTS, AISLES, BAYS = 500, 20, 40


def _settings(url: str, tmp: Path, name: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name=name),
        data_dir=tmp,
        log_dir=tmp / "logs",
    )


def picker(url: str, tmp: str, n: int, go: object) -> tuple[list[int], list[float], int, int]:
    ctx = AppContext.build(_settings(url, Path(tmp), f"handheld-{n}"))
    me = Actor(f"picker {n}", Role.PICKER, f"handheld-{n}")
    claimed, times, with_task, refused = [], [], 0, 0
    go.wait()  # type: ignore[attr-defined]
    while refused < 1000:
        start = time.perf_counter()
        try:
            view = ctx.picking.claim(me)
        except DatabaseBusy:  # the database stayed busy past its timeout: try again
            refused += 1
            continue
        times.append((time.perf_counter() - start) * 1000)
        if view is None:
            break
        claimed.append(view.batch_id)
        with_task += view.current is not None and len(view.totes) > 0
        while True:  # picked: marked done before the next claim (else it resumes this one)
            try:
                with ctx.db.session() as s:
                    s.execute(
                        update(PickBatch)
                        .where(PickBatch.id == view.batch_id)
                        .values(status=PickBatchStatus.DONE)
                    )
                break
            except DatabaseBusy:
                refused += 1
    ctx.db.dispose()
    return claimed, times, with_task, refused


def load_carts(ctx: AppContext, batches: int, per_cart: int, lines: int) -> int:
    """Carts as the planner releases them: ``per_cart`` orders each in its tote, ``lines``
    lines an order, one pick task a line in walking order. Returns the number of tasks."""
    chunk = max(1, 4000 // per_cart)  # orders a transaction: bounded query parameters
    with ctx.db.session() as s:
        s.execute(
            insert(Product),
            [{"sku": f"SKU-{p:04d}", "name": f"מוצר {p}"} for p in range(PRODUCTS)],
        )
        s.execute(
            insert(Location),
            [
                {"code": f"A-{a:02d}-{b:02d}-1", "zone": "A", "aisle": str(a), "bay": str(b)}
                for a in range(AISLES)
                for b in range(BAYS)
            ],
        )
        products = s.scalars(select(Product.id).order_by(Product.id)).all()
        locations = s.scalars(select(Location.id).order_by(Location.id)).all()
        s.execute(
            insert(PickBatch),
            [
                {"status": PickBatchStatus.READY, "rank": n, "method": "bench", "travel": 0.0}
                for n in range(batches)
            ],
        )
        carts = s.scalars(select(PickBatch.id).order_by(PickBatch.rank)).all()
    tasks = 0
    for first in range(0, batches, chunk):  # a transaction per chunk keeps memory flat
        part = carts[first : first + chunk]
        with ctx.db.session() as s:
            numbers = [f"C{cart}-{k}" for cart in part for k in range(per_cart)]
            s.execute(
                insert(Order),
                [
                    {"external_id": nr, "number": nr, "status": OrderStatus.PICKING}
                    for nr in numbers
                ],
            )
            order_ids = dict(
                s.execute(select(Order.number, Order.id).where(Order.number.in_(numbers))).all()
            )
            line_rows = []
            for i, nr in enumerate(numbers):
                for k in range(lines):
                    p = (first * per_cart + i) * lines + k
                    line_rows.append(
                        {
                            "order_id": order_ids[nr],
                            "product_id": products[p * 7 % len(products)],
                            "sku": f"SKU-{p * 7 % len(products):04d}",
                            "name": "מוצר",
                            "quantity": 1 + k % 2,
                        }
                    )
            s.execute(insert(OrderLine), line_rows)
            by_order: dict[int, list[tuple[int, int, int]]] = {}
            for line_id, order_id, product_id, quantity in s.execute(
                select(OrderLine.id, OrderLine.order_id, OrderLine.product_id, OrderLine.quantity)
                .where(OrderLine.order_id.in_(list(order_ids.values())))
                .order_by(OrderLine.id)
            ):
                by_order.setdefault(order_id, []).append((line_id, product_id, quantity))
            members, task_rows = [], []
            for cart in part:
                seq = 0
                for slot in range(1, per_cart + 1):
                    order_id = order_ids[f"C{cart}-{slot - 1}"]
                    members.append({"batch_id": cart, "order_id": order_id, "slot": slot})
                    for line_id, product_id, quantity in by_order[order_id]:
                        seq += 1
                        task_rows.append(
                            {
                                "batch_id": cart,
                                "sequence": seq,
                                "order_id": order_id,
                                "order_line_id": line_id,
                                "location_id": locations[(line_id * 13) % len(locations)],
                                "product_id": product_id,
                                "slot": slot,
                                "quantity": quantity,
                            }
                        )
            s.execute(insert(PickBatchOrder), members)
            s.execute(insert(PickTask), task_rows)
            tasks += len(task_rows)
    return tasks


def run(
    url: str, tmp: Path, batches: int, pickers: int, per_cart: int, lines: int
) -> dict[str, float]:
    ctx = AppContext.build(_settings(url, tmp, "bench"))
    ctx.start()
    start = time.perf_counter()
    tasks = load_carts(ctx, batches, per_cart, lines)
    loaded = time.perf_counter() - start
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
    counts = Counter(i for ids, *_ in results for i in ids)
    times = sorted(t for _, ts, *_ in results for t in ts)
    return {
        "tasks": tasks,
        "load_seconds": loaded,
        "claims": sum(counts.values()),
        "distinct": len(counts),
        "twice": sum(1 for c in counts.values() if c > 1),
        "with_task": sum(r[2] for r in results),
        "refused": sum(r[3] for r in results),
        "busiest": max(len(ids) for ids, *_ in results),
        "idlest": min(len(ids) for ids, *_ in results),
        "seconds": seconds,
        "median": statistics.median(times),
        "p99": times[int(len(times) * 0.99) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=10_000)
    parser.add_argument("--pickers", type=int, default=20)
    parser.add_argument("--orders-per-cart", type=int, default=4)
    parser.add_argument("--lines", type=int, default=2, help="lines an order")
    parser.add_argument(
        "--postgres", metavar="URL", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    per_cart, lines = args.orders_per_cart, args.lines
    print(
        machine(
            f"{args.batches} carts of {per_cart} orders x {lines} lines, "
            f"{args.pickers} picker processes"
        )
        + "\n"
    )
    header = (
        f"{'database':<12} {'claims':>7} {'distinct':>8} {'twice':>6} {'with task':>9} "
        f"{'per picker':>11} {'seconds':>8} {'claims/s':>9} {'median ms':>9} {'p99 ms':>7}"
    )
    print(header)
    print("-" * len(header))
    report = Report()
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
                r = run(url, tmp, args.batches, args.pickers, per_cart, lines)
            finally:
                if cleanup:
                    with psycopg.connect(**info, autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA "{cleanup}" CASCADE')
            print(
                f"{name:<12} {r['claims']:>7.0f} {r['distinct']:>8.0f} {r['twice']:>6.0f} "
                f"{r['with_task']:>9.0f} {r['idlest']:>5.0f}-{r['busiest']:<5.0f} "
                f"{r['seconds']:>8.1f} {r['claims'] / r['seconds']:>9.0f} "
                f"{r['median']:>9.2f} {r['p99']:>7.2f}"
            )
            report.info(
                f"{name}: carts loaded",
                f"{args.batches:,} carts, {r['tasks']:,.0f} tasks in {r['load_seconds']:.1f} s",
            )
            report.check(
                f"{name}: carts claimed, none twice",
                f"{r['distinct']:,.0f} of {args.batches:,}, {r['twice']:.0f} twice",
                "all, 0 twice",
                r["twice"] == 0 and r["distinct"] == args.batches,
            )
            report.check(
                f"{name}: claims showing their first task and totes",
                f"{r['with_task']:,.0f} of {r['claims']:,.0f}",
                "all",
                r["with_task"] == r["claims"] == args.batches,
            )
            report.check(
                f"{name}: claims refused, database busy past its timeout",
                f"{r['refused']:,.0f}",
                "0",
                r["refused"] == 0,
            )
            report.info(
                f"{name}: claim time",
                f"median {r['median']:.2f} ms, p99 {r['p99']:.2f} ms, "
                f"{r['claims'] / r['seconds']:.0f} claims/s",
            )
    report.finish("Claims")


if __name__ == "__main__":
    main()
