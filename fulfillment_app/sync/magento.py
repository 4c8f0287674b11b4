"""The Magento 2 (Adobe Commerce) REST adapter.

Every request is signed with OAuth 1.0a as an Integration signs it (consumer key and secret,
access token and secret; HMAC-SHA256 with the query, ``searchCriteria`` included, in the
signature base string): since 2.4.4 the access token alone is not accepted as a Bearer token.

Reading: ``GET /rest/<store>/V1/orders`` with ``updated_at gteq`` the position reached, sorted
by ``updated_at`` then ``entity_id``, ``pageSize`` 300, always ``currentPage=1``. Walking
``currentPage=2, 3, …`` of one query would skip an order whenever one changes while we page
(it moves to the end and every later order one place forward); asking for page 1 from the
newest stamp read so far cannot. The run stops when ``currentPage * pageSize >=
total_count``: Magento answers a page past the end with the last page again, never an empty
one, so asking "is there more?" would read the same orders for ever. If a full page shares
one second (a bulk edit), that second is walked by ``entity_id`` (``entity_id gt`` the last
one read) and then passed. Orders are de-duplicated by ``entity_id`` within a run; between
runs the saved stamp is read again from one second earlier (the upsert skips versions it
already holds).

Writing: ``POST /V1/order/{entity_id}/ship`` with the package's items and its tracking (our
reference as the track number). Magento has no idempotency key, so after an unknown outcome
the order's shipments are listed first, and one carrying our reference means the earlier try
got through: never a second shipment. Stock: MSI source items, absolute, in batches of the
store's list limit (20). Returns: an order comment naming the RMA (read back first after an
unknown outcome), and a credit memo with ``return_to_stock_items`` when asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from ..errors import InvalidInput
from . import oauth1
from .http import HttpClient, Params, Signer
from .records import (
    AuthFailed,
    LineData,
    Malformed,
    OrderData,
    Page,
    Permanent,
    ReturnRecord,
    Shipment,
    StockLevel,
    StockResult,
    Transient,
    as_dict,
    return_marker,
    return_note,
)

STAMP = "%Y-%m-%d %H:%M:%S"
PAGE_SIZE = 300  # Magento's cap on pageSize when the store limits inputs
#: Items a list input may carry when the store limits inputs (e.g. source items a request).
LIST_LIMIT = 20
#: Order states (fixed) as ours; statuses are labels a merchant may rename.
STATE = {
    "processing": "open",
    "new": "on_hold",  # placed, not paid yet (cash on delivery: see map_order)
    "pending_payment": "on_hold",
    "payment_review": "on_hold",
    "holded": "on_hold",
    "complete": "fulfilled",
    "closed": "cancelled",  # refunded in full
    "canceled": "cancelled",
}
#: The default statuses, for orders that come without their state.
STATUS = {
    "processing": "open",
    "pending": "on_hold",
    "pending_payment": "on_hold",
    "payment_review": "on_hold",
    "fraud": "on_hold",
    "holded": "on_hold",
    "complete": "fulfilled",
    "closed": "cancelled",
    "canceled": "cancelled",
}
#: Payment methods whose orders are shipped before they are paid (and invoiced).
PAY_ON_DELIVERY = {"cashondelivery"}
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
_SOURCE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def check_options(
    store_code: str | None = None, source_code: str | None = None, batch_limit: int | None = None
) -> dict[str, Any]:
    """A Magento store's options as ``Store.options`` keeps them, checked."""
    options: dict[str, Any] = {}
    if store_code is not None:
        if not _CODE.fullmatch(store_code):
            raise InvalidInput(
                f"{store_code!r} is not a Magento store code: letters, digits and _, starting "
                "with a letter (the store view's code, e.g. default)."
            )
        options["store_code"] = store_code
    if source_code is not None:
        if not _SOURCE.fullmatch(source_code):
            raise InvalidInput(
                f"{source_code!r} is not an inventory source code: letters, digits, - and _ "
                "(Stores > Inventory > Sources in Magento's admin; default for one source)."
            )
        options["source_code"] = source_code
    if batch_limit is not None:
        if not 1 <= batch_limit <= 10_000:
            raise InvalidInput("The batch limit is the store's items per request: 1 to 10000.")
        options["batch_limit"] = batch_limit
    return options


