"""What the packing service answers with, and the errors it raises (each with a sentence the
packer can act on)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FulfillmentError
from ..packing.weight import WeightCheck


class OrderNotPackable(FulfillmentError):
    """The order cannot be packed now; the message says why and who holds it."""


class PackIncomplete(FulfillmentError):
    """Items are still missing."""


class WeightMismatch(FulfillmentError):
    """Outside the weight tolerance, and no supervisor approved it."""


@dataclass(frozen=True)
class ScanReply:
    outcome: str
    message: str
    cue: str
    packed: int
    total: int
    complete: bool


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    quantity: int
    packed: int


@dataclass(frozen=True)
class SessionView:
    session_id: int
    order_number: str
    lines: list[LineView]
    packed: int
    total: int
    complete: bool
    suggested_box: str | None
    resumed: bool


@dataclass(frozen=True)
class RfidResult:
    counted: int
    missing: list[str]
    extra: list[str]  # tags of products that are not (or no longer) needed in this order
    unknown: list[str]  # tags that are not SGTINs of products we know
    complete: bool


@dataclass(frozen=True)
class Closed:
    package_id: int
    package_number: int
    sscc: str | None
    box: str
    weight: WeightCheck | None
    messages: list[str]
