"""Catalogue import speed: 10,000 products and 5,000 locations into a fresh database.

    .venv/bin/python benchmarks/bench_import.py [--postgres URL] [--products N] [--locations N]

Prints one table: the first import, the re-import of the same files (which must change
nothing), and the total against the 5 s target. SQLite always; PostgreSQL when a URL is given
(each run in a schema of its own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import make_url

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.gtin import gs1_check_digit

TARGET_S = 5.0


def make_files(folder: Path, n_products: int, n_locations: int, seed: int = 1) -> tuple[Path, Path]:
    rng = random.Random(seed)
    locations = folder / "locations.csv"
    codes = []
    with locations.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "zone", "aisle", "bay", "level", "x", "y"])
        i = 0
        while len(codes) < n_locations:
            zone, aisle, bay, level = "ABCDEFGH"[i // 1000 % 8], i // 50 % 20, i // 5 % 10, i % 5
            code = f"{zone}-{aisle:02d}-{bay:02d}-{level}-{i}"
            codes.append(code)
            w.writerow([code, zone, aisle, bay, level, aisle * 3.0, bay * 1.2])
            i += 1
    products = folder / "products.csv"
    with products.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "sku",
                "name",
                "barcode",
                "weight_g",
                "length_mm",
                "width_mm",
                "height_mm",
                "location",
                "barcode2",
            ]
        )
        for i in range(n_products):
            data = f"729{i:09d}"
            extra = f"INT-{i:06d}" if i % 3 == 0 else ""
            w.writerow(
                [
                    f"SKU-{i:06d}",
                    f"מוצר {i} / Product {i}",
                    data + str(gs1_check_digit(data)),
                    rng.randint(10, 5000),
                    rng.randint(20, 600),
                    rng.randint(20, 400),
                    rng.randint(5, 300),
                    codes[i % len(codes)],
                    extra,
                ]
            )
    return products, locations


def run_once(url: str, products: Path, locations: Path, tmp: Path) -> dict[str, float]:
    settings = Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name="bench"),
        data_dir=tmp,
        log_dir=tmp / "logs",
    )
    ctx = AppContext.build(settings)
    ctx.start()
    actor = ctx.command_line_actor()
    out: dict[str, float] = {}
    t = time.perf_counter()
    loc = ctx.catalogue.import_locations(actor, locations)
    out["locations"] = time.perf_counter() - t
    t = time.perf_counter()
    prod = ctx.catalogue.import_products(actor, products)
    out["products"] = time.perf_counter() - t
    assert not loc.errors and not prod.errors, (loc.errors[:3], prod.errors[:3])
    assert prod.created == sum(1 for _ in products.open(encoding="utf-8")) - 1
    t = time.perf_counter()
    again_l = ctx.catalogue.import_locations(actor, locations)
    again_p = ctx.catalogue.import_products(actor, products)
    out["re-import"] = time.perf_counter() - t
    assert again_l.created == again_l.updated == again_p.created == again_p.updated == 0
    ctx.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--locations", type=int, default=5_000)
    parser.add_argument("--postgres", metavar="URL", help="also run against this PostgreSQL")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        products, locations = make_files(tmp, args.products, args.locations)
        runs = [("SQLite (file, WAL)", f"sqlite:///{tmp / 'bench.sqlite3'}", None)]
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            u = make_url(args.postgres)
            conninfo = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database)
            with psycopg.connect(**conninfo, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            sep = "&" if "?" in args.postgres else "?"
            runs.append(
                (
                    "PostgreSQL",
                    f"{args.postgres}{sep}options=-csearch_path%3D{schema}",
                    (conninfo, schema),
                )
            )
        print(
            f"machine: {platform.processor() or platform.machine()}, "
            f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"{args.products:,} products, {args.locations:,} locations\n")
        header = (
            f"{'database':<20} {'locations s':>12} {'products s':>11} {'total s':>8} "
            f"{'target s':>9} {'re-import s':>12}"
        )
        print(header)
        print("-" * len(header))
        for name, url, cleanup in runs:
            try:
                r = run_once(url, products, locations, tmp)
            finally:
                if cleanup:
                    conninfo, schema = cleanup
                    with psycopg.connect(**conninfo, autocommit=True) as conn:
                        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            total = r["locations"] + r["products"]
            ok = "ok" if total < TARGET_S else "SLOW"
            print(
                f"{name:<20} {r['locations']:>12.2f} {r['products']:>11.2f} {total:>8.2f} "
                f"{TARGET_S:>6.1f} {ok:<2} {r['re-import']:>11.2f}"
            )


if __name__ == "__main__":
    main()
