"""Shopify stock levels and returns, and WooCommerce returns, against the emulators on
loopback (real HTTP): the adapters directly where no database is involved, the outbox on
SQLite and PostgreSQL where it is."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.db.models import Order, OutboxEntry, OutboxStatus, Store
from fulfillment_app.sync import shopify
from fulfillment_app.sync.emulators import Faults, Shop, ShopifyEmulator, sample_products
from fulfillment_app.sync.emulators.shopify import gid
from fulfillment_app.sync.http import HttpClient, RetryPolicy
from fulfillment_app.sync.records import (
    Malformed,
    ReturnLineRecord,
    ReturnRecord,
    StockLevel,
    StockResult,
    Transient,
)
from fulfillment_app.sync.shopify import ShopifyAdapter
from fulfillment_app.sync.woocommerce import WooCommerceAdapter
from tests.stores import connect_store, make_emulator, station, sync_until_clean

T = TypeVar("T")
#: Faults of the HTTP kind only: the data faults are about order pages.
HTTP = ("429", "5xx", "timeout", "drop", "truncate")


def catalogue(count: int) -> list[tuple[str, str, str]]:
    return [(f"SKU-{i:05d}", f"Product {i}", "") for i in range(count)]


@contextmanager
def shopify_store(
    shop: Shop, faults: Faults | None = None, **kw: Any
) -> Iterator[tuple[ShopifyEmulator, ShopifyAdapter]]:
    emulator = make_emulator("shopify", shop, faults, **kw)
    assert isinstance(emulator, ShopifyEmulator)
    with emulator:
        client = HttpClient(
            emulator.url,
            store="shop",
            headers={"X-Shopify-Access-Token": emulator.token, "Content-Type": "application/json"},
            timeout_s=0.4,
            connect_timeout_s=0.5,
            retry=RetryPolicy(attempts=8, base_s=0.01),
        )
        adapter = ShopifyAdapter(client)
        try:
            yield emulator, adapter
        finally:
            adapter.close()


def until_done(call: Callable[[bool], T], tries: int = 60) -> T:
    """What the outbox does: try again after a transient failure, checking first when the
    last outcome is unknown."""
    check_first = False
    for _ in range(tries):
        try:
            return call(check_first)
        except Transient:
            check_first = True
    raise AssertionError("never got through")


# -- stock ---------------------------------------------------------------------------------


def test_first_push_looks_ids_up_and_the_next_uses_them() -> None:
    shop = Shop(catalogue(30))
    with shopify_store(shop) as (emulator, adapter):
        skus = [sku for sku, _, _ in shop.products[:12]]
        levels = [StockLevel(sku, 10 + i) for i, sku in enumerate(skus)]
        results = adapter.push_stock([*levels, StockLevel("NOT-IN-STORE", 4)], key="batch-1")
        assert [r.sku for r in results] == [*skus, "NOT-IN-STORE"]
        assert all(r.ok and r.quantity == 10 + i for i, r in enumerate(results[:-1]))
        missing = results[-1]
        assert not missing.ok and missing.permanent and "NOT-IN-STORE" in missing.error
        assert {s: emulator.stock[s] for s in skus} == {s: 10 + i for i, s in enumerate(skus)}
        assert emulator.stock_requests == 2  # one look-up, one write
        first_remote = results[0].remote
        assert first_remote["location_id"] == "gid://shopify/Location/1"
        assert first_remote["inventory_item_id"].startswith("gid://shopify/InventoryItem/")

        again = [StockLevel(r.sku, 3, remote=r.remote, previous=r.quantity) for r in results[:-1]]
        before = emulator.stock_requests
        assert all(r.ok for r in adapter.push_stock(again, key="batch-2"))
        assert emulator.stock_requests - before == 1  # ids cached: the write only
        assert {s: emulator.stock[s] for s in skus} == dict.fromkeys(skus, 3)


def test_a_sale_in_the_store_meanwhile_is_read_and_overwritten_once() -> None:
    shop = Shop(catalogue(5))
    with shopify_store(shop) as (emulator, adapter):
        (sku, *_), (other, *_) = shop.products[:2]
        first = adapter.push_stock([StockLevel(sku, 8), StockLevel(other, 5)], key="a")
        emulator.sell(sku, 2)  # the store's own sale: our compare-and-swap value is stale
        levels = [StockLevel(r.sku, 7, remote=r.remote, previous=r.quantity) for r in first]
        before = emulator.stock_requests
        results = adapter.push_stock(levels, key="b")
        assert [(r.ok, r.quantity) for r in results] == [(True, 7), (True, 7)]
        assert (emulator.stock[sku], emulator.stock[other]) == (7, 7)
        assert emulator.stock_requests - before == 3  # refused as stale, read, written


def test_a_repeated_key_is_not_applied_twice() -> None:
    """The pusher sends a batch again with the same key when it does not know whether the
    first try got through; the store must not apply it again."""
    shop = Shop(catalogue(3))
    with shopify_store(shop) as (emulator, adapter):
        sku = shop.products[0][0]
        (done,) = adapter.push_stock([StockLevel(sku, 10)], key="k")
        emulator.sell(sku, 1)  # 9 now: a second application would put 10 back
        (again,) = adapter.push_stock(
            [StockLevel(sku, 10, remote=done.remote, previous=0)], key="k"
        )
        assert again.ok and emulator.stock[sku] == 9
        assert [s for s in emulator.stock_sets if s[1] == sku] == [
            (emulator.stock_sets[0][0], sku, 10)
        ]


def test_the_2026_04_rules_are_enforced_by_the_emulator() -> None:
    shop = Shop(catalogue(2))
    with shopify_store(shop) as (emulator, adapter):
        item = gid("InventoryItem", 1001)
        line = {"inventoryItemId": item, "locationId": "gid://shopify/Location/1", "quantity": 4}
        query = shopify.SET_STOCK_MUTATION
        unkeyed = query.replace(" @idempotent(key: $key)", "").replace(", $key: String!", "")
        variables = {"input": {"name": "available", "reason": "correction", "quantities": [line]}}
        with pytest.raises(Exception, match="idempotent"):
            adapter.graphql("x", unkeyed, variables, write=True)
        answer = adapter.graphql("x", query, {**variables, "key": "k1"}, write=True)
        errors = answer["inventorySetQuantities"]["userErrors"]
        assert [e["code"] for e in errors] == ["CHANGE_FROM_QUANTITY_REQUIRED"]
        assert emulator.stock["SKU-00000"] == 0


def push_until_clean(adapter: ShopifyAdapter, ours: dict[str, int], batch: int, round_: int) -> int:
    """Push every SKU of ``ours`` as the pusher would: batches with a key each, the same key
    when a batch is tried again, remote ids and the last answer kept per SKU."""
    remote: dict[str, dict[str, Any]] = push_until_clean.remote  # type: ignore[attr-defined]
    last: dict[str, int | None] = push_until_clean.last  # type: ignore[attr-defined]
    tries = 0
    waiting = list(ours)
    while waiting:
        tries += 1
        assert tries < 200
        left = []
        for start in range(0, len(waiting), batch):
            chunk = waiting[start : start + batch]
            key = f"r{round_}-{chunk[0]}-{len(chunk)}"
            levels = [StockLevel(s, ours[s], remote.get(s, {}), last.get(s)) for s in chunk]
            try:
                results: list[StockResult] = adapter.push_stock(levels, key=key)
            except Transient:
                left += chunk
                continue
            for result in results:
                assert not result.permanent, result.error
                if result.ok:
                    remote[result.sku], last[result.sku] = result.remote, result.quantity
                else:
                    left.append(result.sku)
        waiting = left
    return tries


def test_stock_under_faults_ends_equal_to_ours() -> None:
    """20 % of the requests fail (time-outs and dropped connections sometimes after the
    work), the store sells meanwhile: in the end the store shows our figures, and no
    idempotency key was applied twice."""
    shop = Shop(catalogue(600))
    faults = Faults(rate=0.2, kinds=HTTP, seed=9, retry_after_s=0)
    rng = random.Random(3)
    push_until_clean.remote, push_until_clean.last = {}, {}  # type: ignore[attr-defined]
    with shopify_store(shop, faults) as (emulator, adapter):
        for round_ in range(3):
            ours = {sku: rng.randint(0, 50) for sku, _, _ in shop.products}
            for sku in rng.sample(list(ours), 20):
                emulator.sell(sku, 1)
            push_until_clean(adapter, ours, adapter.stock_batch, round_)
            with shop.lock:
                assert emulator.stock == ours
        applied = Counter((key, sku) for key, sku, _ in emulator.stock_sets)
        assert max(applied.values()) == 1


def test_stock_look_ups_keep_to_the_cost_bucket() -> None:
    """A small bucket: look-ups are sized to it, no request is refused for its cost, and
    after the first second nothing is throttled."""
    shop = Shop(catalogue(1000))
    with shopify_store(shop, bucket_size=1000, restore_rate=2000) as (emulator, adapter):
        levels = [StockLevel(sku, 5) for sku, _, _ in shop.products]
        start = time.monotonic()
        results = []
        for first in range(0, len(levels), adapter.stock_batch):
            chunk = levels[first : first + adapter.stock_batch]
            results += adapter.push_stock(chunk, key=f"b{first}")
        assert all(r.ok for r in results)
        assert [t for t in emulator.throttled if t - start > 1.0] == []
        assert all(cost <= emulator.bucket.maximum for _, cost in emulator.cost_log)
        assert set(emulator.stock.values()) == {5}


# -- returns in ----------------------------------------------------------------------------


def test_a_return_opened_in_the_store_brings_its_order_in_again() -> None:
    shop = Shop(sample_products(), orders=20, seed=5)
    with shopify_store(shop) as (emulator, adapter):
        page = adapter.fetch_page(None)
        orders = list(page.orders)
        while page.next is not None:
            page = adapter.fetch_page(None, page.next)
            orders += page.orders
        assert len(orders) == 20 and all(o.returns == () for o in orders)
        order = shop.orders[5003]
        emulator.fulfil(order.id)
        line = order.lines[0]
        return_id = emulator.open_return(order.id, [(line.sku, 1, "DEFECTIVE")])
        again = adapter.fetch_page(page.cursor)
        (mapped,) = [o for o in again.orders if o.external_id == gid("Order", order.id)]
        (ret,) = mapped.returns
        assert (ret.external_id, ret.status) == (return_id, "open")
        (rline,) = ret.lines
        assert (rline.line_external_id, rline.sku, rline.quantity, rline.reason) == (
            gid("LineItem", line.id),
            line.sku,
            1,
            "DEFECTIVE",
        )
        assert rline.external_id.startswith("gid://shopify/ReturnLineItem/")


ORDER = {
    "id": "gid://shopify/Order/1",
    "name": "#1001",
    "updatedAt": "2026-01-01T00:00:00Z",
    "displayFulfillmentStatus": "FULFILLED",
    "shippingAddress": {"name": "Noa", "address1": "Herzl 1", "city": "Tel Aviv"},
    "lineItems": {"nodes": [{"id": "gid://shopify/LineItem/1", "sku": "A", "quantity": 2}]},
    "returnStatus": "IN_PROGRESS",
}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
return_lines = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "quantity": st.integers(-2, 5) | json_values,
        "returnReason": st.sampled_from(shopify.RETURN_REASONS) | json_values,
        "returnReasonNote": json_values,
        "fulfillmentLineItem": st.fixed_dictionaries(
            {},
            optional={
                "lineItem": st.fixed_dictionaries(
                    {}, optional={"id": json_values, "sku": json_values}
                )
            },
        )
        | json_values,
    },
)
returns = st.fixed_dictionaries(
    {},
    optional={
        "nodes": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": st.text(max_size=5) | json_values,
                    "status": st.sampled_from(["OPEN", "CLOSED", "REQUESTED", "X"]) | json_values,
                    "returnLineItems": st.fixed_dictionaries(
                        {}, optional={"nodes": st.lists(return_lines | json_values, max_size=3)}
                    )
                    | json_values,
                },
            )
            | json_values,
            max_size=3,
        )
        | json_values
    },
)


@settings(max_examples=300, deadline=None)
@given(raw=returns | json_values)
def test_the_order_mapper_takes_any_returns(raw: Any) -> None:
    try:
        order = shopify.map_order({**ORDER, "returns": raw})
    except Malformed as exc:
        assert str(exc)
        return
    for ret in order.returns:
        assert ret.external_id and ret.status in shopify.RETURN_STATUSES
        for line in ret.lines:
            assert line.external_id and line.quantity > 0
            assert line.reason in shopify.RETURN_REASONS


# -- returns out ---------------------------------------------------------------------------


def graded(order_id: int, shop: Shop, rma: str, return_id: str = "", **kw: Any) -> ReturnRecord:
    """One unit of the order's first line back sellable, one of its second damaged."""
    first, second = shop.orders[order_id].lines[:2]
    return ReturnRecord(
        key=f"return:1:{rma}",
        order_external_id=gid("Order", order_id),
        order_number=f"#{shop.orders[order_id].number}",
        rma=rma,
        return_external_id=return_id,
        lines=(
            ReturnLineRecord(gid("LineItem", first.id), first.sku, 1, "RESTOCKED", "DEFECTIVE"),
            ReturnLineRecord(gid("LineItem", second.id), second.sku, 1, "NOT_RESTOCKED", "COLOR"),
        ),
        **kw,
    )


