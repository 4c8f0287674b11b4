"""Store sync with the rest of the station: store changes interrupt the packer, packing goes on
while the store is away, refusals are parked for a supervisor, secrets stay out of the
database and the logs, and the command line runs the whole flow (add, sync, pack, deliver)."""

from __future__ import annotations

import csv
import json
import logging
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from fulfillment_app.cli import main
from fulfillment_app.db.models import (
    AuditEntry,
    Base,
    Order,
    OrderStatus,
    OutboxStatus,
    PackSession,
    PackSessionStatus,
)
from fulfillment_app.errors import ConfigError, InvalidInput
from fulfillment_app.services.packing import OrderNotPackable
from fulfillment_app.services.stores import save_in_keyring
from fulfillment_app.sync.emulators import Faults, Shop, WooCommerceEmulator, sample_products
from fulfillment_app.sync.http import HttpClient, RetryPolicy
from fulfillment_app.sync.records import Transient
from tests.stores import PATIENT_SYNC, connect_store, make_emulator, pack_in_database, station

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def test_store_changes_interrupt_the_packer(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=5, seed=8)
    with (
        make_emulator("woocommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        actor = ctx.command_line_actor()
        cancelled = ctx.packing.start(actor, "1001").session_id
        edited = ctx.packing.start(actor, "1002").session_id
        assert ctx.packing.scan(actor, cancelled, shop.orders[5001].lines[0].sku).outcome in (
            "accepted",
            "complete",
        )
        with shop.lock:  # in the store's admin, while the packer works
            shop.orders[5001].status = "cancelled"
            shop.touch(shop.orders[5001])
            shop.orders[5002].lines[0].quantity += 2
            shop.touch(shop.orders[5002])
        (report,) = ctx.sync.sync("shop")
        assert report.changes == 2 and report.updated == 0  # nothing applied silently

        reply = ctx.packing.scan(actor, cancelled, shop.orders[5001].lines[0].sku)
        assert reply.outcome == "order changed" and reply.cue == "bad"
        assert "cancelled in the store" in reply.message and "put the items aside" in reply.message
        with pytest.raises(OrderNotPackable, match="cancelled in the store"):
            ctx.packing.close(actor, cancelled, weight_g=None, print_documents=False)

        changes = {c.order: c for c in ctx.review.changes(actor)}
        assert changes["1001"].kind == "cancelled" and changes["1001"].station == "test-station"
        assert (
            changes["1002"].kind == "edited" and "was edited in the store" in changes["1002"].detail
        )

        ctx.review.resolve_change(actor, changes["1001"].id, "apply", "customer cancelled")
        ctx.review.resolve_change(actor, changes["1002"].id, "dismiss", "ship what was ordered")
        with ctx.db.session() as s:
            assert (
                s.scalar(select(Order.status).where(Order.number == "1001"))
                is OrderStatus.CANCELLED
            )
            assert (
                s.scalar(select(PackSession.status).where(PackSession.id == cancelled))
                is PackSessionStatus.EXCEPTION
            )
            actions = set(s.scalars(select(AuditEntry.action)))
        assert {"store_change.apply", "store_change.dismiss"} <= actions
        # Dismissed: packing 1002 goes on.
        sku = shop.orders[5002].lines[0].sku
        assert ctx.packing.scan(actor, edited, sku).outcome in ("accepted", "complete")


def test_packing_goes_on_while_the_store_is_away(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=3, seed=9)
    emulator = make_emulator("woocommerce", shop).start()
    port = emulator.port
    with station(database_url, tmp_path, PATIENT_SYNC) as ctx:
        try:
            connect_store(ctx, emulator, monkeypatch)
            ctx.sync.sync("shop")
        finally:
            emulator.stop()  # the shop's server goes down
        actor = ctx.command_line_actor()
        session = ctx.packing.start(actor, "1001").session_id
        for line in shop.orders[5001].lines:
            for _ in range(line.quantity):
                ctx.packing.scan(actor, session, line.sku)
        ctx.packing.close(actor, session, weight_g=None, print_documents=False)
        (report,) = ctx.sync.sync("shop")
        assert report.error is not None and "cannot be reached" in report.error
        assert report.waiting == 1
        with WooCommerceEmulator(shop, port=port):  # back again
            (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.delivered == 1
        assert shop.orders[5001].status == "fulfilled" and len(shop.orders[5001].notes) == 1
        with ctx.db.session() as s:
            assert (
                s.scalar(select(Order.status).where(Order.number == "1001")) is OrderStatus.SHIPPED
            )


def test_a_refused_fulfillment_is_parked_for_a_supervisor(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=3, seed=10)
    with (
        make_emulator("shopify", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        pack_in_database(ctx, "shop", 1)
        with shop.lock:
            shop.orders[5001].status = "cancelled"
            shop.touch(shop.orders[5001])
        (report,) = ctx.sync.sync("shop")
        assert report.parked == 1 and report.changes == 1  # and the cancellation is raised
        actor = ctx.command_line_actor()
        (parked,) = ctx.review.outbox(actor, "parked")
        assert parked.last_error == (
            "The store will not take the fulfillment of #1001: the order is cancelled in the "
            "store. Check the order there."
        )
        ctx.review.retry(actor, parked.id, "checked with the customer")
        (again,) = ctx.review.outbox(actor, "pending")
        assert again.id == parked.id
        with ctx.db.session() as s:
            assert s.scalar(
                select(AuditEntry.reason).where(AuditEntry.action == "outbox.retry")
            ) == ("checked with the customer")


def test_secrets_stay_out_of_the_database_and_the_logs(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    shop = Shop(sample_products(), orders=3)
    emulator = WooCommerceEmulator(shop, key="ck_SECRETKEY123", secret="cs_SECRETSECRET456")
    with emulator, station(database_url, tmp_path, PATIENT_SYNC) as ctx:
        caplog.set_level(logging.DEBUG)
        connect_store(ctx, emulator, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        assert report.error is None and report.new == 3
        actor = ctx.command_line_actor()
        with pytest.raises(InvalidInput, match="HTTPS"):
            ctx.stores.add(
                actor, "shopify", "plain", "http://shop.example.com", {"token": {"env": "T"}}
            )
        with pytest.raises(InvalidInput, match="environment variable or keyring"):
            ctx.stores.add(
                actor, "shopify", "clear", "https://s.example.com", {"token": {"value": "x"}}
            )
        monkeypatch.delenv("TEST_WC_SECRET")
        (missing,) = ctx.sync.sync("shop")
        assert missing.error == (
            "The environment variable TEST_WC_SECRET with the secret of store shop is not set "
            "on this station."
        )
        monkeypatch.setenv("TEST_WC_SECRET", "cs_wrong")
        (wrong,) = ctx.sync.sync("shop")
        assert wrong.error is not None and "refused our credentials" in wrong.error
        everything = ""  # every row of every table, as text
        with ctx.db.engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                everything += repr(conn.execute(table.select()).all())
        assert "TEST_WC_SECRET" in everything  # where the secret is: the variable's name
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("*.sqlite3*"))  # SQLite: the file
    for secret in ("ck_SECRETKEY123", "cs_SECRETSECRET456"):
        assert secret not in everything and secret.encode() not in stored
        assert secret not in caplog.text
    with pytest.raises(ConfigError, match="environment variable"):
        save_in_keyring("shop", "token", "x")  # no keyring on a headless test machine


def test_retry_after_is_obeyed() -> None:
    shop = Shop(sample_products(), orders=1)
    faults = Faults(rate=1.0, kinds=("429",), retry_after_s=1)
    with WooCommerceEmulator(shop, faults=faults) as emulator:
        client = HttpClient(emulator.url, store="shop", retry=RetryPolicy(attempts=2, base_s=0.0))
        start = time.monotonic()
        with pytest.raises(Transient, match="asked us to slow down after 2 tries"):
            client.request("GET", "/wp-json/wc/v3/orders")
        client.close()
    assert 1.0 <= time.monotonic() - start < 3.0  # one wait, as long as the store asked


def _weights() -> dict[str, float]:
    with (RESOURCES / "sample-products.csv").open(encoding="utf-8") as handle:
        return {row["sku"]: float(row["weight_g"]) for row in csv.DictReader(handle)}


def test_command_line_adds_syncs_packs_and_delivers(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shop = Shop(sample_products(), orders=12, seed=12)
    monkeypatch.setenv("WC_KEY", "ck_demo")
    monkeypatch.setenv("WC_SECRET", "cs_demo")
    base = ["--database", database_url, "--station", "cli-station"]

    def run(*args: str) -> tuple[int, str]:
        code = main([*base, *args])
        return code, capsys.readouterr().out

    with WooCommerceEmulator(shop) as emulator:
        code, out = run(
            "stores", "add", "woocommerce", "--name", "web", "--url", emulator.url,
            "--key-env", "WC_KEY", "--secret-env", "WC_SECRET",
        )  # fmt: skip
        assert code == 0, out
        assert run("stores", "test", "web") == (
            0,
            "Connected to WooCommerce: 12 orders in the store.\n",
        )
        code, out = run("sync", "--once", "--json")
        assert code == 0 and json.loads(out)[0]["new"] == 12
        code, out = run("orders", "list", "--json")
        orders = {o["number"]: o for o in json.loads(out)}
        assert orders["1001"]["store"] == "web" and orders["1001"]["external_id"] == "5001"
        assert orders["1001"]["status"] == "open"
        assert orders["1001"]["lines"] == [
            {"sku": line.sku, "quantity": line.quantity} for line in shop.orders[5001].lines
        ]
        assert run("import", "products", str(RESOURCES / "sample-products.csv"))[0] == 0

        scans = tmp_path / "scans.txt"
        items = [line for line in shop.orders[5001].lines for _ in range(line.quantity)]
        scans.write_text("\n".join(line.sku for line in items) + "\n", encoding="utf-8")
        weight = sum(_weights()[line.sku] for line in items)  # OWN: no box, no dunnage
        code, out = run("pack", "--order", "1001", "--scans", str(scans), "--weight", f"{weight}",
                        "--box", "OWN", "--json")  # fmt: skip
        assert code == 0 and json.loads(out)["closed"], out
        code, out = run("outbox", "list", "--json")
        assert [e["status"] for e in json.loads(out)] == ["pending"]

        code, out = run("sync", "--once")
        assert code == 0 and "1 fulfillments delivered" in out
        assert shop.orders[5001].status == "fulfilled"
        assert shop.orders[5001].notes[0]["customer_note"] is True
        code, out = run("orders", "list", "--status", "shipped", "--json")
        assert [o["number"] for o in json.loads(out)] == ["1001"]
        code, out = run("stores", "list", "--json")
        (store,) = json.loads(out)
        assert store["secrets"] == "key in env WC_KEY, secret in env WC_SECRET"
        assert store["waiting"] == 0 and "cs_demo" not in out
    assert main([*base, "sync", "--once", "--every", "5"]) == 2  # one or the other


def test_outbox_statuses_are_listed(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=4, seed=13)
    with (
        make_emulator("woocommerce", shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        pack_in_database(ctx, "shop", 2)
        actor = ctx.command_line_actor()
        assert [r.status for r in ctx.review.outbox(actor)] == ["pending", "pending"]
        ctx.sync.sync("shop")
        rows = ctx.review.outbox(actor, OutboxStatus.DELIVERED.value)
        assert [r.order for r in rows] == ["1001", "1002"]
        (store,) = ctx.stores.list()
        assert (store.waiting, store.parked, store.last_error) == (0, 0, None)


@pytest.mark.parametrize("platform", ["woocommerce", "shopify"])
def test_our_own_changes_are_not_taken_for_the_stores(
    platform: str, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short shipment cuts our lines, not the store's: the store's echo of the fulfillment
    raises nothing; a real change after it is raised once, however often the store touches
    the order again."""
    shop = Shop(sample_products(), orders=3, seed=14, max_lines=1)
    with (
        make_emulator(platform, shop) as emulator,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        with shop.lock:
            shop.orders[5001].lines[0].quantity = 3
            shop.touch(shop.orders[5001])
        ctx.sync.sync("shop")
        with ctx.db.session() as s:  # packed short: 1 of 3
            order = s.scalars(select(Order).where(Order.number.in_(("1001", "#1001")))).one()
            order.lines[0].quantity = 1
        pack_in_database(ctx, "shop", 1)
        (delivered,) = ctx.sync.sync("shop")
        assert delivered.delivered == 1
        (echo,) = ctx.sync.sync("shop")  # the store's update after our fulfillment
        assert echo.changes == 0
        with shop.lock:
            shop.orders[5001].address["city"] = "Haifa"
            shop.touch(shop.orders[5001])
        (edited,) = ctx.sync.sync("shop")
        assert edited.changes == 1
        with shop.lock:
            shop.touch(shop.orders[5001])
        (again,) = ctx.sync.sync("shop")
        assert again.changes == 0
        (change,) = ctx.review.changes(ctx.command_line_actor())
        assert "shipping address was changed" in change.detail


def test_two_stores_with_the_same_order_numbers(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    woo_shop, shopify_shop = Shop(sample_products(), orders=2), Shop(sample_products(), orders=2)
    with (
        make_emulator("woocommerce", woo_shop) as woo,
        make_emulator("shopify", shopify_shop) as shopify,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, woo, monkeypatch, name="web")
        connect_store(ctx, shopify, monkeypatch, name="shop")
        assert [r.new for r in ctx.sync.sync()] == [2, 2]  # both stores, in name order
        actor = ctx.command_line_actor()
        with pytest.raises(
            InvalidInput,
            match=r"more than one store \(shop, web\): give the store too, e.g. shop/1001",
        ):
            ctx.packing.start(actor, "1001")
        assert ctx.packing.start(actor, "web/1001").order_number == "1001"
        assert ctx.packing.start(actor, "shop/1001").order_number == "#1001"
