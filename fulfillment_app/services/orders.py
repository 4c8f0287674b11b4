"""Finding orders by the number people see and scan."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Order
from ..errors import InvalidInput, NotFound


def find_order(session: Session, number: str) -> Order:
    """The order with this number (``1001`` and ``#1001`` both find ``#1001``), or a clear
    error when there is none or the number is in more than one store."""
    wanted = number.strip()
    candidates = {wanted, wanted.lstrip("#"), "#" + wanted.lstrip("#")}
    orders = session.scalars(select(Order).where(Order.number.in_(candidates))).all()
    if not orders:
        raise NotFound(f"There is no order {wanted}.")
    if len(orders) > 1:
        raise InvalidInput(
            f"Order number {wanted} is in more than one store: scan the packing slip's barcode."
        )
    return orders[0]
