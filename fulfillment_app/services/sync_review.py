"""What store sync leaves for a supervisor: parked outbox entries, quarantined orders, and
changes the store made to orders already in work; and the order list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ..db import Database
from ..db.models import (
    Order,
    OrderChange,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    PackSession,
    PackSessionStatus,
    QuarantinedOrder,
    Store,
    utcnow,
)
from ..errors import InvalidInput, NotFound
from ..sync import upsert
from . import audit, pick_carts
from .permissions import Actor, Permission


@dataclass(frozen=True)
class OutboxRow:
    id: int
    store: str
    order: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None


@dataclass(frozen=True)
class QuarantineRow:
    store: str
    external_id: str
    reason: str
    received_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class ChangeRow:
    id: int
    order: str
    kind: str
    detail: str
    station: str | None
    created_at: datetime


class SyncReview:
    def __init__(self, db: Database):
        self._db = db

    def orders(self, status: str | None = None) -> list[dict[str, Any]]:
        """Orders with their store, the store's id, number, status and lines."""
        if status is not None and status not in {s.value for s in OrderStatus}:
            raise InvalidInput(
                f"Unknown status {status!r}: use one of {', '.join(s.value for s in OrderStatus)}."
            )
        with self._db.session() as session:
            query = (
                select(Order, Store.name)
                .outerjoin(Store, Store.id == Order.store_id)
                .options(selectinload(Order.lines))
                .order_by(Order.id)
            )
            if status:
                query = query.where(Order.status == OrderStatus(status))
            return [
                {
                    "store": store_name,
                    "external_id": order.external_id,
                    "number": order.number,
                    "status": order.status.value,
                    "customer": order.customer_name,
                    "lines": [{"sku": line.sku, "quantity": line.quantity} for line in order.lines],
                }
                for order, store_name in session.execute(query)
            ]

    # -- outbox ----------------------------------------------------------------------------

    def outbox(self, actor: Actor, status: str | None = None) -> list[OutboxRow]:
        actor.require(Permission.VIEW_REPORTS)
        with self._db.session() as session:
            query = (
                select(OutboxEntry, Store.name, Order.number)
                .join(Store, Store.id == OutboxEntry.store_id)
                .outerjoin(Order, Order.id == OutboxEntry.order_id)
                .order_by(OutboxEntry.id)
            )
            if status:
                query = query.where(OutboxEntry.status == OutboxStatus(status))
            return [
                OutboxRow(
                    e.id,
                    store,
                    number or "",
                    e.kind,
                    e.status.value,
                    e.attempts,
                    e.next_attempt_at,
                    e.last_error,
                )
                for e, store, number in session.execute(query)
            ]

    def retry(self, actor: Actor, entry_id: int, reason: str = "") -> None:
        """Send a parked (or waiting) entry again at the next sync, audited."""
        actor.require(Permission.OVERRIDE)
        with self._db.session() as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None:
                raise NotFound(f"There is no outbox entry {entry_id}.")
            if entry.status is OutboxStatus.DELIVERED:
                raise InvalidInput(f"Outbox entry {entry_id} was delivered already.")
            before = {"status": entry.status.value, "last_error": entry.last_error}
            entry.status = OutboxStatus.PENDING
            entry.next_attempt_at = utcnow()
            audit.record(
                session,
                actor,
                "outbox.retry",
                target_type="outbox",
                target_id=str(entry_id),
                before=before,
                after={"status": "pending"},
                reason=reason or None,
            )

    # -- quarantine ------------------------------------------------------------------------

    def quarantined(self, actor: Actor) -> list[QuarantineRow]:
        actor.require(Permission.VIEW_REPORTS)
        with self._db.session() as session:
            rows = session.execute(
                select(QuarantinedOrder, Store.name)
                .join(Store, Store.id == QuarantinedOrder.store_id)
                .where(QuarantinedOrder.resolved_at.is_(None))
                .order_by(QuarantinedOrder.received_at)
            )
            return [
                QuarantineRow(store, q.external_id, q.reason, q.received_at, q.payload)
                for q, store in rows
            ]

    # -- changes from the store ------------------------------------------------------------

    def changes(self, actor: Actor) -> list[ChangeRow]:
        actor.require(Permission.VIEW_REPORTS)
        with self._db.session() as session:
            rows = session.execute(
                select(OrderChange, Order.number)
                .join(Order, Order.id == OrderChange.order_id)
                .where(OrderChange.resolved_at.is_(None))
                .order_by(OrderChange.id)
            )
            return [
                ChangeRow(c.id, number, c.kind, c.detail, c.station, c.created_at)
                for c, number in rows
            ]

    def resolve_change(self, actor: Actor, change_id: int, action: str, note: str = "") -> str:
        """``apply``: the order becomes the store's version (work on it stops: an open pack
        session goes to the exceptions with its scans kept, the items go back). ``dismiss``:
        we keep ours (e.g. already shipped). Audited either way."""
        actor.require(Permission.OVERRIDE)
        if action not in ("apply", "dismiss"):
            raise InvalidInput("Resolve with 'apply' or 'dismiss'.")
        with self._db.session() as session:
            change = session.get(OrderChange, change_id)
            if change is None or change.resolved_at is not None:
                raise NotFound(f"There is no open store change {change_id}.")
            order = session.get(Order, change.order_id)
            assert order is not None
            before = {
                "status": order.status.value,
                "lines": {line.sku: line.quantity for line in order.lines},
            }
            if action == "apply":
                data = upsert.from_json(change.payload)
                for row in session.scalars(
                    select(PackSession).where(
                        PackSession.order_id == order.id,
                        PackSession.status == PackSessionStatus.OPEN,
                    )
                ):
                    row.status, row.closed_at = PackSessionStatus.EXCEPTION, utcnow()
                    row.reason = f"Store change applied: {change.detail}"
                pick_carts.take_off_carts(session, order.id, change.detail)
                order.status = upsert.NEW_STATUS[data.status]
                products = upsert.products_for(session, [data])
                upsert.apply(order, data, products)
                # Older open changes for the order are superseded by this one.
                session.execute(
                    update(OrderChange)
                    .where(
                        OrderChange.order_id == order.id,
                        OrderChange.resolved_at.is_(None),
                        OrderChange.id < change.id,
                    )
                    .values(resolved_at=utcnow(), resolution="superseded")
                )
            elif order.status == OrderStatus.PICKING and not pick_carts.on_a_cart(
                session, order.id
            ):
                order.status = OrderStatus.OPEN  # taken off its cart meanwhile: plan it again
            change.resolved_at, change.resolution = utcnow(), action
            audit.record(
                session,
                actor,
                f"store_change.{action}",
                target_type="order",
                target_id=order.number,
                before=before,
                after={"status": order.status.value, "change": change.detail},
                reason=note or None,
            )
            return (
                f"Order {order.number}: the store's change was "
                f"{'applied' if action == 'apply' else 'dismissed'}."
            )
