"""The BigCommerce REST API adapter (``/stores/{hash}/v2`` orders and shipments, ``/v3``
inventory).

Reading: ``GET /v2/orders?min_date_modified=…&sort=date_modified:asc&limit=250&page=1``
from the last committed ``date_modified`` minus one second (orders sharing that second are
read again and skipped by the upsert). As with WooCommerce we ask for page 1 from the new
cursor rather than walking offsets, which shift while orders change; only when a whole page
shares the second we started from is that second walked with ``page=n``, and then passed
(the cursor says it was read whole). An empty page is
``204 No Content``: the end. An order's lines and address are sub-resources, one request
each; what was fetched for an order at a given ``date_modified`` is remembered for the store
(an order read again in the overlap, or duplicated by the store, costs nothing more).

Rate limit: every app on the store shares one quota of requests per window. Each answer
says what is left (``X-Rate-Limit-Requests-Left``) and when the window resets
(``X-Rate-Limit-Time-Reset-Ms``); we stop short of the quota, leaving a margin for the
other apps, and wait for the reset instead. A 429 is waited out for the reset it names (one
without rate headers is load shedding: exponential back-off). The limiter belongs to the
store for the life of the process, so a run right after another knows what is left.

Writing: ``POST /v2/orders/{id}/shipments`` has no idempotency key, so after an unknown
outcome the order's shipments are listed first and one carrying our reference as its
tracking number means the earlier try got through. Stock: absolute adjustments
(``PUT /v3/inventory/adjustments/absolute``, safe to repeat); a 422 names the items refused
and the rest is sent again without them. Returns: a staff note naming the RMA (read back
first, so it is never written twice).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from .http import HttpClient, Params
from .records import (
    LineData,
    Malformed,
    OrderData,
    Page,
    Permanent,
    ReturnRecord,
    Shipment,
    StockLevel,
    StockResult,
    as_dict,
    return_marker,
    return_note,
)

PAGE_SIZE = 250
STOCK_BATCH = 2000
#: Share of the store's quota left to the other apps on the store.
MARGIN = 0.1
#: Orders whose lines and address are remembered per store.
REMEMBERED = 5000
ISO = "%Y-%m-%dT%H:%M:%SZ"

STATUS = {
    0: "on_hold",  # Incomplete
    1: "on_hold",  # Pending
    7: "on_hold",  # Awaiting Payment
    11: "open",  # Awaiting Fulfillment: paid, ready to pick
    9: "open",  # Awaiting Shipment
    3: "open",  # Partially Shipped
    14: "open",  # Partially Refunded
    8: "open",  # Awaiting Pickup
    2: "fulfilled",  # Shipped
    10: "fulfilled",  # Completed
    5: "cancelled",
    4: "cancelled",  # Refunded
    6: "cancelled",  # Declined
    13: "on_hold",  # Disputed
    12: "on_hold",  # Manual Verification Required
}


def _stamp(text: Any) -> datetime:
    """BigCommerce's RFC 2822 date (ISO 8601 is taken too)."""
    if not isinstance(text, str) or not text.strip():
        raise Malformed("has no modification date")
    try:
        stamp = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise Malformed(f"has an unreadable modification date {text[:40]!r}") from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _maybe_stamp(raw: Any) -> datetime | None:
    try:
        return _stamp(raw.get("date_modified")) if isinstance(raw, dict) else None
    except Malformed:
        return None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def order_header(raw: Any) -> tuple[int, str, datetime]:
    """The order's id, our status and its modification time, or :class:`Malformed` (checked
    before its lines are fetched: a broken order costs one request, not three)."""
    if not isinstance(raw, dict):
        raise Malformed("is not an object")
    ident = _whole(raw.get("id"))
    if ident is None:
        raise Malformed("has no id")
    status_id = _whole(raw.get("status_id"))
    status = STATUS.get(status_id) if status_id is not None else None
    if status is None:
        raise Malformed(f"has an unknown status {raw.get('status_id')!r} ({raw.get('status')!r})")
    if raw.get("is_deleted") is True:
        status = "cancelled"  # archived in the store's admin
    return ident, status, _stamp(raw.get("date_modified"))


