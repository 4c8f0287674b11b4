"""The stock the warehouse owns: on hand per product and location, reserved for open orders,
available to sell; adjustments by hand, counts of a location with the scanner, and the
history of moves.

- on hand = ``Stock.quantity`` (changed only through :func:`.stock_moves.record_move`);
- reserved per product = what open, held and picking orders still need
  (``quantity - quantity_picked``, not below 0); per location it is allocated in the order
  picking takes the locations (most stock first), the rest on the first;
- available = on hand - reserved, not below 0. That is what the stores are told.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..db import Database
from ..db.models import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductBarcode,
    Stock,
    StockMove,
)
from ..errors import InvalidInput, NotFound
from ..scanning import Interpreter
from . import audit
from .permissions import Actor, Permission
from .stock_moves import record_move

#: Orders whose unpicked lines hold stock back from the stores.
RESERVING = (OrderStatus.OPEN, OrderStatus.ON_HOLD, OrderStatus.PICKING)
#: ``CODE,6`` or ``CODE<tab>6`` in a count file: the code scanned six times.
_REPEAT = re.compile(r"^(?P<code>.+?)\s*[,\t]\s*(?P<times>\d{1,6})$")


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    location: str
    on_hand: int
    reserved: int
    available: int


@dataclass(frozen=True)
class CountLine:
    sku: str
    name: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected


@dataclass(frozen=True)
class CountResult:
    location: str
    lines: list[CountLine]
    #: Scans that are no product we know: listed, not applied.
    unknown: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def differences(self) -> list[CountLine]:
        return [line for line in self.lines if line.difference]


@dataclass(frozen=True)
class MoveRow:
    at: datetime
    sku: str
    location: str
    quantity: int
    on_hand_after: int
    kind: str
    person: str
    station: str | None
    reason: str
    reference: str | None


def scan_line(line: str) -> tuple[str, int]:
    """A line of a count file as (code, times): ``CODE``, or ``CODE,N`` / ``CODE<tab>N``
    for N scans of it (N from 0)."""
    line = line.strip()
    repeat = _REPEAT.match(line)
    if repeat and repeat["code"].strip():
        return repeat["code"].strip(), int(repeat["times"])
    return line, 1


def reserved_by_product(session: Session) -> dict[int, int]:
    """Pieces that open, held and picking orders still need, per product."""
    left = OrderLine.quantity - OrderLine.quantity_picked
    rows = session.execute(
        select(OrderLine.product_id, func.sum(case((left > 0, left), else_=0)))
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.status.in_(RESERVING), OrderLine.product_id.is_not(None))
        .group_by(OrderLine.product_id)
    )
    return {pid: int(n) for pid, n in rows if n}


def available(session: Session, held: Collection[str] = ()) -> dict[int, int]:
    """Available per product id (on hand everywhere minus reserved, not below 0), in two
    aggregate queries; a product missing from the answer has none available. Stock at the
    ``held`` locations (the returns quarantine and issues locations) is on hand but not for
    sale."""
    query = select(Stock.product_id, func.sum(Stock.quantity)).group_by(Stock.product_id)
    if held:
        query = query.join(Location, Location.id == Stock.location_id).where(
            Location.code.not_in(list(held))
        )
    on_hand = {pid: int(n) for pid, n in session.execute(query) if n}
    reserved = reserved_by_product(session)
    out: dict[int, int] = {}
    for pid, n in on_hand.items():
        free = n - reserved.get(pid, 0)
        if free > 0:
            out[pid] = free
    return out


def allocate(reserved: int, on_hand: list[int]) -> list[int]:
    """A product's reserved pieces spread over its locations (given most stock first): each
    takes what it holds, the rest goes on the first."""
    shares = []
    left = reserved
    for n in on_hand:
        take = min(left, max(n, 0))
        shares.append(take)
        left -= take
    if shares and left > 0:
        shares[0] += left
    return shares


class StockService:
    def __init__(
        self, db: Database, interpreter: Interpreter | None = None, held: Collection[str] = ()
    ):
        self._db = db
        self._interpreter = interpreter or Interpreter()
        #: Locations whose stock is not for sale (returns quarantine, parcels without an RMA).
        self.held = frozenset(held)

    # -- reading ----------------------------------------------------------------------------

    def available(self, session: Session) -> dict[int, int]:
        return available(session, self.held)

    def levels(
        self, actor: Actor, *, sku: str | None = None, location: str | None = None
    ) -> list[StockRow]:
        """On hand, reserved and available per product and location."""
        actor.require(Permission.COUNT_STOCK)
        with self._db.session() as session:
            query = (
                select(Product.id, Product.sku, Product.name, Location.code, Stock.quantity)
                .join(Stock, Stock.product_id == Product.id)
                .join(Location, Location.id == Stock.location_id)
                .order_by(Product.sku, Stock.quantity.desc(), Location.code)
            )
            if sku:
                query = query.where(Product.sku == sku)
            rows = session.execute(query).all()
            if sku and not rows:
                self._product(session, sku)  # NotFound for an unknown SKU
            reserved = reserved_by_product(session)
        by_product: dict[int, list[tuple[str, str, str, int]]] = {}
        for pid, psku, name, code, qty in rows:
            by_product.setdefault(pid, []).append((psku, name, code, int(qty or 0)))
        out = []
        for pid, places in by_product.items():
            sellable = [p for p in places if p[2] not in self.held]
            shares = allocate(reserved.get(pid, 0), [p[3] for p in sellable])
            reserve = {p[2]: n for p, n in zip(sellable, shares, strict=True)}
            for psku, name, code, qty in places:
                if location and code != location:
                    continue
                if code in self.held:  # on hand, not for sale: nothing reserved, none free
                    out.append(StockRow(psku, name, code, qty, 0, 0))
                    continue
                kept = reserve.get(code, 0)
                out.append(StockRow(psku, name, code, qty, kept, max(0, qty - kept)))
        if location and not out:
            with self._db.session() as session:
                self._location(session, location)
        return out

    def moves(self, actor: Actor, *, sku: str | None = None, limit: int = 100) -> list[MoveRow]:
        """The newest stock moves, with who, why and when."""
        actor.require(Permission.COUNT_STOCK)
        with self._db.session() as session:
            query = (
                select(StockMove, Product.sku, Location.code)
                .join(Product, Product.id == StockMove.product_id)
                .join(Location, Location.id == StockMove.location_id)
                .order_by(StockMove.at.desc(), StockMove.id.desc())
                .limit(max(1, limit))
            )
            if sku:
                query = query.where(Product.id == self._product(session, sku).id)
            return [
                MoveRow(
                    at=m.at,
                    sku=psku,
                    location=code,
                    quantity=m.quantity,
                    on_hand_after=m.on_hand_after,
                    kind=m.kind,
                    person=m.person,
                    station=m.station,
                    reason=m.reason,
                    reference=m.reference,
                )
                for m, psku, code in session.execute(query)
            ]

    # -- changing ---------------------------------------------------------------------------

    def adjust(
        self,
        actor: Actor,
        sku: str,
        location: str,
        *,
        set_to: int | None = None,
        by: int | None = None,
        reason: str,
    ) -> StockRow:
        """Set the stock of a product at a location (``set_to``) or change it (``by``),
        with a reason; audited."""
        actor.require(Permission.ADJUST_STOCK)
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput("Say why the stock is adjusted (e.g. found damaged, recounted).")
        if (set_to is None) == (by is None):
            raise InvalidInput("Give either the new quantity or the change, not both.")
        with self._db.session() as session:
            product = self._product(session, sku)
            place = self._location(session, location)
            before = (
                session.scalar(
                    select(Stock.quantity).where(
                        Stock.product_id == product.id, Stock.location_id == place.id
                    )
                )
                or 0
            )
            target = set_to if set_to is not None else before + (by or 0)
            if target < 0:
                raise InvalidInput(
                    f"{sku} at {location} holds {before}: it cannot go below 0 "
                    f"(asked for {target})."
                )
            after = record_move(
                session, product.id, place.id, target - before, "adjust",
                actor=actor, reason=reason,
            )  # fmt: skip
            audit.record(
                session,
                actor,
                "stock.adjust",
                target_type="stock",
                target_id=f"{sku}@{location}",
                before={"sku": sku, "location": location, "on_hand": before},
                after={"sku": sku, "location": location, "on_hand": after},
                reason=reason,
            )
        rows = self.levels(actor, sku=sku, location=location)
        return rows[0] if rows else StockRow(sku, product.name, location, after, 0, after)

    def count(
        self, actor: Actor, location: str, scans: list[str], *, apply: bool = True
    ) -> CountResult:
        """What was scanned at ``location`` against what we hold there. A case barcode
        counts its pieces; a product we hold there that was not scanned counts 0. With
        ``apply`` the differences become ``count`` moves, audited together."""
        actor.require(Permission.COUNT_STOCK)
        with self._db.session() as session:
            place = self._location(session, location)
            counted: dict[int, int] = {}
            unknown: list[str] = []
            for raw in scans:
                line = raw.strip()
                if not line or line.casefold() == place.code.casefold():
                    continue  # the location's own label, scanned to start the count
                line, times = scan_line(line)
                found = self._identify(session, line)
                if found is None:
                    unknown.append(line)
                    continue
                product_id, pieces = found
                counted[product_id] = counted.get(product_id, 0) + pieces * times
            expected = dict(
                session.execute(
                    select(Stock.product_id, Stock.quantity).where(Stock.location_id == place.id)
                ).all()
            )
            ids = set(expected) | set(counted)
            products = {
                p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))
            }
            lines = sorted(
                (
                    CountLine(
                        products[pid].sku,
                        products[pid].name,
                        int(expected.get(pid) or 0),
                        counted.get(pid, 0),
                    )
                    for pid in ids
                ),
                key=lambda c: c.sku,
            )
            result = CountResult(place.code, lines, unknown, applied=apply)
            if not apply:
                return result
            by_sku = {p.sku: p.id for p in products.values()}
            for diff in result.differences:
                record_move(
                    session, by_sku[diff.sku], place.id, diff.difference, "count",
                    actor=actor, reason="count", reference=f"count {place.code}",
                )  # fmt: skip
            audit.record(
                session,
                actor,
                "stock.count",
                target_type="location",
                target_id=place.code,
                before={d.sku: d.expected for d in result.differences},
                after={d.sku: d.counted for d in result.differences},
                reason=(f"unknown codes: {', '.join(unknown)}" if unknown else None),
            )
            return result

    # -- helpers ----------------------------------------------------------------------------

    def _identify(self, session: Session, raw: str) -> tuple[int, int] | None:
        """The product a scan is and how many pieces it stands for (a case: its pack
        size), as packing matches them: barcodes (GTINs as 14 digits), then the SKU."""
        result = self._interpreter.interpret(raw)
        if result.kind == "error":
            return None
        codes = [c for c in (result.gtin, *result.alternatives) if c]
        if result.kind == "unknown" and result.value:
            codes.append(result.value)
        codes += [c for c in (result.value, result.data, raw) if c]
        hit = session.execute(
            select(ProductBarcode.product_id, ProductBarcode.quantity)
            .where(ProductBarcode.code.in_(codes))
            .limit(1)
        ).first()
        if hit is not None:
            return int(hit[0]), int(hit[1] or 1)
        keys = {c.casefold() for c in codes}
        product = session.scalar(
            select(Product.id).where(func.lower(Product.sku).in_(keys)).limit(1)
        )
        return (int(product), 1) if product is not None else None

    @staticmethod
    def _product(session: Session, sku: str) -> Product:
        product = session.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            raise NotFound(f"There is no product with SKU {sku} (see 'fulfillment stock list').")
        return product

    @staticmethod
    def _location(session: Session, code: str) -> Location:
        place = session.scalar(select(Location).where(Location.code == code))
        if place is None:
            raise NotFound(f"There is no location {code} (import locations first).")
        return place
