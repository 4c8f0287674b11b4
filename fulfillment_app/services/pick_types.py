"""What the picking service answers with, and the errors it raises (each with a sentence the
picker can act on)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..db.models import PickBatchStatus
from ..errors import FulfillmentError, InvalidInput

#: Why a pick comes up short; the first is what a picker means most often.
SHORT_REASONS = ("location empty", "not enough", "damaged", "wrong item at location", "not found")


class WrongScan(InvalidInput):
    """A scan that does not match the current task: nothing was recorded."""


class WrongLocation(WrongScan):
    """The location scanned is not the one to go to: go there and scan it."""


class WrongItem(WrongScan):
    """The item scanned is another product, unknown, or unreadable: scan the right item."""


class WrongTote(WrongScan):
    """The tote scanned is not the one shown: put it in that tote and scan it."""


class WrongQuantity(WrongScan):
    """The quantity does not fit what is left on the task."""


class NotYours(FulfillmentError):
    """The batch is held by another picker, or is not being picked."""


@dataclass(frozen=True)
class TaskView:
    task_id: int
    kind: str  # "pick", or "return" (put back to stock)
    location: str
    sku: str
    name: str
    quantity: int  # still to pick (or to put back)
    slot: int
    order_number: str
    position: int  # this task's place among the batch's tasks, from 1
    #: The product's picture (a file path or URL from the catalogue), if it has one.
    image_url: str | None = None


@dataclass(frozen=True)
class ToteView:
    slot: int
    order_number: str
    status: str  # active, exception, withdrawn


@dataclass(frozen=True)
class TotePart:
    """One cart's part of an order: where it is, for the packing station."""

    batch_id: int
    zone: str | None
    slot: int
    #: waiting (not claimed), picking, picked, exception, or withdrawn.
    state: str
    picker: str | None


@dataclass(frozen=True)
class BatchView:
    batch_id: int
    status: str
    zone: str | None
    picker: str | None
    total: int
    left: int
    current: TaskView | None
    totes: list[ToteView]
    #: What changed since the picker's last step, each said once.
    notices: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def done(self) -> bool:
        return self.status == PickBatchStatus.DONE.value

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"done": self.done}


def check_location(scanned: str, code: str) -> None:
    """The location scanned is the one to go to (the screen checks it at the scan, the
    service again when the pick is confirmed)."""
    if scanned.strip().upper() != code.upper():
        raise WrongLocation(f"Wrong location: you scanned {scanned.strip()}; go to {code}.")


def check_tote(scanned: str, slot: int) -> None:
    """The tote scanned (``TOTE-03``, or the slot number typed) is the one shown."""
    digits = re.search(r"(\d+)\s*$", scanned or "")
    if digits is None or int(digits.group(1)) != slot:
        raise WrongTote(f"Wrong tote: put it in tote {slot}.")
