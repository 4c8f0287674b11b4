"""Finding orders by the number people see and scan."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Order, Store
from ..errors import InvalidInput, NotFound

#: The unambiguous reference of an order, ``ID-<order id>``: what the packing slip's barcode
#: carries (``ORD:ID-42``), since two stores may use the same order numbers. Letters, digits
#: and a hyphen only, so that a keyboard-wedge scanner types it the same on any layout.
_ORDER_ID = re.compile(r"^ID-(\d{1,18})$", re.IGNORECASE)


def order_ref(order_id: int) -> str:
    """The reference :func:`find_order` resolves to exactly this order."""
    return f"ID-{order_id}"


def is_order_ref(text: str) -> bool:
    return _ORDER_ID.match(text.strip()) is not None


def slip_code(order_id: int) -> str:
    """The packing slip's barcode for an order (the scan that starts packing it)."""
    return f"ORD:{order_ref(order_id)}"


def store_names(session: Session, store_ids: set[int]) -> dict[int, str]:
    if not store_ids:
        return {}
    return dict(session.execute(select(Store.id, Store.name).where(Store.id.in_(store_ids))).all())


def find_order(session: Session, number: str) -> Order:
    """The order with this number (``1001`` and ``#1001`` both find ``#1001``), or a clear
    error when there is none or the number is in more than one store. ``STORE/NUMBER``
    (``web/1001``) names the store when two stores use the same numbers; ``ID-<order id>``
    (see :func:`order_ref`) names one order whatever its store."""
    wanted = number.strip()
    by_id = _ORDER_ID.match(wanted)
    if by_id:
        order = session.get(Order, int(by_id.group(1)))
        if order is None:
            raise NotFound(f"There is no order {wanted}: scan the packing slip again.")
        return order
    store_name = None
    if "/" in wanted:
        store_name, wanted = (part.strip() for part in wanted.rsplit("/", 1))
    candidates = {wanted, wanted.lstrip("#"), "#" + wanted.lstrip("#")}
    query = (
        select(Order, Store.name)
        .outerjoin(Store, Store.id == Order.store_id)
        .where(Order.number.in_(candidates))
    )
    if store_name:
        query = query.where(Store.name == store_name)
    found = session.execute(query).all()
    if not found:
        where = f" in store {store_name}" if store_name else ""
        raise NotFound(f"There is no order {wanted}{where}.")
    if len(found) > 1:
        stores = sorted({name or "no store" for _, name in found})
        raise InvalidInput(
            f"Order number {wanted} is in more than one store ({', '.join(stores)}): "
            f"give the store too, e.g. {stores[0]}/{wanted}."
        )
    return found[0][0]
