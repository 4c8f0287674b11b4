"""The packer's screen driven as a packer would, with the device simulators (scale and RFID
over pseudo-terminals, the label printer over TCP) and the store emulator on loopback.

SQLite only: the subject is the screen (the services are tested on both databases). Every test
checks that no SQL ran on the GUI thread; what the test itself asks the services runs on a
thread of its own for the same reason.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import event, func, select

from fulfillment_app.config import DeviceSettings, LabelSettings, PackingSettings, UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Order,
    OrderLine,
    OutboxEntry,
    Package,
    Product,
    ProductBarcode,
    Role,
)
from fulfillment_app.devices.manager import DeviceState
from fulfillment_app.devices.simulators import PrinterSimulator, RfidSimulator, ScaleSimulator
from fulfillment_app.services.permissions import Actor
from fulfillment_app.sync.emulators import Shop, sample_products
from fulfillment_app.ui.pack_view import PackView
from fulfillment_app.ui.scan_listener import ScanListener
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings
from tests.keyboard import PaceClock, type_text
from tests.keyboard import scan as wedge_scan
from tests.stores import FAST_SYNC, connect_store, make_emulator
from tests.test_labels import zpl_image

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TIMEOUT = 15_000
T = TypeVar("T")
TAHINI_CASE = "17290012345033"  # a case of six of SKU-1003 (GTIN-14, indicator 1)


def off_gui(call: Callable[[], T]) -> T:
    """Run a service call of the test itself on a thread of its own (never SQL on the GUI
    thread, not even from the test)."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(call()), name="test-call")
    thread.start()
    thread.join(60)
    assert box, "the test's service call failed (see the log)"
    return box[0]


def sgtin96(sku: str, serial: int) -> str:
    """The SGTIN-96 tag of a sample product (company prefix 7290012, item 345NN)."""
    item = 34500 + int(sku.split("-")[1]) - 1000
    value = (0x30 << 88) | (1 << 85) | (5 << 82) | (7290012 << 58) | (item << 38) | serial
    return f"{value:024X}"


@dataclass
class World:
    context: AppContext
    scale: ScaleSimulator
    rfid: RfidSimulator
    printer: PrinterSimulator
    packer: Actor


@pytest.fixture
def world(tmp_path: Path, printer_sim: PrinterSimulator) -> Iterator[World]:
    scale = ScaleSimulator("sics", tmp_path / "scale", grams=0)
    rfid = RfidSimulator(tmp_path / "rfid")
    settings = make_settings(f"sqlite:///{tmp_path / 'pack.sqlite3'}", tmp_path).replace(
        labels=LabelSettings(company_prefix="7290012345", label_printer="labels"),
        packing=PackingSettings(scale="scale"),
        devices={
            "labels": DeviceSettings(kind="printer", url=printer_sim.url, protocol="zpl",
                                     timeout_s=3.0),
            "scale": DeviceSettings(kind="scale", url=scale.url, protocol="sics", timeout_s=0.5),
            "pad": DeviceSettings(kind="rfid", url=rfid.url, window_s=0.4),
        },
        sync=FAST_SYNC,
    )  # fmt: skip
    ctx = AppContext.build(settings)
    ctx.start()
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    ctx.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003")
    ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
    image = tmp_path / "mug.png"
    QImage(8, 8, QImage.Format.Format_RGB32).save(str(image))
    with ctx.db.session() as s:  # orders of the station itself (no store)
        mug = s.scalars(select(Product).where(Product.sku == "SKU-1000")).one()
        mug.image_url = str(image)
        tahini = s.scalars(select(Product).where(Product.sku == "SKU-1003")).one()
        s.add(ProductBarcode(product_id=tahini.id, code=TAHINI_CASE, kind="gtin", quantity=6))
        for number, lines in (
            ("2001", [("SKU-1000", 1), ("SKU-1001", 1)]),
            ("2002", [("SKU-1000", 2), ("SKU-1001", 1)]),
            ("2003", [("SKU-1003", 6)]),
        ):
            order = Order(external_id=f"local-{number}", number=number, ship_to={"name": "Dana"})
            order.lines = [OrderLine(sku=sku, name=sku, quantity=q) for sku, q in lines]
            s.add(order)
    noa = ctx.auth.login_with_pin("Noa", "3333")
    ctx.start_devices()
    try:
        yield World(ctx, scale, rfid, printer_sim, noa)
    finally:
        ctx.close()
        scale.close()
        rfid.close()


