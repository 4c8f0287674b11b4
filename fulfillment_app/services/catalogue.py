"""Importing the product catalogue and the warehouse locations from CSV files.

A bad row is reported with its line number and reason and the good rows are kept; importing the
same file again changes nothing. Imports add and update, they never delete: a product or
barcode missing from a later file stays (it may have come from store sync or another file).

Products (header row required): ``sku,name,barcode,weight_g`` and optionally
``length_mm,width_mm,height_mm,location,image_url`` (or ``image``); further barcodes in columns
named ``barcode2``, ``barcode_3``, ... or several in one ``barcodes`` column separated by ``|``.
Numeric barcodes of GTIN length (8, 12, 13, 14 digits) must carry a valid GS1 check digit.
An empty ``weight_g`` or ``barcode`` is accepted and reported as a warning.
``on_hand`` sets the stock at ``location`` (opening stock: the difference from what is there is
recorded as an ``import`` stock move with who imported it; an empty cell leaves the stock
alone, so importing the same file again changes nothing).
``image_url`` is an http(s) URL, downloaded into the station's image cache after the import
(:meth:`CatalogueService.cache_images`), or a file path (a relative one is taken from the
CSV file's folder and stored absolute).

Locations: ``code`` and optionally ``zone,aisle,bay,level,x,y,pick_sequence``. Without the
zone/aisle/bay/level columns a code shaped ``ZONE-AISLE-BAY-LEVEL`` (e.g. ``A-03-12-2``) is
split into them.
"""

from __future__ import annotations

import abc
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import gtin
from ..db import Database
from ..db.guards import column_length, is_unique_violation
from ..db.models import Location, Product, ProductBarcode, Stock
from ..errors import FulfillmentError
from ..text import MAX_WEIGHT_G
from . import audit
from .csvfile import CsvRows, RowError, RowProblem, check_extra, number_field, text_field
from .images import CacheReport, cache_images, is_url
from .import_rows import CHUNK_ROWS, KeyLedger, Taken, table_of, upsert
from .permissions import Actor, Permission
from .product_data import ProductData
from .stock_moves import record_move

log = logging.getLogger(__name__)
# Text limits come from the columns, so that a value PostgreSQL would refuse is a row error
# on both engines (SQLite stores any length).
_LEN: dict[str, int] = {
    name: column_length(column) or 0
    for name, column in {
        "sku": Product.sku,
        "name": Product.name,
        "image_url": Product.image_url,
        "barcode": ProductBarcode.code,
        "code": Location.code,
        "zone": Location.zone,
        "aisle": Location.aisle,
        "bay": Location.bay,
        "level": Location.level,
    }.items()
}
#: Runs of an import that met another one writing the same keys (see ``_import``).
_ATTEMPTS = 3
Chunk = list[tuple[int, "dict[str, str] | RowError"]]

PRODUCT_COLUMNS = ("sku", "name", "barcode", "weight_g")
PRODUCT_OPTIONAL = (
    "length_mm",
    "width_mm",
    "height_mm",
    "location",
    "image_url",
    "image",
    "barcodes",
    "on_hand",
)
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
MAX_DIMENSION_MM = 100_000.0
MAX_ON_HAND = 10_000_000
#: Problems listed one by one in a report; beyond them only counted, so that a file of a
#: million bad rows cannot fill memory with its report.
MAX_LISTED_PROBLEMS = 10_000


