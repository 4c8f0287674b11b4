"""The carrier adapter protocol, the values it exchanges and the errors it raises.

Every adapter (a courier's web service, a carrier aggregator, the manual carrier) takes and
returns these frozen values; the services persist them. The errors tell the sending worker what
is safe to do next:

- ``CarrierUnavailable``: nothing was created; try again later.
- ``OutcomeUnknown``: the request went out and no usable answer came back; look the reference
  up before creating again (or hold it for a person if the carrier cannot look up).
- ``CarrierRejected`` (and ``CarrierAuthFailed``): permanent for this request; hold it.
- ``NotSupported``: this carrier cannot do that at all.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Protocol, runtime_checkable

from fulfillment_app.errors import FulfillmentError


class TrackingStatus(enum.StrEnum):
    CREATED = "created"
    COLLECTED = "collected"
    IN_TRANSIT = "in transit"
    OUT_FOR_DELIVERY = "out for delivery"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETURNED = "returned"


@dataclass(frozen=True)
class Address:
    name: str
    street: str
    city: str
    country: str = "IL"  # ISO 3166 alpha-2
    house: str = ""
    entrance: str = ""
    floor: str = ""
    apartment: str = ""
    postcode: str = ""
    company: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Parcel:
    weight_g: float
    length_mm: float = 0
    width_mm: float = 0
    height_mm: float = 0


@dataclass(frozen=True)
class ShipmentRequest:
    #: Ours, unique per package (e.g. ``PKG-<package id>``): it goes in the courier's reference
    #: field and is the key of exactly-once creation.
    reference: str
    sender: Address
    recipient: Address
    parcels: tuple[Parcel, ...]
    #: The carrier's service code ("" = the adapter's default).
    service: str = ""
    cod_amount: Decimal | None = None
    cod_currency: str = "ILS"
    #: The carrier's point or locker id chosen by the customer.
    pickup_point: str | None = None
    #: A return collection from the customer rather than a delivery to them.
    collection: bool = False
    remarks: str = ""
    contents: str = ""
    value: Decimal | None = None
    currency: str = "ILS"
    #: A tracking number already known (typed or scanned for the manual carrier).
    tracking_number: str = ""
    #: Carrier-specific extras, as plain strings.
    options: dict[str, str] = field(default_factory=dict)

    @property
    def weight_g(self) -> float:
        return sum(p.weight_g for p in self.parcels)


@dataclass(frozen=True)
class Label:
    data: bytes
    format: str  # "zpl" | "pdf" | "png"


@dataclass(frozen=True)
class Shipment:
    tracking_number: str
    reference: str
    #: None: fetch it with ``adapter.label()`` (or the carrier has none: our own label serves).
    label: Label | None = None
    #: The carrier's own ids, e.g. ``{"randNumber": "..."}``.
    carrier_ids: dict[str, str] = field(default_factory=dict)
    tracking_url: str = ""


@dataclass(frozen=True)
class TrackingEvent:
    status: TrackingStatus
    at: datetime  # aware, UTC
    description: str = ""
    code: str = ""


@dataclass(frozen=True)
class PickupPoint:
    id: str
    name: str
    kind: str  # "locker" | "store" | "point"
    street: str = ""
    house: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Rate:
    service: str
    amount: Decimal
    currency: str = "ILS"
    days: int | None = None


class CarrierError(FulfillmentError):
    """A carrier could not do what was asked; the sentence says what to do."""


class CarrierUnavailable(CarrierError):
    """Nothing was created (refused connection, server error before creating, too many
    requests): safe to try again later."""


class OutcomeUnknown(CarrierError):
    """The request went out and no usable answer came back (time-out, malformed answer): look
    the reference up before creating again."""


class CarrierRejected(CarrierError):
    """Permanent for this request (address refused, unknown service): held for a person."""


class CarrierAuthFailed(CarrierRejected):
    """The token is expired or invalid: held until the admin fixes the credential."""


class NotSupported(CarrierError):
    """This carrier cannot do that (e.g. no look-up by reference, no tracking)."""


@runtime_checkable
class CarrierAdapter(Protocol):
    kind: str  # "hfd" | "run" | "baldar" | "karrio" | "manual"
    name: str  # the configured name ("HFD", "Cheetah", ...)
    can_look_up: bool  # find() works

    def create(self, request: ShipmentRequest) -> Shipment: ...

    def find(self, reference: str) -> Shipment | None:
        """The shipment created with that reference, or None; NotSupported if not can_look_up."""
        ...

    def cancel(self, tracking_number: str) -> None: ...

    def label(self, tracking_number: str) -> Label: ...

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]: ...

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        """The carrier's pickup points near an address: [] or NotSupported."""
        ...

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        """The carrier's prices; NotSupported sends the caller to the price table."""
        ...

    def tracking_url(self, tracking_number: str) -> str: ...

    def close(self) -> None: ...
