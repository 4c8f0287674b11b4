"""Platform-neutral shapes the adapters produce and consume, and the errors of store sync.

An adapter maps its platform's order to :class:`OrderData` (or raises :class:`Malformed`
with the reason), and delivers an outbox entry's :class:`Shipment`. The engine never sees a
platform's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import FulfillmentError

#: The store's view of an order, in our words.
STORE_STATUSES = ("open", "on_hold", "cancelled", "fulfilled")


@dataclass(frozen=True)
class LineData:
    external_id: str
    sku: str
    name: str
    quantity: int
    barcode: str = ""


@dataclass(frozen=True)
class OrderData:
    external_id: str
    number: str
    status: str  # one of STORE_STATUSES
    updated_at: datetime
    lines: tuple[LineData, ...]
    ship_to: dict[str, Any] = field(default_factory=dict)
    customer_name: str = ""
    service: str = ""
    note: str = ""
    #: Returns the store opened for this order (platforms that have them: Shopify).
    returns: tuple[ReturnData, ...] = ()


@dataclass(frozen=True)
class ReturnLineData:
    """One line of a return the store opened (Shopify returns)."""

    external_id: str  # the store's return line id
    line_external_id: str  # the order line it returns
    sku: str
    quantity: int
    reason: str = "UNKNOWN"  # a returns.REASONS code
    note: str = ""


@dataclass(frozen=True)
class ReturnData:
    """A return the store opened for an order, as the orders query brings it."""

    external_id: str
    status: str  # "requested", "open", "closed", "declined", "canceled"
    lines: tuple[ReturnLineData, ...] = ()


@dataclass
class Page:
    """One page of changed orders: the mapped ones, the malformed ones (raw payload and
    reason), and where the next page starts (None: this was the last)."""

    orders: list[OrderData]
    malformed: list[tuple[str | None, str, Any]]  # (external id if known, reason, raw)
    next: Any = None
    #: The cursor to save once this page is committed.
    cursor: str | None = None
    #: Orders the store says are left from this page on (this page's included), when it
    #: says so: a progress bar can then show how far the run is.
    remaining: int | None = None


@dataclass(frozen=True)
class Shipment:
    """An outbox entry as an adapter delivers it."""

    key: str  # idempotency key
    order_external_id: str
    order_number: str
    reference: str  # tracking number, else the SSCC, else the key: how the store knows it
    carrier: str
    tracking: str
    package: int
    final: bool
    lines: tuple[tuple[str, str, int], ...]  # (line external id, sku, quantity)
    #: Where the customer follows the parcel (the carrier's tracking page), when known.
    tracking_url: str = ""


@dataclass(frozen=True)
class StockLevel:
    """The available quantity of one SKU that a store should show."""

    sku: str
    quantity: int
    #: The store's ids for the SKU as learned before (inventory item, product, variation,
    #: location); empty the first time: the adapter looks them up.
    remote: dict[str, Any] = field(default_factory=dict)
    #: The quantity the store last reported (Shopify's compare-and-swap), None if unknown.
    previous: int | None = None


@dataclass(frozen=True)
class StockResult:
    """A store's answer for one SKU of a stock push."""

    sku: str
    ok: bool
    #: Why not, in a sentence (empty when ok).
    error: str = ""
    #: Refused for good (no such SKU in the store): not tried again until it changes.
    permanent: bool = False
    #: Ids learned while pushing, kept for the next push.
    remote: dict[str, Any] = field(default_factory=dict)
    #: The store's quantity as it now stands or as it answered, when it says.
    quantity: int | None = None


#: Shopify's return line dispositions, used for every platform's record.
DISPOSITIONS = ("RESTOCKED", "NOT_RESTOCKED", "PROCESSING_REQUIRED", "MISSING")


@dataclass(frozen=True)
class ReturnLineRecord:
    line_external_id: str  # the order line returned
    sku: str
    quantity: int
    disposition: str  # one of DISPOSITIONS
    reason: str = "UNKNOWN"
    #: The store's return line id, when the store opened the return.
    return_line_id: str = ""


@dataclass(frozen=True)
class ReturnRecord:
    """An outbox entry of kind ``return`` as an adapter delivers it: the graded return,
    processed in the store exactly once (Shopify ``returnProcess``; an order note and, where
    the settings allow, a refund record elsewhere)."""

    key: str  # idempotency key
    order_external_id: str
    order_number: str
    rma: str  # our RMA number, written into the store's note so a retry can find it
    lines: tuple[ReturnLineRecord, ...]
    #: The store's return id, "" when the store has none yet (the adapter opens one).
    return_external_id: str = ""
    note: str = ""
    #: Record a refund (without moving money where the platform allows) as well.
    refund: bool = False


#: How each disposition reads in an order note.
DISPOSITION_WORDS = {
    "RESTOCKED": "restocked",
    "NOT_RESTOCKED": "damaged, not restocked",
    "PROCESSING_REQUIRED": "damaged, to be inspected",
    "MISSING": "missing from the parcel",
}


def return_marker(rma: str) -> str:
    """How an order note names our RMA: a retry looks for it before writing again."""
    return f"Return {rma}:"


def return_note(record: ReturnRecord) -> str:
    """The order note of a graded return (platforms without returns of their own): the same
    text every time for the same RMA, starting with :func:`return_marker`."""
    lines = "; ".join(
        f"{line.quantity} × {line.sku or line.line_external_id} "
        f"{DISPOSITION_WORDS.get(line.disposition, line.disposition.lower())}"
        + (f" ({line.reason})" if line.reason and line.reason != "UNKNOWN" else "")
        for line in record.lines
    )
    extra = f" {record.note}" if record.note else ""
    return f"{return_marker(record.rma)} {lines or 'no items'}.{extra}"


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (store payloads are untrusted)."""
    return value if isinstance(value, dict) else {}


def stamp_of(raw: Any, key: str) -> datetime | None:
    """The update time in a raw order, if it has a readable one (malformed orders too: the
    cursor must pass them)."""
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


class Malformed(ValueError):
    """An order that cannot be imported as it is; the message says why."""


class SyncError(FulfillmentError):
    """Talking to a store failed; ``str()`` says what and what to do."""


class Transient(SyncError):
    """Worth retrying later: the store is away, busy, or answered garbage to a read."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class UnknownOutcome(Transient):
    """A write may or may not have happened (time-out, dropped connection, 5xx, cut-off
    answer): check the store before trying again."""


class Permanent(SyncError):
    """The store refused for good (4xx other than 429, a user error): a person must look."""


class AuthFailed(Permanent):
    """The store did not accept the credentials."""


class Stopped(Transient):
    """The sync is being stopped (the application closes, SIGTERM): nothing is wrong."""


class OutOfTime(Transient):
    """This sync run reached its time limit; the next run goes on from where it stopped."""


class NotTheApi(Transient):
    """The address answered with a web page, not the store's API: asking again at once will
    not help, but fulfillments wait for the address to be put right instead of being parked."""
