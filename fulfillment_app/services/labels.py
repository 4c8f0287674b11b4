"""Labels and documents for real orders: SSCCs that never repeat, rendering, printing."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..config import LabelSettings
from ..db import Database
from ..db.models import Counter
from ..errors import ConfigError, InvalidInput
from ..labels.documents import (
    A4,
    LETTER,
    Address,
    PackingSlip,
    Shipment,
    SlipLine,
    build_sscc,
    packing_slip,
    shipping_label,
)
from ..labels.model import Label, Picture
from ..labels.samples import SHIP_TO as SAMPLE_SHIP_TO
from .orders import find_order, is_order_ref, order_ref
from .permissions import Actor, Permission
from .printing import PrintOutcome, PrintQueue

SSCC_COUNTER = "sscc"
ORDER_KINDS = ("shipping", "packing-slip")


def renderer(fmt: str) -> Callable[[Label], bytes]:
    """The renderer for ``fmt`` (zpl, png, pdf), imported on first use: Pillow and
    reportlab are not loaded before a station prints (the desktop starts without them)."""
    if fmt == "zpl":
        from ..labels.zpl import render_zpl

        return render_zpl
    if fmt == "png":
        from ..labels.png import render_png

        return render_png
    if fmt == "pdf":
        from ..labels.pdf import render_pdf

        return render_pdf
    raise InvalidInput(f"Labels are rendered as zpl, png or pdf, not {fmt}.")


@dataclass(frozen=True)
class Rendered:
    data: bytes
    warnings: list[str]
    sscc: str | None = None


def address_from(data: dict[str, Any]) -> Address:
    """An address as stores send it (Shopify and WooCommerce spellings both understood)."""

    def pick(*keys: str) -> str:
        for key in keys:
            value = data.get(key)
            if value:
                return str(value).strip()
        return ""

    first_last = " ".join(p for p in (pick("first_name"), pick("last_name")) if p)
    return Address(
        name=pick("name") or first_last,
        company=pick("company"),
        line1=pick("line1", "address1", "address_1"),
        line2=pick("line2", "address2", "address_2"),
        city=pick("city"),
        postcode=pick("postcode", "zip"),
        country=pick("country", "countryCodeV2", "country_code"),
        phone=pick("phone"),
    )


def shipping_document(
    s: LabelSettings,
    order: dict[str, Any],
    *,
    sscc: str,
    package: int = 1,
    packages: int = 1,
    weight_g: float | None = None,
    carrier: str = "",
    tracking: str = "",
) -> Label:
    """The shipping label of ``order`` (plain data, as :meth:`LabelService._order` gives it)
    as the label settings ``s`` lay it out."""
    ship_to = address_from(order["ship_to"])
    if not s.show_phone:
        ship_to = Address(**{**ship_to.__dict__, "phone": ""})
    label = shipping_label(
        Shipment(
            order_number=order["number"],
            ship_from=Address(
                company=s.company_name,
                line1=s.street,
                city=s.city,
                postcode=s.postcode,
                country=s.country,
            ),
            ship_to=ship_to,
            sscc=sscc,
            carrier=carrier or order["carrier"] or "",
            service=order["service"] or "",
            package=package,
            packages=packages,
            weight_g=weight_g if s.show_weight else None,
            tracking=tracking,
        ),
        size=s.shipping_size,
        dpi=s.dpi,
    )
    if s.logo and s.logo_on_shipping_label:
        label.add(
            Picture(
                label.width - label.dots(30),
                label.dots(2),
                s.logo,
                label.dots(26),
                label.dots(10),
            )
        )
    return label


def slip_document(s: LabelSettings, order: dict[str, Any]) -> Label:
    """The packing slip of ``order`` as the label settings ``s`` lay it out."""
    doc = packing_slip(
        PackingSlip(
            store_name=s.company_name,
            order_number=order["number"],
            ship_to=address_from(order["ship_to"]),
            lines=[SlipLine(sku, name, qty) for sku, name, qty in order["lines"]],
            code=order_ref(order["id"]),
        ),
        page=LETTER if s.page == "letter" else A4,
    )
    if s.logo:
        doc.add(Picture(doc.width - 40 - 120, 80, s.logo, 120, 60))
    return doc


class LabelService:
    def __init__(self, db: Database, settings: LabelSettings, printing: PrintQueue):
        self._db = db
        self.settings = settings
        self._printing = printing

    # -- SSCC --------------------------------------------------------------------------------

    def next_sscc(self) -> str:
        """A new SSCC-18 from the configured company prefix; the serial never repeats, across
        stations too (the counter row is locked while it is taken)."""
        prefix = self.settings.company_prefix
        if not prefix:
            raise ConfigError(
                "Set labels.company_prefix (your GS1 company prefix) in the settings to print "
                "shipping labels with an SSCC."
            )
        for _ in range(3):
            try:
                with self._db.session() as session:
                    serial = self._take(session)
                return build_sscc(self.settings.sscc_extension, prefix, serial)
            except IntegrityError:  # two stations created the counter at once: take again
                continue
            except ValueError as exc:
                raise ConfigError(f"Cannot make an SSCC: {exc}.") from None
        raise ConfigError("Cannot take an SSCC serial; try again.")

    @staticmethod
    def _take(session: Session) -> int:
        counter = session.scalars(
            select(Counter).where(Counter.name == SSCC_COUNTER).with_for_update()
        ).one_or_none()
        if counter is None:
            counter = Counter(name=SSCC_COUNTER, value=0)
            session.add(counter)
        counter.value += 1
        session.flush()
        return counter.value

    # -- documents for orders ------------------------------------------------------------------

    def shipping_label(
        self,
        actor: Actor,
        order_number: str,
        *,
        package: int = 1,
        packages: int = 1,
        weight_g: float | None = None,
        carrier: str = "",
        tracking: str = "",
        sscc: str | None = None,
    ) -> tuple[Label, str]:
        actor.require(Permission.PACK)
        order = self._order(order_number)
        sscc = sscc or self.next_sscc()
        label = shipping_document(
            self.settings,
            order,
            package=package,
            packages=packages,
            weight_g=weight_g,
            carrier=carrier,
            tracking=tracking,
            sscc=sscc,
        )
        return label, sscc

    def packing_slip(self, actor: Actor, order_number: str) -> Label:
        actor.require(Permission.PACK)
        return slip_document(self.settings, self._order(order_number))

    def preview(self, actor: Actor, settings: LabelSettings, kind: str, height_px: int) -> bytes:
        """A sample order's shipping label or packing slip as a PNG ``height_px`` high, as
        ``settings`` (not yet saved) would print it: the settings screen's preview."""
        actor.require(Permission.CONFIGURE)
        order = {
            "id": 1001,
            "number": "#1001",
            "ship_to": {**SAMPLE_SHIP_TO.__dict__, "company": ""},
            "carrier": "Israel Post",
            "service": "Express",
            "lines": [("SKU-1000", "Ceramic mug 350 ml", 2), ("SKU-1014", "Board game", 1)],
        }
        if kind == "shipping":
            label = shipping_document(
                settings, order, weight_g=1250, sscc=build_sscc(0, "7290012345", 1)
            )
        elif kind == "packing-slip":
            label = slip_document(settings, order)
        else:
            raise InvalidInput(f"Previews are of {', '.join(ORDER_KINDS)}, not {kind}.")
        from PIL import Image  # Pillow loads when a preview is wanted

        from ..labels.png import render_image

        image = render_image(label)
        if image.height > height_px:  # grey levels keep small print readable on a screen
            width = max(1, round(image.width * height_px / image.height))
            image = image.convert("L").resize((width, height_px), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    def render(
        self, actor: Actor, kind: str, order_number: str, fmt: str, **shipping: Any
    ) -> Rendered:
        """``shipping`` passes package details (sscc, package, weight_g, tracking) through."""
        if kind == "shipping":
            label, sscc = self.shipping_label(actor, order_number, **shipping)
        elif kind == "packing-slip":
            label, sscc = self.packing_slip(actor, order_number), None
            if fmt == "zpl":
                raise InvalidInput("A packing slip is a page for a document printer: use PDF.")
        else:
            raise InvalidInput(f"Labels for orders are {', '.join(ORDER_KINDS)}, not {kind}.")
        data = renderer(fmt)(label)
        return Rendered(data, label.warnings, sscc)

    def print(
        self,
        actor: Actor,
        kind: str,
        order_number: str,
        printer: str | None = None,
        **shipping: Any,
    ) -> tuple[PrintOutcome, Rendered]:
        """Render for the printer's language (ZPL for labels, PDF for documents) and queue."""
        fmt = "zpl" if kind == "shipping" else "pdf"
        name = printer or (
            self.settings.label_printer if kind == "shipping" else self.settings.document_printer
        )
        if not name:
            which = "label_printer" if kind == "shipping" else "document_printer"
            raise ConfigError(f"No printer given: pass --printer or set labels.{which}.")
        rendered = self.render(actor, kind, order_number, fmt, **shipping)
        # The print queue shows the number people read, also for an order named by its id.
        shown = self._order(order_number)["number"] if is_order_ref(order_number) else order_number
        outcome = self._printing.submit(name, rendered.data, f"{kind} for order {shown}")
        return outcome, rendered

    def _order(self, number: str) -> dict[str, Any]:
        """The order as plain data (sessions never leave this method)."""
        with self._db.session() as session:
            order = find_order(session, number)
            return {
                "id": order.id,
                "number": order.number,
                "ship_to": dict(order.ship_to or {}),
                "carrier": order.carrier,
                "service": order.service,
                "lines": [(line.sku, line.name, line.quantity) for line in order.lines],
            }
