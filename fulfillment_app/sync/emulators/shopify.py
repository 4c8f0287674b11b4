"""A Shopify GraphQL Admin API emulator: ``orders`` with cursor pagination and the
``updated_at`` search filter, ``order(id:)``, ``fulfillmentCreate`` on fulfillment orders, the
access-token header, and the cost-based leaky bucket (``extensions.cost.throttleStatus``,
``THROTTLED``, ``MAX_COST_EXCEEDED``), with the faults of :mod:`.base` on request."""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from datetime import datetime
from typing import Any

from graphql import ExecutionResult, GraphQLError, execute_sync, parse, validate

from . import shopify_schema
from .base import Emulator, Faults, Request, Response, Shop, ShopLine, ShopOrder, parse_time

PATH = re.compile(r"^/admin/api/(\d{4}-\d{2}|unstable)/graphql\.json$")
SEARCH = re.compile(r"updated_at:(>=|<=|>|<)'?([0-9T:\-+.Z]+)'?")
DISPLAY = {
    "open": "UNFULFILLED",
    "on-hold": "ON_HOLD",
    "cancelled": "UNFULFILLED",
    "fulfilled": "FULFILLED",
}


def gid(kind: str, number: int) -> str:
    return f"gid://shopify/{kind}/{number}"


def gid_number(value: str) -> int:
    try:
        return int(str(value).rsplit("/", 1)[-1])
    except ValueError:
        return -1


def _cursor(order: ShopOrder) -> str:
    raw = json.dumps({"u": order.modified.isoformat(), "i": order.id})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _uncursor(text: str) -> tuple[datetime, int]:
    data = json.loads(base64.urlsafe_b64decode(text.encode()))
    return datetime.fromisoformat(data["u"]), int(data["i"])


