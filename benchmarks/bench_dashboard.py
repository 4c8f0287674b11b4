"""The supervisor's dashboard on a busy database: 1,000,000 scan events and 100,000 orders.

Seeds a hundred days of work (orders, carts and their pick tasks, pack sessions, scans, sign-ins,
the outbox) in bulk (executemany on SQLite, COPY on PostgreSQL), then times ``dashboard()`` for
today, this shift and the last 8 and 24 hours: each query and the whole, against 200 ms. The
expected-time model is fitted from history once every ten minutes, not per refresh: its fit is
timed on its own.

    .venv/bin/python benchmarks/bench_dashboard.py [--orders 100000 --scans 1000000]
        [--postgres URL | --no-postgres]

PostgreSQL: ``--postgres URL`` or ``FULFILLMENT_TEST_PG_URL``, else the server on
127.0.0.1:5432 (user postgres) when it answers, in a schema of its own dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from _report import Report, machine
from sqlalchemy import make_url

from fulfillment_app.config import DatabaseSettings, ReportSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Role
from fulfillment_app.services.metrics import MetricsService
from fulfillment_app.services.metrics_types import Period
from fulfillment_app.services.permissions import Actor

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 200.0
FIT_TARGET_MS = 2000.0
DAYS = 100
PICKERS, PACKERS, ORDERS_PER_CART = 20, 20, 10
REPEATS = 5


class Loader:
    """Bulk rows into one table at a time, by the engine's fastest plain path."""

    def __init__(self, context: AppContext):
        self.sqlite = context.db.is_sqlite
        self.raw = context.db.engine.raw_connection()

    def load(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        cols = ", ".join(f'"{c}"' for c in columns)
        count = 0
        if self.sqlite:
            cursor = self.raw.cursor()
            marks = ", ".join("?" * len(columns))
            sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'  # noqa: S608 our names
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(tuple(_sqlite(v) for v in row))
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch.clear()
            cursor.executemany(sql, batch)
            count += len(batch)
        else:
            driver: psycopg.Connection = self.raw.driver_connection  # type: ignore[assignment]
            with (
                driver.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy,
            ):
                for row in rows:
                    copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in row])
                    count += 1
        self.raw.commit()
        return count

    def finish(self) -> None:
        cursor = self.raw.cursor()
        if not self.sqlite:
            # What autovacuum does on its own soon after a bulk load.
            cursor.execute("ANALYZE")
        self.raw.commit()
        self.raw.close()