def test_returns_are_processed_once_with_their_dispositions_under_faults() -> None:
    """Half the returns opened by the customer in the store, half by us; 20 % of requests
    fail: every return is processed exactly once, one unit restocked and one not."""
    shop = Shop(catalogue(10), orders=40, seed=8)
    faults = Faults(rate=0.2, kinds=HTTP, seed=2, retry_after_s=0)
    with shopify_store(shop, faults) as (emulator, adapter):
        orders = [o for o in shop.orders.values() if len(o.lines) >= 2][:16]
        assert len(orders) >= 10
        records = []
        for n, order in enumerate(orders):
            emulator.fulfil(order.id)
            return_id = ""
            if n % 2:
                a, b = order.lines[:2]
                return_id = emulator.open_return(
                    order.id, [(a.sku, 1, "DEFECTIVE"), (b.sku, 1, "COLOR")]
                )
            records.append(graded(order.id, shop, f"RMA-{n}", return_id))
        before = {sku: emulator.stock[sku] for sku in emulator.stock}
        for record in records:
            until_done(lambda check, r=record: adapter.process_return(r, check_first=check))
            # a later retry (the outbox not knowing it got through) changes nothing
            adapter.process_return(record, check_first=True)
    by_return: dict[str, list[tuple[str, int, str]]] = {}
    for processed in emulator.processed_returns:
        by_return.setdefault(processed["return_id"], []).extend(processed["lines"])
    assert len(emulator.returns) == len(records)  # no return opened twice
    assert len(by_return) == len(records)
    for record in records:
        (ret,) = [
            r
            for r in emulator.returns.values()
            if gid("Order", r["order_id"]) == record.order_external_id
        ]
        done = sorted(by_return[gid("Return", ret["id"])])
        assert done == sorted(
            [(record.lines[0].sku, 1, "RESTOCKED"), (record.lines[1].sku, 1, "NOT_RESTOCKED")]
        )
        assert ret["status"] == "CLOSED"
    restocked = Counter(r.lines[0].sku for r in records)
    assert all(emulator.stock[s] == before[s] + n for s, n in restocked.items())


