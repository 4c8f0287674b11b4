"""The packing station's use cases: start, scan, undo, weigh, close, short ship.

Every scan is written (as a scan event of the session) in the transaction that decides it, so
a killed process loses nothing: on restart the open session is rebuilt from its events and
the station carries on where it was. The decision itself is made by the pure
:class:`~fulfillment_app.packing.verify.Verifier`, kept in memory between scans.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..config import PackingSettings
from ..db import Database
from ..db.models import Order, OrderStatus, PackSession, PackSessionStatus, ScanEvent, utcnow
from ..devices.errors import DeviceError
from ..errors import InvalidInput
from ..packing.boxes import BoxType, parse_boxes
from ..packing.verify import Cue, Decision, Outcome
from ..packing.weight import WeightCheck
from ..scanning import Interpreter
from . import audit
from .labels import LabelService
from .orders import find_order
from .pack_checks import check_packable, held, known_elsewhere, store_change
from .pack_close import Closer, choose_box, suggested_box, weigh
from .pack_rfid import rfid_verify
from .pack_state import LiveSession, LiveSessions
from .pack_types import (
    Closed,
    LineView,
    OrderNotPackable,
    PackIncomplete,
    RfidResult,
    ScanReply,
    SessionView,
    WeightMismatch,
)
from .permissions import Actor, Permission

__all__ = [
    "Closed",
    "Cue",
    "LineView",
    "OrderNotPackable",
    "PackIncomplete",
    "PackingService",
    "RfidResult",
    "ScanReply",
    "SessionView",
    "WeightMismatch",
]


class PackingService:
    """The packing station's use cases; closing lives in :mod:`.pack_close`, the RFID read in
    :mod:`.pack_rfid`, the session in memory (never trusted over the database) in
    :mod:`.pack_state`."""

    def __init__(
        self,
        db: Database,
        interpreter: Interpreter,
        settings: PackingSettings,
        labels: LabelService,
        station: str,
    ):
        self._db = db
        self._interpreter = interpreter
        self.settings = settings
        self._labels = labels
        self._station = station
        self._boxes = parse_boxes(settings.boxes)
        self._sessions = LiveSessions()
        self._closer = Closer(db, labels, settings, self._boxes, self._sessions)

    # -- start and resume ----------------------------------------------------------------------

    def start(self, actor: Actor, code: str) -> SessionView:
        """Start (or resume) packing the order that ``code`` names: an order number, the
        packing slip's ``ORD:`` barcode, or ``#1001``."""
        actor.require(Permission.PACK)
        scan = self._interpreter.interpret(code)
        if scan.kind == "order" and scan.value:
            number = scan.value
        elif scan.kind in ("unknown", "gtin") and scan.data:
            number = scan.data
        elif scan.kind == "tote":
            raise InvalidInput(
                "Totes of picked batches come with the picking screens; scan the "
                "packing slip or type the order number."
            )
        else:
            raise InvalidInput(f"{scan.raw!r} is not an order number: scan the packing slip.")
        with self._db.read() as session:
            order = find_order(session, number)
            check_packable(order)
            change = store_change(session, order.id)
            if change is not None:
                raise OrderNotPackable(change)
            open_session = self._open_of(session, order.id)
            if open_session is not None:
                if open_session.station != self._station:
                    raise OrderNotPackable(held(open_session, order.number))
                session_id, resumed = open_session.id, True
            else:
                session_id, resumed = None, False
        if session_id is None:
            session_id, resumed = self._open(actor, order.id, order.number)
        return self._view(self._load(session_id), resumed)

    def open_session(self) -> int | None:
        """The session left open at this station (after a restart), if any."""
        with self._db.read() as session:
            return session.scalar(
                select(PackSession.id)
                .where(
                    PackSession.station == self._station,
                    PackSession.status == PackSessionStatus.OPEN,
                )
                .order_by(PackSession.id.desc())
            )

    def view(self, session_id: int) -> SessionView:
        return self._view(self._load(session_id), True)

    @staticmethod
    def _open_of(session: Any, order_id: int) -> PackSession | None:
        return session.scalars(
            select(PackSession).where(
                PackSession.order_id == order_id, PackSession.status == PackSessionStatus.OPEN
            )
        ).one_or_none()

    def _open(self, actor: Actor, order_id: int, number: str) -> tuple[int, bool]:
        """A new session (False), or the one another process of this station opened between
        our check and our insert (True: resumed)."""
        try:
            with self._db.write() as session:
                row = PackSession(
                    order_id=order_id,
                    station=self._station,
                    user_id=actor.user_id,
                    user_name=actor.name,
                )
                session.add(row)
                session.flush()
                session.execute(
                    update(Order).where(Order.id == order_id).values(status=OrderStatus.PACKING)
                )
                return row.id, False
        except IntegrityError:  # another station opened it between our check and insert
            with self._db.read() as session:
                other = self._open_of(session, order_id)
                if other is None:  # opened and closed meanwhile
                    order = session.get(Order, order_id)
                    assert order is not None
                    check_packable(order)
                    raise OrderNotPackable(f"Order {number} was packed meanwhile.") from None
                if other.station == self._station:
                    return other.id, True
                raise OrderNotPackable(held(other, number)) from None

    # -- scanning ------------------------------------------------------------------------------

    def scan(self, actor: Actor, session_id: int, raw: str | bytes) -> ScanReply:
        actor.require(Permission.PACK)
        result = self._interpreter.interpret(raw)
        if result.kind == "command" and result.value == "undo":
            return self.undo(actor, session_id)
        with self._db.write() as session:
            live = self._sessions.current(session, session_id)
            decision = live.verifier.decide(result)
            if decision.outcome is Outcome.UNKNOWN:
                decision = known_elsewhere(session, result, decision)
            change = store_change(session, live.order_id)
            if change is not None:  # the store changed the order under us: nothing counts
                decision = Decision(Outcome.ORDER_CHANGED, change)
            event = ScanEvent(
                user_id=actor.user_id,
                context="pack",
                raw=result.raw[:2000],
                kind=result.kind,
                outcome=decision.outcome.value,
                order_id=live.order_id,
                pack_session_id=session_id,
                order_line_id=decision.line_id,
                quantity=decision.quantity,
                serial=decision.serial,
                lot=decision.lot,
            )
            session.add(event)
            session.flush()
            event_id = event.id
        # Committed: memory follows the database.
        live.committed()
        live.verifier.apply(decision)
        if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE):
            live.count(event_id, decision)
        return self._reply(live, decision)

    def undo(self, actor: Actor, session_id: int) -> ScanReply:
        """Take back the last accepted scan (the scan stays in the record, marked undone)."""
        actor.require(Permission.PACK)
        with self._db.write() as session:
            live = self._sessions.current(session, session_id)
            if not live.accepted:
                return self._reply(live, Decision(Outcome.COMMAND, "Nothing to undo."))
            event_id, decision = live.accepted[-1]
            session.execute(update(ScanEvent).where(ScanEvent.id == event_id).values(undone=True))
        live.committed()
        live.accepted.pop()
        live.count(event_id, decision, -1)
        live.verifier.undo(decision)
        line = live.verifier.lines[decision.line_id] if decision.line_id else None
        text = f"Undone: {line.name} is {line.packed} of {line.quantity}." if line else "Undone."
        return self._reply(live, Decision(Outcome.COMMAND, text))

    @staticmethod
    def _reply(live: LiveSession, decision: Decision) -> ScanReply:
        packed, total = live.verifier.progress()
        return ScanReply(
            decision.outcome.value,
            decision.message,
            decision.cue.value,
            packed,
            total,
            live.verifier.complete,
        )

    def rfid_verify(self, actor: Actor, session_id: int, epcs: set[str]) -> RfidResult:
        """Compare one bulk read of the tote with the order (see :func:`.pack_rfid.rfid_verify`)."""
        return rfid_verify(self._db, self._interpreter, self._sessions, actor, session_id, epcs)

    def read_scale(self, devices: Any) -> float:
        """A stable weight from this station's scale (``packing.scale``), in grams."""
        if not self.settings.scale:
            raise InvalidInput("No scale is set for this station (packing.scale): type the weight.")
        try:
            reading = devices.read_weight(self.settings.scale).result(timeout=30)
        except DeviceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a time-out of the future, reported plainly
            raise DeviceError(f"The scale did not give a weight: {exc}") from None
        if reading.grams is None:
            raise DeviceError("The scale gave no weight.")
        return float(reading.grams)

    # -- weight, box, close ----------------------------------------------------------------------

    def suggested_box(self, session_id: int) -> BoxType | None:
        return suggested_box(self._load(session_id), self._boxes)

    def box(self, code: str | None, session_id: int) -> BoxType:
        return choose_box(self._load(session_id), self._boxes, code)

    def check_weight(self, session_id: int, measured_g: float, box: BoxType) -> WeightCheck:
        return weigh(self._load(session_id), measured_g, box, self.settings)

    def close(
        self,
        actor: Actor,
        session_id: int,
        *,
        weight_g: float | None,
        box_code: str | None = None,
        approved_by: Actor | None = None,
        reason: str | None = None,
        tracking: str = "",
        print_documents: bool = True,
        final: bool = True,
    ) -> Closed:
        """Close the package: every line complete, weight within tolerance (or approved by a
        supervisor, audited), then package, SSCC, lines packed, order packed and the
        fulfillment for the store in the outbox, all in one transaction that first locks the
        session and finds it still open (two processes of one station closing the same
        order make one package); then the shipping label and packing slip go to the
        station's printers (queued if a printer is away).

        ``final=False`` closes one box of an order shipped in several: the box holds what was
        scanned since the last one, the session stays open for the next box."""
        return self._closer.close(
            actor,
            session_id,
            weight_g=weight_g,
            box_code=box_code,
            approved_by=approved_by,
            reason=reason,
            tracking=tracking,
            print_documents=print_documents,
            final=final,
        )

    def short_ship(self, actor: Actor, session_id: int, reason: str) -> None:
        """Send the order to the exceptions queue for a supervisor, with the reason."""
        actor.require(Permission.PACK)
        if not reason.strip():
            raise InvalidInput("Say why the order cannot be packed complete.")
        with self._db.write() as session:
            live = self._sessions.current(session, session_id)
            row = session.get(PackSession, session_id)
            assert row is not None
            row.status, row.reason, row.closed_at = PackSessionStatus.EXCEPTION, reason, utcnow()
            session.execute(
                update(Order).where(Order.id == live.order_id).values(status=OrderStatus.EXCEPTION)
            )
            packed, total = live.verifier.progress()
            audit.record(
                session,
                actor,
                "pack.short_ship",
                target_type="order",
                target_id=live.order_number,
                after={"packed": packed, "total": total},
                reason=reason,
            )
        self._sessions.forget(session_id)

    # -- loading (and resuming after a crash) --------------------------------------------------

    def _load(self, session_id: int) -> LiveSession:
        """The session for reading (memory, or rebuilt from the database: a read scope that
        never waits behind a writer)."""
        with self._db.read() as session:
            return self._sessions.cached(session, session_id)

    def _view(self, live: LiveSession, resumed: bool) -> SessionView:
        packed, total = live.verifier.progress()
        suggestion = suggested_box(live, self._boxes)
        return SessionView(
            live.session_id,
            live.order_number,
            [
                LineView(ln.sku, ln.name, ln.quantity, ln.packed)
                for ln in live.verifier.lines.values()
            ],
            packed,
            total,
            live.verifier.complete,
            suggestion.code if suggestion else None,
            resumed,
        )
