"""Text on labels: right-to-left order, fitting, and rasterising what printers cannot draw.

Zebra's resident fonts have no Hebrew or Arabic. Such text is drawn here from a bundled font
(DejaVu Sans, which has Hebrew and Arabic) and sent as a bitmap. Pillow's Raqm layout, where
present, orders and shapes the text itself; otherwise python-bidi gives the visual order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The pure-Python algorithm, not the package's default Rust one: only it mirrors brackets in
# right-to-left runs (rule L4), so "(1.00)" in Hebrew text is not drawn as ")1.00(".
from bidi.algorithm import get_display
from PIL import Image, ImageDraw, ImageFont, features

from .model import Label, Picture

FONTS = Path(__file__).parent / "fonts"
_RAQM = features.check("raqm")
ELLIPSIS = "…"


def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def needs_raster(text: str) -> bool:
    """True when a printer's resident font may lack glyphs (beyond Latin-1) or the text is
    right to left (the printer would lay it out left to right)."""
    return any(ord(ch) > 0xFF for ch in text) or is_rtl(text)


def base_rtl(text: str) -> bool:
    """The paragraph direction by the first strong character (Unicode bidi rules P2-P3):
    "Ship to / משלוח אל" is left to right, "רחוב הרצל 12" right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def visual(text: str) -> str:
    """The characters in the order they are seen, for renderers without bidi (PDF)."""
    return get_display(text) if is_rtl(text) else text


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    engine = ImageFont.Layout.RAQM if _RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=engine)


def _layout(text: str) -> str:
    return text if _RAQM else visual(text)


def _direction(text: str) -> str | None:
    """Raqm lays out in the paragraph's direction; basic layout takes none."""
    if not _RAQM:
        return None
    return "rtl" if base_rtl(text) else "ltr"


@lru_cache(maxsize=512)
def _bbox(text: str, size: int, bold: bool) -> tuple[float, float, float, float]:
    """Laying text out is the costly step (Raqm): measured once for fitting and drawing."""
    return font(size, bold).getbbox(_layout(text), direction=_direction(text))


def text_width(text: str, size: int, bold: bool = False) -> int:
    left, _, right, _ = _bbox(text, size, bold)
    return int(right - min(left, 0))


@dataclass(frozen=True)
class Fitted:
    lines: list[str]
    size: int
    shortened: bool  # something was cut off


def fit(text: str, size: int, max_width: int | None, max_lines: int = 1,
        bold: bool = False) -> Fitted:  # fmt: skip
    """Make ``text`` fit: shrink to 85% at most, then wrap at spaces, then cut with '…'."""
    text = " ".join(text.split())
    if max_width is None or text_width(text, size, bold) <= max_width:
        return Fitted([text], size, False)
    smaller = max(8, int(size * 0.85))
    if text_width(text, smaller, bold) <= max_width:
        return Fitted([text], smaller, False)
    lines: list[str] = []
    words = text.split(" ")
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(line + " " + words[0], smaller, bold) <= max_width:
            line += " " + words.pop(0)
        lines.append(line)
    shortened = bool(words)
    last = lines[-1] + (" " + " ".join(words) if words else "")
    if shortened or text_width(last, smaller, bold) > max_width:
        while last and text_width(last + ELLIPSIS, smaller, bold) > max_width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
        shortened = True
    return Fitted(lines, smaller, shortened)


def rasterise(text: str, size: int, bold: bool = False) -> Image.Image:
    """A 1-bit image of one line of text, ``size`` pixels tall, in reading order."""
    f = font(size, bold)
    shown, direction = _layout(text), _direction(text)
    left, _top, right, bottom = _bbox(text, size, bold)
    width = max(1, int(right - min(left, 0)) + 2)
    height = max(size, int(bottom)) + 2
    image = Image.new("1", (width, height), 1)
    ImageDraw.Draw(image).text((-min(left, 0) + 1, 1), shown, font=f, fill=0, direction=direction)
    return image


@lru_cache(maxsize=8)
def picture(path: str, width: int, height: int) -> Image.Image:
    """A logo as a 1-bit image that fits in width x height (dithered, as thermal heads print).

    Raises OSError or ValueError when the file is missing or not an image."""
    with Image.open(path) as source:
        image = source.convert("RGBA")
    background = Image.new("RGBA", image.size, (255, 255, 255, 255))
    image = Image.alpha_composite(background, image).convert("L")
    image.thumbnail((max(1, width), max(1, height)))
    return image.convert("1")


def load_picture(p: Picture, label: Label) -> Image.Image | None:
    """The picture of ``p`` for ``label``, or None (with a warning) when it cannot be read:
    a label without its logo still ships."""
    try:
        return picture(p.path, p.width, p.height)
    except (OSError, ValueError):
        label.warnings.append(f"the logo {p.path} cannot be read: printed without it")
        return None
