"""The end-of-day manifest: a carrier's shipments handed to its driver, on A4 pages.

Each shipment is a row with its tracking number as a Code 128 barcode (the driver scans it),
our reference, the recipient (Hebrew right to left), the city, the parcels and the cash to
collect; the last page has the totals and room for the driver's signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .documents import A4
from .model import Barcode, Box, Label, Symbology, Text

MARGIN = 40
ROW = 58  # points a shipment takes
TOP = 130  # where the rows start, below the heading
BOTTOM = 90  # room for the page number (and the signature on the last page)


@dataclass(frozen=True)
class ManifestLine:
    tracking_number: str
    reference: str
    recipient: str
    city: str
    parcels: int = 1
    weight_g: float | None = None
    cod: Decimal | None = None
    currency: str = "ILS"
    pickup_point: str = ""


@dataclass(frozen=True)
class ManifestDoc:
    carrier: str
    number: int
    created_at: datetime
    shipper: str = ""
    lines: list[ManifestLine] = field(default_factory=list)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def _kg(weight_g: float | None) -> str:
    return f"{weight_g / 1000:.2f} kg" if weight_g else ""


def manifest_pages(doc: ManifestDoc) -> list[Label]:
    """The manifest as A4 pages at 72 dots an inch (one :class:`Label` a page)."""
    per_page = max(1, (round(A4.height_mm / 25.4 * 72) - TOP - BOTTOM) // ROW)
    chunks = [doc.lines[i : i + per_page] for i in range(0, len(doc.lines), per_page)] or [[]]
    pages = []
    for index, chunk in enumerate(chunks):
        page = Label.of_size(A4, 72)
        width = page.width - 2 * MARGIN
        _heading(page, doc, width)
        y = TOP
        for line in chunk:
            _row(page, line, y, width)
            y += ROW
        if index == len(chunks) - 1:
            _totals(page, doc, y + 10, width)
        page.add(
            Text(MARGIN, page.height - 40, f"Page {index + 1} of {len(chunks)}", 9, width // 2)
        )
        pages.append(page)
    return pages


def _heading(page: Label, doc: ManifestDoc, width: int) -> None:
    title = f"Manifest {doc.number} — {doc.carrier}"
    page.add(Text(MARGIN, 30, title, 20, width - 230, bold=True))
    page.add(Barcode(page.width - MARGIN - 200, 26, f"MAN:{doc.number}", Symbology.CODE128, 30,
                     1, human_readable=False))  # fmt: skip
    stamp = doc.created_at.strftime("%d/%m/%Y %H:%M")
    page.add(Text(MARGIN, 62, f"{stamp}  ·  {doc.shipper}".strip(" ·"), 11, width))
    y = TOP - 26
    page.add(Text(MARGIN, y, "Tracking number", 10, 240, bold=True))
    page.add(Text(MARGIN + 250, y, "Reference · recipient · city", 10, width - 350, bold=True))
    page.add(Text(MARGIN + width - 90, y, "COD", 10, 90, bold=True))
    page.add(Box(MARGIN, TOP - 8, width, 1, 1))


def _row(page: Label, line: ManifestLine, y: int, width: int) -> None:
    page.add(Barcode(MARGIN, y, line.tracking_number, Symbology.CODE128, 28, 1))
    text_x = MARGIN + 250
    text_w = width - 250 - 100
    page.add(Text(text_x, y, f"{line.reference}  ·  {line.recipient}", 11, text_w))
    # Numbers and Latin words first, the (often Hebrew) city last: the line reads left to
    # right and a Hebrew city keeps its own order inside it.
    details = [f"{line.parcels} parcel" + ("s" if line.parcels != 1 else "")]
    if line.weight_g:
        details.append(_kg(line.weight_g))
    if line.pickup_point:
        details.append(f"point {line.pickup_point}")
    details.append(line.city)
    page.add(Text(text_x, y + 18, "  ·  ".join(p for p in details if p), 10, text_w))
    if line.cod:
        page.add(Text(MARGIN + width - 90, y, _money(line.cod, line.currency), 11, 90, bold=True))
    page.add(Box(MARGIN, y + ROW - 10, width, 1, 1))


def _totals(page: Label, doc: ManifestDoc, y: int, width: int) -> None:
    parcels = sum(line.parcels for line in doc.lines)
    cod: dict[str, Decimal] = {}
    for line in doc.lines:
        if line.cod:
            cod[line.currency] = cod.get(line.currency, Decimal(0)) + line.cod
    summary = f"{len(doc.lines)} shipments, {parcels} parcels"
    if cod:
        summary += "; cash to collect " + ", ".join(_money(v, k) for k, v in sorted(cod.items()))
    page.add(Text(MARGIN, y, summary, 12, width, bold=True))
    page.add(Text(MARGIN, y + 30, "Driver's name and signature: ______________________", 11, width))
