"""Helpers for the store sync tests: a station wired to a store emulator on loopback, and the
comparison of what we imported with what the store holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fulfillment_app.config import SyncSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, OrderStatus, OutboxEntry
from fulfillment_app.sync.emulators import (
    BigCommerceEmulator,
    Emulator,
    Faults,
    MagentoEmulator,
    Shop,
    ShopifyEmulator,
    WooCommerceEmulator,
)
from fulfillment_app.sync.emulators.shopify import gid
from fulfillment_app.sync.engine import SyncReport
from tests.conftest import make_settings

PLATFORMS = ["woocommerce", "shopify", "magento"]

#: Fast retries and short time-outs: the emulators answer in milliseconds, and a "timeout"
#: fault stalls longer than the client waits.
FAST_SYNC = SyncSettings(
    timeout_s=0.4,
    connect_timeout_s=0.5,
    attempts=8,
    backoff_s=0.01,
    outbox_backoff_s=0.0,
    outbox_max_backoff_s=0.0,
)
#: For tests that inject no faults into the store and expect one sync to do its work: the
#: short read time-out of FAST_SYNC is there to beat the emulators' stalls, and on a loaded
#: machine an honest answer can take longer than that.
PATIENT_SYNC = replace(FAST_SYNC, timeout_s=5.0, connect_timeout_s=5.0)


def make_emulator(platform: str, shop: Shop, faults: Faults | None = None, **kw: Any) -> Emulator:
    faults = faults or Faults()
    faults.stall_s = 0.6  # longer than FAST_SYNC waits
    if platform == "shopify":
        # A big bucket that refills fast: the tests are about correctness; the throttle has
        # a test of its own. Pages of about 120 orders.
        kw.setdefault("bucket_size", 5_000)
        kw.setdefault("restore_rate", 100_000)
        return ShopifyEmulator(shop, faults=faults, **kw)
    if platform == "magento":
        return MagentoEmulator(shop, faults=faults, **kw)
    if platform == "bigcommerce":
        # A generous quota: the tests are about correctness; the shared quota has its own.
        kw.setdefault("quota", 100_000)
        return BigCommerceEmulator(shop, faults=faults, **kw)
    return WooCommerceEmulator(shop, faults=faults, **kw)


def connect_store(
    context: AppContext,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    name: str = "shop",
    options: dict[str, Any] | None = None,
) -> None:
    """Add the emulator as a store, its secrets in environment variables (``options``: the
    store's platform options, Magento's here)."""
    actor = context.command_line_actor()
    if isinstance(emulator, ShopifyEmulator):
        monkeypatch.setenv("TEST_SHOP_TOKEN", emulator.token)
        context.stores.add(
            actor, "shopify", name, emulator.url, {"token": {"env": "TEST_SHOP_TOKEN"}}
        )
    elif isinstance(emulator, MagentoEmulator):
        refs = {}
        for kind in ("consumer_key", "consumer_secret", "token", "token_secret"):
            monkeypatch.setenv(f"TEST_MG_{kind.upper()}", getattr(emulator, kind))
            refs[kind] = {"env": f"TEST_MG_{kind.upper()}"}
        context.stores.add(actor, "magento", name, emulator.url, refs, options=options)
    elif isinstance(emulator, BigCommerceEmulator):
        monkeypatch.setenv("TEST_BC_TOKEN", emulator.token)
        context.stores.add(
            actor,
            "bigcommerce",
            name,
            emulator.url,
            {"token": {"env": "TEST_BC_TOKEN"}},
            options={"store_hash": emulator.store_hash},
        )
    else:
        assert isinstance(emulator, WooCommerceEmulator)
        monkeypatch.setenv("TEST_WC_KEY", emulator.key)
        monkeypatch.setenv("TEST_WC_SECRET", emulator.secret)
        context.stores.add(
            actor,
            "woocommerce",
            name,
            emulator.url,
            {"key": {"env": "TEST_WC_KEY"}, "secret": {"env": "TEST_WC_SECRET"}},
        )


@contextmanager
def station(
    database_url: str, tmp_path: Path, sync: SyncSettings = FAST_SYNC
) -> Iterator[AppContext]:
    context = AppContext.build(make_settings(database_url, tmp_path).replace(sync=sync))
    context.start()
    try:
        yield context
    finally:
        context.close()


def sync_until_clean(context: AppContext, store: str = "shop", runs: int = 40) -> list[SyncReport]:
    """Sync until a run ends without a problem and nothing waits in the outbox."""
    reports = []
    for _ in range(runs):
        (report,) = context.sync.sync(store)
        reports.append(report)
        if report.error is None and report.waiting == 0:
            return reports
    raise AssertionError(f"no clean sync in {runs} runs: {[r.error for r in reports]}")


def external_id(platform: str, order_id: int) -> str:
    return gid("Order", order_id) if platform == "shopify" else str(order_id)


def assert_same_orders(context: AppContext, shop: Shop, platform: str, store: str = "shop") -> None:
    """Every clean order of the store once, as the store has it now; every malformed one
    quarantined; nothing else."""
    ours = [o for o in context.review.orders() if o["store"] == store]
    ids = [o["external_id"] for o in ours]
    assert len(ids) == len(set(ids)), "an order was imported twice"
    with shop.lock:
        clean = {external_id(platform, o.id): o for o in shop.orders.values() if not o.malformed}
        broken = {o.id: o.malformed for o in shop.orders.values() if o.malformed}
    assert set(ids) == set(clean), (
        f"missing {len(set(clean) - set(ids))}, unexpected {len(set(ids) - set(clean))}"
    )
    status = {
        "open": "open",
        "on-hold": "on_hold",
        "cancelled": "cancelled",
        "fulfilled": "shipped",
    }
    for order in ours:
        theirs = clean[order["external_id"]]
        assert sorted((line["sku"], line["quantity"]) for line in order["lines"]) == sorted(
            (line.sku, line.quantity) for line in theirs.lines
        ), order["number"]
        assert order["status"] == status[theirs.status], order["number"]
    quarantined = [
        q for q in context.review.quarantined(context.command_line_actor()) if q.store == store
    ]
    assert len(quarantined) == len(broken)
    named = {q.external_id.rsplit("/", 1)[-1] for q in quarantined}
    assert {
        str(i) for i, kind in broken.items() if kind != "no-id" or platform == "shopify"
    } <= named


def pack_in_database(
    context: AppContext, store: str, count: int, packages: int = 1, entries: int | None = None
) -> list[int]:
    """Mark ``count`` open orders packed with their outbox entries, as closing a package
    does (the packing service itself is tested in its own module); orders of two lines or
    more in ``packages`` packages. With ``entries``: as many orders as make that many."""
    made: list[int] = []
    with context.db.session() as session:
        from sqlalchemy import select

        from fulfillment_app.db.models import Store

        store_id = session.scalar(select(Store.id).where(Store.name == store))
        orders = session.scalars(
            select(Order)
            .where(Order.store_id == store_id, Order.status == OrderStatus.OPEN)
            .order_by(Order.id)
            .limit(count if entries is None else entries)
        ).all()
        made_entries = 0
        for order in orders:
            if entries is not None and made_entries >= entries:
                break
            order.status = OrderStatus.PACKED
            lines: list[OrderLine] = list(order.lines)
            split = [lines] if packages == 1 or len(lines) < 2 else [lines[:1], lines[1:]]
            if entries is not None and made_entries + len(split) > entries:
                split = [lines]
            made_entries += len(split)
            for number, part in enumerate(split, 1):
                session.add(
                    OutboxEntry(
                        store_id=store_id,
                        order_id=order.id,
                        kind="fulfillment",
                        idempotency_key=f"test-{order.id}-{number}",
                        payload={
                            "order_external_id": order.external_id,
                            "order_number": order.number,
                            "package": number,
                            "final": number == len(split),
                            "sscc": f"{order.id:018d}"[:17] + str(number),
                            "tracking": None,
                            "carrier": None,
                            "lines": [
                                {
                                    "external_id": line.external_id,
                                    "sku": line.sku,
                                    "quantity": line.quantity,
                                }
                                for line in part
                            ],
                        },
                    )
                )
            made.append(order.id)
    return made
