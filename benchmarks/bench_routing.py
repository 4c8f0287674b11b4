"""Pick routing: speed of the optimal method and the gap of each baseline to it.

    .venv/bin/python benchmarks/bench_routing.py [--instances 100]

Layout of the published class: 10 aisles of 45 slots, aisle centre lines 5 LU apart (aisle
2 LU, racks 1.5 LU deep), depot 1 LU in front of the leftmost aisle; picks uniform at random,
fixed seed; with middle cross aisles the same aisles split into 2 or 3 blocks. Targets: 100
picks routed optimally in under 5 ms on a single block and under 50 ms with middle cross
aisles; 0.0 % gap on a single block (the tests check it against an exact solver); within 1 %
with middle cross aisles (the multi-block program is exact: "vs Held-Karp" is its largest
difference from Held-Karp over the instances small enough for it, and their number).

Baselines are measured walked literally (the policy: every aisle end to end for S-shape...),
as the published figures are, and as the visiting sequence the method returns (the shortest
walk between consecutive picks, never longer).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fulfillment_app.picking.layout import Layout, Pick, route_length
from fulfillment_app.picking.routing import held_karp, local_search, policy_length, route

PUBLISHED = {  # gap to optimal, % (S-shape, return, midpoint, largest gap), single block
    5: (29.2, 34.4, 7.1, 6.8),
    10: (34.7, 47.1, 10.1, 7.9),
    20: (24.8, 52.8, 11.1, 6.3),
    30: (17.4, 55.5, 15.4, 9.0),
    60: (3.0, 60.1, 28.7, 18.3),
    100: (0.1, 65.6, 41.6, 28.7),
}
BASELINES = ("sshape", "return", "midpoint", "largest-gap")


def random_picks(rng: random.Random, layout: Layout, n: int) -> list[Pick]:
    return [Pick(rng.randrange(layout.aisles), rng.randrange(layout.slots)) for _ in range(n)]


def timed(layout: Layout, picks: list[Pick]) -> tuple[float, float]:
    start = time.perf_counter()
    _, length = route(layout, picks, "optimal")
    return length, time.perf_counter() - start


def single_block(instances: int) -> None:
    layout = Layout()
    rng = random.Random(1983)
    print("\nSingle block: gap to optimal, % (walked literally / as sequence; published)")
    header = f"{'picks':>5}  {'optimal ms (median, max)':>24}  " + "  ".join(
        f"{m:>22}" for m in BASELINES
    )
    print(header)
    print("-" * len(header))
    for n, published in PUBLISHED.items():
        times, gaps = [], {m: ([], []) for m in BASELINES}
        for _ in range(instances):
            picks = random_picks(rng, layout, n)
            best, seconds = timed(layout, picks)
            times.append(seconds * 1000)
            for m in BASELINES:
                literal, as_sequence = gaps[m]
                literal.append(policy_length(layout, picks, m) / best - 1)
                as_sequence.append(route(layout, picks, m)[1] / best - 1)
        cells = [
            f"{100 * statistics.mean(gaps[m][0]):5.1f} / {100 * statistics.mean(gaps[m][1]):4.1f}"
            f" ({published[i]:4.1f})"
            for i, m in enumerate(BASELINES)
        ]
        timing = f"{statistics.median(times):.2f}, {max(times):.2f}"
        print(f"{n:>5}  {timing:>24}  " + "  ".join(f"{c:>22}" for c in cells))


def multi_block(instances: int, blocks: int) -> None:
    layout = Layout(slots=45 if blocks == 3 else 44, blocks=blocks)
    rng = random.Random(2001 + blocks)
    print(
        f"\n{blocks} blocks ({blocks - 1} middle cross aisle{'s' if blocks > 2 else ''}): "
        "gap to optimal, % (as sequence); optimal = the multi-block program"
    )
    header = (
        f"{'picks':>5}  {'optimal ms (median, max)':>24}  {'vs Held-Karp':>12}  "
        f"{'local search':>12}  {'S-shape':>8}  {'largest gap':>11}  {'combined':>8}"
    )
    print(header)
    print("-" * len(header))
    for n in (5, 10, 30, 60, 100):
        times, checked, worst = [], 0, 0.0
        gaps: dict[str, list[float]] = {
            m: [] for m in ("local", "sshape", "largest-gap", "combined")
        }
        for _ in range(instances if n <= 10 else max(10, instances // 2)):
            picks = random_picks(rng, layout, n)
            best, seconds = timed(layout, picks)
            times.append(seconds * 1000)
            if len({(p.aisle, p.slot) for p in picks}) <= 10:
                exact = route_length(layout, picks, held_karp(layout, picks))
                worst = max(worst, abs(best / exact - 1))
                checked += 1
            gaps["local"].append(
                route_length(layout, picks, local_search(layout, picks)) / best - 1
            )
            for m in ("sshape", "largest-gap", "combined"):
                gaps[m].append(route(layout, picks, m)[1] / best - 1)
        check = f"{100 * worst:.2f} % ({checked})" if checked else "too many"
        cells = "  ".join(
            f"{100 * statistics.mean(gaps[m]):>{w}.1f}"
            for m, w in (("local", 12), ("sshape", 8), ("largest-gap", 11), ("combined", 8))
        )
        timing = f"{statistics.median(times):.2f}, {max(times):.2f}"
        print(f"{n:>5}  {timing:>24}  {check:>12}  {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--instances", type=int, default=100)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    single_block(args.instances)
    multi_block(args.instances, 2)
    multi_block(args.instances, 3)


if __name__ == "__main__":
    main()
