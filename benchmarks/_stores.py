"""What the store benchmarks share: a station wired to a store emulator on loopback (real HTTP,
a real SQLite file or PostgreSQL schema), sync until clean, and the comparisons of what we hold
with what the store holds, by the store's own records.

The test suite has its own copies of these (tests/stores.py); a benchmark does not import the
tests, and these return counts to print instead of asserting.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings, SyncSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, OrderStatus, OutboxEntry, Store
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

PLATFORMS = ("woocommerce", "shopify", "magento", "bigcommerce")
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

#: Fast retries and short time-outs: the emulators answer in milliseconds, and a "timeout"
#: fault stalls longer than the client waits (``stall_s`` below).
FAST_SYNC = SyncSettings(
    timeout_s=0.4,
    connect_timeout_s=0.5,
    attempts=8,
    backoff_s=0.01,
    outbox_backoff_s=0.0,
    outbox_max_backoff_s=0.0,
)
STALL_S = 0.6


def make_emulator(platform: str, shop: Shop, faults: Faults | None = None, **kw: Any) -> Emulator:
    """The platform's emulator; with faults, a "timeout" stalls longer than FAST_SYNC waits.
    Shopify gets a big fast bucket and BigCommerce a big quota unless ``kw`` says otherwise:
    the soak is about correctness, the limits have benchmarks and tests of their own."""
    faults = faults or Faults()
    faults.stall_s = STALL_S
    if platform == "shopify":
        kw.setdefault("bucket_size", 5_000)
        kw.setdefault("restore_rate", 100_000)
        return ShopifyEmulator(shop, faults=faults, **kw)
    if platform == "magento":
        return MagentoEmulator(shop, faults=faults, **kw)
    if platform == "bigcommerce":
        kw.setdefault("quota", 100_000)
        return BigCommerceEmulator(shop, faults=faults, **kw)
    if platform == "woocommerce":
        return WooCommerceEmulator(shop, faults=faults, **kw)
    raise ValueError(platform)


def connect_store(
    ctx: AppContext, emulator: Emulator, name: str = "shop", options: dict[str, Any] | None = None
) -> None:
    """Add the emulator as a store, its secrets in environment variables."""
    actor = ctx.command_line_actor()

    def env(var: str, value: str) -> dict[str, str]:
        os.environ[var] = value
        return {"env": var}

    if isinstance(emulator, ShopifyEmulator):
        refs = {"token": env("BENCH_SHOP_TOKEN", emulator.token)}
        ctx.stores.add(actor, "shopify", name, emulator.url, refs, options=options)
    elif isinstance(emulator, MagentoEmulator):
        refs = {
            kind: env(f"BENCH_MG_{kind.upper()}", getattr(emulator, kind))
            for kind in ("consumer_key", "consumer_secret", "token", "token_secret")
        }
        ctx.stores.add(actor, "magento", name, emulator.url, refs, options=options)
    elif isinstance(emulator, BigCommerceEmulator):
        refs = {"token": env("BENCH_BC_TOKEN", emulator.token)}
        opts = {"store_hash": emulator.store_hash, **(options or {})}
        ctx.stores.add(actor, "bigcommerce", name, emulator.url, refs, options=opts)
    else:
        assert isinstance(emulator, WooCommerceEmulator)
        refs = {
            "key": env("BENCH_WC_KEY", emulator.key),
            "secret": env("BENCH_WC_SECRET", emulator.secret),
        }
        ctx.stores.add(actor, "woocommerce", name, emulator.url, refs, options=options)


def database_url(kind: str, tmp: Path, tag: str) -> str:
    """A new SQLite file in ``tmp``, or a fresh PostgreSQL schema of its own."""
    if kind == "sqlite":
        return f"sqlite:///{tmp / f'{tag}.sqlite3'}"
    schema = f"bench_{tag}_{os.getpid()}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    joiner = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{joiner}options=-csearch_path%3D{schema}"


def drop_schema(url: str) -> None:
    """Remove the PostgreSQL schema ``database_url`` made (nothing for SQLite)."""
    if "search_path%3D" not in url:
        return
    schema = url.rsplit("search_path%3D", 1)[1]
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@contextmanager
def station(url: str, tmp: Path, sync: SyncSettings = FAST_SYNC) -> Iterator[AppContext]:
    ctx = AppContext.build(
        Settings(
            database=DatabaseSettings(url=url),
            station=StationSettings(name="bench"),
            data_dir=tmp / "data",
            log_dir=tmp / "logs",
        ).replace(sync=sync)
    )
    ctx.start()
    try:
        yield ctx
    finally:
        ctx.close()


def sync_until_clean(ctx: AppContext, store: str = "shop", runs: int = 40) -> list[SyncReport]:
    """Sync until a run ends without a problem and nothing waits in the outbox."""
    reports = []
    for _ in range(runs):
        (report,) = ctx.sync.sync(store)
        reports.append(report)
        if report.error is None and report.waiting == 0:
            return reports
    raise RuntimeError(f"no clean sync in {runs} runs: {[r.error for r in reports[-3:]]}")


def external_id(platform: str, order_id: int) -> str:
    return gid("Order", order_id) if platform == "shopify" else str(order_id)


@dataclass
class OrderCheck:
    """Our orders against the store's: counts, all zero but the first two when all is well."""

    store_orders: int  # clean orders in the store
    imported: int  # orders of ours from that store
    lost: int = 0  # in the store, not with us
    doubled: int = 0  # imported more than once
    unexpected: int = 0  # with us, not a clean order of the store
    different: int = 0  # lines or status not as the store has them now
    malformed: int = 0  # broken orders in the store
    quarantined: int = 0  # of ours

    @property
    def ok(self) -> bool:
        return (
            self.lost == self.doubled == self.unexpected == self.different == 0
            and self.quarantined == self.malformed
        )


