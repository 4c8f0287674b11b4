"""Picking on the command line: ``route`` (a routing benchmark instance), ``batch`` and
``wave`` (plan carts from the open orders and release them), ``pick`` (walk a cart)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InvalidInput
from .app import running
from .output import echo

# Named here for the parser, so that building it loads no routing code (a test checks them
# against picking.routing.METHODS).
ROUTING_METHODS = (
    "combined", "exact", "largest-gap", "local-search", "midpoint", "optimal", "return", "sshape"
)  # fmt: skip


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    route = sub.add_parser(
        "route",
        help="the visiting order of a routing instance",
        description="Reads a routing instance (JSON: layout and picks, see README) and prints "
        "the order in which to visit the picks and the route's length.",
    )
    route.add_argument("--instance", required=True, type=Path, metavar="FILE", help="'-': stdin")
    route.add_argument("--method", default="optimal", choices=ROUTING_METHODS)
    route.add_argument("--json", action="store_true")
    route.set_defaults(func=cmd_route)

    batch = sub.add_parser(
        "batch",
        help="plan carts for the open orders and release them",
        description="Groups the open orders into carts (never splitting an order), routes each "
        "cart optimally, and releases them as pick batches ready to be claimed. --dry-run "
        "only reports the plan and its travel against FCFS batches with S-shape routing.",
    )
    _plan_options(batch)
    batch.set_defaults(func=cmd_batch)

    wave = sub.add_parser(
        "wave",
        help="release the open orders that meet criteria as one wave",
        description="Chooses open orders by cut-off, carrier and priority (most urgent first, "
        "at most --max-orders), plans their carts and releases them together as a wave.",
    )
    wave.add_argument("--name", help="how the wave is shown (default: its criteria)")
    wave.add_argument("--cutoff", metavar="TIME", help="ship-by before this (ISO 8601)")
    wave.add_argument("--carrier")
    wave.add_argument("--min-priority", type=int, metavar="N")
    wave.add_argument("--max-orders", type=int, metavar="N")
    _plan_options(wave)
    wave.set_defaults(func=cmd_wave)

    pick = sub.add_parser(
        "pick",
        help="walk a cart: claim, show, confirm, short, skip, pause, resume, unassign",
        description="The picker's steps, as the handheld does them. Each prints the cart: the "
        "current pick (location, item, quantity, tote) and what changed.",
    )
    steps = pick.add_subparsers(
        dest="pick_command", metavar="STEP", required=True, parser_class=parser_class
    )
    claim = steps.add_parser("claim", help="your cart, or the most urgent ready one")
    claim.set_defaults(func=cmd_pick, step="claim")
    for name, text in (
        ("show", "the cart and its current pick"),
        ("pause", "step away; the cart stays yours"),
        ("resume", "carry on"),
        ("unassign", "hand the cart back (another picker's: supervisors, audited)"),
    ):
        step = steps.add_parser(name, help=text)
        step.add_argument("batch", type=int, metavar="CART")
        if name == "unassign":
            step.add_argument("--reason", default="")
        step.set_defaults(func=cmd_pick, step=name)
    confirm = steps.add_parser("confirm", help="confirm the current pick with the scans")
    confirm.add_argument("batch", type=int, metavar="CART")
    confirm.add_argument("--task", type=int, required=True)
    confirm.add_argument("--location", required=True, help="the location's barcode")
    confirm.add_argument("--item", required=True, help="the item's barcode or SKU")
    confirm.add_argument("--tote", required=True, help="the tote's barcode or slot number")
    confirm.add_argument("--quantity", type=int, help="default: all that is left")
    confirm.set_defaults(func=cmd_pick, step="confirm")
    short = steps.add_parser("short", help="fewer than needed at the location")
    short.add_argument("batch", type=int, metavar="CART")
    short.add_argument("--task", type=int, required=True)
    short.add_argument("--found", type=int, default=0)
    short.add_argument("--reason", required=True)
    short.set_defaults(func=cmd_pick, step="short")
    skip = steps.add_parser("skip", help="move the current pick to the end")
    skip.add_argument("batch", type=int, metavar="CART")
    skip.add_argument("--task", type=int, required=True)
    skip.set_defaults(func=cmd_pick, step="skip")
    for parser in (pick, *steps.choices.values()):
        parser.add_argument("--json", action="store_true")

    totes = sub.add_parser(
        "totes",
        help="where an order's items are: its totes on each cart (zone picking)",
        description="For the packing station: the carts and totes holding parts of an order, "
        "whether each is picked, and so whether the order is complete.",
    )
    totes.add_argument("order", metavar="NUMBER")
    totes.add_argument("--json", action="store_true")
    totes.set_defaults(func=cmd_totes)


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orders", default="open", choices=("open",))
    parser.add_argument("--cart-slots", type=int, metavar="N", help="totes on a cart")
    parser.add_argument("--capacity", type=int, metavar="C", help="items a cart holds")
    parser.add_argument("--method", default="ils", choices=("fcfs", "seed", "savings", "ils"))
    parser.add_argument("--budget", type=float, default=1.0, metavar="SECONDS")
    parser.add_argument("--by-zone", action="store_true", help="a cart per zone (zone picking)")
    parser.add_argument(
        "--zones",
        type=int,
        metavar="N",
        help="zone picking in N zones drawn for this work (consecutive aisles, balanced)",
    )
    parser.add_argument("--dry-run", action="store_true", help="report the plan, save nothing")
    parser.add_argument("--json", action="store_true")


def cmd_route(args: argparse.Namespace, settings: Settings) -> int:
    from ..picking.layout import load_instance
    from ..picking.routing import policy_length, route

    try:
        text = sys.stdin.read() if str(args.instance) == "-" else args.instance.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {args.instance}: {exc}") from None
    layout, picks = load_instance(text)
    start = time.perf_counter()
    sequence, length = route(layout, picks, args.method)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "method": args.method,
        "length": round(length, 9),
        "sequence": sequence,
        "seconds": round(seconds, 6),
    }
    if layout.blocks == 1 and args.method in ("sshape", "return", "midpoint", "largest-gap"):
        # The policy walked literally (every aisle end to end for S-shape): what the
        # literature's figures measure. ``length`` is that of the sequence.
        result["policy_length"] = round(policy_length(layout, picks, args.method), 9)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{args.method}: length {length:.3f} in {seconds * 1000:.2f} ms")
        print("visit picks (by index): " + " ".join(map(str, sequence)))
    return 0


def cmd_batch(args: argparse.Namespace, settings: Settings) -> int:
    return _plan_and_release(args, settings, None)


def cmd_wave(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import UTC, datetime

    from ..services.pick_planning import Criteria

    cutoff = None
    if args.cutoff:
        try:
            cutoff = datetime.fromisoformat(args.cutoff)
        except ValueError:
            raise InvalidInput(
                f"--cutoff {args.cutoff!r} is not a time: write e.g. 2026-11-23T14:00."
            ) from None
        if cutoff.tzinfo is None:
            cutoff = cutoff.astimezone()  # the station's local time
        cutoff = cutoff.astimezone(UTC)
    criteria = Criteria(cutoff, args.carrier, args.min_priority, args.max_orders)
    return _plan_and_release(args, settings, criteria)


def _plan_and_release(args: argparse.Namespace, settings: Settings, criteria: Any) -> int:
    with running(settings) as context:
        actor = context.command_line_actor()
        plan = context.planner.plan(
            actor,
            args.method,
            cart_slots=args.cart_slots,
            capacity=args.capacity,
            budget_s=args.budget,
            criteria=criteria,
            by_zone=args.by_zone,
            zones=args.zones,
        )
        released = None
        if not args.dry_run:
            name = None
            if criteria is not None:
                name = args.name or (
                    "wave " + ", ".join(f"{k}={v}" for k, v in criteria.to_dict().items())
                    if criteria.to_dict()
                    else "wave"
                )
            released = context.planner.release(actor, plan, wave_name=name)
    result = plan.to_dict() | {"dry_run": args.dry_run}
    if released is not None:
        result |= {"wave": released.wave_id, "batch_ids": released.batch_ids}
        for planned, batch_id in zip(result["batches"], released.batch_ids, strict=True):
            planned["id"] = batch_id
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for zone, first, last, items in plan.zones:
        print(f"zone {zone}: aisles {first + 1}-{last + 1}, {items} items")
    for n, b in enumerate(plan.batches, 1):
        label = f"cart {released.batch_ids[n - 1]}" if released else f"cart {n}"
        zone = f" zone {b.zone}," if b.zone is not None else ""
        echo(
            f"{label}:{zone} {len(b.orders)} orders, {b.items} items, {b.length:.1f} LU: "
            + ", ".join(b.orders)
        )
    print(
        f"{len(plan.batches)} carts, travel {plan.length:.1f} against {plan.baseline:.1f} "
        f"for FCFS with S-shape ({plan.saving:.1%} less), planned in {plan.seconds:.2f} s"
    )
    if released is not None:
        what = f"wave {released.wave_id}" if released.wave_id else "the carts"
        print(f"Released {what}: {released.orders} orders, {released.tasks} picks.")
    else:
        print("Dry run: nothing was released.")
    if plan.unlocated:
        echo("not planned (a product without a location): " + ", ".join(plan.unlocated))
    return 0


def cmd_pick(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        actor = context.command_line_actor()
        service = context.picking
        if args.step == "claim":
            view = service.claim(actor)
            if view is None:
                print(json.dumps(None) if args.json else "No cart is waiting to be picked.")
                return 0
        elif args.step == "show":
            view = service.view(actor, args.batch)
        elif args.step == "confirm":
            view = service.confirm(
                actor,
                args.batch,
                args.task,
                location=args.location,
                item=args.item,
                tote=args.tote,
                quantity=args.quantity,
            )
        elif args.step == "short":
            view = service.short(actor, args.batch, args.task, found=args.found, reason=args.reason)
        elif args.step == "skip":
            view = service.skip(actor, args.batch, args.task)
        elif args.step == "unassign":
            view = service.unassign(actor, args.batch, args.reason)
        else:
            view = getattr(service, args.step)(actor, args.batch)
    if args.json:
        print(json.dumps(view.to_dict(), ensure_ascii=False))
        return 0
    for line in view.notices:
        echo(f"! {line}")
    if view.message:
        echo(view.message)
    print(f"cart {view.batch_id} ({view.status}): {view.total - view.left} of {view.total} done")
    task = view.current
    if task is not None:
        verb = "pick" if task.kind == "pick" else "PUT BACK"
        echo(
            f"next (task {task.task_id}): {verb} {task.quantity} × {task.sku} {task.name} "
            f"at {task.location}, tote {task.slot} (order {task.order_number})"
        )
    return 0


def cmd_totes(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        parts = context.picking.totes(context.command_line_actor(), args.order)
    if args.json:
        print(json.dumps([p.__dict__ for p in parts], ensure_ascii=False))
        return 0
    if not parts:
        echo(f"Order {args.order} is on no cart.")
        return 0
    for p in parts:
        zone = f" (zone {p.zone})" if p.zone else ""
        echo(f"cart {p.batch_id}{zone}, tote {p.slot}: {p.state}")
    waiting = [p for p in parts if p.state not in ("picked", "withdrawn")]
    print("complete: all parts are picked" if not waiting else f"{len(waiting)} part(s) to come")
    return 0
