"""``fulfillment pack``: a whole pack session from a file of scans."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import FulfillmentError, InvalidInput
from ..text import parse_weight_g
from .app import running
from .output import echo, print_json, print_table

EXIT_NOT_CLOSED = 1


def _grams(value: str) -> float:
    try:
        return parse_weight_g(value)
    except InvalidInput as exc:  # argparse shows it with the usage, exit status 2
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser(
        "pack",
        help="pack an order from a file of scans",
        description="Runs a pack session as the packing station does: each line of FILE is a "
        "scan. With --weight (the gross weight the scale shows) the package is closed, in the "
        "box given by --box or the suggested one. Works for orders that were never picked.",
    )
    pack.add_argument(
        "--order",
        required=True,
        metavar="NUMBER",
        help="order number (STORE/NUMBER where two stores use it), the packing slip's "
        "ORD: code, or a cart or tote code",
    )
    pack.add_argument("--scans", required=True, type=Path, metavar="FILE", help="'-': stdin")
    pack.add_argument("--weight", type=_grams, metavar="GRAMS")
    pack.add_argument("--box", metavar="CODE", help="box code, or OWN for own packaging")
    pack.add_argument("--json", action="store_true")
    pack.set_defaults(func=cmd_pack)

    exc = sub.add_parser("exceptions", help="orders sent to the exceptions at packing")
    actions = exc.add_subparsers(
        dest="exceptions_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    actions.add_parser("list", help="orders waiting for a supervisor").set_defaults(
        func=cmd_exceptions_list
    )
    resolve = actions.add_parser("resolve", help="pack short, wait for stock, or cancel")
    resolve.add_argument("order", metavar="NUMBER")
    resolve.add_argument("--action", required=True, choices=("pack-short", "wait", "cancel"))
    resolve.add_argument("--note", default="", help="why (kept in the audit log)")
    resolve.set_defaults(func=cmd_exceptions_resolve)


def _read_scans(path: Path) -> list[bytes]:
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    return [line.rstrip(b"\r") for line in data.split(b"\n") if line.strip()]


def cmd_pack(args: argparse.Namespace, settings: Settings) -> int:
    scans = _read_scans(args.scans)
    report: dict[str, Any] = {"order": args.order, "scans": [], "closed": False}
    with running(settings) as context:
        actor = context.command_line_actor()
        view = context.packing.start(actor, args.order)
        report["session"] = view.session_id
        report["store"] = view.store
        for raw in scans:
            reply = context.packing.scan(actor, view.session_id, raw)
            shown = raw.decode("utf-8", errors="backslashreplace")
            report["scans"].append(
                {"raw": shown, "outcome": reply.outcome, "message": reply.message}
            )
            if not args.json:
                echo(f"{reply.outcome:<13} {shown:<28} {reply.message}")
        final = context.packing.view(view.session_id)
        report["complete"] = final.complete
        report["packed"], report["total"] = final.packed, final.total
        if args.weight is not None:
            try:
                closed = context.packing.close(
                    actor, view.session_id, weight_g=args.weight, box_code=args.box
                )
            except FulfillmentError as exc:
                report["error"] = str(exc)
            else:
                report["closed"] = True
                report["package"] = {
                    "number": closed.package_number,
                    "sscc": closed.sscc,
                    "box": closed.box,
                    "weight": asdict(closed.weight) if closed.weight else None,
                    "messages": closed.messages,
                }
    if args.json:
        print_json(report)
    else:
        print(
            f"packed {report.get('packed', 0)} of {report.get('total', 0)}"
            + ("; package closed" if report["closed"] else "; not closed")
        )
        if "error" in report:
            echo(f"error: {report['error']}", file=sys.stderr)
        elif report["closed"]:
            package = report["package"]
            echo(
                f"package {package['number']} in box {package['box']}"
                + (f", SSCC {package['sscc']}" if package["sscc"] else "")
            )
            if package["weight"]:
                print(f"weight {args.weight:g} g, expected {package['weight']['expected_g']:.0f} g")
    return 0 if report["closed"] or args.weight is None else EXIT_NOT_CLOSED


def cmd_exceptions_list(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        rows = context.exceptions.exceptions(context.command_line_actor())
    if not rows:
        print("no orders wait in the exceptions")
        return 0
    print_table(
        [("ORDER", "STATION", "WHO", "REASON")]
        + [(row.number, row.station, row.who, row.reason) for row in rows]
    )
    return 0


def cmd_exceptions_resolve(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        actor = context.command_line_actor()
        echo(context.exceptions.resolve_exception(actor, args.order, args.action, args.note))
    return 0
