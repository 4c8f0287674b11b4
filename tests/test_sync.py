"""Store sync against the Shopify and WooCommerce emulators on loopback (real HTTP), on SQLite
and PostgreSQL: import, incremental sync, faults, the outbox, the throttle, and the parsers."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.db.models import Order, OrderStatus, OutboxEntry, OutboxStatus, Product, Store
from fulfillment_app.sync import oauth1, shopify, woocommerce
from fulfillment_app.sync.emulators import Faults, Shop, ShopifyEmulator, sample_products
from fulfillment_app.sync.records import Malformed
from tests.stores import (
    PATIENT_SYNC,
    PLATFORMS,
    assert_same_orders,
    connect_store,
    external_id,
    make_emulator,
    pack_in_database,
    station,
    sync_until_clean,
)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_import_then_nothing_changed(
    platform: str, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=150, unknown_sku_rate=0.05, seed=3)
    with (
        make_emulator(platform, shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        progress: list[Any] = []
        (first,) = ctx.sync.sync("shop", progress.append)
        assert first.error is None and first.new == 150
        assert progress[-1].phase == "done" and progress[-1].orders == first.orders >= 150
        assert [p.pages for p in progress if p.phase == "orders"] == list(range(1, first.pages + 1))
        assert_same_orders(ctx, shop, platform)
        with ctx.db.session() as s:
            placeholders = set(s.scalars(select(Product.sku).where(Product.is_placeholder)))
            hebrew = s.scalar(select(Order).where(Order.ship_to["city"].as_string() == "ירושלים"))
        new_skus = {
            line.sku
            for o in shop.orders.values()
            for line in o.lines
            if line.sku.startswith("NEW-")
        }
        assert new_skus and new_skus <= placeholders  # unknown SKUs: flagged placeholders
        assert hebrew is not None and hebrew.ship_to["address1"] == "שדרות רוטשילד 45, דירה 7"

        before = emulator.requests
        (again,) = ctx.sync.sync("shop")
        assert emulator.requests - before == 1 == again.requests  # one request per store
        assert (again.new, again.updated, again.error) == (0, 0, None)

        with shop.lock:  # an edit in the store to an order nobody works on yet is applied
            order = shop.orders[5001]
            order.lines[0].quantity = 9
            shop.touch(order)
        (edited,) = ctx.sync.sync("shop")
        assert edited.updated == 1
        with ctx.db.session() as s:
            ours = s.scalar(select(Order).where(Order.external_id == external_id(platform, 5001)))
            assert ours is not None and ours.lines[0].quantity == 9


@pytest.mark.parametrize("platform", PLATFORMS)
def test_faults_lose_and_duplicate_nothing(
    platform: str, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20% of requests fail (429, 5xx, time-outs, dropped connections, cut-off JSON) or
    come back with duplicated, reordered or meanwhile-modified orders."""
    shop = Shop(sample_products(), orders=400, malformed_rate=0.02, seed=11)
    # Retry-After: 0 keeps the test quick; obeying it is tested on its own.
    faults = Faults(rate=0.2, seed=5, retry_after_s=0)
    with make_emulator(platform, shop, faults) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        sync_until_clean(ctx)
        with emulator.no_faults():
            sync_until_clean(ctx)  # changes made by the last run's faults, read back
        assert_same_orders(ctx, shop, platform)

        packed = pack_in_database(ctx, "shop", 40, packages=2)
        sync_until_clean(ctx)
        with ctx.db.session() as s:
            entries = s.scalars(select(OutboxEntry).where(OutboxEntry.order_id.in_(packed))).all()
            statuses = set(s.scalars(select(Order.status).where(Order.id.in_(packed))))
        assert {e.status for e in entries} == {OutboxStatus.DELIVERED}
        assert statuses == {OrderStatus.SHIPPED}
        assert_delivered_once(platform, shop, entries)


def assert_delivered_once(platform: str, shop: Shop, entries: Sequence[OutboxEntry]) -> None:
    """The store recorded each package exactly once: one fulfillment (Shopify) or one
    customer note (WooCommerce) per package, and every packed line fulfilled once."""
    by_order: dict[int, list[OutboxEntry]] = {}
    for entry in entries:
        number = int(entry.payload["order_external_id"].rsplit("/", 1)[-1])
        by_order.setdefault(number, []).append(entry)
    with shop.lock:
        for number, ours in by_order.items():
            order = shop.orders[number]
            if platform == "shopify":
                refs = [t["number"] for f in order.fulfillments for t in f["trackingInfo"]]
                assert sorted(refs) == sorted(e.payload["sscc"] for e in ours), number
                done: dict[str, int] = {}
                for f in order.fulfillments:
                    for line_id, qty in f["_lines"].items():
                        key = f"gid://shopify/LineItem/{line_id}"
                        done[key] = done.get(key, 0) + qty
                packed: dict[str, int] = {}
                for e in ours:
                    for line in e.payload["lines"]:
                        packed[line["external_id"]] = (
                            packed.get(line["external_id"], 0) + line["quantity"]
                        )
                assert done == packed, number  # each packed item fulfilled once
            elif platform == "magento":
                # The emulator's own shipment records: one per package, with our reference
                # as its track, and every packed item shipped once.
                refs = [t["track_number"] for f in order.fulfillments for t in f["tracks"]]
                assert sorted(refs) == sorted(e.payload["sscc"] for e in ours), number
                shipped: dict[str, int] = {}
                for f in order.fulfillments:
                    for item in f["items"]:
                        key = str(item["order_item_id"])
                        shipped[key] = shipped.get(key, 0) + item["qty"]
                packed_items: dict[str, int] = {}
                for e in ours:
                    for line in e.payload["lines"]:
                        key = line["external_id"]
                        packed_items[key] = packed_items.get(key, 0) + line["quantity"]
                assert shipped == packed_items, number
            else:
                notes = [n["note"] for n in order.notes]
                assert len(notes) == len(set(notes)) == len(ours), number
                assert order.status == "fulfilled"


