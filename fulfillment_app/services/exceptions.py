"""The exceptions queue: orders a packer could not complete, or a picker found short,
resolved by a supervisor; and beside them everything else that waits for a supervisor's
eye (:meth:`ExceptionsService.queue`): weight overrides to acknowledge, store changes to
orders in work, fulfillments the store refused and store orders held in quarantine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select

from ..db import Database
from ..db.models import (
    AuditEntry,
    Carrier,
    Order,
    OrderChange,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    Product,
    QuarantinedOrder,
    ScanEvent,
    Shipment,
    ShipmentStatus,
    Store,
)
from ..errors import InvalidInput, NotFound
from . import audit
from .orders import find_order
from .permissions import Actor, Permission

if TYPE_CHECKING:
    from .shipping import ShippingService


@dataclass(frozen=True)
class WaitingOrder:
    """An order in the exceptions queue: where, by whom and why it was sent there."""

    number: str
    station: str
    who: str
    reason: str


class Kind:
    """What an :class:`ExceptionItem` is about."""

    SHORT_PICK = "short_pick"
    SHORT_SHIP = "short_ship"
    WEIGHT_OVERRIDE = "weight_override"
    STORE_CHANGE = "store_change"
    REFUSED = "refused"
    QUARANTINED = "quarantined"
    HELD_SHIPMENT = "held_shipment"


#: The actions each kind offers (the screen shows one button each).
ACTIONS: dict[str, tuple[str, ...]] = {
    Kind.SHORT_PICK: ("pack-short", "wait", "cancel"),
    Kind.SHORT_SHIP: ("pack-short", "wait", "cancel"),
    Kind.WEIGHT_OVERRIDE: ("acknowledge",),
    Kind.STORE_CHANGE: ("apply", "dismiss"),
    Kind.REFUSED: ("retry",),
    Kind.QUARANTINED: ("open-stores",),  # resolved on the Stores screen
    # A courier refused it, its token expired, or its outcome is unknown: sent again once the
    # cause is fixed (admins), or cancelled.
    Kind.HELD_SHIPMENT: ("send-shipment", "cancel-shipment"),
}

ACKNOWLEDGED = "exception.acknowledged"


@dataclass(frozen=True)
class ExceptionItem:
    """One thing waiting for a supervisor. ``key`` names it for :meth:`ExceptionsService.act`:
    the order number, an audit entry's id, a store change's id, an outbox entry's id, or
    ``store/external id`` for a quarantined order."""

    kind: str
    key: str
    order: str
    station: str
    who: str
    reason: str
    at: datetime | None

    @property
    def actions(self) -> tuple[str, ...]:
        return ACTIONS[self.kind]


@dataclass(frozen=True)
class HistoryEntry:
    """One step in an item's history: a scan, an audit entry or a change from the store."""

    at: datetime
    source: str  # "scan", "audit", "store"
    who: str
    what: str


def _weight_override(action: str, target: str | None) -> bool:
    return action == "pack.weight_override" or (
        action == "override.approved" and "weight" in (target or "").lower()
    )


