"""BigCommerce against its emulator on loopback (real HTTP), on SQLite and PostgreSQL: import
and incremental sync, the 204 empty page, faults, shipments exactly once, the rate quota the
store's apps share (a 429 storm, load shedding), stock with a per-item 422, return notes
exactly once, the command line, and the order parser."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.cli import main
from fulfillment_app.db.models import Order, OrderStatus, OutboxEntry, OutboxStatus, Store
from fulfillment_app.sync import bigcommerce
from fulfillment_app.sync.bigcommerce import BigCommerceAdapter
from fulfillment_app.sync.emulators import BigCommerceEmulator, Faults, Shop, sample_products
from fulfillment_app.sync.http import HttpClient, RetryPolicy
from fulfillment_app.sync.records import (
    Malformed,
    ReturnLineRecord,
    ReturnRecord,
    StockLevel,
    Transient,
)
from tests.stores import (
    PATIENT_SYNC,
    assert_same_orders,
    connect_store,
    make_emulator,
    pack_in_database,
    station,
    sync_until_clean,
)


def _client(emulator: BigCommerceEmulator, attempts: int = 8) -> HttpClient:
    return HttpClient(
        emulator.api_url,
        store="bc",
        headers={"X-Auth-Token": emulator.token, "Content-Type": "application/json"},
        timeout_s=0.4,
        retry=RetryPolicy(attempts=attempts, base_s=0.01),
    )


def test_import_then_nothing_changed(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=150, unknown_sku_rate=0.05, seed=3)
    with shop.lock:
        shop.orders[5003].payment_method = "cod"
    with (
        make_emulator("bigcommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        (first,) = ctx.sync.sync("shop")
        assert first.error is None and first.new == 150
        # A page of orders, then each order's products and address: no more than that.
        assert first.requests == 1 + 2 * 150
        assert_same_orders(ctx, shop, "bigcommerce")
        with ctx.db.session() as s:
            cod = s.scalar(select(Order).where(Order.external_id == "5003"))
            assert cod is not None and cod.ship_to["cod_amount"]
            assert cod.number == "5003"

        (again,) = ctx.sync.sync("shop")  # the overlap's orders are remembered, not fetched
        assert (again.requests, again.new, again.updated, again.error) == (1, 0, 0, None)

        with shop.lock:  # an edit in the store to an order nobody works on yet is applied
            order = shop.orders[5001]
            order.lines[0].quantity = 9
            shop.touch(order)
        (edited,) = ctx.sync.sync("shop")
        assert edited.updated == 1 and edited.requests == 3
        with ctx.db.session() as s:
            ours = s.scalar(select(Order).where(Order.external_id == "5001"))
            assert ours is not None and ours.lines[0].quantity == 9


def test_an_empty_page_is_204_and_ends_the_run(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=0, seed=2)
    with (
        make_emulator("bigcommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        answer = httpx.get(
            f"{emulator.api_url}/v2/orders", headers={"X-Auth-Token": emulator.token}
        )
        assert answer.status_code == 204 and answer.content == b""
        connect_store(ctx, emulator, monkeypatch)
        (empty,) = ctx.sync.sync("shop")
        assert (empty.error, empty.new, empty.requests) == (None, 0, 1)
        shop.add_order()
        (one,) = ctx.sync.sync("shop")
        assert (one.error, one.new) == (None, 1)


def test_many_orders_in_one_second(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More orders than a page share one second (a bulk edit): that second is walked page
    by page and none is skipped; the next sync is again one request."""
    stamp = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    shop = Shop(sample_products(), orders=0, seed=2)
    for _ in range(300):
        shop.add_order(created=stamp)
    with (
        make_emulator("bigcommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.new == 300
        (again,) = ctx.sync.sync("shop")
        assert again.requests == 1 and again.new == 0
        shop.add_order()
        (one,) = ctx.sync.sync("shop")
        assert one.new == 1


def test_faults_lose_and_duplicate_nothing(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20% of requests fail (429, 5xx, time-outs before or after the work, dropped
    connections, cut-off JSON) or come back duplicated, reordered or meanwhile modified."""
    shop = Shop(sample_products(), orders=150, malformed_rate=0.02, seed=11)
    faults = Faults(rate=0.2, seed=5, retry_after_s=0)
    with (
        make_emulator("bigcommerce", shop, faults) as emulator,
        station(database_url, tmp_path) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        sync_until_clean(ctx)
        with emulator.no_faults():
            sync_until_clean(ctx)  # changes made by the last run's faults, read back
        assert_same_orders(ctx, shop, "bigcommerce")

        packed = pack_in_database(ctx, "shop", 40, packages=2)
        sync_until_clean(ctx)
        with ctx.db.session() as s:
            entries = s.scalars(select(OutboxEntry).where(OutboxEntry.order_id.in_(packed))).all()
            statuses = set(s.scalars(select(Order.status).where(Order.id.in_(packed))))
        assert {e.status for e in entries} == {OutboxStatus.DELIVERED}
        assert statuses == {OrderStatus.SHIPPED}
        assert_shipped_once(shop, entries)


def assert_shipped_once(shop: Shop, entries: Sequence[OutboxEntry]) -> None:
    """One shipment per package in the store's records, with the package's reference, and
    every packed item shipped once."""
    by_order: dict[int, list[OutboxEntry]] = {}
    for entry in entries:
        by_order.setdefault(int(entry.payload["order_external_id"]), []).append(entry)
    with shop.lock:
        for number, ours in by_order.items():
            shipments = shop.orders[number].fulfillments
            assert sorted(s["tracking_number"] for s in shipments) == sorted(
                e.payload["sscc"] for e in ours
            ), number
            shipped: dict[str, int] = {}
            for s in shipments:
                for item in s["items"]:
                    key = str(item["order_product_id"])
                    shipped[key] = shipped.get(key, 0) + item["quantity"]
            packed: dict[str, int] = {}
            for e in ours:
                for line in e.payload["lines"]:
                    packed[line["external_id"]] = (
                        packed.get(line["external_id"], 0) + line["quantity"]
                    )
            assert shipped == packed, number


def test_a_429_storm_is_waited_out_and_our_share_never_exceeded(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another app on the store eats the shared quota faster than it comes back (each
    window is empty before its end): we are refused, wait for the reset the store names,
    and lose nothing; in no window do we take more than the quota less the margin left to
    the other apps."""
    shop = Shop(sample_products(), orders=80, seed=6)
    emulator = make_emulator("bigcommerce", shop, quota=100, window_s=0.5, other_app_rate=300)
    assert isinstance(emulator, BigCommerceEmulator)
    with emulator, station(database_url, tmp_path, PATIENT_SYNC) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        first: list[object] = []

        def other_app_burst(request: object) -> None:
            """The other app's burst just before our first request: nothing left in this
            window, however long this station took to start its sync."""
            if not first:
                first.append(request)
                emulator.spend(100)

        emulator.hooks.append(other_app_burst)
        reports = sync_until_clean(ctx)
        assert_same_orders(ctx, shop, "bigcommerce")
    assert emulator.rate.refused >= 1  # the storm happened, and was waited out
    assert sum(r.new for r in reports) == 80
    reserve = 10  # 10 % of the quota of 100
    assert max(emulator.rate.ours.values()) <= 100 - reserve + 1


def test_alone_on_the_store_we_are_never_refused(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a quota smaller than the sync needs, we wait for each window's reset before the
    quota runs out: not one 429. Load shedding (429 without rate headers) is backed off."""
    shop = Shop(sample_products(), orders=40, seed=7)
    emulator = make_emulator(
        "bigcommerce",
        shop,
        Faults(rate=0.2, kinds=("shed",), seed=3),
        quota=30,
        window_s=0.4,
    )
    assert isinstance(emulator, BigCommerceEmulator)
    with emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.new == 40
        assert_same_orders(ctx, shop, "bigcommerce")
    assert emulator.rate.refused == 0
    assert len(emulator.rate.ours) >= 3  # it took several windows


def test_stock_is_pushed_and_a_refused_sku_does_not_hold_the_rest() -> None:
    shop = Shop(sample_products(), orders=0)
    skus = [sku for sku, _, _ in shop.products]
    emulator = BigCommerceEmulator(shop)
    emulator.wrong_tracking.add(skus[1])
    seen: list[Any] = []
    emulator.hooks.append(lambda r: seen.append(r.json()) if r.method == "PUT" else None)
    with emulator:
        adapter = BigCommerceAdapter(_client(emulator), location_id=3)
        levels = [StockLevel(sku, 5 + i) for i, sku in enumerate(skus[:4])]
        levels.append(StockLevel("NO-SUCH-SKU", 2))
        levels.append(StockLevel(skus[4], -3))  # oversold: the store shows 0
        results = adapter.push_stock(levels, key="k1")
        adapter.close()
    assert [r.sku for r in results] == [level.sku for level in levels]
    assert [r.ok for r in results] == [True, False, True, True, False, True]
    refused = [r for r in results if not r.ok]
    assert all(r.permanent and r.error for r in refused)
    assert "product level" in refused[0].error and "NO-SUCH-SKU" in refused[1].error
    assert emulator.stock[skus[0]] == 5 and emulator.stock[skus[2]] == 7
    assert emulator.stock[skus[1]] == 0 and emulator.stock[skus[4]] == 0
    assert emulator.stock_requests == 2  # refused whole, then sent again without the two
    assert {item["location_id"] for body in seen for item in body["items"]} == {3}


def test_stock_batches_of_2000_under_faults() -> None:
    products = [(f"SKU-{i:05d}", f"Product {i}", "") for i in range(2500)]
    shop = Shop(products, orders=0)
    faults = Faults(rate=0.2, seed=4, retry_after_s=0, stall_s=0.6)
    with BigCommerceEmulator(shop, faults=faults) as emulator:
        adapter = BigCommerceAdapter(_client(emulator, attempts=12))
        levels = [StockLevel(sku, i % 17) for i, (sku, _, _) in enumerate(products)]
        results = adapter.push_stock(levels, key="k2")
        adapter.close()
        with emulator.no_faults():
            too_many = httpx.put(
                f"{emulator.api_url}/v3/inventory/adjustments/absolute",
                headers={"X-Auth-Token": emulator.token},
                json={"reason": "x", "items": [{"sku": "SKU-00001", "quantity": 1}] * 2001},
            )
    assert all(r.ok for r in results)
    assert all(emulator.stock[level.sku] == level.quantity for level in levels)
    assert too_many.status_code == 413  # the platform's limit a request


def test_a_return_note_is_written_exactly_once_under_faults() -> None:
    shop = Shop(sample_products(), orders=30, seed=5)
    faults = Faults(rate=0.3, kinds=("timeout", "drop", "5xx", "429"), seed=9, retry_after_s=0)
    faults.stall_s = 0.6
    with BigCommerceEmulator(shop, faults=faults) as emulator:
        emulator.staff_notes[5001] = "Customer called about the colour."
        adapter = BigCommerceAdapter(_client(emulator))
        for order_id in shop.orders:
            line = shop.orders[order_id].lines[0]
            record = ReturnRecord(
                key=f"return:1:RMA-{order_id}",
                order_external_id=str(order_id),
                order_number=str(order_id),
                rma=f"RMA-{order_id}",
                lines=(ReturnLineRecord(str(line.id), line.sku, 1, "RESTOCKED", "SIZE_TOO_SMALL"),),
            )
            check_first = False
            for _ in range(30):  # as the outbox does: after an unknown outcome, check first
                try:
                    assert adapter.process_return(record, check_first=check_first)
                    break
                except Transient:
                    check_first = True
            else:
                raise AssertionError(f"return {order_id} never went through")
        adapter.close()
    for order_id in shop.orders:
        notes = emulator.staff_notes[order_id]
        assert notes.count(f"Return RMA-{order_id}:") == 1, notes
        assert "restocked (SIZE_TOO_SMALL)" in notes
    assert emulator.staff_notes[5001].startswith("Customer called about the colour.\n")


def test_command_line_adds_tests_and_syncs_a_store(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=12, seed=12)
    monkeypatch.setenv("BC_TOKEN", "bc_demo")
    base = ["--database", database_url, "--station", "cli-station"]

    def run(*args: str) -> tuple[int, str]:
        code = main([*base, *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    with BigCommerceEmulator(shop) as emulator:
        code, out = run(
            "stores", "add", "bigcommerce", "--name", "big", "--url", emulator.url,
            "--store-hash", "no/such", "--token-env", "BC_TOKEN",
        )  # fmt: skip
        assert code != 0 and "store hash" in out and "Traceback" not in out
        code, out = run(
            "stores", "add", "bigcommerce", "--name", "big", "--url", emulator.url,
            "--store-hash", emulator.store_hash, "--token-env", "BC_TOKEN", "--location-id", "2",
        )  # fmt: skip
        assert code == 0, out
        assert run("stores", "test", "big") == (
            0,
            "Connected to BigCommerce: Emulated store (emulated.test).\n",
        )
        code, out = run("sync", "--once", "--json")
        assert code == 0 and json.loads(out)[0]["new"] == 12
        code, out = run("stores", "list", "--json")
        (store,) = json.loads(out)
        assert store["platform"] == "bigcommerce" and store["secrets"] == "token in env BC_TOKEN"
    from fulfillment_app.db import Database

    db = Database(database_url)
    try:
        with db.session() as s:
            options = s.scalar(select(Store.options).where(Store.name == "big"))
    finally:
        db.engine.dispose()
    assert options == {"store_hash": emulator.store_hash, "location_id": 2}


def test_a_wrong_token_is_one_sentence() -> None:
    with BigCommerceEmulator(Shop(sample_products(), orders=1)) as emulator:
        client = _client(emulator)
        client._client.headers["X-Auth-Token"] = "wrong"
        adapter = BigCommerceAdapter(client)
        with pytest.raises(Exception, match="refused our credentials") as refused:
            adapter.test()
        adapter.close()
    assert "\n" not in str(refused.value)


# -- the parser ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=30,
)


def _bc_like() -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {
            "id": json_values | st.integers(),
            "status_id": st.sampled_from([11, 2, 5, 99, None, "11", True]) | json_values,
            "date_modified": st.sampled_from(
                ["Tue, 20 Nov 2012 00:00:00 +0000", "2026-01-01T10:00:00", "nope", ""]
            )
            | json_values,
            "payment_method": st.sampled_from(["Cash on Delivery", "Manual"]) | json_values,
            "billing_address": json_values,
        }
    )


def _products() -> st.SearchStrategy[Any]:
    line = st.fixed_dictionaries(
        {
            "id": st.integers() | json_values,
            "sku": json_values,
            "quantity": st.integers(-1, 3) | json_values,
            "name": json_values,
        }
    )
    return st.lists(line, max_size=3) | json_values


@settings(max_examples=300, deadline=None)
@given(raw=json_values | _bc_like(), products=_products(), addresses=json_values)
def test_bigcommerce_parser_takes_anything(raw: Any, products: Any, addresses: Any) -> None:
    try:
        order = bigcommerce.map_order(raw, products, addresses)
    except Malformed as exc:
        assert str(exc)  # a reason a supervisor can read
        return
    assert order.lines and all(line.quantity > 0 for line in order.lines)
    assert order.status in ("open", "on_hold", "cancelled", "fulfilled")
    assert order.external_id == order.number == str(raw["id"])
