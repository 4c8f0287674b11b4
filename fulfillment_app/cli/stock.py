"""``fulfillment stock``: on hand, reserved and available per product and location; adjusting
by hand, counting a location from a file of scans, the history of moves, and pushing the
available figures to the stores."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput
from .app import with_context
from .output import echo, print_json, print_table
from .users import _when

if TYPE_CHECKING:
    from ..context import AppContext

EXIT_PUSH_PROBLEM = 1


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    stock = sub.add_parser("stock", help="stock on hand, counts and the push to the stores")
    actions = stock.add_subparsers(
        dest="stock_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    lst = actions.add_parser("list", help="on hand, reserved and available per location")
    lst.add_argument("--sku")
    lst.add_argument("--location", metavar="CODE")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_stock_list)

    adj = actions.add_parser("adjust", help="set or change a product's stock at a location")
    adj.add_argument("sku", metavar="SKU")
    adj.add_argument("--location", metavar="CODE", required=True)
    how = adj.add_mutually_exclusive_group(required=True)
    how.add_argument("--set", type=int, metavar="N", dest="set_to", help="the new quantity")
    how.add_argument("--by", type=int, metavar="±N", help="the change, e.g. -2 or 5")
    adj.add_argument("--reason", required=True, help="why (kept in the audit log)")
    adj.add_argument("--json", action="store_true")
    adj.set_defaults(func=cmd_stock_adjust)

    cnt = actions.add_parser("count", help="count a location from a file of scans")
    cnt.add_argument("location", metavar="LOCATION")
    cnt.add_argument(
        "--scans",
        required=True,
        type=Path,
        metavar="FILE",
        help="one scan a line (a barcode, GTIN or SKU; 'CODE,N' for N scans of it)",
    )
    cnt.add_argument(
        "--dry-run", action="store_true", help="show the differences without applying them"
    )
    cnt.add_argument("--json", action="store_true")
    cnt.set_defaults(func=cmd_stock_count)

    mv = actions.add_parser("moves", help="the newest stock moves: who, why, when")
    mv.add_argument("--sku")
    mv.add_argument("--limit", type=int, default=100)
    mv.add_argument("--json", action="store_true")
    mv.set_defaults(func=cmd_stock_moves)

    push = actions.add_parser("push", help="send the changed available figures to the stores")
    push.add_argument("--store", metavar="NAME")
    push.add_argument("--json", action="store_true")
    push.set_defaults(func=cmd_stock_push)


@with_context
def cmd_stock_list(args: argparse.Namespace, context: AppContext) -> int:
    rows = context.stock.levels(context.command_line_actor(), sku=args.sku, location=args.location)
    if args.json:
        print_json(
            [
                {
                    "sku": r.sku,
                    "name": r.name,
                    "location": r.location,
                    "on_hand": r.on_hand,
                    "reserved": r.reserved,
                    "available": r.available,
                }
                for r in rows
            ]
        )
        return 0
    table: list[tuple[object, ...]] = [
        ("SKU", "NAME", "LOCATION", "ON HAND", "RESERVED", "AVAILABLE")
    ]
    table += [(r.sku, r.name, r.location, r.on_hand, r.reserved, r.available) for r in rows]
    print_table(table)
    return 0


@with_context
def cmd_stock_adjust(args: argparse.Namespace, context: AppContext) -> int:
    row = context.stock.adjust(
        context.command_line_actor(),
        args.sku,
        args.location,
        set_to=args.set_to,
        by=args.by,
        reason=args.reason,
    )
    if args.json:
        print_json(asdict(row))
    else:
        echo(
            f"{row.sku} at {row.location}: {row.on_hand} on hand, {row.reserved} reserved, "
            f"{row.available} available."
        )
    return 0


@with_context
def cmd_stock_count(args: argparse.Namespace, context: AppContext) -> int:
    try:
        scans = args.scans.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise InvalidInput(f"Cannot read the scans file {args.scans}: {reason}.") from None
    result = context.stock.count(
        context.command_line_actor(), args.location, scans, apply=not args.dry_run
    )
    if args.json:
        print_json(
            {
                "location": result.location,
                "applied": result.applied,
                "lines": [asdict(line) | {"difference": line.difference} for line in result.lines],
                "unknown": result.unknown,
            }
        )
        return 0
    if result.differences:
        table: list[tuple[object, ...]] = [("SKU", "NAME", "EXPECTED", "COUNTED", "DIFFERENCE")]
        table += [
            (d.sku, d.name, d.expected, d.counted, f"{d.difference:+d}") for d in result.differences
        ]
        print_table(table)
    else:
        echo(f"{result.location}: the count matches what we hold ({len(result.lines)} products).")
    for code in result.unknown:
        echo(f"Unknown code {code}: not counted (add it to the catalogue, then count again).")
    if result.differences:
        echo(
            "Applied: the differences are stock moves now."
            if result.applied
            else "Dry run: nothing was changed."
        )
    return 0


@with_context
def cmd_stock_moves(args: argparse.Namespace, context: AppContext) -> int:
    moves = context.stock.moves(context.command_line_actor(), sku=args.sku, limit=args.limit)
    if args.json:
        print_json([asdict(m) for m in moves])
        return 0
    table: list[tuple[object, ...]] = [
        ("WHEN", "SKU", "LOCATION", "CHANGE", "AFTER", "KIND", "WHO", "WHY")
    ]
    table += [
        (
            _when(m.at),
            m.sku,
            m.location,
            f"{m.quantity:+d}",
            m.on_hand_after,
            m.kind,
            m.person or "-",
            " ".join(p for p in (m.reason, m.reference or "") if p) or "-",
        )
        for m in moves
    ]
    print_table(table)
    return 0


@with_context
def cmd_stock_push(args: argparse.Namespace, context: AppContext) -> int:
    reports = context.sync.push_stock(args.store)
    if args.json:
        print_json(
            [
                {
                    "store": r.store,
                    "pushed": r.stock_pushed,
                    "waiting": r.stock_waiting,
                    "requests": r.requests,
                    "error": r.error,
                    "busy": r.busy,
                }
                for r in reports
            ]
        )
    else:
        for r in reports:
            if r.busy:
                echo(f"{r.store}: {r.busy} is syncing this store; skipped.")
                continue
            text = f"{r.store}: {r.stock_pushed} SKUs pushed, {r.stock_waiting} waiting"
            echo(text + (f". Problem: {r.error}" if r.error else "."))
    return EXIT_PUSH_PROBLEM if any(r.error for r in reports) else 0
