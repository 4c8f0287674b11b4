"""A Magento 2 (Adobe Commerce) REST emulator: ``/rest/<store_code>/V1/…`` with orders searched
by ``searchCriteria`` (filter groups, sort orders, pages), shipments through
``order/{id}/ship`` with their tracks, order comments, refunds (credit memos) and MSI source
items, signed with OAuth 1.0a (an Integration's consumer and access token, HMAC-SHA256, the
query in the signature base string), with the faults of :mod:`.base` on request.

Magento's traps are kept: a page past the end answers the last page again (not an empty
list), the page size may be capped (300) and list inputs limited (20 items a request, e.g.
stock updates), shipping has no idempotency (a retry ships again, or is refused with a 400 once
nothing is left to ship), and ids in paths are ``entity_id``, not the ``increment_id``
customers see.
"""

from __future__ import annotations

import math
import re
import threading
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

from .. import oauth1
from .base import Emulator, Faults, Request, Response, Shop, ShopLine, ShopOrder, parse_time

PATH = re.compile(r"^/rest(?:/([A-Za-z][A-Za-z0-9_]*))?/V1/(.+?)/?$")
STAMP = "%Y-%m-%d %H:%M:%S"
#: Maximum ``searchCriteria[pageSize]`` and the size used when none is given, when the store
#: limits inputs (Magento 2.4.3+).
MAX_PAGE_SIZE = 300
DEFAULT_PAGE_SIZE = 20
#: Lines whose id is a multiple of this are sold as configurable products: a parent item (the
#: one to ship) and a child item with ``parent_item_id``.
CONFIGURABLE_EVERY = 4
CHILD_OFFSET = 1_000_000
#: Our shop's order states as Magento's (state, status).
STATES = {
    "open": ("processing", "processing"),
    "on-hold": ("holded", "holded"),
    "cancelled": ("canceled", "canceled"),
    "fulfilled": ("complete", "complete"),
}
NOT_SHIPPABLE = {"canceled", "holded", "complete", "closed", "wibble"}
CONDITIONS = ("eq", "neq", "gt", "gteq", "lt", "lteq", "in", "nin", "like")
CANNOT_SHIP = "The order does not allow a shipment to be created."
NO_ENTITY = "The entity that was requested doesn't exist. Verify the entity and try again."
NOT_AUTHORIZED = "The consumer isn't authorized to access %resources."


def stamp(value: datetime) -> str:
    return value.strftime(STAMP)


def _message(status: int, message: str, **parameters: Any) -> Response:
    body: dict[str, Any] = {"message": message}
    if parameters:
        body["parameters"] = parameters
    return Response(status, body)


class BadCriteria(ValueError):
    pass


def search_criteria(query: dict[str, str]) -> dict[str, Any]:
    """``searchCriteria[…]`` query parameters as Magento's search criteria object."""
    nested: dict[str, Any] = {}
    for key, value in query.items():
        if not key.startswith("searchCriteria["):
            continue
        parts = re.findall(r"\[([^\]]*)\]", key[len("searchCriteria") :])
        node = nested
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise BadCriteria(f'"{key}" is not a valid search criteria parameter.')
            node = child
        node[parts[-1]] = value

    def ordered(node: Any) -> list[Any]:
        if not isinstance(node, dict):
            raise BadCriteria("A search criteria list is not a list.")
        try:
            return [node[k] for k in sorted(node, key=int)]
        except ValueError:
            raise BadCriteria("A search criteria list has a key that is not a number.") from None

    groups = []
    for group in ordered(nested.get("filter_groups", {})):
        filters = []
        for f in ordered(as_node(group).get("filters", {})):
            f = as_node(f)
            condition = f.get("condition_type", "eq") or "eq"
            if condition not in CONDITIONS:
                raise BadCriteria(f'Invalid condition type "{condition}".')
            if not f.get("field"):
                raise BadCriteria("A filter has no field.")
            filters.append(
                {"field": f["field"], "value": f.get("value", ""), "condition_type": condition}
            )
        groups.append({"filters": filters})
    sorts = [
        {"field": as_node(s).get("field", ""), "direction": as_node(s).get("direction", "ASC")}
        for s in ordered(nested.get("sortOrders", {}))
    ]
    criteria: dict[str, Any] = {"filter_groups": groups}
    if sorts:
        criteria["sort_orders"] = sorts
    for name, target in (("pageSize", "page_size"), ("currentPage", "current_page")):
        if name in nested:
            try:
                criteria[target] = int(nested[name])
            except (TypeError, ValueError):
                raise BadCriteria(f'"{nested[name]}" is not a valid {name}.') from None
    return criteria