def map_order(raw: Any, products: Any, addresses: Any) -> OrderData:
    """A BigCommerce order, with its products and shipping addresses (as their
    sub-resources answer; None for a 204), as ours, or :class:`Malformed` saying why."""
    ident, status, stamp = order_header(raw)
    if not isinstance(products, list) or not products:
        raise Malformed("has no products")
    lines = []
    for item in products:
        if not isinstance(item, dict):
            raise Malformed("has a product line that is not an object")
        line_id = _whole(item.get("id"))
        if line_id is None:
            raise Malformed("has a product line without an id")
        qty = _whole(item.get("quantity"))
        if qty is None or qty <= 0:
            raise Malformed(f"has a line with quantity {item.get('quantity')!r}")
        sku = item.get("sku") or ""
        if not isinstance(sku, str):
            raise Malformed(f"has a line with SKU {sku!r}")
        name = item.get("name")
        lines.append(LineData(str(line_id), sku.strip(), str(name) if name else sku.strip(), qty))
    bill = as_dict(raw.get("billing_address"))
    places = [a for a in addresses if isinstance(a, dict)] if isinstance(addresses, list) else []
    places.sort(key=lambda a: _whole(a.get("id")) or 0)
    ship = places[0] if places else bill  # no shipping address (a digital order): billing
    name = " ".join(str(p) for p in (ship.get("first_name"), ship.get("last_name")) if p).strip()
    ship_to: dict[str, Any] = {
        "name": name,
        "company": str(ship.get("company") or ""),
        "address1": str(ship.get("street_1") or ""),
        "address2": str(ship.get("street_2") or ""),
        "city": str(ship.get("city") or ""),
        "zip": str(ship.get("zip") or ""),
        "province": str(ship.get("state") or ""),
        "country": str(ship.get("country_iso2") or ""),
        "phone": str(ship.get("phone") or bill.get("phone") or ""),
        "email": str(ship.get("email") or bill.get("email") or ""),
    }
    if raw.get("payment_method") == "Cash on Delivery":  # the courier collects the total
        ship_to["cod_amount"] = str(raw.get("total_inc_tax") or "")
        ship_to["cod_currency"] = str(raw.get("currency_code") or "ILS")
    return OrderData(
        external_id=str(ident),
        number=str(ident),
        status=status,
        updated_at=stamp,
        lines=tuple(lines),
        ship_to=ship_to,
        customer_name=name,
        service=str(ship.get("shipping_method") or ""),
        note=str(raw.get("customer_message") or ""),
    )


class RateLimiter:
    """What is left of the store's shared quota, from the last rate headers we saw."""

    def __init__(self, margin: float = MARGIN):
        self.margin = margin
        self.quota: int | None = None
        self.left: int | None = None
        self._reset_at = 0.0
        self._lock = threading.Lock()

    def update(self, headers: Mapping[str, str]) -> None:
        try:
            left = int(headers["X-Rate-Limit-Requests-Left"])
            quota = int(headers["X-Rate-Limit-Requests-Quota"])
            reset_ms = float(headers["X-Rate-Limit-Time-Reset-Ms"])
        except (KeyError, ValueError):
            return  # not said (an error page, load shedding): keep what we knew
        with self._lock:
            self.left, self.quota = left, quota
            self._reset_at = time.monotonic() + reset_ms / 1000

    @property
    def reserve(self) -> int:
        """Requests of each window we leave to the store's other apps."""
        return max(1, math.ceil((self.quota or 0) * self.margin))

    def take(self) -> float:
        """0 and one request counted when we may send now, else seconds to wait."""
        with self._lock:
            if self.left is None:
                return 0.0
            now = time.monotonic()
            if now >= self._reset_at:
                self.left = None  # a new window: the next answer says how full it is
                return 0.0
            if self.left > self.reserve:
                self.left -= 1
                return 0.0
            return self._reset_at - now


