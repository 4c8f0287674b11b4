"""Returns: RMAs, the returns station, return collections and what the store hears back.

- **Finding the RMA.** What a person scans or types at the station (:func:`find`): an RMA
  number (``RMA-000001``), the tracking number of a return collection, the tracking number of
  the order's shipment, the packing slip (``ORD:ID-42``) or an order number (``[STORE/]NUMBER``).
  An order's RMA that is still open is taken rather than a second one opened.
- **Grading.** Each unit scanned is graded: *sellable* goes back on the shelf (a ``return``
  stock move, to the location given or the product's home: where most of its stock is),
  *damaged* goes to the quarantine location or is scrapped (no stock), and the units never
  scanned are *missing*. A case code counts all its pieces. The items of a parcel without an
  RMA wait at the issues location until a supervisor links the parcel to one.
- **Finishing.** All as expected: COMPLETED. More, fewer or other items: DISCREPANCY with
  sentences for a supervisor, who accepts it (:meth:`ReturnsService.resolve`). On COMPLETED the
  store hears of it once: an outbox entry of kind ``return`` (key ``return:<store>:<RMA>``)
  with each line's disposition, delivered by the sync through the store adapter.
- The quarantine and issues locations hold stock that is on hand but never available to sell:
  :func:`unavailable_locations` names them for the stock computation.
"""

from __future__ import annotations

import builtins
from collections import Counter as Tally
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import desc, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..carriers.base import (
    CarrierAdapter,
)
from ..carriers.base import Label as CarrierLabel
from ..config import LabelSettings, ReturnSettings, Settings, ShippingSettings
from ..db import Database
from ..db.models import (
    Counter,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    Product,
    ProductBarcode,
    ReturnAuthorization,
    ReturnLine,
    ReturnStatus,
    ReturnUnit,
    Shipment,
    Stock,
    Store,
    utcnow,
)
from ..errors import InvalidInput, NotFound
from ..scanning import Interpreter
from ..sync.returns_in import RMA_COUNTER, rma_number
from . import audit
from .orders import find_order
from .permissions import Actor, Permission
from .printing import PrintQueue
from .return_collection import ReturnCollections
from .return_types import (
    REASONS,
    ReturnLineView,
    ReturnOutcome,
    ReturnSummary,
    ReturnUnitView,
    ReturnView,
    load_rma,
    rma_number_of,
)
from .stock_moves import record_move

