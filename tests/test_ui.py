"""The desktop shell driven as a person would, through pytest-qt (offscreen).

The UI tests run on a SQLite file only: what the services do on PostgreSQL is covered by the
service tests; here the subject is the screens. Every test also checks that no SQL statement
ran on the GUI thread.
"""

from __future__ import annotations

import concurrent.futures
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Role
from fulfillment_app.demo import Demo, DemoStore
from fulfillment_app.ui.launch import apply_language
from fulfillment_app.ui.main_window import MainWindow
from tests.keyboard import scan, type_text

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
TIMEOUT = 10_000


@pytest.fixture
def people(sqlite_context: AppContext) -> AppContext:
    admin = sqlite_context.command_line_actor()
    sqlite_context.users.add(admin, "Dana", Role.ADMIN, "1111", "BADGE-1001")
    sqlite_context.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
    sqlite_context.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003")
    sqlite_context.users.add(admin, "Avi", Role.PICKER, "4444", "BADGE-1004")
    return sqlite_context


@contextmanager
def _window(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext, demo: Demo | None = None
) -> Iterator[MainWindow]:
    sql_threads: list[str] = []

    @event.listens_for(context.db.engine, "before_cursor_execute")
    def _record(*_args) -> None:  # type: ignore[no-untyped-def]
        sql_threads.append(threading.current_thread().name)

    window = MainWindow(context, demo=demo)
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        yield window
    finally:
        window.close()
    event.remove(context.db.engine, "before_cursor_execute", _record)
    assert sql_threads, "the window should have used the database"
    assert "MainThread" not in sql_threads, "SQL ran on the GUI thread"


