"""The picker's use cases: claim the next cart, walk its picks in order, confirm each
(location, item, quantity, tote), short pick, skip, pause, resume, hand the cart back.

Each call is one transaction. A claim takes the most urgent ready batch with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL (pickers never wait on each other and never get the
same cart); SQLite serialises writers (``BEGIN IMMEDIATE``), which gives the same guarantee.

Claims and the cart are here; walking it step by step (checks, stock moves, store changes,
the screen's view of the cart) is in :mod:`.pick_walk`.

Store changes are looked for at every step: an order cancelled or put on hold in the store is
withdrawn from the cart (its picks not yet made are dropped and what was already picked for it
gets a return-to-stock task), and the picker is told once, in a sentence. Nothing changes
silently.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db import Database
from ..db.models import (
    Order,
    OrderStatus,
    PickBatch,
    PickBatchStatus,
    PickOrderStatus,
    PickTask,
    PickTaskStatus,
    Product,
    ScanEvent,
    utcnow,
)
from ..errors import InvalidInput, NotFound
from ..scanning import Interpreter
from . import audit
from .orders import find_order
from .pack_lines import order_totes
from .permissions import Actor, Permission
from .pick_carts import last_sequence
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
    check_tote,
)
from .pick_walk import (
    after_task,
    batch_view,
    check_item,
    check_location_scan,
    current_task,
    found_short,
    member_of,
    move,
    store_changes,
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
                return batch_view(session, held, "Your cart: carry on where you left off.")
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
            return batch_view(session, batch, f"Cart {batch.id} is yours.")

    def view(self, actor: Actor, batch_id: int) -> BatchView:
        actor.require(Permission.PICK)
        with self._db.session() as session:
            return batch_view(session, self._get(session, batch_id), "")

    def totes(self, actor: Actor, number: str) -> list[TotePart]:
        """The carts and totes holding an order's parts (one a zone when picked by zone)."""
        if not (actor.can(Permission.PACK) or actor.can(Permission.PICK)):
            actor.require(Permission.PACK)
        with self._db.read() as session:
            order = find_order(session, number)
            return order_totes(session, order.id)

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
            notices = store_changes(session, batch)
            task = current_task(session, batch)
            if task is None or task.id != task_id:
                return batch_view(
                    session, batch, "That pick is no longer the current one: see the next.",
                    notices,
                )  # fmt: skip
            check_location_scan(self._interpreter, session, task, location)
            check_item(self._interpreter, session, task, item)
            check_tote(tote, task.slot)
            left = task.quantity - task.quantity_done
            count = left if quantity is None else quantity
            if not 1 <= count <= left:
                raise WrongQuantity(
                    f"Quantity {count} does not fit: {left} "
                    f"{'to pick' if task.kind == 'pick' else 'to put back'} here."
                )
            move(session, task, count, actor)
            # The three scans of the pick, for the pick accuracy of the figures.
            session.add_all(
                ScanEvent(
                    user_id=actor.user_id, context="pick", raw=raw[:2000], kind=kind,
                    outcome="accepted", order_id=task.order_id,
                    quantity=count if kind == "item" else None,
                )
                for kind, raw in (("location", location), ("item", item), ("tote", tote))
            )  # fmt: skip
            task.quantity_done += count
            if task.quantity_done == task.quantity:
                task.status = PickTaskStatus.DONE
            task.done_by, task.done_at = actor.label, utcnow()
            session.flush()
            message = after_task(session, batch, task)
            return batch_view(session, batch, message, notices)

    def record_wrong_scan(self, actor: Actor, batch_id: int, raw: str, error: WrongScan) -> None:
        """Keep a wrong pick scan (location, item, tote or quantity) for the pick accuracy of
        the figures: the pick itself records nothing until its scans are right."""
        actor.require(Permission.PICK)
        outcome = {
            WrongItem: "wrong item",
            WrongLocation: "wrong location",
            WrongTote: "wrong tote",
            WrongQuantity: "wrong quantity",
        }.get(type(error), "wrong item")
        with self._db.write() as session:
            batch = self._mine(session, actor, batch_id)
            task = current_task(session, batch)
            session.add(
                ScanEvent(
                    user_id=actor.user_id, context="pick", raw=(raw or "")[:2000],
                    kind=outcome.removeprefix("wrong "), outcome=outcome,
                    order_id=task.order_id if task is not None else None,
                )
            )  # fmt: skip

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
            notices = store_changes(session, batch)
            task = self._open_task(session, batch, task_id)
            if task.kind != "pick":
                raise InvalidInput("A put-back cannot be short: put back what you hold.")
            left = task.quantity - task.quantity_done
            if not 0 <= found < left:
                raise InvalidInput(f"Found {found}: a short pick finds 0 to {left - 1}.")
            if found:
                move(session, task, found, actor)
                task.quantity_done += found
            found_short(session, task, actor, reason)
            task.status, task.reason = PickTaskStatus.SHORT, reason
            task.done_by, task.done_at = actor.label, utcnow()
            member = member_of(session, batch.id, task.order_id)
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
            ) + after_task(session, batch, task)
            return batch_view(session, batch, message.strip(), notices)

    def skip(self, actor: Actor, batch_id: int, task_id: int) -> BatchView:
        """Move the task behind the last one (e.g. the aisle is blocked)."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            notices = store_changes(session, batch)
            task = self._open_task(session, batch, task_id)
            task.sequence, task.skips = last_sequence(session, batch.id) + 1, task.skips + 1
            session.flush()
            return batch_view(session, batch, "Skipped: it comes again at the end.", notices)

    # -- the cart ----------------------------------------------------------------------------

    def pause(self, actor: Actor, batch_id: int) -> BatchView:
        """The picker steps away; the cart stays theirs."""
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id)
            batch.status = PickBatchStatus.PAUSED
            return batch_view(session, batch, "Paused: the cart stays yours.")

    def resume(self, actor: Actor, batch_id: int) -> BatchView:
        actor.require(Permission.PICK)
        with self._db.session() as session:
            batch = self._mine(session, actor, batch_id, paused_ok=True)
            batch.status = PickBatchStatus.PICKING
            return batch_view(session, batch, "Resumed.")

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
            return batch_view(session, batch, f"Cart {batch.id} is free for the next picker.")

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


def _holder_is(actor: Actor) -> Any:
    if actor.user_id is not None:
        return PickBatch.picker_id == actor.user_id
    return (PickBatch.picker == actor.label) & PickBatch.picker_id.is_(None)


def _held_by(batch: PickBatch, actor: Actor) -> bool:
    if actor.user_id is not None:
        return batch.picker_id == actor.user_id
    return batch.picker_id is None and batch.picker == actor.label
