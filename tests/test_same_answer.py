"""The same answer on SQLite and PostgreSQL: two identical writes at once from two processes,
and text longer than its column."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fulfillment_app import cli
from fulfillment_app.config import Settings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Product, Role, User
from fulfillment_app.errors import FulfillmentError
from fulfillment_app.gtin import gs1_check_digit

ROWS = 3000


def _write_at_once(settings: Settings, barrier: Any, results: Any, what: str, arg: str) -> None:
    """One of two processes doing the same write as soon as both are ready."""
    context = AppContext.build(settings)
    context.start()
    actor = context.command_line_actor()
    barrier.wait(timeout=120)
    outcome: tuple[Any, ...]
    try:
        if what == "user":
            outcome = ("ok", context.users.add(actor, arg, Role.PICKER, "1234").name)
        else:
            report = context.catalogue.import_products(actor, Path(arg))
            outcome = ("ok", report.created, report.unchanged, report.rejected)
    except FulfillmentError as exc:
        outcome = ("sentence", str(exc))
    except Exception as exc:  # what a user would have seen as "an unexpected failure"
        outcome = ("crash", type(exc).__name__, str(exc)[:300])
    finally:
        context.close()
    results.put(outcome)


def _twice_at_once(settings: Settings, what: str, arg: str) -> list[tuple[Any, ...]]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_write_at_once, args=(settings, barrier, results, what, arg))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return outcomes


def test_the_same_import_from_two_stations_at_once(
    context: AppContext, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "products.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("sku,name,barcode,weight_g\n")
        for i in range(ROWS):
            data = f"729{i:09d}"
            f.write(f"SKU-{i},Product {i},{data}{gs1_check_digit(data)},{i % 900 + 10}\n")
    outcomes = _twice_at_once(settings, "products", str(path))
    # One created everything, the other found it there (in turn on SQLite; on PostgreSQL
    # after running again once the first had committed).
    assert sorted(outcomes) == [("ok", 0, ROWS, 0), ("ok", ROWS, 0, 0)], outcomes
    with context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == ROWS


def test_the_same_user_added_from_two_places_at_once(
    context: AppContext, settings: Settings
) -> None:
    outcomes = _twice_at_once(settings, "user", "Dana")
    assert sorted(outcomes) == [
        ("ok", "Dana"),
        ("sentence", "There is already a user called Dana."),
    ], outcomes
    with context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(User).where(User.name == "Dana")) == 1


def test_a_station_name_too_long_is_a_sentence(database_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code = cli.main(["--database", database_url, "--station", "S" * 101, "import", "products", "x"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert "station name must be 1 to 100 characters (it is 101)" in err


def test_an_import_file_name_too_long_for_the_audit_is_shortened(
    context: AppContext, admin, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    name = "p" * 150 + ".csv"
    path = tmp_path / name
    path.write_text("sku,name,barcode,weight_g\nA,Apple,,10\n", encoding="utf-8")
    report = context.catalogue.import_products(admin, path)
    assert report.created == 1
    with context.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import.products")).one()
    assert len(entry.target_id or "") == 100 and (entry.target_id or "").endswith("…")
    assert entry.after and entry.after["file"] == name  # the whole name is kept in the details


@pytest.mark.parametrize("value", ["", " ", "a\tb", "x" * 101])
def test_bad_station_names_are_refused_when_the_settings_are_made(value: str) -> None:
    from fulfillment_app.config import StationSettings
    from fulfillment_app.errors import ConfigError

    with pytest.raises(ConfigError, match="station name"):
        StationSettings(name=value)
