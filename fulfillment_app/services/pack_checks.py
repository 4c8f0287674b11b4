"""The questions the packing service asks the database before a step counts: may this order
be packed, has the store changed it, is an unknown code a product of another order."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..db.models import Order, OrderChange, OrderStatus, PackSession, Product, ProductBarcode
from ..packing.verify import Decision, Outcome
from ..scanning import ScanResult
from .pack_types import OrderNotPackable

_CHANGES = OrderChange.__table__
#: The latest unresolved store change of an order; built once, asked at every scan.
_OPEN_CHANGE = (
    select(_CHANGES.c.detail)
    .where(_CHANGES.c.order_id == bindparam("order_id"), _CHANGES.c.resolved_at.is_(None))
    .order_by(_CHANGES.c.id.desc())
    .limit(1)
)


def store_change(session: Session, order_id: int) -> str | None:
    """The interrupt for this order, if the store changed it while we work on it."""
    detail = session.connection().scalar(_OPEN_CHANGE, {"order_id": order_id})
    if detail is None:
        return None
    return f"{detail} Stop packing it and put the items aside; a supervisor decides."


def check_packable(order: Order) -> None:
    reasons = {
        OrderStatus.CANCELLED: "was cancelled in the store: do not ship it",
        OrderStatus.ON_HOLD: "is on hold in the store: put it aside",
        OrderStatus.PACKED: "is packed already",
        OrderStatus.SHIPPED: "has shipped already",
        OrderStatus.EXCEPTION: "waits for a supervisor in the exceptions",
    }
    if order.status in reasons:
        raise OrderNotPackable(f"Order {order.number} {reasons[order.status]}.")


def held(other: PackSession, number: str) -> str:
    since = other.started_at.astimezone().strftime("%H:%M")
    return (
        f"Order {number} is being packed at station {other.station} by "
        f"{other.user_name} since {since}."
    )


def known_elsewhere(session: Session, result: ScanResult, decision: Decision) -> Decision:
    """An unknown code that is a product of the catalogue is a wrong item, by name."""
    codes = [c for c in (result.gtin, *result.alternatives, result.value) if c]
    if not codes:
        return decision
    name = session.scalar(
        select(Product.name).join(ProductBarcode).where(ProductBarcode.code.in_(codes))
    ) or session.scalar(select(Product.name).where(Product.sku.in_(codes)))
    if name is None:
        return decision
    return Decision(
        Outcome.WRONG_ITEM, f"Wrong item: {name} is not in this order. Take it out of the box."
    )
