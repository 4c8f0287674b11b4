"""The Shopify GraphQL Admin API adapter.

Reading: ``orders(first:, after:, query: "updated_at:>='…'", sortKey: UPDATED_AT)`` with
cursor pagination inside a run: every page of a run sends the same ``query`` (a connection
cursor belongs to the query it came from); between runs the newest committed ``updatedAt`` is
the saved cursor, and the next run's query starts there (``>=``: orders sharing that second
are read again and skipped by the upsert). Orders with more line items than the first page of
them are completed with follow-up queries.

Rate limit: GraphQL requests are priced in points from a leaky bucket. Each answer's
``extensions.cost.throttleStatus`` tells the bucket's size, content and restore rate; we keep
an estimate of the content and wait until it holds the next query's requested cost, so the
store is used at its restore rate without being throttled. The estimate (and each query's
cost) belongs to the store for the life of the process, not to one run: a run that starts
right after another waits for the bucket the last one emptied instead of being throttled.
A ``THROTTLED`` answer (or a 429) is waited out and retried; it did not run.

Writing: ``fulfillmentCreate`` on the order's open fulfillment orders with the package's
lines and tracking. The order's fulfillments are read first, every time: a fulfillment with
our reference as its tracking number means an earlier try got through.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from .http import HttpClient
from .pickup import DEFAULT_KEYS, PickupKeys, meta_pairs, pickup_point
from .records import (
    LineData,
    Malformed,
    OrderData,
    Page,
    Permanent,
    Shipment,
    Transient,
    as_dict,
    stamp_of,
)

API_VERSION = "2025-10"
LINES_FIRST = 10
#: Keep a page's requested cost to this share of the bucket, so a page never waits for a
#: full bucket and the refill is never lost to an overflowing one.
PAGE_SHARE = 0.6
#: Custom attributes (where pickup-point apps put the customer's point) are a plain list:
#: priced as a page of this many objects.
ATTRIBUTES_COST = 10
# order, address, shipping line, lines, attributes
ORDER_NODE_COST = 1 + 1 + 1 + 2 + LINES_FIRST * 2 + ATTRIBUTES_COST

STATUS = {
    "UNFULFILLED": "open",
    "PARTIALLY_FULFILLED": "open",
    "OPEN": "open",
    "IN_PROGRESS": "open",
    "PENDING_FULFILLMENT": "open",
    "ON_HOLD": "on_hold",
    "SCHEDULED": "on_hold",
    "FULFILLED": "fulfilled",
    "RESTOCKED": "cancelled",
}

ORDER_FIELDS = f"""
      id name updatedAt cancelledAt displayFulfillmentStatus note
      shippingAddress {{ name company address1 address2 city zip province countryCodeV2 phone }}
      shippingLine {{ title deliveryCategory }}
      customAttributes {{ key value }}
      lineItems(first: {LINES_FIRST}) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{ id sku name quantity currentQuantity variant {{ sku barcode }} }}
      }}
"""

ORDERS_QUERY = (
    """