class StoreMemory:
    """What the adapter keeps for a store between runs: the rate limiter, and each recent
    order's lines and addresses by ``(id, date_modified)``."""

    def __init__(self) -> None:
        self.limiter = RateLimiter()
        self._details: OrderedDict[tuple[int, str], tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def details(self, key: tuple[int, str]) -> tuple[Any, Any] | None:
        with self._lock:
            found = self._details.get(key)
            if found is not None:
                self._details.move_to_end(key)
            return found

    def remember(self, key: tuple[int, str], value: tuple[Any, Any]) -> None:
        with self._lock:
            self._details[key] = value
            while len(self._details) > REMEMBERED:
                self._details.popitem(last=False)


class BigCommerceAdapter:
    platform = "bigcommerce"
    stock_batch = STOCK_BATCH

    def __init__(
        self,
        client: HttpClient,
        *,
        initial_days: int = 60,
        location_id: int = 1,
        memory: StoreMemory | None = None,
    ):
        self.client = client
        self.initial_days = initial_days
        self.location_id = location_id
        self.memory = memory or StoreMemory()
        self.limiter = self.memory.limiter

    def close(self) -> None:
        self.client.close()

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: Any = None,
        write: bool = False,
        accept: tuple[int, ...] = (),
    ) -> tuple[Any, Any]:
        """A request paced by the store's shared quota."""
        while (wait := self.limiter.take()) > 0:
            self.client.wait(wait)
        response, data = self.client.request(
            method, path, params=params, body=body, write=write, accept=accept
        )
        self.limiter.update(response.headers)
        return response, data

    # -- reading ---------------------------------------------------------------------------

    def fetch_page(self, cursor: str | None, state: Any = None) -> Page:
        if isinstance(state, tuple | list) and len(state) == 2:  # walking a crowded second
            since, number = _stamp(state[0]), int(state[1])
        elif cursor and cursor.endswith("|x"):  # a crowded second read whole: after it
            number, since = 1, _stamp(cursor.removesuffix("|x")) + timedelta(seconds=1)
        elif cursor:
            number, since = 1, _stamp(cursor) - timedelta(seconds=1)
        else:
            number = 1
            since = (datetime.now(UTC) - timedelta(days=self.initial_days)).replace(microsecond=0)
        params: Params = [
            ("min_date_modified", since.strftime("%Y-%m-%dT%H:%M:%S+00:00")),
            ("sort", "date_modified:asc"),
            ("page", str(number)),
            ("limit", str(PAGE_SIZE)),
        ]
        response, data = self._call("GET", "/v2/orders", params=params)
        if response.status_code == 204 or data is None:
            data = []  # BigCommerce's empty page
        if not isinstance(data, list):
            raise Permanent(f"{self.client.store} sent orders in an unexpected shape.")
        page = Page(orders=[], malformed=[])
        newest: datetime | None = None
        latest: dict[Any, Any] = {}  # one copy of an order the page holds twice
        for raw in data:
            ident = raw.get("id") if isinstance(raw, dict) else None
            slot = ident if isinstance(ident, int) else object()
            held = latest.get(slot)
            if held is None or (_maybe_stamp(raw) or since) >= (_maybe_stamp(held) or since):
                latest[slot] = raw
        for raw in latest.values():
            ident = raw.get("id") if isinstance(raw, dict) else None
            try:
                _, _, stamp = order_header(raw)
                newest = stamp if newest is None else max(newest, stamp)
                products, addresses = self._details(raw)
                page.orders.append(map_order(raw, products, addresses))
            except Malformed as exc:
                page.malformed.append((None if ident is None else str(ident), str(exc), raw))
                passed = _maybe_stamp(raw)  # the cursor passes a malformed order too
                if passed is not None:
                    newest = passed if newest is None else max(newest, passed)
        full = len(data) >= PAGE_SIZE
        if newest is None:
            page.cursor = cursor
            page.next = (since.strftime(ISO), number + 1) if full else None
        elif full and newest <= since + timedelta(seconds=1):
            # A whole page inside the second we started from: walk it page by page.
            page.cursor = cursor or (since + timedelta(seconds=1)).strftime(ISO)
            page.next = (since.strftime(ISO), number + 1)
        elif number > 1 and newest <= since + timedelta(seconds=1):
            # The crowded second is read to its end: the next read starts after it (else
            # every later sync would walk it again).
            page.cursor = (since + timedelta(seconds=1)).strftime(ISO) + "|x"
            page.next = None
        else:
            page.cursor = max(newest, since + timedelta(seconds=1)).strftime(ISO)
            page.next = "more" if full else None
        return page

    def _details(self, raw: dict[str, Any]) -> tuple[Any, Any]:
        """The order's products and shipping addresses (two requests, unless this version
        of the order was fetched before)."""
        key = (int(raw["id"]), str(raw.get("date_modified")))
        known = self.memory.details(key)
        if known is not None:
            return known
        path = f"/v2/orders/{raw['id']}"
        _, products = self._call("GET", f"{path}/products", params=[("limit", "250")])
        _, addresses = self._call("GET", f"{path}/shipping_addresses")
        self.memory.remember(key, (products, addresses))
        return products, addresses

    # -- writing ---------------------------------------------------------------------------

    def deliver(self, shipment: Shipment, *, check_first: bool) -> str:
        path = f"/v2/orders/{shipment.order_external_id}"
        done: set[Any] = set()  # addresses that have our shipment already
        found = ""
        if check_first:
            _, shipments = self._call("GET", f"{path}/shipments")
            for made in shipments if isinstance(shipments, list) else []:
                if isinstance(made, dict) and made.get("tracking_number") == shipment.reference:
                    done.add(made.get("order_address_id"))
                    found = found or str(made.get("id", ""))
        _, products = self._call("GET", f"{path}/products", params=[("limit", "250")])
        rows = [p for p in products if isinstance(p, dict)] if isinstance(products, list) else []
        by_address: dict[Any, list[dict[str, Any]]] = {}
        for external_id, sku, quantity in shipment.lines:
            row = next((p for p in rows if str(p.get("id")) == external_id), None)
            if row is None and sku:
                row = next((p for p in rows if p.get("sku") == sku), None)
            if row is None:
                raise Permanent(
                    f"Order {shipment.order_number} in the store has no line {sku or external_id}"
                    " any more; check the order in the store."
                )
            by_address.setdefault(row.get("order_address_id"), []).append(
                {"order_product_id": row.get("id"), "quantity": quantity}
            )
        ids = [found] if found else []
        for address, items in by_address.items():
            if address in done:
                continue  # an earlier try got through for this address
            _, made = self._call(
                "POST",
                f"{path}/shipments",
                body={
                    "order_address_id": address,
                    "items": items,
                    "tracking_number": shipment.reference,
                    "shipping_provider": "",
                    "tracking_carrier": "",
                    "tracking_link": shipment.tracking_url,
                },
                write=True,
            )
            ids.append(str(as_dict(made).get("id", "")))
        return ",".join(i for i in ids if i)

    def push_stock(self, levels: Sequence[StockLevel], *, key: str) -> list[StockResult]:
        """Absolute adjustments at the store's location. A 422 refuses the whole request and
        names the items it refused: those are answered not ok (for good), the rest is sent
        again without them. Repeating is safe, so failed requests are simply retried."""
        results: dict[int, StockResult] = {}
        for start in range(0, len(levels), self.stock_batch):
            pending = list(enumerate(levels))[start : start + self.stock_batch]
            while pending:
                items = [
                    {
                        "location_id": self.location_id,
                        "sku": level.sku,
                        "quantity": max(0, level.quantity),
                    }
                    for _, level in pending
                ]
                response, data = self._call(
                    "PUT",
                    "/v3/inventory/adjustments/absolute",
                    body={"reason": "Available stock from the warehouse", "items": items},
                    accept=(422,),
                )
                if response.status_code != 422:
                    for index, level in pending:
                        results[index] = StockResult(
                            level.sku,
                            True,
                            remote={"location_id": self.location_id},
                            quantity=max(0, level.quantity),
                        )
                    break
                refused = _refused_items(data, len(pending))
                if not refused:
                    raise Permanent(
                        f"{self.client.store} refused the stock update: "
                        f"{as_dict(data).get('title') or 'no reason given'}"
                    )
                for position, why in refused.items():
                    index, level = pending[position]
                    results[index] = StockResult(
                        level.sku, False, error=f"{level.sku}: {why}", permanent=True
                    )
                pending = [p for n, p in enumerate(pending) if n not in refused]
        return [results[i] for i in range(len(levels))]

    def process_return(self, record: ReturnRecord, *, check_first: bool) -> str:
        """A staff note naming the RMA. ``PUT`` replaces the order's staff notes, so they are
        read first every time (which also finds the note of an earlier try that got
        through): the note is added once, beside what the store's staff wrote."""
        path = f"/v2/orders/{record.order_external_id}"
        _, order = self._call("GET", path)
        notes = str(as_dict(order).get("staff_notes") or "")
        if return_marker(record.rma) not in notes:
            text = return_note(record)
            self._call(
                "PUT",
                path,
                body={"staff_notes": f"{notes}\n{text}" if notes else text},
                write=True,
            )
        return f"note:{record.rma}"

    def test(self) -> str:
        _, store = self._call("GET", "/v2/store")
        info = as_dict(store)
        return f"Connected to BigCommerce: {info.get('name')} ({info.get('domain')})."


def _refused_items(data: Any, count: int) -> dict[int, str]:
    """Positions of the items a 422 names (``errors: {"items.3.sku": "…"}``) and why."""
    errors = as_dict(data).get("errors")
    refused: dict[int, str] = {}
    for field, message in as_dict(errors).items():
        parts = str(field).split(".")
        if len(parts) >= 2 and parts[0] == "items" and parts[1].isdigit():
            position = int(parts[1])
            if position < count:
                refused[position] = str(message)
    return refused
