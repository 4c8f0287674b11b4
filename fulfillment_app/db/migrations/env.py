"""Alembic environment: uses the connection the application hands over, or the URL given by
``-x url=...``, ``FULFILLMENT_DATABASE_URL`` or the ``sqlalchemy.url`` option."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine, text

from fulfillment_app.config import normalise_database_url
from fulfillment_app.db.migrate import MIGRATION_LOCK_KEY
from fulfillment_app.db.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things: Alembic rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    x = context.get_x_argument(as_dictionary=True)
    url = (
        x.get("url")
        or os.environ.get("FULFILLMENT_DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise SystemExit("no database URL: pass -x url=... or set FULFILLMENT_DATABASE_URL")
    return normalise_database_url(url)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = create_engine(_url())
    with engine.begin() as conn:
        _configure_and_run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
