"""Barcode geometry for the renderers that draw bars themselves (PDF, PNG).

Code 128 and GS1-128 bars come from python-barcode (which places FNC1 and picks subsets),
QR modules from segno. ZPL printers draw their own barcodes from the data (``zpl.py``).
"""

from __future__ import annotations

import segno
from barcode.codex import Code128, Gs1_128

from ..scanning.gs1 import GS1Error, parse_element_strings
from .model import Barcode, Symbology

GS = "\x1d"


class LabelError(ValueError):
    """A label cannot be drawn as asked; the message says why."""


def linear_modules(b: Barcode) -> str:
    """'1' for a bar module and '0' for a space, quiet zones excluded."""
    if b.symbology is Symbology.CODE128:
        return str(Code128(b.data).build()[0])
    if b.symbology is Symbology.GS1_128:
        return str(Gs1_128(b.data.replace(GS, Gs1_128.FNC1_CHAR)).build()[0])
    raise LabelError(f"{b.symbology} is not a linear barcode")


def matrix_modules(b: Barcode) -> list[list[bool]]:
    """Rows of dark (True) and light modules of a 2D code."""
    if b.symbology is Symbology.QR:
        qr = segno.make(b.data, error="q", micro=False)
        return [[bool(v) for v in row] for row in qr.matrix]
    raise LabelError(
        f"{b.symbology} labels print on ZPL printers only; use QR or GS1-128 for PDF and PNG"
    )


def human_readable(b: Barcode) -> str:
    """The text printed under a linear barcode: GS1 data with its AIs in brackets."""
    if b.symbology is Symbology.GS1_128:
        try:
            return "".join(f"({ai}){value}" for ai, value in parse_element_strings(b.data).items())
        except GS1Error:
            return b.data.replace(GS, " ")
    return b.data


def is_linear(b: Barcode) -> bool:
    return b.symbology in (Symbology.CODE128, Symbology.GS1_128)