def as_node(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadCriteria("A search criteria entry is not an object.")
    return value


def _comparable(field: str, value: Any) -> Any:
    if field.endswith("_at"):
        try:
            return stamp(parse_time(str(value)))
        except ValueError:
            raise BadCriteria(f'"{value}" is not a valid date for {field}.') from None
    if field.endswith("_id") and field != "increment_id":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise BadCriteria(f'"{value}" is not a valid value for {field}.') from None
    return str(value)


Filter = tuple[str, str, Any]


def prepare(groups: list[dict[str, Any]]) -> list[list[Filter]]:
    """The filter groups with their values in the rows' types (done once per request: rows
    hold ids as numbers and dates as ``YYYY-MM-DD HH:MM:SS``)."""
    prepared = []
    for group in groups:
        filters: list[Filter] = []
        for f in group["filters"]:
            field, condition, value = f["field"], f["condition_type"], f["value"]
            if condition in ("in", "nin"):
                wanted = {_comparable(field, v) for v in str(value).split(",") if v != ""}
                filters.append((field, condition, wanted))
            elif condition == "like":
                pattern = re.escape(str(value)).replace("%", ".*")
                filters.append((field, condition, re.compile(pattern, re.IGNORECASE)))
            else:
                filters.append((field, condition, _comparable(field, value)))
        if filters:
            prepared.append(filters)
    return prepared


def matches(row: dict[str, Any], groups: list[list[Filter]]) -> bool:
    """Groups are AND'ed, the filters of a group OR'ed."""
    return all(any(_match(row, f) for f in group) for group in groups)


def _match(row: dict[str, Any], f: Filter) -> bool:
    field, condition, want = f
    have = row.get(field)
    if have is None:
        return False
    if condition in ("in", "nin"):
        return (have in want) == (condition == "in")
    if condition == "like":
        return want.fullmatch(str(have)) is not None
    if type(have) is not type(want):
        have, want = str(have), str(want)
    if condition == "eq":
        return bool(have == want)
    if condition == "neq":
        return bool(have != want)
    if condition == "gt":
        return bool(have > want)
    if condition == "gteq":
        return bool(have >= want)
    if condition == "lt":
        return bool(have < want)
    return bool(have <= want)


class MagentoEmulator(Emulator):
    """Magento 2's REST API for one shop. ``cap_page_size`` and ``list_limit`` are the
    store's input limits (off in a default install, common in practice; on here by default);
    ``sources`` are the MSI source codes the store has."""

    platform = "magento"

    def __init__(
        self,
        shop: Shop,
        *,
        consumer_key: str = "mg_ck_demo",
        consumer_secret: str = "mg_cs_demo",  # noqa: S107 - the emulator's demo secret
        token: str = "mg_at_demo",  # noqa: S107
        token_secret: str = "mg_ts_demo",  # noqa: S107
        faults: Faults | None = None,
        port: int = 0,
        store_codes: tuple[str, ...] = ("default",),
        cap_page_size: bool = True,
        list_limit: int | None = 20,
        sources: tuple[str, ...] = ("default",),
    ):
        super().__init__(shop, faults=faults, port=port)
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.token, self.token_secret = token, token_secret
        self.store_codes = {*store_codes, "all"}
        self.cap_page_size = cap_page_size
        self.list_limit = list_limit
        self.sources = set(sources)
        self._nonces: set[str] = set()
        self._auth_lock = threading.Lock()
        self._served: list[int] = []  # ids on the last list page (for "duplicate")
        #: What the store shows per SKU now (all sources), and its stock requests.
        self.stock: dict[str, int] = {}
        self.source_items: dict[tuple[str, str], dict[str, Any]] = {}
        self.stock_requests = 0
        #: The store's own records: shipments (with items and tracks) and credit memos.
        self.shipments: list[dict[str, Any]] = []
        self.creditmemos: list[dict[str, Any]] = []
        self.list_requests = 0
        self._next_comment = 1

    # -- requests --------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        match = PATH.match(request.path)
        if not match:
            return _message(404, "Request does not match any route.")
        code, route = match.group(1) or "default", match.group(2)
        if code not in self.store_codes:
            return _message(
                400, "The store that was requested wasn't found. Verify the store and try again."
            )
        denied = self._authenticate(request)
        if denied:
            return denied
        method = request.method
        try:
            if route == "orders" and method == "GET":
                return self._list_orders(request)
            if route == "shipments" and method == "GET":
                return self._search(request, self.shipments)
            if route == "creditmemos" and method == "GET":
                return self._search(request, self.creditmemos)
            if route == "inventory/source-items" and method == "POST":
                return self._source_items(request)
        except BadCriteria as exc:
            return _message(400, str(exc))
        found = re.fullmatch(r"(orders?)/(\d+)(?:/(ship|comments|refund))?", route)
        if not found:
            return _message(404, "Request does not match any route.")
        kind, action = found.group(1), found.group(3)
        with self.shop.lock:
            order = self.shop.orders.get(int(found.group(2)))
            if order is None or order.malformed == "no-id":
                return _message(404, NO_ENTITY)
            if (kind, action, method) == ("orders", None, "GET"):
                return Response(200, self.render(order))
            if (kind, action, method) == ("orders", "comments", "POST"):
                return self._comment(request, order)
            if (kind, action, method) == ("order", "ship", "POST"):
                return self._ship(request, order)
            if (kind, action, method) == ("order", "refund", "POST"):
                return self._refund(request, order)
        return _message(404, "Request does not match any route.")

    def _authenticate(self, request: Request) -> Response | None:
        oauth = oauth1.header_params(request.headers.get("authorization", ""))
        given = dict(oauth)
        if (
            not oauth
            or given.get("oauth_consumer_key") != self.consumer_key
            or given.get("oauth_token") != self.token
        ):
            return _message(401, NOT_AUTHORIZED, resources="Magento_Sales::sales")
        query = parse_qsl(request.query_string, keep_blank_values=True)
        url = f"http://{request.headers.get('host', '127.0.0.1')}{request.path}"
        problem = oauth1.verify(
            request.method, url, [*query, *oauth], self.consumer_secret,
            token_secret=self.token_secret,
        )  # fmt: skip
        if problem and "timestamp" in problem:
            return _message(401, "The timestamp is out of the acceptable range.")
        if problem:
            return _message(401, "The signature is invalid. Verify and try again.")
        with self._auth_lock:
            nonce = given.get("oauth_nonce", "") + given.get("oauth_timestamp", "")
            if nonce in self._nonces:
                return _message(
                    401, "The nonce is already being used by the consumer with ID %1.", **{"1": 1}
                )
            self._nonces.add(nonce)
        return None

    def _page(self, criteria: dict[str, Any], total: int) -> tuple[int, int] | Response:
        """(page size, 1-based page) to serve, or the store's refusal of the page size."""
        size = criteria.get("page_size")
        if size is not None and self.cap_page_size and size > MAX_PAGE_SIZE:
            return _message(400, "Maximum SearchCriteria pageSize is %max", max=MAX_PAGE_SIZE)
        if size is None or size <= 0:
            size = DEFAULT_PAGE_SIZE if self.cap_page_size else max(total, 1)
        pages = max(1, math.ceil(total / size))
        # Magento's trap: a page past the end is the last page again, not an empty one.
        current = min(max(1, criteria.get("current_page") or 1), pages)
        return size, current

    def _list_orders(self, request: Request) -> Response:
        self.list_requests += 1
        criteria = search_criteria(request.query)
        self.maybe_modify()
        with self.shop.lock:
            rows = [(self._row(o), o) for o in self.shop.orders.values()]
            groups = prepare(criteria["filter_groups"])
            chosen = [(row, o) for row, o in rows if matches(row, groups)]
            self._sort(chosen, criteria.get("sort_orders", []))
            page = self._page(criteria, len(chosen))
            if isinstance(page, Response):
                return page
            size, current = page
            served = [o for _, o in chosen[(current - 1) * size : current * size]]
            items = [self.render(o) for o in served]
            if self.faults.pick(("duplicate",)) and self._served:
                extra = [self.shop.orders[i] for i in self._served[-3:] if i in self.shop.orders]
                items[:0] = [self.render(o) for o in extra]
            if self.faults.pick(("reorder",)):
                self.faults.shuffle(items)
            self._served = [o.id for o in served]
        criteria["page_size"], criteria["current_page"] = size, current
        return Response(
            200, {"items": items, "search_criteria": criteria, "total_count": len(chosen)}
        )

    def _sort(self, rows: list[tuple[dict[str, Any], Any]], sorts: list[dict[str, Any]]) -> None:
        """By the requested fields; ties in any order when the "reorder" fault fires (the
        database has no tie-breaker), else in entity order."""
        shuffle = self.faults.pick(("reorder",)) is not None
        tie = {id(row): (self.faults._random.random() if shuffle else 0) for row, _ in rows}
        rows.sort(key=lambda r: (tie[id(r[0])], r[0].get("entity_id") or 0))
        for s in reversed(sorts):
            field = s["field"]
            if rows and field not in rows[0][0]:
                raise BadCriteria(f'"{field}" is not a field that can be sorted by.')
            rows.sort(
                key=lambda r, f=field: r[0][f],  # type: ignore[misc]
                reverse=str(s["direction"]).upper() == "DESC",
            )

    def _search(self, request: Request, records: list[dict[str, Any]]) -> Response:
        criteria = search_criteria(request.query)
        with self.shop.lock:
            groups = prepare(criteria["filter_groups"])
            chosen = [(r, r) for r in records if matches(r, groups)]
            self._sort(chosen, criteria.get("sort_orders", []))
            page = self._page(criteria, len(chosen))
            if isinstance(page, Response):
                return page
            size, current = page
            items = [r for r, _ in chosen[(current - 1) * size : current * size]]
        return Response(
            200, {"items": items, "search_criteria": criteria, "total_count": len(chosen)}
        )

    # -- writes ----------------------------------------------------------------------------

    @staticmethod
    def _body(request: Request) -> dict[str, Any] | None:
        try:
            data = request.json()
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _shipped(self, order_id: int) -> dict[int, int]:
        done: dict[int, int] = {}
        for shipment in self.shop.orders[order_id].fulfillments:
            for item in shipment["items"]:
                done[item["order_item_id"]] = done.get(item["order_item_id"], 0) + item["qty"]
        return done

    def _ship(self, request: Request, order: ShopOrder) -> Response:
        data = self._body(request)
        if data is None:
            return _message(400, "Decoding error: the request body is not valid JSON.")
        if self._state(order)[0] in NOT_SHIPPABLE or order.malformed:
            return _message(400, CANNOT_SHIP)
        lines = {line.id: line for line in order.lines}
        shipped = self._shipped(order.id)
        left = {i: line.quantity - shipped.get(i, 0) for i, line in lines.items()}
        wanted: dict[int, int] = {}
        given = data.get("items") or []
        if not isinstance(given, list):
            return _message(400, "Decoding error: items is not a list.")
        for item in given:
            try:
                item_id, qty = int(item["order_item_id"]), float(item["qty"])
            except (KeyError, TypeError, ValueError):
                return _message(400, "Shipment Document Validation Error(s):\nInvalid item.")
            if item_id not in lines or qty <= 0 or qty != int(qty):
                return _message(400, CANNOT_SHIP)
            wanted[item_id] = wanted.get(item_id, 0) + int(qty)
        if not given:  # no items: everything left
            wanted = {i: q for i, q in left.items() if q > 0}
        if not wanted or any(q > left[i] for i, q in wanted.items()):
            return _message(400, CANNOT_SHIP)
        tracks = data.get("tracks") or []
        if not isinstance(tracks, list) or not all(
            isinstance(t, dict) and t.get("track_number") and t.get("carrier_code") for t in tracks
        ):
            return _message(
                400, "Shipment Document Validation Error(s):\nPlease enter a tracking number."
            )
        number = len(self.shipments) + 1
        now = stamp(self.shop.clock.tick())
        shipment = {
            "entity_id": number,
            "increment_id": f"{number:09d}",
            "order_id": order.id,
            "created_at": now,
            "updated_at": now,
            "total_qty": sum(wanted.values()),
            "items": [
                {
                    "entity_id": number * 100 + n,
                    "parent_id": number,
                    "order_item_id": i,
                    "sku": lines[i].sku,
                    "name": lines[i].name,
                    "qty": q,
                }
                for n, (i, q) in enumerate(sorted(wanted.items()))
            ],
            "tracks": [
                {
                    "entity_id": number * 100 + n,
                    "parent_id": number,
                    "order_id": order.id,
                    "track_number": str(t["track_number"]),
                    "title": str(t.get("title") or ""),
                    "carrier_code": str(t["carrier_code"]),
                    "created_at": now,
                }
                for n, t in enumerate(tracks)
            ],
            "notify": bool(data.get("notify", False)),
        }
        self.shipments.append(shipment)
        order.fulfillments.append(shipment)
        if all(q - wanted.get(i, 0) <= 0 for i, q in left.items()):
            order.status = "fulfilled"
        self.shop.touch(order)
        return Response(200, str(number))

    def _comment(self, request: Request, order: ShopOrder) -> Response:
        data = self._body(request)
        history = data.get("statusHistory") if data else None
        if not isinstance(history, dict) or not str(history.get("comment") or "").strip():
            return _message(400, '"statusHistory" is required. Enter and try again.')
        note = {
            "entity_id": self._next_comment,
            "parent_id": order.id,
            "comment": str(history["comment"]),
            "created_at": stamp(self.shop.clock.tick()),
            "is_customer_notified": int(bool(history.get("is_customer_notified"))),
            "is_visible_on_front": int(bool(history.get("is_visible_on_front"))),
            "status": str(history.get("status") or self._state(order)[1]),
            "entity_name": "order",
        }
        self._next_comment += 1
        order.notes.append(note)
        self.shop.touch(order)
        return Response(200, True)

    def _refund(self, request: Request, order: ShopOrder) -> Response:
        data = self._body(request)
        if data is None:
            return _message(400, "Decoding error: the request body is not valid JSON.")
        lines = {line.id: line for line in order.lines}
        refunded: dict[int, int] = {}
        for memo in self.creditmemos:
            if memo["order_id"] == order.id:
                for item in memo["items"]:
                    refunded[item["order_item_id"]] = (
                        refunded.get(item["order_item_id"], 0) + item["qty"]
                    )
        items: dict[int, int] = {}
        for item in data.get("items") or []:
            try:
                item_id, qty = int(item["order_item_id"]), int(float(item["qty"]))
            except (KeyError, TypeError, ValueError):
                return _message(400, "The credit memo's items are not valid.")
            if item_id not in lines:
                return _message(
                    400,
                    "The creditmemo contains product item that is not part of the original order.",
                )
            items[item_id] = items.get(item_id, 0) + qty
        if any(q > lines[i].quantity - refunded.get(i, 0) for i, q in items.items()):
            return _message(
                400, "The quantity to creditmemo must not be greater than the unrefunded quantity."
            )
        if not items:
            return _message(400, "You can't create a creditmemo without products.")
        arguments = data.get("arguments") if isinstance(data.get("arguments"), dict) else {}
        assert isinstance(arguments, dict)
        extension = arguments.get("extension_attributes")
        restock = (extension if isinstance(extension, dict) else arguments).get(
            "return_to_stock_items"
        ) or []
        comment = data.get("comment") if isinstance(data.get("comment"), dict) else {}
        assert isinstance(comment, dict)
        number = len(self.creditmemos) + 1
        memo = {
            "entity_id": number,
            "increment_id": f"{number:09d}",
            "order_id": order.id,
            "created_at": stamp(self.shop.clock.tick()),
            "items": [
                {"order_item_id": i, "sku": lines[i].sku, "qty": q}
                for i, q in sorted(items.items())
            ],
            "return_to_stock_items": [int(i) for i in restock if str(i).isdigit()],
            "comments": (
                [{"comment": str(comment.get("comment"))}] if comment.get("comment") else []
            ),
        }
        self.creditmemos.append(memo)
        self.shop.touch(order)
        return Response(200, str(number))

    def _source_items(self, request: Request) -> Response:
        self.stock_requests += 1
        data = self._body(request)
        items = data.get("sourceItems") if data else None
        if not isinstance(items, list):
            return _message(400, '"sourceItems" is required. Enter and try again.')
        if self.list_limit is not None and len(items) > self.list_limit:
            return _message(
                400,
                'Maximum items of type "%type" is %max',
                type="\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface",
                max=self.list_limit,
            )
        catalogue = {sku for sku, _, _ in self.shop.products}
        errors: list[dict[str, Any]] = []
        for item in items:
            if not isinstance(item, dict):
                errors.append({"message": "A source item is not an object."})
                continue
            sku, source = item.get("sku"), item.get("source_code")
            quantity = item.get("quantity")
            if sku not in catalogue:
                errors.append(
                    {
                        "message": 'Product with SKU "%sku" does not exist.',
                        "parameters": {"sku": sku},
                    }
                )
            elif source not in self.sources:
                errors.append(
                    {
                        "message": 'Source with code "%code" does not exist.',
                        "parameters": {"code": source},
                    }
                )
            elif not isinstance(quantity, int | float) or isinstance(quantity, bool):
                errors.append({"message": '"quantity" should be numeric.'})
            elif item.get("status") not in (0, 1):
                errors.append({"message": '"status" should be 0 or 1.'})
        if errors:
            return Response(400, {"message": "Validation Failed", "errors": errors})
        with self.shop.lock:
            for item in items:
                self.source_items[(item["sku"], item["source_code"])] = {
                    "sku": item["sku"],
                    "source_code": item["source_code"],
                    "quantity": item["quantity"],
                    "status": item["status"],
                }
                self.stock[item["sku"]] = int(
                    sum(
                        v["quantity"] for (s, _), v in self.source_items.items() if s == item["sku"]
                    )
                )
        return Response(200, [])

    # -- shapes ----------------------------------------------------------------------------

    @staticmethod
    def _state(order: ShopOrder) -> tuple[str, str]:
        if order.malformed == "bad-status":
            return "wibble", "wibble"
        if order.status == "open" and order.payment_method == "cod":
            return "new", "pending"  # cash on delivery: not invoiced until it is paid
        return STATES[order.status]

    def _row(self, order: ShopOrder) -> dict[str, Any]:
        """The searchable fields of an order."""
        state, status = self._state(order)
        return {
            "entity_id": order.id,
            "increment_id": f"{order.number:09d}",
            "updated_at": stamp(order.modified),
            "created_at": stamp(order.created),
            "state": state,
            "status": status,
            "customer_email": order.email,
        }

    def render(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        state, status = self._state(order)
        shipped = self._shipped(order.id)
        items: list[dict[str, Any]] = []
        for line in order.lines:
            items.extend(self._items(order, line, shipped.get(line.id, 0)))
        if order.malformed == "no-lines":
            items = []
        elif order.malformed == "bad-quantity" and items:
            items[0]["qty_ordered"] = "two"
        total = sum(Decimal(line.price) * line.quantity for line in order.lines)
        address = {
            "address_type": "shipping",
            "entity_id": order.id * 10 + 1,
            "parent_id": order.id,
            "firstname": a["first"],
            "lastname": a["last"],
            "company": a["company"],
            "street": [a["address1"]],
            "city": a["city"],
            "region": a["province"],
            "postcode": a["zip"],
            "country_id": a["country"],
            "telephone": a["phone"],
            "email": order.email,
        }
        body: dict[str, Any] = {
            "entity_id": order.id,
            "increment_id": f"{order.number:09d}",
            "state": state,
            "status": status,
            "created_at": stamp(order.created),
            "updated_at": stamp(order.modified),
            "customer_email": order.email,
            "customer_firstname": a["first"],
            "customer_lastname": a["last"],
            "order_currency_code": "ILS",
            "base_currency_code": "ILS",
            "grand_total": float(total),
            "subtotal": float(total),
            "total_qty_ordered": float(sum(line.quantity for line in order.lines)),
            "shipping_description": f"{order.shipping_method} - Fixed",
            "customer_note": order.note,
            "items": items,
            "billing_address": {**address, "address_type": "billing", "entity_id": order.id * 10},
            "payment": {
                "method": "cashondelivery" if order.payment_method == "cod" else "checkmo",
                "amount_ordered": float(total),
            },
            "status_histories": list(reversed(order.notes)),
            "extension_attributes": {
                "shipping_assignments": [
                    {
                        "shipping": {
                            "address": address,
                            "method": "flatrate_flatrate",
                            "total": {"shipping_amount": 0},
                        },
                        "items": items,
                    }
                ]
            },
        }
        if order.malformed == "no-id":
            del body["entity_id"]
        return body

    @staticmethod
    def _items(order: ShopOrder, line: ShopLine, shipped: int) -> list[dict[str, Any]]:
        item = {
            "item_id": line.id,
            "order_id": order.id,
            "sku": line.sku,
            "name": line.name,
            "qty_ordered": float(line.quantity),
            "qty_shipped": float(shipped),
            "price": float(line.price),
            "row_total": float(Decimal(line.price) * line.quantity),
            "product_type": "simple",
        }
        if line.id % CONFIGURABLE_EVERY:
            return [item]
        # Sold as a variant of a configurable product: the parent carries the price and is
        # shipped; the child (the simple product) has the same SKU and qty, and a parent id.
        child = {
            **item,
            "item_id": line.id + CHILD_OFFSET,
            "parent_item_id": line.id,
            "price": 0.0,
            "row_total": 0.0,
        }
        return [{**item, "product_type": "configurable"}, child]
