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

API version 2026-04 for everything (the emulator serves any version's path; nothing we read
changed): stock writes need its ``changeFromQuantity`` and ``@idempotent``.

Stock: ``inventorySetQuantities`` of ``available`` at the store's location (the store's
``location_id`` option, else the store's first location), with
``changeFromQuantity`` = what the store last reported (compare-and-swap) and an
``@idempotent`` key derived from the batch's key: a request whose outcome is unknown is sent
again at once with the same key, and the store answers as the first time without applying it
twice. Shopify applies a set all or nothing: a stale line (the store sold meanwhile) is read
again and the batch sent once more (under a key of its own); an unknown item is answered as
refused for good and left out. SKUs are mapped to inventory item ids with
``productVariants(query: "sku:…")``, in look-ups sized to the cost bucket; the ids come back in
``StockResult.remote`` and are used without a look-up next time.

Returns in: orders whose ``returnStatus`` says they have returns are read again for them
(``order.returns``), so the orders query stays cheap. Returns out (``process_return``): a
return we open ourselves (``returnableFulfillments`` then ``returnCreate``) carries our RMA
number in each line's reason note, so a retry finds it instead of opening another; then the
return's state is read, every time, and ``returnProcess`` sends only the quantities not yet
processed, with a disposition per unit (RESTOCKED at the store's location).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from ..config import RETURN_REASONS
from .http import HttpClient
from .pickup import DEFAULT_KEYS, PickupKeys, meta_pairs, pickup_point
from .records import (
    LineData,
    Malformed,
    OrderData,
    Page,
    Permanent,
    ReturnData,
    ReturnLineData,
    ReturnRecord,
    Shipment,
    StockLevel,
    StockResult,
    Transient,
    UnknownOutcome,
    as_dict,
    stamp_of,
)

API_VERSION = "2026-04"
LINES_FIRST = 10
#: Keep a page's requested cost to this share of the bucket, so a page never waits for a
#: full bucket and the refill is never lost to an overflowing one.
PAGE_SHARE = 0.6
#: Custom attributes (where pickup-point apps put the customer's point) are a plain list:
#: priced as a page of this many objects.
ATTRIBUTES_COST = 10
# order, address, shipping line, lines, attributes
ORDER_NODE_COST = 1 + 1 + 1 + 2 + LINES_FIRST * 2 + ATTRIBUTES_COST

#: SKUs a stock request may carry (Shopify's limit on ``inventorySetQuantities``).
STOCK_BATCH = 250
#: A variant in a stock look-up: variant, inventory item, level, quantity.
VARIANT_NODE_COST = 4
#: How often a stock write whose outcome is unknown is sent again with the same key.
WRITE_TRIES = 4
RETURN_STATUSES = ("requested", "open", "closed", "declined", "canceled")
STALE = ("CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE")

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
      id name updatedAt cancelledAt displayFulfillmentStatus note returnStatus
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

RETURN_LINE_FIELDS = """
      ... on ReturnLineItem {
        id quantity returnReason returnReasonNote fulfillmentLineItem { lineItem { id sku } }
      }"""

RETURNS_QUERY = (
    """
query Returns($id: ID!) {
  order(id: $id) {
    returns(first: 5) {
      nodes { id status returnLineItems(first: 20) { nodes {"""
    + RETURN_LINE_FIELDS
    + """ } } }
    }
  }
}"""
)

VARIANTS_QUERY = """
query Variants($first: Int!, $query: String!, $location: ID!) {
  productVariants(first: $first, query: $query) {
    nodes { sku inventoryItem { id inventoryLevel(locationId: $location) {
      quantities(names: ["available"]) { name quantity } } } }
  }
}"""

SET_STOCK_MUTATION = """
mutation SetStock($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id changes { name quantityAfterChange item { id } } }
    userErrors { field message code }
  }
}"""

LOCATIONS_QUERY = "query Locations { locations(first: 1) { nodes { id } } }"

RETURNABLE_QUERY = """
query Returnable($id: ID!) {
  returnableFulfillments(orderId: $id, first: 5) {
    nodes { id returnableFulfillmentLineItems(first: 30) {
      nodes { quantity fulfillmentLineItem { id lineItem { id sku } } } } }
  }
}"""

OUR_RETURNS_QUERY = """
query OurReturns($id: ID!) {
  order(id: $id) {
    returns(first: 10) {
      nodes { id status returnLineItems(first: 20) {
        nodes { ... on ReturnLineItem { returnReasonNote } } } }
    }
  }
}"""

RETURN_CREATE_MUTATION = """
mutation OpenReturn($input: ReturnInput!) {
  returnCreate(returnInput: $input) {
    return { id status }
    userErrors { field message code }
  }
}"""

RETURN_STATE_QUERY = """
query ReturnState($id: ID!) {
  return(id: $id) {
    id status
    returnLineItems(first: 50) { nodes { ... on ReturnLineItem {
      id quantity processedQuantity fulfillmentLineItem { id lineItem { id sku } } } } }
    reverseFulfillmentOrders(first: 2) { nodes { id lineItems(first: 50) {
      nodes { id fulfillmentLineItem { id } } } } }
  }
}"""

RETURN_PROCESS_MUTATION = """
mutation ProcessReturn($input: ReturnProcessInput!) {
  returnProcess(input: $input) {
    return { id status }
    userErrors { field message code }
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


def _return_lines(raw: Any) -> list[ReturnLineData]:
    nodes = as_dict(raw).get("nodes")
    lines = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict):
            raise Malformed("has a return line that is not an object")
        if not node:  # a line of another kind (an unverified return line): not ours to map
            continue
        if not isinstance(node.get("id"), str) or not node["id"]:
            raise Malformed("has a return line without an id")
        qty = node.get("quantity")
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise Malformed(f"has a return line with quantity {qty!r}")
        line = as_dict(as_dict(node.get("fulfillmentLineItem")).get("lineItem"))
        reason = node.get("returnReason")
        lines.append(
            ReturnLineData(
                external_id=node["id"],
                line_external_id=str(line.get("id") or ""),
                sku=str(line.get("sku") or "").strip(),
                quantity=qty,
                reason=reason
                if isinstance(reason, str) and reason in RETURN_REASONS
                else "UNKNOWN",
                note=str(node.get("returnReasonNote") or ""),
            )
        )
    return lines


def map_returns(raw: Any) -> tuple[ReturnData, ...]:
    """An order's ``returns`` connection as ours (absent: no returns)."""
    nodes = as_dict(raw).get("nodes")
    returns = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node["id"]:
            raise Malformed("has a return without an id")
        status = node.get("status")
        ours = status.lower() if isinstance(status, str) else ""
        if ours not in RETURN_STATUSES:
            raise Malformed(f"has a return with a status we do not handle ({status!r})")
        returns.append(
            ReturnData(node["id"], ours, tuple(_return_lines(node.get("returnLineItems"))))
        )
    return tuple(returns)


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
        returns=map_returns(raw.get("returns")),
    )