def _stamp(text: Any) -> datetime:
    if not isinstance(text, str) or not text:
        raise Malformed("has no update time")
    try:
        stamp = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Malformed(f"has an unreadable update time {text!r}") from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _quantity(value: Any) -> int:
    """Magento quantities are decimals (``2`` or ``2.0000``); we ship whole items."""
    if isinstance(value, bool):
        raise Malformed(f"has a line with quantity {value!r}")
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise Malformed(f"has a line with quantity {value!r}") from None
    if not isinstance(value, int | float) or value != value or value in (float("inf"),):
        raise Malformed(f"has a line with quantity {value!r}")
    if value <= 0 or value != int(value):
        raise Malformed(f"has a line with quantity {value!r}")
    return int(value)


def map_order(raw: Any) -> OrderData:
    """A Magento order as ours, or :class:`Malformed` saying what is wrong."""
    if not isinstance(raw, dict):
        raise Malformed("is not an object")
    ident = raw.get("entity_id")
    if not isinstance(ident, int) or isinstance(ident, bool):
        raise Malformed("has no entity_id")
    payment = str(as_dict(raw.get("payment")).get("method") or "")
    state, label = raw.get("state"), raw.get("status")
    status = STATE.get(state) if isinstance(state, str) else None
    if status is None and isinstance(label, str):
        status = STATUS.get(label)
    if status is None:
        raise Malformed(f"has a state we do not handle ({state!r}, status {label!r})")
    if status == "on_hold" and state in ("new", None) and payment in PAY_ON_DELIVERY:
        status = "open"  # paid to the courier: shipped while still "pending"
    items = raw.get("items")
    if not isinstance(items, list):
        raise Malformed("has no items")
    lines = []
    for item in items:
        if not isinstance(item, dict):
            raise Malformed("has an item that is not an object")
        if item.get("parent_item_id"):
            continue  # the simple product under a configurable one: the parent is shipped
        if item.get("is_virtual") or item.get("product_type") in ("virtual", "downloadable"):
            continue  # nothing to ship
        qty = _quantity(item.get("qty_ordered"))
        sku = item.get("sku") or ""
        if not isinstance(sku, str):
            raise Malformed(f"has an item with SKU {sku!r}")
        item_id = item.get("item_id")
        if not isinstance(item_id, int) or isinstance(item_id, bool):
            raise Malformed(f"has an item without item_id ({sku!r})")
        lines.append(LineData(str(item_id), sku.strip(), str(item.get("name") or sku), qty))
    if not lines:
        raise Malformed("has no items to ship")
    assignments = as_dict(raw.get("extension_attributes")).get("shipping_assignments")
    first = assignments[0] if isinstance(assignments, list) and assignments else {}
    address = as_dict(as_dict(as_dict(first).get("shipping")).get("address"))
    if not address:
        address = as_dict(raw.get("billing_address"))
    if not address:
        raise Malformed("has no shipping address")
    street = address.get("street")
    streets = (
        [str(s) for s in street if s]
        if isinstance(street, list)
        else ([str(street)] if street else [])
    )
    name = " ".join(
        str(p) for p in (address.get("firstname"), address.get("lastname")) if p
    ).strip()
    ship_to: dict[str, Any] = {
        "name": name,
        "company": str(address.get("company") or ""),
        "address1": streets[0] if streets else "",
        "address2": ", ".join(streets[1:]),
        "city": str(address.get("city") or ""),
        "zip": str(address.get("postcode") or ""),
        "province": str(address.get("region") or ""),
        "country": str(address.get("country_id") or ""),
        "phone": str(address.get("telephone") or ""),
        "email": str(address.get("email") or raw.get("customer_email") or ""),
    }
    if payment in PAY_ON_DELIVERY:  # the courier collects the order's total
        ship_to["cod_amount"] = str(raw.get("grand_total") or "")
        ship_to["cod_currency"] = str(raw.get("order_currency_code") or "ILS")
    number = raw.get("increment_id")
    return OrderData(
        external_id=str(ident),
        number=str(number) if isinstance(number, str | int) and number != "" else str(ident),
        status=status,
        updated_at=_stamp(raw.get("updated_at")),
        lines=tuple(lines),
        ship_to=ship_to,
        customer_name=name,
        service=str(raw.get("shipping_description") or ""),
        note=str(raw.get("customer_note") or ""),
    )


