"""The composition root: builds the database, services, devices and (later) sync from the
settings, once per process, and hands them down. Nothing else creates these objects."""

from __future__ import annotations

import concurrent.futures
import getpass
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .config import Settings
from .db import Database, migrate
from .devices.errors import PrinterOffline
from .devices.manager import DeviceManager
from .errors import DatabaseReadOnly
from .scanning import Interpreter
from .services.audit import AuditService
from .services.auth import AuthService
from .services.carriers import CarrierService
from .services.catalogue import CatalogueService
from .services.credentials import Credentials
from .services.exceptions import ExceptionsService
from .services.labels import LabelService
from .services.metrics import MetricsService
from .services.packing import PackingService
from .services.permissions import Actor
from .services.pick_planning import PickPlanner
from .services.picking import PickingService
from .services.printing import PrintQueue, PrintRetrier
from .services.returns import ReturnsService, unavailable_locations
from .services.secret_key import SecretKey
from .services.settings_edit import SettingsEditor
from .services.shipping import ShippingService, label_job, rules_of
from .services.stations import StationService
from .services.stock import StockService
from .services.stores import StoreService
from .services.sync_review import SyncReview
from .services.users import UserService
from .sync.engine import SyncEngine
from .sync.stock_push import StockPusher
from .sync.worker import SyncLoop

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    db: Database
    auth: AuthService
    users: UserService
    audit: AuditService
    catalogue: CatalogueService
    stations: StationService
    devices: DeviceManager
    printing: PrintQueue
    labels: LabelService
    packing: PackingService
    exceptions: ExceptionsService
    scans: Interpreter
    stores: StoreService
    sync: SyncEngine
    review: SyncReview
    planner: PickPlanner
    picking: PickingService
    secret_key: SecretKey
    credentials: Credentials
    settings_editor: SettingsEditor
    metrics: MetricsService
    carriers: CarrierService
    shipping: ShippingService
    returns: ReturnsService
    stock: StockService
    _retrier: PrintRetrier | None = field(default=None, repr=False)
    sync_loop: SyncLoop | None = field(default=None, repr=False)

    @classmethod
    def build(cls, settings: Settings) -> AppContext:
        """Wire everything for ``settings``. Touches no database yet (see :meth:`start`)."""
        db = Database(settings.database_url, busy_timeout_ms=settings.database.busy_timeout_ms)
        station = settings.station.name
        devices = DeviceManager(settings.devices)

        def send(printer: str, data: bytes) -> None:
            try:
                devices.print(printer, data).result(timeout=60)
            except concurrent.futures.TimeoutError:
                raise PrinterOffline(
                    f"The printer {printer} did not take the job in time."
                ) from None

        printing = PrintQueue(db, send, station)
        labels = LabelService(db, settings.labels, printing)
        scans = Interpreter(settings.scan)
        stores = StoreService(db, settings.sync)
        secret_key = SecretKey(settings.data_dir)
        # Opened and checked against the database by start(); a process that skips start()
        # reads it at first use (inside a sign-in's transaction, so without the database).
        credentials = Credentials(opener=secret_key.load)
        users = UserService(db, settings.security, credentials, station)
        editor = SettingsEditor(db, settings)
        carriers = CarrierService(db, settings.shipping)
        shipping = ShippingService(
            db,
            settings.labels,
            settings.sync,
            printing,
            carriers.adapter_for,
            boxes=settings.packing.boxes,
            choose=rules_of(carriers),
        )
        packing = PackingService(
            db, scans, settings.packing, labels, station, settings.data_dir / "images"
        )
        packing.use_shipping(shipping)
        sync = SyncEngine(db, settings.sync, station, stores.connect)
        sync.carriers = shipping.sync_round
        stock = StockService(db, scans, held=unavailable_locations(settings))
        sync.stock = StockPusher(db, stock.available, settings.sync)
        context = cls(
            settings=settings,
            db=db,
            auth=AuthService(db, settings.security, station, credentials, users),
            users=users,
            audit=AuditService(db),
            catalogue=CatalogueService(db),
            stations=StationService(db, station),
            devices=devices,
            printing=printing,
            labels=labels,
            packing=packing,
            exceptions=ExceptionsService(db, shipping),
            scans=scans,
            stores=stores,
            sync=sync,
            review=SyncReview(db),
            planner=PickPlanner(db, settings.picking),
            picking=PickingService(db, scans),
            secret_key=secret_key,
            credentials=credentials,
            settings_editor=editor,
            metrics=MetricsService(db, settings),
            carriers=carriers,
            shipping=shipping,
            returns=ReturnsService(
                db,
                settings.returns,
                scans,
                labels=settings.labels,
                shipping=settings.shipping,
                adapter_for=carriers.adapter_for,
                printing=printing,
                label_job=label_job,
            ),
            stock=stock,
        )
        editor.listen(context.apply_settings)
        return context

    def apply_settings(self, settings: Settings) -> None:
        """Run on ``settings`` from now on where that is possible without a restart: the
        labels (the next label and slip printed), packing (boxes, weight gate) and shipping
        (carrier rules, prices) sections."""
        self.settings = self.settings.replace(
            labels=settings.labels, packing=settings.packing, shipping=settings.shipping
        )
        self.labels.settings = settings.labels
        self.shipping.labels = settings.labels
        self.packing.use_settings(settings.packing)
        self.carriers.apply_settings(settings.shipping)
        self.returns.collections.labels = settings.labels
        self.returns.collections.shipping = settings.shipping

    def start(self) -> None:
        """Connect, migrate the schema to the newest version, open the secret key (checked
        against the database) and register the station.

        Slow (it may wait for the database): call it off the GUI thread.
        """
        self.db.check_connection()
        try:
            migrate.upgrade(self.db)
        except DatabaseReadOnly:
            raise DatabaseReadOnly(
                f"The database {self.db.description} is read-only and its schema is older "
                "than this version needs: make it writable and run 'fulfillment db upgrade'."
            ) from None
        self.credentials.set_key(self.secret_key.open(self.db))
        try:
            self.stations.register()
        except DatabaseReadOnly:  # reading still works; every write says why it cannot
            log.info("%s is read-only: this station is not registered", self.db.description)

    def start_devices(self) -> None:
        """Start the owner threads of the station's devices and the print retries (the
        desktop does; one-shot commands do not)."""
        self.devices.start()
        if self._retrier is None:
            self._retrier = PrintRetrier(self.printing)
            self._retrier.start()

    def start_sync(self) -> SyncLoop:
        """The desktop's background store sync (every ``[sync] every_s`` seconds)."""
        if self.sync_loop is None:
            self.sync_loop = SyncLoop(self.sync, self.settings.sync.every_s)
        return self.sync_loop

    def command_line_actor(self) -> Actor:
        """The operator of a command: the account the process runs as (not $USER, which
        anyone can set) at this host, e.g. ``command line (alice@packing-1)``."""
        return Actor.command_line(self.settings.station.name, f"{os_account()}@{_host()}")

    @classmethod
    @contextmanager
    def running(cls, settings: Settings, *, devices: bool = False) -> Iterator[AppContext]:
        """Built, started (and with ``devices`` its devices too) for one command; closed
        afterwards, so every thread is joined and every connection returned."""
        context = cls.build(settings)
        try:
            context.start()
            if devices:
                context.devices.start()
            yield context
        finally:
            context.close()

    def close(self) -> None:
        self.sync.stop_event.set()
        self.shipping.close()
        if self.sync_loop is not None:
            self.sync_loop.stop()
            self.sync_loop = None
        if self._retrier is not None:
            self._retrier.stop()
            self._retrier = None
        self.devices.stop()
        self.db.dispose()


def os_account() -> str:
    """The name of the account of the process's user id; where there is no such thing
    (Windows), the login name."""
    try:
        import pwd
    except ImportError:
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a user id without an account (a container): the number says who
        return f"uid {os.getuid()}"


def _host() -> str:
    return socket.gethostname() or "unknown host"