def _quantity_index(field: Any) -> int | None:
    """The line a user error of ``inventorySetQuantities`` is about (its ``field`` path
    ``["input", "quantities", "3", …]``), None when it is about the whole request."""
    if isinstance(field, list) and len(field) >= 3 and field[1] == "quantities":
        try:
            return int(field[2])
        except (TypeError, ValueError):
            return None
    return None


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
    stock_batch = STOCK_BATCH

    def __init__(
        self,
        client: HttpClient,
        *,
        initial_days: int = 60,
        limiter: CostLimiter | None = None,
        pickup_keys: PickupKeys = DEFAULT_KEYS,
        location_id: str | None = None,
    ):
        self.client = client
        #: The store's location for stock and restocked returns (the store's
        #: ``location_id`` option); None: the first one the store names.
        self.location_id = location_id or None
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
        self,
        name: str,
        query: str,
        variables: dict[str, Any],
        *,
        write: bool = False,
        expect: float = 0.0,
    ) -> dict[str, Any]:
        """Run a query, pacing it by the bucket (``expect``: what it will cost, when known
        better than by its last run); THROTTLED answers are waited out."""
        for _ in range(20):
            wait = self.limiter.wait_s(max(expect, self._costs.get(name, 0.0)))
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
                raw = self._with_returns(raw)
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

    def _with_returns(self, raw: Any) -> Any:
        """The order with its returns, read for the orders that have any."""
        if not isinstance(raw, dict) or raw.get("returnStatus") in (None, "NO_RETURN"):
            return raw
        data = self.graphql("returns", RETURNS_QUERY, {"id": raw["id"]})
        return {**raw, "returns": as_dict(data.get("order")).get("returns")}

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

    # -- stock -----------------------------------------------------------------------------

    def push_stock(self, levels: Sequence[StockLevel], *, key: str) -> list[StockResult]:
        results: dict[int, StockResult] = {}
        # index -> (inventory item id, location id, the store's quantity as we know it)
        pending: dict[int, tuple[str, str, int | None]] = {}
        unknown = []
        for index, level in enumerate(levels):
            item, location = level.remote.get("inventory_item_id"), level.remote.get("location_id")
            if (
                isinstance(item, str)
                and isinstance(location, str)
                and level.previous is not None
                and location == (self.location_id or location)
            ):
                pending[index] = (item, location, level.previous)
            else:
                unknown.append(index)
        self._resolve(levels, unknown, pending, results)
        stale_read = False
        for attempt in range(4):
            if not pending:
                break
            order = list(pending)
            # Each attempt is a different change (the first, then with quantities read
            # again): a key of its own, the same every time this batch is tried.
            answer = self._set_stock(levels, pending, f"{key}#{attempt}" if attempt else key)
            errors = answer.get("userErrors") or []
            if not errors:
                after = {}
                group = as_dict(answer.get("inventoryAdjustmentGroup"))
                for change in group.get("changes") or []:
                    item_id = as_dict(as_dict(change).get("item")).get("id")
                    if isinstance(change.get("quantityAfterChange"), int):
                        after[item_id] = change["quantityAfterChange"]
                for index, (item, location, _) in pending.items():
                    level = levels[index]
                    results[index] = StockResult(
                        level.sku,
                        True,
                        remote={"inventory_item_id": item, "location_id": location},
                        quantity=after.get(item, level.quantity),
                    )
                pending = {}
                break
            stale = []
            for error in errors:
                error = as_dict(error)
                position = _quantity_index(error.get("field"))
                if position is None or position >= len(order):
                    raise Permanent(
                        f"{self.client.store} refused the stock update: {error.get('message')}"
                    )
                index = order[position]
                if index not in pending:
                    continue
                if error.get("code") in STALE and not stale_read:
                    stale.append(index)
                    continue
                item, location, _ = pending.pop(index)
                changed = error.get("code") in STALE
                results[index] = StockResult(
                    levels[index].sku,
                    False,
                    error=(
                        f"The store's stock of {levels[index].sku} kept changing while we set "
                        "it; it is tried again."
                    )
                    if changed
                    else f"The store refused the stock of {levels[index].sku}: "
                    f"{error.get('message')}",
                    permanent=not changed,
                    remote={"inventory_item_id": item, "location_id": location},
                )
            if stale:  # the store sold meanwhile: read what it holds now, once
                stale_read = True
                for index in stale:
                    del pending[index]
                self._resolve(levels, stale, pending, results)
        for index in pending:  # not reached: only if the store kept answering with errors
            results[index] = StockResult(
                levels[index].sku, False, error="The store did not take the stock; tried again."
            )
        return [results[i] for i in range(len(levels))]

    def _resolve(
        self,
        levels: Sequence[StockLevel],
        indexes: list[int],
        pending: dict[int, tuple[str, str, int | None]],
        results: dict[int, StockResult],
    ) -> None:
        """Inventory item, location and current quantity of these levels' SKUs, looked up
        in the store; a SKU the store does not have is refused for good."""
        found = self._look_up([levels[i].sku for i in indexes])
        for index in indexes:
            sku = levels[index].sku
            hit = found.get(sku)
            if isinstance(hit, tuple):
                pending[index] = hit
            else:
                results[index] = StockResult(
                    sku,
                    False,
                    error=hit or f"The store has no product with SKU {sku}.",
                    permanent=True,
                )

    def _look_up(self, skus: list[str]) -> dict[str, tuple[str, str, int | None] | str]:
        found: dict[str, tuple[str, str, int | None] | str] = {}
        wanted = list(dict.fromkeys(s for s in skus if s))
        if not wanted:
            return found
        location = self._location()
        size = max(1, min(250, int((self.limiter.maximum * PAGE_SHARE - 2) // VARIANT_NODE_COST)))
        for start in range(0, len(wanted), size):
            chunk = wanted[start : start + size]
            search = " OR ".join(
                'sku:"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in chunk
            )
            variables = {"first": len(chunk), "query": search, "location": location}
            expect = 2 + len(chunk) * VARIANT_NODE_COST
            data = self.graphql("variants", VARIANTS_QUERY, variables, expect=expect)
            for node in as_dict(data.get("productVariants")).get("nodes") or []:
                node = as_dict(node)
                sku = node.get("sku")
                if sku not in chunk or isinstance(found.get(sku), tuple):
                    continue
                item = as_dict(node.get("inventoryItem"))
                level = item.get("inventoryLevel")
                if not isinstance(item.get("id"), str) or not isinstance(level, dict):
                    found[sku] = f"{sku} is not stocked at the store's location."
                    continue
                quantity = next(
                    (
                        q.get("quantity")
                        for q in level.get("quantities") or []
                        if isinstance(q, dict) and q.get("name") == "available"
                    ),
                    None,
                )
                found[sku] = (item["id"], location, quantity if isinstance(quantity, int) else None)
        return found

    def _set_stock(
        self,
        levels: Sequence[StockLevel],
        pending: dict[int, tuple[str, str, int | None]],
        key: str,
    ) -> dict[str, Any]:
        variables = {
            "input": {
                "name": "available",
                "reason": "correction",
                "referenceDocumentUri": f"fulfillment://stock-push/{key}",
                "quantities": [
                    {
                        "inventoryItemId": item,
                        "locationId": location,
                        "quantity": levels[index].quantity,
                        "changeFromQuantity": previous,
                    }
                    for index, (item, location, previous) in pending.items()
                ],
            },
            "key": str(uuid.uuid5(uuid.NAMESPACE_URL, f"fulfillment://stock-push/{key}")),
        }
        for attempt in range(WRITE_TRIES):
            try:
                data = self.graphql("set_stock", SET_STOCK_MUTATION, variables, write=True)
                return as_dict(data.get("inventorySetQuantities"))
            except UnknownOutcome:
                # The same key again: the store applies it at most once.
                if attempt == WRITE_TRIES - 1:
                    raise
                self.client.wait(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    # -- returns ---------------------------------------------------------------------------

    def process_return(self, record: ReturnRecord, *, check_first: bool) -> str:
        return_id = record.return_external_id or self._our_return(record)
        if not return_id:
            return_id = self._open_return(record)
        state = as_dict(
            self.graphql("return_state", RETURN_STATE_QUERY, {"id": return_id}).get("return")
        )
        if not state:
            raise Permanent(
                f"The return of order {record.order_number} (RMA {record.rma}) no longer "
                "exists in the store; check it there."
            )
        items = self._unprocessed(record, state)
        if not items:
            return return_id  # processed already (an earlier try got through)
        answer = as_dict(
            self.graphql(
                "return_process",
                RETURN_PROCESS_MUTATION,
                {
                    "input": {
                        "returnId": return_id,
                        "returnLineItems": items,
                        "notifyCustomer": False,
                    }
                },
                write=True,
            ).get("returnProcess")
        )
        errors = answer.get("userErrors") or []
        if errors:
            raise Permanent(
                f"The store refused to process the return of order {record.order_number} "
                f"(RMA {record.rma}): " + "; ".join(str(as_dict(e).get("message")) for e in errors)
            )
        return return_id

    @staticmethod
    def _tag(record: ReturnRecord) -> str:
        return f"[RMA {record.rma}]"

    def _our_return(self, record: ReturnRecord) -> str:
        """The store's return opened by an earlier try for this RMA, "" if none."""
        data = self.graphql("our_returns", OUR_RETURNS_QUERY, {"id": record.order_external_id})
        order = as_dict(data.get("order"))
        if not order:
            raise Permanent(f"Order {record.order_number} no longer exists in the store.")
        for node in as_dict(order.get("returns")).get("nodes") or []:
            node = as_dict(node)
            if node.get("status") in ("CANCELED", "DECLINED"):
                continue
            notes = [
                str(as_dict(n).get("returnReasonNote") or "")
                for n in as_dict(node.get("returnLineItems")).get("nodes") or []
            ]
            if any(self._tag(record) in n for n in notes):
                return str(node.get("id"))
        return ""

    def _open_return(self, record: ReturnRecord) -> str:
        data = self.graphql("returnable", RETURNABLE_QUERY, {"id": record.order_external_id})
        free: list[list[Any]] = []  # [fulfillment line item id, line id, sku, quantity]
        for fulfillment in as_dict(data.get("returnableFulfillments")).get("nodes") or []:
            items = as_dict(as_dict(fulfillment).get("returnableFulfillmentLineItems"))
            for item in items.get("nodes") or []:
                fli = as_dict(as_dict(item).get("fulfillmentLineItem"))
                ordered = as_dict(fli.get("lineItem"))
                free.append(
                    [fli.get("id"), ordered.get("id"), ordered.get("sku"), item.get("quantity")]
                )
        wanted = []
        for line in record.lines:
            left = line.quantity
            for entry in free:
                fli_id, line_id, sku, quantity = entry
                same = (
                    line_id == line.line_external_id if line.line_external_id else sku == line.sku
                )
                take = min(left, quantity or 0)
                if not same or take <= 0:
                    continue
                wanted.append(
                    {
                        "fulfillmentLineItemId": fli_id,
                        "quantity": take,
                        "returnReason": line.reason if line.reason in RETURN_REASONS else "OTHER",
                        "returnReasonNote": f"{self._tag(record)} {line.reason}".strip(),
                    }
                )
                entry[3] -= take
                left -= take
            if left > 0:
                raise Permanent(
                    f"The store will not take a return of {line.quantity} × {line.sku} on order "
                    f"{record.order_number} (RMA {record.rma}): only fulfilled items can be "
                    "returned, and not more than once. Check the order in the store."
                )
        answer = as_dict(
            self.graphql(
                "return_create",
                RETURN_CREATE_MUTATION,
                {
                    "input": {
                        "orderId": record.order_external_id,
                        "returnLineItems": wanted,
                        "notifyCustomer": False,
                    }
                },
                write=True,
            ).get("returnCreate")
        )
        errors = answer.get("userErrors") or []
        created = as_dict(answer.get("return")).get("id")
        if errors or not isinstance(created, str):
            raise Permanent(
                f"The store refused to open a return for order {record.order_number} "
                f"(RMA {record.rma}): " + "; ".join(str(as_dict(e).get("message")) for e in errors)
            )
        return created

    def _location(self) -> str:
        if not self.location_id:
            nodes = as_dict(self.graphql("locations", LOCATIONS_QUERY, {}).get("locations"))
            first = as_dict(next(iter(nodes.get("nodes") or []), None)).get("id")
            if not isinstance(first, str):
                raise Permanent(f"{self.client.store} has no location to restock returns at.")
            self.location_id = first
        return self.location_id

    def _unprocessed(self, record: ReturnRecord, state: dict[str, Any]) -> list[dict[str, Any]]:
        """``returnProcess`` lines for what the store has not processed yet: our units in
        record order, the first ``processedQuantity`` of each return line already done."""
        reverse: dict[Any, str] = {}
        for rfo in as_dict(state.get("reverseFulfillmentOrders")).get("nodes") or []:
            for item in as_dict(as_dict(rfo).get("lineItems")).get("nodes") or []:
                item = as_dict(item)
                reverse[as_dict(item.get("fulfillmentLineItem")).get("id")] = str(item.get("id"))
        # [id, quantity, processed, line id, sku, fulfillment line item id, taken]
        lines: list[list[Any]] = []
        for node in as_dict(state.get("returnLineItems")).get("nodes") or []:
            node = as_dict(node)
            fli = as_dict(node.get("fulfillmentLineItem"))
            line = as_dict(fli.get("lineItem"))
            lines.append(
                [
                    node.get("id"),
                    int(node.get("quantity") or 0),
                    int(node.get("processedQuantity") or 0),
                    line.get("id"),
                    line.get("sku"),
                    fli.get("id"),
                    0,
                ]
            )
        plan: dict[str, list[tuple[str, int]]] = {}  # return line id -> (disposition, qty)
        for ours in record.lines:
            left = ours.quantity
            for entry in lines:
                rli, quantity, _done, line_id, sku, _fli, taken = entry
                if ours.return_line_id:
                    same = rli == ours.return_line_id
                elif ours.line_external_id:
                    same = line_id == ours.line_external_id
                else:
                    same = sku == ours.sku
                take = min(left, quantity - taken)
                if same and take > 0:
                    plan.setdefault(str(rli), []).append((ours.disposition, take))
                    entry[6] += take
                    left -= take
            if left > 0:
                raise Permanent(
                    f"The store's return for order {record.order_number} (RMA {record.rma}) "
                    f"has fewer than {ours.quantity} × {ours.sku}; check the return there."
                )
        items = []
        for rli, _quantity, processed, _line_id, _sku, fli_id, _taken in lines:
            skip = processed
            dispositions = []
            for disposition, quantity in plan.get(str(rli), []):
                done = min(skip, quantity)
                skip -= done
                if quantity - done <= 0:
                    continue
                reverse_id = reverse.get(fli_id)
                if reverse_id is None:
                    raise Transient(
                        f"The store's return for order {record.order_number} is not ready to "
                        "be processed yet."
                    )
                dispose: dict[str, Any] = {
                    "reverseFulfillmentOrderLineItemId": reverse_id,
                    "quantity": quantity - done,
                    "dispositionType": disposition,
                }
                if disposition == "RESTOCKED":
                    dispose["locationId"] = self._location()
                dispositions.append(dispose)
            if dispositions:
                total = sum(d["quantity"] for d in dispositions)
                items.append({"id": rli, "quantity": total, "dispositions": dispositions})
        return items

    def test(self) -> str:
        data = self.graphql("shop", "query { shop { name myshopifyDomain } }", {})
        shop = data.get("shop") or {}
        return f"Connected to Shopify: {shop.get('name')} ({shop.get('myshopifyDomain')})."
