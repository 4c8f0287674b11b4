"""Ratliff & Rosenthal (1983): the shortest picking tour in a single-block warehouse, by
dynamic programming over the aisles from left to right.

A tour is a connected multigraph with even degrees on the aisles and the two cross aisles.
Scanning the aisles, a partial tour is summarised by the degree class of the current aisle's
front and back end (none, odd, even), whether those two ends are connected, and whether
nothing has started yet or the tour is already closed. Each aisle adds one of six vertical
patterns (traverse once, traverse twice, in from the back, in from the front, in from both
ends leaving the largest gap, nothing); each step to the next aisle adds 0, 1 or 2 edges on
each cross aisle. The cheapest final state that is one closed tour through the depot is the
optimum; the tour is then walked (Hierholzer) and the picks listed as first met.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

from .layout import Layout, Pick

# Degree classes: 0 none, 1 odd, 2 even and not none.
NONE, ODD, EVEN = 0, 1, 2
NEW, OPEN, DONE = "new", "open", "done"

State = tuple[int, int, bool, str]  # front class, back class, front and back connected, phase
Vertical = tuple[str, int, int, bool]  # pattern, front edges, back edges, connects the ends
Node = tuple[Any, ...]  # ("a", aisle), ("b", aisle) or ("p", aisle, y)


def _add(cls: int, edges: int) -> int:
    if edges == 0:
        return cls
    odd = (cls == ODD) != (edges % 2 == 1)
    return ODD if odd else EVEN


def _verticals(ys: list[float], length: float) -> list[tuple[Vertical, float]]:
    """The aisle's vertical patterns and their lengths."""
    options: list[tuple[Vertical, float]] = [
        (("traverse", 1, 1, True), length),
        (("double", 2, 2, True), 2 * length),
    ]
    if not ys:
        return [(("none", 0, 0, False), 0.0), *options]
    options.append((("back", 0, 2, False), 2 * (length - ys[0])))
    options.append((("front", 2, 0, False), 2 * ys[-1]))
    gaps = [(b - a, k) for k, (a, b) in enumerate(itertools.pairwise(ys))]
    if gaps:
        gap, _k = max(gaps)
        options.append((("gap", 2, 2, False), 2 * (length - gap)))
    return options


def _vertical(state: State, v: Vertical, has_picks: bool) -> State | None:
    pa, pb, conn, phase = state
    pattern, ia, ib, connects = v
    if pattern == "none" and has_picks:
        return None
    if phase == DONE:
        return state if (ia, ib) == (0, 0) else None
    na, nb = _add(pa, ia), _add(pb, ib)
    if connects:
        nconn = True
    elif ia and ib:
        nconn = conn if pa and pb else False
    elif ia:
        nconn = conn if pa and pb else False
    elif ib:
        nconn = conn if pa and pb else False
    else:
        nconn = conn
    nphase = OPEN if (ia or ib or phase == OPEN) else phase
    return na, nb, nconn, nphase


def _horizontal(state: State, kf: int, kb: int, depot_here: bool, any_picks: bool) -> State | None:
    """From this aisle's state to the next aisle's, with ``kf`` front and ``kb`` back edges."""
    pa, pb, conn, phase = state
    if depot_here and any_picks and not (pa or kf):
        return None  # the depot (in front of this aisle) must be on the tour
    if phase == DONE:
        return state if (kf, kb) == (0, 0) else None
    if _add(pa, kf) == ODD or _add(pb, kb) == ODD:
        return None  # this aisle's ends get no more edges: their degrees must be even
    joined = bool(pa and pb and conn)
    cut_a = pa and not kf and not (joined and kb)
    cut_b = pb and not kb and not (joined and kf)
    if cut_a or cut_b:
        # A component ends here: allowed only if it is the whole tour.
        if kf or kb or (pa and pb and not conn):
            return None
        return NONE, NONE, False, DONE
    if not kf and not kb:
        return NONE, NONE, False, phase  # still nothing started
    nconn = bool(kf and kb and pa and pb and conn)
    return _add(NONE, kf), _add(NONE, kb), nconn, OPEN


