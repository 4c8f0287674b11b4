"""The returns station and the count screen driven by the scanner alone (keyboard-wedge scans
at a scanner's pace, keys for the grade), on SQLite and PostgreSQL; and Magento and BigCommerce
stores connected from the store settings. No SQL runs on the GUI thread; what the test itself
asks the database runs on a thread of its own."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy import event, func, select

from fulfillment_app.config import UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    Product,
    ReturnUnit,
    Role,
    Stock,
    StockMove,
    Store,
)
from fulfillment_app.services.permissions import Actor
from fulfillment_app.ui.count_view import CountView
from fulfillment_app.ui.returns_view import ReturnsView
from fulfillment_app.ui.scan_listener import ScanListener
from fulfillment_app.ui.settings_stores_view import SettingsStoresView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings
from tests.keyboard import PERSON_GAP, PaceClock
from tests.keyboard import scan as wedge_scan

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TIMEOUT = 15_000
T = TypeVar("T")
MUG, SOAP = "SKU-1000", "SKU-1001"
MUG_HOME, SOAP_HOME = "A-01-01-1", "A-01-03-2"


def off_gui(call: Callable[[], T]) -> T:
    """A call of the test itself, on a thread of its own (never SQL on the GUI thread)."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(call()), name="test-call")
    thread.start()
    thread.join(60)
    assert box, "the test's call failed (see the log)"
    return box[0]


def on_hand(ctx: AppContext, sku: str, location: str) -> int:
    def read() -> int:
        with ctx.db.read() as s:
            return int(
                s.scalar(
                    select(Stock.quantity)
                    .join(Product, Product.id == Stock.product_id)
                    .join(Location, Location.id == Stock.location_id)
                    .where(Product.sku == sku, Location.code == location)
                )
                or 0
            )

    return off_gui(read)


@pytest.fixture
def ctx(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    context = AppContext.build(make_settings(database_url, tmp_path))
    context.start()
    try:
        admin = context.command_line_actor()
        context.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        context.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        context.users.add(admin, "Noa", Role.PACKER, "3333")
        with context.db.session() as s:
            store = Store(name="shop", platform="woocommerce", base_url="http://127.0.0.1:9")
            s.add(store)
            s.flush()
            products = {p.sku: p for p in s.scalars(select(Product))}
            places = {loc.code: loc for loc in s.scalars(select(Location))}
            for sku, code in ((MUG, MUG_HOME), (SOAP, SOAP_HOME)):
                row = s.scalar(
                    select(Stock).where(
                        Stock.product_id == products[sku].id,
                        Stock.location_id == places[code].id,
                    )
                )
                if row is None:
                    s.add(
                        Stock(product_id=products[sku].id, location_id=places[code].id, quantity=5)
                    )
                else:
                    row.quantity = 5
            order = Order(
                store_id=store.id,
                external_id="9001",
                number="9001",
                status=OrderStatus.SHIPPED,
                ship_to={"name": "Dana"},
            )
            order.lines = [
                OrderLine(
                    external_id="L1", sku=MUG, name="Mug", product_id=products[MUG].id,
                    quantity=2, quantity_picked=2, quantity_packed=2,
                )
            ]  # fmt: skip
            s.add(order)
        yield context
    finally:
        context.close()


class Station:
    """A screen in a window with the window's scan listener, as the main window has it."""

    def __init__(self, qtbot: Any, ctx: AppContext, view: Any, actor: Actor):
        self.qtbot, self.ctx, self.view = qtbot, ctx, view
        self.window = QMainWindow()
        self.window.setCentralWidget(view)
        qtbot.addWidget(self.window)
        self.listener = ScanListener(
            self.window, view.on_scan, ctx.settings.scan, clock=PaceClock()
        )
        self.window.scan_listener = self.listener  # type: ignore[attr-defined]
        self.listener.install()
        self.window.show()
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow)
        view.activate(actor)

    def wait(self, condition: Callable[[], Any]) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=TIMEOUT)

    def wedge(self, *codes: str) -> None:
        """Scans typed at a scanner's pace into whatever has the focus; waits for answers."""
        for code in codes:
            target = self.window.focusWidget() or self.view
            wedge_scan(self.qtbot, target, code)
            self.wait(lambda: self.view.waiting == 0)

    def key(self, key: Qt.Key) -> None:
        """A key a person presses (at a person's pace, so the listener lets it through)."""
        self.listener.clock.gap = PERSON_GAP
        self.listener.flush()
        self.qtbot.keyClick(self.window.focusWidget() or self.view, key)
        self.listener.flush()

    def close(self) -> None:
        self.listener.uninstall()
        self.window.close()


