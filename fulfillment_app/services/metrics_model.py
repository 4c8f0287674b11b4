"""The expected time of a task: a linear model fitted to this warehouse's own history.

A cart (pick batch) is expected to take::

    base + travel_m × s/m + locations × s/location + lines × s/line + units × s/unit

and a pack session::

    base + lines × s/line + units × s/unit + single_sku × s + mixed × s

where ``single_sku`` is 1 for an order of one SKU in several units and ``mixed`` is 1 for an
order of several SKUs (a single-item order has both 0). ``travel_m`` is the planned walk of
the cart's route from the routing engine (the layout is in metres: ``[picking] slot_length``
and ``aisle_pitch``).

The coefficients are fitted by ordinary least squares on the worked time (actual time less
time lost to the system) of recent finished tasks, solving the normal equations
``(XᵀX + λD) β = Xᵀy + λD β₀`` by Gaussian elimination (numpy is not a dependency for a 5×5
solve). The small ridge term (``λ = 0.1 %`` of each feature's own ``XᵀX`` diagonal) pulls the
fit towards the defaults ``β₀`` only where the history cannot tell features apart (e.g. when
every line of every cart was a location of its own); with varied history it changes the
estimate by a fraction of a percent. Fitted per-feature coefficients below zero are set to zero
(more work is never expected to take less time).

Until there are :data:`MIN_SAMPLES` finished tasks of a kind, the defaults are used: a walking
pace of about 1 m/s, 8 s to find a location, 4 s per line and 3 s per unit picked, 60 s to
take and hand in a cart; 40 s to start and close a pack session (box, label), 8 s per line,
4 s per unit scanned, nothing more for one SKU in several units and 15 s more for a mixed
order. They are the middle of published pick and pack time studies, meant only to give
sensible scores on the first day.
"""

from __future__ import annotations

from collections.abc import Sequence

from .metrics_types import ModelInfo

CART = "cart"
PACK = "pack"

FEATURES: dict[str, tuple[str, ...]] = {
    CART: ("travel_m", "locations", "lines", "units"),
    PACK: ("lines", "units", "single_sku", "mixed"),
}

DEFAULTS: dict[str, dict[str, float]] = {
    CART: {"base": 60.0, "travel_m": 1.0, "locations": 8.0, "lines": 4.0, "units": 3.0},
    PACK: {"base": 40.0, "lines": 8.0, "units": 4.0, "single_sku": 0.0, "mixed": 15.0},
}

#: Finished tasks of a kind before the model is fitted rather than the defaults used.
MIN_SAMPLES = 20
RIDGE = 0.001


def default_model(kind: str) -> ModelInfo:
    return ModelInfo(kind, dict(DEFAULTS[kind]), 0, False)


def expected_seconds(model: ModelInfo, features: dict[str, float]) -> float:
    """The model's expected time for a task with ``features`` (at least one second)."""
    total = model.coefficients["base"]
    for name in FEATURES[model.kind]:
        total += model.coefficients[name] * features.get(name, 0.0)
    return max(total, 1.0)


def fit(kind: str, samples: Sequence[tuple[dict[str, float], float]]) -> ModelInfo:
    """Fit the model of ``kind`` to ``(features, worked seconds)`` samples; the defaults
    when there are fewer than :data:`MIN_SAMPLES`."""
    if len(samples) < MIN_SAMPLES:
        return ModelInfo(kind, dict(DEFAULTS[kind]), len(samples), False)
    names = ("base", *FEATURES[kind])
    prior = [DEFAULTS[kind][n] for n in names]
    size = len(names)
    xtx = [[0.0] * size for _ in range(size)]
    xty = [0.0] * size
    for features, seconds in samples:
        row = [1.0, *(float(features.get(n, 0.0)) for n in names[1:])]
        for i in range(size):
            xty[i] += row[i] * seconds
            for j in range(i, size):
                xtx[i][j] += row[i] * row[j]
    for i in range(size):
        for j in range(i):
            xtx[i][j] = xtx[j][i]
    for i in range(size):
        weight = RIDGE * (xtx[i][i] or 1.0)
        xtx[i][i] += weight
        xty[i] += weight * prior[i]
    beta = solve(xtx, xty)
    if beta is None:
        return ModelInfo(kind, dict(DEFAULTS[kind]), len(samples), False)
    coefficients = {
        n: (b if n == "base" else max(b, 0.0)) for n, b in zip(names, beta, strict=True)
    }
    return ModelInfo(kind, coefficients, len(samples), True)


def solve(matrix: list[list[float]], vector: list[float]) -> list[float] | None:
    """Solve ``matrix · x = vector`` by Gaussian elimination with partial pivoting; ``None``
    when the matrix is singular."""
    size = len(vector)
    a = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, size):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, size + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * size
    for r in range(size - 1, -1, -1):
        x[r] = (a[r][size] - sum(a[r][c] * x[c] for c in range(r + 1, size))) / a[r][r]
    return x


def order_type(lines: int, units: int) -> str:
    """The packer's order types: one piece, one SKU in several units, or several SKUs."""
    if lines <= 1 and units <= 1:
        return "single item"
    if lines <= 1:
        return "one SKU, several units"
    return "mixed"