def ratliff_rosenthal(layout: Layout, picks: list[Pick]) -> list[int]:
    if layout.blocks != 1:
        raise ValueError("Ratliff & Rosenthal is for single-block layouts")
    if not picks:
        return []
    length, pitch = layout.length, layout.aisle_pitch
    ys: dict[int, list[float]] = defaultdict(list)
    for pick in picks:
        ys[pick.aisle].append(layout.y(pick))
    for values in ys.values():
        values.sort()
    first = min(min(ys), layout.depot_aisle)
    last = max(max(ys), layout.depot_aisle)
    # Aisles outside [first, last] are never worth entering.
    start: State = (NONE, NONE, False, NEW)
    layer: dict[State, float] = {start: 0.0}
    back: list[dict[State, tuple[State, Vertical, int, int]]] = []
    for aisle in range(first, last + 1):
        aisle_ys = sorted(set(ys.get(aisle, [])))
        after_v: dict[State, tuple[float, State, Vertical]] = {}
        for state, cost in layer.items():
            for v, v_cost in _verticals(aisle_ys, length):
                nxt = _vertical(state, v, bool(aisle_ys))
                if nxt is not None and (nxt not in after_v or cost + v_cost < after_v[nxt][0]):
                    after_v[nxt] = (cost + v_cost, state, v)
        steps: dict[State, tuple[State, Vertical, int, int]] = {}
        new_layer: dict[State, float] = {}
        if aisle == last:
            for state, (cost, prev, v) in after_v.items():
                pa, pb, conn, phase = state
                if phase == NEW or ODD in (pa, pb) or (pa and pb and not conn):
                    continue
                if aisle == layout.depot_aisle and not pa:
                    continue  # the depot would not be on the tour
                final: State = (NONE, NONE, False, DONE)
                if final not in new_layer or cost < new_layer[final]:
                    new_layer[final] = cost
                    steps[final] = (prev, v, 0, 0)
        else:
            for state, (cost, prev, v) in after_v.items():
                for kf, kb in itertools.product(range(3), range(3)):
                    nxt = _horizontal(state, kf, kb, aisle == layout.depot_aisle, True)
                    if nxt is None:
                        continue
                    total = cost + (kf + kb) * pitch
                    if nxt not in new_layer or total < new_layer[nxt]:
                        new_layer[nxt] = total
                        steps[nxt] = (prev, v, kf, kb)
        back.append(steps)
        layer = new_layer
    final_state: State = (NONE, NONE, False, DONE)
    if final_state not in layer:
        raise AssertionError("no tour found")  # cannot happen: traversing everything is one
    # Walk the choices back to the edges of the tour.
    chosen: list[tuple[Vertical, int, int]] = []
    state = final_state
    for steps in reversed(back):
        prev, v, kf, kb = steps[state]
        chosen.append((v, kf, kb))
        state = prev
    chosen.reverse()
    return _walk(layout, picks, first, chosen, ys)


def _walk(
    layout: Layout,
    picks: list[Pick],
    first: int,
    chosen: list[tuple[Vertical, int, int]],
    ys: dict[int, list[float]],
) -> list[int]:
    """The picks in the order an Euler walk of the chosen edges from the depot meets them."""
    edges: dict[Node, list[Node]] = defaultdict(list)

    def link(u: Node, w: Node, times: int) -> None:
        for _ in range(times):
            edges[u].append(w)
            edges[w].append(u)

    for offset, (v, kf, kb) in enumerate(chosen):
        aisle = first + offset
        pattern = v[0]
        stops = sorted(set(ys.get(aisle, [])))
        chain = [("a", aisle), *(("p", aisle, y) for y in stops), ("b", aisle)]
        if pattern in ("traverse", "double"):
            for u, w in itertools.pairwise(chain):
                link(u, w, 1 if pattern == "traverse" else 2)
        elif pattern == "back":
            for u, w in itertools.pairwise(chain[1:]):
                link(u, w, 2)
        elif pattern == "front":
            for u, w in itertools.pairwise(chain[:-1]):
                link(u, w, 2)
        elif pattern == "gap":
            # The largest gap between two picks (the pattern's cost left out just that one).
            k = max(range(1, len(stops)), key=lambda i: (stops[i] - stops[i - 1], i))
            for u, w in itertools.pairwise(chain[: k + 1]):
                link(u, w, 2)
            for u, w in itertools.pairwise(chain[k + 1 :]):
                link(u, w, 2)
        link(("a", aisle), ("a", aisle + 1), kf)
        link(("b", aisle), ("b", aisle + 1), kb)
    # Hierholzer from the depot's aisle front.
    start: Node = ("a", layout.depot_aisle)
    remaining = {node: list(adj) for node, adj in edges.items()}
    stack: list[Node] = [start]
    circuit: list[Node] = []
    while stack:
        node = stack[-1]
        if remaining.get(node):
            nxt = remaining[node].pop()
            remaining[nxt].remove(node)
            stack.append(nxt)
        else:
            circuit.append(stack.pop())
    circuit.reverse()
    at: dict[tuple[int, float], list[int]] = defaultdict(list)
    for index, pick in enumerate(picks):
        at[(pick.aisle, layout.y(pick))].append(index)
    order: list[int] = []
    seen: set[tuple[int, float]] = set()
    for node in circuit:
        if node[0] == "p" and (node[1], node[2]) not in seen:
            seen.add((node[1], node[2]))
            order += sorted(at[(node[1], node[2])])
    return order
