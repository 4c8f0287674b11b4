"""Schema migrations with Alembic, run at start and by ``fulfillment db upgrade``.

The scripts live in ``migrations/versions``; the application calls Alembic through its API
with its own connection, so no ``alembic.ini`` is needed at run time (one at the repository
root serves developers who call ``alembic`` directly).
"""

from __future__ import annotations

import ast
import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseUnavailable
from .engine import Database
from .models import Base

# Alembic is loaded only when there is something to migrate or inspect: a station that
# starts on an up-to-date schema (nearly every start) checks the revision with one query.
if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
#: Key of the PostgreSQL advisory lock held while migrating, so that two stations starting at
#: once do not both upgrade the shared schema.
MIGRATION_LOCK_KEY = 0x46554C46_0001  # "FULF" + 1


def alembic_config(database: Database | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database is not None:
        cfg.set_main_option(
            "sqlalchemy.url",
            database.url.render_as_string(hide_password=False).replace("%", "%%"),
        )
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(database: Database) -> str | None:
    from alembic.migration import MigrationContext

    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@functools.cache
def _script_head() -> str | None:
    """The newest revision, read from the scripts' ``revision`` and ``down_revision`` lines
    without loading Alembic; None when that is not one plain answer (branches, merges, a
    script written some other way), and Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target: ast.expr
            value: ast.expr | None
            if isinstance(node, ast.AnnAssign):
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                found[target.id] = value.value if isinstance(value, ast.Constant) else ...
        if not isinstance(found.get("revision"), str) or found.get("down_revision") is ...:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision") is not None:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _is_at_head(database: Database) -> str | None:
    """The current revision when it is the newest (one query), else None."""
    head = _script_head()
    if head is None:
        return None
    try:
        with database.engine.connect() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no table yet (an empty database), or a problem Alembic will report
        return None
    return head if current == head else None


def upgrade(database: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``revision``. Returns (revision before, revision after)."""
    if revision == "head" and (current := _is_at_head(database)) is not None:
        return current, current
    from alembic import command

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
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": False}
        )
        return list(compare_metadata(ctx, Base.metadata))