def test_a_return_beyond_what_was_fulfilled_is_refused_in_a_sentence() -> None:
    shop = Shop(catalogue(5), orders=3, seed=8)
    with shopify_store(shop) as (emulator, adapter):
        order = next(o for o in shop.orders.values() if len(o.lines) >= 2)
        with pytest.raises(Exception, match="only fulfilled items can be returned"):
            adapter.process_return(graded(order.id, shop, "R1"), check_first=False)
        assert emulator.returns == {} and emulator.processed_returns == []


# -- both platforms through the outbox, on both databases -----------------------------------


def queue_return(
    ctx: Any, platform: str, shop: Shop, order_id: int, rma: str, refund: bool
) -> None:
    first, second = shop.orders[order_id].lines[:2]
    ext = (lambda i: gid("LineItem", i)) if platform == "shopify" else str
    with ctx.db.session() as session:
        store_id = session.scalar(select(Store.id).where(Store.name == "shop"))
        external = gid("Order", order_id) if platform == "shopify" else str(order_id)
        ours = session.scalar(select(Order.id).where(Order.external_id == external))
        session.add(
            OutboxEntry(
                store_id=store_id,
                order_id=ours,
                kind="return",
                idempotency_key=f"return:{store_id}:{rma}",
                payload={
                    "order_external_id": external,
                    "order_number": str(shop.orders[order_id].number),
                    "rma": rma,
                    "return_external_id": "",
                    "note": "",
                    "refund": refund,
                    "lines": [
                        {
                            "line_external_id": ext(first.id),
                            "sku": first.sku,
                            "quantity": 1,
                            "disposition": "RESTOCKED",
                            "reason": "DEFECTIVE",
                            "return_line_id": "",
                        },
                        {
                            "line_external_id": ext(second.id),
                            "sku": second.sku,
                            "quantity": 1,
                            "disposition": "NOT_RESTOCKED",
                            "reason": "OTHER",
                            "return_line_id": "",
                        },
                    ],
                },
            )
        )


