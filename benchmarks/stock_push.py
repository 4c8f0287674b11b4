"""Stock levels to the stores: 10,000 SKUs pushed to each platform's emulator on loopback
(real HTTP, a real SQLite file or PostgreSQL schema), each from a fresh station and store
(cold, as a new store is).

    .venv/bin/python benchmarks/stock_push.py [--platform woocommerce|shopify|magento|
        bigcommerce|all] [--skus 10000] [--orders 2000] [--faults 0.2]
        [--shopify-bucket plus|standard] [--database sqlite|postgresql]

1. ``available`` for every product (two aggregate queries, run at the start of every store's
   push) with ``--orders`` open orders reserving stock. Target: < 0.5 s.
2. Per platform, the first push of every SKU: time, requests, and the most items one request
   carried. Target: within the platform's limit a request, and every figure in the store
   equal to ours:
   - WooCommerce: 100 items a request (look-ups and batches);
   - Shopify: 250 a mutation (and a look-up), and never throttled by the cost bucket. The
     bucket is Shopify Plus's, 10,000 points restoring 1,000 a second (``--shopify-bucket
     standard``: 1,000 points, 100 a second, as most shops; the first push then takes about
     ten times as long, the points being the same);
   - Magento: 20 source items a request (its default list limit);
   - BigCommerce: 2,000 items a request, within the emulator's real default quota (150
     requests a 30 s window shared with the store's other apps): no request refused.
3. 1 % of the SKUs change: only they go out (requests), the rest is not sent again; then
   nothing changed: no request.
4. With ``--faults`` (0 skips it): a fresh store whose emulator fails that share of requests
   (429, 5xx, time-outs before or after the work, dropped connections, cut-off JSON): the
   first push and a 1 % change pushed until nothing waits; the store's final figures equal
   ours.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import Report, machine, table  # this folder is on the path when a script runs
from _stores import (
    FAST_SYNC,
    PLATFORMS,
    connect_store,
    database_url,
    drop_schema,
    make_emulator,
    station,
)
from sqlalchemy import insert, select, update

from fulfillment_app.config import SyncSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Location, Order, OrderLine, Product, Stock
from fulfillment_app.sync.emulators import (
    BigCommerceEmulator,
    Emulator,
    Faults,
    Shop,
    ShopifyEmulator,
    WooCommerceEmulator,
)
from fulfillment_app.sync.emulators.base import Request

TARGET_AVAILABLE_S = 0.5
#: Items a request each platform takes.
LIMITS = {"woocommerce": 100, "shopify": 250, "magento": 20, "bigcommerce": 2_000}
BUCKETS = {"plus": (10_000, 1_000), "standard": (1_000, 100)}  # points, points a second
BC_QUOTA, BC_WINDOW_S = 150, 30.0  # the BigCommerce emulator's default, as a real store's
#: Stock pushed by hand (``sync.push_stock``) at the station's usual pace, not FAST_SYNC's
#: retries of a few milliseconds: the time-outs of a real line.
PLAIN_SYNC = SyncSettings()


@contextmanager
def database(kind: str, tmp: Path, tag: str) -> Iterator[str]:
    """A new SQLite file or PostgreSQL schema, dropped afterwards."""
    url = database_url(kind, tmp, f"stock_{tag}")
    try:
        yield url
    finally:
        drop_schema(url)


def seed(ctx: AppContext, skus: int, orders: int) -> list[tuple[str, str, str]]:
    """Products with stock at one of 500 locations, and open orders reserving some."""
    products = [(f"BS-{i:06d}", f"Bench product {i}", "") for i in range(skus)]
    with ctx.db.session() as s:
        s.execute(insert(Location), [{"code": f"L-{i:04d}"} for i in range(500)])
        s.execute(insert(Product), [{"sku": sku, "name": name} for sku, name, _ in products])
        ids = dict(s.execute(select(Product.sku, Product.id)).all())
        locations = list(s.scalars(select(Location.id).order_by(Location.id)))
        s.execute(
            insert(Stock),
            [
                {"product_id": ids[sku], "location_id": locations[n % 500], "quantity": n % 37}
                for n, (sku, *_) in enumerate(products)
            ],
        )
        s.execute(
            insert(Order),
            [{"external_id": f"B{n}", "number": f"B{n}"} for n in range(orders)],
        )
        order_ids = list(s.scalars(select(Order.id)))
        s.execute(
            insert(OrderLine),
            [
                {
                    "order_id": oid,
                    "product_id": ids[products[(oid * 7 + k) % skus][0]],
                    "sku": products[(oid * 7 + k) % skus][0],
                    "name": "x",
                    "quantity": 1 + k,
                    "quantity_picked": 0,
                    "quantity_packed": 0,
                }
                for oid in order_ids
                for k in range(3)
            ],
        )
    return products


def woo_batches(emulator: WooCommerceEmulator, skus: list[str]) -> int:
    """WooCommerce batch requests for ``skus`` pushed in order, 100 at a time: one for the
    simple products of each 100 and one per variable product among them."""
    parent = {v["sku"]: v["parent_id"] for v in emulator.catalogue.values() if v["sku"]}
    step = LIMITS["woocommerce"]
    return sum(len({parent[sku] for sku in skus[i : i + step]}) for i in range(0, len(skus), step))


def least_requests(platform: str, emulator: Emulator, skus: list[str], first: bool) -> int:
    """The fewest stock requests that push ``skus`` within the platform's limit (on the
    first push with look-ups where the platform needs them; later the ids are kept)."""
    limit = LIMITS[platform]
    chunks = math.ceil(len(skus) / limit)
    if platform == "woocommerce":
        assert isinstance(emulator, WooCommerceEmulator)
        return (chunks if first else 0) + woo_batches(emulator, skus)
    if platform == "shopify":  # a look-up and a mutation per 250 the first time
        return chunks * (2 if first else 1)
    return chunks  # absolute figures by SKU: no look-up


def watcher(platform: str, biggest: list[int]) -> Any:
    """A hook noting the most items one stock request carried."""

    def watch(request: Request) -> None:
        n = 0
        if platform == "woocommerce":
            if request.method == "POST" and request.path.endswith("/batch"):
                n = len(json.loads(request.body or b"{}").get("update") or [])
            elif request.path.endswith("/products"):
                n = len(request.query.get("sku", "").split(","))
        elif platform == "shopify" and request.method == "POST":
            variables = json.loads(request.body or b"{}").get("variables") or {}
            if "input" in variables and "quantities" in (variables["input"] or {}):
                n = len(variables["input"]["quantities"])
            elif "first" in variables and "location" in variables:
                n = int(variables["first"])
        elif platform == "magento" and request.path.endswith("/inventory/source-items"):
            n = len(json.loads(request.body or b"{}").get("sourceItems") or [])
        elif platform == "bigcommerce" and request.path.endswith("/adjustments/absolute"):
            n = len(json.loads(request.body or b"{}").get("items") or [])
        biggest[0] = max(biggest[0], n)

    return watch


def new_emulator(
    platform: str, products: list[tuple[str, str, str]], faults: Faults | None, bucket: str
) -> Emulator:
    shop = Shop(products)
    if platform == "shopify":
        size, rate = BUCKETS[bucket]
        return make_emulator(platform, shop, faults, bucket_size=size, restore_rate=rate)
    if platform == "bigcommerce":
        return make_emulator(platform, shop, faults, quota=BC_QUOTA, window_s=BC_WINDOW_S)
    return make_emulator(platform, shop, faults)


def shown(emulator: Emulator) -> dict[str, int]:
    """What the store shows per SKU now (every emulator keeps it)."""
    stock: dict[str, int] = vars(emulator)["stock"]
    return stock


def asked(emulator: Emulator) -> int:
    """The stock requests the store has served (every emulator counts them)."""
    return int(vars(emulator)["stock_requests"])


def ours(ctx: AppContext) -> dict[str, int]:
    """Available per SKU, as we would tell the stores."""
    with ctx.db.session() as s:
        free = ctx.stock.available(s)
        return {sku: free.get(pid, 0) for sku, pid in s.execute(select(Product.sku, Product.id))}


def recount(ctx: AppContext, changed: int, quantity: int) -> None:
    """The first ``changed`` products counted again (seeded directly, as above)."""
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Product.id).order_by(Product.id).limit(changed)))
        s.execute(update(Stock).where(Stock.product_id.in_(ids)).values(quantity=quantity))


def limits_kept(platform: str, emulator: Emulator) -> tuple[bool, str]:
    """The platform's pace: Shopify never throttled, BigCommerce never refused."""
    if isinstance(emulator, ShopifyEmulator):
        return not emulator.throttled, f"{len(emulator.throttled)} throttled"
    if isinstance(emulator, BigCommerceEmulator):
        most = max(emulator.rate.ours.values(), default=0)
        return emulator.rate.refused == 0, (
            f"{emulator.rate.refused} refused, at most {most} of {BC_QUOTA} a window"
        )
    return True, ""


