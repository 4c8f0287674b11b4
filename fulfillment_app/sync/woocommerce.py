"""The WooCommerce REST API v3 adapter.

Reading: ``GET /wp-json/wc/v3/orders?modified_after=…&orderby=modified&order=asc&per_page=100``.
We always ask for page 1 after the last committed update stamp (minus a second of overlap for
orders sharing a stamp) rather than walking ``page=2, 3, …``: offset pages shift when an
order changes while we page, and an order would slip between two pages unseen. The overlap
re-reads a few orders; the upsert skips versions it already holds. ``X-WP-TotalPages`` says
whether more remain. If more than a page of orders share one second, that second is walked
with ``page=n`` inside a one-second window, then passed.

Writing: the tracking number as a customer note, then the status ``completed`` on the last
package. Before retrying after an unknown outcome the notes are read back, so a note is never
added twice.
"""

from __future__ import annotations

import base64
import contextlib
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from . import oauth1
from .http import HttpClient, Params
from .pickup import DEFAULT_KEYS, PickupKeys, meta_pairs, pickup_point
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
    Transient,
    as_dict,
    return_note,
    stamp_of,
)

API = "/wp-json/wc/v3"
PER_PAGE = 100
STOCK_BATCH = 100
STATUS = {
    "processing": "open",
    "pending": "on_hold",  # awaiting payment: not to be shipped yet
    "on-hold": "on_hold",
    "completed": "fulfilled",
    "cancelled": "cancelled",
    "refunded": "cancelled",
    "failed": "cancelled",
    "trash": "cancelled",
}
ISO = "%Y-%m-%dT%H:%M:%S"


def _stamp(text: Any) -> datetime:
    if not isinstance(text, str) or not text:
        raise Malformed("has no modification date")
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Malformed(f"has an unreadable modification date {text!r}") from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def map_order(raw: Any, pickup_keys: PickupKeys = DEFAULT_KEYS) -> OrderData:
    """A WooCommerce order as ours, or :class:`Malformed` saying what is wrong."""
    if not isinstance(raw, dict):
        raise Malformed("is not an object")
    ident = raw.get("id")
    if not isinstance(ident, int) or isinstance(ident, bool):
        raise Malformed("has no id")
    given = raw.get("status")
    status = STATUS.get(given) if isinstance(given, str) else None
    if status is None:
        raise Malformed(f"has an unknown status {raw.get('status')!r}")
    items = raw.get("line_items")
    if not isinstance(items, list) or not items:
        raise Malformed("has no line items")
    lines = []
    for item in items:
        if not isinstance(item, dict):
            raise Malformed("has a line item that is not an object")
        qty = item.get("quantity")
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise Malformed(f"has a line with quantity {qty!r}")
        sku = item.get("sku") or ""
        if not isinstance(sku, str):
            raise Malformed(f"has a line with SKU {sku!r}")
        lines.append(
            LineData(str(item.get("id", "")), sku.strip(), str(item.get("name") or sku), qty)
        )
    ship = as_dict(raw.get("shipping"))
    bill = as_dict(raw.get("billing"))
    if not (ship.get("address_1") or ship.get("city")):
        ship = {**bill, **{k: v for k, v in ship.items() if v}}
    name = " ".join(p for p in (ship.get("first_name"), ship.get("last_name")) if p).strip()
    ship_to = {
        "name": name,
        "company": ship.get("company") or "",
        "address1": ship.get("address_1") or "",
        "address2": ship.get("address_2") or "",
        "city": ship.get("city") or "",
        "zip": ship.get("postcode") or "",
        "province": ship.get("state") or "",
        "country": ship.get("country") or "",
        "phone": ship.get("phone") or bill.get("phone") or "",
        "email": bill.get("email") or "",
    }
    point = pickup_point(meta_pairs(raw.get("meta_data")), pickup_keys)
    if point is not None:
        ship_to["pickup_point"] = point
    if raw.get("payment_method") == "cod":  # the courier collects the order's total
        ship_to["cod_amount"] = str(raw.get("total") or "")
        ship_to["cod_currency"] = str(raw.get("currency") or "ILS")
    methods = raw.get("shipping_lines") if isinstance(raw.get("shipping_lines"), list) else []
    service = (
        str(methods[0].get("method_title") or "")
        if methods and isinstance(methods[0], dict)
        else ""
    )
    return OrderData(
        external_id=str(ident),
        number=str(raw.get("number") or ident),
        status=status,
        updated_at=_stamp(raw.get("date_modified_gmt")),
        lines=tuple(lines),
        ship_to=ship_to,
        customer_name=name,
        service=service,
        note=str(raw.get("customer_note") or ""),
    )


#: The Shipment Tracking extension's order meta: a list of the order's tracking numbers.
TRACKING_META = "_wc_shipment_tracking_items"


