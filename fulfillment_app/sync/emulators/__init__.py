"""Local emulators of the store platforms' APIs, served on loopback for the demo, the tests
and the benchmarks (see :mod:`.base` for the faults they inject)."""

from __future__ import annotations

import csv
from pathlib import Path

from .base import Emulator, Faults, Shop
from .bigcommerce import BigCommerceEmulator
from .magento import MagentoEmulator
from .shopify import ShopifyEmulator
from .woocommerce import WooCommerceEmulator

__all__ = [
    "BigCommerceEmulator",
    "Emulator",
    "Faults",
    "MagentoEmulator",
    "Shop",
    "ShopifyEmulator",
    "WooCommerceEmulator",
    "sample_products",
]

SAMPLE_PRODUCTS = Path(__file__).resolve().parents[3] / "resources" / "sample-products.csv"


def sample_products(path: Path = SAMPLE_PRODUCTS) -> list[tuple[str, str, str]]:
    """(sku, name, barcode) of the sample catalogue, so the shop sells what the demo stocks."""
    if not path.exists():  # an installed package without the resources folder
        return [(f"SKU-{1000 + i}", f"Sample product {i}", "") for i in range(20)]
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["sku"], row["name"], row.get("barcode") or "") for row in csv.DictReader(handle)
        ]
