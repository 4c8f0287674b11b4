"""The picker's use cases: claim the next cart, walk its picks in order, confirm each
(location, item, quantity, tote), short pick, skip, pause, resume, hand the cart back.

Each call is one transaction. A claim takes the most urgent ready batch with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL (pickers never wait on each other and never get the
same cart); SQLite serialises writers (``BEGIN IMMEDIATE``), which gives the same guarantee.

Store changes are looked for at every step: an order cancelled or put on hold in the store is
withdrawn from the cart (its picks not yet made are dropped and what was already picked for it
gets a return-to-stock task), and the picker is told once, in a sentence. Nothing changes
silently.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from ..db import Database
from ..db.models import (
    Location,
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickOrderStatus,
    PickTask,
    PickTaskStatus,
    Product,
    ProductBarcode,
    Stock,
    utcnow,
)
from ..errors import InvalidInput, NotFound
from ..scanning import Interpreter
from . import audit
from .orders import find_order
from .permissions import Actor, Permission
from .pick_carts import ON_A_CART, last_sequence, take_off_cart
from .pick_types import (
    SHORT_REASONS,
    BatchView,
    NotYours,
    TaskView,
    TotePart,
    ToteView,
    WrongItem,
    WrongLocation,
    WrongQuantity,
    WrongScan,
    WrongTote,
    check_location,
    check_tote,
)

__all__ = [
    "SHORT_REASONS",
    "BatchView",
    "NotYours",
    "PickingService",
    "TaskView",
    "TotePart",
    "ToteView",
    "WrongItem",
    "WrongLocation",
    "WrongQuantity",
    "WrongScan",
    "WrongTote",
]


class PickingService:
    def __init__(self, db: Database, interpreter: Interpreter):
        self._db = db
        self._interpreter = interpreter

    # -- claiming ----------------------------------------------------------------------------

    def claim(self, actor: Actor) -> BatchView | None:
        """The picker's batch: the one they hold (a paused one resumes), else the most urgent
        ready one, taken for them. None when there is no work."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            held = session.scalar(
                select(PickBatch)
                .where(
                    PickBatch.status.in_((PickBatchStatus.PICKING, PickBatchStatus.PAUSED)),
                    _holder_is(actor),
                )
                .order_by(PickBatch.claimed_at)
                .limit(1)
            )
            if held is not None:
                held.status = PickBatchStatus.PICKING
                return self._view(session, held, "Your cart: carry on where you left off.")
            batch = session.scalar(
                select(PickBatch)
                .where(PickBatch.status == PickBatchStatus.READY)
                .order_by(PickBatch.rank, PickBatch.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if batch is None:
                return None
            batch.status = PickBatchStatus.PICKING
            batch.picker, batch.picker_id = actor.label, actor.user_id
            batch.station, batch.claimed_at = actor.station, utcnow()
            session.flush()
            return self._view(session, batch, f"Cart {batch.id} is yours.")

    def view(self, actor: Actor, batch_id: int) -> BatchView:
        actor.require(Permission.PICK)
        with self._db.session() as session:
            return self._view(session, self._get(session, batch_id), "")

    def totes(self, actor: Actor, number: str) -> list[TotePart]:
        """The carts and totes holding an order's parts (one a zone when picked by zone)."""
        if not (actor.can(Permission.PACK) or actor.can(Permission.PICK)):
            actor.require(Permission.PACK)
        with self._db.session() as session:
            order = find_order(session, number)
            rows = session.execute(
                select(PickBatch, PickBatchOrder)
                .join(PickBatchOrder, PickBatchOrder.batch_id == PickBatch.id)
                .where(PickBatchOrder.order_id == order.id)
                .order_by(PickBatch.zone, PickBatch.id)
            ).all()
            parts = []
            for batch, member in rows:
                if member.status != PickOrderStatus.ACTIVE:
                    state = member.status.value
                elif batch.status == PickBatchStatus.DONE:
                    state = "picked"
                elif batch.status == PickBatchStatus.READY:
                    state = "waiting"
                else:
                    state = "picking"
                parts.append(TotePart(batch.id, batch.zone, member.slot, state, batch.picker))
            return parts

    # -- the picks ---------------------------------------------------------------------------

    def confirm(
        self,
        actor: Actor,
        batch_id: int,
        task_id: int,
        *,
        location: str,
        item: str,
        tote: str,
        quantity: int | None = None,
    ) -> BatchView:
        """Confirm the current task with what was scanned: the location, the item, the tote
        (its slot on the cart) and the quantity (default: all that is left). A scan that does
        not match raises :class:`WrongScan` and records nothing. Less than what is left
        keeps the task open for the rest."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            notices = self._store_changes(session, batch)
            task = self._current(session, batch)
            if task is None or task.id != task_id:
                return self._view(
                    session, batch, "That pick is no longer the current one: see the next.",
                    notices,
                )  # fmt: skip
            self._check_location(session, task, location)
            self._check_item(session, task, item)
            check_tote(tote, task.slot)
            left = task.quantity - task.quantity_done
            count = left if quantity is None else quantity
            if not 1 <= count <= left:
                raise WrongQuantity(
                    f"Quantity {count} does not fit: {left} "
                    f"{'to pick' if task.kind == 'pick' else 'to put back'} here."
                )
            self._move(session, task, count)
            task.quantity_done += count
            if task.quantity_done == task.quantity:
                task.status = PickTaskStatus.DONE
            task.done_by, task.done_at = actor.label, utcnow()
            session.flush()
            message = self._after_task(session, batch, task)
            return self._view(session, batch, message, notices)

    def short(
        self, actor: Actor, batch_id: int, task_id: int, *, found: int = 0, reason: str
    ) -> BatchView:
        """Fewer than needed at the location: take what is there (``found``), record why;
        the order goes to the exceptions, its tote to the supervisor, and the rest of the
        batch goes on (its other picks too, so that the supervisor decides with them)."""
        actor.require(Permission.PICK)
        reason = reason.strip()
        if not reason:
            raise InvalidInput(f"Say why the pick is short ({', '.join(SHORT_REASONS)}).")
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            notices = self._store_changes(session, batch)
            task = self._open_task(session, batch, task_id)
            if task.kind != "pick":
                raise InvalidInput("A put-back cannot be short: put back what you hold.")
            left = task.quantity - task.quantity_done
            if not 0 <= found < left:
                raise InvalidInput(f"Found {found}: a short pick finds 0 to {left - 1}.")
            if found:
                self._move(session, task, found)
                task.quantity_done += found
            task.status, task.reason = PickTaskStatus.SHORT, reason
            task.done_by, task.done_at = actor.label, utcnow()
            member = self._member(session, batch.id, task.order_id)
            number = session.scalar(select(Order.number).where(Order.id == task.order_id))
            if member.status == PickOrderStatus.ACTIVE:
                member.status = PickOrderStatus.EXCEPTION
                session.execute(
                    update(Order)
                    .where(Order.id == task.order_id)
                    .values(status=OrderStatus.EXCEPTION)
                )
            sku = session.scalar(select(Product.sku).where(Product.id == task.product_id))
            audit.record(
                session,
                actor,
                "pick.short",
                target_type="order",
                target_id=number,
                before={"sku": sku, "quantity": left},
                after={"found": found, "batch": batch.id, "tote": task.slot},
                reason=reason,
            )
            session.flush()
            message = (
                f"Short pick recorded ({reason}). Order {number} goes to the exceptions: "
                f"tote {task.slot} goes to the supervisor. "
            ) + self._after_task(session, batch, task)
            return self._view(session, batch, message.strip(), notices)

    def skip(self, actor: Actor, batch_id: int, task_id: int) -> BatchView:
        """Move the task behind the last one (e.g. the aisle is blocked)."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            notices = self._store_changes(session, batch)
            task = self._open_task(session, batch, task_id)
            task.sequence, task.skips = last_sequence(session, batch.id) + 1, task.skips + 1
            session.flush()
            return self._view(session, batch, "Skipped: it comes again at the end.", notices)

    # -- the cart ----------------------------------------------------------------------------

    def pause(self, actor: Actor, batch_id: int) -> BatchView:
        """The picker steps away; the cart stays theirs."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            batch.status = PickBatchStatus.PAUSED
            return self._view(session, batch, "Paused: the cart stays yours.")

    def resume(self, actor: Actor, batch_id: int) -> BatchView:
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id, paused_ok=True)
            batch.status = PickBatchStatus.PICKING
            return self._view(session, batch, "Resumed.")

    def unassign(self, actor: Actor, batch_id: int, reason: str = "") -> BatchView:
        """Hand the cart back (it keeps what was picked, for the next picker). A picker hands
        back their own; taking one from another picker is a supervisor's, audited."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._get(session, batch_id)
            if batch.status not in (PickBatchStatus.PICKING, PickBatchStatus.PAUSED):
                raise NotYours(f"Cart {batch_id} is not being picked.")
            own = _held_by(batch, actor)
            if not own:
                actor.require(Permission.OVERRIDE)
            audit.record(
                session,
                actor,
                "pick.unassign",
                target_type="pick_batch",
                target_id=batch.id,
                before={"picker": batch.picker},
                reason=reason or None,
            )
            batch.status, batch.picker, batch.picker_id = PickBatchStatus.READY, None, None
            batch.station, batch.claimed_at = None, None
            return self._view(session, batch, f"Cart {batch.id} is free for the next picker.")

    # -- inside ------------------------------------------------------------------------------

    @staticmethod
    def _get(session: Session, batch_id: int) -> PickBatch:
        batch = session.get(PickBatch, batch_id)
        if batch is None:
            raise NotFound(f"There is no cart (pick batch) {batch_id}.")
        return batch

    def _mine(
        self, session: Session, actor: Actor, batch_id: int, *, paused_ok: bool = False
    ) -> PickBatch:
        batch = session.scalar(select(PickBatch).where(PickBatch.id == batch_id).with_for_update())
        if batch is None:
            raise NotFound(f"There is no cart (pick batch) {batch_id}.")
        if batch.status == PickBatchStatus.DONE:
            raise NotYours(f"Cart {batch_id} is picked already.")
        if not _held_by(batch, actor) or batch.status not in (
            PickBatchStatus.PICKING,
            PickBatchStatus.PAUSED,
        ):
            who = f"{batch.picker} holds it" if batch.picker else "claim it first"
            raise NotYours(f"Cart {batch_id} is not yours: {who}.")
        if batch.status == PickBatchStatus.PAUSED and not paused_ok:
            batch.status = PickBatchStatus.PICKING  # any step on a paused cart resumes it
        return batch

    @staticmethod
    def _open_task(session: Session, batch: PickBatch, task_id: int) -> PickTask:
        task = session.get(PickTask, task_id)
        if task is None or task.batch_id != batch.id or task.status != PickTaskStatus.OPEN:
            raise NotFound(f"Pick {task_id} is not open on cart {batch.id}.")
        return task

    @staticmethod
    def _member(session: Session, batch_id: int, order_id: int) -> PickBatchOrder:
        member = session.scalar(
            select(PickBatchOrder).where(
                PickBatchOrder.batch_id == batch_id, PickBatchOrder.order_id == order_id
            )
        )
        assert member is not None
        return member

    @staticmethod
    def _current(session: Session, batch: PickBatch) -> PickTask | None:
        return session.scalar(
            select(PickTask)
            .where(PickTask.batch_id == batch.id, PickTask.status == PickTaskStatus.OPEN)
            .order_by(PickTask.sequence, PickTask.id)
            .limit(1)
        )

    def _check_location(self, session: Session, task: PickTask, raw: str) -> None:
        code = session.scalar(select(Location.code).where(Location.id == task.location_id))
        check_location(self._interpreter.interpret(raw).data or raw, code or "")

    def _check_item(self, session: Session, task: PickTask, raw: str) -> None:
        result = self._interpreter.interpret(raw)
        if result.kind == "error":
            raise WrongItem(result.error or "That scan could not be read: scan it again.")
        codes = [c for c in (result.gtin, *result.alternatives, result.value, result.data) if c]
        product = session.scalar(
            select(ProductBarcode.product_id).where(ProductBarcode.code.in_(codes)).limit(1)
        ) or session.scalar(select(Product.id).where(Product.sku.in_(codes)).limit(1))
        if product == task.product_id:
            return
        wanted = session.get(Product, task.product_id)
        assert wanted is not None
        if product is None:
            raise WrongItem(
                f"Unknown item {result.data or raw}: pick {wanted.name} ({wanted.sku})."
            )
        other = session.get(Product, product)
        raise WrongItem(
            f"Wrong item: that is {other.name if other else '?'}; pick {wanted.name} "
            f"({wanted.sku})."
        )

    @staticmethod
    def _move(session: Session, task: PickTask, count: int) -> None:
        """Stock at the location and the line's picked count, for a pick or a put-back."""
        sign = 1 if task.kind == "pick" else -1
        session.execute(
            update(Stock)
            .where(Stock.product_id == task.product_id, Stock.location_id == task.location_id)
            .values(
                quantity=case(
                    (Stock.quantity >= sign * count, Stock.quantity - sign * count), else_=0
                )
            )
        )
        session.execute(
            update(OrderLine)
            .where(OrderLine.id == task.order_line_id)
            .values(quantity_picked=OrderLine.quantity_picked + sign * count)
        )

    def _after_task(self, session: Session, batch: PickBatch, task: PickTask) -> str:
        """The order picked when its last pick anywhere is made; the batch done with its
        last task. Returns what to tell the picker."""
        parts = []
        if task.kind == "pick" and task.status != PickTaskStatus.OPEN:
            open_left = session.scalar(
                select(func.count())
                .select_from(PickTask)
                .where(
                    PickTask.order_id == task.order_id,
                    PickTask.kind == "pick",
                    PickTask.status == PickTaskStatus.OPEN,
                )
            )
            member = self._member(session, batch.id, task.order_id)
            if not open_left and member.status == PickOrderStatus.ACTIVE:
                session.execute(
                    update(Order)
                    .where(Order.id == task.order_id, Order.status == OrderStatus.PICKING)
                    .values(status=OrderStatus.PICKED)
                )
        if self._current(session, batch) is None:
            batch.status, batch.finished_at = PickBatchStatus.DONE, utcnow()
            parts.append("Cart complete: take it to packing.")
            aside = session.scalars(
                select(PickBatchOrder.slot).where(
                    PickBatchOrder.batch_id == batch.id,
                    PickBatchOrder.status != PickOrderStatus.ACTIVE,
                )
            ).all()
            if aside:
                parts.append(
                    "Totes " + ", ".join(map(str, sorted(aside))) + " go to the supervisor."
                )
        return " ".join(parts)

    def _store_changes(self, session: Session, batch: PickBatch) -> list[str]:
        """Store changes to the cart's orders not yet told: cancelled or held orders are
        withdrawn (their picked items go back), edits are told."""
        notices: list[str] = []
        members = session.scalars(
            select(PickBatchOrder).where(PickBatchOrder.batch_id == batch.id)
        ).all()
        for member in members:
            if member.notice:  # taken off the cart by a supervisor
                notices.append(member.notice)
                member.notice = None
        by_order = {m.order_id: m for m in members if m.status != PickOrderStatus.WITHDRAWN}
        if not by_order:
            return notices
        changes = session.execute(
            select(OrderChange.id, OrderChange.order_id, OrderChange.kind, OrderChange.detail)
            .where(OrderChange.order_id.in_(list(by_order)), OrderChange.resolved_at.is_(None))
            .order_by(OrderChange.id)
        ).all()
        statuses = dict(
            session.execute(
                select(Order.id, Order.status).where(Order.id.in_(list(by_order)))
            ).all()
        )
        withdraw: dict[int, str] = {}
        for change_id, order_id, kind, detail in changes:
            member = by_order[order_id]
            if member.seen_change_id is not None and change_id <= member.seen_change_id:
                continue
            member.seen_change_id = change_id
            if kind in ("cancelled", "on_hold"):
                withdraw[order_id] = detail
            else:
                notices.append(
                    f"{detail} Keep picking it as listed: packing holds it until a "
                    "supervisor decides."
                )
        for order_id, status in statuses.items():
            if status not in ON_A_CART and order_id not in withdraw:
                number = session.scalar(select(Order.number).where(Order.id == order_id))
                withdraw[order_id] = f"Order {number} was changed ({status.value})."
        for order_id, detail in withdraw.items():
            notices.append(take_off_cart(session, by_order[order_id], detail))
            by_order[order_id].notice = None  # told now
        return notices

    def _view(
        self,
        session: Session,
        batch: PickBatch,
        message: str,
        notices: list[str] | None = None,
    ) -> BatchView:
        checked, notices = notices is not None, list(notices or [])
        if batch.status in (PickBatchStatus.PICKING, PickBatchStatus.PAUSED):
            if not checked:  # a step that looked for store changes already passes its notices
                notices += self._store_changes(session, batch)
            if self._current(session, batch) is None and batch.status != PickBatchStatus.DONE:
                # everything left was withdrawn: the cart is done
                batch.status, batch.finished_at = PickBatchStatus.DONE, utcnow()
                message = (message + " Cart complete: take it to packing.").strip()
        counts = dict(
            session.execute(
                select(PickTask.status, func.count())
                .where(PickTask.batch_id == batch.id)
                .group_by(PickTask.status)
            ).all()
        )
        total = sum(n for s, n in counts.items() if s != PickTaskStatus.CANCELLED)
        left = counts.get(PickTaskStatus.OPEN, 0)
        current = None
        task = self._current(session, batch)
        if task is not None:
            place = session.get(Location, task.location_id)
            product = session.get(Product, task.product_id)
            order = session.get(Order, task.order_id)
            assert place is not None and product is not None and order is not None
            row = (place.code, product.sku, product.name, order.number)
            current = TaskView(
                task_id=task.id,
                kind=task.kind,
                location=row[0],
                sku=row[1],
                name=row[2],
                quantity=task.quantity - task.quantity_done,
                slot=task.slot,
                order_number=row[3],
                position=total - left + 1,
            )
        totes = [
            ToteView(slot, number, status.value)
            for slot, number, status in session.execute(
                select(PickBatchOrder.slot, Order.number, PickBatchOrder.status)
                .join(Order, Order.id == PickBatchOrder.order_id)
                .where(PickBatchOrder.batch_id == batch.id)
                .order_by(PickBatchOrder.slot)
            )
        ]
        return BatchView(
            batch_id=batch.id,
            status=batch.status.value,
            zone=batch.zone,
            picker=batch.picker,
            total=total,
            left=left,
            current=current,
            totes=totes,
            notices=notices,
            message=message,
        )


def _holder_is(actor: Actor) -> Any:
    if actor.user_id is not None:
        return PickBatch.picker_id == actor.user_id
    return (PickBatch.picker == actor.label) & PickBatch.picker_id.is_(None)


def _held_by(batch: PickBatch, actor: Actor) -> bool:
    if actor.user_id is not None:
        return batch.picker_id == actor.user_id
    return batch.picker_id is None and batch.picker == actor.label
