"""Importing the product catalogue and the warehouse locations from CSV files.

A bad row is reported with its line number and reason and the good rows are kept; importing the
same file again changes nothing. Imports add and update, they never delete: a product or
barcode missing from a later file stays (it may have come from store sync or another file).

Products (header row required): ``sku,name,barcode,weight_g`` and optionally
``length_mm,width_mm,height_mm,location,image_url``; further barcodes in columns named
``barcode2``, ``barcode_3``, ... or several in one ``barcodes`` column separated by ``|``.
Numeric barcodes of GTIN length (8, 12, 13, 14 digits) must carry a valid GS1 check digit.
An empty ``weight_g`` or ``barcode`` is accepted and reported as a warning.

Locations: ``code`` and optionally ``zone,aisle,bay,level,x,y,pick_sequence``. Without the
zone/aisle/bay/level columns a code shaped ``ZONE-AISLE-BAY-LEVEL`` (e.g. ``A-03-12-2``) is
split into them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert, select, update

from .. import gtin
from ..db import Database
from ..db.models import Location, Product, ProductBarcode, Stock
from . import audit
from .csvfile import RowError, RowProblem, check_extra, number_field, read_rows, text_field
from .permissions import Actor, Permission

T = TypeVar("T")

PRODUCT_COLUMNS = ("sku", "name", "barcode", "weight_g")
PRODUCT_OPTIONAL = ("length_mm", "width_mm", "height_mm", "location", "image_url", "barcodes")
LOCATION_COLUMNS = ("code",)
LOCATION_OPTIONAL = ("zone", "aisle", "bay", "level", "x", "y", "pick_sequence")
_EXTRA_BARCODE = re.compile(r"^barcode_?\d+$")
# is_placeholder: a product created by store sync for an unknown SKU is complete once the
# catalogue names it.
_PRODUCT_FIELDS = (
    "name",
    "weight_g",
    "length_mm",
    "width_mm",
    "height_mm",
    "image_url",
    "is_placeholder",
)
_LOCATION_FIELDS = ("zone", "aisle", "bay", "level", "x", "y", "pick_sequence")
#: Heaviest single item we accept, in grams: a typo guard (1 t), not a rule of the warehouse.
MAX_WEIGHT_G = 1_000_000.0
MAX_DIMENSION_MM = 100_000.0


@dataclass
class ImportReport:
    """What an import did, for the command line and the admin screen."""

    kind: str
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        text = (
            f"{self.kind}: {self.rows} rows read, {self.created} created, {self.updated} "
            f"updated, {self.unchanged} unchanged, {len(self.errors)} rejected"
        )
        if self.warnings:
            text += f", {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return text + f" ({self.seconds:.2f} s)"

    def audit_summary(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.errors),
        }


@dataclass
class _ProductRow:
    line: int
    values: dict[str, Any]
    barcodes: list[tuple[str, str]]  # (code as stored, kind)
    location: str | None


def parse_barcode(raw: str) -> tuple[str, str]:
    """(code as stored, kind) for a barcode from a file; raises :class:`RowError`."""
    code = raw.strip()
    if not code:
        raise RowError("empty barcode")
    if len(code) > 100 or not code.isprintable() or " " in code:
        raise RowError(f"barcode {code[:30]!r} is not a printable code without spaces")
    if gtin.is_gtin_shaped(code):
        if not gtin.has_valid_check_digit(code):
            expected = gtin.gs1_check_digit(code[:-1])
            raise RowError(f"barcode {code} has a wrong check digit (expected {expected})")
        return gtin.normalise_gtin(code), "gtin"
    return code, "other"


def _parse_product(line: int, row: dict[str, str]) -> _ProductRow:
    check_extra(row)
    values: dict[str, Any] = {
        "sku": text_field(row, "sku", required=True, max_len=100),
        "name": text_field(row, "name", required=True, max_len=500),
        "weight_g": number_field(row, "weight_g", minimum=0, maximum=MAX_WEIGHT_G, positive=True),
        "image_url": text_field(row, "image_url", required=False, max_len=1000),
        "is_placeholder": False,
    }
    for dim in ("length_mm", "width_mm", "height_mm"):
        values[dim] = number_field(row, dim, minimum=0, maximum=MAX_DIMENSION_MM, positive=True)
    raw_codes = [row.get("barcode", "")]
    raw_codes += [v for k, v in row.items() if _EXTRA_BARCODE.match(k)]
    raw_codes += row.get("barcodes", "").split("|")
    barcodes: list[tuple[str, str]] = []
    for raw in raw_codes:
        if raw.strip():
            parsed = parse_barcode(raw)
            if parsed not in barcodes:
                barcodes.append(parsed)
    location = text_field(row, "location", required=False, max_len=50)
    return _ProductRow(line, values, barcodes, location)


class CatalogueService:
    """Imports products and locations. Admins (and the command line) only."""

    def __init__(self, db: Database):
        self._db = db

    # -- products ---------------------------------------------------------------------------

    def import_products(self, actor: Actor, path: Path) -> ImportReport:
        actor.require(Permission.IMPORT_CATALOGUE)
        started = time.perf_counter()
        report = ImportReport(kind="products", file=path.name)
        _, rows = read_rows(path, PRODUCT_COLUMNS)
        parsed = self._parse_all(rows, report, _parse_product, key=lambda r: r.values["sku"])
        with self._db.session() as session:
            existing: dict[str, Any] = {
                p.sku: p
                for p in session.execute(
                    select(Product.id, Product.sku, *(getattr(Product, f) for f in _PRODUCT_FIELDS))
                )
            }
            owner_of = dict(
                session.execute(select(ProductBarcode.code, ProductBarcode.product_id)).all()
            )
            sku_of_id = {p.id: sku for sku, p in existing.items()}
            locations = dict(session.execute(select(Location.code, Location.id)).all())
            stocked = {
                (p, loc) for p, loc in session.execute(select(Stock.product_id, Stock.location_id))
            }

            claimed: dict[str, int] = {}  # barcode -> line that claims it in this file
            accepted: list[_ProductRow] = []
            for row in parsed:
                sku = row.values["sku"]
                current = existing.get(sku)
                try:
                    for code, _ in row.barcodes:
                        owner = owner_of.get(code)
                        if owner is not None and (current is None or owner != current.id):
                            raise RowError(
                                f"barcode {code} already belongs to SKU {sku_of_id.get(owner, '?')}"
                            )
                        if code in claimed:
                            raise RowError(f"barcode {code} is also on line {claimed[code]}")
                except RowError as exc:
                    report.errors.append(RowProblem(row.line, str(exc)))
                    continue
                for code, _ in row.barcodes:
                    claimed[code] = row.line
                accepted.append(row)

            new_rows = [r for r in accepted if r.values["sku"] not in existing]
            if new_rows:
                # Core inserts (no ORM bookkeeping per row): a third of the time at 10,000 rows.
                product = _table(Product)
                ids = (
                    session.connection()
                    .execute(
                        insert(product).returning(product.c.id, sort_by_parameter_order=True),
                        [r.values for r in new_rows],
                    )
                    .scalars()
                    .all()
                )
                for r, new_id in zip(new_rows, ids, strict=True):
                    existing[r.values["sku"]] = _Ref(id=new_id)
                report.created = len(new_rows)

            updates = []
            for r in accepted:
                current = existing[r.values["sku"]]
                if isinstance(current, _Ref):
                    continue
                changed = {
                    f: r.values[f] for f in _PRODUCT_FIELDS if getattr(current, f) != r.values[f]
                }
                if changed:
                    updates.append({"id": current.id, **changed})
                else:
                    report.unchanged += 1
            for chunk in _same_keys(updates):
                session.execute(update(Product), chunk)
            report.updated = len(updates)

            new_barcodes, new_stock = [], []
            for r in accepted:
                product_id = existing[r.values["sku"]].id
                for code, kind in r.barcodes:
                    if code not in owner_of:
                        new_barcodes.append({"product_id": product_id, "code": code, "kind": kind})
                if r.location:
                    location_id = locations.get(r.location)
                    if location_id is None:
                        report.warnings.append(
                            RowProblem(
                                r.line,
                                f"unknown location {r.location}: product kept "
                                "without a location (import locations first)",
                            )
                        )
                    elif (product_id, location_id) not in stocked:
                        stocked.add((product_id, location_id))
                        new_stock.append(
                            {"product_id": product_id, "location_id": location_id, "quantity": 0}
                        )
                if r.values["weight_g"] is None:
                    report.warnings.append(RowProblem(r.line, "no weight: packing cannot check it"))
                if not r.barcodes:
                    report.warnings.append(RowProblem(r.line, "no barcode: scan the SKU instead"))
            if new_barcodes:
                session.connection().execute(insert(_table(ProductBarcode)), new_barcodes)
            if new_stock:
                session.connection().execute(insert(_table(Stock)), new_stock)
            report.seconds = time.perf_counter() - started
            if report.created or report.updated or new_barcodes or new_stock:
                audit.record(
                    session,
                    actor,
                    "import.products",
                    target_type="file",
                    target_id=path.name,
                    after=report.audit_summary(),
                )
        report.seconds = time.perf_counter() - started
        return report

    # -- locations --------------------------------------------------------------------------

    def import_locations(self, actor: Actor, path: Path) -> ImportReport:
        actor.require(Permission.IMPORT_CATALOGUE)
        started = time.perf_counter()
        report = ImportReport(kind="locations", file=path.name)
        header, rows = read_rows(path, LOCATION_COLUMNS)
        split_code = not any(c in header for c in ("zone", "aisle", "bay", "level"))
        parsed = self._parse_all(
            rows,
            report,
            lambda line, row: _parse_location(row, split_code),
            key=lambda r: r["code"],
        )
        with self._db.session() as session:
            existing = {
                loc.code: loc
                for loc in session.execute(
                    select(
                        Location.id,
                        Location.code,
                        *(getattr(Location, f) for f in _LOCATION_FIELDS),
                    )
                )
            }
            new, updates = [], []
            for values in parsed:
                current = existing.get(values["code"])
                if current is None:
                    new.append(values)
                    continue
                changed = {
                    f: values[f] for f in _LOCATION_FIELDS if getattr(current, f) != values[f]
                }
                if changed:
                    updates.append({"id": current.id, **changed})
                else:
                    report.unchanged += 1
            if new:
                session.connection().execute(insert(_table(Location)), new)
            for chunk in _same_keys(updates):
                session.execute(update(Location), chunk)
            report.created, report.updated = len(new), len(updates)
            if new or updates:
                audit.record(
                    session,
                    actor,
                    "import.locations",
                    target_type="file",
                    target_id=path.name,
                    after=report.audit_summary(),
                )
        report.seconds = time.perf_counter() - started
        return report

    # -- shared -----------------------------------------------------------------------------

    @staticmethod
    def _parse_all(
        rows: Iterator[tuple[int, dict[str, str]]],
        report: ImportReport,
        parse: Callable[[int, dict[str, str]], T],
        key: Callable[[T], str],
    ) -> list[T]:
        """Parse every row, recording bad ones; a key seen twice rejects the later row."""
        first_line: dict[str, int] = {}
        good: list[T] = []
        for line, row in rows:
            report.rows += 1
            try:
                item = parse(line, row)
                k = key(item)
                if k in first_line:
                    raise RowError(f"{k} appears again (first on line {first_line[k]})")
            except RowError as exc:
                report.errors.append(RowProblem(line, str(exc)))
                continue
            first_line[k] = line
            good.append(item)
        return good


@dataclass(frozen=True)
class _Ref:
    """A product created in this import: only its id is known."""

    id: int


def _parse_location(row: dict[str, str], split_code: bool) -> dict[str, Any]:
    check_extra(row)
    code = text_field(row, "code", required=True, max_len=50)
    assert code is not None
    if any(ch.isspace() for ch in code):
        raise RowError(f"location code {code!r} contains spaces")
    values: dict[str, Any] = {"code": code}
    parts = code.split("-") if split_code else []
    for i, name in enumerate(("zone", "aisle", "bay", "level")):
        if split_code:
            values[name] = parts[i] if len(parts) == 4 else None
        else:
            values[name] = text_field(row, name, required=False, max_len=30)
    values["x"] = number_field(row, "x", minimum=-1e6, maximum=1e6)
    values["y"] = number_field(row, "y", minimum=-1e6, maximum=1e6)
    seq = number_field(row, "pick_sequence", minimum=0, maximum=2**31 - 1, integer=True)
    values["pick_sequence"] = None if seq is None else int(seq)
    return values


def _table(model: type) -> Table:
    """The Core table of a mapped class, for bulk inserts without ORM bookkeeping."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _same_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group update rows by the set of columns they change: a bulk UPDATE needs one shape."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
