"""Order batching: which orders share a picking cart.

A cart has a capacity (items) and a number of totes (one order each); an order is never split
across carts unless it alone exceeds one (then it rides alone). Orders are batched within
their urgency class first (earliest cut-off, then highest priority): an urgent order never
waits for a batch of later ones.

Methods: FCFS (arrival order, filled until the next order does not fit: the baseline), seed
(start from the order spreading over most aisles, add the orders needing the fewest new
aisles), Clarke & Wright savings (merge the two batches whose joint route saves the most,
recomputed after each merge), and iterated local search (shift and swap orders between
batches, with random perturbations, within a time budget). Each batch is priced by the length
of its route under a chosen routing (a policy walked literally, or the optimum).
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .layout import Layout, Pick
from .routing import policy_length, route

Batch = list[int]  # indices into the orders


@dataclass(frozen=True)
class OrderSpec:
    picks: tuple[Pick, ...]
    items: int
    priority: int = 0
    due: float | None = None  # cut-off (any comparable number, e.g. a timestamp)


@dataclass
class Pricer:
    """The route length of a set of orders, remembered (the searches ask again and again)."""

    layout: Layout
    orders: list[OrderSpec]
    routing: str = "sshape"  # a policy name, "best-policy", or "optimal"
    _cache: dict[frozenset[int], float] = field(default_factory=dict)

    def __call__(self, batch: Batch) -> float:
        key = frozenset(batch)
        if key not in self._cache:
            picks = [p for i in batch for p in self.orders[i].picks]
            if self.routing == "optimal":
                self._cache[key] = route(self.layout, picks, "optimal")[1]
            elif self.routing == "best-policy":  # fast, and close to the optimum's ranking
                self._cache[key] = min(
                    policy_length(self.layout, picks, m)
                    if self.layout.blocks == 1
                    else route(self.layout, picks, m)[1]
                    for m in ("sshape", "largest-gap")
                )
            elif self.layout.blocks == 1:
                self._cache[key] = policy_length(self.layout, picks, self.routing)
            else:  # policies are defined walked literally on one block only
                self._cache[key] = route(self.layout, picks, self.routing)[1]
        return self._cache[key]

    def total(self, batches: list[Batch]) -> float:
        return sum(self(b) for b in batches)


def _classes(orders: list[OrderSpec]) -> list[list[int]]:
    """Order indices grouped by urgency (earliest cut-off, then priority), most urgent first;
    arrival order within a class."""
    groups: dict[tuple[float, int], list[int]] = {}
    for i, order in enumerate(orders):
        key = (float("inf") if order.due is None else order.due, -order.priority)
        groups.setdefault(key, []).append(i)
    return [groups[k] for k in sorted(groups)]


def _load(orders: list[OrderSpec], batch: Batch) -> int:
    return sum(orders[i].items for i in batch)


def _fits(orders: list[OrderSpec], batch: Batch, capacity: int, slots: int | None) -> bool:
    """Within the cart's items and totes (an order bigger than a cart rides alone)."""
    if len(batch) <= 1:
        return True
    return _load(orders, batch) <= capacity and (slots is None or len(batch) <= slots)


def fcfs(orders: list[OrderSpec], capacity: int, slots: int | None = None) -> list[Batch]:
    batches: list[Batch] = []
    for group in _classes(orders):
        current: Batch = []
        for i in group:
            if current and not _fits(orders, [*current, i], capacity, slots):
                batches.append(current)
                current = []
            current.append(i)
        if current:
            batches.append(current)
    return batches


def seed(orders: list[OrderSpec], capacity: int, slots: int | None = None) -> list[Batch]:
    batches: list[Batch] = []
    for group in _classes(orders):
        left = list(group)
        aisles = {i: {p.aisle for p in orders[i].picks} for i in group}
        while left:
            first = max(left, key=lambda i: (len(aisles[i]), -i))
            batch, seen = [first], set(aisles[first])
            left.remove(first)
            while True:
                fits = [i for i in left if _fits(orders, [*batch, i], capacity, slots)]
                if not fits:
                    break
                nxt = min(fits, key=lambda i: (len(aisles[i] - seen), i))
                batch.append(nxt)
                seen |= aisles[nxt]
                left.remove(nxt)
            batches.append(batch)
    return batches


