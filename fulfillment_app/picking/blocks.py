"""The shortest picking tour in a warehouse with middle cross aisles (several blocks), by
dynamic programming over the aisles from left to right: the generalisation of Ratliff &
Rosenthal (1983) that Roodbergen & de Koster (2001) gave for two blocks, here for any number
of cross aisles (its size grows with their number, not with the number of picks).

A tour is a connected multigraph with even degrees on the aisle pieces (a piece: one aisle
between two neighbouring cross aisles) and the cross aisles. Scanning the aisles, a partial
tour is summarised by what crosses from this aisle to the next on each cross aisle (0, 1 or 2
edges), which of those belong to the same connected piece of the partial tour, and whether the
tour is closed already. Each aisle piece adds one of its patterns (nothing, through once,
through twice, in from below, in from above, in from both ends leaving the largest gap); the
cheapest closed state through the depot is the optimum. The tour is walked (Hierholzer) and
the picks listed in the order met.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections import defaultdict
from typing import Any

from .layout import Layout, Pick

# A pattern: (name, edges at the lower cross aisle, edges at the upper, connects the two).
Pattern = tuple[str, int, int, bool]
NONE: Pattern = ("none", 0, 0, False)
THROUGH: Pattern = ("through", 1, 1, True)
TWICE: Pattern = ("twice", 2, 2, True)
BELOW: Pattern = ("below", 2, 0, False)
ABOVE: Pattern = ("above", 0, 2, False)
GAP: Pattern = ("gap", 2, 2, False)


def _patterns(ys: list[float], low: float, high: float) -> list[tuple[Pattern, float]]:
    length = high - low
    options = [(THROUGH, length), (TWICE, 2 * length)]
    if not ys:
        return [(NONE, 0.0), *options]
    options.append((BELOW, 2 * (ys[-1] - low)))
    options.append((ABOVE, 2 * (high - ys[0])))
    if len(ys) > 1:
        gap = max(b - a for a, b in itertools.pairwise(ys))
        options.append((GAP, 2 * (length - gap)))
    return options


@functools.lru_cache(maxsize=1 << 16)
def _relabel(labels: tuple[int, ...]) -> tuple[int, ...]:
    """Component labels numbered by first appearance (-1: the row is not on the tour)."""
    seen: dict[int, int] = {}
    return tuple(seen.setdefault(x, len(seen)) if x >= 0 else -1 for x in labels)


# Inside an aisle the partial state is (parities, labels, need, outs, closed): per cross aisle
# the parity of its junction with this aisle and the component the junction is in (-1: not on
# the tour), whether the depot junction still needs an edge, and the edges chosen so far to
# the next aisle. Between aisles it is (outs, labels, closed). Each piece and each junction's
# edges to the next aisle are chosen one at a time, so that the choices multiply per step
# rather than per aisle; equal partial states are merged, keeping the cheapest.
Key = tuple[Any, ...]


def _piece(key: Key, b: int, pattern: Pattern) -> Key:
    par, lab, need, outs, closed = key
    name, lo, hi, connects = pattern
    if name == "none":
        return key
    par, lab = list(par), list(lab)
    fresh = max(lab) + 1
    for r, edges in ((b, lo), (b + 1, hi)):
        if edges:
            par[r] ^= edges & 1
            if lab[r] < 0:
                lab[r], fresh = fresh, fresh + 1
    if need and b == 0 and lo:
        need = False
    if connects:
        keep, gone = lab[b], lab[b + 1]
        lab = [keep if x == gone else x for x in lab]
    return (tuple(par), _relabel(tuple(lab)), need, outs, closed)


def _out(key: Key, r: int, edges: int) -> Key:
    par, lab, need, outs, closed = key
    if edges and lab[r] < 0:
        lab = list(lab)
        lab[r] = max(lab) + 1
        lab = _relabel(tuple(lab))
    if edges and r == 0:
        need = False
    return (par, lab, need, (*outs, edges), closed)


class _Memo:
    """The dynamic program's states, each numbered the first time it is met, and the
    transitions between the numbers. They depend on the number of cross aisles only, never on
    the picks, so they are kept for the life of the process: the program's dictionaries then
    hash small ints instead of nested tuples (most of its time, before), and a route after
    the first finds most transitions made. ``cache_clear`` forgets them (the benchmarks time
    a cold start with it; never while a route is being made)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.cache_clear()

    def cache_clear(self) -> None:
        with self._lock:
            self.keys: list[Key] = []
            self.ids: dict[Key, int] = {}
            self.tables: dict[Any, dict[int, Any]] = {}

    def id(self, key: Key) -> int:
        n = self.ids.get(key)
        if n is None:
            with self._lock:  # planning may run on several threads
                n = self.ids.get(key)
                if n is None:
                    n = self.ids[key] = len(self.keys)
                    self.keys.append(key)
        return n

    def table(self, *name: Any) -> dict[int, Any]:
        table = self.tables.get(name)
        if table is None:
            table = self.tables.setdefault(name, {})
        return table


