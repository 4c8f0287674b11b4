"""The schema: migrations build it on both engines, with no drift from the models."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from fulfillment_app.db import Database, migrate
from fulfillment_app.db.models import Base, Order, OrderLine, Product, Role, Store, User


def test_upgrade_builds_every_table_and_is_repeatable(database_url: str) -> None:
    db = Database(database_url)
    before, after = migrate.upgrade(db)
    assert before is None and after == migrate.head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    # A second start changes nothing.
    assert migrate.upgrade(db) == (after, after)
    db.dispose()


def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    db = Database(database_url)
    migrate.upgrade(db)
    assert migrate.schema_drift(db) == []
    db.dispose()


def test_downgrade_to_empty_and_back(database_url: str) -> None:
    db = Database(database_url)
    migrate.upgrade(db)
    from alembic import command

    with db.engine.begin() as conn:
        cfg = migrate.alembic_config(db)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(db)
    assert migrate.schema_drift(db) == []
    db.dispose()


def test_same_columns_on_both_engines(database_url: str, backend: str) -> None:
    """Every model column exists with the same nullability on either engine."""
    db = Database(database_url)
    migrate.upgrade(db)
    insp = inspect(db.engine)
    for table in Base.metadata.sorted_tables:
        cols = {c["name"]: c for c in insp.get_columns(table.name)}
        for column in table.columns:
            assert column.name in cols, f"{backend}: {table.name}.{column.name} missing"
            assert cols[column.name]["nullable"] == column.nullable, (table.name, column.name)
    db.dispose()


def test_times_come_back_aware_in_utc(context) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    with context.db.session() as s:
        store = Store(name="shop", platform="woocommerce", base_url="https://shop.example")
        s.add(store)
        s.flush()
        s.add(Order(store_id=store.id, external_id="1", number="1001", ship_by=moment))
    with context.db.session() as s:
        got = s.scalars(select(Order.ship_by)).one()
    assert got == moment and got.tzinfo is not None and got.utcoffset() == timedelta(0)


def test_foreign_keys_are_enforced(context) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), context.db.session() as s:
        s.add(OrderLine(order_id=999_999, sku="X", name="x", quantity=1))
        s.flush()


def test_unique_order_per_store(context) -> None:  # type: ignore[no-untyped-def]
    with context.db.session() as s:
        store = Store(name="shop", platform="shopify", base_url="https://x.example")
        s.add(store)
        s.flush()
        s.add(Order(store_id=store.id, external_id="gid://shopify/Order/1", number="#1001"))
    with pytest.raises(IntegrityError), context.db.session() as s:
        s.add(Order(store_id=store.id, external_id="gid://shopify/Order/1", number="#1001"))
        s.flush()


def test_hebrew_text_round_trips(context) -> None:  # type: ignore[no-untyped-def]
    name = 'ספל קרמיקה 350 מ"ל / Mug'
    with context.db.session() as s:
        s.add(Product(sku="HE-1", name=name, weight_g=380))
    with context.db.session() as s:
        assert s.scalars(select(Product.name).where(Product.sku == "HE-1")).one() == name


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}", busy_timeout_ms=7000)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000
    db.dispose()


def test_enum_values_are_stored_as_plain_words(context) -> None:  # type: ignore[no-untyped-def]
    with context.db.session() as s:
        s.add(User(name="z", role=Role.PACKER, pin_hash="x"))
    with context.db.engine.connect() as conn:
        assert conn.execute(text("SELECT role FROM user_account")).scalar() == "packer"


def test_unreachable_database_is_one_clear_sentence() -> None:
    from fulfillment_app.errors import DatabaseUnavailable

    db = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    with pytest.raises(DatabaseUnavailable, match=r"Cannot reach the database PostgreSQL"):
        db.check_connection()
    db.dispose()


def test_a_write_held_up_past_the_busy_timeout_is_a_sentence(tmp_path) -> None:
    """Another process holds the SQLite write lock longer than the busy timeout (twenty
    pickers claiming carts at once meet it): the step fails with a sentence that says nothing
    was changed, never an unexpected failure, and works once the lock is gone."""
    import sqlite3

    from fulfillment_app.errors import DatabaseBusy

    path = tmp_path / "busy.sqlite3"
    db = Database(f"sqlite:///{path}", busy_timeout_ms=200)
    migrate.upgrade(db)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy, match="nothing was changed; try again"):
            with db.write() as session:
                session.add(User(name="Rina", role=Role.PICKER, pin_hash="x"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    with db.write() as session:
        session.add(User(name="Rina", role=Role.PICKER, pin_hash="x"))
    with db.read() as session:
        assert session.scalar(select(User.name)) == "Rina"
    db.dispose()


def test_a_durable_commit_leaves_no_log_for_the_next_scan_to_copy(tmp_path) -> None:
    """SQLite copies its write-ahead log into the file at a durable commit (a package
    closed), so that copy never lands inside a packer's scan; plain commits leave it in the
    log. Seen from the database file alone, without its log."""
    import shutil
    import sqlite3

    path = tmp_path / "wal.sqlite3"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    start = sqlite3.connect(path)
    start.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the schema in the file itself
    start.close()

    def names_in_the_file_alone() -> set[str]:
        copy = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}.sqlite3"
        shutil.copyfile(path, copy)  # the main file only: what is still in the log is not
        probe = sqlite3.connect(copy)
        try:
            return {name for (name,) in probe.execute("SELECT name FROM user_account")}
        finally:
            probe.close()

    with db.write() as session:
        session.add(User(name="Picker", role=Role.PICKER, pin_hash="x"))
    assert "Picker" not in names_in_the_file_alone()  # a plain commit stays in the log
    with db.write(durable=True) as session:
        session.add(User(name="Closer", role=Role.PACKER, pin_hash="x"))
    assert {"Picker", "Closer"} <= names_in_the_file_alone()
    db.dispose()
