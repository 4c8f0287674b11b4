"""Pick routing: speed of the optimal method and the gap of each baseline to it.

    .venv/bin/python benchmarks/bench_routing.py [--instances 100]

Layout of the published class: 10 aisles of 45 slots, aisle centre lines 5 LU apart (aisle
2 LU, racks 1.5 LU deep), depot 1 LU in front of the leftmost aisle; picks uniform at random,
fixed seed; with middle cross aisles the same aisles split into 2 or 3 blocks. Targets: 100
picks routed optimally in under 5 ms on a single block and under 50 ms with middle cross
aisles; 0.0 % gap on a single block (the tests check it against an exact solver); within 1 %
with middle cross aisles (the multi-block program is exact: "vs Held-Karp" is its largest
difference from Held-Karp over the instances small enough for it, and their number).

Times are given cold and warm. Cold: the memo tables of the routing code are cleared before
each instance, as in a one-off ``fulfillment route`` (and in a fresh process: "fresh process"
starts a new interpreter for each of a few instances and times its first route). Warm: the
same instance routed again right after. The time targets apply to both, on the largest
wall-clock time; the processor time is shown next to it (on a busy machine the wall clock
also counts the waits for a core).

Baselines are measured walked literally (the policy: every aisle end to end for S-shape...),
as the published figures are, and as the visiting sequence the method returns (the shortest
walk between consecutive picks, never longer).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import Report, machine

from fulfillment_app.picking import blocks, routing, rr
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


ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = {1: 5.0, 2: 50.0, 3: 50.0}  # 100 picks, by number of blocks
FRESH = """
import random, sys, time
from fulfillment_app.picking.layout import Layout, Pick
from fulfillment_app.picking.routing import route
layout = Layout(slots=45, blocks=3)
rng = random.Random(int(sys.argv[1]))
picks = [Pick(rng.randrange(layout.aisles), rng.randrange(layout.slots)) for _ in range(100)]
start, cpu = time.perf_counter(), time.process_time()
route(layout, picks, "optimal")
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def clear_caches() -> None:
    """Forget every memo table of the routing code, as a new process starts."""
    for module in (blocks, routing, rr):
        for obj in vars(module).values():
            if not isinstance(obj, type) and callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


CPU: dict[str, list[float]] = {}  # processor time of the n = 100 runs, "cold" and "warm", ms


def timed(layout: Layout, picks: list[Pick]) -> tuple[float, float, float]:
    """The optimal length, the time with cold caches and the time again, warm (wall clock;
    the processor time of 100-pick runs goes to CPU: on a shared machine, waiting for a
    core shows in the one, not the other)."""
    clear_caches()
    start, cpu = time.perf_counter(), time.process_time()
    _, length = route(layout, picks, "optimal")
    cold = time.perf_counter() - start
    cpu_cold = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    route(layout, picks, "optimal")
    warm = time.perf_counter() - start
    if len(picks) == 100:
        CPU.setdefault("cold", []).append(1000 * cpu_cold)
        CPU.setdefault("warm", []).append(1000 * (time.process_time() - cpu))
    return length, cold, warm


def timing(cold: list[float], warm: list[float]) -> str:
    return (
        f"{statistics.median(cold):.2f}, {max(cold):.2f} / "
        f"{statistics.median(warm):.2f}, {max(warm):.2f}"
    )


def verdicts(report: Report, blocks_: int, cold: list[float], warm: list[float]) -> None:
    target = TARGET_MS[blocks_]
    where = "single block" if blocks_ == 1 else f"{blocks_} blocks"
    for name, times in (("cold", cold), ("warm", warm)):
        cpu = CPU.pop(name, [0.0])
        report.check(
            f"100 picks, {where}, {name} (max of {len(times)})",
            f"{max(times):.2f} ms (median {statistics.median(times):.2f}; "
            f"CPU max {max(cpu):.2f}, median {statistics.median(cpu):.2f})",
            f"< {target:.0f} ms",
            max(times) < target,
        )


