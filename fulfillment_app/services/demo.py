"""Demo mode: its own SQLite file, filled on first start with users and a sample catalogue,
so that the whole station can be tried on a machine with nothing attached."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import DatabaseSettings, Settings
from ..db.models import Role
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
