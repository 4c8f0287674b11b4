"""End-of-day manifests: a carrier's created shipments not yet on a manifest, numbered per
carrier (1, 2, ...), as a PDF for the driver, printed on the document printer.

A shipment goes on exactly one manifest: the shipments are claimed in the same transaction
that takes the next number, so two stations making a manifest at once split the shipments
instead of listing them twice, and a shipment created after a manifest goes on the next one.
Shipments left off an earlier day's manifest go on the next one too: nothing handed to the
courier is missing from the driver's list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..config import LabelSettings
from ..db import Database
from ..db.models import Carrier, Manifest, Order, Package, Shipment, ShipmentStatus, utcnow
from ..errors import ConfigError, InvalidInput, NotFound
from ..labels.manifest import ManifestDoc, ManifestLine
from . import audit
from .permissions import Actor, Permission
from .printing import PrintOutcome, PrintQueue


@dataclass(frozen=True)
class ManifestResult:
    carrier: str
    number: int
    shipments: int
    pdf: bytes
    tracking_numbers: tuple[str, ...]


class ManifestService:
    def __init__(
        self,
        db: Database,
        settings: LabelSettings,
        printing: PrintQueue | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self._db = db
        self.settings = settings
        self._printing = printing
        self._clock = clock

    def create(self, actor: Actor, carrier: str) -> ManifestResult:
        """The next manifest of ``carrier`` with every created shipment not yet on one."""
        actor.require(Permission.PACK)
        for _ in range(3):
            try:
                return self._create(actor, carrier)
            except IntegrityError:  # another station took the number: take the next one
                continue
        raise InvalidInput(f"Another station is making a {carrier} manifest; try again.")

    def _create(self, actor: Actor, carrier_name: str) -> ManifestResult:
        with self._db.session() as session:
            carrier = self._carrier(session, carrier_name)
            claimed = session.scalars(
                select(Shipment)
                .where(
                    Shipment.carrier_id == carrier.id,
                    Shipment.status == ShipmentStatus.CREATED,
                    Shipment.manifest_id.is_(None),
                    Shipment.tracking_number.is_not(None),
                )
                .order_by(Shipment.id)
                .with_for_update()
            ).all()
            if not claimed:
                raise InvalidInput(
                    f"No {carrier_name} shipment waits for a manifest: every shipment is on "
                    "one already."
                )
            number = (
                session.scalar(
                    select(func.max(Manifest.number)).where(Manifest.carrier_id == carrier.id)
                )
                or 0
            ) + 1
            manifest = Manifest(carrier_id=carrier.id, number=number, created_at=self._clock())
            session.add(manifest)
            session.flush()
            for shipment in claimed:
                shipment.manifest_id = manifest.id
            audit.record(session, actor, "manifest.created", target_type="manifest",
                         target_id=manifest.id,
                         after={"carrier": carrier_name, "number": number,
                                "shipments": len(claimed)})  # fmt: skip
            session.flush()
            doc = self._document(session, carrier, manifest)
        return self._render(doc)  # after the commit: the write lock is not held meanwhile

    def render(self, actor: Actor, carrier: str, number: int) -> ManifestResult:
        """Manifest ``number`` of ``carrier`` again (a lost page, a second copy)."""
        actor.require(Permission.PACK)
        with self._db.session() as session:
            found = self._carrier(session, carrier)
            manifest = session.scalar(
                select(Manifest).where(Manifest.carrier_id == found.id, Manifest.number == number)
            )
            if manifest is None:
                raise NotFound(f"There is no {carrier} manifest {number}.")
            doc = self._document(session, found, manifest)
        return self._render(doc)

    @staticmethod
    def _carrier(session: Session, name: str) -> Carrier:
        carrier = session.scalar(select(Carrier).where(Carrier.name == name))
        if carrier is None:
            raise NotFound(f"There is no carrier {name}: see `fulfillment carriers list`.")
        return carrier

    def _document(self, session: Session, carrier: Carrier, manifest: Manifest) -> ManifestDoc:
        rows = session.execute(
            select(Shipment, Order, Package)
            .join(Order, Order.id == Shipment.order_id)
            .join(Package, Package.id == Shipment.package_id)
            .where(Shipment.manifest_id == manifest.id)
            .order_by(Shipment.id)
        ).all()
        lines = []
        for shipment, order, package in rows:
            ship_to = order.ship_to or {}
            lines.append(
                ManifestLine(
                    tracking_number=shipment.tracking_number or "",
                    reference=shipment.reference,
                    recipient=str(ship_to.get("name") or order.customer_name or ""),
                    city=str(ship_to.get("city") or ""),
                    parcels=1,  # a shipment is one package
                    weight_g=package.weight_g,
                    cod=Decimal(shipment.cod_amount) if shipment.cod_amount else None,
                    pickup_point=shipment.pickup_point or "",
                )
            )
        doc = ManifestDoc(
            carrier=carrier.name,
            number=manifest.number,
            created_at=manifest.created_at,
            shipper=self.settings.company_name,
            lines=lines,
        )
        return doc

    @staticmethod
    def _render(doc: ManifestDoc) -> ManifestResult:
        from ..labels.manifest import manifest_pages  # reportlab loads when one is made
        from ..labels.pdf import render_pdf

        pdf = render_pdf(manifest_pages(doc), title=f"Manifest {doc.number} {doc.carrier}")
        return ManifestResult(
            doc.carrier,
            doc.number,
            len(doc.lines),
            pdf,
            tuple(line.tracking_number for line in doc.lines),
        )

    def print(
        self, actor: Actor, carrier: str, printer: str | None = None
    ) -> tuple[PrintOutcome, ManifestResult]:
        """Make the next manifest and queue it on the document printer."""
        name = printer or self.settings.document_printer
        if not name:
            raise ConfigError("No printer given: pass --printer or set labels.document_printer.")
        if self._printing is None:
            raise ConfigError("This station has no print queue.")
        result = self.create(actor, carrier)
        outcome = self._printing.submit(
            name, result.pdf, f"manifest {result.number} for {result.carrier}"
        )
        if outcome.printed:
            self.mark_printed(result.carrier, result.number)
        return outcome, result

    def mark_printed(self, carrier: str, number: int) -> None:
        with self._db.session() as session:
            manifest = session.scalar(
                select(Manifest)
                .join(Carrier, Carrier.id == Manifest.carrier_id)
                .where(Carrier.name == carrier, Manifest.number == number)
            )
            if manifest is not None:
                manifest.printed_at = self._clock()
