"""A Shopify GraphQL Admin API emulator: ``orders`` with cursor pagination and the
``updated_at`` search filter, ``order(id:)``, ``fulfillmentCreate`` on fulfillment orders, the
access-token header, and the cost-based leaky bucket (``extensions.cost.throttleStatus``,
``THROTTLED``, ``MAX_COST_EXCEEDED``), with the faults of :mod:`.base` on request.

Stock: one location (``gid://shopify/Location/1``), a product variant and inventory item per
SKU of the shop's catalogue, ``productVariants(query: "sku:A OR sku:B")`` and
``inventorySetQuantities`` with the 2026-04 rules when the request's path asks for 2026-04 or
later: ``changeFromQuantity`` on every line (a stale one is refused with
``CHANGE_FROM_QUANTITY_STALE``) and ``@idempotent(key:)`` (a repeated key answers as the first
time, without applying again). :meth:`ShopifyEmulator.sell` is the store's own sale.

Returns: :meth:`ShopifyEmulator.open_return` (a customer's return, which touches the order as
Shopify does), ``returnableFulfillments``, ``returnCreate`` (fulfilled quantities only),
``return(id:)`` with its reverse fulfillment order, and ``returnProcess`` with dispositions per
line (never more than a line's unprocessed quantity); ``processed_returns`` records each
``returnProcess`` the store applied."""

from __future__ import annotations

import base64
import contextlib
import json
import re
import threading
import time
from datetime import datetime
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    execute_sync,
    parse,
    validate,
    value_from_ast_untyped,
)

from . import shopify_schema
from .base import Emulator, Faults, Request, Response, Shop, ShopLine, ShopOrder, parse_time

PATH = re.compile(r"^/admin/api/(\d{4}-\d{2}|unstable)/graphql\.json$")
SKU_SEARCH = re.compile(r"sku:(?:'([^']*)'|\"([^\"]*)\"|(\S+))")
#: The first API version with compare-and-swap and idempotency keys required on stock writes.
STRICT_STOCK = "2026-04"
LOCATION = "gid://shopify/Location/1"
#: Mutations that need ``@idempotent(key:)`` from 2026-04.
IDEMPOTENT = ("inventorySetQuantities",)
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


def _idempotency_key(fields: list[FieldNode], variables: dict[str, Any]) -> str | None:
    """The ``@idempotent(key:)`` of a mutation's field, if it has one."""
    for field in fields:
        for directive in field.directives or ():
            if directive.name.value != "idempotent":
                continue
            for arg in directive.arguments or ():
                if arg.name.value == "key":
                    value = value_from_ast_untyped(arg.value, variables)
                    return str(value) if value else None
    return None


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