def _iso(stamp: datetime) -> str:
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _page(items: list[Any], first: int | None, after: str | None) -> dict[str, Any]:
    """A nested connection (line items, fulfillment orders): positional cursors."""
    start = int(after) if after else 0
    count = first or shopify_schema.DEFAULT_PAGE
    chosen = items[start : start + count]
    edges = [{"cursor": str(start + i + 1), "node": n} for i, n in enumerate(chosen)]
    return {
        "edges": edges,
        "nodes": chosen,
        "pageInfo": {
            "hasNextPage": start + count < len(items),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }


class Bucket:
    """Shopify's leaky bucket of query cost points."""

    def __init__(self, maximum: float, restore_rate: float):
        self.maximum, self.restore_rate = maximum, restore_rate
        self.available = maximum
        self._at = time.monotonic()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = time.monotonic()
        self.available = min(self.maximum, self.available + (now - self._at) * self.restore_rate)
        self._at = now

    def take(self, cost: float) -> bool:
        with self._lock:
            self._refill()
            if cost > self.available:
                return False
            self.available -= cost
            return True

    def refund(self, points: float) -> None:
        with self._lock:
            self._refill()
            self.available = min(self.maximum, self.available + points)

    def status(self) -> dict[str, float]:
        with self._lock:
            self._refill()
            return {
                "maximumAvailable": self.maximum,
                "currentlyAvailable": int(self.available),
                "restoreRate": self.restore_rate,
            }


class ShopifyEmulator(Emulator):
    platform = "shopify"

    def __init__(
        self,
        shop: Shop,
        *,
        token: str = "shpat_demo",  # noqa: S107 - the emulator's published demo token
        faults: Faults | None = None,
        port: int = 0,
        bucket_size: float = 1000,
        restore_rate: float = 100,
    ):
        super().__init__(shop, faults=faults, port=port)
        self.token = token
        self.schema = shopify_schema.make_schema()
        self.bucket = Bucket(bucket_size, restore_rate)
        self.throttled: list[float] = []  # monotonic times of THROTTLED answers
        self.cost_log: list[tuple[float, int]] = []  # (monotonic time, actual cost)
        self._fulfillment_id = 1
        self._served: list[int] = []
        q = self.schema.query_type
        m = self.schema.mutation_type
        assert q is not None and m is not None
        q.fields["orders"].resolve = self._orders
        q.fields["order"].resolve = self._order
        q.fields["shop"].resolve = lambda *_: {
            "name": "Emulated shop",
            "myshopifyDomain": "emulated.myshopify.com",
        }
        order_type = self.schema.type_map["Order"]
        order_type.fields["lineItems"].resolve = (  # type: ignore[attr-defined]
            lambda o, _i, first=None, after=None: _page(o["_lines"], first, after)
        )
        order_type.fields["fulfillmentOrders"].resolve = (  # type: ignore[attr-defined]
            lambda o, _i, first=None, after=None: _page(o["_fos"], first, after)
        )
        order_type.fields["fulfillments"].resolve = (  # type: ignore[attr-defined]
            lambda o, _i, first=None: o["_fulfillments"][: first or None]
        )
        fo_type = self.schema.type_map["FulfillmentOrder"]
        fo_type.fields["lineItems"].resolve = (  # type: ignore[attr-defined]
            lambda fo, _i, first=None, after=None: _page(fo["_items"], first, after)
        )
        ff_type = self.schema.type_map["Fulfillment"]
        ff_type.fields["trackingInfo"].resolve = (  # type: ignore[attr-defined]
            lambda f, _i, first=None: f["trackingInfo"][: first or None]
        )
        m.fields["fulfillmentCreate"].resolve = self._fulfillment_create

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.method != "POST" or not PATH.match(request.path):
            return Response(404, {"errors": "Not Found"})
        if request.headers.get("x-shopify-access-token") != self.token:
            return Response(
                401,
                {
                    "errors": "[API] Invalid API key or access token "
                    "(unrecognized login or wrong password)"
                },
            )
        try:
            body = request.json()
            source = body["query"]
            variables = body.get("variables") or {}
            document = parse(source)
        except (ValueError, KeyError, TypeError, GraphQLError) as exc:
            return Response(400, {"errors": [{"message": f"Parse error: {exc}"}]})
        problems = validate(self.schema, document)
        if problems:
            return Response(200, {"errors": [{"message": e.message} for e in problems]})
        requested = shopify_schema.cost(self.schema, document, variables)
        if requested > self.bucket.maximum:
            return Response(
                200,
                {
                    "errors": [
                        {
                            "message": f"Query cost is {requested}, which exceeds the single "
                            f"query max cost limit ({int(self.bucket.maximum)}).",
                            "extensions": {
                                "code": "MAX_COST_EXCEEDED",
                                "cost": requested,
                                "maxCost": self.bucket.maximum,
                            },
                        }
                    ]
                },
            )
        if not self.bucket.take(requested):
            self.throttled.append(time.monotonic())
            return Response(
                200,
                {
                    "errors": [
                        {
                            "message": "Throttled",
                            "extensions": {
                                "code": "THROTTLED",
                                "documentation": "https://shopify.dev/api/usage/rate-limits",
                            },
                        }
                    ],
                    "extensions": {
                        "cost": {
                            "requestedQueryCost": requested,
                            "actualQueryCost": None,
                            "throttleStatus": self.bucket.status(),
                        }
                    },
                },
            )
        result: ExecutionResult = execute_sync(
            self.schema, document, variable_values=variables, root_value=None
        )
        actual = shopify_schema.cost(self.schema, document, variables, result.data)
        if shopify_schema.operation(document).operation.value == "mutation":
            actual = requested
        self.bucket.refund(max(0, requested - actual))
        self.cost_log.append((time.monotonic(), actual))
        out: dict[str, Any] = {"data": result.data}
        if result.errors:
            out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
        out["extensions"] = {
            "cost": {
                "requestedQueryCost": requested,
                "actualQueryCost": actual,
                "throttleStatus": self.bucket.status(),
            }
        }
        return Response(200, out)

    # -- resolvers -------------------------------------------------------------------------

    def _orders(
        self,
        _root: Any,
        _info: Any,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        query: str | None = None,
        sortKey: str | None = None,
        reverse: bool = False,
    ) -> dict[str, Any]:
        count = first or last or shopify_schema.DEFAULT_PAGE
        if count > 250:
            raise GraphQLError("The 'first' and 'last' arguments cannot exceed 250.")
        self.maybe_modify()
        with self.shop.lock:
            items = [o for o in self.shop.orders.values() if self._matches(o, query or "")]
            if sortKey == "CREATED_AT":
                items.sort(key=lambda o: (o.created, o.id))
            elif sortKey == "ID":
                items.sort(key=lambda o: o.id)
            else:  # UPDATED_AT; a stable keyset: (updatedAt, id)
                items.sort(key=lambda o: (o.modified, o.id))
            if reverse:
                items.reverse()
            if after:
                stamp, ident = _uncursor(after)
                items = [o for o in items if (o.modified, o.id) > (stamp, ident)]
            chosen = items[:count]
            has_next = len(items) > count
            edges = [{"cursor": _cursor(o), "node": self.render(o)} for o in chosen]
            end = edges[-1]["cursor"] if edges else None
            if self.faults.pick(("duplicate",)) and self._served:
                extra = [self.shop.orders[i] for i in self._served[-2:]]
                edges[:0] = [{"cursor": _cursor(o), "node": self.render(o)} for o in extra]
            if self.faults.pick(("reorder",)):
                self.faults.shuffle(edges)
            self._served = [o.id for o in chosen]
        return {
            "edges": edges,
            "nodes": [e["node"] for e in edges],
            "pageInfo": {
                "hasNextPage": has_next,
                "hasPreviousPage": bool(after),
                "startCursor": edges[0]["cursor"] if edges else None,
                "endCursor": end,
            },
        }

    @staticmethod
    def _matches(order: ShopOrder, query: str) -> bool:
        for op, text in SEARCH.findall(query):
            stamp = parse_time(text)
            if not {
                ">": order.modified > stamp,
                ">=": order.modified >= stamp,
                "<": order.modified < stamp,
                "<=": order.modified <= stamp,
            }[op]:
                return False
        return True

    def _order(self, _root: Any, _info: Any, id: str) -> dict[str, Any] | None:
        with self.shop.lock:
            order = self.shop.orders.get(gid_number(id))
            return self.render(order) if order else None

    def _fulfillment_create(
        self, _root: Any, _info: Any, fulfillment: dict[str, Any], message: str | None = None
    ) -> dict[str, Any]:
        def error(text: str) -> dict[str, Any]:
            return {
                "fulfillment": None,
                "userErrors": [{"field": ["fulfillment"], "message": text}],
            }

        groups = fulfillment.get("lineItemsByFulfillmentOrder") or []
        if not groups:
            return error("Line items by fulfillment order must not be empty.")
        with self.shop.lock:
            plan: list[tuple[ShopLine, int]] = []
            order: ShopOrder | None = None
            for group in groups:
                found = self.shop.orders.get(gid_number(group["fulfillmentOrderId"]))
                if found is None or (order is not None and found is not order):
                    return error("Fulfillment order does not exist.")
                order = found
                if order.status in ("cancelled", "fulfilled"):
                    return error(
                        f"Fulfillment order {group['fulfillmentOrderId']} has an "
                        f"unfulfillable status= closed."
                    )
                lines = {line.id: line for line in order.lines}
                wanted = group.get("fulfillmentOrderLineItems")
                if wanted is None:
                    wanted = [
                        {
                            "id": gid("FulfillmentOrderLineItem", line.id),
                            "quantity": self._remaining(order, line),
                        }
                        for line in order.lines
                    ]
                for item in wanted:
                    line = lines.get(gid_number(item["id"]))
                    if line is None:
                        return error("Fulfillment order line item does not exist.")
                    if not 0 < item["quantity"] <= self._remaining(order, line):
                        return error("Invalid fulfillment order line item quantity requested.")
                    plan.append((line, item["quantity"]))
            assert order is not None
            tracking = fulfillment.get("trackingInfo") or {}
            record = {
                "id": gid("Fulfillment", self._fulfillment_id),
                "status": "SUCCESS",
                "createdAt": _iso(self.shop.clock.tick()),
                "trackingInfo": [
                    {
                        "company": tracking.get("company"),
                        "number": tracking.get("number"),
                        "url": tracking.get("url"),
                    }
                ]
                if tracking
                else [],
                "_lines": {line.id: qty for line, qty in plan},
            }
            self._fulfillment_id += 1
            order.fulfillments.append(record)
            if all(self._remaining(order, line) == 0 for line in order.lines):
                order.status = "fulfilled"
            self.shop.touch(order)
            return {"fulfillment": record, "userErrors": []}

    @staticmethod
    def _remaining(order: ShopOrder, line: ShopLine) -> int:
        done = sum(f["_lines"].get(line.id, 0) for f in order.fulfillments)
        return line.quantity - done

    # -- shapes ----------------------------------------------------------------------------

    def render(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        lines = []
        for line in order.lines:
            remaining = self._remaining(order, line)
            quantity = 0 if order.malformed == "bad-quantity" else line.quantity
            lines.append(
                {
                    "id": gid("LineItem", line.id),
                    "sku": line.sku,
                    "name": line.name,
                    "title": line.name,
                    "quantity": quantity,
                    "currentQuantity": quantity,
                    "unfulfilledQuantity": remaining,
                    "variant": {
                        "id": gid("ProductVariant", 40000 + line.id),
                        "sku": line.sku,
                        "barcode": line.barcode or None,
                        "title": "Default Title",
                    },
                }
            )
        if order.malformed == "no-lines":
            lines = []
        fo_items = [
            {
                "id": gid("FulfillmentOrderLineItem", line.id),
                "remainingQuantity": self._remaining(order, line),
                "totalQuantity": line.quantity,
                "lineItem": item,
            }
            for line, item in zip(order.lines, lines, strict=False)
        ]
        fo_status = {
            "open": "OPEN",
            "on-hold": "ON_HOLD",
            "cancelled": "CANCELLED",
            "fulfilled": "CLOSED",
        }[order.status]
        partially = order.status == "open" and order.fulfillments
        display = "PARTIALLY_FULFILLED" if partially else DISPLAY[order.status]
        if order.malformed == "bad-status":
            display = "REQUEST_DECLINED"
        address = (
            None
            if order.malformed == "no-id"
            else {
                "name": f"{a['first']} {a['last']}",
                "firstName": a["first"],
                "lastName": a["last"],
                "company": a["company"] or None,
                "address1": a["address1"],
                "address2": None,
                "city": a["city"],
                "zip": a["zip"],
                "province": a["province"] or None,
                "provinceCode": a["province"] or None,
                "country": a["country"],
                "countryCodeV2": a["country"],
                "phone": a["phone"] or None,
            }
        )
        return {
            "id": gid("Order", order.id),
            "name": f"#{order.number}",
            "email": order.email,
            "note": order.note or None,
            "createdAt": _iso(order.created),
            "updatedAt": _iso(order.modified),
            "cancelledAt": _iso(order.modified) if order.status == "cancelled" else None,
            "displayFulfillmentStatus": display,
            "shippingAddress": address,
            "shippingLine": {
                "title": order.shipping_method,
                "code": "standard",
                "deliveryCategory": order.delivery_category,
            },
            "customAttributes": [{"key": k, "value": v} for k, v in order.attributes.items()],
            "_lines": lines,
            "_fos": [
                {"id": gid("FulfillmentOrder", order.id), "status": fo_status, "_items": fo_items}
            ],
            "_fulfillments": order.fulfillments,
        }
