"""Shipments with the carriers: requested at the close of a package, sent by a worker exactly
once at the courier, tracked until delivered.

The shipment row is its own outbox: it is written in the same transaction as the package
(status ``waiting``), and :meth:`ShippingService.send_due` sends it. ``sent_at`` is set and
committed *before* each request goes out and cleared again by an answer that says nothing was
created; a waiting shipment with ``sent_at`` set had an unknown outcome (a time-out, a killed
process), so the next try first asks the courier for our reference, and a courier that cannot be
asked holds the shipment for a person instead of creating a second one.

The store's fulfillment of a package with a shipment waits (its outbox entry is not due) until
the shipment has its tracking number, then goes with the number and the tracking page; a
shipment that fails or is cancelled lets it go without.
"""

from __future__ import annotations

import builtins
import importlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..carriers.base import (
    CarrierAdapter,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    Label,
    NotSupported,
    OutcomeUnknown,
    ShipmentRequest,
    TrackingEvent,
    TrackingStatus,
)
from ..carriers.base import Shipment as CarrierShipment
from ..config import LabelSettings, SyncSettings
from ..db import Database
from ..db.models import (
    Carrier,
    Order,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    Package,
    Shipment,
    ShipmentEvent,
    ShipmentStatus,
    Store,
    utcnow,
)
from ..errors import ConfigError, FulfillmentError, InvalidInput, NotFound
from ..packing.boxes import BoxType, parse_boxes
from . import audit
from .orders import find_order
from .permissions import Actor, Permission
from .printing import PrintQueue
from .shipping_request import build_request, decimal_or_none

if TYPE_CHECKING:
    from .carriers import CarrierService

log = logging.getLogger(__name__)

#: A fulfillment whose package waits for its tracking number is not due before this.
NOT_BEFORE_TRACKING = datetime(2999, 1, 1, tzinfo=UTC)

#: How long a shipment being sent stays taken by the process sending it.
CLAIM_LEASE_S = 300.0

#: Tracking statuses after which a shipment is no longer polled.
FINAL_TRACKING = {TrackingStatus.DELIVERED.value, TrackingStatus.RETURNED.value}

AdapterFor = Callable[[str], CarrierAdapter]
#: The carrier for an order's package, by name, with the carrier's service code ("": its
#: default), from the settings' rules; None: no shipment.
Chooser = Callable[[Session, Order, Package], tuple[str, str] | None]
#: The print job for a carrier label on the station's label printer (ZPL, the label's size
#: and dpi from the label settings), or None where it cannot be printed there.
LabelJob = Callable[[Label, LabelSettings], bytes | None]


def reference_for(package_id: int) -> str:
    return f"PKG-{package_id}"


def label_job(label: Label, settings: LabelSettings) -> bytes | None:
    """ZPL as the carrier gave it; a PDF or image label rasterised to the printer's dpi
    (``^GF``) where the station has the rasteriser."""
    try:
        module = importlib.import_module(f"{__package__}.carrier_labels")
    except ImportError:
        return label.data if label.format == "zpl" else None
    data: bytes = module.carrier_label_job(
        label, dpi=settings.dpi, printer_language="zpl", size=settings.shipping_size
    )
    return data


@dataclass
class SendReport:
    created: int = 0
    waiting: int = 0
    held: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.created} shipments created, {self.waiting} waiting, {self.held} held"
        return text + (f". Problem: {self.problems[-1]}" if self.problems else ".")


@dataclass
class TrackReport:
    polled: int = 0
    events: int = 0
    delivered: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.polled} shipments tracked, {self.events} new events, "
        text += f"{self.delivered} delivered"
        return text + (f". Problem: {self.problems[-1]}" if self.problems else ".")


@dataclass(frozen=True)
class ShipmentInfo:
    id: int
    order: str
    package: int
    carrier: str
    status: str
    tracking_number: str | None
    reference: str
    tracking_status: str | None = None
    tracking_url: str | None = None
    last_error: str | None = None
    attempts: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "order": self.order,
            "package": self.package,
            "carrier": self.carrier,
            "status": self.status,
            "tracking_number": self.tracking_number,
            "reference": self.reference,
            "tracking_status": self.tracking_status,
            "tracking_url": self.tracking_url,
            "problem": self.last_error,
        }


@dataclass(frozen=True)
class _Job:
    """A shipment to send, as plain values (sessions never leave the service)."""

    id: int
    carrier: str
    reference: str
    check_first: bool
    attempts: int
    order_number: str
    request_kwargs: dict[str, Any]


