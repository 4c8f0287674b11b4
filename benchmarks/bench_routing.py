"""Pick routing: speed of the optimal method and the gap of each baseline to it.

    .venv/bin/python benchmarks/bench_routing.py [--instances 100]

Layout of the published class: 10 aisles of 45 slots, aisle centre lines 5 LU apart (aisle
2 LU, racks 1.5 LU deep), depot 1 LU in front of the leftmost aisle; picks uniform at random,
fixed seed. Targets: 100 picks routed optimally in under 5 ms on a single block and under
50 ms with middle cross aisles; 0.0 % gap on a single block (the tests check it against an
exact solver); within 1 % with middle cross aisles.

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


def multi_block(instances: int) -> None:
    layout = Layout(blocks=3)  # two middle cross aisles
    rng = random.Random(2001)
    print("\nThree blocks (two middle cross aisles)")
    print(f"{'picks':>5}  {'optimal ms (median, max)':>24}  {'gap of local search to exact':>30}")
    for n in (5, 10, 30, 60, 100):
        times, gaps = [], []
        for _ in range(instances if n <= 10 else max(10, instances // 5)):
            picks = random_picks(rng, layout, n)
            _, seconds = timed(layout, picks)
            times.append(seconds * 1000)
            if len({(p.aisle, p.slot) for p in picks}) <= 10:
                exact = route_length(layout, picks, held_karp(layout, picks))
                gaps.append(route_length(layout, picks, local_search(layout, picks)) / exact - 1)
        gap = (
            f"{100 * statistics.mean(gaps):.2f} % (max {100 * max(gaps):.2f} %)"
            if gaps
            else ("no exact solver at this size")
        )
        print(f"{n:>5}  {statistics.median(times):>11.2f}, {max(times):>10.2f}  {gap:>30}")


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
    multi_block(args.instances)


if __name__ == "__main__":
    main()
