"""Order batching: every method gives each order to exactly one cart, never over capacity
(an order bigger than a cart rides alone), never mixing urgency classes; the searches only
ever improve on their start."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from fulfillment_app.cli import main
from fulfillment_app.db.models import Order, OrderLine, PickBatch, Product, Role
from fulfillment_app.errors import PermissionDenied
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
from fulfillment_app.services.permissions import Actor
from tests.stores import station

LAYOUT = Layout(aisles=6, slots=20)
RESOURCES = Path(__file__).resolve().parents[1] / "resources"


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


def test_planning_the_open_orders_from_the_database(database_url: str, tmp_path: Path) -> None:
    """Open orders, their products' home locations and the layout from the location codes:
    carts planned by each method, never over the cart, travel against FCFS + S-shape;
    an order with a product that has no location is listed, not planned."""
    with station(database_url, tmp_path) as ctx:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
        ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        rng = random.Random(4)
        with ctx.db.session() as s:
            products = {p.sku: p.id for p in s.scalars(select(Product))}
            for n in range(30):
                order = Order(external_id=f"E{n}", number=f"{2000 + n}")
                skus = rng.sample(sorted(products), rng.randint(1, 4))
                order.lines = [
                    OrderLine(
                        sku=sku, name=sku, quantity=rng.randint(1, 3), product_id=products[sku]
                    )
                    for sku in skus
                ]
                s.add(order)
            lost = Order(external_id="X", number="2999")
            lost.lines = [OrderLine(sku="NOWHERE", name="?", quantity=1)]
            s.add(lost)
        plans = {
            m: ctx.planner.plan(admin, m, cart_slots=4, capacity=12, budget_s=0.3)
            for m in ("fcfs", "seed", "savings", "ils")
        }
        for plan in plans.values():
            assert plan.unlocated == ["2999"]
            numbers = sorted(n for b in plan.batches for n in b.orders)
            assert numbers == sorted(f"{2000 + n}" for n in range(30))
            assert all(
                len(b.orders) == 1 or (len(b.orders) <= 4 and b.items <= 12) for b in plan.batches
            )
        assert plans["ils"].length <= plans["fcfs"].length <= plans["fcfs"].baseline
        assert plans["ils"].saving > 0.1
        with pytest.raises(PermissionDenied):
            ctx.planner.plan(Actor("Avi", Role.PICKER, "test-station", 9))


def test_batch_command(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--database", database_url, "--station", "cli"]
    assert main([*base, "import", "locations", str(RESOURCES / "sample-locations.csv")]) == 0
    assert main([*base, "import", "products", str(RESOURCES / "sample-products.csv")]) == 0
    with station(database_url, tmp_path) as ctx, ctx.db.session() as s:
        for n, sku in enumerate(["SKU-1000", "SKU-1005", "SKU-1010", "SKU-1019"]):
            product_id = s.scalar(select(Product.id).where(Product.sku == sku))
            order = Order(external_id=f"B{n}", number=f"30{n}")
            order.lines = [OrderLine(sku=sku, name=sku, quantity=1, product_id=product_id)]
            s.add(order)
    capsys.readouterr()
    assert (
        main([*base, "batch", "--dry-run", "--cart-slots", "2", "--capacity", "10", "--json"]) == 0
    )
    plan = json.loads(capsys.readouterr().out)
    assert plan["dry_run"] and plan["method"] == "ils"
    assert sorted(n for b in plan["batches"] for n in b["orders"]) == ["300", "301", "302", "303"]
    assert all(len(b["orders"]) <= 2 for b in plan["batches"])  # two totes a cart
    assert plan["length"] <= plan["baseline"]
    with station(database_url, tmp_path) as ctx, ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PickBatch)) == 0  # a dry run saves none
    assert main([*base, "batch", "--cart-slots", "2", "--capacity", "10"]) == 0
    out = capsys.readouterr().out
    assert "Released the carts: 4 orders" in out and "for FCFS with S-shape" in out
    with station(database_url, tmp_path) as ctx, ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(PickBatch)) == len(plan["batches"])
