"""The labels and documents the station prints, laid out on the label model.

Each builder takes plain data and returns a :class:`Label` for any renderer. A missing field
prints as a dash and adds a warning for the packer; long text shrinks, wraps or is cut with
'…' (the renderers add that warning), so a label always prints readably.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import gtin
from ..scanning.interpret import Command
from .model import SIZES, Align, Barcode, Box, Label, LabelSize, Symbology, Text

A4 = LabelSize("a4", 210.0, 297.0)
LETTER = LabelSize("letter", 215.9, 279.4)
DASH = "—"


@dataclass(frozen=True)
class Address:
    name: str = ""
    company: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Shipment:
    order_number: str
    ship_from: Address
    ship_to: Address
    sscc: str
    carrier: str = ""
    service: str = ""
    package: int = 1
    packages: int = 1
    weight_g: float | None = None
    tracking: str = ""


@dataclass(frozen=True)
class SlipLine:
    sku: str
    name: str
    quantity: int


@dataclass(frozen=True)
class PackingSlip:
    store_name: str
    order_number: str
    ship_to: Address
    lines: list[SlipLine] = field(default_factory=list)
    note: str = ""
    #: What the slip's barcode carries after ``ORD:``: the order's unambiguous reference
    #: (``ID-<order id>``), or the number when no reference is given.
    code: str = ""


@dataclass(frozen=True)
class PickRow:
    location: str
    sku: str
    name: str
    quantity: int
    slot: str  # tote slot on the cart


def pick_list(batch: str, rows: list[PickRow], page: LabelSize = A4) -> Label:
    """A paper pick list for a batch, in walking order, with the tote slot of every line and
    the batch barcode: the fallback when a cart's tablet is down."""
    doc = Label.of_size(page, 72)
    margin = 40
    width = doc.width - 2 * margin
    doc.add(Text(margin, 36, f"Pick list — batch {batch}", 20, width // 2 + 60, bold=True))
    doc.add(Barcode(doc.width - margin - 200, 30, batch, Symbology.CODE128, 40, 1))
    y = 100
    columns = ((0, "#", 30), (34, "Location", 90), (130, "SKU", 100), (236, "Item", 0),
               (width - 90, "Qty", 40), (width - 44, "Tote", 44))  # fmt: skip
    for dx, title, w in columns:
        doc.add(Text(margin + dx, y, title, 11, w or width - 90 - 236 - 8, bold=True))
    y += 18
    doc.add(Box(margin, y, width, 1, 1))
    y += 6
    for n, row in enumerate(rows, 1):
        if y > doc.height - 50:
            doc.warnings.append("the pick list continues beyond one page: lines left off")
            doc.add(Text(margin, y, f"… {len(rows) - n + 1} more lines", 11, width))
            break
        values = (str(n), row.location, row.sku, row.name, str(row.quantity), row.slot)
        for (dx, _title, w), value in zip(columns, values, strict=True):
            doc.add(Text(margin + dx, y, value, 11, w or width - 90 - 236 - 8))
        y += 18
    return doc


def build_sscc(extension: int, company_prefix: str, serial: int) -> str:
    """SSCC-18: extension digit, GS1 company prefix and serial reference (17 digits together),
    then the check digit."""
    if not 0 <= extension <= 9:
        raise ValueError("the SSCC extension digit is 0 to 9")
    if not (company_prefix.isdigit() and 6 <= len(company_prefix) <= 12):
        raise ValueError("a GS1 company prefix is 6 to 12 digits")
    room = 16 - len(company_prefix)
    if not 0 <= serial < 10**room:
        raise ValueError(f"the serial reference does not fit in {room} digits")
    body = f"{extension}{company_prefix}{serial:0{room}d}"
    return body + str(gtin.gs1_check_digit(body))


def _field(label: Label, value: str, what: str) -> str:
    if value.strip():
        return value.strip()
    label.warnings.append(f"{what} is missing on the label")
    return DASH


def shipping_label(s: Shipment, size: str = "4x6", dpi: int = 203) -> Label:
    """Ship-from, ship-to, order, carrier, package n of m, weight, tracking barcode when a
    carrier gives one, and the SSCC in GS1-128 ``(00)``."""
    label = Label.of_size(SIZES[size], dpi)
    d = label.dots
    margin, width = d(4), label.width - 2 * d(4)
    y = d(3)
    sender = ", ".join(p for p in (s.ship_from.company or s.ship_from.name, s.ship_from.line1,
                                   s.ship_from.city) if p)  # fmt: skip
    label.add(Text(margin, y, f"From: {sender}" if sender else "From: —", d(3), width))
    y += d(6)
    label.add(Box(margin, y, width, d(0.5), d(0.5)))
    y += d(2)
    to = s.ship_to
    name = _field(label, to.name or to.company, "the recipient's name")
    label.add(Text(margin, y, name, d(6), width, bold=True))
    y += d(8)
    if to.company and to.name:
        label.add(Text(margin, y, to.company, d(4.5), width))
        y += d(6)
    street = _field(label, " ".join(p for p in (to.line1, to.line2) if p), "the street")
    label.add(Text(margin, y, street, d(5), width, max_lines=2))
    y += d(13)
    city = _field(label, " ".join(p for p in (to.city, to.postcode) if p), "the city")
    label.add(Text(margin, y, city, d(5), width))
    y += d(7)
    if to.country:
        label.add(Text(margin, y, to.country, d(4), width))
    y += d(6)
    label.add(Box(margin, y, width, d(0.5), d(0.5)))
    y += d(2)
    weight = f"{s.weight_g / 1000:.2f} kg" if s.weight_g else DASH
    carrier = " ".join(p for p in (s.carrier, s.service) if p) or DASH
    # packages 0: more boxes follow and their number is not known yet.
    of = f" of {s.packages}" if s.packages > 0 else ""
    label.add(
        Text(margin, y, f"Order {s.order_number}", d(4.5), width // 2, bold=True),
        Text(margin + width // 2, y, f"Package {s.package}{of}", d(4.5), width // 2),
    )
    y += d(7)
    label.add(
        Text(margin, y, f"Carrier: {carrier}", d(4), width // 2),
        Text(margin + width // 2, y, f"Weight: {weight}", d(4), width // 2),
    )
    y += d(8)
    if s.tracking:
        label.add(Barcode(margin, y, s.tracking, Symbology.CODE128, d(15), 2))
        y += d(23)
    label.add(Box(margin, y, width, d(0.5), d(0.5)))
    y += d(3)
    label.add(Text(margin, y, "SSCC", d(3.5), width))
    y += d(5)
    module = 3 if dpi < 300 else 4
    label.add(Barcode(margin, y, "00" + s.sscc, Symbology.GS1_128, d(25), module))
    return label


def packing_slip(slip: PackingSlip, page: LabelSize = A4) -> Label:
    """An A4 (or Letter) page at 72 dots an inch: store, order, lines, and a barcode of the
    order that the packing screen accepts: ``ORD:ID-<order id>`` (one order whatever its
    store), or ``ORD:<number>`` for a slip made without the id."""
    doc = Label.of_size(page, 72)
    margin = 40
    width = doc.width - 2 * margin
    doc.add(Text(margin, 36, slip.store_name, 22, width // 2, bold=True))
    code = f"ORD:{slip.code or slip.order_number}"
    doc.add(Barcode(doc.width - margin - 220, 30, code, Symbology.CODE128, 40, 1))
    doc.add(Text(margin, 80, f"Packing slip — order {slip.order_number}", 16, width))
    y = 120
    to = slip.ship_to
    for part in (to.name, to.company, to.line1, to.line2, f"{to.city} {to.postcode}".strip(),
                 to.country):  # fmt: skip
        if part:
            doc.add(Text(margin, y, part, 12, width // 2))
            y += 16
    y = max(y, 200) + 10
    doc.add(Box(margin, y, width, 1, 1))
    y += 8
    doc.add(Text(margin, y, "SKU", 11, 120, bold=True), Text(margin + 130, y, "Item", 11, 300,
            bold=True), Text(margin + width - 60, y, "Qty", 11, 60, bold=True))  # fmt: skip
    y += 20
    for line in slip.lines:
        if y > doc.height - 80:
            doc.warnings.append("more lines than fit on one page: the rest are left off")
            doc.add(Text(margin, y, "… more lines on the order", 11, width))
            break
        doc.add(
            Text(margin, y, line.sku, 11, 120),
            Text(margin + 130, y, line.name, 11, width - 200),
            Text(margin + width - 60, y, str(line.quantity), 11, 60),
        )
        y += 18
    if slip.note:
        doc.add(Text(margin, doc.height - 60, slip.note, 10, width, max_lines=2))
    return doc


def code_label(code: str, title: str, size: str = "2x1", dpi: int = 203) -> Label:
    """A small label with a title and a Code 128 of ``code``: totes, locations, badges."""
    label = Label.of_size(SIZES[size], dpi)
    d = label.dots
    label.add(Text(d(2), d(1.5), title, d(3.5), label.width - d(4), align=Align.CENTER))
    label.add(Barcode(d(3), d(6.5), code, Symbology.CODE128, d(11), 2))
    return label


def command_sheet(prefix: str = "CMD:") -> Label:
    """An A4 page of command barcodes, so every screen can be worked by scanner alone."""
    doc = Label.of_size(A4, 72)
    doc.add(Text(40, 30, "Scanner commands", 20, doc.width - 80, bold=True))
    y = 80
    for i, command in enumerate(Command):
        x = 40 if i % 2 == 0 else doc.width // 2 + 10
        doc.add(Text(x, y, command.value.upper(), 14, 240, bold=True))
        doc.add(Barcode(x, y + 22, f"{prefix}{command.value.upper()}", Symbology.CODE128, 50, 1))
        if i % 2:
            y += 130
    return doc
