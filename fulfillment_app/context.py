"""The composition root: builds the database, services and (later) devices and sync from the
settings, once per process, and hands them down. Nothing else creates these objects."""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass

from .config import Settings
from .db import Database, migrate
from .services.audit import AuditService
from .services.auth import AuthService
from .services.catalogue import CatalogueService
from .services.permissions import Actor
from .services.stations import StationService
from .services.users import UserService

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

    @classmethod
    def build(cls, settings: Settings) -> AppContext:
        """Wire everything for ``settings``. Touches no database yet (see :meth:`start`)."""
        db = Database(settings.database_url, busy_timeout_ms=settings.database.busy_timeout_ms)
        station = settings.station.name
        return cls(
            settings=settings,
            db=db,
            auth=AuthService(db, settings.security, station),
            users=UserService(db, settings.security),
            audit=AuditService(db),
            catalogue=CatalogueService(db),
            stations=StationService(db, station),
        )

    def start(self) -> None:
        """Connect, migrate the schema to the newest version and register the station.

        Slow (it may wait for the database): call it off the GUI thread.
        """
        self.db.check_connection()
        migrate.upgrade(self.db)
        self.stations.register()

    def command_line_actor(self) -> Actor:
        try:
            os_user = getpass.getuser()
        except (KeyError, OSError):
            os_user = "unknown"
        return Actor.command_line(self.settings.station.name, os_user)

    def close(self) -> None:
        self.db.dispose()
