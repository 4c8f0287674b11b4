"""Choosing the box: the smallest box of the station's list that the items fit in.

The fitting rule: every item, turned so its sides are in size order, fits within the box's
sides in size order (so no item is longer than the box in any direction), and the items'
volume together is at most ``fill`` (85 %) of the box's volume, leaving room for dunnage.
A box with a maximum weight passes only when the items and the box's tare together weigh no
more. Among the boxes that pass, the one with the least volume wins. Items without dimensions are
not measured and the packer is told. ``OWN`` means the items ship in their own packaging.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

OWN = "OWN"


@dataclass(frozen=True)
class BoxType:
    code: str
    length_mm: float
    width_mm: float
    height_mm: float
    tare_g: float
    #: The most the packed box may weigh (items and tare); None: no limit.
    max_weight_g: float | None = None

    @property
    def volume(self) -> float:
        return self.length_mm * self.width_mm * self.height_mm

    def sides(self) -> tuple[float, ...]:
        return tuple(sorted((self.length_mm, self.width_mm, self.height_mm), reverse=True))


OWN_BOX = BoxType(OWN, 0, 0, 0, 0)


def parse_boxes(spec: str) -> list[BoxType]:
    """``S:200x150x100:80,M:300x200x150:150:5000``: code, inner dimensions in mm, tare in grams
    and, optionally, the most the packed box may weigh in grams.

    Raises ValueError with a sentence naming the box that is wrong."""
    boxes: list[BoxType] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        fields = part.split(":")
        try:
            if len(fields) not in (3, 4):
                raise ValueError(part)
            code = fields[0].strip().upper()
            dims = tuple(float(v) for v in fields[1].lower().split("x"))
            tare = float(fields[2])
            most = float(fields[3]) if len(fields) == 4 and fields[3].strip() else None
            if len(dims) != 3 or not code:
                raise ValueError(part)
        except ValueError:
            raise ValueError(
                f"The box {part!r} is not CODE:LENGTHxWIDTHxHEIGHT:TARE or "
                "CODE:LENGTHxWIDTHxHEIGHT:TARE:MAXIMUM (millimetres, grams)."
            ) from None
        numbers = (*dims, tare) + ((most,) if most is not None else ())
        if not all(math.isfinite(n) for n in numbers) or min(dims) <= 0 or tare < 0:
            raise ValueError(
                f"The box {code} needs inner sides above 0 mm and a tare of 0 g or more."
            )
        if most is not None and most <= tare:
            raise ValueError(
                f"The box {code} may weigh at most {most:g} g, which is not more than its "
                f"tare of {tare:g} g."
            )
        if not code.replace("-", "").replace("_", "").isalnum() or code == OWN:
            raise ValueError(
                f"The box code {code!r} may hold only letters, digits, - and _ (and not {OWN})."
            )
        if any(b.code == code for b in boxes):
            raise ValueError(f"The box code {code} is given twice.")
        boxes.append(BoxType(code, *dims, tare, most))
    return boxes


def format_boxes(boxes: list[BoxType]) -> str:
    """The settings' text for ``boxes``: what :func:`parse_boxes` reads back."""

    def number(value: float) -> str:
        return f"{value:g}" if value != int(value) else str(int(value))

    parts = []
    for box in boxes:
        dims = "x".join(number(v) for v in (box.length_mm, box.width_mm, box.height_mm))
        part = f"{box.code}:{dims}:{number(box.tare_g)}"
        if box.max_weight_g is not None:
            part += f":{number(box.max_weight_g)}"
        parts.append(part)
    return ",".join(parts)


def suggest_box(items: list[tuple[float, float, float]], boxes: list[BoxType],
                fill: float = 0.85, weight_g: float = 0.0) -> BoxType | None:  # fmt: skip
    """The smallest fitting box for items given as (length, width, height) in mm, one entry
    per piece, weighing ``weight_g`` together; None when nothing fits."""
    volume = sum(a * b * c for a, b, c in items)
    longest = [sorted(i, reverse=True) for i in items]
    for box in sorted(boxes, key=lambda b: b.volume):
        sides = box.sides()
        if volume > box.volume * fill:
            continue
        if box.max_weight_g is not None and weight_g + box.tare_g > box.max_weight_g:
            continue
        if all(all(s <= b for s, b in zip(item, sides, strict=True)) for item in longest):
            return box
    return None