@pytest.mark.parametrize("platform", ["shopify", "woocommerce"])
def test_returns_reach_the_store_exactly_once_through_the_outbox(
    platform: str, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(catalogue(8), orders=30, seed=12)
    faults = Faults(rate=0.2, kinds=HTTP, seed=4, retry_after_s=0)
    with make_emulator(platform, shop, faults) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        sync_until_clean(ctx)
        chosen = [o.id for o in shop.orders.values() if len(o.lines) >= 2 and not o.malformed][:8]
        for n, order_id in enumerate(chosen):
            if isinstance(emulator, ShopifyEmulator):
                emulator.fulfil(order_id)
            queue_return(ctx, platform, shop, order_id, f"R-{n}", refund=n % 2 == 0)
        sync_until_clean(ctx)
        with ctx.db.session() as s:
            entries = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "return")).all()
            assert {e.status for e in entries} == {OutboxStatus.DELIVERED}
    for n, order_id in enumerate(chosen):
        order = shop.orders[order_id]
        first, second = order.lines[:2]
        if isinstance(emulator, ShopifyEmulator):
            (ret,) = [r for r in emulator.returns.values() if r["order_id"] == order_id]
            done = sorted(
                line
                for p in emulator.processed_returns
                if p["return_id"] == gid("Return", ret["id"])
                for line in p["lines"]
            )
            assert done == sorted([(first.sku, 1, "RESTOCKED"), (second.sku, 1, "NOT_RESTOCKED")])
        else:
            notes = [n_["note"] for n_ in order.notes if f"Return R-{n}:" in n_["note"]]
            assert len(notes) == 1 and "restocked" in notes[0] and "damaged" in notes[0]
            refunds = emulator.refunds.get(order_id, [])  # type: ignore[attr-defined]
            if n % 2 == 0:
                (refund,) = refunds
                assert refund["refunded_payment"] is False and refund["api_restock"] is False
                assert sorted((i["sku"], i["quantity"]) for i in refund["line_items"]) == sorted(
                    [(first.sku, 1), (second.sku, 1)]
                )
            else:
                assert refunds == []