GRADES = ("sellable", "damaged")
#: RMAs still waiting for their parcel or being received: an order has at most one.
OPEN_STATUSES = (ReturnStatus.OPEN, ReturnStatus.RECEIVING)
#: Where units may still be scanned.
_SCANNABLE = (
    ReturnStatus.OPEN,
    ReturnStatus.RECEIVING,
    ReturnStatus.DISCREPANCY,
    ReturnStatus.UNMATCHED,
)
#: Orders whose lines went out (what a station RMA expects back).
_SHIPPED = (OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def unavailable_locations(settings: Settings | ReturnSettings) -> set[str]:
    """The codes of the locations whose stock is on hand but not available to sell: the
    returns quarantine and the issues location (for the stock task's availability)."""
    returns = settings.returns if isinstance(settings, Settings) else settings
    return {returns.quarantine_location, returns.issues_location}


class ReturnsService:
    def __init__(
        self,
        db: Database,
        settings: ReturnSettings,
        scans: Interpreter,
        *,
        labels: LabelSettings | None = None,
        shipping: ShippingSettings | None = None,
        adapter_for: Callable[[str], CarrierAdapter] | None = None,
        printing: PrintQueue | None = None,
        label_job: Callable[[CarrierLabel, LabelSettings], bytes | None] | None = None,
    ):
        self._db = db
        self.settings = settings
        self._scans = scans
        self._ready = False
        self.collections = ReturnCollections(
            db,
            labels=labels or LabelSettings(),
            shipping=shipping or ShippingSettings(),
            adapter_for=adapter_for,
            printing=printing,
            label_job=label_job,
        )

    def _prepare(self) -> None:
        """The RMA counter and the returns' own locations exist before the first write that
        needs them, each made in a transaction of its own: two stations that make one at the
        same moment do not fail a scan (the loser finds the winner's)."""
        if self._ready:
            return
        settings = self.settings
        for code in (settings.quarantine_location, settings.issues_location):
            try:
                with self._db.write() as session:
                    if session.scalar(select(Location.id).where(Location.code == code)) is None:
                        session.add(Location(code=code, zone="returns", active=True))
            except IntegrityError:
                pass
        try:
            with self._db.write() as session:
                if session.get(Counter, RMA_COUNTER) is None:
                    session.add(Counter(name=RMA_COUNTER, value=0))
        except IntegrityError:
            pass
        self._ready = True

    # -- reading --------------------------------------------------------------------------

    def reasons(self) -> builtins.list[str]:
        """Shopify's reason codes, then the warehouse's own from the settings."""
        return list(REASONS) + [r for r in self.settings.extra_reasons if r not in REASONS]

    def list(self, actor: Actor, status: str | None = None) -> builtins.list[ReturnSummary]:
        actor.require(Permission.RECEIVE_RETURNS)
        query = (
            select(ReturnAuthorization)
            .options(selectinload(ReturnAuthorization.lines))
            .order_by(ReturnAuthorization.id.desc())
        )
        if status:
            try:
                wanted = ReturnStatus(status.strip().lower())
            except ValueError:
                raise InvalidInput(
                    f"{status!r} is not an RMA status: use one of "
                    f"{', '.join(s.value for s in ReturnStatus)}."
                ) from None
            query = query.where(ReturnAuthorization.status == wanted)
        with self._db.read() as session:
            rows = builtins.list(session.scalars(query.limit(1000)))
            orders = _orders(session, {r.order_id for r in rows if r.order_id})
            stores = _stores(session, {r.store_id for r in rows if r.store_id})
            received = dict(
                session.execute(
                    select(ReturnUnit.rma_id, func.count())
                    .where(
                        ReturnUnit.rma_id.in_([r.id for r in rows] or [-1]),
                        ReturnUnit.grade != "missing",
                    )
                    .group_by(ReturnUnit.rma_id)
                ).all()
            )
            return [
                ReturnSummary(
                    number=r.number,
                    status=r.status.value,
                    source=r.source,
                    order_number=orders.get(r.order_id) if r.order_id else None,
                    store=stores.get(r.store_id) if r.store_id else None,
                    expected=sum(line.expected for line in r.lines),
                    received=int(received.get(r.id, 0)),
                    created_at=r.created_at,
                    discrepancy=r.discrepancy,
                )
                for r in rows
            ]

    def get(self, actor: Actor, number: str) -> ReturnView:
        actor.require(Permission.RECEIVE_RETURNS)
        with self._db.read() as session:
            return self._view(session, load_rma(session, number))

    # -- opening and receiving -----------------------------------------------------------------

    def open(
        self,
        actor: Actor,
        code: str,
        *,
        lines: builtins.list[tuple[str, int, str]] | None = None,
        reason: str = "UNKNOWN",
        note: str = "",
    ) -> ReturnView:
        """The RMA for what ``code`` names (see :func:`find`): an RMA already open for that
        order is returned as it is; otherwise a station RMA expecting the order's shipped
        lines, or ``lines`` ([(sku, quantity, reason)])."""
        actor.require(Permission.RECEIVE_RETURNS)
        self._prepare()
        reason = self._reason(reason)
        wanted = [(sku, qty, self._reason(r)) for sku, qty, r in lines or []]
        with self._db.write() as session:
            rma, order = self._find(session, code)
            if rma is None:
                assert order is not None
                rma = self._open_for(session, actor, order, wanted, reason, note)
            return self._view(session, rma)

    def receive(self, actor: Actor, code: str) -> ReturnView:
        """The first scan of a parcel at the returns station: its RMA (found by any code
        :meth:`open` takes, or opened for the order) is now being received. A parcel nobody
        expects gets an UNMATCHED RMA: its items wait at the issues location."""
        actor.require(Permission.RECEIVE_RETURNS)
        self._prepare()
        shown = code.strip()
        if not shown:
            raise InvalidInput("Scan the parcel's label, the packing slip or the RMA number.")
        with self._db.write() as session:
            try:
                rma, order = self._find(session, shown)
            except NotFound:
                if rma_number_of(shown):
                    raise
                rma, order = None, None
            if rma is None and order is None:
                rma = ReturnAuthorization(
                    number=rma_number(session),
                    status=ReturnStatus.UNMATCHED,
                    source="station",
                    note=f"Parcel without an RMA, scanned as {shown[:150]}.",
                    opened_by=actor.label[:150],
                    received_at=utcnow(),
                )
                session.add(rma)
                session.flush()
                audit.record(
                    session,
                    actor,
                    "return.unmatched",
                    target_type="rma",
                    target_id=rma.number,
                    after={"code": shown[:150]},
                )
                return self._view(session, rma)
            if rma is None:
                assert order is not None
                rma = self._open_for(session, actor, order, [], "UNKNOWN", "")
            if rma.status in (ReturnStatus.OPEN, ReturnStatus.CANCELLED):
                before = rma.status.value
                rma.status = ReturnStatus.RECEIVING
                rma.received_at = utcnow()
                audit.record(
                    session,
                    actor,
                    "return.received",
                    target_type="rma",
                    target_id=rma.number,
                    before={"status": before},
                    after={"status": rma.status.value},
                )
            return self._view(session, rma)

    def link(self, actor: Actor, unmatched: str, code: str) -> ReturnView:
        """A parcel that came without an RMA belongs to the RMA (or order) ``code`` names:
        its units move to that RMA, out of the issues location (sellable ones to their home
        location, damaged ones to quarantine). Supervisors."""
        actor.require(Permission.OVERRIDE)
        self._prepare()
        with self._db.write() as session:
            source = load_rma(session, unmatched, lock=True)
            if source.status is not ReturnStatus.UNMATCHED:
                raise InvalidInput(
                    f"{source.number} is not a parcel without an RMA ({source.status.value}): "
                    "only those are linked."
                )
            target, order = self._find(session, code)
            if target is None:
                assert order is not None
                target = self._open_for(session, actor, order, [], "UNKNOWN", "")
            if target.id == source.id or target.status is ReturnStatus.UNMATCHED:
                raise InvalidInput(
                    f"{code} names a parcel without an RMA: scan the order's packing slip, its "
                    "tracking number or its RMA number."
                )
            if target.status not in _SCANNABLE:
                raise InvalidInput(
                    f"{target.number} is {target.status.value}: its parcel cannot take more items."
                )
            if target.status is ReturnStatus.OPEN:
                target.status = ReturnStatus.RECEIVING
                target.received_at = utcnow()
            moved = 0
            units = builtins.list(
                session.scalars(
                    select(ReturnUnit).where(ReturnUnit.rma_id == source.id).order_by(ReturnUnit.id)
                )
            )
            for unit in units:
                product = session.get(Product, unit.product_id) if unit.product_id else None
                if product is None:
                    continue
                line, _ = self._line_for(session, target, product)
                to, disposition = self._destination(
                    session, product, unit.grade, target, None, scrap=False
                )
                if unit.location_id is not None and (to is None or to.id != unit.location_id):
                    record_move(
                        session, product.id, unit.location_id, -1, "return", actor=actor,
                        reason=f"linked to {target.number}", reference=source.number,
                    )  # fmt: skip
                    if to is not None:
                        record_move(
                            session, product.id, to.id, 1, "return", actor=actor,
                            reason=f"return {unit.grade}", reference=target.number,
                        )  # fmt: skip
                unit.rma_id, unit.line_id = target.id, line.id
                unit.location_id = to.id if to is not None else None
                unit.disposition = disposition
                moved += 1
            source.status = ReturnStatus.CANCELLED
            source.note = (source.note + f" Linked to {target.number}.").strip()
            session.flush()
            audit.record(
                session,
                actor,
                "return.linked",
                target_type="rma",
                target_id=target.number,
                before={"unmatched": source.number},
                after={"units": moved},
            )
            return self._view(session, target)

    # -- grading --------------------------------------------------------------------------

    def scan(
        self,
        actor: Actor,
        number: str,
        code: str,
        grade: str = "sellable",
        *,
        location: str | None = None,
        scrap: bool = False,
    ) -> ReturnOutcome:
        """One unit (a case code: all its pieces) out of the parcel, graded."""
        actor.require(Permission.RECEIVE_RETURNS)
        grade = grade.strip().lower()
        if grade not in GRADES:
            raise InvalidInput(
                f"{grade!r} is not a grade: a unit is sellable or damaged (missing units are "
                "marked with 'missing')."
            )
        if scrap and grade != "damaged":
            raise InvalidInput("Only a damaged unit is scrapped: grade it damaged.")
        self._prepare()
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            self._check_scannable(rma)
            found = self._product_of(session, code)
            if found is None:
                return ReturnOutcome(
                    "unknown",
                    f"{code.strip()[:60]} is not a product we know: nothing was recorded. Scan "
                    "the item's own barcode, or put it aside for a supervisor.",
                    self._view(session, rma),
                )
            product, pieces = found
            line, created = self._line_for(session, rma, product)
            graded = self._graded(session, line.id)
            # A unit marked missing that turns up after all is no longer missing.
            for found_after_all in session.scalars(
                select(ReturnUnit)
                .where(ReturnUnit.line_id == line.id, ReturnUnit.grade == "missing")
                .order_by(ReturnUnit.id.desc())
                .limit(pieces)
            ):
                session.delete(found_after_all)
            to, disposition = self._destination(session, product, grade, rma, location, scrap)
            now = utcnow()
            for _ in range(pieces):
                session.add(
                    ReturnUnit(
                        rma_id=rma.id,
                        line_id=line.id,
                        product_id=product.id,
                        code=code.strip()[:200],
                        grade=grade,
                        disposition=disposition,
                        location_id=to.id if to is not None else None,
                        person=actor.label[:150],
                        station=actor.station,
                        at=now,
                    )
                )
            if to is not None:
                record_move(
                    session, product.id, to.id, pieces, "return", actor=actor,
                    reason=f"return {grade}", reference=rma.number,
                )  # fmt: skip
            if rma.status in (ReturnStatus.OPEN, ReturnStatus.DISCREPANCY):
                rma.status = ReturnStatus.RECEIVING
                rma.received_at = rma.received_at or now
            session.flush()
            where = {
                "restocked": f"put it on {to.code if to else '?'}",
                "quarantined": f"put it in quarantine ({to.code if to else '?'})",
                "scrapped": "scrap it",
                "issues": f"put it at {to.code if to else '?'} until the parcel has an RMA",
            }[disposition]
            count = f"{pieces} × " if pieces > 1 else ""
            what = f"{count}{product.name} ({product.sku})"
            if rma.status is ReturnStatus.UNMATCHED:
                outcome, message = "accepted", f"{what}, {grade}: {where}."
            elif created or line.expected == 0:
                outcome = "unexpected"
                message = f"{what} was not expected back: recorded for the supervisor; {where}."
            elif graded + pieces > line.expected:
                outcome = "over"
                message = (
                    f"More {product.sku} than expected ({graded + pieces} of {line.expected}): "
                    f"recorded for the supervisor; {where}."
                )
            else:
                outcome, message = "accepted", f"{what}, {grade}: {where}."
            return ReturnOutcome(outcome, message, self._view(session, rma))

    def undo_last(self, actor: Actor, number: str) -> ReturnView:
        """Take back the last scan of the RMA (all the pieces of a case), stock included."""
        actor.require(Permission.RECEIVE_RETURNS)
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            self._check_scannable(rma)
            last = session.scalar(
                select(ReturnUnit)
                .where(ReturnUnit.rma_id == rma.id)
                .order_by(ReturnUnit.id.desc())
                .limit(1)
            )
            if last is None:
                raise InvalidInput(f"Nothing was scanned for {rma.number} yet: nothing to undo.")
            units = builtins.list(
                session.scalars(
                    select(ReturnUnit).where(
                        ReturnUnit.rma_id == rma.id,
                        ReturnUnit.at == last.at,
                        ReturnUnit.code == last.code,
                        ReturnUnit.grade == last.grade,
                    )
                )
            )
            for unit in units:
                if unit.location_id is not None and unit.product_id is not None:
                    record_move(
                        session, unit.product_id, unit.location_id, -1, "return", actor=actor,
                        reason="return scan undone", reference=rma.number,
                    )  # fmt: skip
                session.delete(unit)
            session.flush()
            line = session.get(ReturnLine, last.line_id) if last.line_id else None
            if line is not None and line.expected == 0 and not self._graded(session, line.id):
                session.delete(line)
            session.flush()
            session.refresh(rma)
            audit.record(
                session,
                actor,
                "return.undone",
                target_type="rma",
                target_id=rma.number,
                before={"code": last.code, "grade": last.grade, "units": len(units)},
            )
            return self._view(session, rma)

    def mark_missing(self, actor: Actor, number: str) -> ReturnView:
        """Every expected unit not scanned is missing from the parcel."""
        actor.require(Permission.RECEIVE_RETURNS)
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            self._check_scannable(rma)
            if rma.status is ReturnStatus.UNMATCHED:
                raise InvalidInput(
                    f"{rma.number} is a parcel without an RMA: nothing is expected of it."
                )
            added = self._add_missing(session, actor, rma)
            audit.record(
                session,
                actor,
                "return.missing",
                target_type="rma",
                target_id=rma.number,
                after={"missing": added},
            )
            return self._view(session, rma)

    # -- finishing ------------------------------------------------------------------------

    def finish(self, actor: Actor, number: str) -> ReturnView:
        """The parcel is done: the units not scanned are missing; all as expected →
        COMPLETED (the store hears of it), else DISCREPANCY for a supervisor."""
        actor.require(Permission.RECEIVE_RETURNS)
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            if rma.status is ReturnStatus.UNMATCHED:
                raise InvalidInput(
                    f"{rma.number} is a parcel without an RMA: a supervisor links it to its "
                    "order first."
                )
            if rma.status not in (ReturnStatus.OPEN, ReturnStatus.RECEIVING):
                raise InvalidInput(f"{rma.number} is {rma.status.value}: it cannot be finished.")
            if not self._any_unit(session, rma.id):
                raise InvalidInput(
                    f"Nothing was scanned for {rma.number}: scan the items, or mark them "
                    "missing, before finishing."
                )
            self._add_missing(session, actor, rma)
            problems = self._discrepancies(session, rma)
            before = rma.status.value
            if problems:
                rma.status = ReturnStatus.DISCREPANCY
                rma.discrepancy = " ".join(problems)
            else:
                self._complete(session, rma, refund_allowed=True)
            audit.record(
                session,
                actor,
                "return.finished",
                target_type="rma",
                target_id=rma.number,
                before={"status": before},
                after={"status": rma.status.value, "discrepancy": rma.discrepancy},
            )
            return self._view(session, rma)

    def resolve(self, actor: Actor, number: str, note: str) -> ReturnView:
        """A supervisor accepts a discrepancy as it is: COMPLETED (the store hears of it, no
        automatic refund), with the note in the audit log."""
        actor.require(Permission.OVERRIDE)
        if not note.strip():
            raise InvalidInput("Say why the discrepancy is accepted (a note is required).")
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            if rma.status is not ReturnStatus.DISCREPANCY:
                raise InvalidInput(
                    f"{rma.number} is {rma.status.value}: only a discrepancy is resolved."
                )
            discrepancy = rma.discrepancy
            self._complete(session, rma, refund_allowed=False)
            audit.record(
                session,
                actor,
                "return.resolved",
                target_type="rma",
                target_id=rma.number,
                before={"status": "discrepancy", "discrepancy": discrepancy},
                after={"status": rma.status.value},
                reason=note.strip(),
            )
            return self._view(session, rma)

    # -- collection from the customer ------------------------------------------------------

    def collect(
        self,
        actor: Actor,
        number: str,
        carrier: str | None = None,
        *,
        out: Path | None = None,
        again: bool = False,
    ) -> str:
        """A return collection from the customer (see :meth:`ReturnCollections.collect`)."""
        return self.collections.collect(actor, number, carrier, out=out, again=again)

    # -- inside -----------------------------------------------------------------------------

    def _reason(self, reason: str) -> str:
        code = (reason or "UNKNOWN").strip().upper()
        if code not in self.reasons():
            raise InvalidInput(
                f"{reason!r} is not a return reason: use one of {', '.join(self.reasons())}."
            )
        return code

    def _find(self, session: Session, code: str) -> tuple[ReturnAuthorization | None, Order | None]:
        """The RMA (or, without one, the order) that ``code`` names; an order's RMA that is
        still open is preferred. NotFound when nothing is known by that code."""
        rma, order = find(session, self._scans, code)
        if rma is None and order is not None:
            rma = session.scalar(
                select(ReturnAuthorization)
                .where(
                    ReturnAuthorization.order_id == order.id,
                    ReturnAuthorization.status.in_(OPEN_STATUSES),
                )
                .order_by(ReturnAuthorization.id)
                .limit(1)
            )
        return rma, order

    def _open_for(
        self,
        session: Session,
        actor: Actor,
        order: Order,
        wanted: builtins.list[tuple[str, int, str]],
        reason: str,
        note: str,
    ) -> ReturnAuthorization:
        lines = builtins.list(
            session.scalars(
                select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)
            )
        )
        rma = ReturnAuthorization(
            number=rma_number(session),
            order_id=order.id,
            store_id=order.store_id,
            status=ReturnStatus.OPEN,
            source="station",
            note=note.strip(),
            opened_by=actor.label[:150],
        )
        if wanted:
            by_sku = {line.sku.casefold(): line for line in lines}
            for sku, quantity, why in wanted:
                line = by_sku.get(sku.casefold())
                if line is None:
                    raise InvalidInput(
                        f"{sku} is not on order {order.number}: return only what it holds "
                        f"({', '.join(ln.sku for ln in lines) or 'nothing'})."
                    )
                rma.lines.append(_line_of(line, quantity, why))
        else:
            shipped = order.status in _SHIPPED
            packed_any = any(line.quantity_packed for line in lines)
            for line in lines:
                quantity = line.quantity_packed if packed_any else (line.quantity if shipped else 0)
                if quantity > 0:
                    rma.lines.append(_line_of(line, quantity, reason))
            if not rma.lines:
                raise InvalidInput(
                    f"Order {order.number} has nothing shipped to return; give the lines "
                    "returned (SKU:QUANTITY)."
                )
        session.add(rma)
        session.flush()
        audit.record(
            session,
            actor,
            "return.opened",
            target_type="rma",
            target_id=rma.number,
            after={
                "order": order.number,
                "lines": [[ln.sku, ln.expected, ln.reason] for ln in rma.lines],
            },
            reason=note.strip() or None,
        )
        return rma

    @staticmethod
    def _check_scannable(rma: ReturnAuthorization) -> None:
        if rma.status not in _SCANNABLE:
            raise InvalidInput(
                f"{rma.number} is {rma.status.value}: nothing more is scanned for it."
            )

    def _product_of(self, session: Session, code: str) -> tuple[Product, int] | None:
        """The product a scan names and how many pieces it counts (a case code: its
        pieces), as the pack station reads it; None when it is not a product."""
        if not code.strip():
            return None
        scan = self._scans.interpret(code)
        if scan.kind == "error":
            return None
        codes = [c for c in (scan.gtin, *scan.alternatives, scan.value, scan.data) if c]
        if codes:
            row = session.execute(
                select(ProductBarcode.product_id, ProductBarcode.quantity)
                .where(ProductBarcode.code.in_(codes))
                .limit(1)
            ).first()
            if row is not None:
                product = session.get(Product, row.product_id)
                if product is not None:
                    return product, max(1, int(row.quantity or 1))
        keys = {c.casefold() for c in codes} or {code.strip().casefold()}
        product = session.scalar(select(Product).where(func.lower(Product.sku).in_(keys)).limit(1))
        return (product, 1) if product is not None else None

    @staticmethod
    def _line_for(
        session: Session, rma: ReturnAuthorization, product: Product
    ) -> tuple[ReturnLine, bool]:
        """The RMA's line for the product; a new unexpected line (expected 0) when none."""
        for line in rma.lines:
            if line.product_id == product.id or (
                line.product_id is None and line.sku.casefold() == product.sku.casefold()
            ):
                return line, False
        line = ReturnLine(
            sku=product.sku, name=product.name[:500], product_id=product.id, expected=0
        )
        rma.lines.append(line)
        session.flush()
        return line, True

    @staticmethod
    def _graded(session: Session, line_id: int) -> int:
        return int(
            session.scalar(
                select(func.count()).where(
                    ReturnUnit.line_id == line_id, ReturnUnit.grade != "missing"
                )
            )
            or 0
        )

    @staticmethod
    def _any_unit(session: Session, rma_id: int) -> bool:
        return (
            session.scalar(select(ReturnUnit.id).where(ReturnUnit.rma_id == rma_id).limit(1))
            is not None
        )

    def _destination(
        self,
        session: Session,
        product: Product,
        grade: str,
        rma: ReturnAuthorization,
        location: str | None,
        scrap: bool,
    ) -> tuple[Location | None, str]:
        """Where a unit goes and its disposition (see :class:`ReturnUnit`)."""
        if rma.status is ReturnStatus.UNMATCHED:
            return self._own_location(session, self.settings.issues_location), "issues"
        if grade == "damaged":
            if scrap:
                return None, "scrapped"
            return self._own_location(session, self.settings.quarantine_location), "quarantined"
        if location:
            row = session.scalar(select(Location).where(Location.code == location.strip()))
            if row is None:
                raise NotFound(f"There is no location {location.strip()}: scan its label again.")
            if row.code in unavailable_locations(self.settings):
                raise InvalidInput(
                    f"{row.code} holds stock that is not for sale: put a sellable item on a "
                    "shelf location."
                )
            return row, "restocked"
        home = self._home(session, product.id)
        if home is None:
            raise InvalidInput(
                f"{product.sku} has no home location yet: say where it goes (a location)."
            )
        return home, "restocked"

    def _home(self, session: Session, product_id: int) -> Location | None:
        """The product's home: the active location with most of its stock (the earlier on
        the pick path when two hold the same), never the returns' own locations."""
        return session.scalar(
            select(Location)
            .join(Stock, Stock.location_id == Location.id)
            .where(
                Stock.product_id == product_id,
                Location.active.is_(True),
                Location.code.not_in(unavailable_locations(self.settings)),
            )
            .order_by(
                desc(Stock.quantity),
                Location.pick_sequence.is_(None),
                Location.pick_sequence,
                Location.code,
            )
            .limit(1)
        )

    @staticmethod
    def _own_location(session: Session, code: str) -> Location:
        row = session.scalar(select(Location).where(Location.code == code))
        if row is None:
            row = Location(code=code, zone="returns", active=True)
            session.add(row)
            session.flush()
        return row

    def _add_missing(self, session: Session, actor: Actor, rma: ReturnAuthorization) -> int:
        added = 0
        now = utcnow()
        for line in rma.lines:
            accounted = int(
                session.scalar(select(func.count()).where(ReturnUnit.line_id == line.id)) or 0
            )
            for _ in range(max(0, line.expected - accounted)):
                session.add(
                    ReturnUnit(
                        rma_id=rma.id,
                        line_id=line.id,
                        product_id=line.product_id,
                        code="",
                        grade="missing",
                        disposition="missing",
                        person=actor.label[:150],
                        station=actor.station,
                        at=now,
                    )
                )
                added += 1
        session.flush()
        return added

    @staticmethod
    def _tallies(session: Session, rma: ReturnAuthorization) -> dict[int, Tally[str]]:
        tallies: dict[int, Tally[str]] = {line.id: Tally() for line in rma.lines}
        for line_id, grade, count in session.execute(
            select(ReturnUnit.line_id, ReturnUnit.grade, func.count())
            .where(ReturnUnit.rma_id == rma.id)
            .group_by(ReturnUnit.line_id, ReturnUnit.grade)
        ):
            if line_id in tallies:
                tallies[line_id][grade] += int(count)
        return tallies

    def _discrepancies(self, session: Session, rma: ReturnAuthorization) -> builtins.list[str]:
        tallies = self._tallies(session, rma)
        problems = []
        for line in rma.lines:
            t = tallies[line.id]
            received = t["sellable"] + t["damaged"]
            if line.expected == 0 and received:
                problems.append(f"Not expected: {received} × {line.sku} ({line.name}).")
            elif received > line.expected:
                problems.append(
                    f"More than expected: {received} × {line.sku} came back, "
                    f"{line.expected} expected."
                )
            elif t["missing"]:
                problems.append(
                    f"Missing: {t['missing']} of {line.expected} × {line.sku} "
                    f"({line.name}) did not come back."
                )
        return problems

    def _complete(
        self, session: Session, rma: ReturnAuthorization, *, refund_allowed: bool
    ) -> None:
        rma.status = ReturnStatus.COMPLETED
        rma.completed_at = utcnow()
        session.flush()
        if rma.store_id is None or rma.order_id is None:
            return
        order = session.get(Order, rma.order_id)
        if order is None:
            return
        key = f"return:{rma.store_id}:{rma.number}"
        if session.scalar(select(OutboxEntry.id).where(OutboxEntry.idempotency_key == key)):
            return
        lines, all_sellable = self._store_lines(session, rma)
        if not lines:
            return
        refund = (
            refund_allowed
            and self.settings.refunds == "complete-sellable"
            and all_sellable
            and not rma.discrepancy
        )
        session.add(
            OutboxEntry(
                store_id=rma.store_id,
                order_id=order.id,
                kind="return",
                idempotency_key=key,
                payload={
                    "order_external_id": order.external_id,
                    "order_number": order.number,
                    "rma": rma.number,
                    "return_external_id": rma.external_id or "",
                    "note": rma.note,
                    "refund": refund,
                    "lines": lines,
                },
            )
        )
        session.flush()

    def _store_lines(
        self, session: Session, rma: ReturnAuthorization
    ) -> tuple[builtins.list[dict[str, Any]], bool]:
        """The payload's lines: per RMA line of the order and disposition, how many units
        (never more than the line expected: the store cannot take back more than it sold);
        and whether every unit came back sellable."""
        damaged = self.settings.damaged_disposition
        names = {
            "restocked": "RESTOCKED",
            "quarantined": damaged,
            "scrapped": damaged,
            "missing": "MISSING",
        }
        order_lines = {
            ln.id: ln
            for ln in session.scalars(select(OrderLine).where(OrderLine.order_id == rma.order_id))
        }
        out: builtins.list[dict[str, Any]] = []
        all_sellable = True
        for line in rma.lines:
            units = builtins.list(
                session.scalars(
                    select(ReturnUnit).where(ReturnUnit.line_id == line.id).order_by(ReturnUnit.id)
                )
            )
            all_sellable = all_sellable and all(u.grade == "sellable" for u in units)
            order_line = order_lines.get(line.order_line_id) if line.order_line_id else None
            if order_line is None:
                continue  # not an item of the order: the store has nothing to take back
            counts: dict[str, int] = {}
            for unit in units[: line.expected]:
                disposition = names.get(unit.disposition)
                if disposition is not None:
                    counts[disposition] = counts.get(disposition, 0) + 1
            for disposition, quantity in counts.items():
                out.append(
                    {
                        "line_external_id": order_line.external_id or "",
                        "sku": line.sku,
                        "quantity": quantity,
                        "disposition": disposition,
                        "reason": line.reason,
                        "return_line_id": line.external_id or "",
                    }
                )
        return out, all_sellable

    def _view(self, session: Session, rma: ReturnAuthorization) -> ReturnView:
        session.flush()
        session.refresh(rma)
        tallies = self._tallies(session, rma)
        order = session.get(Order, rma.order_id) if rma.order_id else None
        store = session.get(Store, rma.store_id) if rma.store_id else None
        codes = dict(
            session.execute(
                select(Location.id, Location.code)
                .join(ReturnUnit, ReturnUnit.location_id == Location.id)
                .where(ReturnUnit.rma_id == rma.id)
            ).all()
        )
        skus = {line.id: line.sku for line in rma.lines}
        lines = []
        for line in rma.lines:
            t = tallies[line.id]
            home = self._home(session, line.product_id) if line.product_id else None
            lines.append(
                ReturnLineView(
                    id=line.id,
                    sku=line.sku,
                    name=line.name,
                    expected=line.expected,
                    sellable=t["sellable"],
                    damaged=t["damaged"],
                    missing=t["missing"],
                    reason=line.reason,
                    suggested_location=(
                        self.settings.issues_location
                        if rma.status is ReturnStatus.UNMATCHED
                        else (home.code if home else None)
                    ),
                    external_id=line.external_id,
                )
            )
        units = tuple(
            ReturnUnitView(
                id=u.id,
                sku=skus.get(u.line_id, "") if u.line_id else "",
                code=u.code,
                grade=u.grade,
                disposition=u.disposition,
                location=codes.get(u.location_id) if u.location_id else None,
                person=u.person,
                at=u.at,
            )
            for u in session.scalars(
                select(ReturnUnit).where(ReturnUnit.rma_id == rma.id).order_by(ReturnUnit.id)
            )
        )
        return ReturnView(
            number=rma.number,
            status=rma.status.value,
            source=rma.source,
            order_number=order.number if order else None,
            store=store.name if store else None,
            external_id=rma.external_id,
            lines=tuple(lines),
            units=units,
            discrepancy=rma.discrepancy,
            note=rma.note,
            collection_carrier=rma.collection_carrier,
            collection_tracking=rma.collection_tracking,
            can_finish=bool(units) and rma.status in (ReturnStatus.OPEN, ReturnStatus.RECEIVING),
        )


