"""Planning pick work from the database: open orders, where their items lie, and the carts
they go on (the algorithms are in :mod:`fulfillment_app.picking`), and releasing the plan to
the floor as pick batches (optionally as one wave).

A line is picked from its product's home location (the first stock row); the layout comes
from the locations: aisles are the distinct (zone, aisle) pairs in order, a location's bay is
its slot. Orders with a line whose product has no location cannot be planned and are listed.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ..config import PickingSettings
from ..db import Database
from ..db.guards import fit
from ..db.models import (
    Location,
    Order,
    OrderStatus,
    PickBatch,
    PickBatchOrder,
    PickTask,
    Stock,
    Wave,
)
from ..errors import InvalidInput
from ..picking import batching
from ..picking.layout import Layout, Pick
from ..picking.routing import route
from ..picking.zones import ZoneLine, ZoneTask, balance_zones, consolidation, zone_tasks
from ..text import clean_name
from . import audit
from .permissions import Actor, Permission

METHODS = ("fcfs", "seed", "savings", "ils")


@dataclass(frozen=True)
class Criteria:
    """Which open orders a wave takes: cut-off before a time, a carrier, a least priority,
    and at most so many (most urgent first)."""

    ship_by_before: datetime | None = None
    carrier: str | None = None
    min_priority: int | None = None
    max_orders: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in self.__dict__.items()
            if v is not None
        }


@dataclass(frozen=True)
class PlanLine:
    line_id: int
    product_id: int
    location_id: int
    pick: Pick
    quantity: int
    zone: str


@dataclass(frozen=True)
class PlanOrder:
    id: int
    number: str
    lines: tuple[PlanLine, ...]
    priority: int
    due: float | None


@dataclass
class PlannedBatch:
    orders: list[str]
    items: int
    length: float
    zone: str | None = None
    #: The orders (their tote is their place in the list, from 1) and the visits in order.
    members: list[PlanOrder] = field(default_factory=list, repr=False)
    visits: list[PlanLine] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = {"orders": self.orders, "items": self.items, "length": self.length}
        return out | ({"zone": self.zone} if self.zone is not None else {})


@dataclass
class Plan:
    method: str
    routing: str
    batches: list[PlannedBatch]
    length: float
    baseline: float  # FCFS batches with S-shape routing, the published comparison
    seconds: float
    unlocated: list[str] = field(default_factory=list)
    criteria: Criteria = field(default_factory=Criteria)
    #: Zones drawn for this work: (zone, first aisle, last aisle, items), aisles from 0.
    zones: list[tuple[str, int, int, int]] = field(default_factory=list)
    #: Picking by zone: the orders picked in more than one zone and those zones, whose totes
    #: meet again at packing.
    parts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def saving(self) -> float:
        return 1 - self.length / self.baseline if self.baseline else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = {
            "method": self.method,
            "routing": self.routing,
            "batches": [b.to_dict() for b in self.batches],
            "length": self.length,
            "baseline": self.baseline,
            "saving": self.saving,
            "seconds": self.seconds,
            "unlocated": self.unlocated,
        }
        if self.zones:
            out["zones"] = [
                {"zone": z, "first_aisle": a, "last_aisle": b, "items": n}
                for z, a, b, n in self.zones
            ]
        if self.parts:
            out["parts"] = self.parts
        return out


@dataclass(frozen=True)
class Released:
    wave_id: int | None
    batch_ids: list[int]
    orders: int
    tasks: int


def _lines(task: ZoneTask) -> tuple[PlanLine, ...]:
    return cast(tuple[PlanLine, ...], task.lines)


def _spec(task: ZoneTask, order: PlanOrder) -> batching.OrderSpec:
    """What batching needs of one order's part (all of it when not picking by zone)."""
    picks = tuple(ln.pick for ln in _lines(task))
    return batching.OrderSpec(picks, task.items, order.priority, order.due)


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


