"""The main window: a shell that holds the screens and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..devices.manager import DeviceState, DeviceStatus
from ..services import demo as demo_service
from ..services.permissions import Actor, Permission
from .audit_view import AuditView
from .bridge import DeviceBridge, SyncBridge
from .home_view import HomeView, ScreenInfo
from .import_view import ImportView
from .login_view import LoginView
from .pick_view import PickView
from .plan_view import PlanView
from .screen import PlaceholderScreen, Screen
from .stores_view import StoresView
from .sync_status import SyncStatus
from .tasks import TaskRunner
from .users_view import UsersView
from .widgets import MessageLabel, heading

log = logging.getLogger(__name__)

SCREENS = (
    ScreenInfo("pick", "Pick", "walk the next batch", Permission.PICK),
    ScreenInfo("pack", "Pack", "verify, weigh and ship", Permission.PACK),
    ScreenInfo("dashboard", "Throughput", "orders and lines per hour", Permission.VIEW_REPORTS),
    ScreenInfo("plan", "Release work", "plan carts and waves", Permission.PLAN_WORK),
    ScreenInfo("exceptions", "Exceptions", "short picks, mismatches", Permission.OVERRIDE),
    ScreenInfo("users", "Users", "unlock, add, badges", Permission.UNLOCK_USERS),
    ScreenInfo("audit", "Audit log", "who did what", Permission.VIEW_AUDIT),
    ScreenInfo("import", "Import catalogue", "products and locations", Permission.IMPORT_CATALOGUE),
    ScreenInfo("stores", "Stores", "sync, store changes, quarantine", Permission.OVERRIDE),
    ScreenInfo("devices", "Station devices", "scanners, scales, printers", Permission.CONFIGURE),
)


class StartupView(QWidget):
    """Shown while the database is opened and migrated, or when that failed."""

    def __init__(self, on_retry: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading("Fulfillment station"))
        self.message = MessageLabel()
        layout.addWidget(self.message)
        self.retry_button = QPushButton("Try again")
        self.retry_button.clicked.connect(on_retry)
        self.retry_button.hide()
        layout.addWidget(self.retry_button)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, *, demo: bool = False, demo_store: str | None = None):
        super().__init__()
        self.context = context
        self.demo = demo
        self.demo_store = demo_store
        self.sync_bridge: SyncBridge | None = None
        self.actor: Actor | None = None
        self.runner = TaskRunner(self)
        self.setWindowTitle("Fulfillment station" + (" (demo)" if demo else ""))

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.startup_view = StartupView(self.start)
        self.login_view = LoginView(
            context.auth, self.runner, demo_service.DEMO_USERS if demo else ()
        )
        self.login_view.signed_in.connect(self.on_signed_in)
        self.home_view = HomeView(SCREENS)
        self.home_view.open_screen.connect(self.open_screen)
        self.home_view.sign_out.connect(self.on_sign_out)
        for view in (self.startup_view, self.login_view, self.home_view):
            self.stack.addWidget(view)
        self.screens: dict[str, Screen] = {}

        status = self.statusBar()
        self.database_label = QLabel(f"Database: {context.db.description}")
        self.user_label = QLabel("Not signed in")
        self.station_label = QLabel(f"Station: {context.settings.station.name}")
        self.busy_label = QLabel("")
        self.sync_status = SyncStatus()
        for label in (self.sync_status, self.user_label, self.station_label, self.database_label):
            status.addPermanentWidget(label)
        status.addWidget(self.busy_label)
        self.runner.busy_changed.connect(lambda n: self.busy_label.setText("Working…" if n else ""))
        self.device_labels: dict[str, QLabel] = {}
        self.bridge = DeviceBridge(context.devices, self)
        self.bridge.status_changed.connect(self.on_device_status)
        self.bridge.scanned.connect(self.on_scanned)
        self._restore_geometry()

    # -- start-up ------------------------------------------------------------------------------

    def start(self) -> None:
        """Open and migrate the database off the GUI thread, then show the sign-in."""
        self.startup_view.retry_button.hide()
        self.startup_view.message.show_info(
            f"Opening the database ({self.context.db.description})…"
        )
        self.stack.setCurrentWidget(self.startup_view)
        context, demo, demo_store = self.context, self.demo, self.demo_store

        def open_database() -> bool:
            context.start()
            if demo:
                demo_service.seed(context)
                if demo_store:
                    demo_service.connect_demo_store(context, demo_store)
            context.start_devices()
            return context.auth.has_users()

        self.runner.run(open_database, self._on_started, self._on_start_failed)

    def _on_started(self, has_users: bool) -> None:
        self._start_sync()
        self.stack.setCurrentWidget(self.login_view)
        self.login_view.show_first_start(not has_users)
        self.login_view.reset()
        self.login_view.show_first_start(not has_users)

    def _on_start_failed(self, message: str) -> None:
        self.startup_view.message.show_error(message)
        self.startup_view.retry_button.show()

    def _start_sync(self) -> None:
        """Store sync on its own thread; its news reaches the status bar through signals."""
        if self.sync_bridge is not None or self.context.settings.sync.every_s <= 0:
            return
        loop = self.context.start_sync()
        self.sync_bridge = SyncBridge(loop, self)
        self.sync_bridge.progress.connect(self.sync_status.on_progress)
        self.sync_bridge.finished.connect(self.sync_status.on_finished)
        self.sync_status.button.clicked.connect(loop.sync_now)
        loop.start()

    # -- devices -------------------------------------------------------------------------------

    def on_device_status(self, status: DeviceStatus) -> None:
        label = self.device_labels.get(status.name)
        if label is None:
            label = QLabel()
            self.device_labels[status.name] = label
            # After the one temporary widget (busy_label): first of the permanent ones.
            self.statusBar().insertPermanentWidget(1, label)
        good = status.state is DeviceState.CONNECTED and not status.detail
        label.setText(f"{status.name}: {status.state.value}" + ("" if good else " ⚠"))
        label.setStyleSheet("" if good else "color: #b00020;")
        label.setToolTip(status.detail or status.state.value)

    def on_scanned(self, device: str, data: bytes) -> None:
        """A scan from a serial scanner: on the sign-in screen a badge signs in."""
        result = self.context.scans.interpret(data)  # pure, microseconds: no I/O here
        current = self.stack.currentWidget()
        if isinstance(current, PickView):
            current.on_scan(data.decode("utf-8", errors="replace"))
            return
        if current is self.login_view:
            if result.kind == "badge" and result.value:
                self.login_view.sign_in_with_badge(result.value)
            else:
                self.login_view.message.show_error(
                    "That is not a badge. Scan your badge to sign in."
                    if result.kind != "error"
                    else (result.error or "")
                )

    # -- navigation ----------------------------------------------------------------------------

    def on_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.user_label.setText(f"User: {actor.name} ({actor.role.value})")
        self.home_view.show_actor(actor)
        self.stack.setCurrentWidget(self.home_view)

    def on_sign_out(self) -> None:
        self.actor = None
        self.user_label.setText("Not signed in")
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
        c = self.context
        if info.key == "users":
            return UsersView(c.users, self.runner)
        if info.key == "audit":
            return AuditView(c.audit, self.runner)
        if info.key == "import":
            return ImportView(c.catalogue, self.runner)
        if info.key == "pick":
            return PickView(c.picking, c.scans, self.runner)
        if info.key == "plan":
            return PlanView(c.planner, self.runner)
        if info.key == "stores":
            loop = c.sync_loop
            return StoresView(c.stores, c.review, self.runner, loop.sync_now if loop else None)
        return PlaceholderScreen(info.title)

    # -- window state (a user preference, kept apart from the settings) -------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1024, 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        self.runner.shutdown()
        self.context.close()
        super().closeEvent(event)
