"""``fulfillment ship``, ``shipments`` and ``track``: packages handed to the carriers."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import Settings
from ..errors import InvalidInput
from .app import running
from .output import echo, print_json

EXIT_NOT_SHIPPED = 1


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    ship = sub.add_parser(
        "ship",
        help="request and send the shipments of a packed order",
        description="Requests a shipment for each closed package of the order that has none "
        "yet (with the carrier the rules choose, or --carrier), sends what waits and prints "
        "the outcome. Exit status 1 when a shipment is held or still waiting.",
    )
    ship.add_argument("--order", required=True, metavar="[STORE/]NUMBER")
    ship.add_argument("--carrier", metavar="NAME", help="this carrier instead of the rules'")
    ship.add_argument("--json", action="store_true")
    ship.set_defaults(func=cmd_ship)

    shipments = sub.add_parser("shipments", help="shipments with the carriers").add_subparsers(
        dest="shipments_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    lst = shipments.add_parser("list", help="one line a package: carrier, status, number")
    lst.add_argument("--order", metavar="[STORE/]NUMBER")
    lst.add_argument("--status", choices=("waiting", "created", "held", "failed", "cancelled"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_shipments_list)
    retry = shipments.add_parser(
        "retry", help="send a held shipment again (after fixing its cause)"
    )
    retry.add_argument("reference", help="the shipment's reference (PKG-…)")
    retry.add_argument("--note", default="", help="why (kept in the audit log)")
    retry.add_argument(
        "--not-at-courier",
        action="store_true",
        help="you checked with the courier that an earlier try did not create it",
    )
    retry.set_defaults(func=cmd_shipments_retry)
    resolve = shipments.add_parser(
        "resolve", help="a held shipment found at the courier: take its tracking number"
    )
    resolve.add_argument("reference")
    resolve.add_argument("--tracking-number", required=True, metavar="NUMBER")
    resolve.add_argument("--note", default="")
    resolve.set_defaults(func=cmd_shipments_resolve)
    cancel = shipments.add_parser("cancel", help="cancel a shipment, at the courier too")
    cancel.add_argument("reference")
    cancel.add_argument("--note", default="")
    cancel.set_defaults(func=cmd_shipments_cancel)

    track = sub.add_parser(
        "track",
        help="ask the carriers for the news of shipments on the way",
        description="Polls each carrier (in one batch where it can) and prints each "
        "shipment's tracking status; 'delivered' moves the order to delivered.",
    )
    track.add_argument("--order", metavar="[STORE/]NUMBER")
    track.add_argument("--json", action="store_true")
    track.set_defaults(func=cmd_track)


def _shipment_id(context: Any, reference: str) -> int:
    from ..errors import NotFound

    wanted = reference.strip().upper()
    for info in context.shipping.list():
        if info.reference.upper() == wanted or str(info.id) == wanted:
            return int(info.id)
    raise NotFound(
        f"There is no shipment {reference!r}: see 'fulfillment shipments list' for references."
    )


def cmd_ship(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        actor = context.command_line_actor()
        added = context.shipping.request_for_order(actor, args.order, args.carrier)
        order_id = context.shipping.order_id(args.order)
        report = context.shipping.send_due(order_id=order_id)
        rows = context.shipping.list(args.order)
    if not rows:
        raise InvalidInput(
            f"Order {args.order} has no shipment: no carrier is chosen for it; give --carrier "
            "or set the [shipping] rules or default_carrier."
        )
    if args.json:
        print_json(
            {
                "requested": added,
                "created": report.created,
                "held": report.held,
                "waiting": report.waiting,
                "shipments": [r.as_json() for r in rows],
            }
        )
    else:
        for r in rows:
            echo(_line(r))
    done = all(r.status in ("created", "cancelled") for r in rows)
    return 0 if done else EXIT_NOT_SHIPPED


def _line(r: Any) -> str:
    number = r.tracking_number or "-"
    text = f"{r.order} package {r.package}: {r.carrier} {r.status} {number} ({r.reference})"
    if r.tracking_status:
        text += f", {r.tracking_status}"
    if r.last_error and r.status != "created":
        text += f"\n  {r.last_error}"
    return text


def cmd_shipments_list(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        rows = context.shipping.list(args.order, args.status)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print("No shipments.")
    for r in rows:
        echo(_line(r))
    return 0


def cmd_shipments_retry(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        shipment_id = _shipment_id(context, args.reference)
        report = context.shipping.retry(
            context.command_line_actor(),
            shipment_id,
            args.note,
            not_at_courier=args.not_at_courier,
        )
        (row,) = [r for r in context.shipping.list() if r.id == shipment_id]
    echo(_line(row))
    return 0 if report.created else EXIT_NOT_SHIPPED


def cmd_shipments_resolve(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        shipment_id = _shipment_id(context, args.reference)
        context.shipping.resolve(
            context.command_line_actor(),
            shipment_id,
            tracking_number=args.tracking_number,
            reason=args.note,
        )
        (row,) = [r for r in context.shipping.list() if r.id == shipment_id]
    echo(_line(row))
    return 0


def cmd_shipments_cancel(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        shipment_id = _shipment_id(context, args.reference)
        context.shipping.cancel(context.command_line_actor(), shipment_id, args.note)
    echo(f"Shipment {args.reference} cancelled.")
    return 0


def cmd_track(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        order_id = context.shipping.order_id(args.order) if args.order else None
        report = context.shipping.poll_tracking(order_id=order_id)
        rows = [r for r in context.shipping.list(args.order) if r.status == "created"]
    if args.json:
        print_json(
            {
                "polled": report.polled,
                "events": report.events,
                "delivered": report.delivered,
                "problems": report.problems,
                "shipments": [r.as_json() for r in rows],
            }
        )
        return 0
    for r in rows:
        echo(_line(r))
    echo(report.summary())
    return 0