class ConcurrentImport(FulfillmentError):
    """Another import kept writing the same keys; this one changed nothing."""


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
    #: Problems beyond :data:`MAX_LISTED_PROBLEMS`, counted but not listed.
    errors_not_listed: int = 0
    warnings_not_listed: int = 0

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def rejected(self) -> int:
        return len(self.errors) + self.errors_not_listed

    @property
    def warned(self) -> int:
        return len(self.warnings) + self.warnings_not_listed

    def error(self, line: int, message: str) -> None:
        if len(self.errors) < MAX_LISTED_PROBLEMS:
            self.errors.append(RowProblem(line, message))
        else:
            self.errors_not_listed += 1

    def warning(self, line: int, message: str) -> None:
        if len(self.warnings) < MAX_LISTED_PROBLEMS:
            self.warnings.append(RowProblem(line, message))
        else:
            self.warnings_not_listed += 1

    def summary(self) -> str:
        text = (
            f"{self.kind}: {self.rows} rows read, {self.created} created, {self.updated} "
            f"updated, {self.unchanged} unchanged, {self.rejected} rejected"
        )
        if self.warned:
            text += f", {self.warned} warning{'s' if self.warned != 1 else ''}"
        return text + f" ({self.seconds:.2f} s)"

    def audit_summary(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass
class _ProductRow:
    line: int
    values: dict[str, Any]
    barcodes: list[tuple[str, str]]  # (code as stored, kind)
    location: str | None
    new_barcodes: list[tuple[str, str]] = field(default_factory=list)  # set when written
    #: Stock to set at ``location`` (None: leave it as it is).
    on_hand: int | None = None


def parse_barcode(raw: str) -> tuple[str, str]:
    """(code as stored, kind) for a barcode from a file; raises :class:`RowError`."""
    code = raw.strip()
    if not code:
        raise RowError("empty barcode")
    if len(code) > _LEN["barcode"] or not code.isprintable() or " " in code:
        raise RowError(f"barcode {code[:30]!r} is not a printable code without spaces")
    if gtin.is_gtin_shaped(code):
        if not gtin.has_valid_check_digit(code):
            expected = gtin.gs1_check_digit(code[:-1])
            raise RowError(f"barcode {code} has a wrong check digit (expected {expected})")
        return gtin.normalise_gtin(code), "gtin"
    return code, "other"


def _image(row: dict[str, str], folder: Path | None) -> str | None:
    """The product's image: a URL as it is, a file path made absolute (relative to the
    CSV file's folder)."""
    ref = text_field(row, "image_url", required=False, max_len=_LEN["image_url"]) or text_field(
        row, "image", required=False, max_len=_LEN["image_url"]
    )
    if not ref or is_url(ref) or folder is None:
        return ref
    path = Path(ref).expanduser()
    absolute = str(path if path.is_absolute() else (folder / path).resolve())
    if len(absolute) > _LEN["image_url"]:
        raise RowError(f"image path longer than {_LEN['image_url']} characters")
    return absolute


def _parse_product(line: int, row: dict[str, str], folder: Path | None = None) -> _ProductRow:
    check_extra(row)
    values: dict[str, Any] = {
        "sku": text_field(row, "sku", required=True, max_len=_LEN["sku"]),
        "name": text_field(row, "name", required=True, max_len=_LEN["name"], name=True),
        "weight_g": number_field(row, "weight_g", minimum=0, maximum=MAX_WEIGHT_G, positive=True),
        "image_url": _image(row, folder),
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
    location = text_field(row, "location", required=False, max_len=_LEN["code"])
    on_hand = number_field(row, "on_hand", minimum=0, maximum=MAX_ON_HAND, integer=True)
    if on_hand is not None and not location:
        raise RowError("on_hand needs a location: the stock is counted at one")
    return _ProductRow(
        line, values, barcodes, location, on_hand=None if on_hand is None else int(on_hand)
    )


class CatalogueService:
    """Imports products and locations. Admins (and the command line) only."""

    def __init__(self, db: Database):
        self._db = db
        #: Products missing a weight, a barcode or a location, and the edits completing them.
        self.missing_data = ProductData(db)

    def import_products(self, actor: Actor, path: Path) -> ImportReport:
        folder = Path(path).resolve().parent

        def chunks(
            session: Session, ledger: KeyLedger, report: ImportReport, header: list[str]
        ) -> _Chunks:
            return _ProductChunks(
                session, ledger, report, header, folder=folder, actor=actor, source=Path(path).name
            )

        return self._import(actor, path, "products", PRODUCT_COLUMNS, chunks)

    def cache_images(self, actor: Actor, cache_dir: Path) -> CacheReport:
        """Download the product images given as URLs that are not in ``cache_dir`` yet (after
        an import; slow: network). A failure is a sentence in the report, never an error."""
        actor.require(Permission.IMPORT_CATALOGUE)
        with self._db.read() as session:
            refs = list(
                session.scalars(
                    select(Product.image_url).where(
                        Product.image_url.like("http%"), Product.is_placeholder.is_(False)
                    )
                )
            )
        return cache_images([r for r in refs if r], cache_dir)

    def import_locations(self, actor: Actor, path: Path) -> ImportReport:
        return self._import(actor, path, "locations", LOCATION_COLUMNS, _LocationChunks)

    def _import(
        self,
        actor: Actor,
        path: Path,
        kind: str,
        required: tuple[str, ...],
        make: Callable[[Session, KeyLedger, ImportReport, list[str]], _Chunks],
    ) -> ImportReport:
        """Read ``path`` a chunk at a time and write it in one transaction: a file found
        unusable half-way (an unclosed quote at its end) changes nothing.

        Two stations importing the same records at once on PostgreSQL both find them new and
        race to insert them; the loser's transaction fails on the unique key after the winner
        commits. The import is idempotent, so it runs once more and finds them there (SQLite
        takes writers in turn and never gets here)."""
        actor.require(Permission.IMPORT_CATALOGUE)
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return self._import_once(actor, path, kind, required, make)
            except IntegrityError as exc:
                if not is_unique_violation(exc):
                    raise
                log.info("import of %s met a concurrent import (attempt %d)", path.name, attempt)
        raise ConcurrentImport(
            f"Another import of the same {kind} kept changing them while {path.name} was "
            "imported; nothing was changed: import the file again."
        )

    def _import_once(
        self,
        actor: Actor,
        path: Path,
        kind: str,
        required: tuple[str, ...],
        make: Callable[[Session, KeyLedger, ImportReport, list[str]], _Chunks],
    ) -> ImportReport:
        started = time.perf_counter()
        report = ImportReport(kind=kind, file=path.name)
        with CsvRows(path, required) as rows, self._db.session() as session:
            ledger = KeyLedger(session.connection())
            chunks = make(session, ledger, report, rows.header)
            records = iter(rows)
            while chunk := list(islice(records, CHUNK_ROWS)):
                report.rows += len(chunk)
                chunks.write(chunk)
            ledger.close()
            report.seconds = time.perf_counter() - started
            if chunks.changed:
                audit.record(
                    session,
                    actor,
                    f"import.{kind}",
                    target_type="file",
                    target_id=path.name,
                    after=report.audit_summary(),
                )
        report.seconds = time.perf_counter() - started
        return report


class _Chunks(abc.ABC):
    """Parses and writes one chunk of an import's rows at a time (one subclass per kind of
    file: products, locations)."""

    ledger_kind = "k"

    def __init__(
        self, session: Session, ledger: KeyLedger, report: ImportReport, header: list[str]
    ):
        self.session, self.ledger, self.report = session, ledger, report
        self.changed = False

    @abc.abstractmethod
    def parse(self, line: int, row: dict[str, str]) -> tuple[str, Any]:
        """The row's key and its parsed record, or raise with the row's problem."""

    @abc.abstractmethod
    def write(self, chunk: Chunk) -> None:
        """Create or update the chunk's parsed records."""

    def parse_chunk(self, chunk: Chunk, problems: list[RowProblem]) -> list[tuple[int, Any]]:
        """The chunk's good rows as (line, parsed); a key seen before rejects the later row."""
        parsed: list[tuple[int, str, Any]] = []
        for line, row in chunk:
            try:
                if isinstance(row, RowError):
                    raise row
                key, item = self.parse(line, row)
            except RowError as exc:
                problems.append(RowProblem(line, str(exc)))
                continue
            parsed.append((line, key, item))
        first_line = {
            k: t.line
            for k, t in self.ledger.taken(self.ledger_kind, (k for _, k, _ in parsed)).items()
        }
        good: list[tuple[int, Any]] = []
        taken: list[tuple[str, int, bool]] = []
        for line, key, item in parsed:
            if key in first_line:
                problems.append(
                    RowProblem(line, f"{key} appears again (first on line {first_line[key]})")
                )
                continue
            first_line[key] = line
            taken.append((key, line, False))
            good.append((line, item))
        self.ledger.take(self.ledger_kind, taken)
        return good

    def flush_problems(self, problems: list[RowProblem]) -> None:
        for p in sorted(problems, key=lambda p: p.line):
            self.report.error(p.line, p.message)


class _LocationChunks(_Chunks):
    ledger_kind = "l"

    def __init__(
        self, session: Session, ledger: KeyLedger, report: ImportReport, header: list[str]
    ):
        super().__init__(session, ledger, report, header)
        self.split_code = not any(c in header for c in ("zone", "aisle", "bay", "level"))

    def parse(self, line: int, row: dict[str, str]) -> tuple[str, Any]:
        values = _parse_location(row, self.split_code)
        return values["code"], values

    def write(self, chunk: Chunk) -> None:
        problems: list[RowProblem] = []
        good = [values for _, values in self.parse_chunk(chunk, problems)]
        self.flush_problems(problems)
        if not good:
            return
        result = upsert(self.session, Location, "code", _LOCATION_FIELDS, good)
        self.report.created += result.created
        self.report.updated += result.updated
        self.report.unchanged += result.unchanged
        self.changed = self.changed or bool(result.created or result.updated)


class _ProductChunks(_Chunks):
    ledger_kind = "s"

    def __init__(
        self,
        session: Session,
        ledger: KeyLedger,
        report: ImportReport,
        header: list[str],
        folder: Path | None = None,
        actor: Actor | None = None,
        source: str = "",
    ):
        super().__init__(session, ledger, report, header)
        self.folder = folder
        self.actor = actor
        self.source = source

    def parse(self, line: int, row: dict[str, str]) -> tuple[str, Any]:
        parsed = _parse_product(line, row, self.folder)
        return parsed.values["sku"], parsed

    def write(self, chunk: Chunk) -> None:
        problems: list[RowProblem] = []
        rows: list[_ProductRow] = [r for _, r in self.parse_chunk(chunk, problems)]
        accepted = self._check_barcodes(rows, problems)
        self.flush_problems(problems)
        if not accepted:
            return
        conn = self.session.connection()
        result = upsert(self.session, Product, "sku", _PRODUCT_FIELDS, [r.values for r in accepted])
        self.report.created += result.created
        self.report.updated += result.updated
        self.report.unchanged += result.unchanged
        new_barcodes, new_stock = [], []
        wanted = {r.location for r in accepted if r.location}
        locations = (
            dict(
                conn.execute(
                    select(Location.code, Location.id).where(Location.code.in_(wanted))
                ).all()
            )
            if wanted
            else {}
        )
        ids = [result.ids[r.values["sku"]] for r in accepted]
        stocked = {
            (p, loc)
            for p, loc in conn.execute(
                select(Stock.product_id, Stock.location_id).where(Stock.product_id.in_(ids))
            )
        }
        for r in accepted:
            product_id = result.ids[r.values["sku"]]
            for code, kind in r.new_barcodes:
                new_barcodes.append({"product_id": product_id, "code": code, "kind": kind})
            if r.location:
                location_id = locations.get(r.location)
                if location_id is None:
                    self.report.warning(
                        r.line,
                        f"unknown location {r.location}: product kept "
                        "without a location (import locations first)",
                    )
                elif (product_id, location_id) not in stocked:
                    stocked.add((product_id, location_id))
                    new_stock.append(
                        {"product_id": product_id, "location_id": location_id, "quantity": 0}
                    )
            if r.values["weight_g"] is None:
                self.report.warning(r.line, "no weight: packing cannot check it")
            if not r.barcodes:
                self.report.warning(r.line, "no barcode: scan the SKU instead")
        if new_barcodes:
            conn.execute(insert(table_of(ProductBarcode)), new_barcodes)
        if new_stock:
            conn.execute(insert(table_of(Stock)), new_stock)
        moved = self._set_on_hand(accepted, result.ids, locations)
        self.changed = self.changed or bool(
            result.created or result.updated or new_barcodes or new_stock or moved
        )

    def _set_on_hand(
        self, rows: list[_ProductRow], ids: dict[str, int], locations: dict[str, int]
    ) -> int:
        """The ``on_hand`` column: each product's stock at its location set, the difference
        an ``import`` move (rows without the column are left alone). How many moved."""
        wanted = {
            (ids[r.values["sku"]], locations[r.location]): r.on_hand
            for r in rows
            if r.on_hand is not None and r.location in locations
        }
        if not wanted:
            return 0
        held = {
            (p, loc): q
            for p, loc, q in self.session.execute(
                select(Stock.product_id, Stock.location_id, Stock.quantity).where(
                    Stock.product_id.in_({p for p, _ in wanted})
                )
            )
        }
        moved = 0
        for (product_id, location_id), quantity in wanted.items():
            delta = quantity - (held.get((product_id, location_id)) or 0)
            if delta:
                record_move(
                    self.session, product_id, location_id, delta, "import",
                    actor=self.actor, reason="catalogue import", reference=self.source,
                )  # fmt: skip
                moved += 1
        return moved

    def _check_barcodes(
        self, rows: list[_ProductRow], problems: list[RowProblem]
    ) -> list[_ProductRow]:
        """The rows whose barcodes are theirs: a barcode of another product (before this
        import) or of an earlier row of the file rejects the row."""
        conn = self.session.connection()
        codes = {code for r in rows for code, _ in r.barcodes}
        if not codes:
            return rows
        owner_of = dict(
            conn.execute(
                select(ProductBarcode.code, ProductBarcode.product_id).where(
                    ProductBarcode.code.in_(codes)
                )
            ).all()
        )
        skus = [r.values["sku"] for r in rows]
        product_id = dict(
            conn.execute(select(Product.sku, Product.id).where(Product.sku.in_(skus))).all()
        )
        sku_of_id = dict(
            conn.execute(
                select(Product.id, Product.sku).where(Product.id.in_(set(owner_of.values())))
            ).all()
        )
        claimed = self.ledger.taken("b", codes)
        accepted: list[_ProductRow] = []
        taken: list[tuple[str, int, bool]] = []
        for row in rows:
            sku = row.values["sku"]
            current = product_id.get(sku)
            try:
                for code, _ in row.barcodes:
                    entry = claimed.get(code)
                    # A barcode first stored by this import had no owner before it.
                    owner = None if entry is not None and entry.fresh else owner_of.get(code)
                    if owner is not None and owner != current:
                        raise RowError(
                            f"barcode {code} already belongs to SKU {sku_of_id.get(owner, '?')}"
                        )
                    if entry is not None:
                        raise RowError(f"barcode {code} is also on line {entry.line}")
            except RowError as exc:
                problems.append(RowProblem(row.line, str(exc)))
                continue
            for code, kind in row.barcodes:
                fresh = code not in owner_of
                claimed[code] = Taken(row.line, fresh)
                taken.append((code, row.line, fresh))
                if fresh:
                    row.new_barcodes.append((code, kind))
            accepted.append(row)
        self.ledger.take("b", taken)
        return accepted


def _parse_location(row: dict[str, str], split_code: bool) -> dict[str, Any]:
    check_extra(row)
    code = text_field(row, "code", required=True, max_len=_LEN["code"])
    assert code is not None
    if any(ch.isspace() for ch in code):
        raise RowError(f"location code {code!r} contains spaces")
    values: dict[str, Any] = {"code": code}
    parts = code.split("-") if split_code else []
    for i, name in enumerate(("zone", "aisle", "bay", "level")):
        if split_code:
            values[name] = parts[i] if len(parts) == 4 else None
        else:
            values[name] = text_field(row, name, required=False, max_len=_LEN[name])
    values["x"] = number_field(row, "x", minimum=-1e6, maximum=1e6)
    values["y"] = number_field(row, "y", minimum=-1e6, maximum=1e6)
    seq = number_field(row, "pick_sequence", minimum=0, maximum=2**31 - 1, integer=True)
    values["pick_sequence"] = None if seq is None else int(seq)
    return values
