"""An open pack session in memory, rebuilt from the database after a restart, and never trusted
over the database: another process of the same station may have scanned, undone or closed it.

Every change to a session goes through :meth:`LiveSessions.current` inside the transaction that
writes it: one update bumps the session's revision only while the session is still open (and
locks its row until the commit), and memory is rebuilt when the revision shows that the
database has moved on. Memory takes a change only after its transaction has committed.
"""

from __future__ import annotations

import threading
from typing import NoReturn, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from ..db.models import (
    Order,
    OrderLine,
    PackSession,
    PackSessionStatus,
    Product,
    ProductBarcode,
    ScanEvent,
)
from ..errors import NotFound
from ..packing.verify import Catalogue, Decision, Line, Outcome, Verifier
from .pack_types import OrderNotPackable


class LiveSession:
    """An open session in memory: the verifier and the undo stack of accepted scans."""

    def __init__(
        self,
        session_id: int,
        order_id: int,
        order_number: str,
        verifier: Verifier,
        weights: dict[int, tuple[float | None, str]],
        dims: dict[int, tuple[float, float, float] | None],
    ):
        self.session_id = session_id
        self.order_id = order_id
        self.order_number = order_number
        self.verifier = verifier
        self.weights = weights  # line id -> (unit weight, sku)
        self.dims = dims  # line id -> item dimensions
        self.accepted: list[tuple[int, Decision]] = []  # (scan event id, decision)
        self.in_box: dict[int, int] = {}  # line id -> pieces in the box being packed
        self.revision = 0  # the session's revision this memory matches
        self.next_revision = 0  # the revision of the change being written

    def committed(self) -> None:
        """The change being written has committed: memory now matches its revision."""
        self.revision = self.next_revision

    def count(self, event_id: int, decision: Decision, sign: int = 1) -> None:
        """Record an accepted scan (sign 1) or take one back (sign -1) in the current box."""
        if decision.line_id is None:
            return
        self.in_box[decision.line_id] = (
            self.in_box.get(decision.line_id, 0) + sign * decision.quantity
        )
        if sign > 0:
            self.accepted.append((event_id, decision))


def load_live(session: Session, session_id: int) -> LiveSession:
    """Rebuild an open session: its order's lines and products, then every scan not undone
    replayed in order (scans in the open box can still be undone, closed boxes cannot)."""
    row = session.get(PackSession, session_id)
    if row is None or row.status is not PackSessionStatus.OPEN:
        raise NotFound(f"Pack session {session_id} is not open.")
    order = session.get(Order, row.order_id)
    assert order is not None
    lines = list(
        session.scalars(
            select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)
        )
    )
    skus = {line.sku for line in lines}
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(
                Product.id.in_({ln.product_id for ln in lines if ln.product_id} or {-1})
                | Product.sku.in_(skus)
            )
        )
    }
    by_sku = {p.sku: p for p in products.values()}
    catalogue = Catalogue()
    for b in session.scalars(
        select(ProductBarcode).where(ProductBarcode.product_id.in_(products or {-1}))
    ):
        catalogue.by_code[b.code] = (b.product_id, b.quantity)
    for p in products.values():
        catalogue.by_sku[p.sku.casefold()] = p.id
        catalogue.names[p.id] = p.name
    verifier_lines: list[Line] = []
    weights: dict[int, tuple[float | None, str]] = {}
    dims: dict[int, tuple[float, float, float] | None] = {}
    for ln in lines:
        product = products.get(ln.product_id) if ln.product_id else by_sku.get(ln.sku)
        verifier_lines.append(
            Line(
                ln.id,
                ln.sku,
                ln.name,
                ln.quantity,
                0,
                product.id if product else None,
                bool(product and product.requires_serial),
            )
        )
        weights[ln.id] = (product.weight_g if product else None, ln.sku)
        dims[ln.id] = None
        if product and product.length_mm and product.width_mm and product.height_mm:
            dims[ln.id] = (product.length_mm, product.width_mm, product.height_mm)
    live = LiveSession(
        session_id,
        order.id,
        order.number,
        Verifier(verifier_lines, catalogue),
        weights,
        dims,
    )
    # Replay what was scanned before a restart: every accepted scan not undone.
    for event in session.scalars(
        select(ScanEvent)
        .where(
            ScanEvent.pack_session_id == session_id,
            ScanEvent.undone.is_(False),
            ScanEvent.order_line_id.is_not(None),
            ScanEvent.quantity > 0,
        )
        .order_by(ScanEvent.id)
    ):
        decision = Decision(
            Outcome(event.outcome),
            "",
            event.order_line_id,
            event.quantity,
            event.serial,
            event.lot,
        )
        live.verifier.apply(decision)
        if event.package_id is None:  # still in the open box: can be undone
            live.count(event.id, decision)
    live.revision = live.next_revision = row.revision
    return live


#: Bump the revision of a session that is still open (and lock its row): built once, for the
#: hot path of every scan.
_TABLE = cast(Table, PackSession.__table__)
_BUMP = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("session_id"), _TABLE.c.status == PackSessionStatus.OPEN)
    .values(revision=_TABLE.c.revision + 1)
    .returning(_TABLE.c.revision)
)


class LiveSessions:
    """The open sessions of this station in memory, shared by the service's threads."""

    def __init__(self) -> None:
        self._live: dict[int, LiveSession] = {}
        self._lock = threading.Lock()

    def cached(self, session: Session, session_id: int) -> LiveSession:
        """For reading: memory if it is as recent as the database, else the session rebuilt
        from ``session`` (a read scope: it waits for no writer)."""
        with self._lock:
            live = self._live.get(session_id)
        if live is not None:
            revision = session.scalar(
                select(PackSession.revision).where(
                    PackSession.id == session_id, PackSession.status == PackSessionStatus.OPEN
                )
            )
            if revision == live.revision:
                return live
        live = load_live(session, session_id)
        with self._lock:
            self._live[session_id] = live
        return live

    def current(self, session: Session, session_id: int) -> LiveSession:
        """For a change, inside its write transaction: the row locked, still open, and memory
        as the database has it now (rebuilt if another process moved it on)."""
        revision = session.connection().scalar(_BUMP, {"session_id": session_id})
        if revision is None:
            self.forget(session_id)
            self._not_open(session, session_id)
        with self._lock:
            live = self._live.get(session_id)
        if live is None or live.revision != revision - 1:
            live = load_live(session, session_id)
            live.revision = revision - 1  # as it was before this change
            with self._lock:
                self._live[session_id] = live
        live.next_revision = revision
        return live

    @staticmethod
    def _not_open(session: Session, session_id: int) -> NoReturn:
        row = session.get(PackSession, session_id)
        if row is None:
            raise NotFound(f"Pack session {session_id} does not exist.")
        number = session.scalar(select(Order.number).where(Order.id == row.order_id))
        if row.status is PackSessionStatus.EXCEPTION:
            raise OrderNotPackable(f"Order {number} was sent to the exceptions meanwhile.")
        raise OrderNotPackable(
            f"Order {number} was closed meanwhile (station {row.station}): "
            "do not pack it again; start the next order."
        )

    def forget(self, session_id: int) -> None:
        with self._lock:
            self._live.pop(session_id, None)
