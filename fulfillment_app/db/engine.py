"""Engines and sessions for the embedded SQLite file and for a shared PostgreSQL server.

SQLite runs in WAL mode with foreign keys on and a busy timeout. A write scope
(:meth:`Database.write`, also :meth:`Database.session`) starts with ``BEGIN IMMEDIATE`` so that
two writers (the desktop and a command run beside it) queue behind one another instead of
failing half-way when a read lock cannot be upgraded; a read scope (:meth:`Database.read`)
starts a deferred transaction that takes no write lock, so a long import never holds up a
scan's reads. Every commit survives a killed process (WAL, ``synchronous=NORMAL``); the
commits that must also survive a power cut, a closed package whose label prints next with its
news for the store, are durable (``write(durable=True)``: ``synchronous=FULL``, which syncs
the log and so every commit before it too). FULL on every commit made many writers at once
(pickers claiming carts) starve one another past the busy timeout.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ConfigError, DatabaseBusy, DatabaseReadOnly, DatabaseUnavailable
from ..logs import mask_secrets

log = logging.getLogger(__name__)

#: SQLite copies its write-ahead log back into the file when the log reaches this many pages
#: (4 KiB each). Its default, 1,000, put a 25 ms checkpoint inside one scan of every few
#: hundred; durable commits (a package closed) checkpoint instead, and this larger bound is
#: only the safety net for a station that never closes one.
_CHECKPOINT_PAGES = 10_000

_READ_SCOPE = "fulfillment_read_scope"  # execution option: this transaction only reads
_DURABLE = "fulfillment_durable"  # execution option: this commit is synced to disk

#: Statement parameters stay out of SQL logs and database error messages: what is typed into
#: a sign-in's name field may be a PIN, and orders carry customers' addresses.
HIDE_PARAMETERS = True


def describe_url(url: str | URL) -> str:
    """A short, password-free description of a database for people: status bar, errors."""
    u = make_url(url) if isinstance(url, str) else url
    if u.get_backend_name() == "sqlite":
        return f"SQLite {u.database or '(memory)'}"
    if u.get_backend_name() == "postgresql":
        host = u.host or "localhost"
        port = f":{u.port}" if u.port else ""
        user = f"{u.username}@" if u.username else ""
        return f"PostgreSQL {user}{host}{port}/{u.database or ''}"
    return u.render_as_string(hide_password=True)


def missing_sqlite_file(url: str | URL) -> Path | None:
    """The path of a SQLite database file that does not exist yet, else ``None`` (also for
    PostgreSQL and in-memory databases). Opening such a path would create an empty database."""
    try:
        u = make_url(url) if isinstance(url, str) else url
    except (ArgumentError, ValueError):
        return None  # Database() explains what is wrong with it
    database = u.database
    if u.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if u.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
        if not database or u.query.get("mode") == "memory":
            return None
    path = Path(database)
    return None if path.exists() else path


class Database:
    """Owns the engine and hands out sessions. One per process, built by the composition root."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 10_000):
        try:
            self.url = make_url(url)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise ConfigError(
                f"The database URL {mask_secrets(url)!r} is not a valid URL."
            ) from None
        self.description = describe_url(self.url)
        self.backend = self.url.get_backend_name()
        if self.backend not in ("sqlite", "postgresql"):
            raise ConfigError(f"Unsupported database {self.backend!r}: use SQLite or PostgreSQL.")
        try:
            self.engine = self._create_engine(busy_timeout_ms)
        except NoSuchModuleError:
            raise ConfigError(f"No driver for the database URL {self.description}.") from None
        _explain_errors(self.engine, self.description)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(
            self.engine.execution_options(**{_READ_SCOPE: True}), expire_on_commit=False
        )
        self._durable = sessionmaker(
            self.engine.execution_options(**{_DURABLE: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    def _create_engine(self, busy_timeout_ms: int) -> Engine:
        if self.backend == "sqlite":
            return self._create_sqlite_engine(busy_timeout_ms)
        # libpq parameters in the URL's query pass through, e.g. ?options=-csearch_path%3Dx
        # to keep a station (or a test) in a schema of its own.
        return create_engine(
            self.url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 5},
            hide_parameters=HIDE_PARAMETERS,
        )

    def _create_sqlite_engine(self, busy_timeout_ms: int) -> Engine:
        database = self.url.database
        if database and database != ":memory:":
            path = Path(database)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"Cannot create the folder for the database {path}: {exc.strerror}."
                ) from None
        engine = create_engine(
            self.url,
            connect_args={"timeout": busy_timeout_ms / 1000},
            hide_parameters=HIDE_PARAMETERS,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event decide how transactions start (see below).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            # WAL + NORMAL: a committed transaction survives a killed process; a power cut
            # can take back the last few, never corrupting the file. Durable writes switch
            # to FULL for their commit (see _on_begin).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA wal_autocheckpoint={_CHECKPOINT_PAGES}")
            cursor.close()
            _record.info["synchronous"] = "NORMAL"

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # Reads take no write lock (WAL readers never wait for a writer); writes take it
            # at once, so they never fail half-way on a lock upgrade.
            options = conn.get_execution_options()
            if options.get(_READ_SCOPE, False):
                conn.exec_driver_sql("BEGIN")
                return
            # Between transactions only: SQLite cannot change it inside one.
            wanted = "FULL" if options.get(_DURABLE, False) else "NORMAL"
            if conn.info.get("synchronous") != wanted:
                conn.exec_driver_sql(f"PRAGMA synchronous={wanted}")
                conn.info["synchronous"] = wanted
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def write(self, *, durable: bool = False) -> Iterator[Session]:
        """A session that writes, in one transaction (as :meth:`session`). ``durable=True`` for
        a commit that must survive a power cut (on SQLite its commit is synced to disk, and
        the log is then copied back into the file: see :data:`_CHECKPOINT_PAGES`)."""
        with (self._durable if durable else self.sessions).begin() as session:
            yield session
        if durable and self.is_sqlite:
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Copy the write-ahead log back into the database file now, without waiting for any
        reader (PASSIVE): a close of a package is a natural pause, where the next scan's
        commit would otherwise pay for it."""
        try:
            # On the driver's connection itself: SQLAlchemy would begin a transaction first,
            # and SQLite checkpoints nothing from inside one.
            raw = self.engine.raw_connection()
            try:
                driver: Any = raw.driver_connection
                driver.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                raw.close()
        except (
            DatabaseUnavailable,
            SQLAlchemyError,
            sqlite3.Error,
        ) as exc:  # the next close tries again
            log.debug("checkpoint skipped: %s", exc)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: on SQLite its transaction takes no write lock, so it
        does not wait behind a writer (an import, a sync page). Nothing in it is committed."""
        session = self._readers()
        try:
            yield session
        finally:
            session.close()  # rolls back: a read scope never writes

    def check_connection(self) -> None:
        """Raise :class:`DatabaseUnavailable` with a readable reason if the database is away."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:
            raise DatabaseUnavailable(
                f"Cannot reach the database {self.description}: {_first_line(exc.orig)}"
            ) from None

    def dispose(self) -> None:
        self.engine.dispose()


# SQLite on a file (or folder) the process cannot write, or opened with mode=ro; PostgreSQL
# in a read-only transaction (a standby, default_transaction_read_only).
_READ_ONLY = ("attempt to write a readonly database", "read-only transaction")


# SQLite: another connection held the write lock past the busy timeout.
_BUSY = ("database is locked", "database table is locked")


def _explain_errors(engine: Engine, description: str) -> None:
    """A write refused because the database is read-only becomes :class:`DatabaseReadOnly`
    with a sentence, instead of an unexpected failure; reading goes on working. A lock held
    past the busy timeout becomes :class:`DatabaseBusy`: the step changed nothing and can be
    tried again (many pickers claiming at once on one SQLite file meet it)."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        message = str(context.original_exception)
        if any(words in message for words in _READ_ONLY):
            raise DatabaseReadOnly(
                f"The database {description} is read-only, so nothing was changed; make it "
                "(and its folder) writable for this account to change anything."
            )
        if any(words in message for words in _BUSY):
            raise DatabaseBusy(
                f"The database {description} was busy with other stations' work for too "
                "long, so nothing was changed; try again in a moment."
            )


def _first_line(exc: BaseException | None) -> str:
    text_ = str(exc or "").strip()
    return text_.splitlines()[0] if text_ else "no reason given"
