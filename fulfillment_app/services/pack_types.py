"""What the packing service answers with, and the errors it raises (each with a sentence the
packer can act on)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import FulfillmentError
from ..packing.weight import WeightCheck
from .pick_types import TotePart

#: Why an order is short-shipped (the screen offers these; any other sentence is accepted
#: too). The first is what a packer means most often.
SHORT_SHIP_REASONS = (
    "item missing",
    "item damaged",
    "wrong item in the tote",
    "not enough in stock",
    "customer asked for a partial shipment",
)


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
    #: The line the scan counted on (or was about: an over-scan names its line), and that
    #: line's count after the scan, so a screen repaints one row without reloading the view.
    line_id: int | None = None
    line_packed: int = 0
    #: Pieces the scan added (a case barcode counts its pieces: 6), negative for an undo.
    counted: int = 0


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    quantity: int
    packed: int
    line_id: int = 0
    #: The product's pick location code (where most of its stock is), or "".
    location: str = ""
    #: A local file path of the product's image (never a URL), or None.
    image: str | None = None
    #: The product's primary barcode (GTIN of a single piece first), or "".
    barcode: str = ""
    #: Units short-shipped with a supervisor's approval (0 while the order is packed).
    short: int = 0


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
    order_id: int = 0
    #: The store's name ("" for an order without a store): with the number it tells apart
    #: orders with the same number in two stores.
    store: str = ""
    #: The packing slip's barcode for this order (``ORD:ID-<order id>``).
    slip_code: str = ""
    #: For an order picked in carts: every cart part to bring together (batch, zone, slot,
    #: state: waiting, picking, picked, exception, withdrawn). Empty when not picked in carts.
    totes: list[TotePart] = field(default_factory=list)
    #: The box being packed: 1 for the first; after ``close(final=False)``, the next one.
    box_number: int = 1
    #: Pieces scanned into the box being packed (not yet closed in an earlier box).
    in_box: int = 0


@dataclass(frozen=True)
class ExpectedWeight:
    """What the box on the scale should weigh, shown before weighing."""

    box: str
    expected_g: float
    tolerance_g: float
    #: SKUs in the box whose weight the catalogue does not know (the check is partial).
    unknown_weights: tuple[str, ...] = ()


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
    order_id: int = 0
    order_number: str = ""
    #: True when the order is done (the session closed); False after one box of several.
    final: bool = True
    #: Pieces still to pack after this box (0 when final).
    remaining: int = 0
    #: Units left unpacked with a supervisor's approval (a short close), by SKU.
    short: dict[str, int] = field(default_factory=dict)