class ShippingService:
    def __init__(
        self,
        db: Database,
        labels: LabelSettings,
        sync: SyncSettings,
        printing: PrintQueue | None,
        adapter_for: AdapterFor,
        *,
        boxes: str = "",
        choose: Chooser | None = None,
        label_job: LabelJob = label_job,
    ):
        self._db = db
        self.labels = labels
        self.sync = sync
        self._printing = printing
        self._adapter_for = adapter_for
        self._boxes = {b.code: b for b in parse_boxes(boxes)} if boxes else {}
        self._choose = choose or by_order_carrier
        self._label_job = label_job
        self._send_lock = threading.Lock()  # one sender per process at a time
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()
        #: The sync's rounds poll tracking at most this often (0: every round).
        self.track_every_s = 600.0
        self._tracked_at: float | None = None
        #: What the last sync round did, in a line ("" before the first or with no carriers).
        self.last_round = ""

    def use_boxes(self, boxes: Iterable[BoxType]) -> None:
        self._boxes = {b.code: b for b in boxes}

    # -- at the close (inside the package's transaction) ----------------------------------------

    def request(
        self,
        session: Session,
        order: Order,
        package: Package,
        *,
        tracking: str = "",
        carrier: str | None = None,
    ) -> Shipment | None:
        """The shipment request of ``package``, in the caller's transaction; None when no
        carrier is configured for the order. The store's fulfillment of the package (already
        added to the session) then waits for the tracking number. ``tracking``: a number the
        packer typed or scanned (the manual carrier's)."""
        chosen = (carrier, "") if carrier else self._choose(session, order, package)
        if not chosen or not chosen[0]:
            return None
        name, service = chosen
        row = session.scalar(select(Carrier).where(Carrier.name == name))
        if row is None or not row.active:
            if carrier:  # a person's choice: say so rather than ship without
                raise InvalidInput(
                    f"There is no active carrier called {carrier!r}: choose another one."
                )
            return None
        ship_to = dict(order.ship_to or {})
        shipment = Shipment(
            package_id=package.id,
            order_id=order.id,
            carrier_id=row.id,
            reference=reference_for(package.id),
            status=ShipmentStatus.WAITING,
            tracking_number=tracking.strip() or None,
            cod_amount=decimal_or_none(ship_to.get("cod_amount")),
            pickup_point=pickup_id(ship_to.get("pickup_point")),
            service=service,
            next_attempt_at=utcnow(),
        )
        session.add(shipment)
        session.flush()
        hold_fulfillment(session, package.id)
        return shipment

    @staticmethod
    def held_note(session: Session, carrier_id: int) -> str | None:
        """For the packer at the close: the carrier's shipments that wait for the admin, and
        why the last one does."""
        held = session.execute(
            select(Carrier.name, Shipment.last_error)
            .join(Carrier, Carrier.id == Shipment.carrier_id)
            .where(Shipment.carrier_id == carrier_id, Shipment.status == ShipmentStatus.HELD)
            .order_by(Shipment.id.desc())
        ).all()
        if not held:
            return None
        name, why = held[0]
        many = "1 shipment" if len(held) == 1 else f"{len(held)} shipments"
        return f"{many} with {name} wait for the admin: {why or 'see shipments list'}"

    @staticmethod
    def prints_label(session: Session, shipment: Shipment) -> bool:
        """Whether the carrier prints its own label (else our box label serves)."""
        kind = session.scalar(select(Carrier.kind).where(Carrier.id == shipment.carrier_id))
        return kind not in (None, "manual")

    # -- sending --------------------------------------------------------------------------------

    def send_soon(self) -> None:
        """Send what is due on this process's shipping thread, without waiting for it: the
        close of a package never waits on a courier."""
        with self._worker_lock:
            if self._stop.is_set():
                return
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="shipping", daemon=True)
                self._worker.start()
        self._wake.set()

    def _work(self) -> None:
        while not self._stop.is_set():
            if not self._wake.wait(timeout=1.0):
                return  # idle: the next close starts it again
            self._wake.clear()
            try:
                self.send_due()
            except Exception:
                log.exception("sending shipments failed")

    def close(self) -> None:
        """Stop the shipping thread (after the request it is in)."""
        self._stop.set()
        self._wake.set()
        with self._worker_lock:
            worker = self._worker
        if worker is not None:
            worker.join(timeout=30)

    def send_due(self, *, limit: int | None = None, order_id: int | None = None) -> SendReport:
        """Send every waiting shipment whose time has come (or those of one order)."""
        report = SendReport()
        with self._send_lock:
            with self._db.session() as session:
                query = (
                    select(Shipment.id)
                    .where(
                        Shipment.status == ShipmentStatus.WAITING,
                        Shipment.next_attempt_at <= utcnow(),
                    )
                    .order_by(Shipment.id)
                )
                if order_id is not None:
                    query = query.where(Shipment.order_id == order_id)
                if limit:
                    query = query.limit(limit)
                due = list(session.scalars(query))
            adapters: dict[str, CarrierAdapter] = {}
            try:
                for shipment_id in due:
                    outcome = self._send_one(shipment_id, adapters)
                    if outcome is ShipmentStatus.CREATED:
                        report.created += 1
                    elif outcome is ShipmentStatus.HELD:
                        report.held += 1
                    elif isinstance(outcome, str):
                        report.waiting += 1
                        report.problems.append(outcome)
            finally:
                for adapter in adapters.values():
                    adapter.close()
        return report

    def _adapter(self, adapters: dict[str, CarrierAdapter], name: str) -> CarrierAdapter:
        if name not in adapters:
            adapters[name] = self._adapter_for(name)
        return adapters[name]

    def _claim(self, shipment_id: int) -> _Job | None:
        """Take the shipment for this process and mark it as sent (committed before anything
        goes out), and read what the request needs. Taking it is one conditional update, so of
        two stations sending at once only one gets it; it stays taken for ``CLAIM_LEASE_S``
        (longer than any courier request may last), after which a process that died with it
        leaves it to the next try, which checks with the courier first."""
        now = utcnow()
        with self._db.session() as session:
            taken = session.execute(
                update(Shipment)
                .where(
                    Shipment.id == shipment_id,
                    Shipment.status == ShipmentStatus.WAITING,
                    Shipment.next_attempt_at <= now,
                )
                .values(
                    next_attempt_at=now + timedelta(seconds=CLAIM_LEASE_S),
                    attempts=Shipment.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            )
            if getattr(taken, "rowcount", 0) != 1:
                return None
            row = session.get(Shipment, shipment_id)
            assert row is not None
            order = session.get(Order, row.order_id)
            package = session.get(Package, row.package_id)
            carrier = session.get(Carrier, row.carrier_id)
            assert order is not None and package is not None and carrier is not None
            check_first = row.sent_at is not None
            row.sent_at = now
            kwargs = {
                "reference": row.reference,
                "ship_to": dict(order.ship_to or {}),
                "customer_name": order.customer_name or "",
                "weight_g": package.weight_g,
                "box": self._boxes.get(package.box_code),
                "service": row.service or "",
                "cod_amount": row.cod_amount,
                "pickup_point": row.pickup_point,
                "order_number": order.number,
                "tracking_number": row.tracking_number or "",
            }
            return _Job(
                row.id,
                carrier.name,
                row.reference,
                check_first,
                row.attempts,
                order.number,
                kwargs,
            )

    def _send_one(
        self, shipment_id: int, adapters: dict[str, CarrierAdapter]
    ) -> ShipmentStatus | str | None:
        job = self._claim(shipment_id)
        if job is None:
            return None
        try:
            adapter = self._adapter(adapters, job.carrier)
            created = self._create_once(adapter, job)
        except OutcomeUnknown as exc:
            if not adapter.can_look_up:
                return self._hold(job, _cannot_look_up(job))
            return self._later(job, str(exc), unknown=True)
        except CarrierUnavailable as exc:
            # Nothing was created by this try; an earlier unknown outcome still needs its check.
            return self._later(job, str(exc), unknown=job.check_first)
        except (CarrierRejected, NotSupported) as exc:
            return self._hold(job, str(exc), unknown=job.check_first)
        except CarrierError as exc:
            return self._later(job, str(exc), unknown=True)
        except FulfillmentError as exc:  # the carrier cannot be used (a token not set, ...)
            return self._hold(job, str(exc), unknown=job.check_first)
        except Exception:
            log.exception("sending shipment %s failed", job.reference)
            return self._later(
                job,
                f"An unexpected error stopped shipment {job.reference} (see the log); it is "
                "checked with the courier before it is sent again.",
                unknown=True,
            )
        if created is None:  # held: the courier cannot be asked whether it has it
            return self._hold(job, _cannot_look_up(job))
        label = created.label
        problem = None
        if label is None:
            try:
                label = adapter.label(created.tracking_number)
            except NotSupported:
                label = None
            except CarrierError as exc:
                problem = f"The label of {created.tracking_number} could not be fetched: {exc}"
        self._created(job, created, label, adapter, problem)
        if label is not None:
            self._print_label(job, label)
        return ShipmentStatus.CREATED

    def _create_once(self, adapter: CarrierAdapter, job: _Job) -> CarrierShipment | None:
        if job.check_first:
            if not adapter.can_look_up:
                return None
            found = adapter.find(job.reference)
            if found is not None:
                return found
        kwargs = dict(job.request_kwargs)
        tracking_number = kwargs.pop("tracking_number")
        request = build_request(labels=self.labels, **kwargs)
        if tracking_number:
            request = _with_tracking(request, tracking_number)
        return adapter.create(request)

    def _later(self, job: _Job, error: str, *, unknown: bool) -> str:
        delay = min(
            self.sync.outbox_max_backoff_s,
            self.sync.outbox_backoff_s * 2 ** (job.attempts - 1),
        )
        delay *= random.uniform(0.5, 1.0)
        with self._db.session() as session:
            row = session.get(Shipment, job.id)
            assert row is not None
            if not unknown:
                row.sent_at = None
            row.last_error = error
            row.next_attempt_at = utcnow() + timedelta(seconds=delay)
        return error

    def _hold(self, job: _Job, error: str, *, unknown: bool = True) -> ShipmentStatus:
        with self._db.session() as session:
            row = session.get(Shipment, job.id)
            assert row is not None
            row.status = ShipmentStatus.HELD
            row.last_error = error
            if not unknown:
                row.sent_at = None
        log.warning("shipment %s held: %s", job.reference, error)
        return ShipmentStatus.HELD

    def _created(
        self,
        job: _Job,
        created: CarrierShipment,
        label: Label | None,
        adapter: CarrierAdapter,
        problem: str | None,
    ) -> None:
        url = created.tracking_url
        if not url:
            try:
                url = adapter.tracking_url(created.tracking_number)
            except CarrierError:
                url = ""
        with self._db.session() as session:
            row = session.get(Shipment, job.id)
            assert row is not None
            row.status = ShipmentStatus.CREATED
            row.tracking_number = created.tracking_number
            row.tracking_url = url or None
            row.carrier_ids = dict(created.carrier_ids)
            row.tracking_status = row.tracking_status or TrackingStatus.CREATED.value
            if label is not None:
                row.label = label.data
                row.label_format = label.format
            row.last_error = problem
            row.next_attempt_at = utcnow()
            session.flush()
            release_fulfillment(session, row, job.carrier)

    def _print_label(self, job: _Job, label: Label) -> None:
        printer = self.labels.label_printer
        if not printer or self._printing is None:
            return
        try:
            data = self._label_job(label, self.labels)
        except FulfillmentError as exc:
            data, problem = None, str(exc)
        else:
            problem = f"The {label.format} label cannot be printed on {printer}."
        if data is None:
            log.warning("label of %s not printed: %s", job.reference, problem)
            with self._db.session() as session:
                row = session.get(Shipment, job.id)
                assert row is not None
                row.last_error = problem
            return
        self._printing.submit(printer, data, f"carrier label for order {job.order_number}")

    def sync_round(self) -> None:
        """The sync's part: send what is due, and poll tracking when it is time."""
        if not self._any_carrier():
            return
        sent = self.send_due()
        text = sent.summary()
        now = time.monotonic()
        if self._tracked_at is None or now - self._tracked_at >= self.track_every_s:
            self._tracked_at = now
            text += " " + self.poll_tracking().summary()
        self.last_round = text

    def _any_carrier(self) -> bool:
        with self._db.read() as session:
            return session.scalar(select(Carrier.id).limit(1)) is not None

    # -- a person's decisions -------------------------------------------------------------------

    def retry(
        self, actor: Actor, shipment_id: int, reason: str = "", *, not_at_courier: bool = False
    ) -> SendReport:
        """Send a held (or failed) shipment again now, after the admin fixed its cause. One
        whose earlier outcome is unknown is looked up first where the courier can be asked;
        where it cannot, it stays held unless the admin checked with the courier that it is
        not there (``not_at_courier``; found there: :meth:`resolve`)."""
        actor.require(Permission.MANAGE_STORES)
        with self._db.session() as session:
            row = session.get(Shipment, shipment_id)
            if row is None:
                raise NotFound(f"There is no shipment {shipment_id}.")
            if row.status not in (ShipmentStatus.HELD, ShipmentStatus.FAILED):
                raise InvalidInput(
                    f"Shipment {row.reference} is {row.status.value}: only a held or failed "
                    "shipment can be sent again."
                )
            before = {"status": row.status.value, "problem": row.last_error}
            row.status = ShipmentStatus.WAITING
            if not_at_courier:
                row.sent_at = None  # a person checked: no earlier try got through
            row.next_attempt_at = utcnow()
            audit.record(
                session,
                actor,
                "shipment.retry",
                target_type="shipment",
                target_id=row.reference,
                before=before,
                after={"status": ShipmentStatus.WAITING.value, "not_at_courier": not_at_courier},
                reason=reason or None,
            )
        with self._send_lock:
            adapters: dict[str, CarrierAdapter] = {}
            try:
                outcome = self._send_one(shipment_id, adapters)
            finally:
                for adapter in adapters.values():
                    adapter.close()
        report = SendReport()
        if outcome is ShipmentStatus.CREATED:
            report.created = 1
        elif outcome is ShipmentStatus.HELD:
            report.held = 1
        elif isinstance(outcome, str):
            report.waiting = 1
            report.problems.append(outcome)
        return report

    def resolve(self, actor: Actor, shipment_id: int, *, tracking_number: str, reason: str) -> None:
        """A held shipment the admin found at the courier (created after all): take its number
        instead of creating another."""
        actor.require(Permission.MANAGE_STORES)
        number = tracking_number.strip()
        if not number:
            raise InvalidInput("Give the tracking number the courier shows for this shipment.")
        with self._db.session() as session:
            row = session.get(Shipment, shipment_id)
            if row is None:
                raise NotFound(f"There is no shipment {shipment_id}.")
            carrier = session.get(Carrier, row.carrier_id)
            assert carrier is not None
            audit.record(
                session,
                actor,
                "shipment.resolve",
                target_type="shipment",
                target_id=row.reference,
                before={"status": row.status.value, "problem": row.last_error},
                after={"tracking_number": number},
                reason=reason or None,
            )
            row.status = ShipmentStatus.CREATED
            row.tracking_number = number
            row.last_error = None
            session.flush()
            release_fulfillment(session, row, carrier.name)

    def cancel(self, actor: Actor, shipment_id: int, reason: str = "") -> None:
        """Cancel a shipment: at the courier when it was created there, and here."""
        actor.require(Permission.MANAGE_STORES)
        with self._db.session() as session:
            row = session.get(Shipment, shipment_id)
            if row is None:
                raise NotFound(f"There is no shipment {shipment_id}.")
            carrier = session.get(Carrier, row.carrier_id)
            assert carrier is not None
            number, status, name = row.tracking_number, row.status, carrier.name
        if status is ShipmentStatus.CREATED and number:
            adapter = self._adapter_for(name)
            try:
                adapter.cancel(number)
            finally:
                adapter.close()
        with self._db.session() as session:
            row = session.get(Shipment, shipment_id)
            assert row is not None
            audit.record(
                session,
                actor,
                "shipment.cancel",
                target_type="shipment",
                target_id=row.reference,
                before={"status": row.status.value},
                after={"status": ShipmentStatus.CANCELLED.value},
                reason=reason or None,
            )
            row.status = ShipmentStatus.CANCELLED
            session.flush()
            release_fulfillment(session, row, name, with_tracking=False)

    # -- tracking -------------------------------------------------------------------------------

    def poll_tracking(self, *, order_id: int | None = None) -> TrackReport:
        """Ask each carrier, in one batch, for the news of its shipments on the way; new
        events are stored (polling twice adds nothing); ``delivered`` moves the order to
        delivered once all its shipments are."""
        report = TrackReport()
        with self._db.session() as session:
            query = (
                select(Carrier.name, Shipment.id, Shipment.tracking_number)
                .join(Carrier, Carrier.id == Shipment.carrier_id)
                .where(
                    Shipment.status == ShipmentStatus.CREATED,
                    Shipment.tracking_number.is_not(None),
                    (Shipment.tracking_status.is_(None))
                    | (Shipment.tracking_status.not_in(FINAL_TRACKING)),
                )
                .order_by(Carrier.name, Shipment.id)
            )
            if order_id is not None:
                query = query.where(Shipment.order_id == order_id)
            by_carrier: dict[str, dict[str, int]] = {}
            for name, shipment_id, number in session.execute(query):
                by_carrier.setdefault(name, {})[str(number)] = shipment_id
        for name, numbers in by_carrier.items():
            try:
                adapter = self._adapter_for(name)
            except CarrierError as exc:
                report.problems.append(str(exc))
                continue
            try:
                news = adapter.track(list(numbers))
            except NotSupported:
                continue
            except CarrierError as exc:
                report.problems.append(str(exc))
                continue
            finally:
                adapter.close()
            report.polled += len(numbers)
            for number, events in news.items():
                if number in numbers and events:
                    added, delivered = self._record_events(numbers[number], events)
                    report.events += added
                    report.delivered += delivered
        return report

    def _record_events(self, shipment_id: int, events: Sequence[TrackingEvent]) -> tuple[int, int]:
        with self._db.session() as session:
            row = session.get(Shipment, shipment_id)
            assert row is not None
            known = {
                (_aware(at), status)
                for at, status in session.execute(
                    select(ShipmentEvent.at, ShipmentEvent.status).where(
                        ShipmentEvent.shipment_id == shipment_id
                    )
                )
            }
            added = 0
            for event in events:
                at = _aware(event.at)
                key = (at, event.status.value)
                if key in known:
                    continue
                known.add(key)
                session.add(
                    ShipmentEvent(
                        shipment_id=shipment_id,
                        status=event.status.value,
                        at=at,
                        description=event.description[:2000],
                        code=event.code[:50],
                    )
                )
                added += 1
            # The newest; of several in the same minute, the one the carrier lists last.
            latest = events[0]
            for event in events[1:]:
                if _aware(event.at) >= _aware(latest.at):
                    latest = event
            row.tracking_status = latest.status.value
            delivered = 0
            if latest.status is TrackingStatus.DELIVERED and row.delivered_at is None:
                row.delivered_at = _aware(latest.at)
                delivered = 1
                session.flush()
                left = session.scalar(
                    select(func.count())
                    .select_from(Shipment)
                    .where(
                        Shipment.order_id == row.order_id,
                        Shipment.status == ShipmentStatus.CREATED,
                        Shipment.delivered_at.is_(None),
                    )
                )
                if not left:
                    session.execute(
                        update(Order)
                        .where(
                            Order.id == row.order_id,
                            Order.status.in_((OrderStatus.PACKED, OrderStatus.SHIPPED)),
                        )
                        .values(status=OrderStatus.DELIVERED)
                    )
            return added, delivered

    # -- what people see ------------------------------------------------------------------------

    def list(self, order: str | None = None, status: str | None = None) -> list[ShipmentInfo]:
        with self._db.read() as session:
            query = (
                select(Shipment, Order.number, Store.name, Package.number, Carrier.name)
                .join(Order, Order.id == Shipment.order_id)
                .join(Package, Package.id == Shipment.package_id)
                .join(Carrier, Carrier.id == Shipment.carrier_id)
                .outerjoin(Store, Store.id == Order.store_id)
                .order_by(Shipment.id)
            )
            if order:
                query = query.where(Shipment.order_id == find_order(session, order).id)
            if status:
                query = query.where(Shipment.status == ShipmentStatus(status))
            return [
                ShipmentInfo(
                    row.id,
                    number,
                    package,
                    carrier,
                    row.status.value,
                    row.tracking_number,
                    row.reference,
                    row.tracking_status,
                    row.tracking_url,
                    row.last_error,
                    row.attempts,
                )
                for row, number, store, package, carrier in session.execute(query)
            ]

    def events(self, shipment_id: int) -> builtins.list[tuple[datetime, str, str]]:
        with self._db.read() as session:
            return [
                (_aware(at), status, description)
                for at, status, description in session.execute(
                    select(ShipmentEvent.at, ShipmentEvent.status, ShipmentEvent.description)
                    .where(ShipmentEvent.shipment_id == shipment_id)
                    .order_by(ShipmentEvent.at, ShipmentEvent.id)
                )
            ]

    def order_id(self, order: str) -> int:
        with self._db.read() as session:
            return find_order(session, order).id

    def request_for_order(self, actor: Actor, order: str, carrier: str | None = None) -> int:
        """Shipment requests for the packages of a packed order that have none yet (with
        ``carrier``: that carrier; else the rules); returns how many were added."""
        actor.require(Permission.PACK)
        added = 0
        with self._db.session() as session:
            found = find_order(session, order)
            if (
                carrier is not None
                and session.scalar(select(Carrier.id).where(Carrier.name == carrier)) is None
            ):
                raise NotFound(f"There is no carrier called {carrier!r} (see 'carriers list').")
            packages = session.scalars(
                select(Package)
                .where(Package.order_id == found.id)
                .where(~Package.id.in_(select(Shipment.package_id)))
                .order_by(Package.number)
            ).all()
            if not packages and not session.scalar(
                select(func.count()).select_from(Shipment).where(Shipment.order_id == found.id)
            ):
                raise InvalidInput(f"Order {found.number} has no closed package to ship yet.")
            for package in packages:
                if self.request(session, found, package, carrier=carrier) is not None:
                    added += 1
        return added


def by_order_carrier(session: Session, order: Order, package: Package) -> tuple[str, str] | None:
    """No rules: the carrier the order names, when one of that name is configured."""
    return (order.carrier, "") if order.carrier else None


def pickup_id(point: Any) -> str | None:
    """The carrier's id of the point the customer chose (``ship_to["pickup_point"]``: a
    ``{"id", "name", "carrier"}`` object, or the id itself)."""
    if isinstance(point, dict):
        point = point.get("id")
    text = str(point or "").strip()
    return text[:100] or None


def hold_fulfillment(session: Session, package_id: int) -> None:
    """The store's fulfillment of the package waits for the tracking number."""
    session.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.idempotency_key == f"package-{package_id}",
            OutboxEntry.status == OutboxStatus.PENDING,
        )
        .values(
            next_attempt_at=NOT_BEFORE_TRACKING,
            last_error=f"Waits for the carrier's tracking number ({reference_for(package_id)}).",
        )
    )


