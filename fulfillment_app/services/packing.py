"""The packing station's use cases: start, scan, undo, weigh, close, short ship.

Every scan is written (as a scan event of the session) in the transaction that decides it, so
a killed process loses nothing: on restart the open session is rebuilt from its events and
the station carries on where it was. The decision itself is made by the pure
:class:`~fulfillment_app.packing.verify.Verifier`, kept in memory between scans.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

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
from .orders import find_order, order_ref, slip_code
from .pack_checks import check_packable, held, known_elsewhere, store_change
from .pack_close import Closer, choose_box, expected, suggested_box, tolerance, weigh
from .pack_lines import barcodes, images, locations, order_totes, packages_closed, store_name
from .pack_rfid import rfid_verify
from .pack_start import cart_of, next_orders, order_in_tote, order_on_cart
from .pack_state import LiveSession, LiveSessions
from .pack_types import (
    SHORT_SHIP_REASONS,
    Closed,
    ExpectedWeight,
    LineView,
    OrderNotPackable,
    PackIncomplete,
    RfidResult,
    ScanReply,
    SessionView,
    WeightMismatch,
)
from .permissions import Actor, Permission
from .printing import PrintOutcome

if TYPE_CHECKING:
    from .shipping import ShippingService

#: Outcomes whose scan counted pieces.
COUNTED = (Outcome.ACCEPTED, Outcome.COMPLETE)

__all__ = [
    "SHORT_SHIP_REASONS",
    "Closed",
    "Cue",
    "ExpectedWeight",
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
        images_dir: Path | None = None,
    ):
        """``images_dir``: where product images downloaded at import are cached
        (``<data_dir>/images``); without it only images given as local paths are shown."""
        self._db = db
        self._images_dir = images_dir
        self._cart: int | None = None  # the cart this station took last (tote scans look there)
        self._weight_listeners: list[Callable[[ExpectedWeight], None]] = []
        self._interpreter = interpreter
        self.settings = settings
        self._labels = labels
        self._station = station
        self._boxes = parse_boxes(settings.boxes)
        self._sessions = LiveSessions()
        self._closer = Closer(db, labels, settings, self._boxes, self._sessions)

    def use_shipping(self, shipping: ShippingService) -> None:
        """Packages closed from now on get their shipment requested with the carrier."""
        self._closer.shipping = shipping

    def use_settings(self, settings: PackingSettings) -> None:
        """Boxes, dunnage and tolerances changed on the settings screen: used from the next
        box suggested, weighed or closed."""
        boxes = parse_boxes(settings.boxes)
        self.settings = settings
        self._boxes = boxes
        self._closer.use_settings(settings, boxes)

    @property
    def boxes(self) -> list[BoxType]:
        """The station's boxes, as the settings list them."""
        return list(self._boxes)

    # -- start and resume ----------------------------------------------------------------------

    def start(self, actor: Actor, code: str) -> SessionView:
        """Start (or resume) packing the order that ``code`` names: the packing slip's
        ``ORD:ID-<order id>`` (or older ``ORD:<number>``), an order number (``#1001``,
        ``STORE/NUMBER``), a cart code (its first order waiting) or a tote code (the order
        in that slot); see :mod:`.pack_start`."""
        actor.require(Permission.PACK)
        scan = self._interpreter.interpret(code)
        prefixes = self._interpreter.settings
        with self._db.read() as session:
            if scan.kind == "order" and scan.value:
                order = find_order(session, scan.value)
            elif scan.kind in ("unknown", "gtin") and scan.data:
                order = find_order(session, scan.data)
            elif scan.kind == "tote" and scan.value and scan.value.startswith(prefixes.cart_prefix):
                cart = cart_of(scan.value)
                order = self._order(session, order_on_cart(session, cart, self._station))
                self._cart = cart
            elif scan.kind == "tote" and scan.value:
                order_id, self._cart = order_in_tote(session, scan.value, self._cart, self._station)
                order = self._order(session, order_id)
            else:
                raise InvalidInput(f"{scan.raw!r} is not an order number: scan the packing slip.")
            order_id, number = order.id, order.number
        return self._start_order(actor, order_id, number)

    def next_order(self, actor: Actor) -> SessionView | None:
        """The session left open at this station, else the next order to pack, started (see
        :mod:`.pack_start` for the rule); None when nothing is waiting."""
        actor.require(Permission.PACK)
        left_open = self.open_session()
        if left_open is not None:
            return self._view(self._load(left_open), True)
        with self._db.read() as session:
            candidates = [
                (order_id, self._order(session, order_id).number)
                for order_id in next_orders(session, self._station)
            ]
        for order_id, number in candidates:
            try:
                return self._start_order(actor, order_id, number)
            except OrderNotPackable:  # taken or changed meanwhile: the next one
                continue
        return None

    @staticmethod
    def _order(session: Any, order_id: int) -> Order:
        order = session.get(Order, order_id)
        if order is None:
            raise InvalidInput(f"Order {order_id} does not exist any more.")
        return cast(Order, order)

    def _start_order(self, actor: Actor, order_id: int, number: str) -> SessionView:
        with self._db.read() as session:
            order = self._order(session, order_id)
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
            session_id, resumed = self._open(actor, order_id, number)
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
        if decision.outcome is Outcome.COMPLETE and self._weight_listeners:
            self._tell_weight(live)
        return self._reply(live, decision)

    def _tell_weight(self, live: LiveSession) -> None:
        box = suggested_box(live, self._boxes)
        if box is None:
            return
        grams, unknown = expected(live, box, self.settings)
        answer = ExpectedWeight(box.code, grams, tolerance(grams, self.settings), unknown)
        for listener in list(self._weight_listeners):
            listener(answer)

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
        return self._reply(
            live, Decision(Outcome.COMMAND, text, decision.line_id), -decision.quantity
        )

    @staticmethod
    def _reply(live: LiveSession, decision: Decision, counted: int | None = None) -> ScanReply:
        packed, total = live.verifier.progress()
        line = live.verifier.lines.get(decision.line_id) if decision.line_id else None
        if counted is None:
            counted = decision.quantity if decision.outcome in COUNTED else 0
        return ScanReply(
            decision.outcome.value,
            decision.message,
            decision.cue.value,
            packed,
            total,
            live.verifier.complete,
            line.id if line else None,
            line.packed if line else 0,
            counted,
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

    def expected_weight(self, session_id: int, box_code: str | None = None) -> ExpectedWeight:
        """What the box being packed should weigh in ``box_code`` (default: the suggested
        box), with the tolerance: shown before weighing."""
        live = self._load(session_id)
        box = choose_box(live, self._boxes, box_code)
        grams, unknown = expected(live, box, self.settings)
        answer = ExpectedWeight(box.code, grams, tolerance(grams, self.settings), unknown)
        for listener in list(self._weight_listeners):
            listener(answer)
        return answer

    def on_expected_weight(self, listener: Callable[[ExpectedWeight], None]) -> None:
        """Call ``listener`` with every expected weight worked out (before weighing, and when
        a scan completes the order). The demo's simulated scale follows it so that a demo
        close passes the weight check; a station has no listener."""
        self._weight_listeners.append(listener)

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
        allow_short: bool = False,
        carrier: str | None = None,
    ) -> Closed:
        """Close the package: every line complete, weight within tolerance (or approved by a
        supervisor, audited), then package, SSCC, lines packed, order packed and the
        fulfillment for the store in the outbox, all in one transaction that first locks the
        session and finds it still open (two processes of one station closing the same
        order make one package); then the shipping label and packing slip go to the
        station's printers (queued if a printer is away).

        ``final=False`` closes one box of an order shipped in several: the box holds what was
        scanned since the last one, the session stays open for the next box.

        ``allow_short=True`` with ``approved_by`` (a supervisor, from
        ``AuthService.authorize_override``) and ``reason`` closes the order with lines still
        missing: they are shipped short, audited as ``pack.short_close``.

        ``print_documents=False`` leaves the printing to :meth:`print_documents`, which a
        screen calls in its printer lane so a waiting printer never holds up the station.

        ``carrier``: the carrier the packer chose for this package (the rules' choice
        otherwise); its shipment is requested in the same transaction and sent off this
        thread."""
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
            allow_short=allow_short,
            carrier=carrier,
        )

    # -- documents of a closed package ---------------------------------------------------------

    def print_documents(self, actor: Actor, package_id: int) -> list[PrintOutcome]:
        """Queue the shipping label and packing slip of a package closed with
        ``print_documents=False`` (slow: a printer may be waited for)."""
        return self._closer.print_documents(actor, package_id)

    def label_preview(self, actor: Actor, package_id: int, *, height_px: int = 600) -> bytes:
        """The package's shipping label as a PNG, scaled to ``height_px`` for the screen."""
        actor.require(Permission.PACK)
        p = self._closer.package(package_id)
        rendered = self._labels.render(
            actor, "shipping", order_ref(p.order_id), "png", **self._closer.shipping_kwargs(p)
        )
        return scaled_png(rendered.data, height_px)

    def reprint(self, actor: Actor, package_id: int, what: str = "label") -> PrintOutcome:
        """Print a closed package's shipping label (``label``) or packing slip (``slip``)
        again, through the print queue; audited as a reprint."""
        actor.require(Permission.PACK)
        if what not in ("label", "slip"):
            raise InvalidInput(f"Reprint the label or the slip, not {what!r}.")
        p = self._closer.package(package_id)
        ref = order_ref(p.order_id)
        if what == "label":
            outcome, _ = self._labels.print(
                actor, "shipping", ref, **self._closer.shipping_kwargs(p)
            )
        else:
            outcome, _ = self._labels.print(actor, "packing-slip", ref)
        with self._db.write() as session:
            audit.record(
                session,
                actor,
                "pack.reprint",
                target_type="order",
                target_id=p.order_number,
                after={"what": what, "package": p.number, "job": outcome.job_id},
            )
        return outcome

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
        """The screen's view of a session: built once per start (a few queries for the
        locations, barcodes and images); scans then update it from their replies."""
        packed, total = live.verifier.progress()
        suggestion = suggested_box(live, self._boxes)
        lines = list(live.verifier.lines.values())
        product_ids = {ln.product_id for ln in lines if ln.product_id is not None}
        with self._db.read() as session:
            where = locations(session, product_ids)
            codes = barcodes(session, product_ids)
            pictures = images(session, product_ids, self._images_dir)
            store = store_name(session, live.order_id)
            totes = order_totes(session, live.order_id)
            closed = packages_closed(session, live.order_id)
        return SessionView(
            live.session_id,
            live.order_number,
            [
                LineView(
                    ln.sku,
                    ln.name,
                    ln.quantity,
                    ln.packed,
                    line_id=ln.id,
                    location=where.get(ln.product_id, "") if ln.product_id else "",
                    image=pictures.get(ln.product_id) if ln.product_id else None,
                    barcode=codes.get(ln.product_id, "") if ln.product_id else "",
                )
                for ln in lines
            ],
            packed,
            total,
            live.verifier.complete,
            suggestion.code if suggestion else None,
            resumed,
            order_id=live.order_id,
            store=store,
            slip_code=slip_code(live.order_id),
            totes=totes,
            box_number=closed + 1,
            in_box=sum(qty for qty in live.in_box.values() if qty > 0),
        )


def scaled_png(data: bytes, height_px: int) -> bytes:
    """A PNG scaled down (never up) to ``height_px``; Pillow is loaded on first use."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.height <= height_px:
            return data
        width = max(1, round(image.width * height_px / image.height))
        small = image.convert("L").resize((width, height_px), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()
