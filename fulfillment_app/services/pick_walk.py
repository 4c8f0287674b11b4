"""Walking a cart, step by step: the current pick, checking what was scanned at it, moving the
stock, finishing orders and the cart, telling the picker of store changes, and the cart as the
picker's screen shows it. Used by :class:`~.picking.PickingService` inside its transactions."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

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
from ..scanning import Interpreter
from .permissions import Actor
from .pick_carts import ON_A_CART, take_off_cart
from .pick_types import BatchView, TaskView, ToteView, WrongItem, check_location
from .stock_moves import record_move


def member_of(session: Session, batch_id: int, order_id: int) -> PickBatchOrder:
    member = session.scalar(
        select(PickBatchOrder).where(
            PickBatchOrder.batch_id == batch_id, PickBatchOrder.order_id == order_id
        )
    )
    assert member is not None
    return member


def current_task(session: Session, batch: PickBatch) -> PickTask | None:
    return session.scalar(
        select(PickTask)
        .where(PickTask.batch_id == batch.id, PickTask.status == PickTaskStatus.OPEN)
        .order_by(PickTask.sequence, PickTask.id)
        .limit(1)
    )


def check_location_scan(
    interpreter: Interpreter, session: Session, task: PickTask, raw: str
) -> None:
    code = session.scalar(select(Location.code).where(Location.id == task.location_id))
    check_location(interpreter.interpret(raw).data or raw, code or "")


def check_item(interpreter: Interpreter, session: Session, task: PickTask, raw: str) -> None:
    result = interpreter.interpret(raw)
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
        raise WrongItem(f"Unknown item {result.data or raw}: pick {wanted.name} ({wanted.sku}).")
    other = session.get(Product, product)
    raise WrongItem(
        f"Wrong item: that is {other.name if other else '?'}; pick {wanted.name} ({wanted.sku})."
    )


def move(session: Session, task: PickTask, count: int, actor: Actor | None = None) -> None:
    """Stock at the location (a ``pick`` or ``put-back`` move, with who and the order) and
    the line's picked count, for a pick or a put-back."""
    sign = 1 if task.kind == "pick" else -1
    record_move(
        session,
        task.product_id,
        task.location_id,
        -sign * count,
        "pick" if task.kind == "pick" else "put-back",
        actor=actor,
        reference=_order_number(session, task.order_id),
    )
    session.execute(
        update(OrderLine)
        .where(OrderLine.id == task.order_line_id)
        .values(quantity_picked=OrderLine.quantity_picked + sign * count)
    )


def found_short(session: Session, task: PickTask, actor: Actor, reason: str) -> None:
    """A short pick took all the location had: what is left in our figures there was never
    on the shelf, so it goes (a ``short`` move), and the stores see the truth."""
    left = session.scalar(
        select(Stock.quantity).where(
            Stock.product_id == task.product_id, Stock.location_id == task.location_id
        )
    )
    if left:
        record_move(
            session,
            task.product_id,
            task.location_id,
            -left,
            "short",
            actor=actor,
            reason=reason,
            reference=_order_number(session, task.order_id),
        )


def _order_number(session: Session, order_id: int) -> str | None:
    return session.scalar(select(Order.number).where(Order.id == order_id))


def after_task(session: Session, batch: PickBatch, task: PickTask) -> str:
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
        member = member_of(session, batch.id, task.order_id)
        if not open_left and member.status == PickOrderStatus.ACTIVE:
            session.execute(
                update(Order)
                .where(Order.id == task.order_id, Order.status == OrderStatus.PICKING)
                .values(status=OrderStatus.PICKED)
            )
    if current_task(session, batch) is None:
        batch.status, batch.finished_at = PickBatchStatus.DONE, utcnow()
        parts.append("Cart complete: take it to packing.")
        aside = session.scalars(
            select(PickBatchOrder.slot).where(
                PickBatchOrder.batch_id == batch.id,
                PickBatchOrder.status != PickOrderStatus.ACTIVE,
            )
        ).all()
        if aside:
            parts.append("Totes " + ", ".join(map(str, sorted(aside))) + " go to the supervisor.")
    return " ".join(parts)


def store_changes(session: Session, batch: PickBatch) -> list[str]:
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
        session.execute(select(Order.id, Order.status).where(Order.id.in_(list(by_order)))).all()
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
                f"{detail} Keep picking it as listed: packing holds it until a supervisor decides."
            )
    for order_id, status in statuses.items():
        if status not in ON_A_CART and order_id not in withdraw:
            number = session.scalar(select(Order.number).where(Order.id == order_id))
            withdraw[order_id] = f"Order {number} was changed ({status.value})."
    for order_id, detail in withdraw.items():
        notices.append(take_off_cart(session, by_order[order_id], detail))
        by_order[order_id].notice = None  # told now
    return notices


def batch_view(
    session: Session,
    batch: PickBatch,
    message: str,
    notices: list[str] | None = None,
) -> BatchView:
    checked, notices = notices is not None, list(notices or [])
    if batch.status in (PickBatchStatus.PICKING, PickBatchStatus.PAUSED):
        if not checked:  # a step that looked for store changes already passes its notices
            notices += store_changes(session, batch)
        if current_task(session, batch) is None and batch.status != PickBatchStatus.DONE:
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
    task = current_task(session, batch)
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
            image_url=product.image_url,
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