def release_fulfillment(
    session: Session, shipment: Shipment, carrier: str, *, with_tracking: bool = True
) -> None:
    """The package's fulfillment goes to the store at the next sync, with the tracking number
    and page when the shipment has them."""
    entry = session.scalar(
        select(OutboxEntry).where(
            OutboxEntry.idempotency_key == f"package-{shipment.package_id}",
            OutboxEntry.status == OutboxStatus.PENDING,
        )
    )
    if entry is None:
        return
    payload = dict(entry.payload)
    if with_tracking and shipment.tracking_number:
        payload["tracking"] = shipment.tracking_number
        payload["tracking_url"] = shipment.tracking_url or ""
        payload["carrier"] = carrier
    entry.payload = payload
    entry.next_attempt_at = utcnow()
    entry.last_error = None


def _cannot_look_up(job: _Job) -> str:
    return (
        f"{job.carrier} may have created shipment {job.reference} of order "
        f"{job.order_number} already and cannot be asked: check with the courier, then enter "
        "its tracking number (shipments resolve) or send it again (shipments retry "
        "--not-at-courier)."
    )


def _with_tracking(request: ShipmentRequest, number: str) -> ShipmentRequest:
    return replace(request, tracking_number=number)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def rules_of(carriers: CarrierService) -> Chooser:
    """The carrier service's choice (the order's own carrier, else the settings' rules, else
    the default carrier), read in the close's own transaction. Rules that name a carrier not
    configured or not in use do not stop the close: the package goes without a shipment
    (``fulfillment ship`` sends it once the carrier is there), and the log says why."""
    from .carriers import order_facts

    def choose(session: Session, order: Order, package: Package) -> tuple[str, str] | None:
        active = {n: a for n, a in session.execute(select(Carrier.name, Carrier.active)).all()}
        if not active:
            return None
        if order.carrier and active.get(order.carrier):
            return order.carrier, ""
        store = ""
        if order.store_id is not None:
            store = session.scalar(select(Store.name).where(Store.id == order.store_id)) or ""
        try:
            choice = carriers.choose(order_facts(order, package, store))
        except ConfigError as exc:
            log.warning("no shipment for order %s: %s", order.number, exc)
            return None
        if not choice.carrier:
            return None
        if not active.get(choice.carrier):
            log.warning(
                "no shipment for order %s: the rules choose carrier %s, which is not in use",
                order.number,
                choice.carrier,
            )
            return None
        return choice.carrier, choice.service

    return choose
