"""Demo mode: its own SQLite file, filled on first start with users and a sample catalogue,
simulated devices and a store emulator, so that the whole station can be tried on a machine
with nothing attached.

This is wiring, like the composition root beside it: only the ``demo`` command builds a
:class:`Demo` and hands it to the desktop. The production desktop never imports this module,
so the store emulators (and GraphQL) stay out of a station's process."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from .config import DatabaseSettings, DeviceSettings, LabelSettings, Settings
from .context import AppContext
from .db.models import Role
from .devices.simulators import PrinterSimulator, RfidSimulator, ScaleSimulator, ScannerSimulator
from .errors import ConfigError
from .services.pack_types import ExpectedWeight
from .services.permissions import Actor
from .sync.emulators import Faults, Shop, WooCommerceEmulator, sample_products

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
DEMO_IMAGES = RESOURCES / "demo-images"


@dataclass(frozen=True)
class DemoUser:
    name: str
    role: Role
    pin: str
    badge: str


DEMO_USERS = (
    DemoUser("Dana", Role.ADMIN, "1111", "BADGE-1001"),
    DemoUser("Yossi", Role.SUPERVISOR, "2222", "BADGE-1002"),
    DemoUser("Noa", Role.PACKER, "3333", "BADGE-1003"),
    DemoUser("Avi", Role.PICKER, "4444", "BADGE-1004"),
)


def demo_settings(settings: Settings, data_dir: Path | None, *, reset: bool) -> Settings:
    """The settings with the database moved to the demo's own SQLite file, and the settings
    screens' changes to the demo's own settings file (the station's stays as it is)."""
    folder = data_dir or settings.data_dir / "demo"
    if reset and folder.exists():
        if not (folder / "demo.sqlite3").exists() and any(folder.iterdir()):
            raise ConfigError(f"{folder} does not look like a demo folder; not deleting it.")
        shutil.rmtree(folder)
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    return settings.replace(
        database=DatabaseSettings(url=url, busy_timeout_ms=settings.database.busy_timeout_ms),
        source=folder / "settings.toml",
    )


def seed(context: AppContext) -> bool:
    """Fill an empty demo database. Returns False when it had users already."""
    if context.auth.has_users():
        return False
    actor = Actor(name="demo set-up", role=Role.ADMIN, station=context.settings.station.name)
    for user in DEMO_USERS:
        context.users.add(actor, user.name, user.role, user.pin, user.badge)
    for kind, name in (("locations", "sample-locations.csv"), ("products", "sample-products.csv")):
        path = RESOURCES / name
        if not path.exists():
            log.warning("demo: %s not found, the demo starts without %s", path, kind)
            continue
        if kind == "products":
            path = with_images(path, context.settings.data_dir / "demo-catalogue")
        importer = getattr(context.catalogue, f"import_{kind}")
        report = importer(actor, path)
        log.info("demo: %s", report.summary())
    return True


def with_images(products: Path, folder: Path, images: Path = DEMO_IMAGES) -> Path:
    """A copy of the sample catalogue in ``folder`` with an ``image`` column naming each
    product's picture in ``images`` (drawn by ``scripts/make_demo_images.py``), so the pack
    screen shows images in the demo as it does for a catalogue with photos."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    with products.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [*(reader.fieldnames or []), "image"]
        rows = list(reader)
    for row in rows:
        picture = images / f"{row['sku']}.png"
        row["image"] = str(picture) if picture.is_file() else ""
    out = folder / "sample-products-with-images.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return out


#: GS1's own example company prefix: the demo's SSCCs never collide with a real company's.
DEMO_COMPANY_PREFIX = "0614141"


def demo_labels(labels: LabelSettings) -> LabelSettings:
    """Labels for the demo: SSCCs and the simulated label printer, so a demo close has a
    shipping label to preview and print (what the settings name is kept)."""
    return dataclasses.replace(
        labels,
        company_prefix=labels.company_prefix or DEMO_COMPANY_PREFIX,
        company_name=labels.company_name or DEMO_STORE,
        label_printer=labels.label_printer or "labels",
    )


class DemoDevices:
    """Simulated station devices for the demo: a scale (MT-SICS), a serial scanner, an RFID
    pad with two tagged items on it, and a label printer on a loopback port."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.scale = ScaleSimulator("sics", folder / "scale.pty", grams=412.0)
        self.scanner = ScannerSimulator(folder / "scanner.pty")
        self.rfid = RfidSimulator(
            folder / "rfid.pty", tags={"3074257BF7194E4000001A85", "3074257BF7194E4000001A86"}
        )
        self.printer = PrinterSimulator()
        self.settings = {
            "scale": DeviceSettings(kind="scale", url=self.scale.url, protocol="sics"),
            "scanner": DeviceSettings(kind="scanner", url=self.scanner.url, suffix="CR"),
            "rfid": DeviceSettings(kind="rfid", url=self.rfid.url),
            "labels": DeviceSettings(kind="printer", url=self.printer.url, protocol="zpl"),
        }

    def follow(self, context: AppContext) -> None:
        """The simulated scale shows what the box being packed should weigh (whenever the
        packing service works it out), so a new user's demo close passes the weight check.
        Put something else on it (``scale.grams``) to see the override."""

        def weigh(expected: ExpectedWeight) -> None:
            self.scale.grams = float(round(expected.expected_g))

        context.packing.on_expected_weight(weigh)

    def close(self) -> None:
        for sim in (self.scale, self.scanner, self.rfid, self.printer):
            sim.close()


DEMO_STORE = "Demo shop"
DEMO_KEY_VAR, DEMO_SECRET_VAR = "FULFILLMENT_DEMO_WC_KEY", "FULFILLMENT_DEMO_WC_SECRET"


def demo_shop(orders: int = 40) -> Shop:
    """The demo shop's orders: always the same ones (a fixed seed), a few malformed for the
    quarantine."""
    return Shop(
        sample_products(RESOURCES / "sample-products.csv"),
        orders=orders,
        seed=1,
        malformed_rate=0.03,
    )


class DemoStore:
    """The demo's shop: a WooCommerce emulator on a loopback port selling the sample
    catalogue, with a new order every ``every_s`` seconds. Its consumer key and secret are
    the emulator's published demo values, handed over in this process's environment."""

    def __init__(self, orders: int = 40, every_s: float = 60.0):
        self.shop = demo_shop(orders)
        self.emulator = WooCommerceEmulator(self.shop, faults=Faults()).start()
        os.environ[DEMO_KEY_VAR] = self.emulator.key
        os.environ[DEMO_SECRET_VAR] = self.emulator.secret
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._orders, args=(every_s,), name="demo-shop", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return self.emulator.url

    def _orders(self, every_s: float) -> None:
        while not self._stop.wait(every_s):
            self.shop.add_order()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.emulator.stop()


def connect_demo_store(context: AppContext, url: str) -> None:
    """Register the demo shop, or point it at this run's emulator port."""
    names = {row.name for row in context.stores.list()}
    actor = Actor(name="demo set-up", role=Role.ADMIN, station=context.settings.station.name)
    if DEMO_STORE in names:
        context.stores.set_url(actor, DEMO_STORE, url)
        return
    context.stores.add(
        actor,
        "woocommerce",
        DEMO_STORE,
        url,
        {"key": {"env": DEMO_KEY_VAR}, "secret": {"env": DEMO_SECRET_VAR}},
    )


class Demo:
    """Everything the demo adds to a normal start, built by the ``demo`` command and handed to
    the desktop: the demo users to list on the sign-in screen, the demo shop, the simulated
    devices, and :meth:`prepare`, which fills the database."""

    def __init__(
        self,
        store: DemoStore | None = None,
        devices: DemoDevices | None = None,
        users: tuple[DemoUser, ...] = DEMO_USERS,
    ):
        self.store, self.devices, self.users = store, devices, users

    @classmethod
    def open(
        cls, settings: Settings, data_dir: Path | None = None, *, reset: bool = False
    ) -> tuple[Demo, Settings]:
        """The demo with its shop and devices running, and ``settings`` moved to the demo's
        database and devices."""
        settings = demo_settings(settings, data_dir, reset=reset)
        devices = DemoDevices(settings.data_dir / "demo-devices")
        try:
            store = DemoStore()
        except BaseException:
            devices.close()
            raise
        settings = settings.replace(
            devices={**devices.settings, **settings.devices},
            labels=demo_labels(settings.labels),
            # The pack screen weighs on the simulated scale (what the settings name is kept).
            packing=dataclasses.replace(settings.packing, scale=settings.packing.scale or "scale"),
        )
        return cls(store, devices), settings

    def prepare(self, context: AppContext) -> None:
        """Seed an empty demo database and connect the demo shop (database work: call it off
        the GUI thread, after :meth:`AppContext.start`)."""
        seed(context)
        if self.store is not None:
            connect_demo_store(context, self.store.url)
        if self.devices is not None:
            self.devices.follow(context)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.devices is not None:
            self.devices.close()
