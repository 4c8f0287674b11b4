"""The main window: a shell that holds the screens and the status bar.

Start-up is ordered for a short wait at the sign-in screen: the window shows at once, the
database is opened off the GUI thread, the sign-in screen follows, and only then the devices
and the store sync start. Each screen's module is imported when the screen is first opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..devices.manager import DeviceState, DeviceStatus
from ..errors import FulfillmentError
from ..services.outbox_status import OutboxBacklog
from ..services.permissions import Actor, Permission
from .bridge import DeviceBridge, SyncBridge
from .home_view import HomeView, ScreenInfo
from .i18n import REMEMBERED_KEY, set_language, word
from .login_view import LoginView
from .scan_listener import ScanListener
from .screen import Screen
from .sounds import SoundPlayer
from .sync_status import SyncStatus
from .tasks import TaskRunner
from .theme import BAD, WARN, set_outcome
from .widgets import MessageLabel, heading, no_focus

if TYPE_CHECKING:  # the demo's wiring is imported by the demo command only
    from ..demo import Demo

log = logging.getLogger(__name__)

#: The outbox backlog is counted this often (and after each store sync).
BACKLOG_EVERY_MS = 10_000


def _s(text: str) -> str:
    """A screen's title or description, marked for translation (shown through
    ``QCoreApplication.translate("Screens", ...)``)."""
    return str(QT_TRANSLATE_NOOP("Screens", text))


SCREENS = (
    ScreenInfo("pick", _s("Pick"), _s("walk the next batch"), Permission.PICK),
    ScreenInfo("pack", _s("Pack"), _s("verify, weigh and ship"), Permission.PACK),
    ScreenInfo(
        "returns", _s("Returns"), _s("receive parcels, grade items"), Permission.RECEIVE_RETURNS
    ),
    ScreenInfo(
        "count", _s("Count stock"), _s("scan a location and its items"), Permission.COUNT_STOCK
    ),
    ScreenInfo(
        "dashboard", _s("Throughput"), _s("orders and lines per hour"), Permission.VIEW_REPORTS
    ),
    ScreenInfo("plan", _s("Release work"), _s("plan carts and waves"), Permission.PLAN_WORK),
    ScreenInfo("exceptions", _s("Exceptions"), _s("short picks, mismatches"), Permission.OVERRIDE),
    ScreenInfo("users", _s("Users"), _s("unlock, add, badges"), Permission.UNLOCK_USERS),
    ScreenInfo("audit", _s("Audit log"), _s("who did what"), Permission.VIEW_AUDIT),
    ScreenInfo(
        "import",
        _s("Import catalogue"),
        _s("products and locations"),
        Permission.IMPORT_CATALOGUE,
    ),
    ScreenInfo("stores", _s("Stores"), _s("sync, store changes, quarantine"), Permission.OVERRIDE),
    ScreenInfo(
        "devices", _s("Station devices"), _s("scanners, scales, printers"), Permission.CONFIGURE
    ),
    ScreenInfo("settings", _s("Settings"), _s("labels and packing"), Permission.CONFIGURE),
    ScreenInfo(
        "store-settings",
        _s("Store settings"),
        _s("connect a store, test it, sync now"),
        Permission.MANAGE_STORES,
    ),
    ScreenInfo(
        "products",
        _s("Products missing data"),
        _s("weights, barcodes, locations"),
        Permission.IMPORT_CATALOGUE,
    ),
    ScreenInfo(
        "figures", _s("My figures"), _s("your own work and score"), Permission.VIEW_OWN_FIGURES
    ),
)


def screen_title(info: ScreenInfo) -> str:
    return QCoreApplication.translate("Screens", info.title)


class StartupView(QWidget):
    """Shown while the database is opened and migrated, or when that failed."""

    def __init__(self, on_retry: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading(self.tr("Fulfillment station"), 26))
        self.message = MessageLabel()
        layout.addWidget(self.message)
        self.retry_button = QPushButton(self.tr("Try again"))
        no_focus(self.retry_button)
        self.retry_button.clicked.connect(on_retry)
        self.retry_button.hide()
        layout.addWidget(self.retry_button)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """The station's one window: start-up, sign-in, home and the screens in a stack."""

    #: The sign-in screen is up (after the database opened), each time start-up succeeds.
    sign_in_shown = Signal()

    def __init__(self, context: AppContext, *, demo: Demo | None = None):
        super().__init__()
        self.context = context
        self.demo = demo
        self.sync_bridge: SyncBridge | None = None
        self.actor: Actor | None = None
        self.runner = TaskRunner(self)
        #: The outcome sounds every screen plays (``sounds.played`` records them for tests).
        self.sounds = SoundPlayer(context.settings.ui, parent=self)
        self._closed = False
        self._first_start = False  # the database had no users at start-up
        self._device_statuses: dict[str, DeviceStatus] = {}
        self._set_title()

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.startup_view = StartupView(self.start)
        self.login_view = self._make_login_view()
        self.home_view = self._make_home_view()
        for view in (self.startup_view, self.login_view, self.home_view):
            self.stack.addWidget(view)
        self.screens: dict[str, Screen] = {}

        status = self.statusBar()
        # The engine alone (the status bar is shared by many); the whole in the tooltip.
        self.database_label = QLabel(context.db.description.split(" ", 1)[0])
        self.database_label.setToolTip(
            self.tr("Database: {name}").format(name=context.db.description)
        )
        self.user_label = QLabel(self.tr("Not signed in"))
        self.station_label = QLabel(
            self.tr("Station: {name}").format(name=context.settings.station.name)
        )
        self.busy_label = QLabel("")
        self.sync_status = SyncStatus()
        #: "N fulfillments waiting for the store" (empty while none wait).
        self.backlog_label = QLabel("")
        self.backlog_label.hide()
        self.backlog = OutboxBacklog(context.db)
        self._backlog_running = False
        self._backlog_again = False  # asked again while a count ran
        self._backlog_timer = QTimer(self)
        self._backlog_timer.setInterval(BACKLOG_EVERY_MS)
        self._backlog_timer.timeout.connect(self.refresh_backlog)
        for label in (
            self.backlog_label,
            self.sync_status,
            self.user_label,
            self.station_label,
            self.database_label,
        ):
            status.addPermanentWidget(label)
        status.addWidget(self.busy_label)
        self.runner.busy_changed.connect(
            lambda n: self.busy_label.setText(self.tr("Working…") if n else "")
        )
        self.device_labels: dict[str, QLabel] = {}
        self.bridge = DeviceBridge(context.devices, self)
        self.bridge.status_changed.connect(self.on_device_status)
        self.bridge.scanned.connect(self.on_scanned)
        #: Keyboard-wedge scans from anywhere in the window, to the current screen.
        self.scan_listener = ScanListener(
            self, self.dispatch_scan, context.settings.scan, parent=self
        )
        self.scan_listener.install()
        self._restore_geometry()

    # -- language ------------------------------------------------------------------------------

    def _set_title(self) -> None:
        self.setWindowTitle(
            self.tr("Fulfillment station (demo)")
            if self.demo is not None
            else self.tr("Fulfillment station")
        )

    def _make_login_view(self) -> LoginView:
        c, demo = self.context, self.demo
        view = LoginView(c.auth, self.runner, demo.users if demo is not None else (), c.scans)
        view.signed_in.connect(self.on_signed_in)
        view.language_chosen.connect(self.switch_language)
        return view

    def _make_home_view(self) -> HomeView:
        view = HomeView(SCREENS)
        view.open_screen.connect(self.open_screen)
        view.sign_out.connect(self.on_sign_out)
        return view

    def _replace(self, old: QWidget, new: QWidget) -> None:
        current = self.stack.currentWidget() is old
        self.stack.insertWidget(self.stack.indexOf(old), new)
        if current:
            self.stack.setCurrentWidget(new)
        self.stack.removeWidget(old)
        old.deleteLater()

    def switch_language(self, language: str) -> None:
        """Speak ``language`` from now on, without a restart: the views are built again in
        it and the screens opened so far are dropped (each is rebuilt when next opened).
        The choice is remembered for the next start (the settings file's language wins)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            language = set_language(app, language)
        QSettings().setValue(REMEMBERED_KEY, language)
        self.retranslate()

    def retranslate(self) -> None:
        self._set_title()
        startup, login, home = (
            StartupView(self.start),
            self._make_login_view(),
            self._make_home_view(),
        )
        login.show_first_start(self._first_start)
        self._replace(self.startup_view, startup)
        self._replace(self.login_view, login)
        self._replace(self.home_view, home)
        self.startup_view, self.login_view, self.home_view = startup, login, home
        for screen in self.screens.values():
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self.screens.clear()
        if self.actor is not None:
            self.home_view.show_actor(self.actor)
        self._show_user()
        self.database_label.setToolTip(
            self.tr("Database: {name}").format(name=self.context.db.description)
        )
        self.station_label.setText(
            self.tr("Station: {name}").format(name=self.context.settings.station.name)
        )
        if not self.sync_status.button.isEnabled():  # no sync has finished yet
            self.sync_status.label.setText(
                QCoreApplication.translate("SyncStatus", "Stores: first sync…")
            )
        self.sync_status.button.setText(QCoreApplication.translate("SyncStatus", "Sync now"))
        for status in list(self._device_statuses.values()):
            self.on_device_status(status)
        self.refresh_backlog()

    def _show_user(self) -> None:
        actor = self.actor
        self.user_label.setText(
            self.tr("User: {name} ({role})").format(name=actor.name, role=word(actor.role))
            if actor is not None
            else self.tr("Not signed in")
        )

    # -- start-up ------------------------------------------------------------------------------

    def start(self) -> None:
        """Open and migrate the database off the GUI thread, then show the sign-in."""
        self.startup_view.retry_button.hide()
        self.startup_view.message.show_info(
            self.tr("Opening the database ({name})…").format(name=self.context.db.description)
        )
        self.stack.setCurrentWidget(self.startup_view)
        context, demo = self.context, self.demo

        def open_database() -> bool:
            context.start()
            if demo is not None:
                demo.prepare(context)
            return context.auth.has_users()

        self.runner.run(open_database, self._on_started, self._on_start_failed)

    def _on_started(self, has_users: bool) -> None:
        self._first_start = not has_users
        self.stack.setCurrentWidget(self.login_view)
        self.login_view.show_first_start(not has_users)
        self.login_view.reset()
        self.login_view.show_first_start(not has_users)
        self.sign_in_shown.emit()
        # Devices and the store sync wait until the sign-in screen has been drawn: a person
        # can sign in while ports open and the first sync runs.
        QTimer.singleShot(0, self._start_background)

    def _start_background(self) -> None:
        if self._closed:  # closed before the deferred start came round
            return
        self.runner.run(self.context.start_devices, None, self._on_devices_failed)
        self._start_sync()
        self.refresh_backlog()
        self._backlog_timer.start()

    def _on_devices_failed(self, error: FulfillmentError) -> None:
        self.statusBar().showMessage(
            self.tr("The station's devices did not start: {error}").format(error=error), 30_000
        )

    def _on_start_failed(self, error: FulfillmentError) -> None:
        self.startup_view.message.show_error(error)
        self.startup_view.retry_button.show()

    def _start_sync(self) -> None:
        """Store sync on its own thread; its news reaches the status bar through signals."""
        if self.sync_bridge is not None or self.context.settings.sync.every_s <= 0:
            return
        loop = self.context.start_sync()
        self.sync_bridge = SyncBridge(loop, self)
        self.sync_bridge.progress.connect(self.sync_status.on_progress)
        self.sync_bridge.finished.connect(self.sync_status.on_finished)
        self.sync_bridge.finished.connect(lambda _reports: self.refresh_backlog())
        self.sync_status.button.clicked.connect(loop.sync_now)
        loop.start()

    # -- devices -------------------------------------------------------------------------------

    def on_device_status(self, status: DeviceStatus) -> None:
        self._device_statuses[status.name] = status
        label = self.device_labels.get(status.name)
        if label is None:
            label = QLabel()
            self.device_labels[status.name] = label
            # After the one temporary widget (busy_label): first of the permanent ones.
            self.statusBar().insertPermanentWidget(1, label)
        good = status.state is DeviceState.CONNECTED and not status.detail
        # Short while all is well (the status bar is shared); the state in words when not.
        label.setText(
            self.tr("{device} ✓").format(device=status.name)
            if good
            else self.tr("{device}: {state} ⚠").format(device=status.name, state=word(status.state))
        )
        set_outcome(label, "" if good else BAD)
        label.setToolTip(status.detail or status.state.value)

    def on_scanned(self, device: str, data: bytes) -> None:
        """A scan from a serial scanner: handled as a keyboard-wedge scan is."""
        self.dispatch_scan(data.decode("utf-8", errors="replace"))

    def dispatch_scan(self, raw: str) -> None:
        """Every scan ends here, from the wedge listener or a serial scanner: the current
        screen takes it if it takes scans; anywhere else the status bar says why nothing
        happened, so that a scan never vanishes without a word."""
        current = self.stack.currentWidget()
        if getattr(current, "takes_scans", False):
            current.on_scan(raw)  # type: ignore[union-attr]
            return
        if current is self.startup_view:
            text = self.tr("The station is still starting: scan again in a moment.")
        else:
            text = self.tr("This screen does not take scans: open Pack or Pick.")
        self.sounds.play("attention")
        self.statusBar().showMessage(text, 10_000)

    # -- the outbox backlog -------------------------------------------------------------------

    def refresh_backlog(self) -> None:
        """Count the fulfillments waiting for their store, off the GUI thread. Asked while a
        count is running, it counts once more after it: that count may predate the change."""
        if self._closed:
            return
        if self._backlog_running:
            self._backlog_again = True
            return
        self._backlog_again = False
        self._backlog_running = True
        self.runner.run(
            self.backlog.waiting, self._show_backlog, self._backlog_failed, lane="status"
        )

    def _show_backlog(self, waiting: int) -> None:
        self._backlog_running = False
        if self._backlog_again:
            self.refresh_backlog()
        self.backlog_label.setVisible(waiting > 0)
        self.backlog_label.setText(
            self.tr("1 fulfillment waiting for the store")
            if waiting == 1
            else self.tr("{count} fulfillments waiting for the store").format(count=waiting)
        )
        set_outcome(self.backlog_label, WARN if waiting else "")

    def _backlog_failed(self, error: FulfillmentError) -> None:
        self._backlog_running = False
        if self._backlog_again:
            self.refresh_backlog()
        log.info("the outbox backlog could not be counted: %s", error)

    # -- navigation ----------------------------------------------------------------------------

    def on_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self._show_user()
        self.home_view.show_actor(actor)
        self.stack.setCurrentWidget(self.home_view)

    def on_sign_out(self) -> None:
        if self.actor is not None:  # the end of the signed-in time, for the figures
            actor, auth = self.actor, self.context.auth
            self.runner.run(lambda: auth.sign_out(actor))
        self.actor = None
        self._show_user()
        self.login_view.reset()
        self.stack.setCurrentWidget(self.login_view)

    def open_screen(self, key: str) -> None:
        actor = self.actor
        info = next((s for s in SCREENS if s.key == key), None)
        if actor is None or info is None or not actor.can(info.permission):
            return
        screen = self.screens.get(key)
        if screen is None:
            screen = self._make_screen(info)
            screen.back.connect(self.go_home)
            self.screens[key] = screen
            self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        screen.activate(actor)

    def go_home(self) -> None:
        if self.actor is not None:
            self.stack.setCurrentWidget(self.home_view)

    def _make_screen(self, info: ScreenInfo) -> Screen:
        # Imported here, when first opened: the sign-in screen does not wait for them.
        c = self.context
        if info.key == "users":
            from .users_view import UsersView

            return UsersView(c.users, self.runner)
        if info.key == "audit":
            from .audit_view import AuditView

            return AuditView(c.audit, self.runner)
        if info.key == "import":
            from .import_view import ImportView

            return ImportView(c.catalogue, self.runner)
        if info.key == "pick":
            from .pick_view import PickView

            return PickView(
                c.picking, c.scans, self.runner, self.sounds,
                image_dir=c.settings.data_dir / "images",
            )  # fmt: skip
        if info.key == "plan":
            from .plan_view import PlanView

            return PlanView(c.planner, self.runner)
        if info.key == "stores":
            from .stores_view import StoresView

            loop = c.sync_loop
            return StoresView(c.stores, c.review, self.runner, loop.sync_now if loop else None)
        if info.key == "pack":
            from .pack_view import PackView

            return PackView(c, self.runner, self.sounds)
        if info.key == "returns":
            from .returns_view import ReturnsView

            return ReturnsView(c, self.runner, self.sounds)
        if info.key == "count":
            from .count_view import CountView

            return CountView(c, self.runner, self.sounds)
        if info.key == "exceptions":
            from .exceptions_view import ExceptionsView

            return ExceptionsView(c, self.runner, self.sounds, open_stores=self._open_quarantine)
        if info.key == "devices":
            from .devices_view import DevicesView

            view = DevicesView(c, self.runner, self.sounds)
            view.follow(self.bridge.status_changed)
            return view
        if info.key == "settings":
            from .settings_view import SettingsView

            return SettingsView(c, self.runner, self.sounds)
        if info.key == "store-settings":
            from .settings_stores_view import SettingsStoresView

            return SettingsStoresView(c, self.runner, self.sounds)
        if info.key == "products":
            from .settings_products_view import SettingsProductsView

            return SettingsProductsView(c, self.runner, self.sounds)
        if info.key == "dashboard":
            from .dashboard_view import DashboardView

            return DashboardView(c, self.runner, self.sounds)
        if info.key == "figures":
            from .my_figures_view import MyFiguresView

            return MyFiguresView(c, self.runner)
        # Every entry of SCREENS has its screen above (tests/test_hebrew.py opens them all).
        raise LookupError(f"no screen is built for {info.key!r}")

    def _open_quarantine(self) -> None:
        """From the exceptions: the Stores screen, on its quarantined orders."""
        self.open_screen("stores")
        stores = self.screens.get("stores")
        if stores is not None and self.stack.currentWidget() is stores:
            stores.show_quarantined()  # type: ignore[attr-defined]

    # -- window state (a user preference, kept apart from the settings) -------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1024, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self.scan_listener.uninstall()
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        self.context.sync.stop_event.set()  # a sync run in a lane ends before the lane is joined
        self.runner.shutdown()
        self.context.close()
        super().closeEvent(event)
