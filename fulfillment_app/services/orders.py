"""Finding orders by the number people see and scan."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Order, Store
from ..errors import InvalidInput, NotFound


def find_order(session: Session, number: str) -> Order:
    """The order with this number (``1001`` and ``#1001`` both find ``#1001``), or a clear
    error when there is none or the number is in more than one store. ``STORE/NUMBER``
    (``web/1001``) names the store when two stores use the same numbers."""
    wanted = number.strip()
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