def _line_of(line: OrderLine, quantity: int, reason: str) -> ReturnLine:
    return ReturnLine(
        order_line_id=line.id,
        external_id=None,
        product_id=line.product_id,
        sku=line.sku,
        name=line.name,
        expected=quantity,
        reason=reason,
    )


def _orders(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Order.id, Order.number).where(Order.id.in_(ids))).all())


def _stores(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Store.id, Store.name).where(Store.id.in_(ids))).all())


def find(
    session: Session, scans: Interpreter, code: str
) -> tuple[ReturnAuthorization | None, Order | None]:
    """What a code scanned or typed at the returns station names: an RMA (its number, or
    the tracking number of its collection) or an order (the tracking number of its shipment,
    the packing slip, its number). NotFound, with a sentence, when nothing is."""
    text = code.strip()
    if not text:
        raise InvalidInput("Scan the parcel's label, the packing slip or the RMA number.")
    number = rma_number_of(text)
    if number is not None:
        rma = session.scalar(
            select(ReturnAuthorization).where(ReturnAuthorization.number == number)
        )
        if rma is None:
            raise NotFound(f"There is no RMA {number}: see 'fulfillment returns list'.")
        return rma, None
    if len(text) <= 100:
        rma = session.scalar(
            select(ReturnAuthorization)
            .where(ReturnAuthorization.collection_tracking == text)
            .order_by(ReturnAuthorization.id.desc())
            .limit(1)
        )
        if rma is not None:
            return rma, None
        order_id = session.scalar(
            select(Shipment.order_id)
            .where(Shipment.tracking_number == text)
            .order_by(Shipment.id.desc())
            .limit(1)
        )
        if order_id is not None:
            return None, session.get(Order, order_id)
    scan = scans.interpret(text)
    wanted = scan.value if scan.kind == "order" and scan.value else (scan.data or text)
    try:
        return None, find_order(session, wanted)
    except NotFound:
        raise NotFound(
            f"Nothing is known by {text[:60]!r}: scan the packing slip, the tracking number "
            "or the RMA number, or type the order number."
        ) from None
