"""Returns the stores opened (Shopify returns) into RMAs, idempotently, and the RMA numbers.

- A return the store opened becomes an RMA of source ``store`` with the store's return id as
  ``external_id`` (unique per store), its lines matched to our order lines by the order line's
  external id; an RMA exists once however often the order comes in again.
- Requested or open in the store: the RMA is OPEN (expected at the returns station). Closed,
  declined or cancelled in the store before the parcel reached us: CANCELLED. Once the parcel
  is at the station (receiving, completed, ...) the store's state no longer changes ours: the
  station's grading is what the store hears back.
- The lines follow the store's until the parcel arrives.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.models import (
    Counter,
    Order,
    OrderLine,
    Product,
    ReturnAuthorization,
    ReturnLine,
    ReturnStatus,
)
from .records import OrderData, ReturnData

RMA_COUNTER = "rma"
#: The store's return states that mean "expected back".
OPEN_STATES = frozenset({"requested", "open"})
#: RMAs whose lines and state still follow the store.
_FOLLOWS_STORE = (ReturnStatus.OPEN, ReturnStatus.CANCELLED)


def rma_number(session: Session) -> str:
    """The next RMA number (``RMA-000001``), taken in the caller's transaction: two stations
    never get the same one (the counter row is locked until the transaction ends)."""
    counter = session.scalars(
        select(Counter).where(Counter.name == RMA_COUNTER).with_for_update()
    ).one_or_none()
    if counter is None:
        counter = Counter(name=RMA_COUNTER, value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return f"RMA-{counter.value:06d}"


def apply_returns(session: Session, store_id: int, orders: list[OrderData]) -> int:
    """Create or update the RMAs of the returns these orders carry; returns how many RMAs
    were created or changed."""
    with_returns = [d for d in orders if d.returns]
    if not with_returns:
        return 0
    by_external = {
        o.external_id: o
        for o in session.scalars(
            select(Order)
            .where(
                Order.store_id == store_id,
                Order.external_id.in_([d.external_id for d in with_returns]),
            )
            .options(selectinload(Order.lines))
        )
    }
    return_ids = [r.external_id for d in with_returns for r in d.returns if r.external_id]
    existing = {
        r.external_id: r
        for r in session.scalars(
            select(ReturnAuthorization)
            .where(
                ReturnAuthorization.store_id == store_id,
                ReturnAuthorization.external_id.in_(return_ids),
            )
            .options(selectinload(ReturnAuthorization.lines))
        )
    }
    changed = 0
    for data in with_returns:
        order = by_external.get(data.external_id)
        if order is None:
            continue
        for ret in data.returns:
            if not ret.external_id:
                continue
            rma = existing.get(ret.external_id)
            if rma is None:
                if ret.status.lower() not in OPEN_STATES:
                    continue  # closed before we ever heard of it: nothing to expect
                rma = ReturnAuthorization(
                    number=rma_number(session),
                    order_id=order.id,
                    store_id=store_id,
                    external_id=ret.external_id[:100],
                    status=ReturnStatus.OPEN,
                    source="store",
                    opened_by="store",
                )
                session.add(rma)
                existing[ret.external_id] = rma
                _set_lines(session, rma, order, ret)
                changed += 1
                continue
            if rma.status not in _FOLLOWS_STORE:
                continue
            status = (
                ReturnStatus.OPEN if ret.status.lower() in OPEN_STATES else (ReturnStatus.CANCELLED)
            )
            lines_changed = _set_lines(session, rma, order, ret)
            if status != rma.status or lines_changed:
                rma.status = status
                changed += 1
    session.flush()
    return changed


def _set_lines(session: Session, rma: ReturnAuthorization, order: Order, ret: ReturnData) -> bool:
    """The RMA's lines as the store's return has them; True when something changed."""
    by_line = {line.external_id: line for line in order.lines if line.external_id}
    wanted: dict[str, tuple[OrderLine | None, str, int, str, str]] = {}
    for item in ret.lines:
        if not item.external_id or item.quantity <= 0:
            continue
        line = by_line.get(item.line_external_id)
        sku = line.sku if line is not None else item.sku
        wanted[item.external_id] = (line, sku, item.quantity, item.reason, item.note)
    current = {line.external_id: line for line in rma.lines}
    changed = False
    for external_id, (order_line, sku, quantity, reason, note) in wanted.items():
        row = current.pop(external_id, None)
        values = (
            order_line.id if order_line is not None else None,
            sku[:100],
            quantity,
            (reason or "UNKNOWN")[:40],
            note,
        )
        if (
            row is not None
            and (
                row.order_line_id,
                row.sku,
                row.expected,
                row.reason,
                row.reason_note,
            )
            == values
        ):
            continue
        if row is None:
            row = ReturnLine(external_id=external_id[:100], sku="")
            rma.lines.append(row)
        row.order_line_id, row.sku, row.expected, row.reason, row.reason_note = values
        if order_line is not None:
            row.product_id, row.name = order_line.product_id, order_line.name
        else:
            product = session.scalar(select(Product).where(Product.sku == row.sku))
            row.product_id = product.id if product else None
            row.name = product.name if product else row.sku
        changed = True
    for gone in current.values():
        rma.lines.remove(gone)
        changed = True
    return changed
