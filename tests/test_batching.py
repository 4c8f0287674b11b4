"""Order batching: every method gives each order to exactly one cart, never over capacity
(an order bigger than a cart rides alone), never mixing urgency classes; the searches only
ever improve on their start."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.picking.batching import (
    Batch,
    OrderSpec,
    Pricer,
    fcfs,
    local_search,
    savings,
    seed,
)
from fulfillment_app.picking.layout import Layout, Pick

LAYOUT = Layout(aisles=6, slots=20)


@st.composite
def order_sets(draw: Any) -> tuple[list[OrderSpec], int]:
    orders = []
    for _ in range(draw(st.integers(0, 14))):
        picks = draw(
            st.lists(st.builds(Pick, st.integers(0, 5), st.integers(0, 19)), min_size=1, max_size=8)
        )
        orders.append(
            OrderSpec(
                tuple(picks),
                len(picks),
                priority=draw(st.integers(0, 1)),
                due=draw(st.none() | st.sampled_from([1.0, 2.0])),
            )
        )
    return orders, draw(st.integers(4, 20))


def _check(orders: list[OrderSpec], capacity: int, batches: list[Batch], slots: int = 3) -> None:
    given_out = sorted(i for b in batches for i in b)
    assert given_out == list(range(len(orders)))  # each order once, none split
    for batch in batches:
        assert batch
        assert len(batch) == 1 or sum(orders[i].items for i in batch) <= capacity
        assert len(batch) <= slots  # one tote an order
        classes = {(orders[i].due, orders[i].priority) for i in batch}
        assert len(classes) == 1  # urgent orders do not wait in a batch of later ones


@settings(max_examples=150, deadline=None)
@given(case=order_sets())
def test_every_method_keeps_the_rules(case: tuple[list[OrderSpec], int]) -> None:
    orders, capacity = case
    price = Pricer(LAYOUT, orders, "sshape")
    start = savings(orders, capacity, price, slots=3)
    for batches in (fcfs(orders, capacity, 3), seed(orders, capacity, 3), start):
        _check(orders, capacity, batches)
    searched = local_search(orders, capacity, price, start, budget_s=0.05, slots=3)
    _check(orders, capacity, searched)
    assert price.total(searched) <= price.total(start) + 1e-9


def test_fcfs_fills_carts_in_arrival_order_and_urgent_orders_first() -> None:
    def order(items: int, due: float | None = None) -> OrderSpec:
        return OrderSpec(tuple(Pick(0, s) for s in range(items)), items, due=due)

    orders = [order(10), order(15), order(8), order(40), order(3, due=1.0)]
    assert fcfs(orders, 30) == [[4], [0, 1], [2], [3]]  # the 40-item order rides alone


def test_savings_and_routing_beat_fcfs_on_a_fixed_instance() -> None:
    import random

    rng = random.Random(5)
    layout = Layout()
    orders = []
    for _ in range(40):
        items = rng.randint(5, 25)
        orders.append(
            OrderSpec(
                tuple(Pick(rng.randrange(10), rng.randrange(45)) for _ in range(items)), items
            )
        )
    sshape, optimal = Pricer(layout, orders, "sshape"), Pricer(layout, orders, "optimal")
    base = sshape.total(fcfs(orders, 45))
    merged = savings(orders, 45, sshape)
    assert sshape.total(merged) < 0.95 * base
    assert optimal.total(merged) <= sshape.total(merged)  # optimal routing is never longer
