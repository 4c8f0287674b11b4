"""The weight gate: the box on the scale must weigh what its contents should."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WeightCheck:
    expected_g: float
    measured_g: float
    tolerance_g: float
    ok: bool
    #: Products in the box whose weight the catalogue does not know (the check is partial).
    unknown_weights: tuple[str, ...] = ()

    @property
    def difference_g(self) -> float:
        return self.measured_g - self.expected_g

    def message(self) -> str:
        if self.ok:
            text = f"Weight OK: {self.measured_g:.0f} g (expected {self.expected_g:.0f} g)."
        else:
            more = "heavier" if self.difference_g > 0 else "lighter"
            text = (
                f"The box is {abs(self.difference_g):.0f} g {more} than expected "
                f"({self.measured_g:.0f} g, expected {self.expected_g:.0f} g ± "
                f"{self.tolerance_g:.0f} g). Check the contents, or ask a supervisor to approve."
            )
        if self.unknown_weights:
            text += f" No weight is known for: {', '.join(self.unknown_weights)}."
        return text


def expected_weight(
    items: list[tuple[float | None, int, str]], tare_g: float, dunnage_g: float
) -> tuple[float, tuple[str, ...]]:
    """Sum of (weight, quantity, sku) items plus box tare and dunnage allowance."""
    unknown = tuple(sorted({sku for weight, _, sku in items if weight is None}))
    total = sum((weight or 0.0) * qty for weight, qty, _ in items) + tare_g + dunnage_g
    return total, unknown


def check_weight(expected_g: float, measured_g: float, *, tolerance_g: float,
                 tolerance_pct: float, unknown: tuple[str, ...] = ()) -> WeightCheck:  # fmt: skip
    """Within the larger of the absolute and the percentage tolerance."""
    allowed = max(tolerance_g, expected_g * tolerance_pct / 100)
    ok = abs(measured_g - expected_g) <= allowed
    return WeightCheck(expected_g, measured_g, allowed, ok, unknown)
