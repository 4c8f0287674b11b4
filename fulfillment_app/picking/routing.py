"""The order in which a picker visits the pick locations.

Baselines from the order-picking literature (S-shape, return, midpoint, largest gap, and
"combined", here the shortest of those per instance), and the optimum:

- on a single block (front and back cross aisle only), the Ratliff & Rosenthal (1983) dynamic
  program over the aisles, linear in their number (see :mod:`.rr`);
- with middle cross aisles, the generalisation of that program to several blocks (Roodbergen &
  de Koster 2001 for two; see :mod:`.blocks`), exact for any number of picks; Held-Karp over
  the distinct locations (``exact``, a few locations only) is the independent check the tests
  compare both with. A local search (2-opt and or-opt from the best baseline) stays for
  comparison.

A route is a sequence of indices into the picks; its length is the depot, the picks in that
order, and the depot again, each step the shortest walk (:func:`.layout.route_length`).
Picks at the same location are visited together.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from .blocks import shortest_tour
from .layout import Layout, Pick, route_length
from .rr import ratliff_rosenthal

Sequence = list[int]


def _by_aisle(layout: Layout, picks: list[Pick]) -> dict[int, list[int]]:
    aisles: dict[int, list[int]] = {}
    for index, pick in enumerate(picks):
        aisles.setdefault(pick.aisle, []).append(index)
    for indices in aisles.values():
        indices.sort(key=lambda i: (picks[i].slot, i))
    return aisles


def _aisle_order(layout: Layout, aisles: dict[int, list[int]]) -> list[int]:
    """Aisles with picks, starting from the end nearer the depot."""
    order = sorted(aisles)
    if order and abs(order[-1] - layout.depot_aisle) < abs(order[0] - layout.depot_aisle):
        order.reverse()
    return order


def sshape(layout: Layout, picks: list[Pick]) -> Sequence:
    """Traverse every aisle with picks, up and down in turn (an odd last one: in and back)."""
    aisles = _by_aisle(layout, picks)
    out: Sequence = []
    for n, aisle in enumerate(_aisle_order(layout, aisles)):
        out += aisles[aisle] if n % 2 == 0 else aisles[aisle][::-1]
    return out


def return_route(layout: Layout, picks: list[Pick]) -> Sequence:
    """Enter every aisle with picks from the front and leave it the same way."""
    aisles = _by_aisle(layout, picks)
    return [i for aisle in _aisle_order(layout, aisles) for i in aisles[aisle]]


def _split_route(
    layout: Layout, picks: list[Pick], split: Callable[[list[float]], float]
) -> Sequence:
    """First and last aisle traversed; the others entered from the back for the picks above
    ``split`` and from the front for the rest (midpoint and largest gap differ only there)."""
    aisles = _by_aisle(layout, picks)
    order = _aisle_order(layout, aisles)
    if len(order) <= 1:
        return [i for aisle in order for i in aisles[aisle]]
    first, *middle, last = order
    back: Sequence = []
    front: list[tuple[int, Sequence]] = []
    for aisle in middle:
        ys = [layout.y(picks[i]) for i in aisles[aisle]]
        cut = split(ys)
        back += [i for i in aisles[aisle][::-1] if layout.y(picks[i]) > cut]
        front.append((aisle, [i for i in aisles[aisle] if layout.y(picks[i]) <= cut]))
    # The loop: up the first aisle, along the back, down the last, and along the front back
    # to the first. It passes the depot on that front stretch: the aisles between the depot
    # and the first aisle are picked on the way out, the others on the way home.
    step = 1 if last > first else -1
    toward_first = front[::-1]  # from the last aisle to the first
    out = [i for a, part in toward_first if (a - layout.depot_aisle) * step < 0 for i in part]
    home = [i for a, part in toward_first if (a - layout.depot_aisle) * step >= 0 for i in part]
    return out + aisles[first] + back + aisles[last][::-1] + home


def midpoint(layout: Layout, picks: list[Pick]) -> Sequence:
    return _split_route(layout, picks, lambda _ys: layout.length / 2)


def largest_gap(layout: Layout, picks: list[Pick]) -> Sequence:
    def cut(ys: list[float]) -> float:
        stops = [0.0, *sorted(ys), layout.length]
        gaps = [(b - a, a) for a, b in itertools.pairwise(stops)]
        return max(gaps)[1]  # picks at or below the lower end of the largest gap: front

    return _split_route(layout, picks, cut)


def combined(layout: Layout, picks: list[Pick]) -> Sequence:
    """The shortest of the baselines for this instance."""
    routes = [f(layout, picks) for f in (sshape, return_route, midpoint, largest_gap)]
    return min(routes, key=lambda s: route_length(layout, picks, s))


# -- exact and improved ----------------------------------------------------------------------


def _locations(
    layout: Layout, picks: list[Pick]
) -> tuple[list[tuple[int, float]], list[list[int]]]:
    """Distinct locations (the depot first) and the picks at each."""
    where: dict[tuple[int, int], list[int]] = {}
    for index, pick in enumerate(picks):
        where.setdefault((pick.aisle, pick.slot), []).append(index)
    keys = sorted(where)
    points = [layout.depot, *((a, layout.y(Pick(a, s))) for a, s in keys)]
    return points, [where[k] for k in keys]


def _matrix(layout: Layout, points: list[tuple[int, float]]) -> list[list[float]]:
    return [[layout.distance(a1, y1, a2, y2) for a2, y2 in points] for a1, y1 in points]


def held_karp(layout: Layout, picks: list[Pick]) -> Sequence:
    """The exact optimum by dynamic programming over subsets (for a few locations)."""
    points, groups = _locations(layout, picks)
    n = len(points) - 1
    if n == 0:
        return []
    d = _matrix(layout, points)
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for k in range(1, n + 1):
        best[(1 << (k - 1), k)] = (d[0][k], 0)
    for size in range(2, n + 1):
        for subset in itertools.combinations(range(1, n + 1), size):
            mask = sum(1 << (k - 1) for k in subset)
            for k in subset:
                prev = mask & ~(1 << (k - 1))
                best[(mask, k)] = min((best[(prev, m)][0] + d[m][k], m) for m in subset if m != k)
    full = (1 << n) - 1
    _, last = min((best[(full, k)][0] + d[k][0], k) for k in range(1, n + 1))
    order, mask = [], full
    while last:
        order.append(last)
        mask, last = mask & ~(1 << (last - 1)), best[(mask, last)][1]
    return [i for k in reversed(order) for i in groups[k - 1]]


def _improve(d: list[list[float]], tour: list[int]) -> list[int]:
    """2-opt and or-opt (moving runs of 1 to 3 stops) until neither finds a shorter tour;
    ``tour`` starts and ends with the depot (0)."""
    tour = list(tour)
    better = True
    while better:
        better = False
        n = len(tour)
        for i in range(1, n - 2):
            a, b = tour[i - 1], tour[i]
            for j in range(i + 1, n - 1):
                c, e = tour[j], tour[j + 1]
                if d[a][c] + d[b][e] < d[a][b] + d[c][e] - 1e-9:
                    tour[i : j + 1] = tour[i : j + 1][::-1]
                    better = True
                    a, b = tour[i - 1], tour[i]
        for size in (1, 2, 3):
            n = len(tour)
            for i in range(1, n - size):
                run = tour[i : i + size]
                p, q = tour[i - 1], tour[i + size]
                gain = d[p][run[0]] + d[run[-1]][q] - d[p][q]
                rest = tour[:i] + tour[i + size :]
                for j in range(len(rest) - 1):
                    x, y = rest[j], rest[j + 1]
                    for piece in (run, run[::-1]):
                        cost = d[x][piece[0]] + d[piece[-1]][y] - d[x][y]
                        if cost < gain - 1e-9:
                            tour = rest[: j + 1] + piece + rest[j + 1 :]
                            better = True
                            break
                    else:
                        continue
                    break
                if better:
                    break
            if better:
                break
    return tour


def local_search(layout: Layout, picks: list[Pick]) -> Sequence:
    points, groups = _locations(layout, picks)
    if len(points) == 1:
        return []
    d = _matrix(layout, points)
    index = {i: k + 1 for k, group in enumerate(groups) for i in group}
    start = combined(layout, picks)
    tour = [0]
    for i in start:
        if index[i] not in tour:
            tour.append(index[i])
    tour.append(0)
    tour = _improve(d, tour)
    return [i for k in tour[1:-1] for i in groups[k - 1]]


def optimal(layout: Layout, picks: list[Pick]) -> Sequence:
    """The shortest route, exact: Ratliff & Rosenthal on one block, its multi-block
    generalisation on more."""
    if layout.blocks == 1:
        return ratliff_rosenthal(layout, picks)
    return shortest_tour(layout, picks)


METHODS: dict[str, Callable[[Layout, list[Pick]], Sequence]] = {
    "optimal": optimal,
    "sshape": sshape,
    "return": return_route,
    "midpoint": midpoint,
    "largest-gap": largest_gap,
    "combined": combined,
    "exact": held_karp,
    "local-search": local_search,
}


def route(layout: Layout, picks: list[Pick], method: str = "optimal") -> tuple[Sequence, float]:
    """The visiting sequence by ``method`` and its length."""
    sequence = METHODS[method](layout, picks)
    return sequence, route_length(layout, picks, sequence)


def policy_length(layout: Layout, picks: list[Pick], method: str) -> float:
    """The length of a baseline walked literally as the policy says (single block): every
    aisle traversed end to end for S-shape, and so on. A sequence's length takes the
    shortest walk between consecutive picks instead, which is never longer; the published
    gaps of these policies are for the literal walk."""
    if layout.blocks != 1:
        raise ValueError("policy lengths are defined here for single-block layouts")
    if not picks:
        return 0.0
    # Slots by aisle (the batching searches price thousands of batches: kept lean).
    slots: dict[int, list[int]] = {}
    for pick in picks:
        slots.setdefault(pick.aisle, []).append(pick.slot)
    unit = layout.slot_length
    left = min(min(slots), layout.depot_aisle)
    right = max(max(slots), layout.depot_aisle)
    across = 2 * (right - left) * layout.aisle_pitch + 2 * layout.depot_offset
    length, order = layout.length, sorted(slots)
    if method == "return" or len(order) == 1:
        return across + sum(2 * (max(slots[a]) + 0.5) * unit for a in order)
    if method == "sshape":
        k = len(order)
        last = order[-1] if abs(order[-1] - layout.depot_aisle) >= abs(
            order[0] - layout.depot_aisle) else order[0]  # fmt: skip
        top = (max(slots[last]) + 0.5) * unit
        return across + (k * length if k % 2 == 0 else (k - 1) * length + 2 * top)
    if method in ("midpoint", "largest-gap"):
        ys = {a: [(s + 0.5) * unit for s in sorted(slots[a])] for a in order[1:-1]}
        total = across + 2 * length  # the first and the last aisle, traversed
        for a in order[1:-1]:
            stops = [0.0, *ys[a], length]
            if method == "midpoint":
                low = max((y for y in ys[a] if y <= length / 2), default=0.0)
                high = min((y for y in ys[a] if y > length / 2), default=length)
                total += 2 * low + 2 * (length - high)
            else:
                gap = max(b - c for c, b in itertools.pairwise(stops))
                total += 2 * (length - gap)
        return total
    raise ValueError(f"no policy length for {method}")
