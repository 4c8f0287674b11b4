"""The four stores together, on both databases, over real HTTP to their emulators: what the
warehouse does to its stock (an order, a short pick, a return, a count) reaches Shopify,
WooCommerce, Magento and BigCommerce within one sync, and a customer's Shopify return goes
from the store to the shelf and back to the store exactly once, under 20 % faults."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    Product,
    ReturnAuthorization,
    Role,
)
from fulfillment_app.services.permissions import Actor
from fulfillment_app.sync.emulators import Emulator, Faults, Shop, ShopifyEmulator, sample_products
from tests.stores import (
    FAST_SYNC,
    PATIENT_SYNC,
    connect_store,
    make_emulator,
    pack_in_database,
    station,
)

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
PLATFORMS = ("shopify", "woocommerce", "magento", "bigcommerce")
#: Faults of the HTTP kind: what a stock push and a return meet on the way.
HTTP = ("429", "5xx", "timeout", "drop", "truncate")


def packer() -> Actor:
    return Actor(name="pia", role=Role.PACKER, station="returns-1")


def stock_the_shelves(ctx: AppContext, each: int = 10) -> None:
    """The sample catalogue at its home locations, ``each`` of every product."""
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    for sku, *_ in sample_products():
        home = ctx.stock.levels(admin, sku=sku)[0].location
        ctx.stock.adjust(admin, sku, home, set_to=each, reason="opening stock")


def ours(ctx: AppContext) -> dict[str, int]:
    """Available per SKU of the catalogue, as the stores should show it."""
    with ctx.db.read() as s:
        free = ctx.stock.available(s)
        return {
            p.sku: free.get(p.id, 0) for p in s.scalars(select(Product)) if not p.is_placeholder
        }


def theirs(emulator: Emulator) -> dict[str, int]:
    with emulator.shop.lock:
        return dict(emulator.stock)  # type: ignore[attr-defined]


def assert_every_store_shows(ctx: AppContext, emulators: dict[str, Emulator]) -> dict[str, int]:
    wanted = ours(ctx)
    for platform, emulator in emulators.items():
        shown = theirs(emulator)
        assert {sku: shown.get(sku) for sku in wanted} == wanted, platform
    return wanted


@contextlib.contextmanager
def four_stores(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, faults: float = 0.0
) -> Iterator[tuple[AppContext, dict[str, Emulator]]]:
    with contextlib.ExitStack() as stack:
        emulators: dict[str, Emulator] = {}
        for n, platform in enumerate(PLATFORMS):
            shop = Shop(sample_products(), orders=4, seed=20 + n)
            emulators[platform] = stack.enter_context(
                make_emulator(
                    platform, shop, Faults(rate=faults, kinds=HTTP, seed=n, retry_after_s=0)
                )
            )
        # Without faults each sync must go through at once, however loaded the machine.
        ctx = stack.enter_context(
            station(database_url, tmp_path, FAST_SYNC if faults else PATIENT_SYNC)
        )
        stock_the_shelves(ctx)
        for platform, emulator in emulators.items():
            connect_store(ctx, emulator, monkeypatch, name=platform)
        yield ctx, emulators


def until_clean(ctx: AppContext, store: str, runs: int = 40) -> None:
    """Sync one store until a run ends with no problem, no fulfillment or return waiting and
    no stock figure left to push."""
    for _ in range(runs):
        (report,) = ctx.sync.sync(store)
        if report.error is None and report.waiting == 0 and report.stock_waiting == 0:
            return
    raise AssertionError(f"{store}: no clean sync in {runs} runs")


def one_sync(ctx: AppContext) -> None:
    """One sync cycle over every store, which must go through cleanly."""
    reports = ctx.sync.sync()
    assert [(r.store, r.error, r.stock_waiting) for r in reports] == [
        (r.store, None, 0) for r in reports
    ]


def test_a_sale_a_short_pick_a_return_and_a_count_reach_all_four_stores_in_one_sync(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with four_stores(database_url, tmp_path, monkeypatch) as (ctx, emulators):
        admin = ctx.command_line_actor()
        one_sync(ctx)  # the stores' orders in (they reserve stock), every SKU out
        assert_every_store_shows(ctx, emulators)
        # One of the orders went out earlier (it comes back below as a return).
        with ctx.db.session() as s:
            order = s.scalar(
                select(Order).where(Order.status == OrderStatus.OPEN).order_by(Order.id)
            )
            assert order is not None
            order.status = OrderStatus.SHIPPED
            s.execute(
                update(OrderLine)
                .where(OrderLine.order_id == order.id)
                .values(quantity_picked=OrderLine.quantity, quantity_packed=OrderLine.quantity)
            )
            returned = order.lines[0].sku
            code = f"ORD:ID-{order.id}"
        one_sync(ctx)
        before = assert_every_store_shows(ctx, emulators)

        # A sale in one store reserves stock: the other three stop selling it at once.
        woo = emulators["woocommerce"]
        sold = woo.shop.add_order(lines=1)
        sku = sold.lines[0].sku
        one_sync(ctx)
        after_sale = assert_every_store_shows(ctx, emulators)
        assert after_sale[sku] == before[sku] - sold.lines[0].quantity

        # Picking it: on hand and reserved move together, no store sees a change. The shelf
        # of another order's line is found empty: that stock was never there to sell.
        ctx.users.add(admin, "Avi", Role.PICKER, "4444")
        ctx.planner.release(admin, ctx.planner.plan(admin, "savings", cart_slots=8, capacity=60))
        avi = ctx.auth.login_with_pin("Avi", "4444")
        view = ctx.picking.claim(avi)
        assert view is not None and view.current is not None
        short = view.current
        ctx.picking.short(avi, view.batch_id, short.task_id, reason="location empty")
        one_sync(ctx)
        after_pick = assert_every_store_shows(ctx, emulators)
        assert after_pick[short.sku] < after_sale[short.sku]

        # A return: one unit back on the shelf is one more to sell everywhere.
        rma = ctx.returns.receive(packer(), code)
        assert ctx.returns.scan(packer(), rma.number, returned).outcome == "accepted"
        one_sync(ctx)
        after_return = assert_every_store_shows(ctx, emulators)
        assert after_return[returned] == after_pick[returned] + 1

        # A count that finds two more on a shelf than we held.
        counted = next(s for s in sample_products() if s[0] not in (sku, short.sku, returned))[0]
        shelf = ctx.stock.levels(admin, sku=counted)[0]
        ctx.stock.count(admin, shelf.location, [counted] * (shelf.on_hand + 2))
        one_sync(ctx)
        after_count = assert_every_store_shows(ctx, emulators)
        assert after_count[counted] == after_return[counted] + 2


def test_with_faults_every_store_ends_with_our_figures(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with four_stores(database_url, tmp_path, monkeypatch, faults=0.2) as (ctx, emulators):
        admin = ctx.command_line_actor()
        for round_ in range(3):
            for n, (sku, *_) in enumerate(sample_products()):
                if (n + round_) % 3 == 0:
                    home = ctx.stock.levels(admin, sku=sku)[0].location
                    ctx.stock.adjust(admin, sku, home, by=round_ + 1, reason="delivery")
            for platform in PLATFORMS:
                until_clean(ctx, platform)
        for platform in PLATFORMS:  # what a run's faults changed meanwhile, read back
            until_clean(ctx, platform)
        assert_every_store_shows(ctx, emulators)


def test_a_shopify_return_from_the_customer_to_the_shelf_and_back_to_the_store_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=30, seed=8)
    faults = Faults(rate=0.2, kinds=HTTP, seed=3, retry_after_s=0)
    with make_emulator("shopify", shop, faults) as emulator, station(database_url, tmp_path) as ctx:
        assert isinstance(emulator, ShopifyEmulator)
        stock_the_shelves(ctx)
        connect_store(ctx, emulator, monkeypatch)
        until_clean(ctx, "shop")
        # An order of two different products, packed and shipped: its fulfillment reaches
        # the store through the outbox.
        with ctx.db.session() as s:
            chosen = next(
                o
                for o in s.scalars(select(Order).where(Order.status == OrderStatus.OPEN))
                if len({line.sku for line in o.lines}) >= 2
            )
            for other in s.scalars(select(Order).where(Order.id != chosen.id)):
                other.status = OrderStatus.CANCELLED  # out of the way of pack_in_database
            kept, broken = chosen.lines[0].sku, chosen.lines[1].sku
            order_id, number = chosen.id, int(chosen.external_id.rsplit("/", 1)[-1])
        assert pack_in_database(ctx, "shop", 1) == [order_id]
        with ctx.db.session() as s:
            s.execute(
                update(OrderLine)
                .where(OrderLine.order_id == order_id)
                .values(quantity_picked=OrderLine.quantity, quantity_packed=OrderLine.quantity)
            )
        until_clean(ctx, "shop")

        # The customer returns one of each in the store; the next sync brings the RMA.
        return_id = emulator.open_return(number, [(kept, 1, "UNWANTED"), (broken, 1, "DEFECTIVE")])
        until_clean(ctx, "shop")
        with ctx.db.read() as s:
            rma = s.scalar(
                select(ReturnAuthorization).where(ReturnAuthorization.external_id == return_id)
            )
            assert rma is not None and rma.source == "store"
            rma_number = rma.number
        admin = ctx.command_line_actor()
        home = {sku: ctx.stock.levels(admin, sku=sku)[0] for sku in (kept, broken)}
        before = ours(ctx)

        # At the returns station: the parcel, one unit sellable, one damaged.
        view = ctx.returns.receive(packer(), f"ORD:ID-{order_id}")
        assert view.number == rma_number
        assert ctx.returns.scan(packer(), rma_number, kept).outcome == "accepted"
        assert ctx.returns.scan(packer(), rma_number, broken, "damaged").outcome == "accepted"
        done = ctx.returns.finish(packer(), rma_number)
        assert done.status == "completed"
        levels = {
            (row.sku, row.location): row.on_hand
            for sku in (kept, broken)
            for row in ctx.stock.levels(admin, sku=sku)
        }
        assert levels[(kept, home[kept].location)] == home[kept].on_hand + 1
        assert levels[(broken, home[broken].location)] == home[broken].on_hand
        assert levels[(broken, "RET-QUARANTINE")] == 1
        after = ours(ctx)
        assert (after[kept], after[broken]) == (before[kept] + 1, before[broken])

        until_clean(ctx, "shop")
        until_clean(ctx, "shop")  # a second round under faults changes nothing more
        with ctx.db.read() as s:
            (entry,) = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "return"))
            assert entry.status is OutboxStatus.DELIVERED
    processed = [p for p in emulator.processed_returns if p["return_id"] == return_id]
    assert sorted(line for p in processed for line in p["lines"]) == sorted(
        [(kept, 1, "RESTOCKED"), (broken, 1, "NOT_RESTOCKED")]
    )
    assert theirs(emulator)[kept] == after[kept] and theirs(emulator)[broken] == after[broken]
