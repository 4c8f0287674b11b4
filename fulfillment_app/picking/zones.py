"""Zone picking: each picker keeps to a zone; an order's lines are split into one task per
zone, and the parts meet again at the packing station (which tote holds which part of which
order). Zones are drawn so that the work is shared evenly: consecutive aisles, the largest
zone's workload as small as it can be.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class ZoneLine:
    order: Hashable
    line: Hashable
    zone: str
    items: int


@dataclass(frozen=True)
class ZoneTask:
    """One order's lines in one zone: picked into one tote."""

    order: Hashable
    zone: str
    lines: tuple[Hashable, ...]
    items: int


def zone_tasks(lines: Iterable[ZoneLine]) -> list[ZoneTask]:
    """The tasks, in order of first appearance of (order, zone)."""
    grouped: dict[tuple[Hashable, str], list[ZoneLine]] = {}
    for line in lines:
        grouped.setdefault((line.order, line.zone), []).append(line)
    return [
        ZoneTask(order, zone, tuple(x.line for x in part), sum(x.items for x in part))
        for (order, zone), part in grouped.items()
    ]


def consolidation(tasks: Iterable[ZoneTask]) -> dict[Hashable, list[str]]:
    """For the packing station: the zones whose totes make up each order (it is complete when
    all have arrived)."""
    parts: dict[Hashable, list[str]] = {}
    for task in tasks:
        parts.setdefault(task.order, []).append(task.zone)
    return parts


def balance_zones(loads: list[float], zones: int) -> list[range]:
    """Split aisles (their workloads in order) into ``zones`` runs of consecutive aisles so
    that the heaviest run is as light as possible (the linear partition problem, solved
    exactly by dynamic programming)."""
    n = len(loads)
    if zones < 1:
        raise ValueError("at least one zone")
    zones = min(zones, n) or 1
    if n == 0:
        return [range(0, 0)]
    prefix = [0.0, *accumulate(loads)]
    inf = float("inf")
    # best[k][i]: the lightest heaviest run splitting the first i aisles into k runs.
    best = [[inf] * (n + 1) for _ in range(zones + 1)]
    cut = [[0] * (n + 1) for _ in range(zones + 1)]
    best[0][0] = 0.0
    for k in range(1, zones + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                value = max(best[k - 1][j], prefix[i] - prefix[j])
                if value < best[k][i]:
                    best[k][i], cut[k][i] = value, j
    runs, i = [], n
    for k in range(zones, 0, -1):
        j = cut[k][i]
        runs.append(range(j, i))
        i = j
    return runs[::-1]