def criteria(
    groups: list[list[tuple[str, str, str]]],
    *,
    sort: Sequence[tuple[str, str]] = (),
    page_size: int | None = None,
    page: int = 1,
) -> Params:
    """``searchCriteria[…]`` query parameters: ``groups`` of (field, condition, value)
    filters, OR'ed inside a group, the groups AND'ed."""
    params: Params = []
    for g, group in enumerate(groups):
        for f, (field, condition, value) in enumerate(group):
            prefix = f"searchCriteria[filter_groups][{g}][filters][{f}]"
            params += [
                (f"{prefix}[field]", field),
                (f"{prefix}[value]", value),
                (f"{prefix}[condition_type]", condition),
            ]
    for s, (field, direction) in enumerate(sort):
        params += [
            (f"searchCriteria[sortOrders][{s}][field]", field),
            (f"searchCriteria[sortOrders][{s}][direction]", direction),
        ]
    if page_size is not None:
        params += [
            ("searchCriteria[pageSize]", str(page_size)),
            ("searchCriteria[currentPage]", str(page)),
        ]
    return params


class MagentoAdapter:
    platform = "magento"

    def __init__(
        self,
        client: HttpClient,
        *,
        store_code: str = "default",
        source_code: str = "default",
        batch_limit: int | None = None,
        initial_days: int = 60,
        page_size: int = PAGE_SIZE,
    ):
        self.client = client
        self.initial_days = initial_days
        self.page_size = page_size
        self.source_code = source_code
        self.stock_batch = batch_limit or LIST_LIMIT
        self._api = f"/rest/{quote(store_code, safe='')}/V1"
        #: entity_id → the newest update stamp read in this run (pages overlap).
        self._seen: dict[str, datetime] = {}

    @staticmethod
    def signer(consumer_key: str, consumer_secret: str, token: str, token_secret: str) -> Signer:
        def sign(method: str, url: str, query: Params) -> tuple[Params, dict[str, str]]:
            header = oauth1.sign_header(
                method, url, query, consumer_key, consumer_secret, token, token_secret
            )
            return query, {"Authorization": header}

        return sign

    def close(self) -> None:
        self.client.close()

    # -- reading ---------------------------------------------------------------------------

    def fetch_page(self, cursor: str | None, state: Any = None) -> Page:
        """``state``: None for a run's first page (from the saved ``cursor``, one second
        early); ``("from", S)``: orders updated at S or later; ``("after", S)``: later than S;
        ``("second", S, id)``: orders of second S with a greater entity_id."""
        if isinstance(state, tuple) and state:
            mode, since = state[0], _stamp(state[1])
        else:
            mode = "from"
            since = (
                _stamp(cursor) - timedelta(seconds=1)
                if cursor
                else (datetime.now(UTC) - timedelta(days=self.initial_days)).replace(microsecond=0)
            )
        at = since.strftime(STAMP)
        last_id = int(state[2]) if mode == "second" else 0
        if mode == "second":
            groups = [
                [("updated_at", "gteq", at)],
                [("updated_at", "lteq", at)],
                [("entity_id", "gt", str(last_id))],
            ]
            sort = [("entity_id", "ASC")]
        else:
            groups = [[("updated_at", "gt" if mode == "after" else "gteq", at)]]
            sort = [("updated_at", "ASC"), ("entity_id", "ASC")]
        params = criteria(groups, sort=sort, page_size=self.page_size, page=1)
        _, data = self.client.request("GET", f"{self._api}/orders", params=params)
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise Transient(f"{self.client.store} sent orders in an unexpected shape.")
        total = data.get("total_count")
        total = total if isinstance(total, int) and not isinstance(total, bool) else None
        page = Page(orders=[], malformed=[])
        if mode != "second" and total is not None:
            page.remaining = total
        stamps: list[datetime] = []
        ids: list[int] = []
        for raw in data["items"]:
            ident = raw.get("entity_id") if isinstance(raw, dict) else None
            try:
                stamp = _stamp(raw.get("updated_at") if isinstance(raw, dict) else None)
            except Malformed:
                stamp = None
            # Only what this query asked for places us: a repeated older order does not.
            if stamp is not None and (
                stamp == since
                if mode == "second"
                else (stamp > since or (mode == "from" and stamp == since))
            ):
                stamps.append(stamp)
                if isinstance(ident, int) and not isinstance(ident, bool):
                    ids.append(ident)
            key = str(ident) if ident is not None else None
            if key is not None and stamp is not None:
                seen = self._seen.get(key)
                if seen is not None and seen >= stamp:
                    continue  # read already in this run
                self._seen[key] = stamp
            try:
                page.orders.append(map_order(raw))
            except Malformed as exc:
                page.malformed.append((key, str(exc), raw))
        newest = max(stamps, default=None)
        saved = _stamp(cursor) if cursor else None
        high = max((s for s in (newest, saved) if s is not None), default=None)
        page.cursor = high.strftime(STAMP) if high is not None else cursor
        # The stop rule (currentPage * pageSize >= total_count): the store answers a page
        # past the end with the last page again, so it never says "no more" by itself.
        last = total is None or total <= self.page_size
        if mode == "second":
            top = max(ids, default=last_id)
            page.next = ("after", at) if last or top <= last_id else ("second", at, top)
        elif last or newest is None:
            page.next = None
        elif newest > since:
            page.next = ("from", newest.strftime(STAMP))
        else:  # a full page inside one second: walk that second by entity_id
            page.next = ("second", at, 0)
        return page

    # -- writing ---------------------------------------------------------------------------

    def _shipments(self, order_id: str) -> list[dict[str, Any]]:
        params = criteria([[("order_id", "eq", order_id)]])
        _, data = self.client.request("GET", f"{self._api}/shipments", params=params)
        items = data.get("items") if isinstance(data, dict) else None
        return [s for s in items if isinstance(s, dict)] if isinstance(items, list) else []

    def deliver(self, shipment: Shipment, *, check_first: bool) -> str:
        order_id = shipment.order_external_id
        if not order_id.isdigit():
            raise Permanent(f"Order {shipment.order_number} has no Magento entity id.")
        if check_first:  # an earlier try's outcome is unknown: did it ship?
            for done in self._shipments(order_id):
                numbers = {as_dict(t).get("track_number") for t in done.get("tracks") or []}
                if shipment.reference in numbers:
                    return str(done.get("entity_id", ""))
        items = []
        for external_id, sku, quantity in shipment.lines:
            if not external_id.isdigit():
                raise Permanent(
                    f"Line {sku} of order {shipment.order_number} has no Magento item id; "
                    "sync the order again."
                )
            items.append({"order_item_id": int(external_id), "qty": quantity})
        body = {
            "items": items,
            "notify": bool(shipment.tracking),
            "appendComment": False,
            "tracks": [
                {
                    "track_number": shipment.reference,
                    "title": shipment.carrier or "Shipment",
                    "carrier_code": "custom",
                }
            ],
            "arguments": {"extension_attributes": {"source_code": self.source_code}},
        }
        _, answer = self.client.request(
            "POST", f"{self._api}/order/{order_id}/ship", body=body, write=True
        )
        return str(answer)

    def push_stock(self, levels: Sequence[StockLevel], *, key: str) -> list[StockResult]:
        """Source items are absolute, so a request is repeated safely (the client retries
        it on its own); a refusal of several is split until each SKU has its own answer."""
        results: list[StockResult] = []
        for start in range(0, len(levels), self.stock_batch):
            results += self._push(list(levels[start : start + self.stock_batch]))
        return results

    def _push(self, levels: list[StockLevel]) -> list[StockResult]:
        items = [
            {
                "sku": level.sku,
                "source_code": self.source_code,
                "quantity": level.quantity,
                "status": 1 if level.quantity > 0 else 0,
            }
            for level in levels
        ]
        try:
            self.client.request(
                "POST", f"{self._api}/inventory/source-items", body={"sourceItems": items}
            )
        except AuthFailed:
            raise
        except Permanent as exc:
            if len(levels) > 1:  # one bad SKU (or a lower list limit): halve and find it
                half = len(levels) // 2
                return self._push(levels[:half]) + self._push(levels[half:])
            return [StockResult(levels[0].sku, ok=False, error=str(exc), permanent=True)]
        remote = {"source_code": self.source_code}
        return [
            StockResult(level.sku, ok=True, remote=remote, quantity=level.quantity)
            for level in levels
        ]

    def process_return(self, record: ReturnRecord, *, check_first: bool) -> str:
        """A credit memo (when ``record.refund``), then the order comment naming the RMA:
        the comment goes last, so finding it on a retry means everything was done."""
        order_id = record.order_external_id
        if not order_id.isdigit():
            raise Permanent(f"Order {record.order_number} has no Magento entity id.")
        marker = return_marker(record.rma)
        memo = ""
        if check_first:
            _, order = self.client.request("GET", f"{self._api}/orders/{order_id}")
            for note in as_dict(order).get("status_histories") or []:
                if marker in str(as_dict(note).get("comment") or ""):
                    return f"comment:{order_id}"
            if record.refund:
                params = criteria([[("order_id", "eq", order_id)]])
                _, data = self.client.request("GET", f"{self._api}/creditmemos", params=params)
                for found in as_dict(data).get("items") or []:
                    comments = as_dict(found).get("comments") or []
                    if any(marker in str(as_dict(c).get("comment") or "") for c in comments):
                        memo = str(as_dict(found).get("entity_id") or "")
        if record.refund and not memo:
            memo = self._refund(record, marker)
        self.client.request(
            "POST",
            f"{self._api}/orders/{order_id}/comments",
            body={
                "statusHistory": {
                    "comment": return_note(record),
                    "is_customer_notified": 0,
                    "is_visible_on_front": 0,
                    "parent_id": int(order_id),
                }
            },
            write=True,
        )
        return f"creditmemo:{memo}" if memo else f"comment:{order_id}"

    def _refund(self, record: ReturnRecord, marker: str) -> str:
        items: dict[int, int] = {}
        restock: list[int] = []
        for line in record.lines:
            if not line.line_external_id.isdigit() or line.quantity <= 0:
                continue
            item_id = int(line.line_external_id)
            items[item_id] = items.get(item_id, 0) + line.quantity
            if line.disposition == "RESTOCKED" and item_id not in restock:
                restock.append(item_id)
        if not items:
            raise Permanent(
                f"Return {record.rma} names no Magento order items, so no refund can be "
                "recorded; refund it in the store."
            )
        _, answer = self.client.request(
            "POST",
            f"{self._api}/order/{record.order_external_id}/refund",
            body={
                "items": [{"order_item_id": i, "qty": q} for i, q in items.items()],
                "notify": False,
                "appendComment": True,
                "comment": {"comment": f"{marker} refund", "is_visible_on_front": 0},
                "arguments": {
                    "shipping_amount": 0,
                    "adjustment_positive": 0,
                    "adjustment_negative": 0,
                    "extension_attributes": {"return_to_stock_items": restock},
                },
            },
            write=True,
        )
        return str(answer)

    def test(self) -> str:
        _, data = self.client.request(
            "GET", f"{self._api}/orders", params=criteria([], page_size=1)
        )
        total = as_dict(data).get("total_count", "?")
        return f"Connected to Magento: {total} orders in the store."