STATUS = {"open": "open", "on-hold": "on_hold", "cancelled": "cancelled", "fulfilled": "shipped"}


def compare_orders(ctx: AppContext, shop: Shop, platform: str, store: str = "shop") -> OrderCheck:
    """Every clean order of the store once, as the store has it now; every malformed one
    quarantined; nothing else."""
    ours = [o for o in ctx.review.orders() if o["store"] == store]
    ids = [o["external_id"] for o in ours]
    with shop.lock:
        clean = {external_id(platform, o.id): o for o in shop.orders.values() if not o.malformed}
        malformed = sum(1 for o in shop.orders.values() if o.malformed)
    check = OrderCheck(store_orders=len(clean), imported=len(ours), malformed=malformed)
    check.doubled = len(ids) - len(set(ids))
    check.lost = len(set(clean) - set(ids))
    check.unexpected = len(set(ids) - set(clean))
    for order in ours:
        theirs = clean.get(order["external_id"])
        if theirs is None:
            continue
        same_lines = sorted((line["sku"], line["quantity"]) for line in order["lines"]) == sorted(
            (line.sku, line.quantity) for line in theirs.lines
        )
        if not same_lines or order["status"] != STATUS[theirs.status]:
            check.different += 1
    check.quarantined = sum(
        1 for q in ctx.review.quarantined(ctx.command_line_actor()) if q.store == store
    )
    return check


def pack_in_database(ctx: AppContext, store: str, orders: int, packages: int = 2) -> list[int]:
    """Mark ``orders`` open orders packed with their outbox entries, as closing a package
    does (the packing itself has its own benchmark): orders of two lines or more in
    ``packages`` packages (at most two)."""
    made: list[int] = []
    with ctx.db.session() as session:
        store_id = session.scalar(select(Store.id).where(Store.name == store))
        chosen = session.scalars(
            select(Order)
            .where(Order.store_id == store_id, Order.status == OrderStatus.OPEN)
            .order_by(Order.id)
            .limit(orders)
        ).all()
        for order in chosen:
            order.status = OrderStatus.PACKED
            lines: list[OrderLine] = list(order.lines)
            split = [lines] if packages == 1 or len(lines) < 2 else [lines[:1], lines[1:]]
            for number, part in enumerate(split, 1):
                session.add(
                    OutboxEntry(
                        store_id=store_id,
                        order_id=order.id,
                        kind="fulfillment",
                        idempotency_key=f"bench-{order.id}-{number}",
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


def shipped_wrongly(platform: str, shop: Shop, entries: Sequence[OutboxEntry]) -> list[int]:
    """Orders whose packages the store did not record exactly once, by its own shipment
    records (Magento and BigCommerce): one shipment per package carrying the package's
    reference, and every packed item shipped once. Empty when all is well."""
    by_order: dict[int, list[OutboxEntry]] = {}
    for entry in entries:
        by_order.setdefault(int(entry.payload["order_external_id"]), []).append(entry)
    wrong = []
    with shop.lock:
        for number, ours in by_order.items():
            shipments = shop.orders[number].fulfillments
            shipped: dict[str, int] = {}
            if platform == "magento":
                refs = [t["track_number"] for s in shipments for t in s["tracks"]]
                for s in shipments:
                    for item in s["items"]:
                        key = str(item["order_item_id"])
                        shipped[key] = shipped.get(key, 0) + int(item["qty"])
            elif platform == "bigcommerce":
                refs = [s["tracking_number"] for s in shipments]
                for s in shipments:
                    for item in s["items"]:
                        key = str(item["order_product_id"])
                        shipped[key] = shipped.get(key, 0) + item["quantity"]
            else:
                raise ValueError(platform)
            packed: dict[str, int] = {}
            for e in ours:
                for line in e.payload["lines"]:
                    key = line["external_id"]
                    packed[key] = packed.get(key, 0) + line["quantity"]
            if sorted(refs) != sorted(e.payload["sscc"] for e in ours) or shipped != packed:
                wrong.append(number)
    return wrong
