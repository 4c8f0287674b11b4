"""Schema migrations with Alembic, run at start and by ``fulfillment db upgrade``.

The scripts live in ``migrations/versions``; the application calls Alembic through its API
with its own connection, so no ``alembic.ini`` is needed at run time (one at the repository
root serves developers who call ``alembic`` directly).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseUnavailable
from .engine import Database
from .models import Base

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: Key of the PostgreSQL advisory lock held while migrating, so that two stations starting at
#: once do not both upgrade the shared schema.
MIGRATION_LOCK_KEY = 0x46554C46_0001  # "FULF" + 1


def alembic_config(database: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database is not None:
        cfg.set_main_option(
            "sqlalchemy.url",
            database.url.render_as_string(hide_password=False).replace("%", "%%"),
        )
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(database: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``revision``. Returns (revision before, revision after)."""
    try:
        before = current_revision(database)
        with database.engine.begin() as conn:
            cfg = alembic_config(database)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        after = current_revision(database)
    except DBAPIError as exc:
        raise DatabaseUnavailable(
            f"Cannot upgrade the database {database.description}: "
            f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}"
        ) from None
    if before != after:
        log.info("database %s upgraded from %s to %s", database.description, before, after)
    return before, after


def schema_drift(database: Database) -> list[Any]:
    """Differences between the models and the migrated database (empty when in step)."""
    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": False}
        )
        return list(compare_metadata(ctx, Base.metadata))
