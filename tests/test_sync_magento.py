"""Magento 2 against its emulator on loopback (real HTTP, OAuth 1.0a), on SQLite and PostgreSQL:
the last-page trap, a second crowded with orders, the signature with the query in it, stock
in batches of the store's list limit, returns noted exactly once, the command line, and the
order parser (the shared import, fault and fulfillment tests run Magento in test_sync.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.cli import EXIT_USER_ERROR, main
from fulfillment_app.db.models import Order, OutboxEntry, OutboxStatus, Store
from fulfillment_app.sync import magento, oauth1
from fulfillment_app.sync.emulators import Faults, MagentoEmulator, Shop, sample_products
from fulfillment_app.sync.emulators.base import Request
from fulfillment_app.sync.http import HttpClient, RetryPolicy
from fulfillment_app.sync.magento import MagentoAdapter, criteria
from fulfillment_app.sync.records import AuthFailed, Malformed, StockLevel, Transient
from tests.stores import (
    PATIENT_SYNC,
    assert_same_orders,
    connect_store,
    make_emulator,
    station,
    sync_until_clean,
)
from tests.test_sync import json_values


def _adapter(emulator: MagentoEmulator, **kw: Any) -> MagentoAdapter:
    client = HttpClient(
        emulator.url,
        store="shop",
        signer=MagentoAdapter.signer(
            emulator.consumer_key, emulator.consumer_secret, emulator.token, emulator.token_secret
        ),
        retry=RetryPolicy(attempts=8, base_s=0.0),
        timeout_s=0.4,
    )
    return MagentoAdapter(client, **kw)


def test_a_page_past_the_end_is_the_last_page_again_and_we_never_ask_for_it(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=650, seed=21)
    with make_emulator("magento", shop) as emulator:
        adapter = _adapter(emulator)
        try:
            # The trap: asking "is there more?" page after page never gets an empty page.
            pages = []
            for number in (3, 4, 9):
                _, data = adapter.client.request(
                    "GET",
                    "/rest/default/V1/orders",
                    params=criteria([], sort=[("entity_id", "ASC")], page_size=300, page=number),
                )
                pages.append([o["entity_id"] for o in data["items"]])
                assert data["total_count"] == 650
        finally:
            adapter.close()
        assert pages[0] == pages[1] == pages[2] and len(pages[0]) == 50

        with station(database_url, tmp_path, PATIENT_SYNC) as ctx:
            connect_store(ctx, emulator, monkeypatch)
            before = emulator.list_requests
            (report,) = ctx.sync.sync("shop")
            # 300 + 300 + the last 50 (and the few sharing the second each page ends on):
            # the stop rule ends the run there, and nothing is read twice into the database.
            assert report.error is None and report.new == 650 and report.updated == 0
            assert emulator.list_requests - before == report.pages == 3
            assert_same_orders(ctx, shop, "magento")
            (again,) = ctx.sync.sync("shop")
            assert (again.new, again.updated, again.pages, again.error) == (0, 0, 1, None)


def test_orders_changed_while_paging_are_not_skipped(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between any two pages an order changes (and moves to the end of the sort): walking
    currentPage would slip one order past us each time; reading from the newest stamp does
    not."""
    shop = Shop(sample_products(), orders=1200, seed=22)
    faults = Faults(rate=1.0, kinds=("modify",))
    with make_emulator("magento", shop, faults) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None
        with emulator.no_faults():
            ctx.sync.sync("shop")
        assert_same_orders(ctx, shop, "magento")


