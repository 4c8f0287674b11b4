"""``fulfillment users ...``: accounts, roles, PINs and badges."""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput
from .app import with_context
from .output import echo, print_json, print_table

if TYPE_CHECKING:
    from ..context import AppContext


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    users = sub.add_parser("users", help="manage users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=parser_class
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
    set_badge = users.add_parser("set-badge", help="set a user's badge, or clear it with --clear")
    set_badge.add_argument("name")
    code = set_badge.add_mutually_exclusive_group(required=True)
    code.add_argument("code", nargs="?", help="the badge's barcode")
    code.add_argument("--clear", action="store_true", help="take the badge away")
    set_badge.set_defaults(func=cmd_users_set_badge)
    set_role = users.add_parser("set-role", help="change a user's role")
    set_role.add_argument("name")
    set_role.add_argument("role")
    set_role.set_defaults(func=cmd_users_set_role)
    for action, active in (("deactivate", False), ("activate", True)):
        p = users.add_parser(action, help=f"{action} a user")
        p.add_argument("name")
        p.set_defaults(func=cmd_users_set_active, active=active)


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


def _badge(code: str | None, *, option: str) -> str | None:
    """A badge code as given, refused when it is empty: an empty code is no badge, and
    clearing one is a command of its own."""
    if code is not None and not code.strip():
        raise InvalidInput(
            f"The badge code {option} is empty: give the badge's barcode "
            "(to take a badge away: fulfillment users set-badge NAME --clear)."
        )
    return code


@with_context
def cmd_users_add(args: argparse.Namespace, context: AppContext) -> int:
    from ..services.users import parse_role

    role = parse_role(args.role)
    badge = _badge(args.badge, option="after --badge")
    info = context.users.add(context.command_line_actor(), args.name, role, _pin(args.pin), badge)
    badge_note = " with a badge" if info.has_badge else ""
    echo(f"added {info.name} ({info.role.value}){badge_note}")
    return 0


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


@with_context
def cmd_users_list(args: argparse.Namespace, context: AppContext) -> int:
    users = context.users.list(context.command_line_actor(), include_inactive=args.all)
    if args.json:
        print_json([asdict(u) for u in users])
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
    print_table(rows)
    return 0


@with_context
def cmd_users_unlock(args: argparse.Namespace, context: AppContext) -> int:
    info = context.users.unlock(context.command_line_actor(), args.name)
    echo(f"{info.name} is unlocked")
    return 0


@with_context
def cmd_users_set_pin(args: argparse.Namespace, context: AppContext) -> int:
    context.users.set_pin(context.command_line_actor(), args.name, _pin(args.pin))
    echo(f"the PIN of {args.name} is changed")
    return 0


@with_context
def cmd_users_set_badge(args: argparse.Namespace, context: AppContext) -> int:
    code = None if args.clear else _badge(args.code, option="given")
    context.users.set_badge(context.command_line_actor(), args.name, code)
    echo(f"the badge of {args.name} is {'cleared' if code is None else 'set'}")
    return 0


@with_context
def cmd_users_set_role(args: argparse.Namespace, context: AppContext) -> int:
    from ..services.users import parse_role

    role = parse_role(args.role)
    info = context.users.set_role(context.command_line_actor(), args.name, role)
    echo(f"{info.name} is now {info.role.value}")
    return 0


@with_context
def cmd_users_set_active(args: argparse.Namespace, context: AppContext) -> int:
    info = context.users.set_active(context.command_line_actor(), args.name, args.active)
    echo(f"{info.name} is {'active' if info.active else 'deactivated'}")
    return 0