def _sqlite(value: Any) -> Any:
    """As SQLAlchemy stores it on SQLite: UTC text without a zone, JSON text, 0/1."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def seed(context: AppContext, orders: int, scans: int, now: datetime) -> dict[str, int]:
    """A hundred days of a warehouse's work ending ``now``; returns the rows per table."""
    rng = random.Random(15)
    loader = Loader(context)
    counts: dict[str, int] = {}
    start = now - timedelta(days=DAYS)
    people = [(i + 1, f"picker{i:02d}", Role.PICKER) for i in range(PICKERS)]
    people += [(PICKERS + i + 1, f"packer{i:02d}", Role.PACKER) for i in range(PACKERS)]
    people.append((PICKERS + PACKERS + 1, "sue", Role.SUPERVISOR))
    counts["users"] = loader.load(
        "user_account",
        ("id", "name", "role", "pin_hash", "active", "failed_attempts", "created_at"),
        ((i, n, r.value, "-", True, 0, start) for i, n, r in people),
    )
    loader.load(
        "store",
        ("id", "name", "platform", "base_url", "credential_ref", "active", "created_at",
         "last_synced_at"),
        ((i, f"shop {i}", "woocommerce", f"http://shop{i}.test", {}, True, start, now)
         for i in (1, 2, 3)),
    )  # fmt: skip
    products = 5000
    loader.load(
        "product",
        ("id", "sku", "name", "is_placeholder", "requires_serial", "created_at", "updated_at"),
        ((i, f"SKU{i:05d}", f"Product {i}", False, False, start, start)
         for i in range(1, products + 1)),
    )  # fmt: skip
    locations = 2000
    loader.load(
        "location",
        ("id", "code", "zone", "active"),
        ((i, f"{'ABCDE'[i % 5]}-{i:04d}", "ABCDE"[i % 5], True) for i in range(1, locations + 1)),
    )

    order_rows, line_rows, batch_rows, member_rows, task_rows = [], [], [], [], []
    session_rows, scan_rows, outbox_rows = [], [], []
    location_scans: list[tuple[Any, ...]] = []
    span = (now - timedelta(minutes=30) - start).total_seconds()
    line_id = task_id = scan_id = 0
    cart: list[tuple[int, datetime, list[tuple[int, int, int]]]] = []
    batch_id = 0

    def close_cart() -> None:
        nonlocal batch_id, task_id, scan_id
        batch_id += 1
        picker = people[batch_id % PICKERS]
        packer = people[PICKERS + batch_id % PACKERS]
        zone = "ABCDE"[batch_id % 5]
        lines = [line for _o, _c, ls in cart for line in ls]
        claimed = cart[-1][1] + timedelta(minutes=20)
        travel = 40.0 + 6.0 * len(lines) + rng.uniform(0, 80)
        took = 60 + travel + 12 * len(lines) + 3 * sum(q for _l, _p, q in lines)
        took *= rng.uniform(0.8, 1.25)
        finished = claimed + timedelta(seconds=took)
        batch_rows.append(
            (batch_id, zone, "done", 0, "sequential", travel, picker[0],
             f"{picker[1]} (picker)", f"cart-{batch_id % 8}", claimed, claimed, finished)
        )  # fmt: skip
        step = took / (len(lines) + 1)
        for seq, (order_id, _created, _lines) in enumerate(cart):
            member_rows.append((batch_id * 20 + seq, batch_id, order_id, seq + 1, "active"))
        seq = 0
        for slot, (order_id, _created, order_lines) in enumerate(cart, start=1):
            for lid, product, quantity in order_lines:
                seq += 1
                task_id += 1
                done_at = claimed + timedelta(seconds=step * seq)
                short = rng.random() < 0.02
                task_rows.append(
                    (task_id, batch_id, seq, "pick", order_id, lid, 1 + product % locations,
                     product, slot, quantity, 0 if short else quantity,
                     "short" if short else "done", 0,
                     "location empty" if short else None, f"{picker[1]} (picker)", done_at)
                )  # fmt: skip
                scan_id += 1
                scan_rows.append(
                    (scan_id, done_at, picker[0], "pick", f"SKU{product:05d}", "gtin",
                     "accepted", order_id, None, lid, quantity, False)
                )  # fmt: skip
                location_scans.append(
                    (done_at - timedelta(seconds=5), picker[0], "pick", "LOC", "location",
                     "accepted", order_id, None, None, 0, False)
                )  # fmt: skip
        started = finished + timedelta(minutes=10)
        for order_id, _created, order_lines in cart:
            units = sum(q for _l, _p, q in order_lines)
            took = (40 + 8 * len(order_lines) + 4 * units) * rng.uniform(0.8, 1.25)
            closed = started + timedelta(seconds=took)
            session_rows.append(
                (order_id, order_id, f"pack-{batch_id % 6}", packer[0], packer[1], "closed",
                 started, closed, 0)
            )  # fmt: skip
            at = started + timedelta(seconds=20)
            scan_gap = (took - 30) / max(units, 1)
            done = 0
            for lid, product, quantity in order_lines:
                for _ in range(quantity):
                    done += 1
                    at += timedelta(seconds=scan_gap)
                    if rng.random() < 0.03:
                        scan_id += 1
                        scan_rows.append(
                            (scan_id, at, packer[0], "pack", "WRONG", "gtin", "wrong item",
                             order_id, order_id, None, 0, False)
                        )  # fmt: skip
                    scan_id += 1
                    scan_rows.append(
                        (scan_id, at, packer[0], "pack", f"SKU{product:05d}", "gtin",
                         "complete" if done == units else "accepted", order_id, order_id, lid,
                         1, False)
                    )  # fmt: skip
            started = closed + timedelta(seconds=rng.uniform(5, 60))
        cart.clear()

    for k in range(1, orders + 1):
        created = start + timedelta(seconds=span * (k - 1) / orders)
        age_h = (now - created).total_seconds() / 3600
        n_lines = rng.choice((1, 1, 2, 2, 3))
        order_lines = []
        for _ in range(n_lines):
            line_id += 1
            order_lines.append((line_id, rng.randint(1, products), rng.randint(1, 6)))
        status = "shipped" if age_h > 24 else "packed"
        if age_h < 3:
            status = ("open", "open", "picking", "packing")[min(int(age_h * 4 / 3), 3)]
        work_done = status in ("packed", "shipped")
        order_rows.append(
            (k, 1 + k % 3, str(k), f"#{100000 + k}", status, 0, created + timedelta(hours=20),
             {}, created, created)
        )  # fmt: skip
        for lid, product, quantity in order_lines:
            done = quantity if work_done else 0
            line_rows.append((lid, k, product, f"SKU{product:05d}", "item", quantity, done, done))
        outbox_rows.append(
            (k, 1 + k % 3, k, "fulfillment", {}, f"f-{k}",
             "delivered" if status == "shipped" else "pending", 1, created, created)
        )  # fmt: skip
        if work_done:
            cart.append((k, created, order_lines))
            if len(cart) == ORDERS_PER_CART:
                close_cart()
    if cart:
        close_cart()

    wanted = max(scans - len(scan_rows), 0)
    keep = rng.sample(range(len(location_scans)), min(wanted, len(location_scans)))
    for i in sorted(keep):
        scan_id += 1
        scan_rows.append((scan_id, *location_scans[i]))
    counts["orders"] = loader.load(
        "order",
        ("id", "store_id", "external_id", "number", "status", "priority", "ship_by", "ship_to",
         "created_at", "updated_at"),
        order_rows,
    )  # fmt: skip
    counts["order lines"] = loader.load(
        "order_line",
        ("id", "order_id", "product_id", "sku", "name", "quantity", "quantity_picked",
         "quantity_packed"),
        line_rows,
    )  # fmt: skip
    counts["carts"] = loader.load(
        "pick_batch",
        ("id", "zone", "status", "rank", "method", "travel", "picker_id", "picker", "station",
         "created_at", "claimed_at", "finished_at"),
        batch_rows,
    )  # fmt: skip
    loader.load("pick_batch_order", ("id", "batch_id", "order_id", "slot", "status"), member_rows)
    counts["pick tasks"] = loader.load(
        "pick_task",
        ("id", "batch_id", "sequence", "kind", "order_id", "order_line_id", "location_id",
         "product_id", "slot", "quantity", "quantity_done", "status", "skips", "reason",
         "done_by", "done_at"),
        task_rows,
    )  # fmt: skip
    counts["pack sessions"] = loader.load(
        "pack_session",
        ("id", "order_id", "station", "user_id", "user_name", "status", "started_at",
         "closed_at", "revision"),
        session_rows,
    )  # fmt: skip
    counts["scan events"] = loader.load(
        "scan_event",
        ("id", "at", "user_id", "context", "raw", "kind", "outcome", "order_id",
         "pack_session_id", "order_line_id", "quantity", "undone"),
        scan_rows,
    )  # fmt: skip
    counts["outbox"] = loader.load(
        "outbox_entry",
        ("id", "store_id", "order_id", "kind", "payload", "idempotency_key", "status",
         "attempts", "next_attempt_at", "created_at"),
        outbox_rows,
    )  # fmt: skip
    logins = []
    for day in range(DAYS + 1):
        for pid, name, role in people:
            when = start + timedelta(days=day, hours=6, minutes=rng.uniform(0, 20))
            if when < now:
                logins.append((len(logins) + 1, when, pid, f"{name} ({role.value})", "auth.login"))
    counts["audit"] = loader.load("audit_log", ("id", "at", "user_id", "actor", "action"), logins)
    loader.finish()
    return counts


