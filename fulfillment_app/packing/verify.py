"""Matching scans to the order being packed, one decision per scan.

A scan matches an order line by any of the product's barcodes (GTINs compared as 14 digits, so
UPC/EAN/GTIN-14 and GS1 AI 01 all meet), by SKU, or by an alias. Each outcome has its own
message for the packer and a cue for the screen's colour and sound.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..scanning.interpret import ScanResult


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG_ITEM = "wrong item"  # a product we know, not in this order
    OVER_SCAN = "over-scan"  # the line is complete already
    UNKNOWN = "unknown"  # no product has this barcode or SKU
    NEEDS_SERIAL = "needs serial"  # the product requires AI 21 / 10 on the scan
    INVALID = "invalid scan"  # a bad check digit, garbage
    COMMAND = "command"  # a command barcode, handled by the caller
    COMPLETE = "complete"  # accepted, and every line is now complete
    ORDER_CHANGED = "order changed"  # the store changed the order: stop, a supervisor decides


class Cue(enum.StrEnum):
    """What the screen does: green and a beep, or red and a buzz."""

    GOOD = "good"
    DONE = "done"
    BAD = "bad"
    INFO = "info"


CUES = {
    Outcome.ACCEPTED: Cue.GOOD,
    Outcome.COMPLETE: Cue.DONE,
    Outcome.COMMAND: Cue.INFO,
}


@dataclass
class Line:
    id: int
    sku: str
    name: str
    quantity: int
    packed: int = 0
    product_id: int | None = None
    needs_serial: bool = False

    @property
    def remaining(self) -> int:
        return self.quantity - self.packed


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    message: str
    line_id: int | None = None
    quantity: int = 0
    serial: str | None = None
    lot: str | None = None

    @property
    def cue(self) -> Cue:
        return CUES.get(self.outcome, Cue.BAD)


@dataclass
class Catalogue:
    """What the verifier needs to know about products: codes -> (product id, pack size)."""

    by_code: dict[str, tuple[int, int]] = field(default_factory=dict)  # GTIN-14/other code
    by_sku: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


class Verifier:
    """The state of one pack session's contents. Pure: the service persists each decision."""

    def __init__(self, lines: list[Line], catalogue: Catalogue):
        self.lines = {line.id: line for line in lines}
        self.catalogue = catalogue
        self._by_product: dict[int, list[Line]] = {}
        self._by_sku: dict[str, list[Line]] = {}
        for line in lines:
            if line.product_id is not None:
                self._by_product.setdefault(line.product_id, []).append(line)
            self._by_sku.setdefault(line.sku.casefold(), []).append(line)

    @property
    def complete(self) -> bool:
        return all(line.remaining <= 0 for line in self.lines.values())

    def progress(self) -> tuple[int, int]:
        packed = sum(min(line.packed, line.quantity) for line in self.lines.values())
        return packed, sum(line.quantity for line in self.lines.values())

    def decide(self, scan: ScanResult) -> Decision:
        """What this scan means for the order (does not change the state)."""
        if scan.kind == "error":
            return Decision(Outcome.INVALID, scan.error or "The scan could not be read.")
        if scan.kind == "command":
            return Decision(Outcome.COMMAND, scan.value or "")
        candidates, pack_size = self._candidates(scan)
        if candidates is None:
            shown = scan.data or scan.raw
            return Decision(Outcome.UNKNOWN, f"Unknown barcode {shown}: no product has it. "
                            "Put the item aside and tell a supervisor.")  # fmt: skip
        if not candidates:
            name = self._product_name(scan)
            return Decision(Outcome.WRONG_ITEM, f"Wrong item: {name} is not in this order. "
                            "Take it out of the box.")  # fmt: skip
        open_lines = [line for line in candidates if line.remaining > 0]
        if not open_lines:
            line = candidates[0]
            return Decision(Outcome.OVER_SCAN, f"Too many: {line.name} is complete "
                            f"({line.quantity} of {line.quantity}). Take the extra one out.",
                            line.id)  # fmt: skip
        line = open_lines[0]
        if pack_size > line.remaining:
            return Decision(Outcome.OVER_SCAN, f"A pack of {pack_size} is more than the "
                            f"{line.remaining} still needed of {line.name}. Scan single items.",
                            line.id)  # fmt: skip
        if line.needs_serial and not scan.serial:
            return Decision(Outcome.NEEDS_SERIAL, f"{line.name} needs its serial number: scan "
                            "the barcode with the serial (GS1 DataMatrix or the serial label).",
                            line.id)  # fmt: skip
        lot = (scan.ais or {}).get("10")
        done_after = line.packed + pack_size
        all_done = done_after >= line.quantity and all(
            other.remaining <= 0 for other in self.lines.values() if other.id != line.id
        )
        outcome = Outcome.COMPLETE if all_done else Outcome.ACCEPTED
        message = f"{line.name}: {done_after} of {line.quantity}"
        if pack_size > 1:  # a case or pack barcode: say it counted all its pieces
            message = f"+{pack_size} {message}"
        if all_done:
            message += ". Everything is packed: weigh the box."
        return Decision(outcome, message, line.id, pack_size, scan.serial, lot)

    def apply(self, decision: Decision) -> None:
        if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE) and decision.line_id:
            self.lines[decision.line_id].packed += decision.quantity

    def undo(self, decision: Decision) -> None:
        if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE) and decision.line_id:
            self.lines[decision.line_id].packed -= decision.quantity

    # -- matching ------------------------------------------------------------------------------

    def _candidates(self, scan: ScanResult) -> tuple[list[Line] | None, int]:
        """Order lines the scan may be (None: nobody knows the code), and the pack size."""
        codes = [scan.gtin, *scan.alternatives] if scan.gtin else []
        if scan.kind == "unknown" and scan.value:
            codes.append(scan.value)
        for code in codes:
            if code and code in self.catalogue.by_code:
                product_id, pack_size = self.catalogue.by_code[code]
                return self._by_product.get(product_id, []), pack_size
        if scan.kind in ("unknown", "location", "tote", "order", "badge") and scan.value:
            key = scan.value.casefold()
            if key in self._by_sku:
                return self._by_sku[key], 1
            known = self.catalogue.by_sku.get(key)
            if known is not None:
                return self._by_product.get(known, []), 1
        return None, 1

    def _product_name(self, scan: ScanResult) -> str:
        for code in (scan.gtin, scan.value):
            if code and code in self.catalogue.by_code:
                return self.catalogue.names.get(self.catalogue.by_code[code][0], code)
        return scan.value or scan.gtin or "this item"
