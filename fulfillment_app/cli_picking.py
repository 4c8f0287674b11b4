"""``fulfillment route``: the visiting order of a routing benchmark instance."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InvalidInput


def add_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    from .picking.routing import METHODS

    route = sub.add_parser(
        "route",
        help="the visiting order of a routing instance",
        description="Reads a routing instance (JSON: layout and picks, see README) and prints "
        "the order in which to visit the picks and the route's length.",
    )
    route.add_argument("--instance", required=True, type=Path, metavar="FILE", help="'-': stdin")
    route.add_argument("--method", default="optimal", choices=sorted(METHODS))
    route.add_argument("--json", action="store_true")
    route.set_defaults(func=cmd_route)

    batch = sub.add_parser(
        "batch",
        help="plan carts for the open orders (--dry-run)",
        description="Groups the open orders into carts (never splitting an order), routes each "
        "cart optimally, and reports the plan and its travel against FCFS batches with S-shape "
        "routing. This version plans only: --dry-run is required.",
    )
    batch.add_argument("--orders", default="open", choices=("open",))
    batch.add_argument("--cart-slots", type=int, metavar="N", help="totes on a cart")
    batch.add_argument("--capacity", type=int, metavar="C", help="items a cart holds")
    batch.add_argument("--method", default="ils", choices=("fcfs", "seed", "savings", "ils"))
    batch.add_argument("--budget", type=float, default=1.0, metavar="SECONDS")
    batch.add_argument("--dry-run", action="store_true", required=True)
    batch.add_argument("--json", action="store_true")
    batch.set_defaults(func=cmd_batch)


def cmd_route(args: argparse.Namespace, settings: Settings) -> int:
    from .picking.layout import load_instance
    from .picking.routing import policy_length, route

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
    from dataclasses import asdict

    from .context import AppContext

    with AppContext.running(settings) as context:
        plan = context.planner.plan(
            context.command_line_actor(),
            args.method,
            cart_slots=args.cart_slots,
            capacity=args.capacity,
            budget_s=args.budget,
        )
    result = asdict(plan) | {"saving": plan.saving, "dry_run": True}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for n, b in enumerate(plan.batches, 1):
        print(
            f"cart {n}: {len(b.orders)} orders, {b.items} items, {b.length:.1f} LU: "
            + ", ".join(b.orders)
        )
    print(
        f"{len(plan.batches)} carts, travel {plan.length:.1f} against {plan.baseline:.1f} "
        f"for FCFS with S-shape ({plan.saving:.1%} less), planned in {plan.seconds:.2f} s"
    )
    if plan.unlocated:
        print("not planned (a product without a location): " + ", ".join(plan.unlocated))
    return 0
