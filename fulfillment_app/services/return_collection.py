"""Return collections: the courier picks the parcel up from the customer (HFD, Run:
``collection=True``), exactly once, its label printed on the station's label printer or
saved to a file to e-mail, its tracking number kept on the RMA so the parcel's scan finds it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..carriers.base import (
    CarrierAdapter,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    NotSupported,
    Parcel,
    ShipmentRequest,
)
from ..carriers.base import Label as CarrierLabel
from ..config import LabelSettings, ShippingSettings
from ..db import Database
from ..db.models import Carrier, Order, Product, ReturnAuthorization, ReturnStatus, Shipment
from ..errors import FulfillmentError, InvalidInput
from . import audit
from .permissions import Actor, Permission
from .printing import PrintQueue
from .return_types import load_rma, rma_number_of
from .shipping_request import recipient_of, sender_of


class ReturnCollections:
    def __init__(
        self,
        db: Database,
        *,
        labels: LabelSettings,
        shipping: ShippingSettings,
        adapter_for: Callable[[str], CarrierAdapter] | None = None,
        printing: PrintQueue | None = None,
        label_job: Callable[[CarrierLabel, LabelSettings], bytes | None] | None = None,
    ):
        self._db = db
        self.labels = labels
        self.shipping = shipping
        self._adapter_for = adapter_for
        self._printing = printing
        self._label_job = label_job

    def collect(
        self,
        actor: Actor,
        number: str,
        carrier: str | None = None,
        *,
        out: Path | None = None,
        again: bool = False,
    ) -> str:
        """A return collection from the customer with the carrier (``collection=True``): the
        courier's label printed on the station's label printer, or written to ``out`` (a PDF
        to e-mail). Returns the collection's tracking number, kept on the RMA so that the
        parcel's scan finds it. Asking again reprints the same label; ``again`` sends a
        request whose earlier outcome is unknown after a person checked the courier."""
        actor.require(Permission.RECEIVE_RETURNS)
        if self._adapter_for is None:
            raise InvalidInput("No carriers are set up on this station.")
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            if rma.order_id is None:
                raise InvalidInput(
                    f"{rma.number} has no order: a collection needs the customer's address."
                )
            if rma.status is not ReturnStatus.OPEN and not rma.collection_tracking:
                raise InvalidInput(
                    f"{rma.number} is {rma.status.value}: only an RMA whose parcel has not "
                    "arrived is collected."
                )
            order = session.get(Order, rma.order_id)
            assert order is not None
            name = carrier or rma.collection_carrier or self._carrier_of(session, order) or ""
            if not name:
                raise InvalidInput(
                    "Which carrier collects the parcel? Give one (--carrier), or set the "
                    "[shipping] default_carrier."
                )
            tracking = rma.collection_tracking
            unknown = bool(rma.collection_carrier) and not tracking
            if not tracking:
                rma.collection_carrier = name[:100]  # an attempt is under way from here on
            request = ShipmentRequest(
                reference=rma.number,
                sender=sender_of(self.labels),
                recipient=recipient_of(order.ship_to or {}, order.customer_name or ""),
                parcels=(Parcel(weight_g=self._weight(session, rma)),),
                collection=True,
                remarks=f"Return {rma.number} of order {order.number}",
            )
            order_number = order.number
        try:
            adapter: CarrierAdapter = self._adapter_for(name)
        except FulfillmentError:  # no such carrier, its token not set: nothing was sent
            if not tracking:
                self._forget_attempt(number)
            raise
        label: CarrierLabel | None
        try:
            if tracking:
                label = adapter.label(tracking)
            else:
                tracking, label = self._create(adapter, request, unknown and not again)
        except (CarrierUnavailable, CarrierRejected, NotSupported):
            if not tracking:
                self._forget_attempt(number)
            raise
        finally:
            adapter.close()
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            first = rma.collection_tracking is None
            rma.collection_tracking = tracking[:100]
            rma.collection_carrier = name[:100]
            if first:
                audit.record(
                    session,
                    actor,
                    "return.collection",
                    target_type="rma",
                    target_id=rma.number,
                    after={"carrier": name, "tracking": tracking, "order": order_number},
                )
        if label is not None:
            self._deliver_label(label, rma_number_of(number) or number, out)
        elif out is not None:
            raise InvalidInput(
                f"{name} gave no label for {tracking}: the courier brings one to the customer."
            )
        return tracking

    def _create(
        self, adapter: CarrierAdapter, request: ShipmentRequest, check_first: bool
    ) -> tuple[str, CarrierLabel | None]:
        created = None
        if check_first:
            if not adapter.can_look_up:
                raise InvalidInput(
                    f"An earlier request for the collection of {request.reference} got no "
                    f"answer: check the courier's portal for reference {request.reference}; if "
                    "it is not there, ask again with --again."
                )
            created = adapter.find(request.reference)
        if created is None:
            created = adapter.create(request)
        label = created.label
        if label is None:
            try:
                label = adapter.label(created.tracking_number)
            except (NotSupported, CarrierError):
                label = None
        return created.tracking_number, label

    def _forget_attempt(self, number: str) -> None:
        with self._db.write() as session:
            rma = load_rma(session, number, lock=True)
            if not rma.collection_tracking:
                rma.collection_carrier = None

    def _deliver_label(self, label: CarrierLabel, number: str, out: Path | None) -> None:
        if out is not None:
            try:
                out.write_bytes(label.data)
            except OSError as exc:
                raise InvalidInput(
                    f"The label cannot be written to {out}: {exc.strerror}."
                ) from None
            return
        printer = self.labels.label_printer
        if not printer or self._printing is None or self._label_job is None:
            raise InvalidInput(
                "This station has no label printer ([labels] label_printer): save the label "
                "to a file with --out and e-mail it to the customer."
            )
        data = self._label_job(label, self.labels)
        if data is None:
            raise InvalidInput(
                f"The courier's {label.format} label cannot be printed on {printer}: save it "
                "to a file with --out."
            )
        self._printing.submit(printer, data, f"return collection label for {number}")

    @staticmethod
    def _weight(session: Session, rma: ReturnAuthorization) -> float:
        total = 0.0
        for line in rma.lines:
            product = session.get(Product, line.product_id) if line.product_id else None
            total += (product.weight_g or 0.0) * line.expected if product else 0.0
        return total or 500.0

    def _carrier_of(self, session: Session, order: Order) -> str | None:
        name = session.scalar(
            select(Carrier.name)
            .join(Shipment, Shipment.carrier_id == Carrier.id)
            .where(Shipment.order_id == order.id)
            .order_by(Shipment.id.desc())
            .limit(1)
        )
        return name or order.carrier or self.shipping.default_carrier or None
