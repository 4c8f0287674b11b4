"""One label model for every renderer (ZPL, PDF, PNG preview).

Positions and sizes are in printer dots at the label's resolution (203 or 300 dpi; 8 or 12
dots a millimetre), measured from the top-left corner, as ZPL's ``^FO`` counts them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class LabelSize:
    name: str
    width_mm: float
    height_mm: float

    def dots(self, dpi: int) -> tuple[int, int]:
        return (round(self.width_mm / MM_PER_INCH * dpi), round(self.height_mm / MM_PER_INCH * dpi))


SIZES = {
    "4x6": LabelSize("4x6", 101.6, 152.4),
    "4x4": LabelSize("4x4", 101.6, 101.6),
    "2x1": LabelSize("2x1", 50.8, 25.4),
    "a6": LabelSize("a6", 105.0, 148.0),
}


class Symbology(enum.StrEnum):
    CODE128 = "code128"
    GS1_128 = "gs1-128"  # data: a GS1 element string with GS (ASCII 29) after variable fields
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1-datamatrix"
    QR = "qr"


class Align(enum.StrEnum):
    START = "start"  # left for left-to-right text, right for right-to-left
    CENTER = "center"


@dataclass(frozen=True)
class Text:
    """A line of text, ``height`` dots tall. Wider than ``max_width`` it is shrunk a little,
    then wrapped onto at most ``max_lines`` lines, then cut with an ellipsis."""

    x: int
    y: int
    text: str
    height: int = 30
    max_width: int | None = None
    max_lines: int = 1
    bold: bool = False
    align: Align = Align.START


@dataclass(frozen=True)
class Barcode:
    x: int
    y: int
    data: str
    symbology: Symbology = Symbology.CODE128
    height: int = 100  # bar height in dots (linear codes)
    module: int = 3  # narrow bar or module width in dots
    human_readable: bool = True


@dataclass(frozen=True)
class Box:
    """A rectangle outline (or a line when one side is as thin as ``thickness``)."""

    x: int
    y: int
    width: int
    height: int
    thickness: int = 3


@dataclass(frozen=True)
class Picture:
    """An image (a logo) scaled to fit ``width`` x ``height`` dots, keeping its proportions."""

    x: int
    y: int
    path: str
    width: int
    height: int


Element = Text | Barcode | Box | Picture


@dataclass
class Label:
    width: int  # dots
    height: int  # dots
    dpi: int = 203
    elements: list[Element] = field(default_factory=list)
    #: Things the packer should know about this label: a field cut short, a missing field.
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of_size(cls, size: str | LabelSize, dpi: int = 203) -> Label:
        spec = SIZES[size] if isinstance(size, str) else size
        width, height = spec.dots(dpi)
        return cls(width, height, dpi)

    def add(self, *elements: Element) -> Label:
        self.elements.extend(elements)
        return self

    def dots(self, mm: float) -> int:
        """Millimetres to dots at this label's resolution."""
        return round(mm / MM_PER_INCH * self.dpi)
