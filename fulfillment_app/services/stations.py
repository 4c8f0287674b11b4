"""Stations register themselves at start, so reports and other stations can name them."""

from __future__ import annotations

from sqlalchemy import select

from .. import __version__
from ..db import Database
from ..db.models import Station, utcnow


class StationService:
    def __init__(self, db: Database, name: str):
        self._db = db
        self.name = name

    def register(self) -> int:
        """Record that this station is up (creating it on first start); returns its id."""
        with self._db.session() as session:
            station = session.scalars(
                select(Station).where(Station.name == self.name)
            ).one_or_none()
            if station is None:
                station = Station(name=self.name)
                session.add(station)
            station.last_seen_at = utcnow()
            station.app_version = __version__
            session.flush()
            return station.id
