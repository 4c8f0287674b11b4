"""What the returns service shows and takes: the views of an RMA, the outcome of a scan,
and the reading of RMA numbers and return lines typed by people."""

from __future__ import annotations

import builtins
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import RETURN_REASONS
from ..db.models import ReturnAuthorization
from ..errors import InvalidInput, NotFound

REASONS = RETURN_REASONS
_RMA_NUMBER = re.compile(r"^RMA-?(\d{1,12})$", re.IGNORECASE)


def rma_number_of(text: str) -> str | None:
    """``RMA-000042`` for ``rma-42``, ``RMA000042`` or ``RMA-000042``; None for anything
    else."""
    match = _RMA_NUMBER.match(text.strip())
    return f"RMA-{int(match.group(1)):06d}" if match else None


def parse_line(text: str, reasons: builtins.list[str] | None = None) -> tuple[str, int, str]:
    """``SKU:QTY[:REASON]`` (a reason code, UNKNOWN when left out) as (sku, qty, reason).
    The SKU may itself hold colons: the quantity is the last number-only part."""
    parts = text.strip().split(":")
    known = reasons if reasons is not None else list(REASONS)
    reason = "UNKNOWN"
    if len(parts) >= 3 and not parts[-1].strip().isdigit():
        reason = parts.pop().strip().upper()
    if len(parts) < 2 or not parts[-1].strip().isdigit() or not ":".join(parts[:-1]).strip():
        raise InvalidInput(
            f"{text!r} is not a return line: write SKU:QUANTITY or SKU:QUANTITY:REASON, "
            "e.g. MUG-1:2:DEFECTIVE."
        )
    quantity = int(parts[-1].strip())
    if quantity < 1 or quantity > 100_000:
        raise InvalidInput(f"{text!r}: the quantity must be between 1 and 100000.")
    if reason not in known:
        raise InvalidInput(f"{reason!r} is not a return reason: use one of {', '.join(known)}.")
    return ":".join(parts[:-1]).strip(), quantity, reason


# -- what the services hand out ------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnLineView:
    id: int
    sku: str
    name: str
    expected: int
    sellable: int
    damaged: int
    missing: int
    reason: str
    #: Where a sellable unit goes unless told otherwise (the product's home location).
    suggested_location: str | None
    external_id: str | None

    @property
    def received(self) -> int:
        return self.sellable + self.damaged


@dataclass(frozen=True)
class ReturnUnitView:
    id: int
    sku: str
    code: str
    grade: str
    disposition: str
    location: str | None
    person: str
    at: datetime


@dataclass(frozen=True)
class ReturnView:
    number: str
    status: str
    source: str
    order_number: str | None
    store: str | None
    external_id: str | None
    lines: tuple[ReturnLineView, ...]
    units: tuple[ReturnUnitView, ...]
    discrepancy: str | None
    note: str
    collection_carrier: str | None
    collection_tracking: str | None
    #: Units were scanned (or marked missing) and the RMA is not done: finish may be asked.
    can_finish: bool

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        for unit in out["units"]:
            unit["at"] = unit["at"].isoformat()
        for line, view in zip(out["lines"], self.lines, strict=True):
            line["received"] = view.received
        return out


@dataclass(frozen=True)
class ReturnSummary:
    number: str
    status: str
    source: str
    order_number: str | None
    store: str | None
    expected: int
    received: int
    created_at: datetime
    discrepancy: str | None

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat()
        return out


@dataclass(frozen=True)
class ReturnOutcome:
    """What one scan did: ``accepted``, ``unexpected`` (not on the RMA: recorded, a
    discrepancy), ``over`` (more than expected: recorded, a discrepancy) or ``unknown`` (not a
    product: nothing recorded)."""

    outcome: str
    message: str
    view: ReturnView


# -- the service ---------------------------------------------------------------------------------


def load_rma(session: Session, number: str, *, lock: bool = False) -> ReturnAuthorization:
    """The RMA called ``number`` (any spelling :func:`rma_number_of` reads), locked for
    update with ``lock``; NotFound with a sentence."""
    wanted = rma_number_of(number) or number.strip()
    query = select(ReturnAuthorization).where(ReturnAuthorization.number == wanted)
    if lock:
        query = query.with_for_update()
    rma = session.scalar(query)
    if rma is None:
        raise NotFound(f"There is no RMA {number.strip()}: see 'fulfillment returns list'.")
    return rma