class Station:
    """The pack screen in a window, with its task runner and sound recorder."""

    def __init__(self, qtbot: Any, world: World):
        self.qtbot, self.world = qtbot, world
        self.runner = TaskRunner()
        self.sounds = SoundPlayer(UISettings(sounds=False))
        self.window = QMainWindow()
        self.view = PackView(world.context, self.runner, self.sounds)
        self.window.setCentralWidget(self.view)
        qtbot.addWidget(self.window)
        # The window's scan listener, as the main window has it: wedge scans reach the
        # screen's on_scan wherever the focus is.
        self.listener = ScanListener(
            self.window, self.view.on_scan, world.context.settings.scan, clock=PaceClock()
        )
        self.window.scan_listener = self.listener  # type: ignore[attr-defined]
        self.listener.install()
        self.window.show()
        self.window.activateWindow()  # a station's window has the keyboard
        qtbot.waitUntil(self.window.isActiveWindow)
        self.view.activate(world.packer)

    def wait(self, condition: Callable[[], Any], timeout: int = TIMEOUT) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def scan(self, *codes: str) -> None:
        """Scans, answered in order; waits until the last is answered."""
        for code in codes:
            self.view.on_scan(code)
        self.wait(lambda: self.view.waiting == 0)

    def wedge(self, target: Any, *codes: str) -> None:
        """Keyboard-wedge scans typed at a scanner's pace into ``target`` (whatever has the
        focus); waits until the last is answered."""
        for code in codes:
            wedge_scan(self.qtbot, target, code)
        self.wait(lambda: self.view.waiting == 0)

    def start(self, code: str) -> None:
        self.scan(code)
        self.wait(lambda: self.view.session is not None)

    def close(self) -> None:
        self.listener.uninstall()
        self.view._scale_timer.stop()
        self.runner.shutdown()
        self.window.close()


@pytest.fixture
def station(qtbot: Any, world: World) -> Iterator[Station]:
    sql_threads: list[str] = []

    def record(*_args: Any) -> None:
        sql_threads.append(threading.current_thread().name)

    engine = world.context.db.engine
    event.listen(engine, "before_cursor_execute", record)
    st = Station(qtbot, world)
    try:
        yield st
    finally:
        st.close()
        event.remove(engine, "before_cursor_execute", record)
    assert sql_threads and "MainThread" not in sql_threads, "SQL ran on the GUI thread"


def expected_grams(world: World, view: PackView) -> float:
    session, box = view.session, view.box_code
    assert session is not None
    packing = world.context.packing
    return off_gui(
        lambda: packing.check_weight(session.session_id, 0, packing.box(box, session.session_id))
    ).expected_g