@pytest.fixture
def window(qtbot, people: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    with _window(qtbot, people) as w:
        yield w


def _wait_login(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_view, timeout=TIMEOUT)


def _scan(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard-wedge scanner: the characters, then Enter (the window's scan
    listener takes it to the current screen, wherever the focus is)."""
    widget.setFocus()
    scan(qtbot, widget, text)


def _scan_badge_and_pin(qtbot, window: MainWindow, badge: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    """A supervisor's or admin's badge: the scan, then the PIN the screen asks for."""
    login = window.login_view
    _scan(qtbot, login.badge_input, badge)
    qtbot.waitUntil(lambda: login.asking_badge_pin, timeout=TIMEOUT)
    type_text(qtbot, login.badge_pin_input, pin, enter=True)


def _sign_in_pin(qtbot, window: MainWindow, name: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    login = window.login_view
    login.name_input.setText(name)
    type_text(qtbot, login.pin_input, pin)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)


def _wait_home(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_view, timeout=TIMEOUT)


def test_badge_scan_signs_in_to_the_role_home(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    # The name field has the focus, for typing; a badge scan signs in all the same.
    assert window.focusWidget() is window.login_view.name_input
    scan(qtbot, window.login_view.name_input, "BADGE-1003")
    _wait_home(qtbot, window)
    assert set(window.home_view.buttons) == {"pack", "returns", "figures"}
    assert window.home_view.greeting.text() == "Hello, Noa"
    assert window.user_label.text() == "User: Noa (packer)"
    assert window.station_label.text() == "Station: test-station"
    assert window.database_label.text() == "SQLite"
    assert window.database_label.toolTip().startswith("Database: SQLite ")


@pytest.mark.parametrize(
    ("badge", "pin", "screens"),
    [
        ("BADGE-1004", None, {"pick", "count", "figures"}),
        (
            "BADGE-1002",
            "2222",
            {
                "pick",
                "pack",
                "returns",
                "count",
                "dashboard",
                "plan",
                "exceptions",
                "users",
                "audit",
                "stores",
                "figures",
            },
        ),
        (
            "BADGE-1001",
            "1111",
            {
                "pick",
                "pack",
                "returns",
                "count",
                "dashboard",
                "plan",
                "exceptions",
                "users",
                "audit",
                "import",
                "stores",
                "devices",
                "settings",
                "store-settings",
                "products",
                "figures",
            },
        ),
    ],
)
def test_each_role_sees_its_screens(qtbot, window: MainWindow, badge: str, pin, screens) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    if pin is None:
        _scan(qtbot, window.login_view.badge_input, badge)
    else:
        _scan_badge_and_pin(qtbot, window, badge, pin)
    _wait_home(qtbot, window)
    assert set(window.home_view.buttons) == screens


def test_a_screen_outside_the_role_cannot_be_opened(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _scan(qtbot, window.login_view.badge_input, "BADGE-1003")
    _wait_home(qtbot, window)
    window.open_screen("users")  # as if a stray shortcut or signal asked for it
    assert window.stack.currentWidget() is window.home_view


def test_wrong_pin_is_explained_and_five_lock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    message = window.login_view.message
    _sign_in_pin(qtbot, window, "Avi", "9999")
    qtbot.waitUntil(lambda: "Unknown name or wrong PIN." in message.text(), timeout=TIMEOUT)
    assert window.login_view.pin_input.text() == ""  # a typed PIN never lingers
    for _ in range(4):
        _sign_in_pin(qtbot, window, "Avi", "9999")
        qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=TIMEOUT)
    assert "locked" in message.text()
    _sign_in_pin(qtbot, window, "Avi", "4444")
    qtbot.waitUntil(lambda: "Try again in" in message.text(), timeout=TIMEOUT)
    assert window.stack.currentWidget() is window.login_view


def test_a_supervisor_badge_asks_for_the_pin(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    login = window.login_view
    _wait_login(qtbot, window)
    _scan(qtbot, login.badge_input, "BADGE-1002")
    qtbot.waitUntil(lambda: login.asking_badge_pin, timeout=TIMEOUT)
    assert window.actor is None  # the badge alone signed nobody in
    assert "Yossi (supervisor): type your PIN" in login.badge_pin_prompt.text()
    assert login.badge_pin_input.hasFocus()
    # A wrong PIN is explained, the PIN field is emptied, and the screen waits for another.
    type_text(qtbot, login.badge_pin_input, "9999", enter=True)
    qtbot.waitUntil(
        lambda: "Unknown name or wrong PIN." in login.badge_pin_message.text(), timeout=TIMEOUT
    )
    assert login.asking_badge_pin and login.badge_pin_input.text() == "" and window.actor is None
    # Esc goes back to the badge scan and forgets the badge.
    qtbot.keyClick(login.badge_pin_input, Qt.Key.Key_Escape)
    assert not login.asking_badge_pin and login.name_input.hasFocus()
    type_text(qtbot, login.badge_pin_input, "2222", enter=True)  # hidden: must not sign in
    assert window.actor is None
    login.badge_pin_input.clear()
    _scan_badge_and_pin(qtbot, window, "BADGE-1002", "2222")
    _wait_home(qtbot, window)
    assert window.user_label.text() == "User: Yossi (supervisor)"
    # A packer's badge alone is still enough.
    qtbot.mouseClick(window.home_view.sign_out_button, Qt.MouseButton.LeftButton)
    assert not login.asking_badge_pin
    _scan(qtbot, login.badge_input, "BADGE-1003")
    _wait_home(qtbot, window)


def test_unknown_badge_keeps_the_login_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _scan(qtbot, window.login_view.badge_input, "BADGE-UNKNOWN")
    qtbot.waitUntil(lambda: "not registered" in window.login_view.message.text(), timeout=TIMEOUT)
    assert window.login_view.badge_input.text() == ""


@pytest.fixture
def avi_locked(people: AppContext) -> None:
    from fulfillment_app.errors import AuthenticationFailed, UserLocked

    for _ in range(5):
        with pytest.raises((AuthenticationFailed, UserLocked)):
            people.auth.login_with_pin("Avi", "0000")


def test_supervisor_unlocks_a_user_on_the_users_screen(qtbot, avi_locked, window) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _scan_badge_and_pin(qtbot, window, "BADGE-1002", "2222")
    _wait_home(qtbot, window)
    qtbot.mouseClick(window.home_view.buttons["users"], Qt.MouseButton.LeftButton)
    users = window.screens["users"]
    qtbot.waitUntil(lambda: users.table.rowCount() == 4, timeout=TIMEOUT)
    assert not users.add_box.isVisible()  # adding users is an admin's job
    names = [users.table.item(r, 0).text() for r in range(4)]
    row = names.index("Avi")
    assert users.table.item(row, 3).text() != ""  # locked until ...
    users.table.selectRow(row)
    qtbot.mouseClick(users.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: users.message.text() == "Avi is unlocked.", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: users.table.item(row, 3).text() == "", timeout=TIMEOUT)
    qtbot.keyClick(users, Qt.Key.Key_Escape)  # the Back button's shortcut: animated click
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_view, timeout=TIMEOUT)


def test_admin_adds_a_user_and_sees_the_audit_log(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _sign_in_pin(qtbot, window, "Dana", "1111")
    _wait_home(qtbot, window)
    window.open_screen("users")
    users = window.screens["users"]
    qtbot.waitUntil(lambda: users.table.rowCount() == 4, timeout=TIMEOUT)
    users.new_name.setText("Lior")
    users.new_role.setCurrentIndex(users.new_role.findText("packer"))
    type_text(qtbot, users.new_pin, "55")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "A PIN must be 4 to 12 digits" in users.message.text(), timeout=TIMEOUT)
    type_text(qtbot, users.new_pin, "5566")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: users.table.rowCount() == 5, timeout=TIMEOUT)
    assert users.message.text() == "Lior is added."

    window.go_home()
    window.open_screen("audit")
    audit = window.screens["audit"]
    qtbot.waitUntil(lambda: audit.table.rowCount() > 0, timeout=TIMEOUT)
    assert audit.table.item(0, 3).text() == "user.created"
    assert audit.table.item(0, 1).text() == "Dana (admin)"


def test_admin_imports_a_catalogue(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _scan_badge_and_pin(qtbot, window, "BADGE-1001", "1111")
    _wait_home(qtbot, window)
    window.open_screen("import")
    view = window.screens["import"]
    view.start_import("locations", RESOURCES / "sample-locations.csv")
    qtbot.waitUntil(lambda: "240 created" in view.message.text(), timeout=TIMEOUT)
    bad = window.context.settings.data_dir / "bad.csv"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("sku,name,barcode,weight_g\nA,Mug,,1\nB,Cup,,x\n", encoding="utf-8")
    view.start_import("products", bad)
    qtbot.waitUntil(lambda: "1 rejected" in view.message.text(), timeout=TIMEOUT)
    assert "line 3: weight_g 'x' is not a number" in view.details.toPlainText()


def test_sign_out_returns_to_a_clean_login(qtbot, window, people) -> None:  # type: ignore[no-untyped-def]
    _wait_login(qtbot, window)
    _scan(qtbot, window.login_view.badge_input, "BADGE-1004")
    _wait_home(qtbot, window)
    qtbot.mouseClick(window.home_view.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.login_view
    assert window.user_label.text() == "Not signed in"
    assert window.login_view.name_input.text() == "" and window.actor is None
    # The sign-out is recorded: it ends the signed-in time of the figures.
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=TIMEOUT)
    admin = people.command_line_actor()
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # the test's SQL, off the GUI thread
        entries = pool.submit(lambda: people.audit.recent(admin, limit=5)).result()
    assert any(e.action == "auth.logout" and "Avi" in e.target for e in entries)


def test_first_start_creates_the_administrator(qtbot, sqlite_context) -> None:  # type: ignore[no-untyped-def]
    with _window(qtbot, sqlite_context) as window:
        login = window.login_view
        qtbot.waitUntil(lambda: login.admin_name.isVisible(), timeout=TIMEOUT)
        login.admin_name.setText("Dana")
        type_text(qtbot, login.admin_pin, "1234")
        type_text(qtbot, login.admin_pin_again, "1235")
        qtbot.mouseClick(login.create_admin_button, Qt.MouseButton.LeftButton)
        assert "differ" in login.admin_message.text()
        type_text(qtbot, login.admin_pin, "1234")
        type_text(qtbot, login.admin_pin_again, "1234", enter=True)
        _wait_home(qtbot, window)
        assert "import" in window.home_view.buttons
        assert window.user_label.text() == "User: Dana (admin)"


def test_demo_start_shows_demo_users(qtbot, sqlite_context) -> None:  # type: ignore[no-untyped-def]
    with _window(qtbot, sqlite_context, demo=Demo()) as window:
        _wait_login(qtbot, window)
        _scan_badge_and_pin(qtbot, window, "BADGE-1002", "2222")
        _wait_home(qtbot, window)
        assert window.windowTitle().endswith("(demo)")


def test_the_demo_shop_syncs_in_the_background(qtbot, sqlite_context) -> None:  # type: ignore[no-untyped-def]
    """Orders arrive from the demo's store emulator on the sync thread (never the GUI
    thread: _window checks), and the status bar says so."""
    store = DemoStore(orders=15, every_s=3600)
    try:
        with _window(qtbot, sqlite_context, demo=Demo(store)) as window:
            qtbot.waitUntil(lambda: "synced" in window.sync_status.label.text(), timeout=20_000)
            malformed = sum(1 for o in store.shop.orders.values() if o.malformed)
            assert f"({15 - malformed} new)" in window.sync_status.label.text()
            assert "Demo shop:" in window.sync_status.label.toolTip()
            assert window.sync_status.button.isEnabled()
            window.sync_status.button.click()  # sync now: one more round, nothing new
            qtbot.waitUntil(lambda: "(0 new)" in window.sync_status.label.text(), timeout=20_000)
    finally:
        store.close()
    assert len(sqlite_context.review.orders()) == 15 - malformed


def off_gui(call):  # type: ignore[no-untyped-def]
    """Run a service call of the test's own on another thread (the window under test may
    not see SQL on the GUI thread)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result(timeout=30)