@pytest.fixture
def sql_threads(ctx: AppContext) -> Iterator[list[str]]:
    threads: list[str] = []

    def record(*_args: Any) -> None:
        threads.append(threading.current_thread().name)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    yield threads
    event.remove(ctx.db.engine, "before_cursor_execute", record)
    assert threads and "MainThread" not in threads, "SQL ran on the GUI thread"


def noa() -> Actor:
    return Actor(name="Noa", role=Role.PACKER, station="returns-1")


def _returns_station(qtbot: Any, ctx: AppContext) -> tuple[Station, ReturnsView, TaskRunner]:
    runner = TaskRunner()
    view = ReturnsView(ctx, runner, SoundPlayer(UISettings(sounds=False)))
    return Station(qtbot, ctx, view, noa()), view, runner


def test_a_parcel_received_by_scanner_one_unit_sellable_one_damaged(
    qtbot: Any, ctx: AppContext, sql_threads: list[str]
) -> None:
    station, view, runner = _returns_station(qtbot, ctx)
    try:
        order_id = off_gui(lambda: _order_id(ctx))
        quarantine = ctx.settings.returns.quarantine_location
        station.wedge(f"ORD:ID-{order_id}")  # the packing slip in the parcel
        station.wait(lambda: view.rma is not None)
        assert view.rma is not None and view.rma.status == "receiving"
        assert view.lines_table.rowCount() == 1
        assert view.lines_table.item(0, 1).text() == MUG
        assert view.lines_table.item(0, 2).text() == "2"
        assert view.lines_table.item(0, 6).text() == MUG_HOME  # where a sellable one goes

        # An unknown code says so, in its own colour, and records nothing.
        station.wedge("NOT-A-PRODUCT-42")
        assert view.outcome == "unknown"
        assert "not a product we know" in view.banner.text()
        assert view.rma.units == ()

        station.wedge(MUG)  # sellable by default
        assert view.outcome == "accepted"
        assert view.where_label.text() == f"Put it on {MUG_HOME}"
        station.key(Qt.Key.Key_2)  # the next one is damaged (the button's animated click)
        station.wait(lambda: view.grade == "damaged")
        assert "DAMAGED" in view.grade_label.text()
        station.wedge(MUG)
        assert view.outcome == "accepted"
        assert view.where_label.text() == f"Put it in quarantine: {quarantine}"
        assert view.lines_table.item(0, 3).text() == "1"
        assert view.lines_table.item(0, 4).text() == "1"

        # A third mug is more than was sent: recorded, in the "over" colour.
        station.wedge("CMD:SELLABLE")
        assert view.grade == "sellable"
        station.wedge(MUG)
        assert view.outcome == "over"
        station.wedge("CMD:UNDO")  # taken back, stock included
        station.wait(lambda: len(view.rma.units) == 2 if view.rma else False)

        station.wedge("CMD:DONE")
        station.wait(lambda: view.rma is not None and view.rma.status == "completed")
        assert view.outcome == "completed"
        assert on_hand(ctx, MUG, MUG_HOME) == 6
        assert on_hand(ctx, MUG, quarantine) == 1

        def outbox() -> list[tuple[str, str]]:
            with ctx.db.read() as s:
                return [
                    (e.kind, e.idempotency_key)
                    for e in s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "return"))
                ]

        entries = off_gui(outbox)
        assert len(entries) == 1 and entries[0][1].endswith(view.rma.number)
    finally:
        station.close()
        runner.shutdown()


