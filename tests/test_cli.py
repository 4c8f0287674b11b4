"""The ``fulfillment`` command as people and scripts use it: real processes, real databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fulfillment_app import cli
from fulfillment_app.db.migrate import head_revision

HEAD = head_revision()

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def run(args: list[str], data_dir: Path, stdin: str | None = None, **env: str):  # type: ignore[no-untyped-def]
    """Run the installed ``fulfillment`` command in a child process, on a station whose
    database (in ``data_dir``) exists, as after ``fulfillment db upgrade``."""
    (data_dir / "fulfillment.sqlite3").touch()
    environ = {**os.environ, "FULFILLMENT_DATA_DIR": str(data_dir), **env}
    environ.pop("FULFILLMENT_DATABASE_URL", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "fulfillment"), *args],
        capture_output=True,
        text=True,
        env=environ,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path)
    assert result.returncode == 0
    for command in ("demo", "db", "users", "import", "audit"):
        assert command in result.stdout


def test_db_upgrade_builds_the_same_schema_on_each_engine(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = run(["--database", database_url, "db", "upgrade"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"upgraded from empty to {HEAD}" in first.stdout
    assert "password" not in first.stdout
    again = run(["--database", database_url, "db", "upgrade"], tmp_path)
    assert f"already at revision {HEAD}" in again.stdout
    check = run(["--database", database_url, "db", "check"], tmp_path)
    assert check.returncode == 0 and "no drift" in check.stdout, check.stderr


def test_users_and_import_end_to_end(database_url: str, tmp_path: Path) -> None:
    db = ["--database", database_url]
    added = run(
        [
            *db,
            "users",
            "add",
            "Yossi",
            "--role",
            "supervisor",
            "--pin",
            "2468",
            "--badge",
            "B-1002",
        ],
        tmp_path,
    )
    assert added.returncode == 0 and "added Yossi (supervisor) with a badge" in added.stdout
    # The PIN can come on standard input instead of the command line (not in shell history).
    piped = run([*db, "users", "add", "Noa", "--role", "packer"], tmp_path, stdin="13579\n")
    assert piped.returncode == 0, piped.stderr
    listed = run([*db, "users", "list", "--json"], tmp_path)
    users = json.loads(listed.stdout)
    assert [(u["name"], u["role"], u["has_badge"]) for u in users] == [
        ("Noa", "packer", False),
        ("Yossi", "supervisor", True),
    ]
    assert all("pin" not in key for u in users for key in u)

    locs = run([*db, "import", "locations", str(RESOURCES / "sample-locations.csv")], tmp_path)
    assert locs.returncode == 0 and "240 created" in locs.stdout
    products = run([*db, "import", "products", str(RESOURCES / "sample-products.csv")], tmp_path)
    assert products.returncode == 0 and "20 created" in products.stdout
    audit = run([*db, "audit", "--json"], tmp_path)
    actions = [e["action"] for e in json.loads(audit.stdout)]
    assert actions[:2] == ["import.products", "import.locations"]


def test_bad_rows_are_printed_and_the_exit_status_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "p.csv"
    bad.write_text("sku,name,barcode,weight_g\nA,Mug,,1\nB,Cup,,x\nC,,,1\n", encoding="utf-8")
    result = run(["import", "products", str(bad)], tmp_path)
    assert result.returncode == 1
    assert "p.csv: line 3: weight_g 'x' is not a number" in result.stderr
    assert "p.csv: line 4: name is empty" in result.stderr
    assert "1 created" in result.stdout and "2 rejected" in result.stdout


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["users", "add", "x", "--role", "boss", "--pin", "1234"], "Unknown role 'boss'", 1),
        (["users", "add", "x", "--role", "picker", "--pin", "12"], "A PIN must be 4 to 12", 1),
        (["import", "products", "/no/such.csv"], "There is no file /no/such.csv", 1),
        (
            ["--database", "postgresql://postgres@127.0.0.1:1/x", "db", "upgrade"],
            "Cannot reach the database PostgreSQL postgres@127.0.0.1:1/x",
            1,
        ),
        (["--database", "mysql://x/y", "db", "upgrade"], "Unsupported database 'mysql'", 1),
        (["users", "frobnicate"], "invalid choice: 'frobnicate'", 2),
        (["users", "unlock", "ghost"], "There is no user called ghost", 1),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path: Path, args, message, status) -> None:  # type: ignore[no-untyped-def]
    result = run(args, tmp_path)
    assert result.returncode == status
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_bad_settings_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("[ui]\nlanguage = 'fr'\n", encoding="utf-8")
    result = run(["users", "list"], tmp_path, FULFILLMENT_CONFIG=str(config))
    assert result.returncode == 1
    assert f"{config}: ui.language must be one of en, he" in result.stderr


@pytest.mark.usefixtures("_restore_logging")
def test_an_unexpected_failure_is_logged_not_shown(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # A programming error cannot be produced on demand, so one is planted in a command.
    def broken(args, settings):  # type: ignore[no-untyped-def]
        raise RuntimeError("internal detail with a secret 918273645")

    monkeypatch.setattr(cli.users, "cmd_users_list", broken)
    monkeypatch.setenv("FULFILLMENT_DATA_DIR", str(tmp_path))
    status = cli.main(["users", "list"])
    err = capsys.readouterr().err
    assert status == cli.EXIT_SOFTWARE
    assert "an unexpected failure stopped the command" in err
    assert "Traceback" not in err and "918273645" not in err
    log_text = (tmp_path / "logs" / "fulfillment.log").read_text(encoding="utf-8")
    assert "Traceback" in log_text and "RuntimeError" in log_text


# -- start-up --------------------------------------------------------------------------------

HEAVY = {"sqlalchemy", "alembic", "biip", "reportlab", "httpx", "argon2", "PIL", "serial"}


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["decode", "0123456789012", "--json"], ["users", "--help"]]
)
def test_help_and_decode_load_no_database_and_no_heavy_library(args: list[str]) -> None:
    """What makes start-up slow is loaded only by the commands that use it."""
    code = f"""
import contextlib, io, sys
from fulfillment_app.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        status = main({args!r})
    except SystemExit as exit:
        status = exit.code
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({sorted(HEAVY)!r}))
print(status, ",".join(loaded))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"], result.stdout


def test_the_parser_offers_what_the_code_knows() -> None:
    from fulfillment_app.cli import devices, labels, picking
    from fulfillment_app.devices.scale import PROTOCOLS
    from fulfillment_app.labels.samples import KINDS
    from fulfillment_app.picking.routing import METHODS
    from fulfillment_app.services.labels import ORDER_KINDS

    assert devices.PROTOCOLS == PROTOCOLS
    assert labels.KINDS == KINDS and labels.ORDER_KINDS == ORDER_KINDS
    assert picking.ROUTING_METHODS == tuple(sorted(METHODS))
