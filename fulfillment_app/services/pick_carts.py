"""Taking an order off the carts it rides on (cancelled or held in the store, or a store change
applied by a supervisor): its open picks are dropped and what was picked gets put-back tasks.
Called by the picking service at the picker's next step and by the sync review."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import (
    OrderStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickOrderStatus,
    PickTask,
    PickTaskStatus,
)

#: Where an order on a cart may stand; anything else (cancelled, on hold, open again after a
#: supervisor applied a store change) takes it off the cart.
ON_A_CART = (OrderStatus.PICKING, OrderStatus.PICKED, OrderStatus.EXCEPTION)


def last_sequence(session: Session, batch_id: int) -> int:
    found = session.scalar(select(func.max(PickTask.sequence)).where(PickTask.batch_id == batch_id))
    return found or 0


def take_off_cart(session: Session, member: PickBatchOrder, detail: str) -> str:
    """Withdraw an order from its cart: its open picks are dropped and what was already
    picked for it gets put-back tasks at the end of the route. Returns the sentence for the
    picker, also kept on the member until the picker's next step."""
    member.status = PickOrderStatus.WITHDRAWN
    tasks = session.scalars(
        select(PickTask).where(
            PickTask.batch_id == member.batch_id,
            PickTask.order_id == member.order_id,
            PickTask.kind == "pick",
        )
    ).all()
    last = last_sequence(session, member.batch_id)
    back = 0
    for task in tasks:
        if task.status == PickTaskStatus.OPEN:
            task.status, task.reason = PickTaskStatus.CANCELLED, "order withdrawn"
        if task.quantity_done:
            last += 1
            back += task.quantity_done
            session.add(
                PickTask(
                    batch_id=member.batch_id,
                    sequence=last,
                    kind="return",
                    order_id=task.order_id,
                    order_line_id=task.order_line_id,
                    location_id=task.location_id,
                    product_id=task.product_id,
                    slot=task.slot,
                    quantity=task.quantity_done,
                    quantity_done=0,
                    status=PickTaskStatus.OPEN,
                    skips=0,
                )
            )
    session.flush()
    what = (
        f" Put the {back} item{'s' if back != 1 else ''} in tote {member.slot} back: "
        "the put-backs come after your picks."
        if back
        else f" Tote {member.slot} stays empty."
    )
    member.notice = f"{detail} Stop picking it.{what}"
    return member.notice


def take_off_carts(session: Session, order_id: int, detail: str) -> int:
    """Withdraw an order from every cart still being picked (a supervisor applied a store
    change); the pickers are told at their next step. Returns how many carts."""
    members = session.scalars(
        select(PickBatchOrder)
        .join(PickBatch, PickBatch.id == PickBatchOrder.batch_id)
        .where(
            PickBatchOrder.order_id == order_id,
            PickBatchOrder.status != PickOrderStatus.WITHDRAWN,
            PickBatch.status.in_(
                (PickBatchStatus.READY, PickBatchStatus.PICKING, PickBatchStatus.PAUSED)
            ),
        )
    ).all()
    for member in members:
        take_off_cart(session, member, detail)
    return len(members)


def on_a_cart(session: Session, order_id: int) -> bool:
    """Whether the order is on a cart not yet picked (and not taken off it)."""
    return bool(
        session.scalar(
            select(func.count())
            .select_from(PickBatchOrder)
            .join(PickBatch, PickBatch.id == PickBatchOrder.batch_id)
            .where(
                PickBatchOrder.order_id == order_id,
                PickBatchOrder.status != PickOrderStatus.WITHDRAWN,
                PickBatch.status != PickBatchStatus.CANCELLED,
            )
        )
    )