def test_supervisor_sees_the_stores_and_applies_a_store_change(qtbot, sqlite_context) -> None:  # type: ignore[no-untyped-def]
    """The demo shop cancels an order the packer is working on: the supervisor sees the
    change, the quarantined orders and their payload, and applies the cancellation."""
    store = DemoStore(orders=6, every_s=3600)
    # One order of the six is malformed, whatever the seeded generator made: the quarantine
    # has something to show.
    broken = list(store.shop.orders.values())[-1]
    broken.malformed = "bad-status"
    try:
        with _window(qtbot, sqlite_context, demo=Demo(store)) as window:
            qtbot.waitUntil(lambda: "new" in window.sync_status.label.text(), timeout=20_000)
            ctx = sqlite_context
            first = next(o for o in store.shop.orders.values() if not o.malformed)
            number = str(first.number)
            actor = ctx.command_line_actor()
            off_gui(lambda: ctx.packing.start(actor, number))  # another station, as it were
            with store.shop.lock:
                first.status = "cancelled"
                store.shop.touch(first)
            ctx.sync_loop.sync_now()
            qtbot.waitUntil(
                lambda: bool(off_gui(lambda: ctx.review.changes(actor))), timeout=20_000
            )

            _wait_login(qtbot, window)
            _scan_badge_and_pin(qtbot, window, "BADGE-1002", "2222")  # Yossi, supervisor
            _wait_home(qtbot, window)
            window.open_screen("stores")
            view = window.screens["stores"]
            qtbot.waitUntil(lambda: view.changes_table.rowCount() == 1, timeout=TIMEOUT)
            assert view.stores_table.item(0, 0).text() == "Demo shop"
            assert "cancelled in the store" in view.changes_table.item(0, 2).text()
            malformed = {o.id for o in store.shop.orders.values() if o.malformed}
            assert view.quarantine_table.rowCount() == len(malformed)
            view.quarantine_table.selectRow(0)
            # The store's own record, as it came: a WooCommerce order with its lines.
            payload = json.loads(view.payload.toPlainText())
            assert payload["id"] in malformed
            assert "line_items" in payload
            view.changes_table.selectRow(0)
            view.note.setText("customer cancelled by phone")
            qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: view.changes_table.rowCount() == 0, timeout=TIMEOUT)
            assert "applied" in view.message.text()
    finally:
        store.close()
    orders = {o["number"]: o for o in sqlite_context.review.orders()}
    assert orders[number]["status"] == "cancelled"


