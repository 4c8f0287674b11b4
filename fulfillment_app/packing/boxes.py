"""Choosing the box: the smallest box of the station's list that the items fit in.

The fitting rule: every item, turned so its sides are in size order, fits within the box's
sides in size order (so no item is longer than the box in any direction), and the items'
volume together is at most ``fill`` (85 %) of the box's volume, leaving room for dunnage.
Among the boxes that pass, the one with the least volume wins. Items without dimensions are
not measured and the packer is told. ``OWN`` means the items ship in their own packaging.
"""

from __future__ import annotations

from dataclasses import dataclass

OWN = "OWN"


@dataclass(frozen=True)
class BoxType:
    code: str
    length_mm: float
    width_mm: float
    height_mm: float
    tare_g: float

    @property
    def volume(self) -> float:
        return self.length_mm * self.width_mm * self.height_mm

    def sides(self) -> tuple[float, ...]:
        return tuple(sorted((self.length_mm, self.width_mm, self.height_mm), reverse=True))


OWN_BOX = BoxType(OWN, 0, 0, 0, 0)


def parse_boxes(spec: str) -> list[BoxType]:
    """``S:200x150x100:80,M:300x200x150:150``: code, inner dimensions in mm, tare in grams."""
    boxes = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        try:
            code, dims, tare = part.split(":")
            length, width, height = (float(v) for v in dims.lower().split("x"))
            boxes.append(BoxType(code.strip().upper(), length, width, height, float(tare)))
        except ValueError:
            raise ValueError(
                f"box {part!r} is not CODE:LENGTHxWIDTHxHEIGHT:TARE (millimetres, grams)"
            ) from None
    return boxes


def suggest_box(items: list[tuple[float, float, float]], boxes: list[BoxType],
                fill: float = 0.85) -> BoxType | None:  # fmt: skip
    """The smallest fitting box for items given as (length, width, height) in mm, one entry
    per piece; None when nothing fits."""
    volume = sum(a * b * c for a, b, c in items)
    longest = [sorted(i, reverse=True) for i in items]
    for box in sorted(boxes, key=lambda b: b.volume):
        sides = box.sides()
        if volume > box.volume * fill:
            continue
        if all(all(s <= b for s, b in zip(item, sides, strict=True)) for item in longest):
            return box
    return None