def note_text(shipment: Shipment) -> str:
    """The customer note for a package: the same text every time for the same package, so
    a retry can recognise a note it already added."""
    part = f" (package {shipment.package})" if shipment.package > 1 or not shipment.final else ""
    if shipment.tracking:
        carrier = f" ({shipment.carrier})" if shipment.carrier else ""
        link = f" Follow it at {shipment.tracking_url}" if shipment.tracking_url else ""
        return f"Your order has shipped{part}. Tracking number: {shipment.tracking}{carrier}.{link}"
    return f"Your order has shipped{part}. Shipment reference: {shipment.reference}."


def remote_ids(remote: dict[str, Any]) -> tuple[int, int] | None:
    """The (id, parent id) kept for a SKU, or None when not known (or no longer trusted)."""
    ident, parent = remote.get("id"), remote.get("parent") or 0
    if isinstance(ident, int) and not isinstance(ident, bool) and isinstance(parent, int):
        return ident, parent
    return None


def product_ids(raw: Any, wanted: set[str]) -> dict[str, tuple[int, int]]:
    """``{sku: (id, parent id)}`` from one product of a ``GET /products`` answer (nothing
    for a product that is not one of ``wanted`` or is not readable)."""
    if not isinstance(raw, dict):
        return {}
    sku, ident, parent = raw.get("sku"), raw.get("id"), raw.get("parent_id") or 0
    if not isinstance(sku, str) or sku not in wanted:
        return {}
    if not isinstance(ident, int) or isinstance(ident, bool) or ident <= 0:
        return {}
    if not isinstance(parent, int) or isinstance(parent, bool) or parent < 0:
        return {}
    if raw.get("type") != "variation":
        parent = 0
    return {sku: (ident, parent)}


def refund_reason(record: ReturnRecord) -> str:
    return f"Return {record.rma}"


