"""``fulfillment returns``: RMAs, the returns station's scans, collections from the customer."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app import with_context
from .output import echo, print_json, print_table

if TYPE_CHECKING:
    from ..context import AppContext
    from ..services.return_types import ReturnView

#: Exit status of a scan that recorded nothing (a code that is not a product).
EXIT_NOT_RECORDED = 1


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    returns = sub.add_parser(
        "returns",
        help="returned parcels: RMAs, grading at the returns station, collections",
        description="An RMA per returned parcel: from the store, or opened here by the packing "
        "slip, the order number, the tracking number or the RMA number. Each unit is graded "
        "sellable (back on a shelf), damaged (quarantine or scrap) or missing; differences "
        "go to a supervisor.",
    ).add_subparsers(dest="returns_command", metavar="ACTION", required=True,
                     parser_class=parser_class)  # fmt: skip

    opened = returns.add_parser("open", help="open an RMA for an order (or show its open one)")
    opened.add_argument("code", help="packing slip, [STORE/]NUMBER, tracking number or RMA")
    opened.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="SKU:QTY[:REASON]",
        help="a line expected back (repeat); default: everything the order shipped",
    )
    opened.add_argument("--reason", default="UNKNOWN", help="reason code of every line")
    opened.add_argument("--note", default="")
    opened.add_argument("--json", action="store_true")
    opened.set_defaults(func=cmd_open)

    receive = returns.add_parser("receive", help="a parcel arrived: its first scan")
    receive.add_argument("code", help="its label's tracking number, the slip, the order or RMA")
    receive.add_argument("--json", action="store_true")
    receive.set_defaults(func=cmd_receive)

    scan = returns.add_parser("scan", help="one unit out of the parcel, graded")
    scan.add_argument("rma")
    scan.add_argument("code", help="the item's barcode or SKU (a case code counts its pieces)")
    scan.add_argument("--grade", choices=("sellable", "damaged"), default="sellable")
    scan.add_argument("--location", metavar="CODE", help="restock here (default: its home)")
    scan.add_argument("--scrap", action="store_true", help="a damaged unit thrown away")
    scan.add_argument("--json", action="store_true")
    scan.set_defaults(func=cmd_scan)

    undo = returns.add_parser("undo", help="take back the last scan")
    undo.add_argument("rma")
    undo.set_defaults(func=cmd_undo)

    missing = returns.add_parser("missing", help="the units not scanned are missing")
    missing.add_argument("rma")
    missing.set_defaults(func=cmd_missing)

    finish = returns.add_parser("finish", help="the parcel is done: completed or a discrepancy")
    finish.add_argument("rma")
    finish.add_argument("--json", action="store_true")
    finish.set_defaults(func=cmd_finish)

    resolve = returns.add_parser("resolve", help="accept a discrepancy (supervisors)")
    resolve.add_argument("rma")
    resolve.add_argument("--note", required=True, help="why (kept in the audit log)")
    resolve.set_defaults(func=cmd_resolve)

    link = returns.add_parser("link", help="a parcel without an RMA belongs to this (supervisors)")
    link.add_argument("rma", help="the parcel's RMA (unmatched)")
    link.add_argument("code", help="the order or RMA it belongs to")
    link.set_defaults(func=cmd_link)

    lst = returns.add_parser("list", help="RMAs, newest first")
    lst.add_argument(
        "--status",
        choices=("open", "receiving", "completed", "discrepancy", "unmatched", "cancelled"),
    )
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    show = returns.add_parser("show", help="one RMA: lines, units, discrepancy")
    show.add_argument("rma")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    collect = returns.add_parser(
        "collect", help="a courier collects the parcel from the customer (its label printed)"
    )
    collect.add_argument("rma")
    collect.add_argument("--carrier", metavar="NAME", help="default: the order's carrier")
    collect.add_argument(
        "--out", type=Path, metavar="FILE", help="save the label (to e-mail it) instead"
    )
    collect.add_argument(
        "--again",
        action="store_true",
        help="an earlier request got no answer and the courier's portal does not have it",
    )
    collect.set_defaults(func=cmd_collect)

    reasons = returns.add_parser("reasons", help="the reason codes")
    reasons.set_defaults(func=cmd_reasons)


def _show(view: ReturnView, as_json: bool = False) -> None:
    if as_json:
        print_json(view.as_json())
        return
    order = f"order {view.order_number}" if view.order_number else "no order"
    store = f" ({view.store})" if view.store else ""
    echo(f"{view.number}: {view.status}, {order}{store}, from the {view.source}")
    if view.collection_tracking:
        echo(f"  collection: {view.collection_carrier} {view.collection_tracking}")
    if view.lines:
        rows = [("SKU", "NAME", "EXPECTED", "SELLABLE", "DAMAGED", "MISSING", "REASON", "HOME")]
        rows += [
            (
                ln.sku, ln.name, str(ln.expected), str(ln.sellable), str(ln.damaged),
                str(ln.missing), ln.reason, ln.suggested_location or "-",
            )
            for ln in view.lines
        ]  # fmt: skip
        print_table(rows)
    if view.discrepancy:
        echo(f"  discrepancy: {view.discrepancy}")


@with_context
def cmd_open(args: argparse.Namespace, context: AppContext) -> int:
    from ..services.return_types import parse_line

    reasons = context.returns.reasons()
    lines = [parse_line(text, reasons) for text in args.line]
    view = context.returns.open(
        context.command_line_actor(), args.code, lines=lines or None, reason=args.reason,
        note=args.note,
    )  # fmt: skip
    _show(view, args.json)
    return 0


@with_context
def cmd_receive(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.receive(context.command_line_actor(), args.code), args.json)
    return 0


@with_context
def cmd_scan(args: argparse.Namespace, context: AppContext) -> int:
    outcome = context.returns.scan(
        context.command_line_actor(), args.rma, args.code, args.grade, location=args.location,
        scrap=args.scrap,
    )  # fmt: skip
    if args.json:
        print_json(
            {"outcome": outcome.outcome, "message": outcome.message, **outcome.view.as_json()}
        )
    else:
        echo(f"{outcome.outcome}: {outcome.message}")
    return EXIT_NOT_RECORDED if outcome.outcome == "unknown" else 0


@with_context
def cmd_undo(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.undo_last(context.command_line_actor(), args.rma))
    return 0


@with_context
def cmd_missing(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.mark_missing(context.command_line_actor(), args.rma))
    return 0


@with_context
def cmd_finish(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.finish(context.command_line_actor(), args.rma), args.json)
    return 0


@with_context
def cmd_resolve(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.resolve(context.command_line_actor(), args.rma, args.note))
    return 0


@with_context
def cmd_link(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.link(context.command_line_actor(), args.rma, args.code))
    return 0


@with_context
def cmd_list(args: argparse.Namespace, context: AppContext) -> int:
    rows = context.returns.list(context.command_line_actor(), args.status)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print("No returns.")
        return 0
    table = [("RMA", "STATUS", "ORDER", "STORE", "EXPECTED", "RECEIVED", "SOURCE")]
    table += [
        (r.number, r.status, r.order_number or "-", r.store or "-", str(r.expected),
         str(r.received), r.source)
        for r in rows
    ]  # fmt: skip
    print_table(table)
    return 0


@with_context
def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    _show(context.returns.get(context.command_line_actor(), args.rma), args.json)
    return 0


@with_context
def cmd_collect(args: argparse.Namespace, context: AppContext) -> int:
    tracking = context.returns.collect(
        context.command_line_actor(), args.rma, args.carrier, out=args.out, again=args.again
    )
    where = f"label saved to {args.out}" if args.out else "label sent to the label printer"
    echo(f"{args.rma}: collection {tracking} ({where})")
    return 0


@with_context
def cmd_reasons(args: argparse.Namespace, context: AppContext) -> int:
    for reason in context.returns.reasons():
        print(reason)
    return 0
