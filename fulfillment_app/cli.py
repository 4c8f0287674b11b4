"""The ``fulfillment`` command: the desktop app with no arguments, headless commands otherwise.

Every failure ends in one line on standard error and a non-zero exit status: 1 for a problem
the user can fix (the message says how), 2 for a wrong command line, 70 for an unexpected
failure (its traceback is in the log file, never on the screen).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from . import __version__, cli_devices, cli_labels, cli_pack, cli_picking, cli_sync
from .config import Settings, load_settings
from .context import AppContext
from .db import migrate
from .errors import FulfillmentError, InvalidInput
from .logs import setup_logging
from .services.catalogue import ImportReport
from .services.users import parse_role

log = logging.getLogger(__name__)

EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits EX_SOFTWARE
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line plus a hint, not the whole usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fulfillment",
        description="Warehouse fulfillment station. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (default: the platform's)")
    parser.add_argument("--database", metavar="URL", help="database URL (overrides settings)")
    parser.add_argument("--station", metavar="NAME", help="this station's name")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    _add_quit_after(gui)
    gui.set_defaults(func=cmd_gui)

    demo = sub.add_parser(
        "demo",
        help="open the desktop app on a demo database with demo users and catalogue",
        description="Opens the desktop app on its own SQLite file (in the data directory's "
        "'demo' folder), filled with demo users and a sample catalogue on first start.",
    )
    demo.add_argument("--data-dir", type=Path, help="where the demo database lives")
    demo.add_argument("--reset", action="store_true", help="start again from an empty demo")
    _add_quit_after(demo)
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    db.add_parser("upgrade", help="migrate the schema to this version").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser("check", help="compare the schema with this version's models").set_defaults(
        func=cmd_db_check
    )
    db.add_parser("current", help="show the schema revision").set_defaults(func=cmd_db_current)

    users = sub.add_parser("users", help="manage users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = users.add_parser("add", help="add a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="picker, packer, supervisor or admin")
    add.add_argument("--pin", help="the PIN (digits); asked for when omitted")
    add.add_argument("--badge", metavar="CODE", help="badge barcode for scan sign-in")
    add.set_defaults(func=cmd_users_add)
    lst = users.add_parser("list", help="list users")
    lst.add_argument("--all", action="store_true", help="include deactivated users")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=cmd_users_list)
    unlock = users.add_parser("unlock", help="lift a lock after wrong PINs")
    unlock.add_argument("name")
    unlock.set_defaults(func=cmd_users_unlock)
    set_pin = users.add_parser("set-pin", help="set a user's PIN")
    set_pin.add_argument("name")
    set_pin.add_argument("--pin", help="the new PIN; asked for when omitted")
    set_pin.set_defaults(func=cmd_users_set_pin)
    set_badge = users.add_parser("set-badge", help="set or clear (with '') a user's badge")
    set_badge.add_argument("name")
    set_badge.add_argument("code")
    set_badge.set_defaults(func=cmd_users_set_badge)
    set_role = users.add_parser("set-role", help="change a user's role")
    set_role.add_argument("name")
    set_role.add_argument("role")
    set_role.set_defaults(func=cmd_users_set_role)
    for action, active in (("deactivate", False), ("activate", True)):
        p = users.add_parser(action, help=f"{action} a user")
        p.add_argument("name")
        p.set_defaults(func=cmd_users_set_active, active=active)

    imp = sub.add_parser("import", help="import products or locations from CSV").add_subparsers(
        dest="import_command", metavar="KIND", required=True, parser_class=_Parser
    )
    for kind in ("products", "locations"):
        p = imp.add_parser(kind, help=f"import {kind} from a CSV file (see README)")
        p.add_argument("file", type=Path)
        p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.set_defaults(func=cmd_import, kind=kind)

    cli_devices.add_commands(sub, _Parser)
    cli_labels.add_commands(sub, _Parser)
    cli_pack.add_commands(sub, _Parser)
    cli_sync.add_commands(sub, _Parser)
    cli_picking.add_commands(sub, _Parser)

    aud = sub.add_parser("audit", help="show the newest audit log entries")
    aud.add_argument("--limit", type=int, default=50)
    aud.add_argument("--action", help="only this action, e.g. user.locked")
    aud.add_argument("--json", action="store_true")
    aud.set_defaults(func=cmd_audit)
    return parser


def _add_quit_after(p: argparse.ArgumentParser) -> None:
    # For smoke tests and screenshots: close the window by itself after this many seconds.
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)


# -- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_file: Path | None = None
    try:
        settings = _settings(args)
        log_file = setup_logging(settings.log_dir, verbose=args.verbose)
        func: Callable[[argparse.Namespace, Settings], int] = getattr(args, "func", cmd_gui)
        return func(args, settings)
    except FulfillmentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (| head): not our failure
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("unexpected failure in %s", sys.argv)
        where = f"; details are in {log_file}" if log_file else ""
        print(f"error: an unexpected failure stopped the command{where}", file=sys.stderr)
        return EXIT_SOFTWARE


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if args.database:
        settings = settings.replace(
            database=settings.database.__class__(
                url=args.database, busy_timeout_ms=settings.database.busy_timeout_ms
            )
        )
    if args.station:
        settings = settings.replace(station=settings.station.__class__(name=args.station))
    return settings


def with_context(
    func: Callable[[argparse.Namespace, AppContext], int],
) -> Callable[[argparse.Namespace, Settings], int]:
    """Run a command with the application started, and closed again when it returns."""

    @functools.wraps(func)
    def run(args: argparse.Namespace, settings: Settings) -> int:
        with AppContext.running(settings) as context:
            return func(args, context)

    return run


# -- desktop ---------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace, settings: Settings) -> int:
    from .ui import launch  # Qt is loaded only when a window is wanted

    return launch.run(settings, quit_after=getattr(args, "quit_after", None))


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from .services import demo
    from .ui import launch

    settings = demo.demo_settings(settings, args.data_dir, reset=args.reset)
    devices = demo.DemoDevices(settings.data_dir / "demo-devices")
    store = demo.DemoStore()
    try:
        settings = settings.replace(devices={**devices.settings, **settings.devices})
        return launch.run(settings, demo=True, quit_after=args.quit_after, demo_store=store.url)
    finally:
        store.close()
        devices.close()


# -- database --------------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    context = AppContext.build(settings)
    context.db.check_connection()
    before, after = migrate.upgrade(context.db)
    if before == after:
        print(f"{context.db.description}: already at revision {after}")
    else:
        print(f"{context.db.description}: upgraded from {before or 'empty'} to {after}")
    context.close()
    return 0


def cmd_db_check(args: argparse.Namespace, settings: Settings) -> int:
    context = AppContext.build(settings)
    context.db.check_connection()
    current, head = migrate.current_revision(context.db), migrate.head_revision()
    if current != head:
        print(
            f"{context.db.description}: at revision {current or 'empty'}, this version "
            f"needs {head}; run 'fulfillment db upgrade'",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    drift = migrate.schema_drift(context.db)
    context.close()
    if drift:
        print(f"{context.db.description}: the schema differs from the models:", file=sys.stderr)
        for diff in drift:
            print(f"  {diff}", file=sys.stderr)
        return EXIT_USER_ERROR
    print(f"{context.db.description}: schema at {head}, no drift from the models")
    return 0


def cmd_db_current(args: argparse.Namespace, settings: Settings) -> int:
    context = AppContext.build(settings)
    context.db.check_connection()
    current = migrate.current_revision(context.db)
    head = migrate.head_revision()
    state = "up to date" if current == head else f"needs upgrade to {head}"
    print(f"{context.db.description}: revision {current or 'empty'} ({state})")
    context.close()
    return 0


# -- users -----------------------------------------------------------------------------------


def _pin(value: str | None) -> str:
    if value is not None:
        return value
    if not sys.stdin.isatty():
        pin = sys.stdin.readline().strip()
        if not pin:
            raise InvalidInput("No PIN given: pass --pin or type it on standard input.")
        return pin
    first = getpass.getpass("PIN: ")
    if getpass.getpass("PIN again: ") != first:
        raise InvalidInput("The two PINs differ; nothing was changed.")
    return first


@with_context
def cmd_users_add(args: argparse.Namespace, context: AppContext) -> int:
    role = parse_role(args.role)
    info = context.users.add(
        context.command_line_actor(), args.name, role, _pin(args.pin), args.badge
    )
    badge = " with a badge" if info.has_badge else ""
    print(f"added {info.name} ({info.role.value}){badge}")
    return 0


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


@with_context
def cmd_users_list(args: argparse.Namespace, context: AppContext) -> int:
    users = context.users.list(context.command_line_actor(), include_inactive=args.all)
    if args.json:
        print(json.dumps([_jsonable(asdict(u)) for u in users], ensure_ascii=False, indent=2))
        return 0
    if not users:
        print("no users yet: add one with 'fulfillment users add NAME --role admin'")
        return 0
    rows = [("NAME", "ROLE", "BADGE", "ACTIVE", "LOCKED UNTIL", "LAST SIGN-IN")]
    rows += [
        (
            u.name,
            u.role.value,
            "yes" if u.has_badge else "no",
            "yes" if u.active else "no",
            _when(u.locked_until),
            _when(u.last_login_at),
        )
        for u in users
    ]
    _print_table(rows)
    return 0


@with_context
def cmd_users_unlock(args: argparse.Namespace, context: AppContext) -> int:
    info = context.users.unlock(context.command_line_actor(), args.name)
    print(f"{info.name} is unlocked")
    return 0


@with_context
def cmd_users_set_pin(args: argparse.Namespace, context: AppContext) -> int:
    context.users.set_pin(context.command_line_actor(), args.name, _pin(args.pin))
    print(f"the PIN of {args.name} is changed")
    return 0


@with_context
def cmd_users_set_badge(args: argparse.Namespace, context: AppContext) -> int:
    context.users.set_badge(context.command_line_actor(), args.name, args.code or None)
    print(f"the badge of {args.name} is {'set' if args.code else 'cleared'}")
    return 0


@with_context
def cmd_users_set_role(args: argparse.Namespace, context: AppContext) -> int:
    role = parse_role(args.role)
    info = context.users.set_role(context.command_line_actor(), args.name, role)
    print(f"{info.name} is now {info.role.value}")
    return 0


@with_context
def cmd_users_set_active(args: argparse.Namespace, context: AppContext) -> int:
    info = context.users.set_active(context.command_line_actor(), args.name, args.active)
    print(f"{info.name} is {'active' if info.active else 'deactivated'}")
    return 0


# -- import ----------------------------------------------------------------------------------


@with_context
def cmd_import(args: argparse.Namespace, context: AppContext) -> int:
    actor = context.command_line_actor()
    if args.kind == "products":
        report = context.catalogue.import_products(actor, args.file)
    else:
        report = context.catalogue.import_locations(actor, args.file)
    _print_report(report, as_json=args.json)
    return EXIT_USER_ERROR if report.errors else 0


def _print_report(report: ImportReport, *, as_json: bool) -> None:
    if as_json:
        data = asdict(report)
        data["errors"] = [asdict(p) for p in report.errors]
        data["warnings"] = [asdict(p) for p in report.warnings]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for problem in report.errors:
        print(f"{report.file}: {problem}", file=sys.stderr)
    for problem in report.warnings:
        print(f"{report.file}: warning: {problem}", file=sys.stderr)
    if report.errors_not_listed or report.warnings_not_listed:
        print(f"{report.file}: and more problems, counted but not listed", file=sys.stderr)
    print(report.summary())
    if report.errors:
        print(
            f"the {report.rejected} rejected row(s) were not imported; fix them and import "
            "the file again (the rows already imported stay as they are)",
            file=sys.stderr,
        )


# -- audit -----------------------------------------------------------------------------------


@with_context
def cmd_audit(args: argparse.Namespace, context: AppContext) -> int:
    entries = context.audit.recent(
        context.command_line_actor(), limit=args.limit, action=args.action
    )
    if args.json:
        print(json.dumps([_jsonable(asdict(e)) for e in entries], ensure_ascii=False, indent=2))
        return 0
    rows = [("WHEN", "WHO", "STATION", "ACTION", "TARGET", "REASON")]
    rows += [
        (_when(e.at), e.actor, e.station or "-", e.action, e.target or "-", e.reason or "")
        for e in entries
    ]
    _print_table(rows)
    return 0


# -- output helpers --------------------------------------------------------------------------


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