def _return_status(returns: list[dict[str, Any]]) -> str:
    live = [r for r in returns if r["status"] not in ("CANCELED", "DECLINED")]
    if not live:
        return "NO_RETURN"
    if any(r["status"] == "REQUESTED" for r in live):
        return "RETURN_REQUESTED"
    return "IN_PROGRESS" if any(r["status"] == "OPEN" for r in live) else "RETURNED"


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
        # stock: a variant and inventory item per SKU of the catalogue, at one location
        self._item_number = {sku: 1000 + i for i, (sku, _n, _b) in enumerate(shop.products, 1)}
        self._item_sku = {n: sku for sku, n in self._item_number.items()}
        #: What the store shows as available, per SKU.
        self.stock: dict[str, int] = dict.fromkeys(self._item_number, 0)
        #: Stock requests (variant look-ups and ``inventorySetQuantities``) served.
        self.stock_requests = 0
        #: Every line ``inventorySetQuantities`` applied: (idempotency key, SKU, quantity).
        self.stock_sets: list[tuple[str | None, str, int]] = []
        self._idempotent: dict[str, dict[str, Any]] = {}
        self._idempotent_lock = threading.Lock()
        self._adjustment_id = 1
        # returns
        self.returns: dict[int, dict[str, Any]] = {}
        #: Each ``returnProcess`` the store applied: return id, and (SKU, quantity,
        #: disposition) per disposition.
        self.processed_returns: list[dict[str, Any]] = []
        self._return_line_id = 1
        q = self.schema.query_type
        m = self.schema.mutation_type
        assert q is not None and m is not None
        q.fields["orders"].resolve = self._orders
        q.fields["order"].resolve = self._order
        q.fields["productVariants"].resolve = self._product_variants
        q.fields["locations"].resolve = lambda _r, _i, first=None, after=None: _page(
            [self._location()], first, after
        )
        q.fields["return"].resolve = self._return
        q.fields["returnableFulfillments"].resolve = self._returnable_fulfillments
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
        order_type.fields["returns"].resolve = (  # type: ignore[attr-defined]
            lambda o, _i, first=None, after=None: _page(o["_returns"], first, after)
        )
        item_type = self.schema.type_map["InventoryItem"]
        item_type.fields["inventoryLevels"].resolve = (  # type: ignore[attr-defined]
            lambda item, _i, first=None, after=None: _page([self._level(item)], first, after)
        )
        item_type.fields["inventoryLevel"].resolve = (  # type: ignore[attr-defined]
            lambda item, _i, locationId: self._level(item) if locationId == LOCATION else None
        )
        level_type = self.schema.type_map["InventoryLevel"]
        level_type.fields["quantities"].resolve = (  # type: ignore[attr-defined]
            lambda level, _i, names: [
                {"name": n, "quantity": self.stock.get(level["_sku"], 0)} for n in names
            ]
        )
        for kind, field in (
            ("Return", "returnLineItems"),
            ("Return", "reverseFulfillmentOrders"),
            ("ReverseFulfillmentOrder", "lineItems"),
            ("ReturnableFulfillment", "returnableFulfillmentLineItems"),
        ):
            self.schema.type_map[kind].fields[field].resolve = (  # type: ignore[attr-defined]
                lambda obj, _i, first=None, after=None, _f=field: _page(obj[f"_{_f}"], first, after)
            )
        m.fields["fulfillmentCreate"].resolve = self._fulfillment_create
        m.fields["inventorySetQuantities"].resolve = self._set_quantities
        m.fields["returnCreate"].resolve = self._return_create
        m.fields["returnProcess"].resolve = self._return_process

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = PATH.match(request.path)
        if request.method != "POST" or not path:
            return Response(404, {"errors": "Not Found"})
        version = path.group(1)
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
        op = shopify_schema.operation(document)
        fields = [f for f in op.selection_set.selections if isinstance(f, FieldNode)]
        if any(f.name.value in ("productVariants", *IDEMPOTENT) for f in fields):
            self.stock_requests += 1
        key = _idempotency_key(fields, variables)
        strict = version >= STRICT_STOCK
        if strict and key is None and any(f.name.value in IDEMPOTENT for f in fields):
            self.bucket.refund(requested)
            return Response(
                200,
                {
                    "errors": [
                        {
                            "message": "The @idempotent directive is required for this mutation.",
                            "extensions": {"code": "BAD_REQUEST"},
                        }
                    ]
                },
            )
        out: dict[str, Any]
        with self._idempotent_lock if key else contextlib.nullcontext():
            if key and key in self._idempotent:
                out = dict(self._idempotent[key])  # the first answer, not applied again
                actual = requested
            else:
                result: ExecutionResult = execute_sync(
                    self.schema,
                    document,
                    variable_values=variables,
                    root_value=None,
                    context_value={"version": version, "key": key},
                )
                actual = shopify_schema.cost(self.schema, document, variables, result.data)
                if op.operation.value == "mutation":
                    actual = requested
                out = {"data": result.data}
                if result.errors:
                    out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
                if key:
                    self._idempotent[key] = dict(out)
        self.bucket.refund(max(0, requested - actual))
        self.cost_log.append((time.monotonic(), actual))
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

    # -- stock ---------------------------------------------------------------------------

    def sell(self, sku: str, quantity: int = 1) -> None:
        """The store's own sale: ``available`` goes down without us (so our last figure is
        stale)."""
        with self.shop.lock:
            self.stock[sku] = self.stock.get(sku, 0) - quantity

    @staticmethod
    def _location() -> dict[str, Any]:
        return {"id": LOCATION, "name": "Warehouse", "isActive": True}

    def _variant(self, sku: str) -> dict[str, Any]:
        number = self._item_number[sku]
        name, barcode = next((n, b) for s, n, b in self.shop.products if s == sku)
        return {
            "id": gid("ProductVariant", number),
            "sku": sku,
            "barcode": barcode or None,
            "title": name,
            "inventoryItem": {"id": gid("InventoryItem", number), "sku": sku, "tracked": True},
        }

    def _level(self, item: dict[str, Any]) -> dict[str, Any]:
        number = gid_number(item["id"])
        return {
            "id": f"gid://shopify/InventoryLevel/{number}?inventory_item_id={number}",
            "location": self._location(),
            "_sku": item["sku"],
        }

    def _product_variants(
        self,
        _root: Any,
        _info: Any,
        first: int | None = None,
        after: str | None = None,
        query: str | None = None,
    ) -> dict[str, Any]:
        if (first or 0) > 250:
            raise GraphQLError("The 'first' and 'last' arguments cannot exceed 250.")
        wanted = None
        if query:
            wanted = {a or b or c for a, b, c in SKU_SEARCH.findall(query)}
        with self.shop.lock:
            skus = [s for s in self._item_number if wanted is None or s in wanted]
            return _page([self._variant(s) for s in skus], first, after)

    def _set_quantities(self, _root: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
        strict = info.context["version"] >= STRICT_STOCK
        errors: list[dict[str, Any]] = []

        def error(index: int, field: str, code: str, message: str) -> None:
            path = ["input", "quantities", str(index), field]
            errors.append({"field": path, "message": message, "code": code})

        if input["name"] not in ("available", "on_hand"):
            return {
                "inventoryAdjustmentGroup": None,
                "userErrors": [
                    {"field": ["input", "name"], "message": "Invalid name.", "code": "INVALID_NAME"}
                ],
            }
        with self.shop.lock:
            plan: list[tuple[str, int, int]] = []
            for index, line in enumerate(input["quantities"]):
                sku = self._item_sku.get(gid_number(line["inventoryItemId"]))
                if sku is None:
                    error(
                        index,
                        "inventoryItemId",
                        "INVALID_INVENTORY_ITEM",
                        "The specified inventory item could not be found.",
                    )
                    continue
                if line["locationId"] != LOCATION:
                    error(
                        index,
                        "locationId",
                        "INVALID_LOCATION",
                        "The specified location could not be found.",
                    )
                    continue
                current = self.stock.get(sku, 0)
                if strict and "changeFromQuantity" not in line:
                    error(
                        index,
                        "changeFromQuantity",
                        "CHANGE_FROM_QUANTITY_REQUIRED",
                        "changeFromQuantity is required on every line (null opts out).",
                    )
                    continue
                expected = line.get("changeFromQuantity", line.get("compareQuantity"))
                if expected is not None and expected != current:
                    error(
                        index,
                        "changeFromQuantity",
                        "CHANGE_FROM_QUANTITY_STALE",
                        "The specified compare quantity does not match the current quantity.",
                    )
                    continue
                plan.append((sku, int(line["quantity"]), current))
            if errors:  # all or nothing, as Shopify
                return {"inventoryAdjustmentGroup": None, "userErrors": errors}
            changes = []
            for sku, quantity, current in plan:
                self.stock[sku] = quantity
                self.stock_sets.append((info.context.get("key"), sku, quantity))
                variant = self._variant(sku)
                changes.append(
                    {
                        "name": input["name"],
                        "delta": quantity - current,
                        "quantityAfterChange": quantity,
                        "item": variant["inventoryItem"],
                        "location": self._location(),
                    }
                )
            group = {
                "id": gid("InventoryAdjustmentGroup", self._adjustment_id),
                "reason": input["reason"],
                "referenceDocumentUri": input.get("referenceDocumentUri"),
                "changes": changes,
            }
            self._adjustment_id += 1
            return {"inventoryAdjustmentGroup": group, "userErrors": []}

    # -- returns ---------------------------------------------------------------------------

    def _returnable(self, order: ShopOrder) -> list[tuple[dict[str, Any], ShopLine, int, int]]:
        """(fulfillment, line, fulfillment line item number, quantity still returnable)."""
        taken: dict[int, int] = {}
        for ret in self.returns.values():
            if ret["order_id"] == order.id and ret["status"] not in ("CANCELED", "DECLINED"):
                for line in ret["lines"]:
                    taken[line["fli"]] = taken.get(line["fli"], 0) + line["quantity"]
        lines = {line.id: line for line in order.lines}
        out = []
        for fulfillment in order.fulfillments:
            number = gid_number(fulfillment["id"])
            for line_id, quantity in fulfillment["_lines"].items():
                fli = number * 100_000 + line_id
                out.append((fulfillment, lines[line_id], fli, quantity - taken.get(fli, 0)))
        return out

    @staticmethod
    def _fli(line: ShopLine, fli: int, quantity: int) -> dict[str, Any]:
        return {
            "id": gid("FulfillmentLineItem", fli),
            "quantity": quantity,
            "lineItem": {
                "id": gid("LineItem", line.id),
                "sku": line.sku,
                "name": line.name,
                "title": line.name,
                "quantity": line.quantity,
                "currentQuantity": line.quantity,
                "unfulfilledQuantity": 0,
                "variant": None,
            },
        }

    def _new_return(
        self, order: ShopOrder, lines: list[tuple[ShopLine, int, int, str, str]]
    ) -> dict[str, Any]:
        number = len(self.returns) + 1
        record: dict[str, Any] = {
            "id": number,
            "order_id": order.id,
            "status": "OPEN",
            "name": f"#{order.number}-R{number}",
            "lines": [],
        }
        for line, fli, quantity, reason, note in lines:
            record["lines"].append(
                {
                    "id": self._return_line_id,
                    "fli": fli,
                    "line": line,
                    "quantity": quantity,
                    "reason": reason,
                    "note": note,
                    "dispositions": [],
                }
            )
            self._return_line_id += 1
        self.returns[number] = record
        self.shop.touch(order)  # Shopify updates the order when a return is opened
        return record

    def fulfil(self, order_id: int) -> None:
        """Fulfil what is left of an order, as the merchant would in Shopify's admin."""
        with self.shop.lock:
            order = self.shop.orders[order_id]
            left = {line.id: self._remaining(order, line) for line in order.lines}
            record = {
                "id": gid("Fulfillment", self._fulfillment_id),
                "status": "SUCCESS",
                "createdAt": _iso(self.shop.clock.tick()),
                "trackingInfo": [],
                "_lines": {i: q for i, q in left.items() if q > 0},
            }
            self._fulfillment_id += 1
            order.fulfillments.append(record)
            order.status = "fulfilled"
            self.shop.touch(order)

    def open_return(self, order_id: int, items: list[tuple[str, int, str]]) -> str:
        """A return opened by the customer (or the merchant in Shopify's admin) for
        fulfilled items: ``(sku, quantity, reason)``; the return's id."""
        with self.shop.lock:
            order = self.shop.orders[order_id]
            available: list[list[Any]] = [list(r) for r in self._returnable(order)]
            chosen: list[tuple[ShopLine, int, int, str, str]] = []
            for sku, quantity, reason in items:
                left = quantity
                for entry in available:
                    _f, line, fli, free = entry
                    take = min(left, free)
                    if line.sku == sku and take > 0:
                        chosen.append((line, fli, take, reason, ""))
                        entry[3] = free - take
                        left -= take
                if left:
                    raise ValueError(f"order {order_id} has no {quantity} fulfilled {sku}")
            return gid("Return", self._new_return(order, chosen)["id"])

    def _render_return(self, ret: dict[str, Any]) -> dict[str, Any]:
        lines, rfo_items = [], []
        for line in ret["lines"]:
            processed = sum(d["quantity"] for d in line["dispositions"])
            fli = self._fli(line["line"], line["fli"], line["quantity"])
            lines.append(
                {
                    "id": gid("ReturnLineItem", line["id"]),
                    "quantity": line["quantity"],
                    "processedQuantity": processed,
                    "unprocessedQuantity": line["quantity"] - processed,
                    "returnReason": line["reason"],
                    "returnReasonNote": line["note"],
                    "fulfillmentLineItem": fli,
                }
            )
            rfo_items.append(
                {
                    "id": gid("ReverseFulfillmentOrderLineItem", line["id"]),
                    "totalQuantity": line["quantity"],
                    "fulfillmentLineItem": fli,
                    "dispositions": [
                        {
                            "id": gid("ReverseFulfillmentOrderDisposition", line["id"] * 100 + i),
                            "quantity": d["quantity"],
                            "type": d["type"],
                            "location": self._location() if d["location"] else None,
                        }
                        for i, d in enumerate(line["dispositions"], 1)
                    ],
                }
            )
        return {
            "id": gid("Return", ret["id"]),
            "name": ret["name"],
            "status": ret["status"],
            "order": None,
            "_returnLineItems": lines,
            "_reverseFulfillmentOrders": [
                {
                    "id": gid("ReverseFulfillmentOrder", ret["id"]),
                    "status": "CLOSED" if ret["status"] == "CLOSED" else "OPEN",
                    "_lineItems": rfo_items,
                }
            ],
        }

    def _return(self, _root: Any, _info: Any, id: str) -> dict[str, Any] | None:
        with self.shop.lock:
            ret = self.returns.get(gid_number(id))
            return (
                self._render_return(ret) if ret and id.startswith("gid://shopify/Return/") else None
            )

    def _returnable_fulfillments(
        self,
        _root: Any,
        _info: Any,
        orderId: str,
        first: int | None = None,
        after: str | None = None,
    ) -> dict[str, Any]:
        with self.shop.lock:
            order = self.shop.orders.get(gid_number(orderId))
            if order is None:
                raise GraphQLError("Order does not exist.")
            groups: dict[str, dict[str, Any]] = {}
            for fulfillment, line, fli, free in self._returnable(order):
                if free <= 0:
                    continue
                group = groups.setdefault(
                    fulfillment["id"],
                    {
                        "id": gid("ReturnableFulfillment", gid_number(fulfillment["id"])),
                        "fulfillment": fulfillment,
                        "_returnableFulfillmentLineItems": [],
                    },
                )
                group["_returnableFulfillmentLineItems"].append(
                    {"quantity": free, "fulfillmentLineItem": self._fli(line, fli, free)}
                )
            return _page(list(groups.values()), first, after)

    def _return_create(self, _root: Any, _info: Any, returnInput: dict[str, Any]) -> dict[str, Any]:
        def error(field: list[str], text: str, code: str = "INVALID") -> dict[str, Any]:
            return {"return": None, "userErrors": [{"field": field, "message": text, "code": code}]}

        with self.shop.lock:
            order = self.shop.orders.get(gid_number(returnInput["orderId"]))
            if order is None:
                return error(["returnInput", "orderId"], "Order does not exist.", "NOT_FOUND")
            free: dict[int, list[Any]] = {
                fli: [line, q] for _f, line, fli, q in self._returnable(order)
            }
            chosen: list[tuple[ShopLine, int, int, str, str]] = []
            for index, item in enumerate(returnInput["returnLineItems"]):
                field = ["returnInput", "returnLineItems", str(index)]
                found = free.get(gid_number(item["fulfillmentLineItemId"]))
                if found is None or not item["fulfillmentLineItemId"].startswith(
                    "gid://shopify/FulfillmentLineItem/"
                ):
                    return error([*field, "fulfillmentLineItemId"], "Line item not found.")
                if not 0 < item["quantity"] <= found[1]:
                    return error(
                        [*field, "quantity"],
                        "Return line item quantity exceeds the returnable quantity.",
                    )
                found[1] -= item["quantity"]
                chosen.append(
                    (
                        found[0],
                        gid_number(item["fulfillmentLineItemId"]),
                        item["quantity"],
                        item.get("returnReason") or "UNKNOWN",
                        item.get("returnReasonNote") or "",
                    )
                )
            if not chosen:
                return error(["returnInput", "returnLineItems"], "Return has no line items.")
            return {
                "return": self._render_return(self._new_return(order, chosen)),
                "userErrors": [],
            }

    def _return_process(self, _root: Any, _info: Any, input: dict[str, Any]) -> dict[str, Any]:
        def error(field: list[str], text: str, code: str = "INVALID") -> dict[str, Any]:
            return {"return": None, "userErrors": [{"field": field, "message": text, "code": code}]}

        with self.shop.lock:
            ret = self.returns.get(gid_number(input["returnId"]))
            if ret is None:
                return error(["input", "returnId"], "Return not found.", "NOT_FOUND")
            if ret["status"] != "OPEN":
                return error(["input", "returnId"], "Return is not open.", "INVALID_STATE")
            lines = {line["id"]: line for line in ret["lines"]}
            plan: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
            for index, item in enumerate(input.get("returnLineItems") or []):
                field = ["input", "returnLineItems", str(index)]
                line = lines.get(gid_number(item["id"]))
                if line is None:
                    return error([*field, "id"], "Return line item not found.", "NOT_FOUND")
                left = line["quantity"] - sum(d["quantity"] for d in line["dispositions"])
                if not 0 < item["quantity"] <= left:
                    return error(
                        [*field, "quantity"],
                        f"Quantity {item['quantity']} is more than the {left} left to process.",
                    )
                dispositions = item.get("dispositions") or []
                if sum(d["quantity"] for d in dispositions) != item["quantity"]:
                    return error(
                        [*field, "dispositions"], "Dispositions must add up to the quantity."
                    )
                for d in dispositions:
                    if gid_number(d["reverseFulfillmentOrderLineItemId"]) != line["id"]:
                        return error([*field, "dispositions"], "Reverse line item not found.")
                    if d["dispositionType"] == "RESTOCKED" and d.get("locationId") != LOCATION:
                        return error(
                            [*field, "dispositions", "locationId"],
                            "A location is required to restock.",
                        )
                plan.append((line, dispositions))
            if not plan:
                return error(["input", "returnLineItems"], "Nothing to process.")
            done = []
            for line, dispositions in plan:
                for d in dispositions:
                    line["dispositions"].append(
                        {
                            "quantity": d["quantity"],
                            "type": d["dispositionType"],
                            "location": d.get("locationId"),
                        }
                    )
                    sku = line["line"].sku
                    if d["dispositionType"] == "RESTOCKED" and sku in self.stock:
                        self.stock[sku] += d["quantity"]
                    done.append((sku, d["quantity"], d["dispositionType"]))
            self.processed_returns.append({"return_id": gid("Return", ret["id"]), "lines": done})
            if all(
                sum(d["quantity"] for d in line["dispositions"]) == line["quantity"]
                for line in ret["lines"]
            ):
                ret["status"] = "CLOSED"
            order = self.shop.orders[ret["order_id"]]
            self.shop.touch(order)
            return {"return": self._render_return(ret), "userErrors": []}

    # -- shapes ----------------------------------------------------------------------------

    def render(self, order: ShopOrder) -> dict[str, Any]:
        a = order.address
        returns = [r for r in self.returns.values() if r["order_id"] == order.id]
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
            "_returns": [self._render_return(r) for r in returns],
            "returnStatus": _return_status(returns),
        }