def clean_run(platform: str, tmp: Path, args: argparse.Namespace, report: Report) -> list[str]:
    """The first push, a 1 % change and nothing changed, with no faults; a summary row."""
    limit = LIMITS[platform]
    biggest = [0]
    with (
        database(args.database, tmp, f"{platform}_clean") as url,
        station(url, tmp, PLAIN_SYNC) as ctx,
    ):
        products = seed(ctx, args.skus, args.orders)
        skus = [sku for sku, *_ in products]
        with new_emulator(platform, products, None, args.shopify_bucket) as emulator:
            emulator.hooks.append(watcher(platform, biggest))
            connect_store(ctx, emulator)
            start = time.perf_counter()
            (first,) = ctx.sync.push_stock("shop")
            first_s = time.perf_counter() - start
            requests = asked(emulator)
            least = least_requests(platform, emulator, skus, first=True)
            report.info(
                f"{platform}: first push of {args.skus:,} SKUs",
                f"{first_s:.1f} s, {requests} requests ({args.skus / first_s:,.0f} SKUs/s)",
            )
            report.check(
                f"{platform}: items in one request",
                f"at most {biggest[0]}",
                f"<= {limit} (the platform's limit)",
                0 < biggest[0] <= limit,
            )
            report.check(
                f"{platform}: requests for the first push",
                f"{requests}",
                f"{least}",
                first.error is None and first.stock_waiting == 0 and requests == least,
            )
            kept, pace = limits_kept(platform, emulator)
            if pace:
                report.check(
                    f"{platform}: the store's rate limit",
                    pace,
                    "none throttled" if platform == "shopify" else "none refused",
                    kept,
                )
            if isinstance(emulator, ShopifyEmulator):
                points = sum(cost for _, cost in emulator.cost_log)
                report.info(
                    f"{platform}: query cost of the first push",
                    f"{points:,} points: {points / BUCKETS['standard'][1]:,.0f} s at a "
                    f"standard shop's 100 a second, {points / BUCKETS['plus'][1]:,.0f} s at "
                    "Plus's 1,000",
                )
            wanted = ours(ctx)
            same = sum(shown(emulator).get(sku) == n for sku, n in wanted.items())
            report.check(
                f"{platform}: figures in the store equal to ours",
                f"{same:,} of {len(wanted):,}",
                "all",
                same == len(wanted),
            )

            changed = max(1, args.skus // 100)
            recount(ctx, changed, 99)
            before = asked(emulator)
            start = time.perf_counter()
            (second,) = ctx.sync.push_stock("shop")
            change_s = time.perf_counter() - start
            made = asked(emulator) - before
            expected = least_requests(platform, emulator, skus[:changed], first=False)
            report.check(
                f"{platform}: {changed} SKUs changed, pushed again",
                f"{second.stock_pushed} SKUs, {made} requests, {change_s:.2f} s",
                f"{changed} SKUs, {expected} requests",
                second.stock_pushed == changed and made == expected,
            )
            before = asked(emulator)
            (third,) = ctx.sync.push_stock("shop")
            again = asked(emulator) - before
            report.check(
                f"{platform}: nothing changed, requests",
                f"{again}",
                "0",
                again == 0 and third.stock_pushed == 0,
            )
    return [
        platform,
        f"{first_s:.1f} s",
        f"{requests:,}",
        f"{biggest[0]:,} (limit {limit:,})",
        f"{change_s:.2f} s, {made} requests",
    ]


def fault_run(platform: str, tmp: Path, args: argparse.Namespace, report: Report) -> str:
    """The first push and a 1 % change under faults, pushed until nothing waits; the
    store's figures then equal ours."""
    faults = Faults(rate=args.faults, seed=31, retry_after_s=0)
    with (
        database(args.database, tmp, f"{platform}_faults") as url,
        station(url, tmp, FAST_SYNC) as ctx,
    ):
        products = seed(ctx, args.skus, args.orders)
        with new_emulator(platform, products, faults, args.shopify_bucket) as emulator:
            connect_store(ctx, emulator)
            start = time.perf_counter()
            runs = 0
            for step in ("first", "change"):
                if step == "change":
                    recount(ctx, max(1, args.skus // 100), 77)
                for _ in range(100):
                    runs += 1
                    (pushed,) = ctx.sync.push_stock("shop")
                    if pushed.error is None and pushed.stock_waiting == 0:
                        break
            elapsed = time.perf_counter() - start
            wanted = ours(ctx)
            same = sum(shown(emulator).get(sku) == n for sku, n in wanted.items())
            report.check(
                f"{platform}: under {args.faults:.0%} faults, the store's figures equal ours",
                f"{same:,} of {len(wanted):,} ({runs} pushes for both, "
                f"{emulator.requests:,} requests, {elapsed:.1f} s)",
                "all",
                same == len(wanted),
            )
    return f"{same:,} of {len(wanted):,} equal, {runs} pushes, {elapsed:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--platform", choices=(*PLATFORMS, "all"), default="all")
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=2_000)
    parser.add_argument("--faults", type=float, default=0.2, help="0: no run under faults")
    parser.add_argument("--shopify-bucket", choices=sorted(BUCKETS), default="plus")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    platforms = PLATFORMS if args.platform == "all" else (args.platform,)
    size, rate = BUCKETS[args.shopify_bucket]
    print(
        machine(
            f"{args.skus:,} SKUs, {args.orders:,} open orders, {args.database}; Shopify bucket "
            f"{size:,} points, {rate:,}/s; BigCommerce quota {BC_QUOTA}/{BC_WINDOW_S:.0f} s"
        ),
        flush=True,
    )
    report = Report()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        with database(args.database, tmp, "available") as url, station(url, tmp, PLAIN_SYNC) as ctx:
            seed(ctx, args.skus, args.orders)
            timings = []
            for _ in range(5):
                with ctx.db.session() as s:
                    start = time.perf_counter()
                    ctx.stock.available(s)
                    timings.append(time.perf_counter() - start)
        best = min(timings)
        report.check(
            f"available for {args.skus:,} products (best of 5)",
            f"{best * 1000:.0f} ms",
            f"< {TARGET_AVAILABLE_S * 1000:.0f} ms",
            best < TARGET_AVAILABLE_S,
        )
        for platform in platforms:
            folder_of = tmp / platform
            folder_of.mkdir()
            row = clean_run(platform, folder_of, args, report)
            row.append(fault_run(platform, folder_of, args, report) if args.faults else "")
            rows.append(row)
            print(f"{platform}: done", flush=True)
    print()
    print(
        table(
            rows,
            (
                "store",
                "first push",
                "requests",
                "largest request",
                "1 % change",
                f"under {args.faults:.0%} faults",
            ),
        )
    )
    report.finish("Stock push to the stores")


if __name__ == "__main__":
    main()
