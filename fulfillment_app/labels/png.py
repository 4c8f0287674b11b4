"""A PNG preview of a label, drawn dot for dot as the printer would print it."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from . import text as textmod
from .barcodes import human_readable, is_linear, linear_modules, matrix_modules
from .model import Align, Barcode, Box, Label, Picture, Text

HRI_RATIO = 0.22  # human-readable text height against the bar height


def render_image(label: Label) -> Image.Image:
    image = Image.new("1", (label.width, label.height), 1)
    draw = ImageDraw.Draw(image)
    for element in label.elements:
        if isinstance(element, Text):
            _text(image, element, label)
        elif isinstance(element, Barcode):
            _barcode(image, draw, element)
        elif isinstance(element, Picture):
            logo = textmod.load_picture(element, label)
            if logo is not None:
                image.paste(logo, (element.x, element.y))
        elif isinstance(element, Box):
            _box(draw, element)
    return image


def render_png(label: Label) -> bytes:
    buffer = io.BytesIO()
    render_image(label).save(buffer, format="PNG", dpi=(label.dpi, label.dpi))
    return buffer.getvalue()


def _text(image: Image.Image, t: Text, label: Label) -> None:
    fitted = textmod.fit(t.text, t.height, t.max_width, t.max_lines, t.bold)
    if fitted.shortened:
        label.warnings.append(f"shortened to fit the label: {t.text[:60]}")
    for i, line in enumerate(fitted.lines):
        picture = textmod.rasterise(line, fitted.size, t.bold)
        x = t.x
        if t.max_width is not None:
            if t.align is Align.CENTER:
                x = t.x + max(0, (t.max_width - picture.width) // 2)
            elif textmod.base_rtl(line):
                x = t.x + max(0, t.max_width - picture.width)
        image.paste(picture, (x, t.y + i * int(fitted.size * 1.2)))


def _barcode(image: Image.Image, draw: ImageDraw.ImageDraw, b: Barcode) -> None:
    if is_linear(b):
        modules = linear_modules(b)
        for i, bit in enumerate(modules):
            if bit == "1":
                left = b.x + i * b.module
                draw.rectangle([left, b.y, left + b.module - 1, b.y + b.height - 1], fill=0)
        if b.human_readable:
            size = max(12, int(b.height * HRI_RATIO))
            caption = textmod.rasterise(human_readable(b), size)
            width = len(modules) * b.module
            image.paste(caption, (b.x + max(0, (width - caption.width) // 2), b.y + b.height + 4))
        return
    scale = max(1, b.module + 1)
    for r, row in enumerate(matrix_modules(b)):
        for c, dark in enumerate(row):
            if dark:
                x, y = b.x + c * scale, b.y + r * scale
                draw.rectangle([x, y, x + scale - 1, y + scale - 1], fill=0)


def _box(draw: ImageDraw.ImageDraw, box: Box) -> None:
    t = min(box.thickness, box.width, box.height)
    x2, y2 = box.x + box.width - 1, box.y + box.height - 1
    for rect in ((box.x, box.y, x2, box.y + t - 1), (box.x, y2 - t + 1, x2, y2),
                 (box.x, box.y, box.x + t - 1, y2), (x2 - t + 1, box.y, x2, y2)):  # fmt: skip
        draw.rectangle(rect, fill=0)
