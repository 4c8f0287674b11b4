"""Packing exactly once: two processes of one station racing on one order make one package and
one fulfillment in the store; memory never runs ahead of the database; a store change cannot
slip between close's check and its write; commits are durable; reads never wait for a writer."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderChange, OrderLine, OutboxEntry, Package, ScanEvent
from fulfillment_app.errors import FulfillmentError
from fulfillment_app.services.packing import OrderNotPackable, PackingService
from fulfillment_app.sync.emulators import Shop, sample_products
from tests.conftest import make_settings
from tests.stores import connect_store, make_emulator, station, sync_until_clean

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ORDERS = 6  # raced one after the other by the same two processes


def _packer(
    index: int, url: str, tmp: str, orders: list[tuple[str, list[str]]], barrier: Any, out: Any
) -> None:
    """One process of the station: for each order, start it (the first process opens it,
    the second resumes it), then scan every item and close, racing the other process."""
    ctx = AppContext.build(make_settings(url, Path(tmp)))
    actor = ctx.command_line_actor()
    results = []
    try:
        for number, scans in orders:
            session_id = None
            for turn in (0, 1):
                barrier.wait(timeout=120)
                if turn == index:
                    session_id = ctx.packing.start(actor, number).session_id
            barrier.wait(timeout=120)
            assert session_id is not None
            try:
                for sku in scans:
                    ctx.packing.scan(actor, session_id, sku)
                ctx.packing.close(
                    actor, session_id, weight_g=None, box_code="OWN", print_documents=False
                )
            except FulfillmentError as exc:
                results.append((number, False, str(exc)))
            else:
                results.append((number, True, ""))
    finally:
        ctx.close()
        out.put((index, results))


def test_two_processes_of_one_station_pack_an_order_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=ORDERS, seed=21)
    with make_emulator("woocommerce", shop) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        ctx.catalogue.import_products(ctx.command_line_actor(), RESOURCES / "sample-products.csv")
        with ctx.db.session() as s:
            rows = s.execute(
                select(Order.number, OrderLine.sku, OrderLine.quantity)
                .join(OrderLine)
                .order_by(Order.number, OrderLine.id)
            ).all()
        orders: dict[str, list[str]] = {}
        for number, sku, quantity in rows:
            orders.setdefault(number, []).extend([sku] * quantity)
        mp = multiprocessing.get_context("spawn")
        barrier, out = mp.Barrier(2), mp.Queue()
        procs = [
            mp.Process(
                target=_packer,
                args=(i, database_url, str(tmp_path), list(orders.items()), barrier, out),
            )
            for i in (0, 1)
        ]
        for proc in procs:
            proc.start()
        results = dict(out.get(timeout=300) for _ in procs)
        for proc in procs:
            proc.join(timeout=60)
            assert proc.exitcode == 0
        for number in orders:
            outcomes = [r for i in (0, 1) for r in results[i] if r[0] == number]
            assert [closed for _, closed, _ in outcomes].count(True) == 1, outcomes
            (loser,) = [message for _, closed, message in outcomes if not closed]
            assert "closed meanwhile" in loser or "packed already" in loser, loser
        with ctx.db.session() as s:
            packages = s.execute(
                select(Package.order_id, func.count()).group_by(Package.order_id)
            ).all()
            entries = s.scalar(select(func.count()).select_from(OutboxEntry))
        assert len(orders) == ORDERS
        assert sorted(count for _, count in packages) == [1] * ORDERS and entries == ORDERS
        sync_until_clean(ctx)
        with shop.lock:  # one "shipped" note to each customer, each order fulfilled once
            notes = [len(order.notes) for order in shop.orders.values()]
            statuses = {order.status for order in shop.orders.values()}
        assert notes == [1] * ORDERS and statuses == {"fulfilled"}


def _station(database_url: str, tmp_path: Path) -> AppContext:
    ctx = AppContext.build(make_settings(database_url, tmp_path))
    ctx.start()
    admin = ctx.command_line_actor()
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    with ctx.db.session() as s:
        order = Order(external_id="5001", number="1001")
        order.lines = [
            OrderLine(sku="SKU-1000", name="Mug", quantity=2),
            OrderLine(sku="SKU-1001", name="Soap", quantity=1),
        ]
        s.add(order)
    return ctx


def _sgtin96(item: int, serial: int) -> str:
    value = (0x30 << 88) | (1 << 85) | (5 << 82) | (7290012 << 58) | (item << 38) | serial
    return f"{value:024X}"


def test_a_failed_rfid_write_leaves_memory_as_the_database(
    database_url: str, tmp_path: Path
) -> None:
    """The scan events of a bulk read cannot be written (a trigger stands in for a full disk):
    nothing counts, and the same read counts in full once the database takes writes again."""
    ctx = _station(database_url, tmp_path)
    try:
        actor = ctx.command_line_actor()
        sid = ctx.packing.start(actor, "1001").session_id
        tags = {_sgtin96(34500, 1), _sgtin96(34500, 2), _sgtin96(34501, 7)}  # 2 mugs, 1 soap
        with ctx.db.session() as s:
            if ctx.db.is_sqlite:
                s.execute(
                    text(
                        "CREATE TRIGGER full_disk BEFORE INSERT ON scan_event "
                        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    )
                )
            else:
                s.execute(
                    text(
                        "CREATE FUNCTION full_disk() RETURNS trigger AS $$ BEGIN "
                        "RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
                    )
                )
                s.execute(
                    text(
                        "CREATE TRIGGER full_disk BEFORE INSERT ON scan_event "
                        "FOR EACH ROW EXECUTE FUNCTION full_disk()"
                    )
                )
        with pytest.raises(Exception, match="disk full"):
            ctx.packing.rfid_verify(actor, sid, tags)
        view = ctx.packing.view(sid)
        assert (view.packed, view.complete) == (0, False)
        with ctx.db.session() as s:
            s.execute(
                text("DROP TRIGGER full_disk" + ("" if ctx.db.is_sqlite else " ON scan_event"))
            )
        again = ctx.packing.rfid_verify(actor, sid, tags)
        assert (again.counted, again.complete, again.extra) == (3, True, [])
        closed = ctx.packing.close(actor, sid, weight_g=None, box_code="OWN")
        with ctx.db.session() as s:
            in_package = s.scalar(
                select(func.count())
                .select_from(ScanEvent)
                .where(ScanEvent.package_id == closed.package_id)
            )
        assert in_package == 3
    finally:
        ctx.close()


def test_a_store_change_cannot_slip_into_close(database_url: str, tmp_path: Path) -> None:
    """A sync records a store change the moment any transaction of close() commits: if a
    package was written, it was written before the change, never after it."""
    ctx = _station(database_url, tmp_path)
    try:
        actor = ctx.command_line_actor()
        sid = ctx.packing.start(actor, "1001").session_id
        for sku in ("SKU-1000", "SKU-1000", "SKU-1001"):
            ctx.packing.scan(actor, sid, sku)
        with ctx.db.session() as s:
            order_id = s.scalar(select(Order.id).where(Order.number == "1001"))
        landed: list[bool] = []  # whether the package existed when the change landed

        def sync_lands(_session: Any) -> None:
            if landed:
                return
            with ctx.db.engine.begin() as conn:
                had = conn.scalar(select(func.count()).select_from(Package)) > 0
                conn.execute(
                    insert(OrderChange).values(
                        order_id=order_id,
                        kind="cancelled",
                        detail="Order 1001 was cancelled in the store.",
                        payload={},
                    )
                )
            landed.append(had)

        event.listen(Session, "after_commit", sync_lands)  # every scope of this process
        try:
            ctx.packing.close(actor, sid, weight_g=None, box_code="OWN", print_documents=False)
        except OrderNotPackable:
            pass
        finally:
            event.remove(Session, "after_commit", sync_lands)
        with ctx.db.session() as s:
            packages = s.scalar(select(func.count()).select_from(Package))
        assert landed and (packages == 0 or landed[0]), (packages, landed)
    finally:
        ctx.close()


def test_a_closed_package_is_a_durable_commit(tmp_path: Path) -> None:
    """On SQLite, the commit of a close is synced to disk (synchronous=FULL) before its label
    prints; the scans before it ride on the same sync."""
    ctx = _station(f"sqlite:///{tmp_path / 'durable.sqlite3'}", tmp_path)
    try:
        actor = ctx.command_line_actor()
        sid = ctx.packing.start(actor, "1001").session_id
        for sku in ("SKU-1000", "SKU-1000", "SKU-1001"):
            ctx.packing.scan(actor, sid, sku)
        statements: list[str] = []

        def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            statements.append(statement.split("(")[0].strip())

        event.listen(ctx.db.engine, "before_cursor_execute", seen)
        try:
            ctx.packing.close(actor, sid, weight_g=None, box_code="OWN", print_documents=False)
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", seen)
        package = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO package"))
        begin = max(i for i, s in enumerate(statements[:package]) if s.startswith("BEGIN"))
        assert "PRAGMA synchronous=FULL" in statements[:begin], statements[: begin + 1]
        with ctx.db.write() as s:  # other commits stay fast
            assert s.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        with ctx.db.write(durable=True) as s:
            assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        ctx.close()


def test_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """An import (another connection) holds the write lock: the packing screen still shows
    the open session, and the supervisor the exceptions, at once."""
    path = tmp_path / "reads.sqlite3"
    ctx = _station(f"sqlite:///{path}", tmp_path)
    try:
        actor = ctx.command_line_actor()
        sid = ctx.packing.start(actor, "1001").session_id
        ctx.packing.scan(actor, sid, "SKU-1000")
        fresh = PackingService(
            ctx.db, ctx.scans, ctx.settings.packing, ctx.labels, "test-station"
        )  # a restarted station: nothing in memory
        writer = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE product SET name = name || ' ' WHERE id = 1")
            start = time.monotonic()
            assert fresh.open_session() == sid
            view = fresh.view(sid)
            ctx.exceptions.exceptions(actor)
            elapsed = time.monotonic() - start
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert view.packed == 1 and elapsed < 2.0  # the busy timeout is 10 s
    finally:
        ctx.close()


def test_memory_of_one_process_never_outvotes_the_database(
    database_url: str, tmp_path: Path
) -> None:
    """Two services of one station (as two processes): each step of one sees the other's."""
    ctx = _station(database_url, tmp_path)
    try:
        actor = ctx.command_line_actor()
        other = PackingService(ctx.db, ctx.scans, ctx.settings.packing, ctx.labels, "test-station")
        sid = ctx.packing.start(actor, "1001").session_id
        assert other.start(actor, "1001").resumed
        assert ctx.packing.scan(actor, sid, "SKU-1000").outcome == "accepted"
        assert other.scan(actor, sid, "SKU-1000").outcome == "accepted"  # 2 of 2
        assert ctx.packing.scan(actor, sid, "SKU-1000").outcome == "over-scan"
        assert ctx.packing.view(sid).packed == 2
        assert other.scan(actor, sid, "CMD:UNDO").message == "Undone: Mug is 1 of 2."
        assert ctx.packing.view(sid).packed == 1
        for sku in ("SKU-1000", "SKU-1001"):
            ctx.packing.scan(actor, sid, sku)
        other.close(actor, sid, weight_g=None, box_code="OWN", print_documents=False)
        with pytest.raises(OrderNotPackable, match="closed meanwhile"):
            ctx.packing.close(actor, sid, weight_g=None, box_code="OWN", print_documents=False)
        with pytest.raises(OrderNotPackable, match="closed meanwhile"):
            ctx.packing.scan(actor, sid, "SKU-1001")
    finally:
        ctx.close()
