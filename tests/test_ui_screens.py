"""The supervisor's exceptions screen and the admin's station devices screen, driven through
pytest-qt with the real services, database and device simulators."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, select

from fulfillment_app.config import DeviceSettings, LabelSettings, UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Location,
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    PrintJob,
    PrintJobStatus,
    Product,
    QuarantinedOrder,
    Role,
    Store,
    utcnow,
)
from fulfillment_app.devices.simulators import (
    PrinterSimulator,
    RfidSimulator,
    ScaleSimulator,
    ScannerSimulator,
)
from fulfillment_app.errors import PermissionDenied
from fulfillment_app.services.permissions import Actor
from fulfillment_app.services.station_devices import StationDevices
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TIMEOUT = 10_000
MUG_EAN = "7290012345005"  # SKU-1000, 380 g
EPC_A, EPC_B = "3074257BF7194E4000001A85", "3074257BF7194E4000001A86"


@contextmanager
def _no_sql_on_the_gui_thread(context: AppContext) -> Iterator[None]:
    threads: list[str] = []

    @event.listens_for(context.db.engine, "before_cursor_execute")
    def _record(*_args) -> None:  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)

    try:
        yield
    finally:
        event.remove(context.db.engine, "before_cursor_execute", _record)
    assert threads and "MainThread" not in threads, "SQL ran on the GUI thread"


def _order(number: str, status: OrderStatus, quantity: int = 1) -> Order:
    order = Order(external_id=f"ext-{number}", number=number, status=status)
    order.lines = [OrderLine(sku="SKU-1000", name="Mug", quantity=quantity)]
    return order


def _seed(ctx: AppContext) -> None:
    """One of each thing a supervisor sees: a short ship (1001), a weight override (1002), a
    short pick (1003), a cancellation in the store of an order on a cart (1004), a fulfilment
    the store refused (1005) and a quarantined store order."""
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    ctx.users.add(admin, "Noa", Role.PACKER, "3333")
    ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
    with ctx.db.session() as s:
        store = Store(name="Demo shop", platform="shopify", base_url="http://127.0.0.1:1")
        s.add(store)
        for number in ("1001", "1002"):
            s.add(_order(number, OrderStatus.PICKED, 2 if number == "1001" else 1))
        short_pick = _order("1003", OrderStatus.EXCEPTION)
        cancelled = _order("1004", OrderStatus.PICKING)
        refused = _order("1005", OrderStatus.SHIPPED)
        s.add_all([short_pick, cancelled, refused])
        s.flush()
        batch = PickBatch(method="batch", station="cart-1", picker="Avi")
        s.add(batch)
        s.flush()
        s.add(
            PickTask(
                batch_id=batch.id, sequence=1, order_id=short_pick.id,
                order_line_id=short_pick.lines[0].id,
                location_id=s.scalars(select(Location.id)).first(),
                product_id=s.scalars(select(Product.id).where(Product.sku == "SKU-1000")).one(),
                slot=1, quantity=1, status=PickTaskStatus.SHORT, reason="the bin is empty",
                done_by="Avi", done_at=utcnow(),
            )
        )  # fmt: skip
        s.add(
            OrderChange(order_id=cancelled.id, kind="cancelled", detail="cancelled in the store",
                        station="cart-1")
        )  # fmt: skip
        s.add(
            OutboxEntry(store_id=store.id, order_id=refused.id, kind="fulfillment",
                        idempotency_key="ful-1005", status=OutboxStatus.PARKED,
                        last_error="The order is already fulfilled.")
        )  # fmt: skip
        s.add(QuarantinedOrder(store_id=store.id, external_id="9001", reason="No lines."))
    noa = ctx.auth.login_with_pin("Noa", "3333")
    sid = ctx.packing.start(noa, "1001").session_id
    ctx.packing.scan(noa, sid, MUG_EAN)
    ctx.packing.short_ship(noa, sid, "one mug broken")
    sid = ctx.packing.start(noa, "1002").session_id
    ctx.packing.scan(noa, sid, MUG_EAN)
    yossi = ctx.auth.authorize_override(
        action="pack weight order 1002", reason="scale tare off", badge="BADGE-1002", pin="2222"
    )
    ctx.packing.close(noa, sid, weight_g=3000, box_code="OWN", approved_by=yossi,
                      reason="scale tare off")  # fmt: skip


@pytest.fixture
def station(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    settings = make_settings(database_url, tmp_path).replace(
        labels=LabelSettings(company_prefix="7290012345")
    )
    ctx = AppContext.build(settings)
    ctx.start()
    yield ctx
    ctx.close()


def test_a_supervisor_works_through_the_exceptions(qtbot, station: AppContext) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.ui.exceptions_view import ExceptionsView

    _seed(station)
    noa = station.auth.login_with_pin("Noa", "3333")
    yossi = station.auth.login_with_pin("Yossi", "2222")
    with pytest.raises(PermissionDenied):
        station.exceptions.queue(noa)
    runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
    opened: list[bool] = []
    view = ExceptionsView(station, runner, sounds, open_stores=lambda: opened.append(True))
    qtbot.addWidget(view)
    view.show()
    try:
        with _no_sql_on_the_gui_thread(station):
            view.activate(noa)  # a packer: the service refuses, the screen says so
            qtbot.waitUntil(lambda: "may not" in view.message.text(), timeout=TIMEOUT)
            assert view.items_table.rowCount() == 0

            view.activate(yossi)
            qtbot.waitUntil(lambda: view.items_table.rowCount() == 6, timeout=TIMEOUT)

            def rows() -> dict[str, int]:
                return {
                    view.items_table.item(i, 0).text(): i
                    for i in range(view.items_table.rowCount())
                }

            kinds = rows()
            assert set(kinds) == {
                "Short ship", "Short pick", "Weight override", "Changed in the store",
                "Refused by the store", "Quarantined store order",
            }  # fmt: skip
            row = kinds["Weight override"]
            assert view.items_table.item(row, 1).text() == "1002"
            assert "3000 g weighed" in view.items_table.item(row, 2).text()
            assert "the bin is empty" in view.items_table.item(kinds["Short pick"], 2).text()

            # The supervisor scans the short-shipped order's slip: its history, newest first.
            view.on_scan("ORD:1001")
            assert view.selected() is not None and view.selected().kind == "short_ship"
            qtbot.waitUntil(lambda: view.history_table.rowCount() >= 2, timeout=TIMEOUT)
            history = [
                view.history_table.item(i, 3).text() for i in range(view.history_table.rowCount())
            ]
            assert history[0].startswith("pack.short_ship: one mug broken")
            assert any(MUG_EAN in line for line in history[1:])
            assert view.buttons["pack-short"].isEnabled()
            assert not view.buttons["acknowledge"].isEnabled()

            view.note.setText("customer agreed")
            view.buttons["pack-short"].click()
            qtbot.waitUntil(lambda: "ships short" in view.message.text(), timeout=TIMEOUT)
            assert view.items_table.rowCount() == 5 and "Short ship" not in rows()
            assert sounds.played[-1] == "complete"

            view.items_table.selectRow(rows()["Weight override"])
            qtbot.waitUntil(lambda: view.buttons["acknowledge"].isEnabled(), timeout=TIMEOUT)
            view.buttons["acknowledge"].click()
            qtbot.waitUntil(lambda: "acknowledged" in view.message.text(), timeout=TIMEOUT)
            assert "Weight override" not in rows()

            view.items_table.selectRow(rows()["Quarantined store order"])
            view.buttons["open-stores"].click()
            assert opened == [True]
    finally:
        runner.shutdown()
    with station.db.session() as s:
        entries = {
            e.action: e
            for e in s.scalars(select(AuditEntry).where(AuditEntry.action.like("exception.%")))
        }
        order = s.scalars(select(Order).where(Order.number == "1001")).one()
        assert order.status is OrderStatus.PICKED and order.lines[0].quantity == 1
    assert entries["exception.pack-short"].actor.startswith("Yossi")
    assert entries["exception.pack-short"].reason == "customer agreed"
    assert entries["exception.acknowledged"].before["action"] == "pack.weight_override"


def test_an_admin_tests_the_station_devices(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.ui.devices_view import DevicesView

    scale = ScaleSimulator("sics", tmp_path / "scale", grams=1234.5)
    scanner = ScannerSimulator(tmp_path / "scanner")
    rfid = RfidSimulator(tmp_path / "rfid", tags={EPC_A, EPC_B})
    printer = PrinterSimulator()
    devices = {
        "scale": DeviceSettings(kind="scale", url=scale.url, protocol="sics"),
        "scanner": DeviceSettings(kind="scanner", url=scanner.url),
        "pad": DeviceSettings(kind="rfid", url=rfid.url, window_s=0.5),
        "labels": DeviceSettings(kind="printer", url=printer.url, protocol="zpl", timeout_s=0.5),
    }
    settings = make_settings(f"sqlite:///{tmp_path / 'devices.sqlite3'}", tmp_path)
    ctx = AppContext.build(settings.replace(devices=devices))
    runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
    try:
        ctx.start()
        ctx.devices.start()  # no print retrier: the retry here is the admin's
        admin = ctx.command_line_actor()
        supervisor = Actor(name="Yossi", role=Role.SUPERVISOR, station="test-station")
        with pytest.raises(PermissionDenied):
            StationDevices(ctx.devices, ctx.printing, ctx.scans, "test-station").statuses(
                supervisor
            )
        with pytest.raises(PermissionDenied):
            ctx.printing.retry(supervisor, 1)
        view = DevicesView(ctx, runner, sounds)
        qtbot.addWidget(view)
        view.show()
        with _no_sql_on_the_gui_thread(ctx):
            view.activate(admin)
            qtbot.waitUntil(
                lambda: (
                    view.devices_table.rowCount() == 4
                    and all(view.devices_table.item(i, 2).text() == "connected" for i in range(4))
                ),
                timeout=TIMEOUT,
            )
            view.select_device("scale")
            assert view.scale_button.isEnabled() and not view.print_button.isEnabled()
            view.scale_button.click()
            qtbot.waitUntil(lambda: "1234.5 g" in view.test_result.text(), timeout=TIMEOUT)

            view.select_device("pad")
            view.rfid_button.click()
            qtbot.waitUntil(lambda: "2 tags read" in view.test_result.text(), timeout=TIMEOUT)
            assert EPC_A in view.test_result.text() and EPC_B in view.test_result.text()

            view.select_device("scanner")
            view.badge_button.click()
            qtbot.waitUntil(lambda: "within 10 seconds" in view.test_result.text(), timeout=TIMEOUT)

            def badge_shown() -> bool:
                # Scanned again until heard: the wait starts in its lane a moment after the click.
                scanner.scan("BADGE-1002")
                return "1002" in view.test_result.text()

            qtbot.waitUntil(badge_shown, timeout=TIMEOUT)
            assert "BADGE" not in view.test_result.text()  # a badge is not shown in full

            view.select_device("labels")
            view.print_button.click()
            qtbot.waitUntil(lambda: "was printed" in view.test_result.text(), timeout=TIMEOUT)
            assert printer.job_count() == 1 and b"TEST-LABEL-0001" in printer.jobs[0]

            # Out of paper: the job fails and waits in the queue; paper in, the admin retries.
            printer.paper_out = True
            view.print_button.click()
            qtbot.waitUntil(lambda: "not printed yet" in view.test_result.text(), timeout=TIMEOUT)
            # The queue refreshes on its own: it may first show the job waiting, before the try.
            qtbot.waitUntil(
                lambda: (
                    view.jobs_table.rowCount() == 1
                    and view.jobs_table.item(0, 3).text() == "failed"
                ),
                timeout=TIMEOUT,
            )
            assert "out of labels" in view.jobs_table.item(0, 5).text()
            printer.paper_out = False
            view.jobs_table.selectRow(0)
            view.retry_button.click()
            qtbot.waitUntil(lambda: "was printed" in view.message.text(), timeout=TIMEOUT)
            qtbot.waitUntil(lambda: view.jobs_table.rowCount() == 0, timeout=TIMEOUT)
            assert printer.job_count() == 2
        with ctx.db.session() as s:
            assert s.scalar(select(PrintJob.status).order_by(PrintJob.id.desc())) is (
                PrintJobStatus.PRINTED
            )
            assert s.scalar(select(AuditEntry.action).where(AuditEntry.action == "print.retried"))
    finally:
        runner.shutdown()
        ctx.close()
        for sim in (scale, scanner, rfid, printer):
            sim.close()