def fresh_processes(report: Report, count: int) -> None:
    """The first route of a new interpreter: nothing memoised, nothing warmed."""
    times, cpu = [], []
    for seed in range(count):
        out = subprocess.run(
            [sys.executable, "-c", FRESH, str(seed)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        wall, processor = out.stdout.split()
        times.append(1000 * float(wall))
        cpu.append(1000 * float(processor))
    report.check(
        f"100 picks, 3 blocks, fresh process (max of {count})",
        f"{max(times):.2f} ms (median {statistics.median(times):.2f}; "
        f"CPU max {max(cpu):.2f}, median {statistics.median(cpu):.2f})",
        f"< {TARGET_MS[3]:.0f} ms",
        max(times) < TARGET_MS[3],
    )


COLD_WARM = "optimal ms cold / warm (median, max)"


def single_block(instances: int, report: Report) -> None:
    layout = Layout()
    rng = random.Random(1983)
    print("\nSingle block: gap to optimal, % (walked literally / as sequence; published)")
    header = f"{'picks':>5}  {COLD_WARM:>36}  " + "  ".join(f"{m:>22}" for m in BASELINES)
    print(header)
    print("-" * len(header))
    for n, published in PUBLISHED.items():
        cold, warm, gaps = [], [], {m: ([], []) for m in BASELINES}
        for _ in range(instances):
            picks = random_picks(rng, layout, n)
            best, first, again = timed(layout, picks)
            cold.append(first * 1000)
            warm.append(again * 1000)
            for m in BASELINES:
                literal, as_sequence = gaps[m]
                literal.append(policy_length(layout, picks, m) / best - 1)
                as_sequence.append(route(layout, picks, m)[1] / best - 1)
        cells = [
            f"{100 * statistics.mean(gaps[m][0]):5.1f} / {100 * statistics.mean(gaps[m][1]):4.1f}"
            f" ({published[i]:4.1f})"
            for i, m in enumerate(BASELINES)
        ]
        print(f"{n:>5}  {timing(cold, warm):>36}  " + "  ".join(f"{c:>22}" for c in cells))
        if n == 100:
            verdicts(report, 1, cold, warm)


def multi_block(instances: int, count: int, report: Report) -> None:
    layout = Layout(slots=45 if count == 3 else 44, blocks=count)
    rng = random.Random(2001 + count)
    print(
        f"\n{count} blocks ({count - 1} middle cross aisle{'s' if count > 2 else ''}): "
        "gap to optimal, % (as sequence); optimal = the multi-block program"
    )
    header = (
        f"{'picks':>5}  {COLD_WARM:>36}  {'vs Held-Karp':>12}  "
        f"{'local search':>12}  {'S-shape':>8}  {'largest gap':>11}  {'combined':>8}"
    )
    print(header)
    print("-" * len(header))
    worst_all = 0.0
    for n in (5, 10, 30, 60, 100):
        cold, warm, checked, worst = [], [], 0, 0.0
        gaps: dict[str, list[float]] = {
            m: [] for m in ("local", "sshape", "largest-gap", "combined")
        }
        for _ in range(instances if n <= 10 else max(10, instances // 2)):
            picks = random_picks(rng, layout, n)
            best, first, again = timed(layout, picks)
            cold.append(first * 1000)
            warm.append(again * 1000)
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
        print(f"{n:>5}  {timing(cold, warm):>36}  {check:>12}  {cells}")
        worst_all = max(worst_all, worst)
        if n == 100:
            verdicts(report, count, cold, warm)
    report.check(
        f"{count} blocks: largest difference from Held-Karp",
        f"{100 * worst_all:.2f} %",
        "< 1 %",
        worst_all < 0.01,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--fresh", type=int, default=5, help="fresh processes to time")
    args = parser.parse_args()
    print(machine())
    report = Report()
    single_block(args.instances, report)
    multi_block(args.instances, 2, report)
    multi_block(args.instances, 3, report)
    if args.fresh:
        fresh_processes(report, args.fresh)
    report.finish("Routing")


if __name__ == "__main__":
    main()
