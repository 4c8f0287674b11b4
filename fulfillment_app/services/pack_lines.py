"""What the pack screen shows beside the counts, read once when a session is shown: the
order's store, each line's pick location, primary barcode and local image, and the carts and
totes of an order picked in carts. Never on the scan path (a scan answers from memory)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import (
    Location,
    Order,
    Package,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickOrderStatus,
    Product,
    ProductBarcode,
    Stock,
    Store,
)
from .images import local_image
from .pick_types import TotePart


def store_name(session: Session, order_id: int) -> str:
    return (
        session.scalar(
            select(Store.name).join(Order, Order.store_id == Store.id).where(Order.id == order_id)
        )
        or ""
    )


def locations(session: Session, product_ids: set[int]) -> dict[int, str]:
    """Each product's pick location: where most of its stock is (the earlier one on the pick
    path when two hold the same), or where it is kept when none is in stock."""
    found: dict[int, str] = {}
    if not product_ids:
        return found
    rows = session.execute(
        select(Stock.product_id, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.product_id.in_(product_ids), Location.active.is_(True))
        .order_by(
            Stock.product_id,
            Stock.quantity.desc(),
            Location.pick_sequence.is_(None),
            Location.pick_sequence,
            Location.code,
        )
    )
    for product_id, code in rows:
        found.setdefault(product_id, code)
    return found


def barcodes(session: Session, product_ids: set[int]) -> dict[int, str]:
    """Each product's primary barcode: a single piece's before a case's, a GTIN before
    another code, the first registered."""
    found: dict[int, str] = {}
    if not product_ids:
        return found
    rows = session.execute(
        select(ProductBarcode.product_id, ProductBarcode.code, ProductBarcode.kind)
        .where(ProductBarcode.product_id.in_(product_ids))
        .order_by(
            ProductBarcode.product_id,
            ProductBarcode.quantity != 1,
            ProductBarcode.kind != "gtin",
            ProductBarcode.id,
        )
    )
    for product_id, code, kind in rows:
        found.setdefault(product_id, printed_gtin(code) if kind == "gtin" else code)
    return found


def printed_gtin(code: str) -> str:
    """A GTIN as printed under its bars: EAN-13, or UPC-A (12 digits) for one that starts
    with 0; a GTIN-14 of a case stays 14. (Stored as 14 digits; any form scans the same.)"""
    if len(code) == 14 and code.startswith("0"):
        code = code[1:]
        if code.startswith("0"):
            code = code[1:]
    return code


def images(
    session: Session, product_ids: set[int], cache_dir: Path | None
) -> dict[int, str | None]:
    """Each product's image as a local file (a path given in the catalogue, or a URL's cached
    copy), None where there is none on this machine. Never downloads."""
    found: dict[int, str | None] = {}
    if not product_ids:
        return found
    rows = session.execute(
        select(Product.id, Product.image_url).where(
            Product.id.in_(product_ids), Product.image_url.is_not(None)
        )
    )
    for product_id, ref in rows:
        path = local_image(ref, cache_dir) if ref else None
        found[product_id] = str(path) if path else None
    return found


def order_totes(session: Session, order_id: int) -> list[TotePart]:
    """The carts and totes holding the order's parts (one a zone when picked by zone), as
    :meth:`PickingService.totes` tells them; empty when the order was not picked in carts."""
    rows = session.execute(
        select(PickBatch, PickBatchOrder)
        .join(PickBatchOrder, PickBatchOrder.batch_id == PickBatch.id)
        .where(PickBatchOrder.order_id == order_id, PickBatch.status != PickBatchStatus.CANCELLED)
        .order_by(PickBatch.zone, PickBatch.id)
    ).all()
    parts = []
    for batch, member in rows:
        if member.status != PickOrderStatus.ACTIVE:
            state = member.status.value
        elif batch.status == PickBatchStatus.DONE:
            state = "picked"
        elif batch.status == PickBatchStatus.READY:
            state = "waiting"
        else:
            state = "picking"
        parts.append(TotePart(batch.id, batch.zone, member.slot, state, batch.picker))
    return parts


def packages_closed(session: Session, order_id: int) -> int:
    query = select(func.count()).select_from(Package).where(Package.order_id == order_id)
    return session.scalar(query) or 0
