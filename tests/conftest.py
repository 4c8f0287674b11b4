"""Shared fixtures.

Database tests take the ``backend`` fixture and run once on a SQLite file and once on the real
PostgreSQL server, each PostgreSQL test in a schema of its own. PostgreSQL comes from
``FULFILLMENT_TEST_PG_URL`` or the server on 127.0.0.1:5432; with ``CI=true`` or
``FULFILLMENT_REQUIRE_POSTGRES=1`` an unreachable server stops the run with an error instead of
leaving those tests out.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no screen is needed, and nothing may touch the real user's
# settings, data or window state.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="fulfillment-tests-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_HOME / var.lower())
for var in ("FULFILLMENT_CONFIG", "FULFILLMENT_DATABASE_URL", "FULFILLMENT_DATA_DIR"):
    os.environ.pop(var, None)
# Tests run several "stations" (contexts, command-line processes with data directories of
# their own) on one database: like real stations, they share one secret key. Tests of the
# key file itself take the ``key_from_file`` fixture.
os.environ["FULFILLMENT_SECRET_KEY"] = "5e" * 32

import psycopg  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings  # noqa: E402
from fulfillment_app.context import AppContext  # noqa: E402

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_URL = os.environ.get("FULFILLMENT_TEST_PG_URL") or DEFAULT_PG_URL
PG_REQUIRED = (
    os.environ.get("CI", "").lower() == "true"
    or os.environ.get("FULFILLMENT_REQUIRE_POSTGRES") == "1"
)


def pg_connect(**options: object) -> psycopg.Connection:
    """A plain psycopg connection to the test server (for set-up, not for the app)."""
    url = make_url(PG_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database,
        **options,  # type: ignore[arg-type]
    )


def _pg_reason() -> str | None:
    """None when PostgreSQL answers at PG_URL, else why not."""
    try:
        with pg_connect(connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


PG_PROBLEM = _pg_reason()
PG_AVAILABLE = PG_PROBLEM is None


def pytest_configure(config: pytest.Config) -> None:
    if PG_REQUIRED and not PG_AVAILABLE:
        raise pytest.UsageError(
            f"PostgreSQL is required (CI or FULFILLMENT_REQUIRE_POSTGRES=1) but {PG_URL} "
            f"cannot be reached: {PG_PROBLEM}"
        )


def pytest_report_header(config: pytest.Config) -> str:
    if PG_AVAILABLE:
        return f"database backends: sqlite, postgresql ({make_url(PG_URL).render_as_string()})"
    return f"database backends: sqlite only (PostgreSQL unreachable: {PG_PROBLEM})"


#: The start of the skip reason of every PostgreSQL test a run leaves out (counted at the end).
PG_LEFT_OUT = "PostgreSQL unreachable"
BACKENDS = [
    "sqlite",
    "postgresql"
    if PG_AVAILABLE
    else pytest.param("postgresql", marks=pytest.mark.skip(reason=f"{PG_LEFT_OUT}: {PG_PROBLEM}")),
]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS)


def left_out_for_postgres(skipped: list[pytest.TestReport]) -> int:
    """How many of the ``skipped`` reports are PostgreSQL tests left out by this run."""
    return sum(1 for report in skipped if PG_LEFT_OUT in str(report.longrepr))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A run without PostgreSQL says so at the end, with the number of tests it left out,
    instead of passing as if everything had run."""
    count = left_out_for_postgres(terminalreporter.stats.get("skipped", []))
    if count:
        terminalreporter.write_sep(
            "!",
            f"{count} PostgreSQL tests LEFT OUT ({PG_PROBLEM}); start the server or set "
            "FULFILLMENT_TEST_PG_URL to run them",
            red=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """cli.main() configures the process's logging once; undo it after each test, so that a
    later in-process call logs where its own settings say."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for attr in ("_fulfillment_configured", "_fulfillment_log_file"):
        if hasattr(root, attr):
            delattr(root, attr)


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a thread of its own running (every pool must be joined)."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not t.name.startswith("pydevd")
    ]
    for t in leftover:
        t.join(timeout=2)
    leftover = [t for t in leftover if t.is_alive()]
    assert not leftover, f"threads left running: {[t.name for t in leftover]}"


class PgSchema:
    """A fresh schema on the PostgreSQL server, dropped afterwards."""

    def __init__(self) -> None:
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self._exec(f'CREATE SCHEMA "{self.name}"')

    def url(self) -> str:
        """A URL whose connections use only this schema (libpq options in the query)."""
        return f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        self._exec(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')

    @staticmethod
    def _exec(sql: str) -> None:
        with pg_connect(autocommit=True) as conn:
            conn.execute(sql)


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the given backend, as a URL."""
    if backend == "sqlite":
        # An empty file is an empty SQLite database: there, as after 'fulfillment db upgrade'
        # on a new station (commands refuse a path with no database, which is a typing error).
        path = tmp_path / "test.sqlite3"
        path.touch()
        yield f"sqlite:///{path}"
        return
    schema = PgSchema()
    try:
        yield schema.url()
    finally:
        schema.drop()


def make_settings(url: str, tmp_path: Path, **security: int) -> Settings:
    settings = Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name="test-station"),
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
    )
    if security:
        settings = settings.replace(security=settings.security.__class__(**security))
    return settings


@pytest.fixture
def key_from_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key in the environment: the station finds (or makes) ``secret.key`` in its data
    directory. Name it before ``context`` so that it applies to the context's start."""
    monkeypatch.delenv("FULFILLMENT_SECRET_KEY")


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
def context(settings: Settings) -> Iterator[AppContext]:
    """The application's services on a migrated database."""
    ctx = AppContext.build(settings)
    ctx.start()
    yield ctx
    ctx.close()


@pytest.fixture
def sqlite_context(tmp_path: Path) -> Iterator[AppContext]:
    """Services on a migrated SQLite file, for tests about something other than the database."""
    ctx = AppContext.build(make_settings(f"sqlite:///{tmp_path / 'ui.sqlite3'}", tmp_path))
    ctx.start()
    yield ctx
    ctx.close()


@pytest.fixture
def admin(context: AppContext):  # type: ignore[no-untyped-def]
    return context.command_line_actor()


@pytest.fixture
def printer_sim():  # type: ignore[no-untyped-def]
    """A ZPL label printer on a loopback TCP port, closed after the test."""
    from fulfillment_app.devices.simulators import PrinterSimulator

    sim = PrinterSimulator()
    yield sim
    sim.close()