def test_many_orders_in_one_second(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More orders than a page share one update second (a bulk edit): WooCommerce pages
    through that second and none is skipped; the next sync is again one request."""
    stamp = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    shop = Shop(sample_products(), orders=0, seed=2)
    for _ in range(230):
        shop.add_order(created=stamp)
    with (
        make_emulator("woocommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.new == 230
        (again,) = ctx.sync.sync("shop")
        assert again.requests == 1 and again.new == 0


def test_shopify_uses_the_cost_budget_without_being_throttled(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small bucket that refills fast: after the first second no request is throttled,
    and the pace follows the restore rate."""
    shop = Shop(sample_products(), orders=240, seed=4)
    emulator = ShopifyEmulator(shop, bucket_size=400, restore_rate=2000)
    with emulator, station(database_url, tmp_path, PATIENT_SYNC) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        start = time.monotonic()
        (report,) = ctx.sync.sync("shop")
        elapsed = time.monotonic() - start
    assert report.error is None and report.new == 240
    assert [t for t in emulator.throttled if t - start > 1.0] == []
    spent = sum(cost for _, cost in emulator.cost_log)
    assert spent / elapsed <= emulator.bucket.restore_rate + emulator.bucket.maximum / elapsed


def test_two_stations_never_sync_one_store_at_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=20)
    with (
        make_emulator("woocommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as a,
    ):
        connect_store(a, emulator, monkeypatch)
        from fulfillment_app.sync.lock import StoreBusy, StoreLock

        with a.db.session() as s:
            store_id = s.scalar(select(Store.id))
        assert store_id is not None
        other = StoreLock(a.db, store_id, "station-b")
        other.acquire()
        with pytest.raises(StoreBusy, match="station-b is syncing") as busy:
            StoreLock(a.db, store_id, "station-c").acquire()
        assert busy.value.holder == "station-b"
        try:
            (report,) = a.sync.sync("shop")
            assert report.busy == "station-b" and report.requests == 0
            assert "station-b is syncing" in report.summary()
        finally:
            other.release()
        (report,) = a.sync.sync("shop")
        assert report.busy is None and report.new == 20


# -- parsers ---------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=30,
)


def _woo_like() -> st.SearchStrategy[Any]:
    line = st.fixed_dictionaries(
        {"id": st.integers(), "sku": json_values, "quantity": json_values, "name": json_values}
    )
    return st.fixed_dictionaries(
        {
            "id": json_values | st.integers(),
            "status": st.sampled_from(["processing", "completed", "wibble", None]) | json_values,
            "date_modified_gmt": st.sampled_from(["2026-01-01T10:00:00", "nope", ""]) | json_values,
            "line_items": st.lists(line, max_size=3) | json_values,
            "shipping": json_values,
        }
    )


@settings(max_examples=300, deadline=None)
@given(raw=json_values | _woo_like())
def test_woocommerce_parser_takes_anything(raw: Any) -> None:
    try:
        order = woocommerce.map_order(raw)
    except Malformed as exc:
        assert str(exc)  # a reason a supervisor can read
        return
    assert order.lines and all(line.quantity > 0 for line in order.lines)


@settings(max_examples=300, deadline=None)
@given(raw=json_values, extra=st.lists(json_values, max_size=2))
def test_shopify_parser_takes_anything(raw: Any, extra: list[Any]) -> None:
    try:
        order = shopify.map_order(raw, extra)
    except Malformed as exc:
        assert str(exc)
        return
    assert order.lines and order.status in ("open", "on_hold", "cancelled", "fulfilled")


@settings(max_examples=100, deadline=None)
@given(
    params=st.lists(st.tuples(st.text(max_size=10), st.text(max_size=10)), max_size=5),
    secret=st.text(min_size=1, max_size=20),
)
def test_oauth_signatures_verify_and_tampering_fails(
    params: list[tuple[str, str]], secret: str
) -> None:
    url = "http://127.0.0.1:8080/wp-json/wc/v3/orders"
    signed = oauth1.sign("GET", url, params, "ck_x", secret)
    assert oauth1.verify("GET", url, signed, secret) is None
    assert oauth1.verify("PUT", url, signed, secret) is not None
    assert oauth1.verify("GET", url, signed, secret + "x") is not None
