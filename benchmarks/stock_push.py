"""Stock levels to the stores: 10,000 SKUs pushed to the WooCommerce emulator on loopback
(real HTTP, real SQLite file).

    .venv/bin/python benchmarks/stock_push.py [--skus 10000] [--orders 2000]

1. ``available`` for every product (two aggregate queries, run at the start of every store's
   push) with ``--orders`` open orders reserving stock. Target: < 0.5 s.
2. The first push of every SKU: time, requests, and the most items one request carried.
   Target: within WooCommerce's limit, 100 items a request (look-ups and batches), and
   every figure in the store equal to ours.
3. 1 % of the SKUs change: only they go out (requests), the rest is not sent again.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _report import Report, machine  # this folder is on the path when a script runs from it
from sqlalchemy import insert, select, update

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Location, Order, OrderLine, Product, Stock
from fulfillment_app.sync.emulators import Shop, WooCommerceEmulator
from fulfillment_app.sync.emulators.base import Request

LIMIT = 100  # WooCommerce: items a batch request, and a sensible page of SKUs to look up
TARGET_AVAILABLE_S = 0.5


def station(tmp: Path) -> AppContext:
    ctx = AppContext.build(
        Settings(
            database=DatabaseSettings(url=f"sqlite:///{tmp / 'stock'}.sqlite3"),
            station=StationSettings(name="bench"),
            data_dir=tmp,
            log_dir=tmp / "logs",
        )
    )
    ctx.start()
    return ctx


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


def batches(emulator: WooCommerceEmulator, skus: list[str]) -> int:
    """Batch requests for ``skus`` pushed in order, 100 at a time: one for the simple
    products of each 100 and one per variable product among them."""
    parent = {v["sku"]: v["parent_id"] for v in emulator.catalogue.values() if v["sku"]}
    return sum(
        len({parent[sku] for sku in skus[i : i + LIMIT]}) for i in range(0, len(skus), LIMIT)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--orders", type=int, default=2_000)
    args = parser.parse_args()
    print(machine(f"{args.skus:,} SKUs, {args.orders:,} open orders, SQLite"))
    report = Report()
    biggest = [0]

    def watch(request: Request) -> None:
        if request.method == "POST" and request.path.endswith("/batch"):
            body = json.loads(request.body or b"{}")
            biggest[0] = max(biggest[0], len(body.get("update") or []))
        elif request.path.endswith("/products"):
            biggest[0] = max(biggest[0], len(request.query.get("sku", "").split(",")))

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ctx = station(tmp)
        try:
            products = seed(ctx, args.skus, args.orders)
            with WooCommerceEmulator(Shop(products)) as emulator:
                emulator.hooks.append(watch)
                os.environ["BENCH_WC_KEY"] = emulator.key
                os.environ["BENCH_WC_SECRET"] = emulator.secret
                ctx.stores.add(
                    ctx.command_line_actor(),
                    "woocommerce",
                    "shop",
                    emulator.url,
                    {"key": {"env": "BENCH_WC_KEY"}, "secret": {"env": "BENCH_WC_SECRET"}},
                )
                timings = []
                for _ in range(5):
                    with ctx.db.session() as s:
                        start = time.perf_counter()
                        free = ctx.stock.available(s)
                        timings.append(time.perf_counter() - start)
                best = min(timings)
                report.check(
                    f"available for {args.skus:,} products (best of 5)",
                    f"{best * 1000:.0f} ms",
                    f"< {TARGET_AVAILABLE_S * 1000:.0f} ms",
                    best < TARGET_AVAILABLE_S,
                )

                start = time.perf_counter()
                (first,) = ctx.sync.push_stock("shop")
                elapsed = time.perf_counter() - start
                requests = emulator.stock_requests
                skus = [sku for sku, *_ in products]
                least = math.ceil(args.skus / LIMIT) + batches(emulator, skus)
                report.info(
                    f"first push of {args.skus:,} SKUs",
                    f"{elapsed:.1f} s, {requests} requests ({args.skus / elapsed:,.0f} SKUs/s)",
                )
                report.check(
                    "items in one request (look-up or batch)",
                    f"at most {biggest[0]}",
                    f"<= {LIMIT} (WooCommerce's limit)",
                    biggest[0] <= LIMIT,
                )
                report.check(
                    "requests for the first push",
                    f"{requests}",
                    f"{least} (look-ups, and a batch of {LIMIT} per product or parent)",
                    first.error is None and first.stock_waiting == 0 and requests == least,
                )
                with ctx.db.session() as s:
                    ours = {
                        sku: free.get(pid, 0)
                        for sku, pid in s.execute(select(Product.sku, Product.id))
                    }
                same = sum(emulator.stock.get(sku) == n for sku, n in ours.items())
                report.check(
                    "figures in the store equal to ours",
                    f"{same:,} of {len(ours):,}",
                    "all",
                    same == len(ours),
                )

                changed = max(1, args.skus // 100)
                with ctx.db.session() as s:  # a recount of 1 % (seeded directly, as above)
                    ids = list(s.scalars(select(Product.id).order_by(Product.id).limit(changed)))
                    s.execute(update(Stock).where(Stock.product_id.in_(ids)).values(quantity=99))
                before = emulator.stock_requests
                start = time.perf_counter()
                (second,) = ctx.sync.push_stock("shop")
                elapsed = time.perf_counter() - start
                made = emulator.stock_requests - before
                wanted = batches(emulator, skus[:changed])
                report.check(
                    f"{changed} SKUs changed: pushed again",
                    f"{second.stock_pushed} SKUs, {made} requests, {elapsed:.2f} s",
                    f"{changed} SKUs, {wanted} requests (ids kept: no look-up)",
                    second.stock_pushed == changed and made == wanted,
                )
                before = emulator.stock_requests
                (third,) = ctx.sync.push_stock("shop")
                report.check(
                    "nothing changed: requests",
                    f"{emulator.stock_requests - before}",
                    "0",
                    emulator.stock_requests == before and third.stock_pushed == 0,
                )
        finally:
            ctx.close()
    report.finish("Stock push to WooCommerce")


if __name__ == "__main__":
    main()