def run(url: str, folder: Path, orders: int, scans: int, report: Report, name: str) -> None:
    settings = Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name="bench"),
        data_dir=folder / "data",
        log_dir=folder / "logs",
    )
    context = AppContext.build(settings)
    try:
        context.start()
        now = datetime.now(UTC)
        began = time.perf_counter()
        counts = seed(context, orders, scans, now)
        seeded = time.perf_counter() - began
        report.info(
            f"{name}: seeded",
            f"{counts['scan events']:,} scans, {counts['orders']:,} orders, "
            f"{counts['pick tasks']:,} picks, {counts['pack sessions']:,} pack sessions "
            f"in {seeded:.0f} s",
        )
        service = MetricsService(context.db, ReportSettings(timezone="UTC"))
        began = time.perf_counter()
        models = service.models(refit=True)
        fit_ms = (time.perf_counter() - began) * 1000
        report.check(
            f"{name}: model fit from history (every 10 min)",
            f"{fit_ms:.0f} ms ({models['cart'].samples} carts, {models['pack'].samples} sessions)",
            f"< {FIT_TARGET_MS:.0f} ms",
            fit_ms < FIT_TARGET_MS,
        )
        supervisor = Actor("sue", Role.SUPERVISOR, "bench", user_id=PICKERS + PACKERS + 1)
        periods = {
            "today": Period.today(service.settings, now),
            "this shift": Period.shift(service.settings, now),
            # A whole shift's work, whatever the time the benchmark runs at.
            "last 8 h": Period.custom(now - timedelta(hours=8), now),
            "last 24 h": Period.custom(now - timedelta(hours=24), now),
        }
        for label, period in periods.items():
            service.dashboard(supervisor, period, now=now)  # warm the caches once
            runs = [service.dashboard(supervisor, period, now=now) for _ in range(REPEATS)]
            board = runs[-1]
            report.info(
                f"{name}, {label}: in the period",
                f"{board.team.units_packed:,} units packed, {board.orders_shipped:,} orders, "
                f"{len(board.productivity.tasks):,} tasks, {board.backlog.total:,} backlog",
            )
            for query in board.timings:
                if query == "model":
                    continue
                ms = statistics.median(r.timings[query] for r in runs) * 1000
                label_q = "whole dashboard" if query == "total" else f"query '{query}'"
                report.check(
                    f"{name}, {label}: {label_q}, median of {REPEATS}",
                    f"{ms:.1f} ms",
                    f"< {TARGET_MS:.0f} ms",
                    ms < TARGET_MS,
                )
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1_000_000)
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    pg = (
        None
        if args.no_postgres
        else (args.postgres or os.environ.get("FULFILLMENT_TEST_PG_URL") or DEFAULT_PG)
    )
    print(machine(f"{args.scans:,} scan events, {args.orders:,} orders"), flush=True)
    report = Report()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        runs: list[tuple[str, str, tuple[dict[str, Any], str] | None]] = [
            ("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", None)
        ]
        if pg:
            u = make_url(pg)
            info = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database)
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            try:
                with psycopg.connect(**info, autocommit=True, connect_timeout=3) as conn:
                    conn.execute(f'CREATE SCHEMA "{schema}"')
            except psycopg.OperationalError as exc:
                print(f"PostgreSQL at {u.host}:{u.port or 5432} does not answer: {exc}")
                report.check("PostgreSQL reachable", "no", "yes", False)
            else:
                sep = "&" if "?" in pg else "?"
                runs.append(
                    ("PostgreSQL", f"{pg}{sep}options=-csearch_path%3D{schema}", (info, schema))
                )
        for name, url, cleanup in runs:
            sub = folder / uuid.uuid4().hex[:6]
            sub.mkdir()
            try:
                run(url, sub, args.orders, args.scans, report, name)
            finally:
                if cleanup:
                    with psycopg.connect(**cleanup[0], autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA "{cleanup[1]}" CASCADE')
    report.finish("Dashboard queries")


if __name__ == "__main__":
    main()
