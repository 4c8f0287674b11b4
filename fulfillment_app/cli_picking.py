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
