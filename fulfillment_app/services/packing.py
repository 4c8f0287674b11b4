"""The packing station's use cases: start, scan, undo, weigh, close, short ship.

Every scan is written (as a scan event of the session) in the transaction that decides it, so
a killed process loses nothing: on restart the open session is rebuilt from its events and
the station carries on where it was. The decision itself is made by the pure
:class:`~fulfillment_app.packing.verify.Verifier`, kept in memory between scans.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..config import PackingSettings
from ..db import Database
from ..db.models import (
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    Package,
    PackSession,
    PackSessionStatus,
    Product,
    ProductBarcode,
    ScanEvent,
    utcnow,
)
from ..devices.errors import DeviceError
from ..errors import InvalidInput
from ..packing.boxes import OWN, OWN_BOX, BoxType, parse_boxes, suggest_box
from ..packing.verify import Cue, Decision, Outcome
from ..packing.weight import WeightCheck, check_weight, expected_weight
from ..scanning import Interpreter
from . import audit
from .labels import LabelService
from .orders import find_order
from .pack_outbox import fulfillment_entry
from .pack_state import LiveSession, load_live
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
        self._live: dict[int, LiveSession] = {}
        self._lock = threading.Lock()

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
        with self._db.session() as session:
            order = find_order(session, number)
            self._check_packable(order)
            change = self._store_change(session, order.id)
            if change is not None:
                raise OrderNotPackable(change)
            open_session = session.scalars(
                select(PackSession).where(
                    PackSession.order_id == order.id, PackSession.status == PackSessionStatus.OPEN
                )
            ).one_or_none()
            if open_session is not None:
                if open_session.station != self._station:
                    raise OrderNotPackable(self._held(open_session, order.number))
                session_id, resumed = open_session.id, True
            else:
                session_id, resumed = None, False
        if session_id is None:
            session_id = self._open(actor, order.id, order.number)
        return self._view(self._load(session_id), resumed)

    def open_session(self) -> int | None:
        """The session left open at this station (after a restart), if any."""
        with self._db.session() as session:
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

    def _open(self, actor: Actor, order_id: int, number: str) -> int:
        try:
            with self._db.session() as session:
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
                return row.id
        except IntegrityError:  # another station opened it between our check and insert
            with self._db.session() as session:
                other = session.scalars(
                    select(PackSession).where(
                        PackSession.order_id == order_id,
                        PackSession.status == PackSessionStatus.OPEN,
                    )
                ).one()
                raise OrderNotPackable(self._held(other, number)) from None

    @staticmethod
    def _held(other: PackSession, number: str) -> str:
        since = other.started_at.astimezone().strftime("%H:%M")
        return (
            f"Order {number} is being packed at station {other.station} by "
            f"{other.user_name} since {since}."
        )

    @staticmethod
    def _store_change(session: Any, order_id: int) -> str | None:
        """The interrupt for this order, if the store changed it while we work on it."""
        detail = session.scalar(
            select(OrderChange.detail)
            .where(OrderChange.order_id == order_id, OrderChange.resolved_at.is_(None))
            .order_by(OrderChange.id.desc())
            .limit(1)
        )
        if detail is None:
            return None
        return f"{detail} Stop packing it and put the items aside; a supervisor decides."

    @staticmethod
    def _check_packable(order: Order) -> None:
        reasons = {
            OrderStatus.CANCELLED: "was cancelled in the store: do not ship it",
            OrderStatus.ON_HOLD: "is on hold in the store: put it aside",
            OrderStatus.PACKED: "is packed already",
            OrderStatus.SHIPPED: "has shipped already",
            OrderStatus.EXCEPTION: "waits for a supervisor in the exceptions",
        }
        if order.status in reasons:
            raise OrderNotPackable(f"Order {order.number} {reasons[order.status]}.")

    # -- scanning ------------------------------------------------------------------------------

    def scan(self, actor: Actor, session_id: int, raw: str | bytes) -> ScanReply:
        actor.require(Permission.PACK)
        live = self._load(session_id)
        result = self._interpreter.interpret(raw)
        if result.kind == "command" and result.value == "undo":
            return self.undo(actor, session_id)
        decision = live.verifier.decide(result)
        if decision.outcome is Outcome.UNKNOWN:
            decision = self._known_elsewhere(result, decision)
        with self._db.session() as session:
            change = self._store_change(session, live.order_id)
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
        live.verifier.apply(decision)
        if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE):
            live.count(event_id, decision)
        return self._reply(live, decision)

    def undo(self, actor: Actor, session_id: int) -> ScanReply:
        """Take back the last accepted scan (the scan stays in the record, marked undone)."""
        actor.require(Permission.PACK)
        live = self._load(session_id)
        if not live.accepted:
            return self._reply(live, Decision(Outcome.COMMAND, "Nothing to undo."))
        event_id, decision = live.accepted[-1]
        with self._db.session() as session:
            session.execute(update(ScanEvent).where(ScanEvent.id == event_id).values(undone=True))
        live.accepted.pop()
        live.count(event_id, decision, -1)
        live.verifier.undo(decision)
        line = live.verifier.lines[decision.line_id] if decision.line_id else None
        text = f"Undone: {line.name} is {line.packed} of {line.quantity}." if line else "Undone."
        return self._reply(live, Decision(Outcome.COMMAND, text))

    def _known_elsewhere(self, result: Any, decision: Decision) -> Decision:
        codes = [c for c in (result.gtin, *result.alternatives, result.value) if c]
        if not codes:
            return decision
        with self._db.session() as session:
            name = session.scalar(
                select(Product.name).join(ProductBarcode).where(ProductBarcode.code.in_(codes))
            ) or session.scalar(select(Product.name).where(Product.sku.in_(codes)))
        if name is None:
            return decision
        return Decision(
            Outcome.WRONG_ITEM, f"Wrong item: {name} is not in this order. Take it out of the box."
        )

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

    # -- RFID ------------------------------------------------------------------------------------

    def rfid_verify(self, actor: Actor, session_id: int, epcs: set[str]) -> RfidResult:
        """Compare one bulk read of the tote with the order: each distinct tag counts once;
        SGTIN EPCs map to GTINs. Missing, extra and unknown tags are all reported at once.
        Items the tags confirm are counted as packed (one scan event per tag)."""
        actor.require(Permission.PACK)
        live = self._load(session_id)
        by_line: dict[int, int] = {}
        extra: list[str] = []
        unknown: list[str] = []
        accepted: list[tuple[str, Decision]] = []
        for epc in sorted(epcs):
            result = self._interpreter.interpret(epc, source="rfid")
            if result.kind != "epc" or not result.gtin:
                unknown.append(epc)
                continue
            decision = live.verifier.decide(result)
            if decision.outcome is Outcome.UNKNOWN:
                decision = self._known_elsewhere(result, decision)
            if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE) and decision.line_id:
                live.verifier.apply(decision)
                accepted.append((epc, decision))
                by_line[decision.line_id] = by_line.get(decision.line_id, 0) + 1
            elif decision.outcome is Outcome.UNKNOWN:
                unknown.append(epc)
            else:
                extra.append(epc)
        with self._db.session() as session:
            for epc, decision in accepted:
                event = ScanEvent(
                    user_id=actor.user_id,
                    context="pack",
                    raw=epc,
                    kind="epc",
                    outcome=decision.outcome.value,
                    order_id=live.order_id,
                    pack_session_id=session_id,
                    order_line_id=decision.line_id,
                    quantity=decision.quantity,
                    serial=(decision.serial or None),
                )
                session.add(event)
                session.flush()
                live.count(event.id, decision)
        missing = [
            f"{line.name} ({line.remaining})"
            for line in live.verifier.lines.values()
            if line.remaining > 0
        ]
        return RfidResult(len(accepted), missing, extra, unknown, live.verifier.complete)

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
        live = self._load(session_id)
        items: list[tuple[float, float, float]] = []
        for line in live.verifier.lines.values():
            dims = live.dims.get(line.id)
            if dims:
                items.extend([dims] * line.quantity)
        return suggest_box(items, self._boxes)

    def box(self, code: str | None, session_id: int) -> BoxType:
        if not code:
            suggestion = self.suggested_box(session_id)
            if suggestion is None:
                raise InvalidInput(
                    "No box of this station fits these items: scan a box code "
                    f"({', '.join(b.code for b in self._boxes)} or {OWN})."
                )
            return suggestion
        wanted = code.strip().upper()
        if wanted == OWN:
            return OWN_BOX
        for box in self._boxes:
            if box.code == wanted:
                return box
        raise InvalidInput(
            f"Unknown box {code!r}: use one of {', '.join(b.code for b in self._boxes)} or {OWN}."
        )

    def check_weight(self, session_id: int, measured_g: float, box: BoxType) -> WeightCheck:
        live = self._load(session_id)
        items = [
            (live.weights[line_id][0], qty, live.weights[line_id][1])
            for line_id, qty in live.in_box.items()
            if qty > 0
        ]
        own = box.code == OWN
        expected, unknown = expected_weight(
            items, 0 if own else box.tare_g, 0 if own else self.settings.dunnage_g
        )
        return check_weight(
            expected,
            measured_g,
            tolerance_g=self.settings.tolerance_g,
            tolerance_pct=self.settings.tolerance_pct,
            unknown=unknown,
        )

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
        fulfillment for the store in the outbox, all in one transaction; then the shipping
        label and packing slip go to the station's printers (queued if a printer is away).

        ``final=False`` closes one box of an order shipped in several: the box holds what was
        scanned since the last one, the session stays open for the next box."""
        actor.require(Permission.PACK)
        live = self._load(session_id)
        with self._db.session() as session:
            change = self._store_change(session, live.order_id)
        if change is not None:
            raise OrderNotPackable(change)
        in_box = {line_id: qty for line_id, qty in live.in_box.items() if qty > 0}
        if not in_box:
            raise PackIncomplete("Nothing has been scanned into this box yet.")
        if final and not live.verifier.complete:
            missing = [
                f"{line.name} ({line.remaining})"
                for line in live.verifier.lines.values()
                if line.remaining > 0
            ]
            raise PackIncomplete(
                "Still missing: " + ", ".join(missing) + ". Scan them, or send "
                "the order to exceptions (short ship), or close this box and go on with the "
                "next one."
            )
        box = self.box(box_code, session_id)
        weight = None
        if weight_g is not None:
            weight = self.check_weight(session_id, weight_g, box)
            if not weight.ok and approved_by is None:
                raise WeightMismatch(weight.message())
        sscc = self._labels.next_sscc() if self._labels.settings.company_prefix else None
        messages: list[str] = []
        with self._db.session() as session:
            row = session.get(PackSession, session_id)
            assert row is not None
            number = (
                session.scalar(
                    select(func.count())
                    .select_from(Package)
                    .where(Package.order_id == live.order_id)
                )
                or 0
            ) + 1
            package = Package(
                order_id=live.order_id,
                pack_session_id=session_id,
                number=number,
                sscc=sscc,
                box_code=box.code,
                weight_g=weight_g,
                expected_weight_g=weight.expected_g if weight else None,
            )
            session.add(package)
            session.flush()
            session.execute(
                update(ScanEvent)
                .where(
                    ScanEvent.pack_session_id == session_id,
                    ScanEvent.package_id.is_(None),
                    ScanEvent.undone.is_(False),
                    ScanEvent.order_line_id.is_not(None),
                    ScanEvent.quantity > 0,
                )
                .values(package_id=package.id)
            )
            for line in live.verifier.lines.values():
                session.execute(
                    update(OrderLine)
                    .where(OrderLine.id == line.id)
                    .values(quantity_packed=line.packed)
                )
            if final:
                session.execute(
                    update(Order).where(Order.id == live.order_id).values(status=OrderStatus.PACKED)
                )
            order = session.get(Order, live.order_id)
            assert order is not None
            if order.store_id is not None:
                # In the same transaction as the package: the store hears of every package
                # exactly once (the sync engine delivers the outbox; its key is the package).
                session.flush()
                skus = {line_id: live.verifier.lines[line_id].sku for line_id in in_box}
                session.add(
                    fulfillment_entry(order, package, in_box, skus, tracking=tracking, final=final)
                )
            if final:
                row.status = PackSessionStatus.CLOSED
                row.closed_at = utcnow()
            row.box_code = box.code
            row.measured_weight_g = weight_g
            row.expected_weight_g = weight.expected_g if weight else None
            if weight is not None and not weight.ok and approved_by is not None:
                audit.record(
                    session,
                    approved_by,
                    "pack.weight_override",
                    target_type="order",
                    target_id=live.order_number,
                    before={"expected_g": round(weight.expected_g, 1)},
                    after={"measured_g": weight_g},
                    reason=reason,
                )
                messages.append(f"Weight approved by {approved_by.name}.")
            session.flush()
            package_id = package.id
        if weight is not None and weight.unknown_weights:
            messages.append("No weight is known for: " + ", ".join(weight.unknown_weights) + ".")
        with self._lock:
            if final:
                self._live.pop(session_id, None)
            else:  # the next box starts empty; what is closed cannot be undone
                live.in_box.clear()
                live.accepted.clear()
        if print_documents:
            packages = number if final else 0  # 0: "package n", the total is not known yet
            messages.extend(
                self._print(actor, live.order_number, sscc, number, packages, weight_g, tracking)
            )
        return Closed(package_id, number, sscc, box.code, weight, messages)

    def _print(
        self,
        actor: Actor,
        number: str,
        sscc: str | None,
        package: int,
        packages: int,
        weight_g: float | None,
        tracking: str,
    ) -> list[str]:
        """Shipping label and packing slip to the station's printers, where configured. A
        printer that is away keeps the job queued; the package is closed either way."""
        messages = []
        labels = self._labels
        if labels.settings.label_printer and sscc:
            outcome, rendered = labels.print(
                actor,
                "shipping",
                number,
                sscc=sscc,
                package=package,
                packages=packages,
                weight_g=weight_g,
                tracking=tracking,
            )
            messages += [outcome.message, *rendered.warnings]
        if labels.settings.document_printer:
            outcome, rendered = labels.print(actor, "packing-slip", number)
            messages += [outcome.message, *rendered.warnings]
        return messages

    def short_ship(self, actor: Actor, session_id: int, reason: str) -> None:
        """Send the order to the exceptions queue for a supervisor, with the reason."""
        actor.require(Permission.PACK)
        if not reason.strip():
            raise InvalidInput("Say why the order cannot be packed complete.")
        live = self._load(session_id)
        with self._db.session() as session:
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
        with self._lock:
            self._live.pop(session_id, None)

    # -- loading (and resuming after a crash) --------------------------------------------------

    def _load(self, session_id: int) -> LiveSession:
        with self._lock:
            live = self._live.get(session_id)
        if live is not None:
            return live
        live = load_live(self._db, session_id)
        with self._lock:
            return self._live.setdefault(session_id, live)

    def _view(self, live: LiveSession, resumed: bool) -> SessionView:
        packed, total = live.verifier.progress()
        suggestion = self.suggested_box(live.session_id)
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


__all__ = [
    "Closed",
    "Cue",
    "OrderNotPackable",
    "PackIncomplete",
    "PackingService",
    "ScanReply",
    "SessionView",
    "WeightMismatch",
]