def test_a_second_crowded_with_orders_is_walked_by_entity_id(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    stamp = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    shop = Shop(sample_products(), orders=0, seed=23)
    for _ in range(700):  # a bulk edit: more than two pages in one second
        shop.add_order(created=stamp)
    shop.add_order(created=datetime(2026, 11, 20, 9, 0, 5, tzinfo=UTC))
    with (
        make_emulator("magento", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.new == 701
        (again,) = ctx.sync.sync("shop")
        assert (again.error, again.new, again.updated) == (None, 0, 0)


def test_the_signature_covers_the_query(monkeypatch: pytest.MonkeyPatch) -> None:
    shop = Shop(sample_products(), orders=3)
    with MagentoEmulator(shop) as emulator:
        good = _adapter(emulator)
        assert good.test() == "Connected to Magento: 3 orders in the store."
        good.close()

        sign = MagentoAdapter.signer(
            emulator.consumer_key, emulator.consumer_secret, emulator.token, emulator.token_secret
        )

        def tampered(method: str, url: str, query: list[tuple[str, str]]) -> Any:
            signed, headers = sign(method, url, query)
            # A proxy (or an attacker) changes a search criterion after signing.
            return [(k, "2" if k.endswith("[pageSize]") else v) for k, v in signed], headers

        for signer in (
            tampered,
            MagentoAdapter.signer(
                emulator.consumer_key, emulator.consumer_secret, emulator.token, "wrong"
            ),
        ):
            client = HttpClient(emulator.url, store="shop", signer=signer)
            with pytest.raises(AuthFailed) as refused:
                MagentoAdapter(client).test()
            client.close()
            assert str(refused.value) == (
                "shop refused our credentials (401: The signature is invalid. Verify and try "
                "again.). Check the store's key or token."
            )
        client = HttpClient(emulator.url, store="shop")  # no OAuth at all
        with pytest.raises(AuthFailed, match="isn't authorized to access Magento_Sales::sales"):
            MagentoAdapter(client).test()
        client.close()


#: More SKUs than one stock request takes.
CATALOGUE = [(f"MG-{n:03d}", f"Item {n}", "") for n in range(45)]


def _pushed(emulator: MagentoEmulator) -> list[list[dict[str, Any]]]:
    batches: list[list[dict[str, Any]]] = []

    def watch(request: Request) -> None:
        if request.path.endswith("/inventory/source-items"):
            batches.append(request.json()["sourceItems"])

    emulator.hooks.append(watch)
    return batches


def test_stock_goes_out_in_twenties_to_the_stores_source(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    products = CATALOGUE
    shop = Shop(products, orders=1)
    skus = [sku for sku, _, _ in products]
    with MagentoEmulator(shop, sources=("default", "tlv")) as emulator:
        batches = _pushed(emulator)
        with station(database_url, tmp_path, PATIENT_SYNC) as ctx:
            connect_store(ctx, emulator, monkeypatch, options={"source_code": "tlv"})
            with ctx.db.session() as s:
                store = s.scalars(select(Store)).one()
            adapter = ctx.stores.connect(store)
            assert adapter.stock_batch == 20
            levels = [StockLevel(sku, n % 7) for n, sku in enumerate(skus)]
            levels.append(StockLevel("NOT-IN-THE-STORE", 4))
            try:
                results = adapter.push_stock(levels, key="stock:1:1")
            finally:
                adapter.close()
    assert [r.sku for r in results] == [level.sku for level in levels]  # one each, in order
    assert [len(b) for b in batches[:3]] == [20, 20, 6]  # the bad SKU's batch, then split
    bad = results.pop()
    assert not bad.ok and bad.permanent
    assert bad.error == (
        'shop refused the request (400): Product with SKU "NOT-IN-THE-STORE" does not exist.'
    )
    assert all(r.ok and r.remote == {"source_code": "tlv"} for r in results)
    assert emulator.stock == {level.sku: level.quantity for level in levels[:45]}
    assert {(i["source_code"], i["status"]) for b in batches for i in b} == {("tlv", 0), ("tlv", 1)}
    assert max(len(b) for b in batches) <= 20
    assert {item["sku"]: item["status"] for b in batches for item in b}[skus[0]] == 0  # none left


def test_a_batch_limit_above_the_stores_is_found_out(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store was said to take 21 items a request but takes 20: the refused batch is
    split, and every SKU still gets there; with 20% faults too."""
    products = CATALOGUE
    skus = [sku for sku, _, _ in products][:42]
    faults = Faults(rate=0.2, kinds=("429", "5xx", "timeout", "drop", "truncate"), retry_after_s=0)
    with make_emulator("magento", Shop(products, orders=1), faults) as emulator:
        batches = _pushed(emulator)
        with station(database_url, tmp_path) as ctx:
            connect_store(ctx, emulator, monkeypatch, options={"batch_limit": 21})
            with ctx.db.session() as s:
                store = s.scalars(select(Store)).one()
            levels = [StockLevel(sku, 3) for sku in skus]
            for _ in range(10):
                adapter = ctx.stores.connect(store)
                assert adapter.stock_batch == 21
                try:
                    results = adapter.push_stock(levels, key="stock:1:2")
                    break
                except Transient:
                    continue  # the pusher backs off and tries again
                finally:
                    adapter.close()
    assert all(r.ok for r in results)
    assert emulator.stock == dict.fromkeys(skus, 3)
    assert 21 in {len(b) for b in batches}  # refused, then split


def _return_entry(order: Order, store_id: int, rma: str, refund: bool) -> OutboxEntry:
    first, second = order.lines[0], order.lines[-1]
    return OutboxEntry(
        store_id=store_id,
        order_id=order.id,
        kind="return",
        idempotency_key=f"return:{store_id}:{rma}",
        payload={
            "order_external_id": order.external_id,
            "order_number": order.number,
            "rma": rma,
            "return_external_id": "",
            "note": "Parcel arrived by Run.",
            "refund": refund,
            "lines": [
                {
                    "line_external_id": first.external_id,
                    "sku": first.sku,
                    "quantity": 1,
                    "disposition": "RESTOCKED",
                    "reason": "SIZE_TOO_SMALL",
                    "return_line_id": "",
                },
                {
                    "line_external_id": second.external_id,
                    "sku": second.sku,
                    "quantity": 1,
                    "disposition": "NOT_RESTOCKED",
                    "reason": "DEFECTIVE",
                    "return_line_id": "",
                },
            ],
        },
    )


def test_returns_are_noted_once_and_refunded_once_under_faults(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=30, seed=24)
    faults = Faults(rate=0.2, seed=9, retry_after_s=0)
    with make_emulator("magento", shop, faults) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        sync_until_clean(ctx)
        with ctx.db.session() as s:
            store_id = s.scalars(select(Store.id)).one()
            orders = s.scalars(select(Order).order_by(Order.id).limit(20)).all()
            for n, order in enumerate(orders):
                s.add(_return_entry(order, store_id, f"RMA-{n:04d}", refund=n % 2 == 0))
            returned = {f"RMA-{n:04d}": int(o.external_id) for n, o in enumerate(orders)}
            items = {int(o.external_id): (o.lines[0], o.lines[-1]) for o in orders}
        sync_until_clean(ctx)
        with ctx.db.session() as s:
            entries = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "return")).all()
            assert {e.status for e in entries} == {OutboxStatus.DELIVERED}
    for n, (rma, order_id) in enumerate(returned.items()):
        notes = [c["comment"] for c in shop.orders[order_id].notes if rma in c["comment"]]
        assert len(notes) == 1, rma
        first, last = items[order_id]
        assert notes[0] == (
            f"Return {rma}: 1 × {first.sku} restocked (SIZE_TOO_SMALL); 1 × {last.sku} "
            "damaged, not restocked (DEFECTIVE). Parcel arrived by Run."
        )
        memos = [m for m in emulator.creditmemos if m["order_id"] == order_id]
        if n % 2:
            assert memos == []
            continue
        (memo,) = memos
        assert memo["return_to_stock_items"] == [int(first.external_id)]


def test_command_line_adds_a_magento_store(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shop = Shop(sample_products(), orders=7, seed=25)
    base = ["--database", database_url, "--station", "cli-station"]

    def run(*args: str) -> tuple[int, str]:
        code = main([*base, *args])
        return code, capsys.readouterr().out

    with MagentoEmulator(shop, store_codes=("default", "he")) as emulator:
        for var, value in (
            ("MG_CK", emulator.consumer_key),
            ("MG_CS", emulator.consumer_secret),
            ("MG_AT", emulator.token),
            ("MG_TS", emulator.token_secret),
        ):
            monkeypatch.setenv(var, value)
        code, out = run(
            "stores", "add", "magento", "--name", "mage", "--url", emulator.url,
            "--consumer-key-env", "MG_CK", "--consumer-secret-env", "MG_CS",
            "--token-env", "MG_AT", "--token-secret-env", "MG_TS",
            "--store-code", "he", "--source-code", "tlv",
        )  # fmt: skip
        assert code == 0, out
        assert run("stores", "test", "mage") == (
            0,
            "Connected to Magento: 7 orders in the store.\n",
        )
        code, out = run("sync", "--once", "--json")
        assert code == 0 and json.loads(out)[0]["new"] == 7
        code, out = run("orders", "list", "--json")
        first = next(o for o in json.loads(out) if o["external_id"] == "5001")
        assert first["number"] == "000001001" and first["store"] == "mage"
        code, out = run("stores", "list", "--json")
        (store,) = json.loads(out)
        assert sorted(store["secrets"].split(", ")) == [  # PostgreSQL keeps JSON unordered
            "consumer_key in env MG_CK",
            "consumer_secret in env MG_CS",
            "token in env MG_AT",
            "token_secret in env MG_TS",
        ]
        assert emulator.consumer_secret not in out and emulator.token_secret not in out
        for wrong, why in (
            (["--keyring", "--store-code", "../admin"], "is not a Magento store code"),
            (["--consumer-key-env", "MG_CK"], "or --keyring"),
        ):
            code = main([*base, "stores", "add", "magento", "--name", "x", "--url", emulator.url,
                         *wrong])  # fmt: skip
            assert code == EXIT_USER_ERROR and why in capsys.readouterr().err
    with station(database_url, tmp_path, PATIENT_SYNC) as ctx, ctx.db.session() as s:
        assert s.scalars(select(Store.options)).one() == {"store_code": "he", "source_code": "tlv"}


# -- the parser ------------------------------------------------------------------------------


def test_the_parser_reads_magentos_shapes() -> None:
    shop = Shop(sample_products(), orders=8, seed=26)
    order = shop.orders[5001]
    order.payment_method = "cod"
    emulator = MagentoEmulator(shop)
    try:
        raw = emulator.render(order)
        mapped = magento.map_order(raw)
        assert raw["state"] == "new" and mapped.status == "open"  # COD ships before it is paid
        assert mapped.ship_to["cod_amount"] == str(raw["grand_total"])
        assert mapped.number == "000001001" and mapped.external_id == "5001"
        # Configurable products: the parent item is ours, its child (same SKU) is not.
        configurable = next(
            o for o in shop.orders.values() if any(line.id % 4 == 0 for line in o.lines)
        )
        raw = emulator.render(configurable)
        assert len(raw["items"]) == len(configurable.lines) + 1
        assert [line.external_id for line in magento.map_order(raw).lines] == [
            str(line.id) for line in configurable.lines
        ]
        order.status = "on-hold"
        assert magento.map_order(emulator.render(order)).status == "on_hold"
    finally:
        emulator._server.server_close()


def _magento_like() -> st.SearchStrategy[Any]:
    item = st.fixed_dictionaries(
        {
            "item_id": st.integers() | json_values,
            "sku": json_values,
            "qty_ordered": st.floats(allow_nan=True) | json_values,
            "parent_item_id": st.none() | st.integers(),
            "product_type": st.sampled_from(["simple", "configurable", "virtual"]),
        }
    )
    return st.fixed_dictionaries(
        {
            "entity_id": st.integers() | json_values,
            "state": st.sampled_from(["processing", "new", "wibble"]) | json_values,
            "status": json_values,
            "updated_at": st.sampled_from(["2026-01-01 10:00:00", "nope", ""]) | json_values,
            "items": st.lists(item, max_size=3) | json_values,
            "payment": st.fixed_dictionaries({"method": st.sampled_from(["cashondelivery", 1])}),
            "extension_attributes": json_values,
            "billing_address": json_values,
        }
    )


@settings(max_examples=300, deadline=None)
@given(raw=json_values | _magento_like())
def test_magento_parser_takes_anything(raw: Any) -> None:
    try:
        order = magento.map_order(raw)
    except Malformed as exc:
        assert str(exc)  # a reason a supervisor can read
        return
    assert order.lines and all(line.quantity > 0 for line in order.lines)
    assert order.status in ("open", "on_hold", "cancelled", "fulfilled")


@settings(max_examples=100, deadline=None)
@given(
    params=st.lists(st.tuples(st.text(max_size=10), st.text(max_size=10)), max_size=5),
    secret=st.text(min_size=1, max_size=20),
    token_secret=st.text(max_size=20),
)
def test_token_signatures_verify_and_tampering_fails(
    params: list[tuple[str, str]], secret: str, token_secret: str
) -> None:
    url = "http://127.0.0.1:8080/rest/default/V1/orders"
    header = oauth1.sign_header("GET", url, params, "ck", secret, "at", token_secret)
    oauth = oauth1.header_params(header)
    assert dict(oauth)["oauth_token"] == "at"
    assert oauth1.verify("GET", url, [*params, *oauth], secret, token_secret=token_secret) is None
    assert oauth1.verify("GET", url, [*params, *oauth], secret, token_secret=token_secret + "x")
    assert oauth1.verify(
        "GET", url, [*params, ("x", "1"), *oauth], secret, token_secret=token_secret
    )