def test_a_parcel_without_an_rma_says_where_its_items_go(
    qtbot: Any, ctx: AppContext, sql_threads: list[str]
) -> None:
    station, view, runner = _returns_station(qtbot, ctx)
    issues = ctx.settings.returns.issues_location
    try:
        station.wedge("TRACK-NOBODY-KNOWS")
        station.wait(lambda: view.rma is not None)
        assert view.rma is not None and view.rma.status == "unmatched"
        assert view.outcome == "unmatched"
        assert issues in view.banner.text() and issues in view.discrepancy_label.text()
        assert not view.link_button.isVisible()  # supervisors only
        station.wedge(SOAP)
        assert view.outcome == "accepted"
        assert view.where_label.text() == f"Put it at {issues}"
        assert on_hand(ctx, SOAP, issues) == 1

        station.wedge("CMD:DONE")  # cannot finish: a supervisor links it first
        assert view.outcome == "error" and "supervisor" in view.banner.text()

        def units() -> int:
            with ctx.db.read() as s:
                return int(s.scalar(select(func.count()).select_from(ReturnUnit)) or 0)

        assert off_gui(units) == 1
    finally:
        station.close()
        runner.shutdown()


def _order_id(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(Order.id).where(Order.number == "9001")) or 0)


def test_a_location_counted_by_scanner_changes_the_stock_it_holds(
    qtbot: Any, ctx: AppContext, sql_threads: list[str]
) -> None:
    runner = TaskRunner()
    view = CountView(ctx, runner, SoundPlayer(UISettings(sounds=False)))
    station = Station(qtbot, ctx, view, Actor(name="Avi", role=Role.PICKER, station="floor-1"))
    try:
        station.wedge(MUG_HOME)
        station.wait(lambda: view.result is not None)
        assert view.location == MUG_HOME
        assert view.table.item(0, 0).text() == MUG and view.table.item(0, 2).text() == "5"
        station.wedge(MUG, MUG, MUG, "NO-SUCH-CODE", MUG)
        station.wait(lambda: view.result is not None and view.table.item(0, 3).text() == "4")
        assert "NO-SUCH-CODE" in view.unknown_label.text()
        station.wedge("CMD:UNDO")  # the last mug taken back
        station.wait(lambda: view.table.item(0, 3).text() == "3")
        assert view.table.item(0, 4).text() == "-2"

        station.wedge("A-01-03-2")  # another shelf while counting: finish first
        assert view.location == MUG_HOME and "finish this count" in view.message.text()

        station.wedge("CMD:DONE")
        station.wait(lambda: view.location is None and view.message.outcome == "done")
        assert "1 products changed" in view.message.text()
        assert on_hand(ctx, MUG, MUG_HOME) == 3

        def kinds() -> list[str]:
            with ctx.db.read() as s:
                return list(s.scalars(select(StockMove.kind).where(StockMove.kind == "count")))

        assert off_gui(kinds) == ["count"]
    finally:
        station.close()
        runner.shutdown()


