"""A BigCommerce REST API emulator: ``/stores/{hash}/v2`` orders with their products and
shipping addresses as sub-resources, shipments, staff notes, ``/v3`` absolute inventory
adjustments, the ``X-Auth-Token`` header, and the per-store rate limit that every app on the
store shares (``X-Rate-Limit-*`` headers, 429 over the quota), with the faults of
:mod:`.base` on request.

Traps of the real API it keeps: an empty list page is ``204 No Content`` with no body;
``date_modified`` is RFC 2822; a shipment has no idempotency key and over-shipping is
refused with a 400; an inventory request with one bad item is refused whole (422) with the
item's error keyed by its index. ``spend(n)`` and ``other_app_rate`` play the other apps
that use the same store's quota; the ``shed`` fault (not on by default) is a 429 without
rate headers, as the platform sheds load.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import datetime
from decimal import Decimal
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from .base import Emulator, Faults, Request, Response, Shop, ShopOrder, parse_time

#: Our status → BigCommerce ``status_id`` and its name.
STATUS_IDS = {"open": 11, "on-hold": 7, "cancelled": 5, "fulfilled": 2}
STATUS_NAMES = {
    0: "Incomplete",
    1: "Pending",
    2: "Shipped",
    3: "Partially Shipped",
    4: "Refunded",
    5: "Cancelled",
    7: "Awaiting Payment",
    9: "Awaiting Shipment",
    10: "Completed",
    11: "Awaiting Fulfillment",
    14: "Partially Refunded",
}
PATH = re.compile(r"^/stores/(?P<hash>[^/]+)/(?P<version>v2|v3)(?P<rest>/.*)$")
MAX_STOCK_ITEMS = 2000


def rfc2822(stamp: datetime) -> str:
    return format_datetime(stamp)


def _when(text: str) -> datetime:
    """RFC 2822 or ISO 8601, as the API takes both."""
    try:
        return parse_time(text)
    except ValueError:
        stamp = parsedate_to_datetime(text)
        if stamp is None:  # pragma: no cover - raises on Python 3.10+
            raise ValueError(text) from None
        return stamp


def _error(status: int, title: str, **extra: Any) -> Response:
    return Response(status, {"status": status, "title": title, "type": "about:blank", **extra})


class RateWindow:
    """The store's quota of requests per window, shared by every app on the store."""

    def __init__(self, quota: int, window_s: float):
        self.quota, self.window_s = quota, window_s
        self.other_app_rate = 0.0  # requests a second another app makes
        self._t0 = time.monotonic()
        self._index = 0
        self._used = 0
        self._other_at = self._t0
        self._carry = 0.0
        #: Our (HTTP) requests per window index, and the 429s over the quota.
        self.ours: dict[int, int] = {}
        self.refused = 0
        self._lock = threading.Lock()

    def _advance(self, now: float) -> None:
        index = int((now - self._t0) // self.window_s)
        if index != self._index:
            self._index, self._used = index, 0
            self._other_at = max(self._other_at, self._t0 + index * self.window_s)
        if self.other_app_rate > 0:
            self._carry += self.other_app_rate * max(0.0, now - self._other_at)
            self._other_at = now
            whole = int(self._carry)
            self._carry -= whole
            self._used = min(self.quota, self._used + whole)

    def spend(self, n: int) -> None:
        with self._lock:
            self._advance(time.monotonic())
            self._used = min(self.quota, self._used + n)

    def take(self) -> tuple[bool, dict[str, str]]:
        """One request of ours: allowed or not, and the headers that say where we stand."""
        with self._lock:
            now = time.monotonic()
            self._advance(now)
            allowed = self._used < self.quota
            if allowed:
                self._used += 1
                self.ours[self._index] = self.ours.get(self._index, 0) + 1
            else:
                self.refused += 1
            reset = self._t0 + (self._index + 1) * self.window_s - now
            return allowed, {
                "X-Rate-Limit-Requests-Left": str(self.quota - self._used),
                "X-Rate-Limit-Requests-Quota": str(self.quota),
                "X-Rate-Limit-Time-Window-Ms": str(int(self.window_s * 1000)),
                "X-Rate-Limit-Time-Reset-Ms": str(max(1, int(reset * 1000))),
            }


class BigCommerceEmulator(Emulator):
    platform = "bigcommerce"

    def __init__(
        self,
        shop: Shop,
        *,
        token: str = "bc_demo",  # noqa: S107 - the emulator's published demo token
        store_hash: str = "emu4bc",
        faults: Faults | None = None,
        port: int = 0,
        quota: int = 150,
        window_s: float = 30.0,
        other_app_rate: float = 0.0,
    ):
        super().__init__(shop, faults=faults, port=port)
        self.token = token
        self.store_hash = store_hash
        self.rate = RateWindow(quota, window_s)
        self.rate.other_app_rate = other_app_rate
        #: What the store shows as on hand per SKU (the catalogue's SKUs start at 0).
        self.stock: dict[str, int] = {sku: 0 for sku, _, _ in shop.products}
        self.stock_requests = 0
        #: SKUs whose stock the store tracks the other way (by product, not variant): an
        #: adjustment naming them is refused with a 422.
        self.wrong_tracking: set[str] = set()
        #: Staff notes per order id (``PUT /v2/orders/{id}`` replaces them).
        self.staff_notes: dict[int, str] = {}
        self._shipment_id = 1
        self._served: list[int] = []

    @property
    def other_app_rate(self) -> float:
        return self.rate.other_app_rate

    @other_app_rate.setter
    def other_app_rate(self, value: float) -> None:
        self.rate.other_app_rate = value

    def spend(self, n: int) -> None:
        """Another app on the store makes ``n`` requests now."""
        self.rate.spend(n)

    @property
    def api_url(self) -> str:
        return f"{self.url}/stores/{self.store_hash}"

    # -- requests --------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        match = PATH.match(request.path)
        if not match or match["hash"] != self.store_hash:
            return _error(404, "The requested resource was not found.")
        if request.headers.get("x-auth-token") != self.token:
            return _error(401, "No valid credentials were found in this request.")
        if self.faults.pick(("shed",)):
            return Response(429, {"status": 429, "title": "Too many requests."})
        allowed, headers = self.rate.take()
        if not allowed:
            return Response(
                429,
                {"status": 429, "title": "You have exceeded your rate limit."},
                headers,
            )
        response = self._route(request, match["version"], match["rest"].rstrip("/"))
        response.headers.update(headers)
        return response

    def _route(self, request: Request, version: str, rest: str) -> Response:
        method = request.method
        if version == "v3":
            if rest == "/inventory/adjustments/absolute" and method == "PUT":
                return self._stock(request)
            return _error(404, "The requested resource was not found.")
        if rest == "/store" and method == "GET":
            return Response(
                200, {"id": self.store_hash, "name": "Emulated store", "domain": "emulated.test"}
            )
        if rest == "/orders" and method == "GET":
            return self._list(request)
        found = re.fullmatch(r"/orders/(\d+)(/products|/shipping_addresses|/shipments)?", rest)
        if not found:
            return _error(404, "The requested resource was not found.")
        with self.shop.lock:
            order = self.shop.orders.get(int(found[1]))
            if order is None or order.malformed == "no-id":
                return _error(404, "The requested resource was not found.")
            part = found[2]
            if part is None and method == "GET":
                return Response(200, self.render(order))
            if part is None and method == "PUT":
                return self._update(request, order)
            if part == "/products" and method == "GET":
                products = self.products(order)
                return Response(200, products) if products else Response(204)
            if part == "/shipping_addresses" and method == "GET":
                return Response(200, [self.address(order)])
            if part == "/shipments" and method == "GET":
                shipments = [self._public(s) for s in order.fulfillments]
                return Response(200, shipments) if shipments else Response(204)
            if part == "/shipments" and method == "POST":
                return self._ship(request, order)
        return _error(405, "The requested method is not allowed.")

    def _list(self, request: Request) -> Response:
        q = request.query
        try:
            page = int(q.get("page", "1"))
            limit = int(q.get("limit", "50"))
            since = _when(q["min_date_modified"]) if q.get("min_date_modified") else None
            until = _when(q["max_date_modified"]) if q.get("max_date_modified") else None
        except (ValueError, TypeError):
            return _error(400, "The filter parameters are not valid.")
        if page < 1 or limit < 1:
            return _error(400, "The page and limit must be positive.")
        limit = min(limit, 250)
        self.maybe_modify()
        if q.get("sort", "id:asc").split(":")[0] == "date_modified":
            orders = self.shop.sorted_orders(self.faults)
        else:
            orders = sorted(self.shop.orders.values(), key=lambda o: o.id)
        if q.get("sort", "").endswith(":desc"):
            orders.reverse()
        with self.shop.lock:
            chosen = [
                o
                for o in orders
                if (since is None or o.modified >= since) and (until is None or o.modified <= until)
            ]
            start = (page - 1) * limit
            served = chosen[start : start + limit]
            body = [self.render(o) for o in served]
            if body and self.faults.pick(("duplicate",)) and self._served:
                extra = [self.shop.orders[i] for i in self._served[-3:] if i in self.shop.orders]
                body[:0] = [self.render(o) for o in extra]
            if self.faults.pick(("reorder",)):
                self.faults.shuffle(body)
            self._served = [o.id for o in served]
        if not body:
            return Response(204)  # BigCommerce's empty page: no content at all
        return Response(200, body)

    def _update(self, request: Request, order: ShopOrder) -> Response:
        try:
            data = request.json()
        except ValueError:
            return _error(400, "The request body is not valid JSON.")
        if not isinstance(data, dict):
            return _error(400, "The request body must be an object.")
        if "staff_notes" in data:
            self.staff_notes[order.id] = str(data["staff_notes"] or "")
            self.shop.touch(order)
        return Response(200, self.render(order))

    def _ship(self, request: Request, order: ShopOrder) -> Response:
        try:
            data = request.json()
        except ValueError:
            return _error(400, "The request body is not valid JSON.")
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            return _error(400, "A shipment needs items.")
        if data.get("order_address_id") != self._address_id(order):
            return _error(400, "The order_address_id is not an address of this order.")
        lines = {line.id: line for line in order.lines}
        shipped = self._shipped(order)
        wanted: dict[int, int] = {}
        for item in items:
            if not isinstance(item, dict):
                return _error(400, "Each item must be an object.")
            line_id, qty = item.get("order_product_id"), item.get("quantity")
            if line_id not in lines or not isinstance(qty, int) or qty <= 0:
                return _error(400, f"The item {item!r} is not a product of this order.")
            wanted[line_id] = wanted.get(line_id, 0) + qty
        for line_id, qty in wanted.items():
            if shipped.get(line_id, 0) + qty > lines[line_id].quantity:
                return _error(
                    400,
                    f"The quantity specified is greater than the quantity of the product that "
                    f"is available to ship (order product {line_id}).",
                )
        shipment = {
            "id": self._shipment_id,
            "order_id": order.id,
            "order_address_id": data["order_address_id"],
            "date_created": rfc2822(self.shop.clock.tick()),
            "tracking_number": str(data.get("tracking_number") or ""),
            "shipping_provider": str(data.get("shipping_provider") or ""),
            "tracking_link": str(data.get("tracking_link") or ""),
            "items": [{"order_product_id": k, "quantity": v} for k, v in wanted.items()],
        }
        self._shipment_id += 1
        order.fulfillments.append(shipment)
        done = self._shipped(order)
        complete = all(done.get(line.id, 0) >= line.quantity for line in order.lines)
        order.status = "fulfilled" if complete else order.status
        self.shop.touch(order)
        return Response(201, self._public(shipment))

    def _stock(self, request: Request) -> Response:
        self.stock_requests += 1
        try:
            data = request.json()
        except ValueError:
            return _error(400, "The request body is not valid JSON.")
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            return _error(422, "Items are required.", errors={"items": "required"})
        if len(items) > MAX_STOCK_ITEMS:
            return _error(413, f"At most {MAX_STOCK_ITEMS} items a request.")
        errors: dict[str, str] = {}
        for index, item in enumerate(items):
            sku = item.get("sku") if isinstance(item, dict) else None
            qty = item.get("quantity") if isinstance(item, dict) else None
            if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0:
                errors[f"items.{index}.quantity"] = "The quantity must be a whole number >= 0."
            elif sku not in self.stock:
                errors[f"items.{index}.sku"] = f"No product or variant has the SKU {sku!r}."
            elif sku in self.wrong_tracking:
                errors[f"items.{index}.sku"] = (
                    f"The product with SKU {sku!r} tracks inventory at the product level; "
                    "address it by product_id."
                )
        if errors:  # the whole request is refused: nothing was adjusted
            return _error(422, "The inventory adjustment is invalid.", errors=errors)
        with self.shop.lock:
            for item in items:
                self.stock[item["sku"]] = item["quantity"]
        return Response(200, {"transaction_id": f"tx-{self.stock_requests}"})

    # -- shapes ----------------------------------------------------------------------------

    @staticmethod
    def _address_id(order: ShopOrder) -> int:
        return order.id * 10 + 1

    @staticmethod
    def _shipped(order: ShopOrder) -> dict[int, int]:
        done: dict[int, int] = {}
        for shipment in order.fulfillments:
            for item in shipment["items"]:
                done[item["order_product_id"]] = (
                    done.get(item["order_product_id"], 0) + item["quantity"]
                )
        return done

    @staticmethod
    def _public(shipment: dict[str, Any]) -> dict[str, Any]:
        return dict(shipment)

    def _status_id(self, order: ShopOrder) -> int:
        if order.malformed == "bad-status":
            return 99
        if order.status == "open" and order.fulfillments:
            return 3  # Partially Shipped
        return STATUS_IDS[order.status]

    def render(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        status_id = self._status_id(order)
        base = f"{self.api_url}/v2/orders/{order.id}"
        body: dict[str, Any] = {
            "id": order.id,
            "status_id": status_id,
            "status": STATUS_NAMES.get(status_id, "Unknown"),
            "date_created": rfc2822(order.created),
            "date_modified": rfc2822(order.modified),
            "customer_message": order.note,
            "staff_notes": self.staff_notes.get(order.id, ""),
            "payment_method": "Cash on Delivery" if order.payment_method == "cod" else "Manual",
            "currency_code": "ILS",
            "total_inc_tax": f"{sum(Decimal(x.price) * x.quantity for x in order.lines):.4f}",
            "items_total": sum(line.quantity for line in order.lines),
            "billing_address": {
                "first_name": a["first"],
                "last_name": a["last"],
                "email": order.email,
                "phone": a["phone"],
                "country_iso2": a["country"],
            },
            "products": {"url": f"{base}/products", "resource": f"/orders/{order.id}/products"},
            "shipping_addresses": {
                "url": f"{base}/shipping_addresses",
                "resource": f"/orders/{order.id}/shipping_addresses",
            },
        }
        if order.malformed == "no-id":
            del body["id"]
        return body

    def products(self, order: ShopOrder) -> list[dict[str, Any]]:
        if order.malformed == "no-lines":
            return []
        shipped = self._shipped(order)
        products: list[dict[str, Any]] = [
            {
                "id": line.id,
                "order_id": order.id,
                "product_id": 100 + line.id % 50,
                "variant_id": 1000 + line.id % 50,
                "sku": line.sku,
                "name": line.name,
                "quantity": line.quantity,
                "quantity_shipped": shipped.get(line.id, 0),
                "price_inc_tax": line.price,
                "order_address_id": self._address_id(order),
            }
            for line in order.lines
        ]
        if order.malformed == "bad-quantity":
            products[0]["quantity"] = "two"
        return products

    def address(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        return {
            "id": self._address_id(order),
            "order_id": order.id,
            "first_name": a["first"],
            "last_name": a["last"],
            "company": a["company"],
            "street_1": a["address1"],
            "street_2": "",
            "city": a["city"],
            "state": a["province"],
            "zip": a["zip"],
            "country_iso2": a["country"],
            "phone": a["phone"],
            "email": order.email,
            "shipping_method": order.shipping_method,
        }
