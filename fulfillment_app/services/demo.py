"""Demo mode: its own SQLite file, filled on first start with users and a sample catalogue,
so that the whole station can be tried on a machine with nothing attached."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import DatabaseSettings, DeviceSettings, Settings
from ..db.models import Role
from ..devices.simulators import PrinterSimulator, RfidSimulator, ScaleSimulator, ScannerSimulator
from ..errors import ConfigError
from .permissions import Actor

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


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
    """The settings with the database moved to the demo's own SQLite file."""
    folder = data_dir or settings.data_dir / "demo"
    if reset and folder.exists():
        if not (folder / "demo.sqlite3").exists() and any(folder.iterdir()):
            raise ConfigError(f"{folder} does not look like a demo folder; not deleting it.")
        shutil.rmtree(folder)
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    return settings.replace(
        database=DatabaseSettings(url=url, busy_timeout_ms=settings.database.busy_timeout_ms)
    )


def seed(context: Any) -> bool:  # an AppContext (which imports this module)
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
        importer = getattr(context.catalogue, f"import_{kind}")
        report = importer(actor, path)
        log.info("demo: %s", report.summary())
    return True


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

    def close(self) -> None:
        for sim in (self.scale, self.scanner, self.rfid, self.printer):
            sim.close()