def test_an_order_packed_by_wedge_scans_weighed_closed_printed_and_delivered(  # type: ignore[no-untyped-def]
    qtbot, station: Station, world: World, monkeypatch, tmp_path
) -> None:
    ctx, view, sounds = world.context, station.view, station.sounds
    # The focus deliberately left on a button (it would start the next order): the scanner's Enter
    # must never press it.
    button = view.next_button
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    presses: list[bool] = []
    button.clicked.connect(presses.append)
    shop = Shop(sample_products(), orders=3, seed=9)  # 1003: SKU-1013 x1, SKU-1006 x2
    emulator = make_emulator("woocommerce", shop).start()
    try:
        off_gui(lambda: connect_store(ctx, emulator, monkeypatch) or True)
        off_gui(lambda: ctx.sync.sync("shop"))
        station.wedge(button, "ORD:1003")
        assert view.session is not None and view.order_label.text() == "shop · order 1003"
        assert [row.sku for row in view.lines.rows] == ["SKU-1013", "SKU-1006"]
        assert [row.packed for row in view.lines.rows] == [0, 0]  # counts start at 0
        assert all(row.location for row in view.lines.rows)  # where to find each item

        def outcome(code: str, expected: str, sound: str, words: str) -> None:
            station.wedge(button, code)
            assert view.outcome == expected, view.banner.text()
            assert sounds.played[-1] == sound
            assert words in view.banner.text()

        outcome("SKU-1006", "accepted", "accepted", "1 of 2")
        assert view.lines.rows[1].packed == 1 and view.progress.value() == 1
        outcome("SKU-1006", "accepted", "accepted", "2 of 2")
        outcome("SKU-1006", "over-scan", "over_scan", "")
        outcome("SKU-1000", "wrong item", "wrong_item", "not in this order")
        outcome("4006381333931", "unknown", "unknown", "")
        outcome("CMD:UNDO", "command", "info", "Undone")
        station.wait(lambda: view.lines.rows[1].packed == 1)
        assert view.step == "scan" and view.progress.value() == 1
        # Scans arriving together are answered in order, none lost.
        station.wedge(button, "SKU-1006", "SKU-1013")
        assert view.outcome == "complete" and sounds.played[-2:] == ["accepted", "complete"]
        station.wait(lambda: [row.packed for row in view.lines.rows] == [1, 2])
        assert view.step == "weigh" and view.weigh_panel.isVisible()

        # The scale is pulled out mid-session: the screen and the status bar say so.
        world.scale.unplug()
        station.wait(lambda: "Scale not connected" in view.verdict_label.text())
        assert "Scale not connected" in station.window.statusBar().currentMessage()
        assert view.step == "weigh"  # nothing closed blindly
        world.scale.grams = expected_grams(world, view) + 5
        world.scale.replug()
        # Back: the reading shows, is within tolerance, and the order closes by itself.
        station.wait(lambda: view.step == "closed", timeout=30_000)
        assert station.window.statusBar().currentMessage() == ""
        assert presses == [] and station.listener.scans == 9

        def lost() -> list[tuple[str, str | None, str]]:
            from fulfillment_app.db.models import TimeLost

            with ctx.db.session() as s:
                return [(r.cause, r.detail, r.person) for r in s.query(TimeLost)]

        # The time the scale was away is the system's, not the packer's, in the figures.
        station.wait(lambda: off_gui(lost) == [("device", "scale", "Noa")])
        assert "packed" in view.banner.text() and "Verified by Noa" in view.banner.text()
        station.wait(lambda: world.printer.job_count() == 1)
        station.wait(
            lambda: view.preview.pixmap() is not None and not view.preview.pixmap().isNull()
        )
        label, _ = off_gui(lambda: ctx.labels.shipping_label(world.packer, "1003"))
        image = zpl_image(label, world.printer.jobs[0], tmp_path)
        sscc = view.closed.sscc if view.closed else None
        codes = [r.text for r in zxingcpp.read_barcodes(image) if r.symbology_identifier == "]C1"]
        assert codes == [f"(00){sscc}"]

        def outbox() -> int:
            with ctx.db.session() as s:
                return s.scalar(select(func.count()).select_from(OutboxEntry)) or 0

        assert off_gui(outbox) == 1
        (report,) = off_gui(lambda: ctx.sync.sync("shop"))
        assert report.delivered == 1 and shop.orders[5003].status == "fulfilled"
    finally:
        emulator.stop()