class WooCommerceAdapter:
    platform = "woocommerce"
    #: WooCommerce takes at most 100 items a batch request (413 above).
    stock_batch = STOCK_BATCH

    def __init__(
        self, client: HttpClient, *, initial_days: int = 60, pickup_keys: PickupKeys = DEFAULT_KEYS
    ):
        self.client = client
        self.initial_days = initial_days
        self.pickup_keys = pickup_keys

    @staticmethod
    def signer(url: str, key: str, secret: str) -> Any:
        """OAuth 1.0a over plain HTTP (loopback only), HTTP Basic over HTTPS, as documented."""
        if urlsplit(url).scheme == "https":
            token = base64.b64encode(f"{key}:{secret}".encode()).decode()
            return lambda _m, _u, q: (q, {"Authorization": f"Basic {token}"})
        return lambda m, u, q: (oauth1.sign(m, u, q, key, secret), {})

    def close(self) -> None:
        self.client.close()

    # -- reading ---------------------------------------------------------------------------

    def fetch_page(self, cursor: str | None, state: Any = None) -> Page:
        exclusive = bool(cursor and cursor.endswith("|x"))
        since = (
            _stamp(cursor.removesuffix("|x"))
            if cursor
            else (datetime.now(UTC) - timedelta(days=self.initial_days))
        )
        params: Params = [
            ("per_page", str(PER_PAGE)),
            ("orderby", "modified"),
            ("order", "asc"),
            ("dates_are_gmt", "true"),
        ]
        if isinstance(state, tuple):  # walking one crowded second page by page
            window, number = state
            params += [
                ("modified_after", (window - timedelta(seconds=1)).strftime(ISO)),
                ("modified_before", (window + timedelta(seconds=1)).strftime(ISO)),
                ("page", str(number)),
            ]
        else:
            after = since if exclusive or not cursor else since - timedelta(seconds=1)
            params += [("modified_after", after.strftime(ISO)), ("page", "1")]
        response, data = self.client.request("GET", f"{API}/orders", params=params)
        if not isinstance(data, list):
            raise Permanent(f"{self.client.store} sent orders in an unexpected shape.")
        try:
            pages = int(response.headers.get("X-WP-TotalPages", "1"))
        except ValueError:
            pages = 1
        page = Page(orders=[], malformed=[])
        if not isinstance(state, tuple):  # a crowded second's total is not the run's
            with contextlib.suppress(KeyError, ValueError):  # no total said: a busy bar
                page.remaining = max(0, int(response.headers["X-WP-Total"]))
        for raw in data:
            try:
                page.orders.append(map_order(raw, self.pickup_keys))
            except Malformed as exc:
                ident = raw.get("id") if isinstance(raw, dict) else None
                page.malformed.append((None if ident is None else str(ident), str(exc), raw))
        stamps = [o.updated_at for o in page.orders]
        stamps += [s for *_, raw in page.malformed if (s := stamp_of(raw, "date_modified_gmt"))]
        newest = max(stamps, default=None)
        if isinstance(state, tuple):
            window, number = state
            page.next = (window, number + 1) if number < pages else None
            page.cursor = window.strftime(ISO) + "Z|x" if page.next is None else cursor
            return page
        if newest is None:
            page.cursor = cursor
            return page
        crowded = len(data) >= PER_PAGE and newest <= since and not exclusive
        if crowded:  # a full page inside the second we started from: walk that second
            page.next = (since, 1)
            page.cursor = cursor
            return page
        page.cursor = max(newest, since).strftime(ISO) + "Z"
        page.next = "more" if pages > 1 else None
        return page

    # -- writing ---------------------------------------------------------------------------

    def deliver(self, shipment: Shipment, *, check_first: bool) -> str:
        path = f"{API}/orders/{shipment.order_external_id}"
        text = note_text(shipment)
        note_id = None
        if check_first:
            _, notes = self.client.request("GET", f"{path}/notes")
            for note in notes if isinstance(notes, list) else []:
                if isinstance(note, dict) and note.get("note") == text:
                    note_id = str(note.get("id"))
        if note_id is None:
            _, note = self.client.request(
                "POST", f"{path}/notes", body={"note": text, "customer_note": True}, write=True
            )
            note_id = str((note or {}).get("id", ""))
        if shipment.tracking:
            self._add_tracking_item(path, shipment)
        if shipment.final:
            self.client.request("PUT", path, body={"status": "completed"}, write=True)
        return f"note:{note_id}"

    # -- stock -----------------------------------------------------------------------------

    def push_stock(self, levels: Sequence[StockLevel], *, key: str) -> list[StockResult]:
        """Absolute stock quantities: ids looked up by SKU where not known yet
        (``GET /products?sku=a,b,c``; a variation has ``parent_id``), then
        ``POST /products/batch`` and ``/products/{parent}/variations/batch`` (at most
        :data:`STOCK_BATCH` items each). WooCommerce has no idempotency key; the figures
        are absolute, so a repeat is harmless (``key`` is not sent)."""
        if len(levels) > self.stock_batch:
            raise ValueError(f"at most {self.stock_batch} SKUs a request")
        ids: dict[str, tuple[int, int]] = {}  # sku -> (id, parent id or 0)
        for level in levels:
            known = remote_ids(level.remote)
            if known is not None:
                ids[level.sku] = known
        missing = [lv.sku for lv in levels if lv.sku not in ids and "," not in lv.sku]
        looked_up = set(missing)
        if missing:
            ids.update(self._look_up(missing))
        groups: dict[int, list[StockLevel]] = {}
        for level in levels:
            if level.sku in ids:
                groups.setdefault(ids[level.sku][1], []).append(level)
        answers: dict[int, dict[str, Any]] = {}
        for parent, group in groups.items():
            path = f"{API}/products/{parent}/variations" if parent else f"{API}/products"
            path += "/batch"
            body = {
                "update": [
                    {"id": ids[lv.sku][0], "stock_quantity": max(0, lv.quantity),
                     "manage_stock": True}
                    for lv in group
                ]
            }  # fmt: skip
            _, data = self.client.request("POST", path, body=body, write=True)
            for item in as_dict(data).get("update") or []:
                if isinstance(item, dict) and isinstance(item.get("id"), int):
                    answers[item["id"]] = item
        results = []
        for level in levels:
            if level.sku not in ids:
                results.append(
                    StockResult(
                        level.sku,
                        False,
                        f"SKU {level.sku} is not in {self.client.store}: add it to the store "
                        "or leave it out of the catalogue.",
                        permanent=True,
                    )
                )
                continue
            ident, parent = ids[level.sku]
            remote = {"id": ident, "parent": parent}
            item = answers.get(ident)
            error = as_dict(item.get("error")) if item else {}
            if item is None:
                results.append(
                    StockResult(level.sku, False, f"{self.client.store} did not answer for it.",
                                remote=remote)
                )  # fmt: skip
            elif error:
                message = str(error.get("message") or error.get("code") or "refused")
                fresh = level.sku in looked_up
                results.append(
                    StockResult(
                        level.sku,
                        False,
                        f"{self.client.store} refused the stock of {level.sku}: {message}",
                        # An id we kept may be stale (the product was re-created): look it
                        # up again next time; one just looked up is refused for good.
                        permanent=fresh,
                        remote=remote if fresh else {"id": None, "parent": None},
                    )
                )
            else:
                qty = item.get("stock_quantity")
                results.append(
                    StockResult(
                        level.sku,
                        True,
                        remote=remote,
                        quantity=qty
                        if isinstance(qty, int) and not isinstance(qty, bool)
                        else None,
                    )
                )
        return results

    def _look_up(self, skus: list[str]) -> dict[str, tuple[int, int]]:
        """The products' (and variations') ids for SKUs, a page of 100 at a time."""
        found: dict[str, tuple[int, int]] = {}
        for start in range(0, len(skus), STOCK_BATCH):
            chunk = skus[start : start + STOCK_BATCH]
            params: Params = [("sku", ",".join(chunk)), ("per_page", str(STOCK_BATCH))]
            _, data = self.client.request("GET", f"{API}/products", params=params)
            if not isinstance(data, list):
                raise Transient(f"{self.client.store} sent products in an unexpected shape.")
            wanted = set(chunk)
            for raw in data:
                found.update(product_ids(raw, wanted))
        return found

    def _add_tracking_item(self, path: str, shipment: Shipment) -> None:
        """The package's number in the Shipment Tracking extension's order meta
        (``_wc_shipment_tracking_items``), beside those of the order's other packages; a
        number already there (an earlier try got through) is not added twice."""
        _, order = self.client.request("GET", path)
        items: list[Any] = []
        metas = order.get("meta_data") if isinstance(order, dict) else None
        for meta in metas if isinstance(metas, list) else []:
            if isinstance(meta, dict) and meta.get("key") == TRACKING_META:
                value = meta.get("value")
                items = list(value) if isinstance(value, list) else []
        if any(
            isinstance(i, dict) and i.get("tracking_number") == shipment.tracking for i in items
        ):
            return
        items.append(
            {
                "tracking_provider": "",
                "custom_tracking_provider": shipment.carrier,
                "custom_tracking_link": shipment.tracking_url,
                "tracking_number": shipment.tracking,
                "date_shipped": str(int(time.time())),
            }
        )
        self.client.request(
            "PUT", path, body={"meta_data": [{"key": TRACKING_META, "value": items}]}, write=True
        )

    def test(self) -> str:
        response, _ = self.client.request("GET", f"{API}/orders", params=[("per_page", "1")])
        total = response.headers.get("X-WP-Total", "?")
        return f"Connected to WooCommerce: {total} orders in the store."

    # -- returns ---------------------------------------------------------------------------

    def process_return(self, record: ReturnRecord, *, check_first: bool) -> str:
        """A private order note naming the RMA and its graded lines and, when the settings
        allow it, a refund record (``api_refund: false``: no money moves; ``api_restock:
        false``: the warehouse restocks, not the store). Both are read back first, every
        time (not only after an unknown outcome: a try may have failed after the note went
        in), so neither is ever added twice."""
        path = f"{API}/orders/{record.order_external_id}"
        text = return_note(record)
        note_id = None
        _, notes = self.client.request("GET", f"{path}/notes")
        for note in notes if isinstance(notes, list) else []:
            if isinstance(note, dict) and note.get("note") == text:
                note_id = str(note.get("id"))
        if note_id is None:
            _, note = self.client.request(
                "POST", f"{path}/notes", body={"note": text, "customer_note": False}, write=True
            )
            note_id = str(as_dict(note).get("id", ""))
        done = f"note:{note_id}"
        if record.refund:
            done += f" refund:{self._refund(path, record)}"
        return done

    def _refund(self, path: str, record: ReturnRecord) -> str:
        reason = refund_reason(record)
        _, refunds = self.client.request("GET", f"{path}/refunds")
        for refund in refunds if isinstance(refunds, list) else []:
            if isinstance(refund, dict) and refund.get("reason") == reason:
                return str(refund.get("id"))
        _, order = self.client.request("GET", path)
        prices: dict[str, float] = {}
        for item in as_dict(order).get("line_items") or []:
            if isinstance(item, dict):
                with contextlib.suppress(TypeError, ValueError):
                    prices[str(item.get("id"))] = float(item.get("price") or 0)
        items: dict[str, int] = {}
        for line in record.lines:  # what came back; missing units are not refunded
            if line.disposition != "MISSING" and line.line_external_id:
                items[line.line_external_id] = items.get(line.line_external_id, 0) + line.quantity
        if not items:
            return ""
        line_items: list[dict[str, Any]] = [
            {"id": int(ident), "quantity": qty, "refund_total": f"{prices.get(ident, 0) * qty:.2f}"}
            for ident, qty in items.items()
            if ident.isdigit()
        ]
        amount = sum(float(i["refund_total"]) for i in line_items)
        _, refund = self.client.request(
            "POST",
            f"{path}/refunds",
            body={
                "amount": f"{amount:.2f}",
                "reason": reason,
                "api_refund": False,
                "api_restock": False,
                "line_items": line_items,
            },
            write=True,
        )
        return str(as_dict(refund).get("id", ""))
