"""``fulfillment db ...``: the schema's revision, upgrades and drift."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .app import EXIT_USER_ERROR, running

if TYPE_CHECKING:
    from ..config import Settings


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    db.add_parser(
        "upgrade", help="create the database, or migrate its schema to this version"
    ).set_defaults(func=cmd_db_upgrade, creates_database=True)
    db.add_parser("check", help="compare the schema with this version's models").set_defaults(
        func=cmd_db_check
    )
    db.add_parser("current", help="show the schema revision").set_defaults(func=cmd_db_current)


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from ..db import migrate

    with running(settings, start=False, create=True) as context:
        before, after = migrate.upgrade(context.db)
    if before == after:
        print(f"{context.db.description}: already at revision {after}")
    else:
        print(f"{context.db.description}: upgraded from {before or 'empty'} to {after}")
    return 0


def cmd_db_check(args: argparse.Namespace, settings: Settings) -> int:
    from ..db import migrate

    with running(settings, start=False) as context:
        current, head = migrate.current_revision(context.db), migrate.head_revision()
        if current != head:
            print(
                f"{context.db.description}: at revision {current or 'empty'}, this version "
                f"needs {head}; run 'fulfillment db upgrade'",
                file=sys.stderr,
            )
            return EXIT_USER_ERROR
        drift = migrate.schema_drift(context.db)
    if drift:
        print(f"{context.db.description}: the schema differs from the models:", file=sys.stderr)
        for diff in drift:
            print(f"  {diff}", file=sys.stderr)
        return EXIT_USER_ERROR
    print(f"{context.db.description}: schema at {head}, no drift from the models")
    return 0


def cmd_db_current(args: argparse.Namespace, settings: Settings) -> int:
    from ..db import migrate

    with running(settings, start=False) as context:
        current = migrate.current_revision(context.db)
    head = migrate.head_revision()
    state = "up to date" if current == head else f"needs upgrade to {head}"
    print(f"{context.db.description}: revision {current or 'empty'} ({state})")
    return 0
