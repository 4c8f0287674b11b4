"""Built-in sample data for ``fulfillment labels sample``: a Hebrew ship-to address with digits
and a Latin company name, the way to check a template or a printer."""

from __future__ import annotations

from .documents import (
    Address,
    PackingSlip,
    PickRow,
    Shipment,
    SlipLine,
    build_sscc,
    code_label,
    command_sheet,
    packing_slip,
    pick_list,
    shipping_label,
)
from .model import Label

SHIP_FROM = Address(company="Acme Trading Ltd.", line1="HaMelacha 5", city="Netanya")
SHIP_TO = Address(
    name="דנה כהן",
    company="Acme Trading Ltd.",
    line1="רחוב הרצל 12",
    line2="דירה 4, קומה 2",
    city="תל אביב-יפו",
    postcode="6109101",
    country="ישראל",
    phone="+972-52-555-0101",
)
KINDS = ("shipping", "packing-slip", "pick-list", "tote", "location", "badge", "command-sheet")


def sample(kind: str, dpi: int = 203) -> Label:
    if kind == "shipping":
        return shipping_label(
            Shipment(order_number="#1001", ship_from=SHIP_FROM, ship_to=SHIP_TO,
                     sscc=build_sscc(0, "7290012345", 1), carrier="Israel Post",
                     service="Express", package=1, packages=2, weight_g=1250,
                     tracking="RR123456785IL"),
            dpi=dpi,
        )  # fmt: skip
    if kind == "packing-slip":
        return packing_slip(
            PackingSlip(
                store_name="Acme Trading Ltd.",
                order_number="1001",
                ship_to=SHIP_TO,
                lines=[
                    SlipLine("SKU-1000", 'ספל קרמיקה 350 מ"ל', 2),
                    SlipLine("SKU-1001", "סבון שמן זית / Olive oil soap", 1),
                    SlipLine("SKU-1014", "Board game", 1),
                ],
                note="תודה שקניתם אצלנו! Thank you for your order.",
            )
        )
    if kind == "pick-list":
        return pick_list("BATCH-0007", [
            PickRow("A-01-01-1", "SKU-1000", 'ספל קרמיקה 350 מ"ל', 2, "1"),
            PickRow("A-01-03-2", "SKU-1001", "סבון שמן זית / Olive oil soap", 1, "3"),
            PickRow("A-02-05-1", "SKU-1006", "Hand cream 75 ml", 4, "2"),
            PickRow("B-06-02-3", "SKU-1014", "Board game", 1, "1"),
        ])  # fmt: skip
    if kind == "tote":
        return code_label("TOTE-0042", "Tote 42", dpi=dpi)
    if kind == "location":
        return code_label("A-03-12-2", "A-03-12-2", dpi=dpi)
    if kind == "badge":
        return code_label("BADGE-1003", "נועה / Noa", dpi=dpi)
    if kind == "command-sheet":
        return command_sheet()
    raise ValueError(f"unknown label kind {kind!r}: use one of {', '.join(KINDS)}")