_MEMO = _Memo()


def _into(key: Key, depot: bool) -> Key:
    """Into an aisle: the edges from the previous one meet its junctions."""
    outs, labels, closed = key
    need = depot and not outs[0]
    return (tuple(n & 1 for n in outs), labels, need, (), closed)


def _row_choices(key: Key, r: int, last: bool) -> tuple[int, ...]:
    """Edges from junction ``r`` to the next aisle that keep the tour possible."""
    par, lab, need, _, closed = key
    if closed or last:
        return (0,) if not par[r] else ()
    if par[r]:
        return (1,)
    if r == 0 and need:
        return (2,)
    if lab[r] < 0:
        return (0,)  # a junction reached only by two edges from the right: waste
    return (0, 2)


def _leave(key: Key, rows: int) -> Key | None:
    """Out of the aisle: a piece of tour with no edge onward closes, and may only if it is
    the whole tour."""
    _, lab, need, outs, closed = key
    if need:
        return None
    comps = {x for x in lab if x >= 0}
    live = {lab[r] for r in range(rows) if outs[r]}
    if comps - live:
        if len(comps) > 1:
            return None
        closed = True
    labels = _relabel(tuple(lab[r] if outs[r] else -1 for r in range(rows)))
    return (outs, labels, closed)


def shortest_tour(layout: Layout, picks: list[Pick]) -> list[int]:
    """The visiting sequence (indices into ``picks``) of a shortest tour."""
    if not picks:
        return []
    memo = _MEMO
    keys, intern = memo.keys, memo.id
    rows = layout.blocks + 1
    cross = layout.cross_aisles
    per_block = layout.slots // layout.blocks
    where: dict[tuple[int, int], list[int]] = defaultdict(list)  # (aisle, block) -> picks
    for i, p in enumerate(picks):
        where[(p.aisle, p.slot // per_block)].append(i)
    for members in where.values():
        members.sort(key=lambda i: (picks[i].slot, i))
    first = min(min(p.aisle for p in picks), layout.depot_aisle)
    last = max(max(p.aisle for p in picks), layout.depot_aisle)
    pitch = layout.aisle_pitch
    inf = float("inf")

    layer: dict[int, float] = {intern(((0,) * rows, (-1,) * rows, False)): 0.0}
    steps: list[dict[int, tuple[int, Any]]] = []  # per step: state -> (previous, choice)
    for aisle in range(first, last + 1):
        options = []
        for b in range(layout.blocks):
            ys = [layout.y(picks[i]) for i in where.get((aisle, b), [])]
            options.append(_patterns(ys, cross[b], cross[b + 1]))
        depot = aisle == layout.depot_aisle
        work = depot or any(where.get((aisle, b)) for b in range(layout.blocks))
        # Each step below relaxes into ``nxt`` (state -> cheapest cost) and ``back``.
        table = memo.table("into", rows, depot)
        inner: dict[int, float] = {}
        back: dict[int, tuple[int, Any]] = {}
        for state, cost in layer.items():
            if work and keys[state][2]:  # closed already: cannot take more work
                continue
            nid = table.get(state)
            if nid is None:
                nid = table[state] = intern(_into(keys[state], depot))
            if cost < inner.get(nid, inf) - 1e-12:
                inner[nid], back[nid] = cost, (state, None)
        steps.append(back)
        for b in range(layout.blocks):
            nxt: dict[int, float] = {}
            back = {}
            tables = [
                (pattern, length, memo.table("piece", b, pattern)) for pattern, length in options[b]
            ]
            for kid, cost in inner.items():
                if keys[kid][4]:  # closed: nothing more in this aisle
                    if cost < nxt.get(kid, inf) - 1e-12:
                        nxt[kid], back[kid] = cost, (kid, NONE)
                    continue
                for pattern, length, table in tables:
                    nid = table.get(kid)
                    if nid is None:
                        nid = table[kid] = intern(_piece(keys[kid], b, pattern))
                    c = cost + length
                    if c < nxt.get(nid, inf) - 1e-12:
                        nxt[nid], back[nid] = c, (kid, pattern)
            steps.append(back)
            inner = nxt
        for r in range(rows):
            nxt, back = {}, {}
            table = memo.table("row", r, aisle == last)
            for kid, cost in inner.items():
                moves = table.get(kid)
                if moves is None:
                    key = keys[kid]
                    moves = table[kid] = tuple(
                        (intern(_out(key, r, edges)), edges)
                        for edges in _row_choices(key, r, aisle == last)
                    )
                for nid, edges in moves:
                    c = cost + pitch * edges
                    if c < nxt.get(nid, inf) - 1e-12:
                        nxt[nid], back[nid] = c, (kid, edges)
            steps.append(back)
            inner = nxt
        layer, back = {}, {}
        table = memo.table("leave", rows)
        for kid, cost in inner.items():
            nid = table.get(kid)
            if nid is None:
                after = _leave(keys[kid], rows)
                nid = table[kid] = -1 if after is None else intern(after)
            if nid >= 0 and cost < layer.get(nid, inf) - 1e-12:
                layer[nid], back[nid] = cost, (kid, None)
        steps.append(back)
    finals = [(c, s) for s, c in layer.items() if keys[s][2]]
    if not finals:
        raise AssertionError("no closed tour found")  # cannot happen: S-shape is one
    _, state = min(finals)
    choices_back: list[Any] = []
    for back in reversed(steps):
        state, choice = back[state]
        choices_back.append(choice)
    choices_back.reverse()
    per_aisle = 1 + layout.blocks + rows + 1
    plan = []
    for k in range(last - first + 1):
        chunk = choices_back[k * per_aisle : (k + 1) * per_aisle]
        patterns = tuple(chunk[1 : 1 + layout.blocks])
        outs = tuple(chunk[1 + layout.blocks : 1 + layout.blocks + rows])
        plan.append((patterns, outs))
    return _walk(layout, picks, where, first, plan)


def _walk(
    layout: Layout,
    picks: list[Pick],
    where: dict[tuple[int, int], list[int]],
    first: int,
    plan: list[tuple[tuple[Pattern, ...], tuple[int, ...]]],
) -> list[int]:
    """Walk the chosen multigraph from the depot and list the picks as first met."""
    edges: dict[Any, list[list[Any]]] = defaultdict(list)  # node -> [[other, payload, used]]

    def add(a: Any, b: Any, payload: tuple[list[int], list[int]]) -> None:
        edge_ab = [b, payload[0], False]
        edge_ba = [a, payload[1], False]
        edge_ab.append(edge_ba)
        edge_ba.append(edge_ab)
        edges[a].append(edge_ab)
        edges[b].append(edge_ba)

    for offset, (patterns, outs) in enumerate(plan):
        aisle = first + offset
        for b, pattern in enumerate(patterns):
            ids = where.get((aisle, b), [])
            low, high = ("x", aisle, b), ("x", aisle, b + 1)
            name = pattern[0]
            if name in ("through", "twice"):
                for _ in range(1 if name == "through" else 2):
                    add(low, high, (ids, ids[::-1]))
            elif name == "below":
                add(low, low, (ids, []))
            elif name == "above":
                add(high, high, (ids[::-1], []))
            elif name == "gap":
                ys = [picks[i].slot for i in ids]
                cut = max(range(1, len(ids)), key=lambda k: ys[k] - ys[k - 1])
                add(low, low, (ids[:cut], []))
                add(high, high, (ids[cut:][::-1], []))
        for r, n in enumerate(outs):
            for _ in range(n):
                add(("x", aisle, r), ("x", aisle + 1, r), ([], []))
    start = ("x", layout.depot_aisle, 0)
    # Hierholzer, iteratively; the circuit's edge payloads give the picks in walking order.
    stack: list[tuple[Any, list[int]]] = [(start, [])]
    circuit: list[list[int]] = []
    pointer: dict[Any, int] = defaultdict(int)
    while stack:
        node, payload = stack[-1]
        out = edges[node]
        while pointer[node] < len(out) and out[pointer[node]][2]:
            pointer[node] += 1
        if pointer[node] == len(out):
            stack.pop()
            circuit.append(payload)
            continue
        edge = out[pointer[node]]
        edge[2] = True
        edge[3][2] = True
        stack.append((edge[0], edge[1]))
    sequence, seen = [], set()
    for payload in reversed(circuit):
        for i in payload:
            if i not in seen:
                seen.add(i)
                sequence.append(i)
    return sequence
