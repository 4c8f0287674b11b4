"""The store's news of a closed package: an outbox entry, written in the same transaction as
the package, delivered exactly once by the sync engine (its key is the package)."""

from __future__ import annotations

from ..db.models import Order, OutboxEntry, Package


def fulfillment_entry(
    order: Order,
    package: Package,
    in_box: dict[int, int],
    skus: dict[int, str],
    *,
    tracking: str,
    final: bool,
) -> OutboxEntry:
    """The fulfillment of ``package`` (``in_box``: quantity by order line id) for the
    order's store, in platform-neutral words the adapters translate."""
    assert order.store_id is not None
    external_ids = {line.id: line.external_id for line in order.lines}
    return OutboxEntry(
        store_id=order.store_id,
        order_id=order.id,
        kind="fulfillment",
        idempotency_key=f"package-{package.id}",
        payload={
            "order_external_id": order.external_id,
            "order_number": order.number,
            "package": package.number,
            "sscc": package.sscc,
            "tracking": tracking or None,
            "carrier": order.carrier,
            "final": final,
            "lines": [
                {"external_id": external_ids.get(line_id), "sku": skus[line_id], "quantity": qty}
                for line_id, qty in in_box.items()
            ],
        },
    )
