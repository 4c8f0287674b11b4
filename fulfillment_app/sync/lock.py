"""Only one station syncs a store at a time.

On PostgreSQL a session-level advisory lock (``pg_try_advisory_lock``) held on a connection of
its own: the server drops it when the holder's connection dies, so a killed station never
blocks the others. On SQLite (one file, usually one station) a lease in the store row, taken
with a conditional update inside ``BEGIN IMMEDIATE`` and renewed after every page; a killed
holder's lease simply runs out. In both, the store row says who holds it, so the others can
tell the user.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import Connection, func, or_, select, update

from ..db import Database
from ..db.models import Store, utcnow
from ..errors import FulfillmentError


class StoreBusy(FulfillmentError):
    """Another station syncs this store now; ``holder`` names it."""

    def __init__(self, holder: str):
        super().__init__(f"{holder} is syncing this store.")
        self.holder = holder


def advisory_key(schema: str, store_id: int) -> int:
    """Advisory locks are per database: the schema keeps two installations apart."""
    digest = hashlib.sha256(f"fulfillment-sync:{schema}:{store_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class StoreLock:
    def __init__(self, db: Database, store_id: int, holder: str, *, lease_s: float = 300):
        self._db = db
        self.store_id = store_id
        self.holder = holder
        self.lease = timedelta(seconds=lease_s)
        self._conn: Connection | None = None
        self._key = 0
        self.held = False

    def acquire(self) -> None:
        """Take the lock, or raise :class:`StoreBusy` naming who holds it."""
        if not self._db.is_sqlite:
            conn = self._db.engine.connect()
            try:
                schema = str(conn.scalar(select(func.current_schema())))
                self._key = advisory_key(schema, self.store_id)
                got = conn.scalar(select(func.pg_try_advisory_lock(self._key)))
                conn.commit()
            except BaseException:
                conn.close()
                raise
            if not got:
                conn.close()
                raise StoreBusy(self._who() or "another station")
            self._conn = conn
        try:
            self._claim()
        except BaseException:
            self.release()
            raise

    def _claim(self) -> None:
        """Write who holds the store (on SQLite: take the lease if it is free)."""
        now = utcnow()
        with self._db.session() as session:
            query = update(Store).where(Store.id == self.store_id)
            if self._db.is_sqlite:
                query = query.where(
                    or_(
                        Store.sync_holder.is_(None),
                        Store.sync_lease_until < now,
                        Store.sync_holder == self.holder,
                    )
                )
            result = session.execute(
                query.values(sync_holder=self.holder, sync_lease_until=now + self.lease)
            )
            taken = getattr(result, "rowcount", 0)
        if not taken:
            raise StoreBusy(self._who() or "another station")
        self.held = True

    def _who(self) -> str | None:
        with self._db.read() as session:
            return session.scalar(select(Store.sync_holder).where(Store.id == self.store_id))

    def renew(self) -> None:
        if self.held:
            with self._db.session() as session:
                session.execute(
                    update(Store)
                    .where(Store.id == self.store_id, Store.sync_holder == self.holder)
                    .values(sync_lease_until=utcnow() + self.lease)
                )

    def release(self) -> None:
        if self.held:
            with self._db.session() as session:
                session.execute(
                    update(Store)
                    .where(Store.id == self.store_id, Store.sync_holder == self.holder)
                    .values(sync_holder=None, sync_lease_until=None)
                )
            self.held = False
        if self._conn is not None:
            try:
                self._conn.execute(select(func.pg_advisory_unlock(self._key)))
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None
