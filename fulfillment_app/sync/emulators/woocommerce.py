"""A WooCommerce REST API v3 emulator: orders, order updates and order notes, OAuth 1.0a over
plain HTTP, list headers (``X-WP-Total``, ``X-WP-TotalPages``, ``Link``) and the documented
error shapes, with the faults of :mod:`.base` on request."""

from __future__ import annotations

import math
import re
import threading
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .. import oauth1
from .base import Emulator, Faults, Request, Response, Shop, ShopOrder, iso, parse_time

API = "/wp-json/wc/v3"
STATUSES = (
    "pending",
    "processing",
    "on-hold",
    "completed",
    "cancelled",
    "refunded",
    "failed",
    "trash",
)
TO_WOO = {
    "open": "processing",
    "on-hold": "on-hold",
    "cancelled": "cancelled",
    "fulfilled": "completed",
}
FROM_WOO = {
    "processing": "open",
    "pending": "open",
    "on-hold": "on-hold",
    "cancelled": "cancelled",
    "completed": "fulfilled",
}


def _error(status: int, code: str, message: str) -> Response:
    return Response(status, {"code": code, "message": message, "data": {"status": status}})


class WooCommerceEmulator(Emulator):
    platform = "woocommerce"

    def __init__(
        self,
        shop: Shop,
        *,
        key: str = "ck_demo",
        secret: str = "cs_demo",  # noqa: S107 - the emulator's published demo secret
        faults: Faults | None = None,
        port: int = 0,
    ):
        super().__init__(shop, faults=faults, port=port)
        self.key, self.secret = key, secret
        self._nonces: set[str] = set()
        self._nonce_lock = threading.Lock()
        self._served: list[int] = []  # ids on the last list page (for "duplicate")
        self._next_note = 1
        #: What the store shows per SKU now, and how many stock requests (look-ups and
        #: batch updates) reached it.
        self.stock: dict[str, int] = {sku: 0 for sku, *_ in shop.products}
        self.stock_requests = 0
        #: SKUs whose stock updates the store refuses (per-item error), with its message.
        self.refuse_stock: dict[str, str] = {}
        #: The catalogue's ids: every fifth SKU is a variation of a variable product (ten
        #: variations to a product, as sizes or colours).
        self.catalogue: dict[int, dict[str, Any]] = {}
        for index, (sku, name, _barcode) in enumerate(shop.products):
            if index % 5 == 4:
                parent = 90_000 + index // 50
                self.catalogue.setdefault(
                    parent, {"id": parent, "sku": "", "name": name, "type": "variable",
                             "parent_id": 0},
                )  # fmt: skip
                ident = 50_000 + index
                self.catalogue[ident] = {
                    "id": ident, "sku": sku, "name": name, "type": "variation",
                    "parent_id": parent,
                }  # fmt: skip
            else:
                ident = 10_000 + index
                self.catalogue[ident] = {
                    "id": ident, "sku": sku, "name": name, "type": "simple", "parent_id": 0
                }  # fmt: skip
        #: Refunds recorded per order id (``POST /orders/{id}/refunds``).
        self.refunds: dict[int, list[dict[str, Any]]] = {}
        self._next_refund = 1

    # -- requests --------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        denied = self._authenticate(request)
        if denied:
            return denied
        path = request.path.rstrip("/")
        if path == f"{API}/orders" and request.method == "GET":
            return self._list(request)
        if path == f"{API}/products" and request.method == "GET":
            self.stock_requests += 1
            return self._products(request)
        batch = re.fullmatch(rf"{API}/products(?:/(\d+)/variations)?/batch", path)
        if batch and request.method == "POST":
            self.stock_requests += 1
            return self._batch(request, int(batch.group(1) or 0))
        match = re.fullmatch(rf"{API}/orders/(\d+)(/notes|/refunds)?", path)
        if not match:
            return _error(
                404, "rest_no_route", "No route was found matching the URL and request method."
            )
        with self.shop.lock:
            order = self.shop.orders.get(int(match.group(1)))
            if order is None or order.malformed == "no-id":
                return _error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
            if match.group(2) == "/refunds":
                return self._refunds(request, order)
            if match.group(2):
                return self._notes(request, order)
            if request.method == "GET":
                return Response(200, self.render(order))
            if request.method == "PUT":
                return self._update(request, order)
        return _error(
            404, "rest_no_route", "No route was found matching the URL and request method."
        )

    def _authenticate(self, request: Request) -> Response | None:
        params = parse_qsl(request.query_string, keep_blank_values=True)
        given = dict(params)
        if given.get("oauth_consumer_key") != self.key:
            return _error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.")
        url = f"http://{request.headers.get('host', '127.0.0.1')}{request.path}"
        problem = oauth1.verify(request.method, url, params, self.secret)
        if problem:
            return _error(401, "woocommerce_rest_authentication_error", problem)
        with self._nonce_lock:
            nonce = given.get("oauth_nonce", "") + given.get("oauth_timestamp", "")
            if nonce in self._nonces:
                return _error(
                    401,
                    "woocommerce_rest_authentication_error",
                    "Invalid nonce - nonce has already been used.",
                )
            self._nonces.add(nonce)
        return None

    def _list(self, request: Request) -> Response:
        q = request.query
        try:
            page = int(q.get("page", "1"))
            per_page = int(q.get("per_page", "10"))
        except ValueError:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): page, per_page")
        if not 1 <= per_page <= 100:
            return _error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): per_page (per_page must be between 1 "
                "(inclusive) and 100 (inclusive))",
            )
        if page < 1:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): page")
        try:
            after = parse_time(q["modified_after"]) if q.get("modified_after") else None
            before = parse_time(q["modified_before"]) if q.get("modified_before") else None
        except ValueError:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): modified_after")
        wanted = set(q.get("status", "any").split(","))
        if not wanted <= {"any", *STATUSES}:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): status")
        orderby = q.get("orderby", "date")
        if orderby not in ("date", "id", "include", "title", "slug", "modified"):
            return _error(400, "rest_invalid_param", "Invalid parameter(s): orderby")
        self.maybe_modify()
        orders = (
            self.shop.sorted_orders(self.faults)
            if orderby == "modified"
            else sorted(self.shop.orders.values(), key=lambda o: (o.created, o.id))
        )
        with self.shop.lock:
            # WordPress date queries are exclusive at both ends.
            chosen = [
                o
                for o in orders
                if (after is None or o.modified > after)
                and (before is None or o.modified < before)
                and ("any" in wanted or self._status(o) in wanted)
            ]
            if q.get("order", "desc") == "desc":
                chosen.reverse()
            total = len(chosen)
            pages = max(1, math.ceil(total / per_page)) if total else 0
            start = (page - 1) * per_page
            body = [self.render(o) for o in chosen[start : start + per_page]]
            if self.faults.pick(("duplicate",)) and self._served:
                extra = [self.shop.orders[i] for i in self._served[-3:] if i in self.shop.orders]
                body[:0] = [self.render(o) for o in extra]
            if self.faults.pick(("reorder",)):
                self.faults.shuffle(body)
            self._served = [o.id for o in chosen[start : start + per_page]]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        links = []
        base = f"http://{request.headers.get('host', '127.0.0.1')}{request.path}"
        plain = [(k, v) for k, v in q.items() if not k.startswith("oauth_") and k != "page"]
        for rel, target in (("prev", page - 1), ("next", page + 1)):
            if 1 <= target <= pages:
                links.append(f'<{base}?{urlencode([*plain, ("page", target)])}>; rel="{rel}"')
        if links:
            headers["Link"] = ", ".join(links)
        return Response(200, body, headers)

    def _update(self, request: Request, order: ShopOrder) -> Response:
        try:
            data = request.json()
        except ValueError:
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        status = data.get("status") if isinstance(data, dict) else None
        meta = data.get("meta_data") if isinstance(data, dict) else None
        if meta is not None:
            if not isinstance(meta, list) or not all(
                isinstance(m, dict) and isinstance(m.get("key"), str) for m in meta
            ):
                return _error(400, "rest_invalid_param", "Invalid parameter(s): meta_data")
            for m in meta:  # WordPress updates meta by key
                order.attributes[m["key"]] = m.get("value")
            self.shop.touch(order)
        if status is not None:
            if status not in STATUSES:
                return _error(400, "rest_invalid_param", "Invalid parameter(s): status")
            order.status = FROM_WOO.get(status, order.status)
            self.shop.touch(order)
        return Response(200, self.render(order))

    def _notes(self, request: Request, order: ShopOrder) -> Response:
        if request.method == "GET":
            return Response(200, list(reversed(order.notes)))
        if request.method != "POST":
            return _error(
                404, "rest_no_route", "No route was found matching the URL and request method."
            )
        try:
            data = request.json()
        except ValueError:
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        if not isinstance(data, dict) or not str(data.get("note") or "").strip():
            return _error(400, "rest_missing_callback_param", "Missing parameter(s): note")
        note = {
            "id": self._next_note,
            "author": "WooCommerce",
            "date_created": iso(self.shop.clock.tick()),
            "date_created_gmt": iso(self.shop.clock.tick()),
            "note": str(data["note"]),
            "customer_note": bool(data.get("customer_note", False)),
        }
        self._next_note += 1
        order.notes.append(note)
        return Response(201, note)

    # -- products and stock --------------------------------------------------------------

    def _product(self, item: dict[str, Any]) -> dict[str, Any]:
        sku = item["sku"]
        managed = item["type"] != "variable"
        return {
            **item,
            "manage_stock": managed,
            "stock_quantity": self.stock.get(sku, 0) if managed else None,
            "stock_status": "instock" if self.stock.get(sku, 0) > 0 else "outofstock",
        }

    def _products(self, request: Request) -> Response:
        q = request.query
        try:
            per_page = int(q.get("per_page", "10"))
        except ValueError:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        if not 1 <= per_page <= 100:
            return _error(400, "rest_invalid_param", "Invalid parameter(s): per_page")
        wanted = {s.strip() for s in q.get("sku", "").split(",") if s.strip()}
        with self.shop.lock:
            chosen = [
                self._product(item)
                for item in self.catalogue.values()
                if not wanted or item["sku"] in wanted
            ]
        headers = {"X-WP-Total": str(len(chosen)), "X-WP-TotalPages": "1"}
        return Response(200, chosen[:per_page], headers)

    def _batch(self, request: Request, parent: int) -> Response:
        try:
            data = request.json()
        except ValueError:
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        if not isinstance(data, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        items = [i for k in ("create", "update", "delete") for i in data.get(k) or []]
        if len(items) > 100:
            return _error(
                413,
                "woocommerce_rest_request_entity_too_large",
                "Unable to accept more than 100 items for this request.",
            )
        if parent and self.catalogue.get(parent, {}).get("type") != "variable":
            return _error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.")
        answers = []
        with self.shop.lock:
            for change in data.get("update") or []:
                ident = change.get("id") if isinstance(change, dict) else None
                item = self.catalogue.get(ident) if isinstance(ident, int) else None
                kind = "variation" if parent else None
                if (
                    item is None
                    or (parent and item.get("parent_id") != parent)
                    or (not parent and item["type"] == "variation")
                    or (kind is None and item["type"] == "variable")
                ):
                    answers.append(
                        {
                            "id": ident,
                            "error": {
                                "code": "woocommerce_rest_product_invalid_id",
                                "message": "Invalid ID.",
                                "data": {"status": 400},
                            },
                        }
                    )
                    continue
                refused = self.refuse_stock.get(item["sku"])
                if refused:
                    answers.append(
                        {
                            "id": ident,
                            "error": {
                                "code": "woocommerce_rest_product_invalid_stock",
                                "message": refused,
                                "data": {"status": 400},
                            },
                        }
                    )
                    continue
                qty = change.get("stock_quantity")
                if qty is not None:
                    if not isinstance(qty, int) or isinstance(qty, bool):
                        answers.append(
                            {
                                "id": ident,
                                "error": {
                                    "code": "rest_invalid_param",
                                    "message": "Invalid parameter(s): stock_quantity",
                                    "data": {"status": 400},
                                },
                            }
                        )
                        continue
                    self.stock[item["sku"]] = qty
                answers.append(self._product(item))
        return Response(200, {"update": answers})

    def _refunds(self, request: Request, order: ShopOrder) -> Response:
        """Refund records: ``api_refund: false`` records one without moving money."""
        mine = self.refunds.setdefault(order.id, [])
        if request.method == "GET":
            return Response(200, list(reversed(mine)))
        if request.method != "POST":
            return _error(
                404, "rest_no_route", "No route was found matching the URL and request method."
            )
        try:
            data = request.json()
            amount = Decimal(str(data.get("amount")))
        except (ValueError, ArithmeticError, AttributeError):
            return _error(400, "woocommerce_rest_invalid_order_refund", "Invalid refund amount.")
        lines = {line.id: line for line in order.lines}
        refunded: dict[int, int] = {}
        for refund in mine:
            for item in refund["line_items"]:
                refunded[item["id"]] = refunded.get(item["id"], 0) + item["quantity"]
        total = sum(Decimal(line.price) * line.quantity for line in order.lines)
        already = sum(Decimal(r["amount"]) for r in mine)
        if amount < 0 or amount + already > total:
            return _error(400, "woocommerce_rest_invalid_order_refund", "Invalid refund amount.")
        items = []
        for item in data.get("line_items") or []:
            ident = item.get("id") if isinstance(item, dict) else None
            line = lines.get(ident) if isinstance(ident, int) else None
            qty = item.get("quantity") if isinstance(item, dict) else None
            if line is None or not isinstance(qty, int) or qty <= 0:
                return _error(400, "woocommerce_rest_invalid_order_refund", "Invalid line item.")
            if refunded.get(line.id, 0) + qty > line.quantity:
                return _error(
                    400,
                    "woocommerce_rest_cannot_create_order_refund",
                    "Cannot refund more items than were ordered.",
                )
            items.append({"id": line.id, "sku": line.sku, "quantity": qty})
        refund = {
            "id": self._next_refund,
            "date_created_gmt": iso(self.shop.clock.tick()),
            "amount": f"{amount:.2f}",
            "reason": str(data.get("reason") or ""),
            "refunded_payment": bool(data.get("api_refund", True)),
            "api_restock": bool(data.get("api_restock", True)),
            "line_items": items,
        }
        self._next_refund += 1
        mine.append(refund)
        self.shop.touch(order)
        return Response(201, refund)

    # -- shapes ----------------------------------------------------------------------------

    @staticmethod
    def _status(order: ShopOrder) -> str:
        return "wibble" if order.malformed == "bad-status" else TO_WOO[order.status]

    def render(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        lines: list[dict[str, Any]] = [
            {
                "id": line.id,
                "name": line.name,
                "product_id": 100 + line.id % 50,
                "variation_id": 0,
                "quantity": line.quantity,
                "sku": line.sku,
                "price": float(line.price),
                "meta_data": [],
            }
            for line in order.lines
        ]
        if order.malformed == "no-lines":
            lines = []
        elif order.malformed == "bad-quantity" and lines:
            lines[0]["quantity"] = "two"
        body: dict[str, Any] = {
            "id": order.id,
            "number": str(order.number),
            "status": self._status(order),
            "date_created_gmt": iso(order.created),
            "date_modified_gmt": iso(order.modified),
            "customer_note": order.note,
            "payment_method": order.payment_method or "bacs",
            "currency": "ILS",
            "total": f"{sum(Decimal(line.price) * line.quantity for line in order.lines):.2f}",
            "billing": {
                "first_name": a["first"],
                "last_name": a["last"],
                "email": order.email,
                "phone": a["phone"],
            },
            "shipping": {
                "first_name": a["first"],
                "last_name": a["last"],
                "company": a["company"],
                "address_1": a["address1"],
                "address_2": "",
                "city": a["city"],
                "state": a["province"],
                "postcode": a["zip"],
                "country": a["country"],
                "phone": a["phone"],
            },
            "shipping_lines": [{"method_id": "flat_rate", "method_title": order.shipping_method}],
            "line_items": lines,
            "meta_data": [
                {"id": 900 + i, "key": k, "value": v}
                for i, (k, v) in enumerate(order.attributes.items())
            ],
        }
        if order.malformed == "no-id":
            del body["id"]
        return body
