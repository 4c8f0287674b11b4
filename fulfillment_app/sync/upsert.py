"""One page of store orders into the database, idempotently.

- A version we hold already (same or older update stamp) changes nothing: duplicates, pages
  read twice and stale copies are harmless.
- A new order is created with its lines; products are matched by SKU (then barcode), and
  unknown ones are created as placeholders for the admin to complete.
- A change to an order nobody works on yet (open, on hold, cancelled) is applied.
- A change to an order in picking, packing or already packed is *not* applied: it becomes an
  :class:`OrderChange` that interrupts the station holding the order and waits for a
  supervisor. The store's echo of our own fulfillment is recognised and ignored.
- A malformed order is quarantined with its reason and raw payload; a later clean version
  lifts the quarantine.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, selectinload

from .. import gtin
from ..db.models import (
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    PackSession,
    PackSessionStatus,
    Product,
    ProductBarcode,
    QuarantinedOrder,
    utcnow,
)
from .records import LineData, OrderData, Page, ReturnData, ReturnLineData
from .returns_in import apply_returns

#: Our status for a new order, by the store's.
NEW_STATUS = {
    "open": OrderStatus.OPEN,
    "on_hold": OrderStatus.ON_HOLD,
    "cancelled": OrderStatus.CANCELLED,
    "fulfilled": OrderStatus.SHIPPED,  # shipped some other way: no work for us
}
#: Orders nobody has started on: the store's changes apply directly.
NOT_STARTED = {OrderStatus.OPEN, OrderStatus.ON_HOLD, OrderStatus.CANCELLED}


@dataclass
class PageResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    changes: int = 0
    #: RMAs created or changed from the returns the store opened.
    returns: int = 0


def to_json(data: OrderData) -> dict[str, Any]:
    out = asdict(data)
    out["updated_at"] = data.updated_at.isoformat()
    return out


def from_json(payload: dict[str, Any]) -> OrderData:
    values = dict(payload)
    values["updated_at"] = datetime.fromisoformat(values["updated_at"])
    values["lines"] = tuple(LineData(**line) for line in values["lines"])
    values["returns"] = tuple(
        ReturnData(
            external_id=r["external_id"],
            status=r["status"],
            lines=tuple(ReturnLineData(**line) for line in r.get("lines", ())),
        )
        for r in values.get("returns", ())
    )
    return OrderData(**values)


def _code(barcode: str) -> str:
    """A barcode as the catalogue stores it (GTINs in their 14-digit form), or ''."""
    code = barcode.strip()
    if not code or len(code) > 100 or " " in code:
        return ""
    if gtin.is_gtin_shaped(code):
        return gtin.normalise_gtin(code) if gtin.has_valid_check_digit(code) else ""
    return code


def _placeholder_sku(line: LineData) -> str:
    digest = hashlib.sha1(line.name.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"NOSKU-{digest.upper()}"


def products_for(session: Session, orders: list[OrderData]) -> dict[str, int]:
    """Product id by SKU for every line, placeholders created for unknown SKUs."""
    lines = [line for order in orders for line in order.lines]
    by_barcode: dict[str, int] = {}
    codes = {_code(line.barcode) for line in lines} - {""}
    if codes:
        by_barcode = dict(
            session.execute(
                select(ProductBarcode.code, ProductBarcode.product_id).where(
                    ProductBarcode.code.in_(codes)
                )
            ).all()
        )
    skus = {line.sku for line in lines if line.sku}
    found: dict[str, int] = {}
    if skus:
        found = dict(
            session.execute(select(Product.sku, Product.id).where(Product.sku.in_(skus))).all()
        )
    created: dict[str, Product] = {}
    for line in lines:
        code = _code(line.barcode)
        sku = line.sku
        if not sku:
            if code and code in by_barcode:
                continue
            sku = _placeholder_sku(line)
        if sku in found or sku in created:
            continue
        product = Product(sku=sku, name=line.name[:500] or sku, is_placeholder=True)
        if code and code not in by_barcode:
            kind = "gtin" if gtin.is_gtin_shaped(code) else "other"
            product.barcodes.append(ProductBarcode(code=code, kind=kind))
            by_barcode[code] = -1
        created[sku] = product
    if created:
        session.add_all(created.values())
        session.flush()
        found.update({sku: p.id for sku, p in created.items()})
    for line in lines:  # lines without SKU found by barcode
        code = _code(line.barcode)
        if not line.sku and code in by_barcode and by_barcode[code] > 0:
            found[f"barcode:{code}"] = by_barcode[code]
    return found


def _line_sku(line: LineData) -> str:
    return line.sku or _placeholder_sku(line)


def _product_for(products: dict[str, int], line: LineData) -> int | None:
    code = _code(line.barcode)
    return products.get(line.sku or _placeholder_sku(line)) or products.get(f"barcode:{code}")


def apply(order: Order, data: OrderData, products: dict[str, int]) -> None:
    """Make ``order`` what the store says it is (for orders nobody works on)."""
    order.number = data.number
    order.customer_name = data.customer_name[:200] or None
    order.ship_to = data.ship_to
    order.service = data.service[:50] or None
    order.external_updated_at = data.updated_at
    order.store_version = store_version(data)
    status = NEW_STATUS[data.status]
    if order.status in NOT_STARTED or status is OrderStatus.CANCELLED:
        order.status = status
    existing = {line.external_id: line for line in order.lines}
    keep = []
    for item in data.lines:
        line = existing.pop(item.external_id, None)
        if line is None:
            line = OrderLine(external_id=item.external_id, sku="", name="", quantity=0)
            order.lines.append(line)
        line.sku = _line_sku(item)
        line.name = item.name[:500]
        line.quantity = item.quantity
        line.product_id = _product_for(products, item)
        keep.append(line)
    for gone in existing.values():
        order.lines.remove(gone)


def _insert_new(
    session: Session, store_id: int, orders: list[OrderData], products: dict[str, int]
) -> None:
    """New orders and their lines in two bulk inserts (a page of 100 orders in a few
    milliseconds, where the unit of work takes a tenth of a second)."""
    if not orders:
        return
    now = utcnow()
    ids = session.scalars(
        insert(Order).returning(Order.id, sort_by_parameter_order=True),
        [
            {
                "store_id": store_id,
                "external_id": d.external_id,
                "number": d.number,
                "status": NEW_STATUS[d.status],
                "customer_name": d.customer_name[:200] or None,
                "ship_to": d.ship_to,
                "service": d.service[:50] or None,
                "external_updated_at": d.updated_at,
                "store_version": store_version(d),
                "created_at": now,
                "updated_at": now,
            }
            for d in orders
        ],
    ).all()
    session.execute(
        insert(OrderLine),
        [
            {
                "order_id": order_id,
                "external_id": item.external_id,
                "product_id": _product_for(products, item),
                "sku": _line_sku(item),
                "name": item.name[:500],
                "quantity": item.quantity,
                "quantity_picked": 0,
                "quantity_packed": 0,
            }
            for order_id, d in zip(ids, orders, strict=True)
            for item in d.lines
        ],
    )


def store_version(data: OrderData) -> dict[str, Any]:
    """What we remember of the store's version of an order, to tell its next change from
    our own changes (a short shipment cuts our lines, not the store's)."""
    return {
        "status": data.status,
        "lines": [[item.external_id, _line_sku(item), item.quantity] for item in data.lines],
        "ship_to": data.ship_to,
    }


def describe(order: Order, data: OrderData) -> tuple[str, str] | None:
    """(kind, sentence) for what the store changed since the version we last saw, if it
    matters on the floor, else None."""
    seen = order.store_version or {
        "status": None,
        "lines": [[line.external_id, line.sku, line.quantity] for line in order.lines],
        "ship_to": order.ship_to,
    }
    if data.status == "cancelled" and seen["status"] != "cancelled":
        return "cancelled", f"Order {order.number} was cancelled in the store."
    if data.status == "on_hold" and seen["status"] != "on_hold":
        return "on_hold", f"Order {order.number} was put on hold in the store."
    ours = {(ext, sku, qty) for ext, sku, qty in seen["lines"]}
    theirs = {(item.external_id, _line_sku(item), item.quantity) for item in data.lines}
    if ours != theirs:
        gone = sorted(f"{sku} ×{qty}" for _, sku, qty in ours - theirs)
        new = sorted(f"{sku} ×{qty}" for _, sku, qty in theirs - ours)
        parts = ([f"now {', '.join(new)}"] if new else []) + (
            [f"was {', '.join(gone)}"] if gone else []
        )
        return "edited", f"Order {order.number} was edited in the store: {'; '.join(parts)}."
    if data.ship_to != seen["ship_to"]:
        return "edited", f"Order {order.number}'s shipping address was changed in the store."
    return None


def _holder(session: Session, order_id: int) -> str | None:
    return session.scalar(
        select(PackSession.station).where(
            PackSession.order_id == order_id, PackSession.status == PackSessionStatus.OPEN
        )
    )


def apply_page(session: Session, store_id: int, page: Page) -> PageResult:
    result = PageResult()
    newest: dict[str, OrderData] = {}
    for data in page.orders:
        held = newest.get(data.external_id)
        if held is None or data.updated_at > held.updated_at:
            newest[data.external_id] = data
    orders = list(newest.values())
    existing = (
        {
            o.external_id: o
            for o in session.scalars(
                select(Order)
                .where(Order.store_id == store_id, Order.external_id.in_(list(newest)))
                .options(selectinload(Order.lines))
            )
        }
        if newest
        else {}
    )

    def is_stale(data: OrderData) -> bool:
        """Older than what we hold, or the same. Stamps have whole seconds: two versions
        within one second share a stamp, so an equal stamp is compared by content."""
        order = existing.get(data.external_id)
        held = order.external_updated_at if order is not None else None
        if order is None or held is None or data.updated_at > held:
            return False
        return data.updated_at < held or store_version(data) == order.store_version

    stale = [d for d in orders if is_stale(d)]
    result.unchanged = len(page.orders) - len(orders) + len(stale)
    fresh = [d for d in orders if d not in stale]
    products = products_for(session, fresh)
    new = [d for d in fresh if d.external_id not in existing]
    _insert_new(session, store_id, new, products)
    result.new = len(new)
    for data in fresh:
        order = existing.get(data.external_id)
        if order is None:
            continue
        if order.status in NOT_STARTED:
            apply(order, data, products)
            result.updated += 1
            continue
        change = describe(order, data)
        order.external_updated_at = data.updated_at
        order.store_version = store_version(data)  # raised once, not at every echo
        if change is None or (
            data.status == "fulfilled"
            and order.status in (OrderStatus.PACKED, OrderStatus.SHIPPED)
            and change[0] != "edited"
        ):
            result.unchanged += 1
            continue
        kind, detail = change
        session.add(
            OrderChange(
                order_id=order.id,
                kind=kind,
                detail=detail,
                payload=to_json(data),
                station=_holder(session, order.id),
            )
        )
        result.changes += 1
    # Returns follow the newest version we have seen (an equal stamp included: a return opened
    # within the same second changes nothing else of the order).
    result.returns = apply_returns(
        session,
        store_id,
        [
            d
            for d in orders
            if (o := existing.get(d.external_id)) is None
            or o.external_updated_at is None
            or d.updated_at >= o.external_updated_at
        ],
    )
    if newest:
        session.execute(
            update(QuarantinedOrder)
            .where(
                QuarantinedOrder.store_id == store_id,
                QuarantinedOrder.external_id.in_(list(newest)),
                QuarantinedOrder.resolved_at.is_(None),
            )
            .values(resolved_at=utcnow())
        )
    for external_id, reason, raw in page.malformed:
        key = (
            external_id
            or "unknown-"
            + hashlib.sha1(
                json.dumps(raw, sort_keys=True, default=str).encode(), usedforsecurity=False
            ).hexdigest()[:16]
        )
        row = session.scalar(
            select(QuarantinedOrder).where(
                QuarantinedOrder.store_id == store_id, QuarantinedOrder.external_id == key
            )
        )
        payload = raw if isinstance(raw, dict) else {"raw": raw}
        if row is None:
            session.add(
                QuarantinedOrder(store_id=store_id, external_id=key, reason=reason, payload=payload)
            )
        else:
            row.reason, row.payload, row.resolved_at = reason, payload, None
            row.received_at = utcnow()
        result.quarantined += 1
    return result
