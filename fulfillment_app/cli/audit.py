"""``fulfillment audit``: the newest entries of the audit log."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .app import with_context
from .output import print_json, print_table
from .users import _when

if TYPE_CHECKING:
    from ..context import AppContext


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    aud = sub.add_parser("audit", help="show the newest audit log entries")
    aud.add_argument("--limit", type=int, default=50)
    aud.add_argument("--action", help="only this action, e.g. user.locked")
    aud.add_argument("--json", action="store_true")
    aud.set_defaults(func=cmd_audit)


@with_context
def cmd_audit(args: argparse.Namespace, context: AppContext) -> int:
    entries = context.audit.recent(
        context.command_line_actor(), limit=args.limit, action=args.action
    )
    if args.json:
        print_json([asdict(e) for e in entries])
        return 0
    rows = [("WHEN", "WHO", "STATION", "ACTION", "TARGET", "REASON")]
    rows += [
        (_when(e.at), e.actor, e.station or "-", e.action, e.target or "-", e.reason or "")
        for e in entries
    ]
    print_table(rows)
    return 0