class ExceptionsService:
    def __init__(self, db: Database, shipping: ShippingService | None = None):
        self._db = db
        #: Sends held shipments again (or cancels them); None where nothing ships.
        self.shipping = shipping

    RESOLUTIONS = ("pack-short", "wait", "cancel")

    def exceptions(self, actor: Actor) -> list[WaitingOrder]:
        """Orders waiting for a supervisor, oldest first."""
        actor.require(Permission.OVERRIDE)
        with self._db.read() as session:
            rows = session.execute(
                select(Order.number, PackSession.station, PackSession.user_name, PackSession.reason)
                .join(PackSession, PackSession.order_id == Order.id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PackSession.status == PackSessionStatus.EXCEPTION,
                )
                .order_by(PackSession.closed_at)
            ).all()
            shorts = session.execute(
                select(
                    Order.number, PickBatch.station, PickTask.done_by, Product.sku, PickTask.reason
                )
                .join(PickTask, PickTask.order_id == Order.id)
                .join(PickBatch, PickBatch.id == PickTask.batch_id)
                .join(Product, Product.id == PickTask.product_id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PickTask.status == PickTaskStatus.SHORT,
                )
                .order_by(PickTask.done_at)
            ).all()
        latest: dict[str, WaitingOrder] = {}
        for number, station, who, sku, reason in shorts:
            latest[number] = WaitingOrder(
                number, station or "", who or "", f"short pick of {sku}: {reason}"
            )
        for number, station, who, reason in rows:
            latest[number] = WaitingOrder(number, station, who, reason or "")
        return list(latest.values())

    def resolve_exception(
        self, actor: Actor, order_number: str, resolution: str, note: str = ""
    ) -> str:
        """A supervisor decides what happens to an order sent to the exceptions:

        - ``pack-short``: ship what there is. Each line is cut to what was packed when the
          order was sent to exceptions (or, short at picking, to what was picked), and the
          order goes to packing (picked: it is not planned for picking again).
        - ``wait``: on hold until stock arrives.
        - ``cancel``: the order will not ship.
        Audited with the lines before and after."""
        actor.require(Permission.OVERRIDE)
        if resolution not in self.RESOLUTIONS:
            raise InvalidInput(f"Resolve with one of {', '.join(self.RESOLUTIONS)}.")
        with self._db.session() as session:
            order = find_order(session, order_number)
            if order.status is not OrderStatus.EXCEPTION:
                raise InvalidInput(f"Order {order.number} is not in the exceptions queue.")
            before = {line.sku: line.quantity for line in order.lines}
            if resolution == "pack-short":
                last = session.scalar(
                    select(PackSession.id)
                    .where(
                        PackSession.order_id == order.id,
                        PackSession.status == PackSessionStatus.EXCEPTION,
                    )
                    .order_by(PackSession.id.desc())
                )
                rows = session.execute(
                    select(ScanEvent.order_line_id, func.sum(ScanEvent.quantity))
                    .where(
                        ScanEvent.pack_session_id == last,
                        ScanEvent.undone.is_(False),
                        ScanEvent.order_line_id.is_not(None),
                    )
                    .group_by(ScanEvent.order_line_id)
                ).all()
                packed = {int(line_id): int(total or 0) for line_id, total in rows if line_id}
                if last is None:  # short at picking: what is in the tote
                    packed = {line.id: line.quantity_picked for line in order.lines}
                if not any(packed.values()):
                    raise InvalidInput("Nothing was packed: wait for stock or cancel instead.")
                for line in order.lines:
                    line.quantity = min(line.quantity, packed.get(line.id, 0))
                order.status = OrderStatus.PICKED
                message = f"Order {order.number} ships short: scan it again at a packing station."
            elif resolution == "wait":
                order.status = OrderStatus.ON_HOLD
                message = f"Order {order.number} waits for stock (on hold)."
            else:
                order.status = OrderStatus.CANCELLED
                message = f"Order {order.number} is cancelled and will not ship."
            audit.record(
                session,
                actor,
                f"exception.{resolution}",
                target_type="order",
                target_id=order.number,
                before={"lines": before},
                after={
                    "lines": {line.sku: line.quantity for line in order.lines},
                    "status": order.status.value,
                },
                reason=note or None,
            )
        return message

    # -- everything waiting for a supervisor -----------------------------------------------

    def queue(self, actor: Actor) -> list[ExceptionItem]:
        """Every item waiting for a supervisor, oldest first within each kind: orders short at
        picking or packing, weight overrides not yet acknowledged, store changes to orders in
        work, fulfillments the store refused, quarantined store orders."""
        actor.require(Permission.OVERRIDE)
        items: list[ExceptionItem] = []
        with self._db.read() as session:
            sessions = session.execute(
                select(
                    Order.number,
                    PackSession.station,
                    PackSession.user_name,
                    PackSession.reason,
                    PackSession.closed_at,
                )
                .join(PackSession, PackSession.order_id == Order.id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PackSession.status == PackSessionStatus.EXCEPTION,
                )
                .order_by(PackSession.closed_at)
            ).all()
            shorts = session.execute(
                select(
                    Order.number,
                    PickBatch.station,
                    PickTask.done_by,
                    Product.sku,
                    PickTask.reason,
                    PickTask.done_at,
                )
                .join(PickTask, PickTask.order_id == Order.id)
                .join(PickBatch, PickBatch.id == PickTask.batch_id)
                .join(Product, Product.id == PickTask.product_id)
                .where(
                    Order.status == OrderStatus.EXCEPTION,
                    PickTask.status == PickTaskStatus.SHORT,
                )
                .order_by(PickTask.done_at)
            ).all()
            acknowledged = set(
                session.scalars(
                    select(AuditEntry.target_id).where(AuditEntry.action == ACKNOWLEDGED)
                )
            )
            overrides = session.execute(
                select(AuditEntry)
                .where(
                    or_(
                        AuditEntry.action == "pack.weight_override",
                        (AuditEntry.action == "override.approved")
                        & AuditEntry.target_id.ilike("%weight%"),
                    )
                )
                .order_by(AuditEntry.id)
            ).scalars()
            override_rows = [
                (e.id, e.action, e.target_id, e.actor, e.station, e.reason, e.at, e.before, e.after)
                for e in overrides
            ]
            changes = session.execute(
                select(OrderChange, Order.number)
                .join(Order, Order.id == OrderChange.order_id)
                .where(OrderChange.resolved_at.is_(None))
                .order_by(OrderChange.id)
            ).all()
            change_rows = [
                (c.id, number, c.station, c.kind, c.detail, c.created_at) for c, number in changes
            ]
            refused = session.execute(
                select(OutboxEntry, Store.name, Order.number)
                .join(Store, Store.id == OutboxEntry.store_id)
                .outerjoin(Order, Order.id == OutboxEntry.order_id)
                .where(OutboxEntry.status == OutboxStatus.PARKED)
                .order_by(OutboxEntry.id)
            ).all()
            refused_rows = [
                (e.id, store, number, e.kind, e.last_error, e.created_at)
                for e, store, number in refused
            ]
            quarantined = session.execute(
                select(QuarantinedOrder, Store.name)
                .join(Store, Store.id == QuarantinedOrder.store_id)
                .where(QuarantinedOrder.resolved_at.is_(None))
                .order_by(QuarantinedOrder.received_at)
            ).all()
            quarantine_rows = [
                (store, q.external_id, q.reason, q.received_at) for q, store in quarantined
            ]
            held_rows = session.execute(
                select(
                    Shipment.id, Shipment.reference, Order.number, Carrier.name,
                    Shipment.last_error, Shipment.updated_at,
                )
                .join(Order, Order.id == Shipment.order_id)
                .join(Carrier, Carrier.id == Shipment.carrier_id)
                .where(Shipment.status == ShipmentStatus.HELD)
                .order_by(Shipment.id)
            ).all()  # fmt: skip
        waiting: dict[str, ExceptionItem] = {}
        for number, station, who, sku, reason, at in shorts:
            waiting[number] = ExceptionItem(
                Kind.SHORT_PICK, number, number, station or "", who or "",
                f"Short pick of {sku}: {reason or 'no reason given'}", at,
            )  # fmt: skip
        for number, station, who, reason, at in sessions:
            waiting[number] = ExceptionItem(
                Kind.SHORT_SHIP, number, number, station, who, reason or "", at
            )
        items.extend(waiting.values())
        # An approval followed by the override it approved is one item: the override (it has
        # the weights). An approval on its own (the packer then did something else) shows.
        applied = {
            (target, entry_id)
            for entry_id, action, target, *_ in override_rows
            if action == "pack.weight_override"
        }
        for entry_id, action, target, who, station, reason, at, before, after in override_rows:
            if str(entry_id) in acknowledged:
                continue
            order = target or ""
            if action == "override.approved":
                words = (target or "").split()
                order = words[-1] if len(words) > 1 and words[-2].lower() == "order" else ""
                if any(t == order and i > entry_id for t, i in applied):
                    continue
            detail = reason or ""
            if before and after and "expected_g" in before and "measured_g" in after:
                detail = (
                    f"{after['measured_g']} g weighed, {before['expected_g']} g expected: {detail}"
                )
            items.append(
                ExceptionItem(
                    Kind.WEIGHT_OVERRIDE, str(entry_id), order, station or "", who, detail, at
                )
            )
        for change_id, number, station, kind, detail, at in change_rows:
            why = f"Store change ({kind.replace('_', ' ')}): {detail}"
            items.append(
                ExceptionItem(Kind.STORE_CHANGE, str(change_id), number, station or "", "", why, at)
            )
        for entry_id, store, number, kind, error, at in refused_rows:
            why = f"{store} refused the {kind.replace('_', ' ')}: {error or 'no reason given'}"
            item = ExceptionItem(Kind.REFUSED, str(entry_id), number or "", store, "", why, at)
            items.append(item)
        for shipment_id, reference, number, carrier, problem, at in held_rows:
            why = f"Shipment {reference} held: {problem or 'no reason recorded'}"
            items.append(
                ExceptionItem(Kind.HELD_SHIPMENT, str(shipment_id), number, carrier, "", why, at)
            )
        for store, external_id, reason, at in quarantine_rows:
            items.append(
                ExceptionItem(
                    Kind.QUARANTINED, f"{store}/{external_id}", external_id, store, "", reason, at
                )
            )
        return items

    def history(self, actor: Actor, item: ExceptionItem) -> list[HistoryEntry]:
        """What happened to the item's order (its scans, audit entries and changes from the
        store), newest first; for an item without an order, its own audit entries."""
        actor.require(Permission.OVERRIDE)
        entries: list[HistoryEntry] = []
        with self._db.read() as session:
            order_ids: list[int] = []
            if item.order:
                order_ids = list(
                    session.scalars(select(Order.id).where(Order.number == item.order))
                )
            if order_ids:
                for at, raw, kind, outcome, quantity, undone in session.execute(
                    select(
                        ScanEvent.at,
                        ScanEvent.raw,
                        ScanEvent.kind,
                        ScanEvent.outcome,
                        ScanEvent.quantity,
                        ScanEvent.undone,
                    )
                    .where(ScanEvent.order_id.in_(order_ids))
                    .order_by(ScanEvent.id.desc())
                    .limit(200)
                ):
                    what = f"{kind} {raw}: {outcome}" + (f" ({quantity})" if quantity else "")
                    entries.append(
                        HistoryEntry(at, "scan", "", what + (" [undone]" if undone else ""))
                    )
                for at, kind, detail, resolution in session.execute(
                    select(
                        OrderChange.created_at,
                        OrderChange.kind,
                        OrderChange.detail,
                        OrderChange.resolution,
                    ).where(OrderChange.order_id.in_(order_ids))
                ):
                    what = f"{kind}: {detail}" + (f" [{resolution}]" if resolution else "")
                    entries.append(HistoryEntry(at, "store", "", what))
            targets = []
            if item.order:
                targets.append(("order", item.order))
            if item.kind == Kind.REFUSED:
                targets.append(("outbox", item.key))
            conditions: list[ColumnElement[bool]] = [
                (AuditEntry.target_type == kind) & (AuditEntry.target_id == target)
                for kind, target in targets
            ]
            if item.kind == Kind.WEIGHT_OVERRIDE:
                conditions.append(AuditEntry.id == int(item.key))
                conditions.append(
                    (AuditEntry.action == ACKNOWLEDGED) & (AuditEntry.target_id == item.key)
                )
            if conditions:
                for at, who, action, reason in session.execute(
                    select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.reason)
                    .where(or_(*conditions))
                    .order_by(AuditEntry.id.desc())
                    .limit(200)
                ):
                    entries.append(
                        HistoryEntry(at, "audit", who, action + (f": {reason}" if reason else ""))
                    )
        if item.kind == Kind.QUARANTINED and item.at is not None:
            entries.append(HistoryEntry(item.at, "store", item.station, item.reason))
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries

    def act(self, actor: Actor, item: ExceptionItem, action: str, note: str = "") -> str:
        """Take one of ``item.actions``, audited; returns the sentence to show."""
        actor.require(Permission.OVERRIDE)
        if action not in item.actions or action == "open-stores":
            raise InvalidInput(f"{action} is not something to do with this item.")
        if item.kind in (Kind.SHORT_PICK, Kind.SHORT_SHIP):
            return self.resolve_exception(actor, item.order, action, note)
        if item.kind == Kind.WEIGHT_OVERRIDE:
            return self.acknowledge_override(actor, int(item.key), note)
        if item.kind == Kind.HELD_SHIPMENT:
            return self._held_shipment(actor, int(item.key), action, note)
        from .sync_review import SyncReview  # the store's side of the queue

        review = SyncReview(self._db)
        if item.kind == Kind.STORE_CHANGE:
            return review.resolve_change(actor, int(item.key), action, note)
        review.retry(actor, int(item.key), note)
        return f"The update to {item.station} is sent again at the next sync."

    def _held_shipment(self, actor: Actor, shipment_id: int, action: str, note: str) -> str:
        if self.shipping is None:
            raise InvalidInput("Shipments are not handled at this station.")
        if action == "cancel-shipment":
            self.shipping.cancel(actor, shipment_id, note)
            return "The shipment is cancelled."
        report = self.shipping.retry(actor, shipment_id, note)
        if report.created:
            return "The shipment is created at the courier."
        return "The shipment is still held: see its problem, fix the cause and try again."

    def acknowledge_override(self, actor: Actor, audit_id: int, note: str = "") -> str:
        """A supervisor has seen an approved weight override: it leaves the queue, audited."""
        actor.require(Permission.OVERRIDE)
        with self._db.session() as session:
            entry = session.get(AuditEntry, audit_id)
            if entry is None or not _weight_override(entry.action, entry.target_id):
                raise NotFound(f"There is no weight override {audit_id}.")
            done = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == ACKNOWLEDGED, AuditEntry.target_id == str(audit_id))
            )
            if done:
                raise InvalidInput("That weight override was acknowledged already.")
            audit.record(
                session,
                actor,
                ACKNOWLEDGED,
                target_type="audit",
                target_id=str(audit_id),
                before={"action": entry.action, "by": entry.actor, "target": entry.target_id},
                reason=note or None,
            )
            target = entry.target_id or ""
        return f"Weight override {target} acknowledged."