def savings(
    orders: list[OrderSpec], capacity: int, price: Pricer, slots: int | None = None
) -> list[Batch]:
    """Clarke & Wright (ii): merge the two batches whose joint route saves the most; the
    merged batch's savings with every other batch are computed afresh after each merge."""
    return [
        b for group in _classes(orders) for b in _savings(orders, capacity, slots, price, group)
    ]


def _savings(
    orders: list[OrderSpec], capacity: int, slots: int | None, price: Pricer, group: list[int]
) -> list[Batch]:
    current: dict[int, Batch] = {n: [i] for n, i in enumerate(group)}
    gains: dict[tuple[int, int], float] = {}

    def consider(a: int, b: int) -> None:
        x, y = current[a], current[b]
        if _fits(orders, x + y, capacity, slots):
            gain = price(x) + price(y) - price(x + y)
            if gain > 1e-9:
                gains[(a, b)] = gain

    for a, b in itertools.combinations(sorted(current), 2):
        consider(a, b)
    fresh = len(group)
    while gains:
        (a, b), _gain = max(gains.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        merged = current.pop(a) + current.pop(b)
        for key in [k for k in gains if a in k or b in k]:
            del gains[key]
        current[fresh] = merged
        for other in list(current):
            if other != fresh:
                consider(other, fresh)
        fresh += 1
    return list(current.values())


def local_search(
    orders: list[OrderSpec],
    capacity: int,
    price: Pricer,
    start: list[Batch],
    *,
    slots: int | None = None,
    budget_s: float = 0.5,
    seed_value: int = 1,
) -> list[Batch]:
    """Iterated local search: a descent by shifting one order to another batch or swapping
    two orders of different batches (first improvement), then a random perturbation of the
    best solution, until the time budget is spent. Orders move only within their class."""
    rng = random.Random(seed_value)
    cls = {i: n for n, group in enumerate(_classes(orders)) for i in group}
    deadline = time.monotonic() + budget_s

    def fits(batch: Batch) -> bool:
        return _fits(orders, batch, capacity, slots)

    def descend(batches: list[Batch]) -> list[Batch]:
        improved = True
        while improved and time.monotonic() < deadline:
            improved = False
            for a, b in itertools.permutations(range(len(batches)), 2):
                if time.monotonic() >= deadline:
                    break
                x, y = batches[a], batches[b]
                if not x or (y and cls[x[0]] != cls[y[0]]):
                    continue
                base = price(x) + (price(y) if y else 0.0)
                for i in list(x):  # shift i from x to y
                    nx, ny = [o for o in x if o != i], [*y, i]
                    if fits(ny) and (price(nx) if nx else 0.0) + price(ny) < base - 1e-9:
                        batches[a], batches[b] = nx, ny
                        improved = True
                        break
                if improved:
                    break
                for i, j in itertools.product(x, y):  # swap i and j
                    nx = [o for o in x if o != i] + [j]
                    ny = [o for o in y if o != j] + [i]
                    if fits(nx) and fits(ny) and price(nx) + price(ny) < base - 1e-9:
                        batches[a], batches[b] = nx, ny
                        improved = True
                        break
                if improved:
                    break
            batches = [b for b in batches if b]
        return batches

    best = descend([list(b) for b in start])
    best_cost = price.total(best)
    while time.monotonic() < deadline and len(best) > 1:
        trial = [list(b) for b in best]
        for _ in range(2):  # perturb: swap two random orders of different batches
            a, b = rng.sample(range(len(trial)), 2)
            i, j = rng.choice(trial[a]), rng.choice(trial[b])
            if cls[i] != cls[j]:
                continue
            na = [o for o in trial[a] if o != i] + [j]
            nb = [o for o in trial[b] if o != j] + [i]
            if fits(na) and fits(nb):
                trial[a], trial[b] = na, nb
        trial = descend(trial)
        cost = price.total(trial)
        if cost < best_cost - 1e-9:
            best, best_cost = trial, cost
    return best


METHODS: dict[str, Callable[..., list[Batch]]] = {"fcfs": fcfs, "seed": seed}