class PickPlanner:
    def __init__(self, db: Database, settings: PickingSettings):
        self._db = db
        self.settings = settings

    def load(self, criteria: Criteria | None = None) -> tuple[Layout, list[PlanOrder], list[str]]:
        """The layout, the open orders to plan (most urgent first) and the numbers of those
        that cannot be planned."""
        criteria = criteria or Criteria()
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
            query = (
                select(Order)
                .where(Order.status == OrderStatus.OPEN)
                .options(selectinload(Order.lines))
                .order_by(Order.ship_by.is_(None), Order.ship_by, Order.priority.desc(), Order.id)
            )
            if criteria.ship_by_before is not None:
                query = query.where(Order.ship_by < criteria.ship_by_before)
            if criteria.carrier:
                query = query.where(Order.carrier == criteria.carrier)
            if criteria.min_priority is not None:
                query = query.where(Order.priority >= criteria.min_priority)
            orders = session.scalars(query).all()
            rows = [
                (
                    o.id,
                    o.number,
                    o.priority,
                    o.ship_by,
                    [(ln.id, ln.product_id, ln.quantity) for ln in o.lines],
                )
                for o in orders
            ]
        if not locations:
            raise InvalidInput("No locations are known: import locations first.")
        aisles = sorted({(zone or "", _number(aisle)) for _, zone, aisle, _ in locations})
        index = {key: n for n, key in enumerate(aisles)}
        where = {
            lid: (Pick(index[(zone or "", _number(aisle))], max(0, _number(bay) - 1)), zone or "")
            for lid, zone, aisle, bay in locations
        }
        s = self.settings
        slots = max(p.slot for p, _ in where.values()) + 1
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
        planned: list[PlanOrder] = []
        unlocated: list[str] = []
        for order_id, number, priority, ship_by, lines in rows:
            located: list[PlanLine] = []
            for line_id, line_product, quantity in lines:
                home = homes.get(line_product) if line_product is not None else None
                if line_product is None or home is None or home not in where:
                    break
                pick, zone = where[home]
                located.append(PlanLine(line_id, line_product, home, pick, quantity, zone))
            if not lines or len(located) < len(lines):
                unlocated.append(number)
                continue
            if criteria.max_orders is not None and len(planned) >= criteria.max_orders:
                break
            due = ship_by.timestamp() if ship_by else None
            planned.append(PlanOrder(order_id, number, tuple(located), priority, due))
        return layout, planned, unlocated

    def plan(
        self,
        actor: Actor,
        method: str = "ils",
        *,
        cart_slots: int | None = None,
        capacity: int | None = None,
        budget_s: float = 1.0,
        criteria: Criteria | None = None,
        by_zone: bool = False,
        zones: int | None = None,
    ) -> Plan:
        """Batches for the open orders (those meeting ``criteria``) by ``method``, routed
        optimally, with the FCFS + S-shape baseline's travel for comparison. ``by_zone``:
        each zone's part of the orders is batched on its own (zone picking). ``zones``: as
        ``by_zone``, with that many zones drawn for this work: runs of consecutive aisles
        whose heaviest holds as few items as can be. Nothing is saved: :meth:`release` does
        that."""
        actor.require(Permission.PLAN_WORK)
        if method not in METHODS:
            raise InvalidInput(f"Unknown batching method {method!r}: use {', '.join(METHODS)}.")
        slots = cart_slots or self.settings.cart_slots
        cap = capacity or self.settings.cart_capacity
        if slots < 1 or cap < 1:
            raise InvalidInput("A cart needs at least one tote and room for one item.")
        layout, orders, unlocated = self.load(criteria)
        start = time.perf_counter()
        drawn: list[tuple[str, int, int, int]] = []
        if zones is not None:
            orders, drawn = self._draw_zones(layout, orders, zones)
            by_zone = True
        by_id: dict[Hashable, PlanOrder] = {o.id: o for o in orders}
        # One task per order and zone (per order when not by zone, all under one name), in
        # the orders' order, so each zone's list stays most urgent first.
        tasks = zone_tasks(
            ZoneLine(o.id, ln, ln.zone if by_zone else "", ln.quantity)
            for o in orders
            for ln in o.lines
        )
        by_name: dict[str, list[ZoneTask]] = {}
        for task in tasks:
            by_name.setdefault(task.zone, []).append(task)
        names = sorted(by_name)
        batches: list[PlannedBatch] = []
        baseline = 0.0
        for name in names:
            part = by_name[name]
            specs = [_spec(task, by_id[task.order]) for task in part]
            left = max(0.05, budget_s / len(names) - (time.perf_counter() - start) / len(names))
            groups, base = self._batch(layout, specs, method, cap, slots, left)
            baseline += base
            zone = name if by_zone else None
            for group in groups:
                chosen = [part[i] for i in group]
                batches.append(self._routed(layout, chosen, [by_id[t.order] for t in chosen], zone))
        return Plan(
            method=method,
            routing="optimal",
            batches=batches,
            length=sum(b.length for b in batches),
            baseline=baseline,
            seconds=time.perf_counter() - start,
            unlocated=unlocated,
            criteria=criteria or Criteria(),
            zones=drawn,
            parts=(
                {by_id[o].number: z for o, z in consolidation(tasks).items() if len(z) > 1}
                if by_zone
                else {}
            ),
        )

    @staticmethod
    def _draw_zones(
        layout: Layout, orders: list[PlanOrder], count: int
    ) -> tuple[list[PlanOrder], list[tuple[str, int, int, int]]]:
        """Zones for this work: consecutive aisles, balanced by the items to pick in each.
        Returns the orders with their lines' zones redrawn, and (zone, first aisle, last
        aisle, items) of each zone."""
        if count < 1:
            raise InvalidInput("Draw at least one zone.")
        loads = [0.0] * layout.aisles
        for order in orders:
            for line in order.lines:
                loads[line.pick.aisle] += line.quantity
        runs = balance_zones(loads, count)
        zone_of = {a: f"Z{k + 1}" for k, run in enumerate(runs) for a in run}
        redrawn = [
            replace(o, lines=tuple(replace(ln, zone=zone_of[ln.pick.aisle]) for ln in o.lines))
            for o in orders
        ]
        drawn = [
            (f"Z{k + 1}", run.start, run.stop - 1, int(sum(loads[a] for a in run)))
            for k, run in enumerate(runs)
            if len(run)
        ]
        return redrawn, drawn

    @staticmethod
    def _batch(
        layout: Layout,
        specs: list[batching.OrderSpec],
        method: str,
        cap: int,
        slots: int,
        budget_s: float,
    ) -> tuple[list[batching.Batch], float]:
        start = time.perf_counter()
        sshape = batching.Pricer(layout, specs, "sshape")
        baseline = sshape.total(batching.fcfs(specs, cap, slots))
        if method == "fcfs":
            return batching.fcfs(specs, cap, slots), baseline
        if method == "seed":
            return batching.seed(specs, cap, slots), baseline
        batches = batching.savings(specs, cap, sshape, slots)
        if method == "ils":
            left = max(0.05, budget_s - (time.perf_counter() - start))
            pricer = batching.Pricer(layout, specs, "best-policy")
            batches = batching.local_search(specs, cap, pricer, batches, budget_s=left, slots=slots)
        return batches, baseline

    @staticmethod
    def _routed(
        layout: Layout, part: list[ZoneTask], members: list[PlanOrder], zone: str | None
    ) -> PlannedBatch:
        lines = [ln for task in part for ln in _lines(task)]
        sequence, length = route(layout, [ln.pick for ln in lines], "optimal")
        return PlannedBatch(
            orders=[o.number for o in members],
            items=sum(task.items for task in part),
            length=length,
            zone=zone,
            members=members,
            visits=[lines[i] for i in sequence],
        )

    def release(self, actor: Actor, plan: Plan, *, wave_name: str | None = None) -> Released:
        """Save the plan's carts as pick batches, ready to be claimed, their orders moved to
        picking, in one transaction. If any order is no longer open (another station released
        it, or the store changed it meanwhile) nothing is saved: plan again."""
        actor.require(Permission.PLAN_WORK)
        if not plan.batches:
            raise InvalidInput("There is nothing to release: no open order could be planned.")
        if wave_name is not None:
            # Typed or made from the criteria: cleaned, and shortened to its column on both
            # engines (PostgreSQL would refuse the release over a long name).
            wave_name = fit(Wave.name, clean_name(wave_name, what="wave name"))
        order_ids = sorted({o.id for b in plan.batches for o in b.members})
        with self._db.session() as session:
            moved = session.execute(  # type: ignore[attr-defined]
                update(Order)
                .where(Order.id.in_(order_ids), Order.status == OrderStatus.OPEN)
                .values(status=OrderStatus.PICKING)
            ).rowcount
            if moved != len(order_ids):
                session.rollback()
                raise InvalidInput(
                    f"{len(order_ids) - moved} of the planned orders are no longer open "
                    "(released elsewhere or changed in the store): nothing was released; "
                    "plan again."
                )
            wave_id = None
            if wave_name is not None:
                wave = Wave(
                    name=wave_name, criteria=plan.criteria.to_dict(), created_by=actor.label
                )
                session.add(wave)
                session.flush()
                wave_id = wave.id
            rank_base = session.scalar(select(PickBatch.rank).order_by(PickBatch.rank.desc())) or 0
            batch_ids, tasks = [], 0
            for n, planned in enumerate(plan.batches, 1):
                batch = PickBatch(
                    wave_id=wave_id,
                    zone=planned.zone,
                    rank=rank_base + n,
                    method=plan.method,
                    travel=planned.length,
                )
                session.add(batch)
                session.flush()
                batch_ids.append(batch.id)
                slot_of = {o.id: slot for slot, o in enumerate(planned.members, 1)}
                owner = {ln.line_id: o.id for o in planned.members for ln in o.lines}
                session.add_all(
                    PickBatchOrder(batch_id=batch.id, order_id=o.id, slot=slot_of[o.id])
                    for o in planned.members
                )
                session.add_all(
                    PickTask(
                        batch_id=batch.id,
                        sequence=seq,
                        order_id=owner[ln.line_id],
                        order_line_id=ln.line_id,
                        location_id=ln.location_id,
                        product_id=ln.product_id,
                        slot=slot_of[owner[ln.line_id]],
                        quantity=ln.quantity,
                    )
                    for seq, ln in enumerate(planned.visits, 1)
                )
                tasks += len(planned.visits)
            audit.record(
                session,
                actor,
                "wave.release" if wave_name is not None else "batch.release",
                target_type="wave" if wave_id else "pick_batch",
                target_id=wave_id or ",".join(map(str, batch_ids)),
                after={
                    "batches": len(batch_ids),
                    "orders": len(order_ids),
                    "method": plan.method,
                    "travel": round(plan.length, 1),
                    "baseline": round(plan.baseline, 1),
                    **plan.criteria.to_dict(),
                },
            )
        return Released(wave_id, batch_ids, len(order_ids), tasks)
