"""The manual carrier: no web service; the tracking number is typed or scanned at the bench.

Israel Post numbers follow UPU S10 (``RR123456785IL``: two letters, eight digits, a mod-11
check digit, the two-letter country) and are checked digit for digit. The carrier prints no
label of its own (our SSCC label stays on the box) and cannot track.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fulfillment_app.carriers.base import (
    Address,
    CarrierRejected,
    Label,
    NotSupported,
    PickupPoint,
    Rate,
    Shipment,
    ShipmentRequest,
    TrackingEvent,
)
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.errors import InvalidInput

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10_SHAPE = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
_FREE_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9\-]{3,39}$")


@dataclass(frozen=True)
class S10Number:
    service: str  # the two leading letters (RR registered, CP parcel, EE express, ...)
    serial: str  # eight digits
    check: int
    country: str  # ISO 3166 alpha-2 of the posting country

    def __str__(self) -> str:
        return f"{self.service}{self.serial}{self.check}{self.country}"


def s10_check_digit(serial: str) -> int:
    """The UPU S10 check digit of an eight-digit serial number."""
    if len(serial) != 8 or not serial.isdigit():
        raise InvalidInput("An S10 serial number has exactly eight digits.")
    total = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return 0
    if check == 11:
        return 5
    return check


def normalise(raw: str) -> str:
    """A typed or scanned number without spaces, upper case."""
    return re.sub(r"\s+", "", raw).upper()


def looks_like_s10(raw: str) -> bool:
    return bool(_S10_SHAPE.match(normalise(raw)))


def parse_s10(raw: str) -> S10Number:
    """Parse an S10 number; InvalidInput with a sentence if it is not one or the check fails."""
    text = normalise(raw)
    match = _S10_SHAPE.match(text)
    if match is None:
        raise InvalidInput(
            f"{raw.strip()!r} is not a postal tracking number: it should be two letters, "
            "nine digits and two letters, like RR123456785IL."
        )
    service, serial, check, country = match.groups()
    expected = s10_check_digit(serial)
    if int(check) != expected:
        raise InvalidInput(
            f"{text} has a wrong check digit: check the number on the slip and scan or type it "
            "again."
        )
    return S10Number(service, serial, int(check), country)


def validate_tracking_number(raw: str, *, s10_only: bool = False) -> str:
    """The number as it will be stored. S10-shaped numbers must pass their check digit; other
    numbers are letters, digits and dashes (4 to 40) unless the carrier takes S10 only."""
    text = normalise(raw)
    if s10_only or looks_like_s10(text):
        return str(parse_s10(text))
    if not _FREE_SHAPE.match(text):
        raise InvalidInput(
            f"{raw.strip()!r} is not a tracking number: use 4 to 40 letters, digits or dashes."
        )
    return text


class ManualCarrier:
    """Tracking numbers come with the request (``request.tracking_number``); nothing is sent."""

    kind = "manual"
    can_look_up = True

    def __init__(
        self,
        config: CarrierConfig,
        recorded: Callable[[str], Shipment | None] | None = None,
    ) -> None:
        self.name = config.name
        self._template = config.options.get("tracking_url", "")
        self._s10_only = config.options.get("format", "").lower() == "s10"
        #: Looks a reference up in what was recorded (the services' shipments).
        self.recorded = recorded
        self._created: dict[str, Shipment] = {}

    def create(self, request: ShipmentRequest) -> Shipment:
        raw = request.tracking_number or request.options.get("tracking_number", "")
        if not raw.strip():
            raise CarrierRejected(
                f"{self.name} has no web service: type or scan the tracking number for "
                f"{request.reference}."
            )
        number = validate_tracking_number(raw, s10_only=self._s10_only)
        shipment = Shipment(
            tracking_number=number,
            reference=request.reference,
            label=None,
            tracking_url=self.tracking_url(number),
        )
        self._created[request.reference] = shipment
        return shipment

    def find(self, reference: str) -> Shipment | None:
        if reference in self._created:
            return self._created[reference]
        if self.recorded is not None:
            return self.recorded(reference)
        return None

    def cancel(self, tracking_number: str) -> None:
        """Nothing to tell anyone: the number is simply no longer used."""

    def label(self, tracking_number: str) -> Label:
        raise NotSupported(f"{self.name} prints no label of its own: our box label serves.")

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        raise NotSupported(f"{self.name} cannot be tracked from here.")

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        return []

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        raise NotSupported(f"{self.name} has no price list of its own: use the price table.")

    def tracking_url(self, tracking_number: str) -> str:
        if not self._template:
            return ""
        return self._template.replace("{number}", tracking_number)

    def close(self) -> None:
        """Nothing to close."""
