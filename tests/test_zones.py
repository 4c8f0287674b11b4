"""Zone picking: tasks per order and zone, the consolidation list, and zones of consecutive
aisles with the heaviest as light as it can be (checked against every possible split)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.picking.zones import ZoneLine, balance_zones, consolidation, zone_tasks


def test_an_order_becomes_one_task_per_zone_and_meets_again_at_packing() -> None:
    lines = [
        ZoneLine("1001", 1, "A", 2),
        ZoneLine("1001", 2, "B", 1),
        ZoneLine("1002", 3, "A", 1),
        ZoneLine("1001", 4, "A", 3),
    ]
    tasks = zone_tasks(lines)
    assert [(t.order, t.zone, t.lines, t.items) for t in tasks] == [
        ("1001", "A", (1, 4), 5),
        ("1001", "B", (2,), 1),
        ("1002", "A", (3,), 1),
    ]
    assert consolidation(tasks) == {"1001": ["A", "B"], "1002": ["A"]}


def _brute(loads: list[float], zones: int) -> float:
    n, best = len(loads), float("inf")
    for cuts in itertools.combinations(range(1, n), min(zones, n) - 1):
        bounds = [0, *cuts, n]
        best = min(best, max(sum(loads[a:b]) for a, b in itertools.pairwise(bounds)))
    return best


@settings(max_examples=200, deadline=None)
@given(
    loads=st.lists(st.integers(0, 50).map(float), min_size=1, max_size=9), zones=st.integers(1, 5)
)
def test_zones_share_the_work_as_evenly_as_possible(loads: list[float], zones: int) -> None:
    runs = balance_zones(loads, zones)
    assert [i for r in runs for i in r] == list(range(len(loads)))  # consecutive, all aisles
    assert len(runs) == min(zones, len(loads))
    assert max(sum(loads[i] for i in r) for r in runs) == _brute(loads, zones)