query Orders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { """
    + ORDER_FIELDS
    + """ }
  }
}"""
)

MORE_LINES_QUERY = """
query MoreLines($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id sku name quantity currentQuantity variant { sku barcode } }
    }
  }
}"""

FULFILLMENT_STATE_QUERY = """
query FulfillmentState($id: ID!) {
  order(id: $id) {
    fulfillments(first: 20) { id trackingInfo(first: 1) { number } }
    fulfillmentOrders(first: 3) {
      nodes { id status lineItems(first: 50) {
        nodes { id remainingQuantity lineItem { id sku } } } }
    }
  }
}"""

FULFILL_MUTATION = """
mutation Fulfill($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}"""


def _stamp(text: Any) -> datetime:
    if not isinstance(text, str):
        raise Malformed("has no update time")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        raise Malformed(f"has an unreadable update time {text!r}") from None


def _lines(nodes: list[Any]) -> list[LineData]:
    lines = []
    for node in nodes:
        if not isinstance(node, dict):
            raise Malformed("has a line item that is not an object")
        qty = node.get("currentQuantity", node.get("quantity"))
        if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0:
            raise Malformed(f"has a line with quantity {qty!r}")
        if qty == 0:  # removed by an order edit
            continue
        variant = as_dict(node.get("variant"))
        sku = node.get("sku") or variant.get("sku") or ""
        lines.append(
            LineData(
                str(node.get("id", "")),
                str(sku).strip(),
                str(node.get("name") or sku),
                qty,
                str(variant.get("barcode") or ""),
            )
        )
    return lines


def map_order(
    raw: Any, extra_lines: list[Any] | None = None, pickup_keys: PickupKeys = DEFAULT_KEYS
) -> OrderData:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise Malformed("has no id")
    if raw.get("cancelledAt"):
        status = "cancelled"
    else:
        display = raw.get("displayFulfillmentStatus")
        known = STATUS.get(display) if isinstance(display, str) else None
        if known is None:
            raise Malformed(f"has a fulfillment status we do not handle ({display!r})")
        status = known
    items = as_dict(raw.get("lineItems"))
    lines = _lines([*(items.get("nodes") or []), *(extra_lines or [])])
    if not lines:
        raise Malformed("has no line items to ship")
    address = raw.get("shippingAddress")
    if not isinstance(address, dict):
        raise Malformed("has no shipping address")
    ship_to = {
        "name": address.get("name") or "",
        "company": address.get("company") or "",
        "address1": address.get("address1") or "",
        "address2": address.get("address2") or "",
        "city": address.get("city") or "",
        "zip": address.get("zip") or "",
        "province": address.get("province") or "",
        "country": address.get("countryCodeV2") or "",
        "phone": address.get("phone") or "",
    }
    shipping_line = as_dict(raw.get("shippingLine"))
    point = pickup_point(meta_pairs(raw.get("customAttributes")), pickup_keys)
    if point is not None:
        ship_to["pickup_point"] = point
    if str(shipping_line.get("deliveryCategory") or "").lower() == "pick-up":
        ship_to["local_pickup"] = True
    return OrderData(
        external_id=raw["id"],
        number=str(raw.get("name") or raw["id"]),
        status=status,
        updated_at=_stamp(raw.get("updatedAt")),
        lines=tuple(lines),
        ship_to=ship_to,
        customer_name=ship_to["name"],
        service=str(shipping_line.get("title") or ""),
        note=str(raw.get("note") or ""),
    )


class CostLimiter:
    """Our estimate of the store's bucket, from the last ``throttleStatus`` we saw."""

    def __init__(self) -> None:
        self.maximum = 1000.0
        self.available: float | None = None
        self.rate = 50.0
        #: The requested cost each query had last time, by the query's name.
        self.costs: dict[str, float] = {}
        self._at = time.monotonic()
        self._lock = threading.Lock()

    def update(self, status: dict[str, Any]) -> None:
        with self._lock:
            self.maximum = float(status.get("maximumAvailable") or self.maximum)
            self.available = float(status.get("currentlyAvailable") or 0)
            self.rate = float(status.get("restoreRate") or self.rate)
            self._at = time.monotonic()

    def spend(self, points: float) -> None:
        with self._lock:
            if self.available is not None:
                self.available -= points

    def wait_s(self, cost: float) -> float:
        """How long until the bucket holds ``cost`` points (0 when it does now)."""
        with self._lock:
            if self.available is None:
                return 0.0
            now = time.monotonic()
            estimate = min(self.maximum, self.available + (now - self._at) * self.rate)
            return 0.0 if estimate >= cost else (cost - estimate) / self.rate


