"""Closing a package, and its labels: the box, the weight gate, then package, SSCC, lines
packed, order packed, the store's news in the outbox and the shipment request for the carrier,
all in one guarded transaction; the shipping label and packing slip print after it has
committed, and the shipment is sent (its label printed) off the packer's thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..config import PackingSettings
from ..db import Database
from ..db.models import (
    Order,
    OrderLine,
    OrderStatus,
    Package,
    PackSession,
    PackSessionStatus,
    ScanEvent,
    utcnow,
)
from ..errors import InvalidInput, NotFound
from ..packing.boxes import OWN, OWN_BOX, BoxType, suggest_box
from ..packing.weight import WeightCheck, check_weight, expected_weight
from . import audit
from .labels import LabelService
from .orders import order_ref
from .pack_checks import store_change
from .pack_outbox import fulfillment_entry
from .pack_state import LiveSession, LiveSessions
from .pack_types import Closed, OrderNotPackable, PackIncomplete, WeightMismatch
from .permissions import Actor, Permission
from .printing import PrintOutcome

if TYPE_CHECKING:
    from .shipping import ShippingService


def suggested_box(live: LiveSession, boxes: list[BoxType]) -> BoxType | None:
    items: list[tuple[float, float, float]] = []
    weight_g = 0.0  # what is known of it: a box's maximum weight is checked against that
    for line in live.verifier.lines.values():
        dims = live.dims.get(line.id)
        if dims:
            items.extend([dims] * line.quantity)
        unit_g = live.weights.get(line.id, (None, ""))[0]
        weight_g += (unit_g or 0.0) * line.quantity
    return suggest_box(items, boxes, weight_g=weight_g)


def choose_box(live: LiveSession, boxes: list[BoxType], code: str | None) -> BoxType:
    if not code:
        suggestion = suggested_box(live, boxes)
        if suggestion is None:
            raise InvalidInput(
                "No box of this station fits these items: scan a box code "
                f"({', '.join(b.code for b in boxes)} or {OWN})."
            )
        return suggestion
    wanted = code.strip().upper()
    if wanted == OWN:
        return OWN_BOX
    for box in boxes:
        if box.code == wanted:
            check_carries(live, box)
            return box
    raise InvalidInput(
        f"Unknown box {code!r}: use one of {', '.join(b.code for b in boxes)} or {OWN}."
    )


def check_carries(live: LiveSession, box: BoxType) -> None:
    """Refuse a box whose maximum weight the items in it (as far as their weight is known)
    and its tare go over."""
    if box.max_weight_g is None:
        return
    contents_g = sum(
        (live.weights[line_id][0] or 0.0) * qty for line_id, qty in live.in_box.items() if qty > 0
    )
    if contents_g + box.tare_g > box.max_weight_g:
        raise InvalidInput(
            f"Box {box.code} carries at most {box.max_weight_g:g} g and these items weigh "
            f"{contents_g:g} g: choose a larger box."
        )


def expected(
    live: LiveSession, box: BoxType, settings: PackingSettings
) -> tuple[float, tuple[str, ...]]:
    """What the box being packed should weigh (contents, tare, dunnage) and the SKUs whose
    weight is not known."""
    items = [
        (live.weights[line_id][0], qty, live.weights[line_id][1])
        for line_id, qty in live.in_box.items()
        if qty > 0
    ]
    own = box.code == OWN
    return expected_weight(items, 0 if own else box.tare_g, 0 if own else settings.dunnage_g)


def total_pieces(live: LiveSession) -> int:
    return live.verifier.progress()[1]


def tolerance(expected_g: float, settings: PackingSettings) -> float:
    return max(settings.tolerance_g, expected_g * settings.tolerance_pct / 100)


def weigh(
    live: LiveSession, measured_g: float, box: BoxType, settings: PackingSettings
) -> WeightCheck:
    expected_g, unknown = expected(live, box, settings)
    return check_weight(
        expected_g,
        measured_g,
        tolerance_g=settings.tolerance_g,
        tolerance_pct=settings.tolerance_pct,
        unknown=unknown,
    )


class Closer:
    """Closes packages for the packing service (see :meth:`PackingService.close`)."""

    def __init__(
        self,
        db: Database,
        labels: LabelService,
        settings: PackingSettings,
        boxes: list[BoxType],
        sessions: LiveSessions,
    ):
        self._db = db
        self._labels = labels
        self._settings = settings
        self._boxes = boxes
        self._sessions = sessions
        #: Requests the package's shipment with its carrier in the close's transaction and
        #: sends it after the commit (off this thread); None: no carriers.
        self.shipping: ShippingService | None = None

    def use_settings(self, settings: PackingSettings, boxes: list[BoxType]) -> None:
        self._settings = settings
        self._boxes = boxes
        if self.shipping is not None:
            self.shipping.use_boxes(boxes)

    def close(
        self,
        actor: Actor,
        session_id: int,
        *,
        weight_g: float | None,
        box_code: str | None,
        approved_by: Actor | None,
        reason: str | None,
        tracking: str,
        print_documents: bool,
        final: bool,
        allow_short: bool = False,
        carrier: str | None = None,
    ) -> Closed:
        actor.require(Permission.PACK)
        if approved_by is not None:
            approved_by.require(Permission.OVERRIDE)
        if allow_short and (approved_by is None or not (reason or "").strip()):
            raise PackIncomplete(
                "A short close needs a supervisor's approval and the reason: ask a supervisor."
            )
        sscc = self._labels.next_sscc() if self._labels.settings.company_prefix else None
        messages: list[str] = []
        # One transaction from the checks to the outbox: the session row is locked and must
        # still be open, and what is in the box is what the database holds now, so a second
        # process of this station (or a store change landing meanwhile) cannot slip between.
        # Durable: the label prints right after it, so a power cut must not take it back.
        with self._db.write(durable=True) as session:
            live = self._sessions.current(session, session_id)
            change = store_change(session, live.order_id)
            if change is not None:
                raise OrderNotPackable(change)
            in_box = {line_id: qty for line_id, qty in live.in_box.items() if qty > 0}
            short = self._check_complete(live, in_box, final, allow_short)
            box = choose_box(live, self._boxes, box_code)
            weight = None
            if weight_g is not None:
                weight = weigh(live, weight_g, box, self._settings)
                if not weight.ok and approved_by is None:
                    raise WeightMismatch(weight.message())
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
            shipment_id, carrier_label = None, False
            if self.shipping is not None:
                # Same transaction: the courier hears of every package exactly once (the
                # shipping worker sends it; its key is the package's reference).
                shipment = self.shipping.request(
                    session, order, package, tracking=tracking, carrier=carrier
                )
                if shipment is not None:
                    shipment_id = shipment.id
                    carrier_label = self.shipping.prints_label(session, shipment)
                    held = self.shipping.held_note(session, shipment.carrier_id)
                    if held:
                        messages.append(held)
            self._finish_row(session, session_id, box, weight_g, weight, final)
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
            if short and approved_by is not None:
                audit.record(
                    session,
                    approved_by,
                    "pack.short_close",
                    target_type="order",
                    target_id=live.order_number,
                    before={"packed": live.verifier.progress()[0], "total": total_pieces(live)},
                    after={"short": short, "packer": actor.name},
                    reason=reason,
                )
                messages.append(
                    f"Shipped short ({', '.join(f'{n} x {sku}' for sku, n in short.items())}), "
                    f"approved by {approved_by.name}."
                )
            session.flush()
            package_id = package.id
            order_id, order_number = order.id, order.number
            remaining = sum(max(line.remaining, 0) for line in live.verifier.lines.values())
        # Committed: only now does memory move on. After a box of several the session is
        # rebuilt from the database at its next step: the next box starts empty, and what is
        # closed cannot be undone.
        self._sessions.forget(session_id)
        if shipment_id is not None and self.shipping is not None:
            self.shipping.send_soon()
        if weight is not None and weight.unknown_weights:
            messages.append("No weight is known for: " + ", ".join(weight.unknown_weights) + ".")
        if print_documents:
            packages = number if final else 0  # 0: "package n", the total is not known yet
            for outcome, warnings in self._print(
                actor,
                order_ref(order_id),
                sscc,
                number,
                packages,
                weight_g,
                tracking,
                carrier_label=carrier_label,
            ):
                messages += [outcome.message, *warnings]
        return Closed(
            package_id,
            number,
            sscc,
            box.code,
            weight,
            messages,
            order_id=order_id,
            order_number=order_number,
            final=final,
            remaining=0 if final else remaining,
            short=short,
        )

    @staticmethod
    def _check_complete(
        live: LiveSession, in_box: dict[int, int], final: bool, allow_short: bool
    ) -> dict[str, int]:
        """Raise unless the box may close; returns what is left unpacked of a short close
        (by SKU), approved by a supervisor."""
        if not in_box:
            raise PackIncomplete("Nothing has been scanned into this box yet.")
        if final and not live.verifier.complete and allow_short:
            short: dict[str, int] = {}
            for line in live.verifier.lines.values():
                if line.remaining > 0:
                    short[line.sku] = short.get(line.sku, 0) + line.remaining
            return short
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
        return {}

    @staticmethod
    def _finish_row(
        session: Session,
        session_id: int,
        box: BoxType,
        weight_g: float | None,
        weight: WeightCheck | None,
        final: bool,
    ) -> None:
        row = session.get(PackSession, session_id)
        assert row is not None
        if final:
            row.status = PackSessionStatus.CLOSED
            row.closed_at = utcnow()
        row.box_code = box.code
        row.measured_weight_g = weight_g
        row.expected_weight_g = weight.expected_g if weight else None

    def _print(
        self,
        actor: Actor,
        ref: str,
        sscc: str | None,
        package: int,
        packages: int,
        weight_g: float | None,
        tracking: str,
        *,
        carrier_label: bool = False,
    ) -> list[tuple[PrintOutcome, list[str]]]:
        """Shipping label and packing slip to the station's printers, where configured. A
        printer that is away keeps the job queued; the package is closed either way.
        ``ref`` names the order unambiguously (``ID-<order id>``). With ``carrier_label`` the
        carrier's label takes the place of ours (it prints when the carrier answers)."""
        printed = []
        labels = self._labels
        if labels.settings.label_printer and sscc and not carrier_label:
            outcome, rendered = labels.print(
                actor,
                "shipping",
                ref,
                sscc=sscc,
                package=package,
                packages=packages,
                weight_g=weight_g,
                tracking=tracking,
            )
            printed.append((outcome, rendered.warnings))
        if labels.settings.document_printer:
            outcome, rendered = labels.print(actor, "packing-slip", ref)
            printed.append((outcome, rendered.warnings))
        return printed

    # -- documents of a closed package -----------------------------------------------------------

    def package(self, package_id: int) -> PackageInfo:
        with self._db.read() as session:
            row = session.get(Package, package_id)
            if row is None:
                raise NotFound(f"There is no package {package_id}.")
            closed = session.scalar(
                select(PackSession.status).where(PackSession.id == row.pack_session_id)
            )
            count = session.scalar(
                select(func.count()).select_from(Package).where(Package.order_id == row.order_id)
            )
            number = session.scalar(select(Order.number).where(Order.id == row.order_id))
            return PackageInfo(
                row.id,
                row.order_id,
                number or "",
                row.number,
                (count or 0) if closed is PackSessionStatus.CLOSED else 0,
                row.sscc,
                row.weight_g,
            )

    def print_documents(self, actor: Actor, package_id: int) -> list[PrintOutcome]:
        """The label and slip of a package just closed with ``print_documents=False``."""
        actor.require(Permission.PACK)
        p = self.package(package_id)
        return [
            outcome
            for outcome, _ in self._print(
                actor, order_ref(p.order_id), p.sscc, p.number, p.packages, p.weight_g, ""
            )
        ]

    def shipping_kwargs(self, p: PackageInfo) -> dict[str, Any]:
        if not p.sscc:
            raise InvalidInput(
                f"Package {p.number} of order {p.order_number} has no SSCC, so no shipping "
                "label: set labels.company_prefix."
            )
        return {"sscc": p.sscc, "package": p.number, "packages": p.packages, "weight_g": p.weight_g}


@dataclass(frozen=True)
class PackageInfo:
    package_id: int
    order_id: int
    order_number: str
    number: int
    packages: int  # 0 while the order has more boxes to come
    sscc: str | None
    weight_g: float | None
