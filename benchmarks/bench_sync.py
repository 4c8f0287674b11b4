"""Store sync speed against the emulators on loopback (real HTTP, real SQLite file).

    .venv/bin/python benchmarks/bench_sync.py [--orders 10000] [--throttle-seconds 30]

1. 10,000 orders from the WooCommerce emulator without faults into SQLite. Target: < 15 s.
2. The incremental sync right after, nothing changed: exactly one request per store.
3. The Shopify emulator's cost throttle (Standard plan: bucket 1,000 points, 100 points/s):
   the share of the restore rate the sync uses after the first second, and throttled
   requests after the first second. Target: >= 90 %, none throttled.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.sync.emulators import (
    Emulator,
    Shop,
    ShopifyEmulator,
    WooCommerceEmulator,
    sample_products,
)

TARGET_IMPORT_S = 15.0
TARGET_UTILISATION = 0.90


def station(tmp: Path, name: str) -> AppContext:
    ctx = AppContext.build(
        Settings(
            database=DatabaseSettings(url=f"sqlite:///{tmp / name}.sqlite3"),
            station=StationSettings(name="bench"),
            data_dir=tmp,
            log_dir=tmp / "logs",
        )
    )
    ctx.start()
    return ctx


def connect(ctx: AppContext, emulator: Emulator) -> None:
    actor = ctx.command_line_actor()
    if isinstance(emulator, ShopifyEmulator):
        os.environ["BENCH_SHOP_TOKEN"] = emulator.token
        ctx.stores.add(
            actor, "shopify", "shop", emulator.url, {"token": {"env": "BENCH_SHOP_TOKEN"}}
        )
    else:
        assert isinstance(emulator, WooCommerceEmulator)
        os.environ["BENCH_WC_KEY"], os.environ["BENCH_WC_SECRET"] = emulator.key, emulator.secret
        ctx.stores.add(
            actor,
            "woocommerce",
            "shop",
            emulator.url,
            {"key": {"env": "BENCH_WC_KEY"}, "secret": {"env": "BENCH_WC_SECRET"}},
        )


def woocommerce_import(tmp: Path, orders: int) -> list[tuple[str, str, str, str]]:
    shop = Shop(sample_products(), orders=orders, seed=1)
    rows = []
    with WooCommerceEmulator(shop) as emulator:
        ctx = station(tmp, "woo")
        try:
            connect(ctx, emulator)
            start = time.perf_counter()
            (report,) = ctx.sync.sync("shop")
            elapsed = time.perf_counter() - start
            assert report.error is None and report.new == orders, report
            ok = "PASS" if elapsed < TARGET_IMPORT_S else "FAIL"
            rows.append(
                (
                    f"WooCommerce: {orders:,} orders into SQLite",
                    f"{elapsed:.2f} s ({orders / elapsed:,.0f} orders/s, {report.pages} pages)",
                    f"< {TARGET_IMPORT_S:.0f} s",
                    ok,
                )
            )
            before = emulator.requests
            (again,) = ctx.sync.sync("shop")
            made = emulator.requests - before
            rows.append(
                (
                    "WooCommerce: incremental sync, nothing changed",
                    f"{made} request(s), {again.new + again.updated} orders changed",
                    "1 request",
                    "PASS" if made == 1 else "FAIL",
                )
            )
        finally:
            ctx.close()
    return rows


def shopify_throttle(tmp: Path, seconds: float) -> list[tuple[str, str, str, str]]:
    bucket, restore = 1000, 100  # the Standard plan
    # Enough orders to keep the sync busy for about ``seconds``.
    shop = Shop(sample_products(), orders=int(seconds * restore / 10), seed=2)
    rows = []
    with ShopifyEmulator(shop, bucket_size=bucket, restore_rate=restore) as emulator:
        ctx = station(tmp, "shopify")
        try:
            connect(ctx, emulator)
            start = time.monotonic()
            (report,) = ctx.sync.sync("shop")
            end = time.monotonic()
            before = emulator.requests
            ctx.sync.sync("shop")
            incremental = emulator.requests - before
        finally:
            ctx.close()
    assert report.error is None, report
    after_first = [cost for at, cost in emulator.cost_log if at - start > 1.0]
    window = end - (start + 1.0)
    utilisation = sum(after_first) / (restore * window)
    late_throttles = [t for t in emulator.throttled if t - start > 1.0]
    rows.append(
        (
            f"Shopify: {report.new:,} orders, {report.pages} pages in {end - start:.1f} s",
            f"{sum(after_first) / window:.1f} points/s of {restore} ({utilisation:.1%})",
            f">= {TARGET_UTILISATION:.0%}",
            "PASS" if utilisation >= TARGET_UTILISATION else "FAIL",
        )
    )
    rows.append(
        (
            "Shopify: throttled requests (first second / after)",
            f"{len(emulator.throttled) - len(late_throttles)} / {len(late_throttles)}",
            "0 after the first second",
            "PASS" if not late_throttles else "FAIL",
        )
    )
    rows.append(
        (
            "Shopify: incremental sync, nothing changed",
            f"{incremental} request(s)",
            "1 request",
            "PASS" if incremental == 1 else "FAIL",
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--throttle-seconds", type=float, default=30.0)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        rows = woocommerce_import(tmp, args.orders) + shopify_throttle(tmp, args.throttle_seconds)
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "result", "target", "verdict")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    failed = [r[0] for r in rows if r[3] != "PASS"]
    print(
        f"FAIL: {len(failed)} of {len(rows)} targets missed" if failed else "PASS: every target met"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