class ShopifyAdapter:
    platform = "shopify"

    def __init__(
        self,
        client: HttpClient,
        *,
        initial_days: int = 60,
        limiter: CostLimiter | None = None,
        pickup_keys: PickupKeys = DEFAULT_KEYS,
    ):
        self.client = client
        self.initial_days = initial_days
        self.pickup_keys = pickup_keys
        self.limiter = limiter or CostLimiter()
        self.throttled = 0
        self._costs = self.limiter.costs
        self._path = f"/admin/api/{API_VERSION}/graphql.json"

    def close(self) -> None:
        self.client.close()

    @property
    def page_size(self) -> int:
        return max(5, min(250, int((self.limiter.maximum * PAGE_SHARE - 2) // ORDER_NODE_COST)))

    def graphql(
        self, name: str, query: str, variables: dict[str, Any], *, write: bool = False
    ) -> dict[str, Any]:
        """Run a query, pacing it by the bucket; THROTTLED answers are waited out."""
        for _ in range(20):
            wait = self.limiter.wait_s(self._costs.get(name, 0.0))
            self.client.wait(wait)
            _, data = self.client.request(
                "POST", self._path, body={"query": query, "variables": variables}, write=write
            )
            if not isinstance(data, dict):
                raise Transient(f"{self.client.store} sent an answer we cannot read.")
            cost = (data.get("extensions") or {}).get("cost") or {}
            if cost.get("throttleStatus"):
                self.limiter.update(cost["throttleStatus"])
            if cost.get("requestedQueryCost") is not None:
                self._costs[name] = float(cost["requestedQueryCost"])
            errors = data.get("errors") or []
            codes = {
                ((e.get("extensions") or {}).get("code")) for e in errors if isinstance(e, dict)
            }
            if "THROTTLED" in codes:
                self.throttled += 1
                continue  # the wait above now covers the requested cost
            if "MAX_COST_EXCEEDED" in codes and "first" in variables:
                # A smaller bucket than we assumed (before the first answer told us): learn
                # its size and ask for a page that fits.
                limits = [as_dict(e.get("extensions")).get("maxCost") for e in errors]
                sizes = [float(v) for v in limits if isinstance(v, int | float)]
                if sizes and sizes[0] < self.limiter.maximum:
                    self.limiter.maximum = sizes[0]
                    variables = {**variables, "first": self.page_size}
                    continue
            if errors:
                message = "; ".join(str(e.get("message", e)) for e in errors if isinstance(e, dict))
                if codes & {"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"}:
                    raise Transient(f"{self.client.store}: {message}")
                raise Permanent(f"{self.client.store} rejected the request: {message}")
            result = data.get("data")
            if not isinstance(result, dict):
                raise Transient(f"{self.client.store} sent an answer without data.")
            return result
        raise Transient(f"{self.client.store} kept throttling us; will try again later.")

    # -- reading ---------------------------------------------------------------------------

    def fetch_page(self, cursor: str | None, state: Any = None) -> Page:
        """A page of orders. ``state`` is ``(query's start, endCursor)`` from the page
        before in this run, else None: a new query from the saved ``cursor``."""
        after: str | None = None
        if isinstance(state, tuple | list) and len(state) == 2:
            since, after = _stamp(state[0]), state[1]
        elif cursor:
            since = _stamp(cursor)
        else:
            since = datetime.now(UTC) - timedelta(days=self.initial_days)
        start = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        query = f"updated_at:>='{start}'"
        data = self.graphql(
            "orders", ORDERS_QUERY, {"first": self.page_size, "after": after, "query": query}
        )
        orders = data.get("orders") or {}
        page = Page(orders=[], malformed=[])
        newest = since
        for raw in orders.get("nodes") or []:
            ident = raw.get("id") if isinstance(raw, dict) else None
            try:
                with_more = self._more_lines(raw)
                mapped = map_order(raw, with_more, self.pickup_keys)
            except Malformed as exc:
                page.malformed.append((ident, str(exc), raw))
                newest = max(newest, stamp_of(raw, "updatedAt") or newest)
                continue
            page.orders.append(mapped)
            newest = max(newest, mapped.updated_at)
        info = orders.get("pageInfo") or {}
        page.next = (start, info.get("endCursor")) if info.get("hasNextPage") else None
        page.cursor = newest.strftime("%Y-%m-%dT%H:%M:%SZ")
        return page

    def _more_lines(self, raw: Any) -> list[Any]:
        if not isinstance(raw, dict):
            return []
        info = ((raw.get("lineItems") or {}).get("pageInfo")) or {}
        extra: list[Any] = []
        after = info.get("endCursor")
        while info.get("hasNextPage"):
            data = self.graphql("lines", MORE_LINES_QUERY, {"id": raw["id"], "after": after})
            items = ((data.get("order") or {}).get("lineItems")) or {}
            extra.extend(items.get("nodes") or [])
            info = items.get("pageInfo") or {}
            after = info.get("endCursor")
        return extra

    # -- writing ---------------------------------------------------------------------------

    def deliver(self, shipment: Shipment, *, check_first: bool) -> str:
        state = self.graphql(
            "state", FULFILLMENT_STATE_QUERY, {"id": shipment.order_external_id}
        ).get("order")
        if not state:
            raise Permanent(f"Order {shipment.order_number} no longer exists in the store.")
        for done in state.get("fulfillments") or []:
            numbers = {t.get("number") for t in done.get("trackingInfo") or []}
            if shipment.reference in numbers:
                return str(done["id"])  # an earlier try got through
        groups = self._allocate(shipment, state)
        tracking: dict[str, Any] = {"number": shipment.reference}
        if shipment.carrier:
            tracking["company"] = shipment.carrier
        if shipment.tracking_url:
            tracking["url"] = shipment.tracking_url
        result = self.graphql(
            "fulfill",
            FULFILL_MUTATION,
            {
                "fulfillment": {
                    "lineItemsByFulfillmentOrder": groups,
                    "trackingInfo": tracking,
                    "notifyCustomer": bool(shipment.tracking),
                }
            },
            write=True,
        )
        payload = result.get("fulfillmentCreate") or {}
        errors = payload.get("userErrors") or []
        if errors:
            raise Permanent(
                f"The store refused the fulfillment of {shipment.order_number}: "
                + "; ".join(str(e.get("message")) for e in errors)
            )
        fulfillment = payload.get("fulfillment") or {}
        return str(fulfillment.get("id", ""))

    def _allocate(self, shipment: Shipment, state: dict[str, Any]) -> list[dict[str, Any]]:
        """Our package's lines spread over the order's open fulfillment orders."""
        open_items: list[tuple[str, dict[str, Any]]] = []
        held = []
        for fo in ((state.get("fulfillmentOrders") or {}).get("nodes")) or []:
            if fo.get("status") not in ("OPEN", "IN_PROGRESS"):
                held.append(fo.get("status"))
                continue
            for item in ((fo.get("lineItems") or {}).get("nodes")) or []:
                open_items.append((fo["id"], item))
        groups: dict[str, list[dict[str, Any]]] = {}
        for external_id, sku, quantity in shipment.lines:
            left = quantity
            for fo_id, item in open_items:
                line = item.get("lineItem") or {}
                if line.get("id") != external_id and not (
                    not external_id and sku and line.get("sku") == sku
                ):
                    continue
                take = min(left, int(item.get("remainingQuantity") or 0))
                if take > 0:
                    groups.setdefault(fo_id, []).append({"id": item["id"], "quantity": take})
                    item["remainingQuantity"] -= take
                    left -= take
            if left > 0 and held and not open_items:
                states = ", ".join(sorted({str(h).lower().replace("_", " ") for h in held}))
                raise Permanent(
                    f"The store will not take the fulfillment of {shipment.order_number}: the "
                    f"order is {states} in the store. Check the order there."
                )
            if left > 0:
                why = f" (fulfillment orders {', '.join(map(str, held))})" if held else ""
                raise Permanent(
                    f"The store has nothing left to fulfil for {sku} on order "
                    f"{shipment.order_number}{why}; check the order in the store."
                )
        return [
            {"fulfillmentOrderId": fo_id, "fulfillmentOrderLineItems": items}
            for fo_id, items in groups.items()
        ]

    def test(self) -> str:
        data = self.graphql("shop", "query { shop { name myshopifyDomain } }", {})
        shop = data.get("shop") or {}
        return f"Connected to Shopify: {shop.get('name')} ({shop.get('myshopifyDomain')})."
