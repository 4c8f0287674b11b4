"""Products missing data (no weight, no barcode or no home location), and the admins'
edits that complete them one field at a time.

Each edit is checked on its own and refused with one sentence saying what is wrong (a GTIN's
check digit, a number that must be above 0, a location that does not exist, a barcode of
another product), written in one transaction with its audit entry, and answered with the
product as it now is: a product with nothing missing leaves the list.

A product's barcodes are typed as one text: codes separated by commas, each followed by
``×N`` (or ``*N``, `` x N``) when one scan of it stands for N pieces, e.g.
``7290000000017, 17290000000014 ×6`` for the item and its case of six.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import gtin
from ..db import Database
from ..db.guards import column_length
from ..db.models import Location, Product, ProductBarcode, Stock
from ..errors import InvalidInput, NotFound
from ..text import MAX_WEIGHT_G, parse_number
from . import audit
from .permissions import Actor, Permission

#: The fields of a product the missing-data screen edits.
FIELDS = ("weight_g", "length_mm", "width_mm", "height_mm", "location", "barcodes")
MAX_DIMENSION_MM = 100_000.0
MAX_PACK = 10_000
#: Rows the list shows at most (the worst first: placeholders from store sync).
LIST_LIMIT = 1_000

_CODE_LEN = column_length(ProductBarcode.code) or 100
_ITEM = re.compile(r"(?P<code>[^\s,;×*]+)(?:(?:\s*[×*]\s*|\s+[xX]\s*)(?P<qty>[0-9]+))?")
_DIMENSION_NAMES = {"length_mm": "length", "width_mm": "width", "height_mm": "height"}


@dataclass(frozen=True)
class ProductGap:
    """A product as the missing-data list shows it (plain data, safe across threads)."""

    sku: str
    name: str
    weight_g: float | None
    length_mm: float | None
    width_mm: float | None
    height_mm: float | None
    location: str | None
    barcodes: tuple[tuple[str, int], ...]  # (code as stored, pieces per scan)
    placeholder: bool  # created by store sync for an SKU the catalogue did not know

    @property
    def missing(self) -> tuple[str, ...]:
        """What is missing: "weight", "barcode", "location"."""
        gaps = (
            ("weight", self.weight_g is None),
            ("barcode", not self.barcodes),
            ("location", not self.location),
        )
        return tuple(name for name, gap in gaps if gap)

    @property
    def complete(self) -> bool:
        return not self.missing


def format_barcodes(barcodes: tuple[tuple[str, int], ...] | list[tuple[str, int]]) -> str:
    """Barcodes as the edit text shows them: ``CODE, CODE ×6``."""
    return ", ".join(code if qty == 1 else f"{code} ×{qty}" for code, qty in barcodes)


def parse_barcodes(text: str) -> list[tuple[str, int]]:
    """``CODE[ ×N], …`` to ``[(code as stored, N)]``; raises :class:`InvalidInput` with one
    sentence for the first thing wrong. GTIN-shaped codes must carry a valid check digit and
    are stored as 14 digits."""
    result: list[tuple[str, int]] = []
    for raw in re.split(r"[,;\n]", text):
        item = raw.strip()
        if not item:
            continue
        match = _ITEM.fullmatch(item)
        if match is None:
            shown = item if len(item) <= 40 else item[:40] + "…"
            raise InvalidInput(
                f"{shown!r} is not a barcode: write the code, and ×N after it for a pack of N."
            )
        code, qty_text = match["code"], match["qty"]
        if len(code) > _CODE_LEN or not code.isprintable():
            raise InvalidInput(f"A barcode is a printable code of at most {_CODE_LEN} characters.")
        if gtin.is_gtin_shaped(code):
            if not gtin.has_valid_check_digit(code):
                expected = gtin.gs1_check_digit(code[:-1])
                raise InvalidInput(
                    f"Barcode {code} has a wrong check digit: a GTIN with these digits "
                    f"ends in {expected}; check the code on the product."
                )
            code = gtin.normalise_gtin(code)
        qty = 1
        if qty_text is not None:
            qty = int(qty_text) if qty_text.isascii() and len(qty_text) <= 6 else 0
        if not 1 <= qty <= MAX_PACK:
            raise InvalidInput(
                f"The pack quantity of barcode {code} must be a whole number from 1 to "
                f"{MAX_PACK:,}."
            )
        if any(code == seen for seen, _ in result):
            raise InvalidInput(f"Barcode {code} is listed twice.")
        result.append((code, qty))
    if not result:
        raise InvalidInput(
            "Give at least one barcode (the item's own; a case's with ×N for N pieces)."
        )
    return result


def _number(text: str, what: str, unit: str, maximum: float, example: str) -> float:
    try:
        return parse_number(text, what=what, minimum=0, maximum=maximum, positive=True)
    except InvalidInput:
        raise InvalidInput(
            f"The {what} must be a number of {unit} above 0 and at most {maximum:,.0f}, "
            f"like {example}."
        ) from None


class ProductData:
    """Lists the products missing data and saves the admins' edits (Permission
    IMPORT_CATALOGUE, the right to change the catalogue)."""

    def __init__(self, db: Database):
        self._db = db

    def missing(self, actor: Actor) -> list[ProductGap]:
        actor.require(Permission.IMPORT_CATALOGUE)
        no_barcode = ~exists().where(ProductBarcode.product_id == Product.id)
        no_location = ~exists().where(Stock.product_id == Product.id)
        with self._db.session() as session:
            products = list(
                session.scalars(
                    select(Product)
                    .where(or_(Product.weight_g.is_(None), no_barcode, no_location))
                    .order_by(Product.is_placeholder.desc(), Product.sku)
                    .limit(LIST_LIMIT)
                    .options(selectinload(Product.barcodes))
                )
            )
            homes: dict[int, str] = {}
            for product_id, code in session.execute(
                select(Stock.product_id, Location.code)
                .join(Location, Location.id == Stock.location_id)
                .where(Stock.product_id.in_([p.id for p in products]))
                .order_by(Stock.product_id, Stock.quantity.desc(), Location.code)
            ):
                homes.setdefault(product_id, code)
            return [_gap(session, p, homes.get(p.id), looked_up=True) for p in products]

    def edit(self, actor: Actor, sku: str, field: str, text: str) -> ProductGap:
        """Set one ``field`` (of :data:`FIELDS`) of product ``sku`` from the typed ``text``;
        the product as it now is."""
        actor.require(Permission.IMPORT_CATALOGUE)
        if field not in FIELDS:
            raise InvalidInput(f"{field!r} is not a field of a product that can be edited here.")
        text = text.strip()
        with self._db.session() as session:
            product = session.scalar(select(Product).where(Product.sku == sku))
            if product is None:
                raise NotFound(f"There is no product with SKU {sku} any more; refresh the list.")
            before = _gap(session, product)
            old: object
            new: object
            if field == "weight_g":
                old, new = product.weight_g, _number(text, "weight", "grams", MAX_WEIGHT_G, "250")
                product.weight_g = new
            elif field in _DIMENSION_NAMES:
                old = getattr(product, field)
                what = _DIMENSION_NAMES[field]
                new = _number(text, what, "millimetres", MAX_DIMENSION_MM, "120") if text else None
                setattr(product, field, new)
            elif field == "location":
                old, new = before.location, self._set_location(session, product, text)
            else:
                old = format_barcodes(before.barcodes)
                new = format_barcodes(self._set_barcodes(session, product, parse_barcodes(text)))
            session.flush()
            after = _gap(session, product)
            if after.complete and product.is_placeholder:
                product.is_placeholder = False  # completed by hand: no longer a stand-in
                after = _gap(session, product)
            if old != new:
                audit.record(
                    session,
                    actor,
                    "product.edit",
                    target_type="product",
                    target_id=sku,
                    before={field: old},
                    after={field: new},
                )
            return after

    @staticmethod
    def _set_location(session: Session, product: Product, code: str) -> str:
        if not code:
            raise InvalidInput("Give the code of the product's location, like A-01-02-1.")
        location_id = session.scalar(select(Location.id).where(Location.code == code))
        if location_id is None:
            raise InvalidInput(
                f"There is no location {code}: check the code, or import the location first."
            )
        stocked = session.scalar(
            select(Stock.id).where(Stock.product_id == product.id, Stock.location_id == location_id)
        )
        if stocked is None:
            # The new home replaces an empty old one; stock lying elsewhere stays where it is.
            session.execute(
                delete(Stock).where(Stock.product_id == product.id, Stock.quantity == 0)
            )
            session.add(Stock(product_id=product.id, location_id=location_id, quantity=0))
        return code

    @staticmethod
    def _set_barcodes(
        session: Session, product: Product, wanted: list[tuple[str, int]]
    ) -> list[tuple[str, int]]:
        codes = [code for code, _ in wanted]
        owners = session.execute(
            select(ProductBarcode.code, Product.sku)
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(ProductBarcode.code.in_(codes), ProductBarcode.product_id != product.id)
        ).first()
        if owners is not None:
            raise InvalidInput(
                f"Barcode {owners.code} already belongs to SKU {owners.sku}; "
                "a barcode can be on one product only."
            )
        mine = {b.code: b for b in product.barcodes}
        for code, barcode in list(mine.items()):
            if code not in codes:
                product.barcodes.remove(barcode)
        for code, qty in wanted:
            if code in mine:
                mine[code].quantity = qty
            else:
                kind = "gtin" if gtin.is_gtin_shaped(code) else "other"
                product.barcodes.append(ProductBarcode(code=code, kind=kind, quantity=qty))
        return wanted


def _gap(
    session: Session, product: Product, location: str | None = None, *, looked_up: bool = False
) -> ProductGap:
    """The product as the list shows it; its location looked up unless it was already."""
    if not looked_up:
        location = session.scalar(
            select(Location.code)
            .join(Stock, Stock.location_id == Location.id)
            .where(Stock.product_id == product.id)
            .order_by(Stock.quantity.desc(), Location.code)
            .limit(1)
        )
    return ProductGap(
        sku=product.sku,
        name=product.name,
        weight_g=product.weight_g,
        length_mm=product.length_mm,
        width_mm=product.width_mm,
        height_mm=product.height_mm,
        location=location,
        barcodes=tuple(
            (b.code, b.quantity) for b in sorted(product.barcodes, key=lambda b: b.id or 0)
        ),
        placeholder=product.is_placeholder,
    )