def test_an_unreachable_database_is_explained_with_a_retry(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings

    context = AppContext.build(
        make_settings("postgresql+psycopg://postgres@127.0.0.1:1/x", tmp_path)
    )
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.start()
    view = window.startup_view
    qtbot.waitUntil(lambda: view.retry_button.isVisible(), timeout=TIMEOUT)
    assert view.message.text().startswith("Cannot reach the database PostgreSQL")
    assert "Traceback" not in view.message.text()
    window.close()


def test_hebrew_mirrors_the_layout(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    try:
        apply_language(app, "he")
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        apply_language(app, "en")
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.fixture
def station_with_devices(tmp_path):  # type: ignore[no-untyped-def]
    """A station with a simulated scale and serial scanner on pseudo-terminals."""
    from fulfillment_app.config import DeviceSettings
    from fulfillment_app.devices.simulators import ScaleSimulator, ScannerSimulator
    from tests.conftest import make_settings

    scale = ScaleSimulator("sics", tmp_path / "scale", grams=300)
    scanner = ScannerSimulator(tmp_path / "scanner")
    settings = make_settings(f"sqlite:///{tmp_path / 'ui.sqlite3'}", tmp_path).replace(
        devices={
            "scale": DeviceSettings(kind="scale", url=scale.url, protocol="sics", timeout_s=0.5),
            "gun": DeviceSettings(kind="scanner", url=scanner.url),
        }
    )
    context = AppContext.build(settings)
    context.start()
    context.users.add(context.command_line_actor(), "Noa", Role.PACKER, "3333", "BADGE-1003")
    yield context, scale, scanner
    context.close()
    scale.close()
    scanner.close()


def test_device_status_and_serial_badge_scan(qtbot, station_with_devices) -> None:  # type: ignore[no-untyped-def]
    context, scale, scanner = station_with_devices
    with _window(qtbot, context) as window:
        _wait_login(qtbot, window)
        qtbot.waitUntil(lambda: set(window.device_labels) == {"scale", "gun"}, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.device_labels["scale"].text() == "scale ✓", timeout=TIMEOUT)
        scanner.scan("5901234123457")
        qtbot.waitUntil(lambda: "not a badge" in window.login_view.message.text(), timeout=TIMEOUT)
        scanner.scan("BADGE-1003")
        _wait_home(qtbot, window)
        assert window.user_label.text() == "User: Noa (packer)"

        scale.unplug()
        label = window.device_labels["scale"]
        qtbot.waitUntil(lambda: "reconnecting ⚠" in label.text(), timeout=TIMEOUT)
        # The port is gone: while it stays gone, the tooltip says what to check.
        qtbot.waitUntil(lambda: "plugged in" in label.toolTip(), timeout=TIMEOUT)
        scale.replug()
        qtbot.waitUntil(lambda: label.text() == "scale ✓", timeout=20_000)


def test_a_picker_walks_a_cart_by_scanner_alone(qtbot, people: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Badge in, open Pick: the cart's first pick in large type; a wrong location is refused
    on the spot, a wrong item by the service; location, item and tote scans confirm each pick;
    CMD:SKIP moves one to the end; the last pick says to take the cart to packing."""
    from sqlalchemy import select, update

    from fulfillment_app.db.models import Order, OrderLine, OrderStatus, Product, Stock

    ctx = people
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    with ctx.db.session() as s:
        s.execute(update(Stock).values(quantity=5))
        ids = {p.sku: p.id for p in s.scalars(select(Product))}
        for number, skus in (("5001", ["SKU-1000", "SKU-1004"]), ("5002", ["SKU-1010"])):
            order = Order(external_id=number, number=number)
            order.lines = [
                OrderLine(sku=sku, name=sku, quantity=1, product_id=ids[sku]) for sku in skus
            ]
            s.add(order)
    with _window(qtbot, ctx) as window:
        _wait_login(qtbot, window)
        _scan_badge_and_pin(qtbot, window, "BADGE-1002", "2222")  # Yossi releases the work
        _wait_home(qtbot, window)
        window.open_screen("plan")
        plan = window.screens["plan"]
        qtbot.waitUntil(lambda: plan.release_button.isEnabled(), timeout=TIMEOUT)
        assert plan.table.rowCount() == 1 and "2 orders" in plan.summary.text()
        qtbot.mouseClick(plan.release_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Released 1 cart (2 orders" in plan.message.text(), timeout=TIMEOUT)
        window.home_view.sign_out.emit()
        _wait_login(qtbot, window)
        _scan(qtbot, window.login_view.badge_input, "BADGE-1004")  # Avi, picker
        _wait_home(qtbot, window)
        window.open_screen("pick")
        view = window.screens["pick"]
        qtbot.waitUntil(lambda: view.cart is not None, timeout=TIMEOUT)
        task = view.cart.current
        assert view.location_label.text() == task.location and "of 3 done" in view.progress.text()
        _scan(qtbot, view.scan_field, "Z-99-99-9")
        assert "Wrong location" in view.message.text() and view.step == "location"
        _scan(qtbot, view.scan_field, task.location)
        assert view.step == "item"
        wrong = "SKU-1019"
        _scan(qtbot, view.scan_field, wrong)
        _scan(qtbot, view.scan_field, str(task.slot))
        qtbot.waitUntil(lambda: "Wrong item" in view.message.text(), timeout=TIMEOUT)
        assert view.step == "item"
        _scan(qtbot, view.scan_field, "CMD:SKIP")
        qtbot.waitUntil(lambda: view.cart.current.task_id != task.task_id, timeout=TIMEOUT)
        picked = []
        while view.cart.current is not None:
            current = view.cart.current
            picked.append(current.task_id)
            for scan in (current.location, current.sku, f"TOTE-{current.slot:02d}"):
                _scan(qtbot, view.scan_field, scan)
            qtbot.waitUntil(
                lambda c=current: (
                    view.cart.current is None or view.cart.current.task_id != c.task_id
                ),
                timeout=TIMEOUT,
            )
        assert picked[-1] == task.task_id  # the skipped one came last
        assert "take it to packing" in view.message.text()
        assert view.claim_button.isEnabled()

        def statuses() -> set[OrderStatus]:
            with ctx.db.session() as s:
                return set(s.scalars(select(Order.status)))

        assert off_gui(statuses) == {OrderStatus.PICKED}
