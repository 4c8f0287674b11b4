"""Planning pick work from the database: open orders, where their items lie, and the carts
they go on (the algorithms are in :mod:`fulfillment_app.picking`).

A line is picked from its product's home location (the first stock row); the layout comes
from the locations: aisles are the distinct (zone, aisle) pairs in order, a location's bay is
its slot. Orders with a line whose product has no location cannot be planned and are listed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..config import PickingSettings
from ..db import Database
from ..db.models import Location, Order, OrderStatus, Stock
from ..errors import InvalidInput
from ..picking import batching
from ..picking.layout import Layout, Pick
from .permissions import Actor, Permission

METHODS = ("fcfs", "seed", "savings", "ils")


@dataclass
class PlannedBatch:
    orders: list[str]
    items: int
    length: float


@dataclass
class Plan:
    method: str
    routing: str
    batches: list[PlannedBatch]
    length: float
    baseline: float  # FCFS batches with S-shape routing, the published comparison
    seconds: float
    unlocated: list[str] = field(default_factory=list)

    @property
    def saving(self) -> float:
        return 1 - self.length / self.baseline if self.baseline else 0.0


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


class PickPlanner:
    def __init__(self, db: Database, settings: PickingSettings):
        self._db = db
        self.settings = settings

    def load(
        self, statuses: tuple[OrderStatus, ...] = (OrderStatus.OPEN,)
    ) -> tuple[Layout, list[str], list[batching.OrderSpec], list[str]]:
        """The layout, and the orders to plan (numbers and specs), and those that cannot be."""
        with self._db.session() as session:
            locations = session.execute(
                select(Location.id, Location.zone, Location.aisle, Location.bay).where(
                    Location.active.is_(True)
                )
            ).all()
            homes: dict[int, int] = {}
            for product_id, location_id in session.execute(
                select(Stock.product_id, Stock.location_id).order_by(Stock.id)
            ):
                homes.setdefault(product_id, location_id)
            orders = session.scalars(
                select(Order)
                .where(Order.status.in_(statuses))
                .options(selectinload(Order.lines))
                .order_by(Order.ship_by.is_(None), Order.ship_by, Order.id)
            ).all()
            rows = [
                (o.number, o.priority, o.ship_by, [(ln.product_id, ln.quantity) for ln in o.lines])
                for o in orders
            ]
        if not locations:
            raise InvalidInput("No locations are known: import locations first.")
        aisles = sorted({(zone or "", _number(aisle)) for _, zone, aisle, _ in locations})
        index = {key: n for n, key in enumerate(aisles)}
        where = {
            lid: Pick(index[(zone or "", _number(aisle))], max(0, _number(bay) - 1))
            for lid, zone, aisle, bay in locations
        }
        s = self.settings
        slots = max(p.slot for p in where.values()) + 1
        slots += (-slots) % s.blocks  # a whole number of slots per block
        layout = Layout(
            aisles=len(aisles),
            slots=slots,
            slot_length=s.slot_length,
            aisle_pitch=s.aisle_pitch,
            blocks=s.blocks,
            depot_aisle=min(s.depot_aisle, len(aisles) - 1),
            depot_offset=s.depot_offset,
        )
        numbers, specs, unlocated = [], [], []
        for number, priority, ship_by, lines in rows:
            picks = [where.get(homes.get(pid or -1, -1)) for pid, _ in lines]
            if not lines or any(p is None for p in picks):
                unlocated.append(number)
                continue
            due = ship_by.timestamp() if ship_by else None
            items = sum(q for _, q in lines)
            specs.append(batching.OrderSpec(tuple(p for p in picks if p), items, priority, due))
            numbers.append(number)
        return layout, numbers, specs, unlocated

    def plan(
        self,
        actor: Actor,
        method: str = "ils",
        *,
        cart_slots: int | None = None,
        capacity: int | None = None,
        budget_s: float = 1.0,
    ) -> Plan:
        """Batches for the open orders by ``method``, routed optimally, with the FCFS +
        S-shape baseline's travel for comparison. Nothing is saved."""
        actor.require(Permission.PLAN_WORK)
        if method not in METHODS:
            raise InvalidInput(f"Unknown batching method {method!r}: use {', '.join(METHODS)}.")
        slots = cart_slots or self.settings.cart_slots
        cap = capacity or self.settings.cart_capacity
        if slots < 1 or cap < 1:
            raise InvalidInput("A cart needs at least one tote and room for one item.")
        layout, numbers, specs, unlocated = self.load()
        start = time.perf_counter()
        sshape = batching.Pricer(layout, specs, "sshape")
        baseline = sshape.total(batching.fcfs(specs, cap, slots))
        if method == "fcfs":
            batches = batching.fcfs(specs, cap, slots)
        elif method == "seed":
            batches = batching.seed(specs, cap, slots)
        else:
            batches = batching.savings(specs, cap, sshape, slots)
            if method == "ils":
                left = max(0.05, budget_s - (time.perf_counter() - start))
                pricer = batching.Pricer(layout, specs, "best-policy")
                batches = batching.local_search(
                    specs, cap, pricer, batches, budget_s=left, slots=slots
                )
        optimal = batching.Pricer(layout, specs, "optimal")
        planned = [
            PlannedBatch([numbers[i] for i in b], sum(specs[i].items for i in b), optimal(b))
            for b in batches
        ]
        return Plan(
            method=method,
            routing="optimal",
            batches=planned,
            length=sum(b.length for b in planned),
            baseline=baseline,
            seconds=time.perf_counter() - start,
            unlocated=unlocated,
        )
