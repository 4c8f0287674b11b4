"""Engines and sessions for the embedded SQLite file and for a shared PostgreSQL server.

SQLite runs in WAL mode with foreign keys on and a busy timeout; every transaction starts with
``BEGIN IMMEDIATE`` so that two writers (the desktop and a command run beside it) queue behind
one another instead of failing half-way when a read lock cannot be upgraded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ConfigError, DatabaseUnavailable

log = logging.getLogger(__name__)

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


class Database:
    """Owns the engine and hands out sessions. One per process, built by the composition root."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 10_000):
        try:
            self.url = make_url(url)
        except ArgumentError:
            raise ConfigError(f"The database URL {url!r} is not a valid URL.") from None
        self.description = describe_url(self.url)
        self.backend = self.url.get_backend_name()
        if self.backend not in ("sqlite", "postgresql"):
            raise ConfigError(f"Unsupported database {self.backend!r}: use SQLite or PostgreSQL.")
        try:
            self.engine = self._create_engine(busy_timeout_ms)
        except NoSuchModuleError:
            raise ConfigError(f"No driver for the database URL {self.description}.") from None
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

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
            # WAL + NORMAL: a committed transaction survives a killed process; only a power
            # loss can take the last few back, never corrupting the file.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

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


def _first_line(exc: BaseException | None) -> str:
    text_ = str(exc or "").strip()
    return text_.splitlines()[0] if text_ else "no reason given"
