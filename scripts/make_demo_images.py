"""Draws the demo catalogue's product pictures (resources/demo-images/<sku>.png): a small tile
in a colour of its own with the SKU's number, so that the pack screen shows product images in
the demo as it does for a catalogue with photos. The files are committed (the demo's first
start draws nothing); rerun after adding products to resources/sample-products.csv.

    python scripts/make_demo_images.py
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
OUT = RESOURCES / "demo-images"
SIZE = 96


def main() -> None:
    OUT.mkdir(exist_ok=True)
    font = ImageFont.load_default(size=24)
    with (RESOURCES / "sample-products.csv").open(encoding="utf-8", newline="") as handle:
        skus = [row["sku"] for row in csv.DictReader(handle)]
    for sku in skus:
        digest = hashlib.sha256(sku.encode("utf-8")).digest()
        colour = (48 + digest[0] % 144, 48 + digest[1] % 144, 48 + digest[2] % 144)
        image = Image.new("P", (SIZE, SIZE), colour)
        draw = ImageDraw.Draw(image)
        draw.rectangle((5, 5, SIZE - 6, SIZE - 6), outline=(255, 255, 255), width=3)
        draw.text((SIZE // 2, SIZE // 2), sku.split("-")[-1], fill=(255, 255, 255), font=font,
                  anchor="mm")  # fmt: skip
        image.save(OUT / f"{sku}.png", "PNG", optimize=True)
    print(f"{len(skus)} images in {OUT}")


if __name__ == "__main__":
    main()