def test_weight_override_two_boxes_and_a_paused_printer(station: Station, world: World) -> None:
    ctx, view, sounds = world.context, station.view, station.sounds
    station.wait(lambda: ctx.devices.status("scale").state is DeviceState.CONNECTED)
    station.start("2001")
    station.wait(lambda: any(view.lines.image_ready(r.image) for r in view.lines.rows if r.image))
    station.scan("7290012345005", "7290012345012")  # mug, soap
    assert view.step == "weigh"
    world.scale.grams = expected_grams(world, view) + 400  # something else is in the box
    station.wait(lambda: view.override is not None and view.override.isVisible())
    assert sounds.played[-1] == "attention" and "heavier than expected" in view.banner.text()
    dialog = view.override
    assert dialog is not None
    # A badge alone is refused, with a sentence.
    view.on_scan("BADGE-1002")
    assert dialog.who_input.text() == "BADGE-1002"
    dialog.approve_button.click()
    assert "badge alone cannot approve" in dialog.message.text()
    assert view.step == "weigh"
    # The supervisor's name and PIN approve; the close goes on, audited with the reason.
    dialog.who_input.setText("Yossi")
    dialog.pin_input.setText("2222")
    dialog.approve_button.click()
    station.wait(lambda: view.step == "closed")

    def override() -> tuple[str, str | None]:
        with ctx.db.session() as s:
            entry = s.scalars(
                select(AuditEntry).where(AuditEntry.action == "pack.weight_override")
            ).one()
            return entry.actor, entry.reason

    who, reason = off_gui(override)
    assert "Yossi" in who and reason
    station.wait(lambda: world.printer.job_count() == 1)

    # A two-box order: the mugs in one box, the soap in the next, each with its label.
    world.scale.grams = 0
    station.start("2002")
    station.scan("7290012345005", "7290012345005")
    view.close_box_button.click()
    station.wait(lambda: view.session is not None and view.session.box_number == 2)
    assert "box 2" in view.order_label.text() and "Box 1 closed" in view.banner.text()
    station.wait(lambda: world.printer.job_count() == 2)
    # Typed by hand (no scanner at hand): the field takes an item's code while packing.
    type_text(station.qtbot, view.order_input, "7290012345012", enter=True)
    station.wait(lambda: view.step == "weigh")
    # The printer is paused and silent: the last label waits, the next scans do not.
    world.printer.paused = world.printer.silent = True
    world.scale.grams = expected_grams(world, view)
    station.wait(lambda: view.step == "closed")
    printing = len(view.printed)
    world.scale.grams = 0  # the box is taken off the scale
    station.start("2003")
    station.scan(TAHINI_CASE)  # a case barcode counts its six pieces
    assert view.outcome == "complete" and "+6" in view.banner.text(), view.banner.text()
    type_text(station.qtbot, view, "2")  # a person presses 2: the second box preset
    station.wait(lambda: view.box_code == "M" and "Box: M" in view.box_label.text())
    assert len(view.printed) == printing  # the print still waits

    def packages() -> int:
        with ctx.db.session() as s:
            number = select(Order.id).where(Order.number == "2002").scalar_subquery()
            return s.scalar(select(func.count()).where(Package.order_id == number)) or 0

    assert off_gui(packages) == 2
    station.wait(lambda: len(view.printed) > printing)  # the printer lane answered at last
    world.printer.paused = world.printer.silent = False
    off_gui(ctx.printing.retry_due)
    station.wait(lambda: world.printer.job_count() == 3)


def test_resumed_after_the_screen_was_closed_then_rfid_and_a_supervisor_ships_short(  # type: ignore[no-untyped-def]
    qtbot, station: Station, world: World, monkeypatch
) -> None:
    # A station without a scale: the packer types the weight.
    packing = world.context.packing
    monkeypatch.setattr(packing, "settings", dataclasses.replace(packing.settings, scale=""))
    view = station.view
    station.start("2001")
    station.scan("7290012345005", "7290012345012")
    assert view.scale_label.text() == "No scale" and view.weight_input.isVisible()
    station.wait(lambda: "Expected" in view.expected_label.text())
    type_text(qtbot, view.weight_input, "5000", enter=True)  # far off: the supervisor is asked
    station.wait(lambda: view.override is not None and view.override.isVisible())
    view.override.reject()  # not approved: the packer looks again
    assert view.step == "weigh" and "Not approved" in view.message.text()
    view.weight_input.clear()
    grams = expected_grams(world, view)
    type_text(qtbot, view.weight_input, str(round(grams)), enter=True)
    station.wait(lambda: view.step == "closed")

    station.start("2002")
    station.scan("7290012345005")
    station.close()  # the window closed mid-order (or the station crashed)
    again = Station(qtbot, world)
    try:
        view = again.view
        again.wait(lambda: view.session is not None)
        assert "resumed" in view.banner.text()
        assert [row.packed for row in view.lines.rows] == [1, 0]
        # One read of the pad: the second mug is found, a board game is extra, the soap
        # is missing.
        world.rfid.tags = {sgtin96("SKU-1000", 2), sgtin96("SKU-1014", 1)}
        again.wait(lambda: world.context.devices.status("pad").state is DeviceState.CONNECTED)
        view.rfid_button.click()
        again.wait(lambda: "found" in view.rfid_label.text())
        text = view.rfid_label.text()
        assert "RFID: 1 found" in text and "Missing:" in text and "Extra: 1" in text
        again.wait(lambda: [row.packed for row in view.lines.rows] == [2, 0])
        # The close is blocked while a line is missing: only a supervisor ships it short.
        assert view.step == "scan" and not view.close_button.isEnabled()
        view.short_button.click()
        dialog = view.short_dialog
        assert dialog is not None
        dialog.short_button.click()
        again.wait(lambda: view.override is not None and view.override.isVisible())
        approval = view.override
        assert approval is not None
        approval.who_input.setText("BADGE-1002")
        approval.pin_input.setText("2222")
        approval.approve_button.click()
        again.wait(lambda: view.step == "closed")
        assert "Shipped short: SKU-1001" in view.banner.text()
    finally:
        again.close()
