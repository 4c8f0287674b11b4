"""Which order a scan at the start of packing means, and which order is next.

- The packing slip's ``ORD:ID-<order id>`` names one order whatever its store; the older
  ``ORD:<number>`` (and a typed number, ``#1001`` or ``STORE/NUMBER``) still works when the
  number is in one store only, and otherwise says which stores have it.
- A cart code (``CART-<batch id>``) means the cart's first order, by tote slot, that is not
  packed yet; the station remembers the cart, so the totes scanned next are looked up on it.
- A tote code (``TOTE-<slot>``) means the order in that slot of the cart the station took
  last, else of the one picked cart that has an order waiting in that slot.

**Next order** (:func:`next_orders`): the oldest order (by arrival) whose picking is complete
(every cart it rides on is done), not packed, not sent to the exceptions, not held by another
station, with no store change waiting for a supervisor. In a warehouse that does not pick in
carts (no pick batch has ever been planned, as in the demo shop), it is the oldest open order
instead, with the same conditions.
"""

from __future__ import annotations

import re

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from ..db.models import (
    Order,
    OrderChange,
    OrderStatus,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickOrderStatus,
)
from ..errors import InvalidInput, NotFound

#: Orders a packer may still start from a cart: picked (or being packed, to resume).
_ON_CART_PACKABLE = (OrderStatus.PICKING, OrderStatus.PICKED, OrderStatus.PACKING)


def _number(code: str) -> int | None:
    digits = re.search(r"(\d+)\s*$", code)
    return int(digits.group(1)) if digits else None


def _waiting_members(session: Session, station: str):
    """Members of carts whose order may be packed here now (joined with the order)."""
    held_elsewhere = exists().where(
        PackSession.order_id == PickBatchOrder.order_id,
        PackSession.status == PackSessionStatus.OPEN,
        PackSession.station != station,
    )
    return (
        select(PickBatchOrder.batch_id, PickBatchOrder.slot, PickBatchOrder.order_id)
        .join(Order, Order.id == PickBatchOrder.order_id)
        .join(PickBatch, PickBatch.id == PickBatchOrder.batch_id)
        .where(
            PickBatchOrder.status == PickOrderStatus.ACTIVE,
            PickBatch.status == PickBatchStatus.DONE,
            Order.status.in_(_ON_CART_PACKABLE),
            ~held_elsewhere,
        )
    )


def order_on_cart(session: Session, batch_id: int, station: str) -> int:
    """The cart's first order (by slot) waiting to be packed."""
    batch = session.get(PickBatch, batch_id)
    if batch is None:
        raise NotFound(f"There is no cart {batch_id}: scan the cart's code again.")
    if batch.status != PickBatchStatus.DONE:
        who = f" by {batch.picker}" if batch.picker else ""
        raise InvalidInput(
            f"Cart {batch_id} is not picked yet ({batch.status.value}{who}): pack it when "
            "the picker hands it in."
        )
    found = session.execute(
        _waiting_members(session, station)
        .where(PickBatchOrder.batch_id == batch_id)
        .order_by(PickBatchOrder.slot)
        .limit(1)
    ).first()
    if found is None:
        raise InvalidInput(f"Every order on cart {batch_id} is packed: take the next cart.")
    return int(found.order_id)


def order_in_tote(session: Session, code: str, cart: int | None, station: str) -> tuple[int, int]:
    """The order in the tote (slot) ``code`` names, and its cart: on ``cart`` (the one this
    station took last) when it has that slot waiting, else on the one picked cart that has."""
    slot = _number(code)
    if slot is None:
        raise InvalidInput(f"{code} is not a tote code: scan the tote's label.")
    query = _waiting_members(session, station).where(PickBatchOrder.slot == slot)
    if cart is not None:
        here = session.execute(query.where(PickBatchOrder.batch_id == cart)).first()
        if here is not None:
            return int(here.order_id), cart
    rows = session.execute(query.order_by(PickBatchOrder.batch_id).limit(5)).all()
    if not rows:
        raise NotFound(f"No picked cart has an order waiting in tote {slot}.")
    if len({row.batch_id for row in rows}) > 1:
        carts = ", ".join(str(row.batch_id) for row in rows)
        raise InvalidInput(f"Tote {slot} is on several carts ({carts}): scan the cart first.")
    return int(rows[0].order_id), int(rows[0].batch_id)


def cart_of(code: str) -> int:
    batch = _number(code)
    if batch is None:
        raise InvalidInput(f"{code} is not a cart code: scan the cart's label.")
    return batch


def next_orders(session: Session, station: str, limit: int = 10) -> list[int]:
    """Candidates for "next order", best first (see the module's rule)."""
    no_change = ~exists().where(OrderChange.order_id == Order.id, OrderChange.resolved_at.is_(None))
    not_held = ~exists().where(
        PackSession.order_id == Order.id, PackSession.status == PackSessionStatus.OPEN
    )
    member = exists().where(
        PickBatchOrder.order_id == Order.id, PickBatchOrder.status == PickOrderStatus.ACTIVE
    )
    unfinished_cart = exists().where(
        and_(
            PickBatchOrder.order_id == Order.id,
            PickBatchOrder.status != PickOrderStatus.WITHDRAWN,
            PickBatch.id == PickBatchOrder.batch_id,
            PickBatch.status.not_in((PickBatchStatus.DONE, PickBatchStatus.CANCELLED)),
        )
    )
    picked = list(
        session.scalars(
            select(Order.id)
            .where(
                Order.status.in_((OrderStatus.PICKING, OrderStatus.PICKED)),
                member,
                ~unfinished_cart,
                no_change,
                not_held,
            )
            .order_by(Order.created_at, Order.id)
            .limit(limit)
        )
    )
    if picked or session.scalar(select(PickBatch.id).limit(1)) is not None:
        return picked
    return list(
        session.scalars(
            select(Order.id)
            .where(Order.status == OrderStatus.OPEN, no_change, not_held)
            .order_by(Order.created_at, Order.id)
            .limit(limit)
        )
    )