def test_woocommerce_note_and_refund_are_not_repeated_by_a_retry() -> None:
    shop = Shop(catalogue(4), orders=3, seed=8)
    emulator = make_emulator("woocommerce", shop)
    with emulator:
        from fulfillment_app.sync.woocommerce import WooCommerceAdapter as Woo

        signer = Woo.signer(emulator.url, "ck_demo", "cs_demo")
        adapter: WooCommerceAdapter = Woo(
            HttpClient(
                emulator.url,
                store="shop",
                signer=signer,
                headers={"Content-Type": "application/json"},
            )
        )
        order = next(o for o in shop.orders.values() if len(o.lines) >= 2)
        first, second = order.lines[:2]
        record = ReturnRecord(
            key="return:1:R9",
            order_external_id=str(order.id),
            order_number=str(order.number),
            rma="R9",
            refund=True,
            lines=(
                ReturnLineRecord(str(first.id), first.sku, 1, "RESTOCKED"),
                ReturnLineRecord(str(second.id), second.sku, 1, "MISSING"),
            ),
        )
        done = adapter.process_return(record, check_first=False)
        assert adapter.process_return(record, check_first=False) == done
        adapter.close()
    (note,) = order.notes
    assert "R9" in note["note"] and "missing" in note["note"] and not note["customer_note"]
    (refund,) = emulator.refunds[order.id]  # type: ignore[attr-defined]
    assert [(i["sku"], i["quantity"]) for i in refund["line_items"]] == [(first.sku, 1)]
    assert refund["amount"] == f"{float(first.price):.2f}"