def test_magento_and_bigcommerce_stores_added_with_their_secrets_named(
    qtbot: Any, tmp_path: Path
) -> None:
    context = AppContext.build(make_settings(f"sqlite:///{tmp_path / 's.sqlite3'}", tmp_path))
    context.start()
    runner = TaskRunner()
    view = SettingsStoresView(context, runner, SoundPlayer(UISettings(sounds=False)))
    holder = QWidget()
    qtbot.addWidget(view)
    threads: list[str] = []

    def record(*_args: Any) -> None:
        threads.append(threading.current_thread().name)

    event.listen(context.db.engine, "before_cursor_execute", record)
    try:
        view.activate(context.command_line_actor())
        qtbot.waitUntil(lambda: not runner.pending, timeout=TIMEOUT)
        view.show()
        view.platform.setCurrentIndex(view.platform.findData("magento"))
        shown = [k for k, f in view.secret_fields.items() if f.isVisible()]
        assert shown == ["token", "consumer_key", "consumer_secret", "token_secret"]
        assert view.option_fields["store_code"].isVisible()
        assert not view.option_fields["store_hash"].isVisible()
        view.name.setText("Magento shop")
        view.url.setText("https://magento.example.com")
        view.use_env.setChecked(True)
        for kind in shown:
            view.secret_fields[kind].setText(f"MAGENTO_{kind.upper()}")
        view.option_fields["store_code"].setText("he il")  # not a store code
        view.add_button.click()
        qtbot.waitUntil(lambda: "store code" in view.message.text(), timeout=TIMEOUT)
        assert view.message.outcome == "bad"
        view.option_fields["store_code"].setText("hebrew")
        view.add_button.click()
        qtbot.waitUntil(lambda: view.stores_table.rowCount() == 1, timeout=TIMEOUT)

        view.platform.setCurrentIndex(view.platform.findData("bigcommerce"))
        assert [k for k, f in view.secret_fields.items() if f.isVisible()] == ["token"]
        view.name.setText("BC shop")
        view.url.setText("https://api.bigcommerce.com")
        view.secret_fields["token"].setText("BC_TOKEN")
        view.option_fields["store_hash"].setText("abc123")
        view.option_fields["location_id"].setText("two")
        view.add_button.click()
        qtbot.waitUntil(lambda: "whole number" in view.message.text(), timeout=TIMEOUT)
        view.option_fields["location_id"].setText("2")
        view.add_button.click()
        qtbot.waitUntil(lambda: view.stores_table.rowCount() == 2, timeout=TIMEOUT)

        def stores() -> dict[str, tuple[str, dict[str, Any], dict[str, Any]]]:
            with context.db.read() as s:
                return {
                    st.name: (st.platform, dict(st.credential_ref), dict(st.options or {}))
                    for st in s.scalars(select(Store))
                }

        found = off_gui(stores)
        assert found["Magento shop"] == (
            "magento",
            {k: {"env": f"MAGENTO_{k.upper()}"} for k in shown},
            {"store_code": "hebrew", "source_code": "default"},
        )
        assert found["BC shop"] == (
            "bigcommerce",
            {"token": {"env": "BC_TOKEN"}},
            {"store_hash": "abc123", "location_id": 2},
        )
    finally:
        event.remove(context.db.engine, "before_cursor_execute", record)
        runner.shutdown()
        holder.close()
        context.close()
    assert threads and "MainThread" not in threads, "SQL ran on the GUI thread"


def test_a_supervisor_links_a_parcel_and_accepts_its_discrepancy_with_a_note(
    qtbot: Any, ctx: AppContext, sql_threads: list[str]
) -> None:
    runner = TaskRunner()
    view = ReturnsView(ctx, runner, SoundPlayer(UISettings(sounds=False)))
    sam = Actor(name="Sam", role=Role.SUPERVISOR, station="returns-1")
    station = Station(qtbot, ctx, view, sam)
    try:
        order_id = off_gui(lambda: _order_id(ctx))
        station.wedge("TRACK-NOBODY-KNOWS", MUG)
        assert view.rma is not None and view.rma.status == "unmatched"
        assert view.link_button.isVisible()
        view.link_button.click()
        station.wedge(f"ORD:ID-{order_id}")  # the order the parcel belongs to
        station.wait(lambda: view.rma is not None and view.rma.status == "receiving")
        assert view.lines_table.item(0, 3).text() == "1"  # the mug came along
        assert on_hand(ctx, MUG, MUG_HOME) == 6

        station.wedge("CMD:DONE")  # one of two mugs: a discrepancy
        station.wait(lambda: view.rma is not None and view.rma.status == "discrepancy")
        assert view.outcome == "discrepancy" and view.discrepancy_label.text()
        assert view.accept_button.isVisible()
        view.accept_button.click()  # no note: refused, said why
        station.wait(lambda: view.outcome == "error")
        assert "note" in view.banner.text()
        view.note_input.setText("customer kept one, agreed by phone")
        view.accept_button.click()
        station.wait(lambda: view.rma is not None and view.rma.status == "completed")
        assert view.outcome == "completed"
    finally:
        station.close()
        runner.shutdown()
