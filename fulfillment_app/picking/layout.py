"""The warehouse as pickers walk it: parallel aisles, a front and a back cross aisle and
optional middle ones (so several blocks), and a depot in front of one aisle.

The geometry is the routing benchmark's (see README, "Routing"): pickers walk the centre lines
of aisles (x = aisle × pitch) and of cross aisles (horizontal lines at the block boundaries);
a pick in slot s lies on its aisle's centre line at y = (s + 0.5) × slot length. Walking
distance between two points never cuts through racks.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInput


@dataclass(frozen=True)
class Pick:
    aisle: int
    slot: int


@dataclass(frozen=True)
class Layout:
    aisles: int = 10
    slots: int = 45
    slot_length: float = 1.0
    aisle_pitch: float = 5.0
    blocks: int = 1
    depot_aisle: int = 0
    depot_offset: float = 1.0

    def __post_init__(self) -> None:
        if self.aisles < 1 or self.slots < 1 or self.blocks < 1:
            raise InvalidInput("A layout needs at least one aisle, one slot and one block.")
        if self.slots % self.blocks:
            raise InvalidInput(f"{self.slots} slots cannot be split into {self.blocks} blocks.")
        if not 0 <= self.depot_aisle < self.aisles:
            raise InvalidInput(f"The depot aisle {self.depot_aisle} is not in the layout.")
        if min(self.slot_length, self.aisle_pitch) <= 0 or self.depot_offset < 0:
            raise InvalidInput("Lengths in a layout must be positive.")

    @property
    def length(self) -> float:
        """The length of an aisle: the back cross aisle's y."""
        return self.slots * self.slot_length

    @property
    def cross_aisles(self) -> tuple[float, ...]:
        """The y of every cross aisle, front to back."""
        step = self.slots // self.blocks * self.slot_length
        return tuple(j * step for j in range(self.blocks + 1))

    def x(self, aisle: int) -> float:
        return aisle * self.aisle_pitch

    def y(self, pick: Pick) -> float:
        return (pick.slot + 0.5) * self.slot_length

    def check(self, pick: Pick) -> None:
        if not (0 <= pick.aisle < self.aisles and 0 <= pick.slot < self.slots):
            raise InvalidInput(f"Pick {pick} is outside the layout.")

    def distance(self, a1: int, y1: float, a2: int, y2: float) -> float:
        """Walking distance between two points on aisle centre lines (the depot is the point
        y = -depot_offset on its aisle's line)."""
        if a1 == a2:
            return abs(y1 - y2)
        dx = abs(a1 - a2) * self.aisle_pitch
        return dx + min(abs(y1 - c) + abs(y2 - c) for c in self.cross_aisles)

    @property
    def depot(self) -> tuple[int, float]:
        return self.depot_aisle, -self.depot_offset


def route_length(layout: Layout, picks: list[Pick], sequence: list[int]) -> float:
    """Depot, the picks in ``sequence`` order, depot: the sum of shortest walks."""
    stops = [layout.depot, *((picks[i].aisle, layout.y(picks[i])) for i in sequence), layout.depot]
    return sum(layout.distance(a1, y1, a2, y2) for (a1, y1), (a2, y2) in itertools.pairwise(stops))


def load_instance(data: Any) -> tuple[Layout, list[Pick]]:
    """A routing benchmark instance (JSON text or parsed) as a layout and its picks."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise InvalidInput(f"The instance is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("layout"), dict):
        raise InvalidInput("The instance needs a 'layout' object and a 'picks' list.")
    fields = {"aisles", "slots", "slot_length", "aisle_pitch", "blocks", "depot_aisle",
              "depot_offset"}  # fmt: skip
    raw = data["layout"]
    unknown = set(raw) - fields
    if unknown:
        raise InvalidInput(f"Unknown layout fields: {', '.join(sorted(unknown))}.")
    try:
        values: dict[str, Any] = {
            k: (int(v) if k in ("aisles", "slots", "blocks", "depot_aisle") else float(v))
            for k, v in raw.items()
        }
        layout = Layout(**values)
        picks = [Pick(int(p["aisle"]), int(p["slot"])) for p in data.get("picks") or []]
    except (TypeError, ValueError, KeyError) as exc:
        raise InvalidInput(f"The instance has a field of the wrong kind: {exc}") from None
    for pick in picks:
        layout.check(pick)
    return layout, picks
