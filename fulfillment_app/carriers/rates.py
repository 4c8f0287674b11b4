"""Shipping prices: from the carrier's own service where it has one, else the price table.

The price table lives under ``[shipping]`` in the settings file, one price a string::

    [shipping]
    prices = [
        "HFD:home:0-2000:25.00",
        "HFD:home:2000-10000:35.00",
        "HFD:locker:0-5000:19.90",
        "DHL Express:express:0-:180.00:USD",
    ]

Each price is ``CARRIER:SERVICE:FROM-TO:AMOUNT[:CURRENCY]``: the weight in grams from FROM up
to (not including) TO, ``FROM-`` with no end for "and heavier"; the currency is ILS unless
named. From an environment variable (``FULFILLMENT_SHIPPING__PRICES``) prices are separated by
commas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fulfillment_app.carriers.base import CarrierAdapter, NotSupported, Rate, ShipmentRequest
from fulfillment_app.errors import ConfigError

_WEIGHTS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)?\s*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Price:
    carrier: str
    service: str
    from_g: float
    to_g: float | None  # None: no upper limit
    amount: Decimal
    currency: str = "ILS"

    def fits(self, weight_g: float) -> bool:
        return self.from_g <= weight_g and (self.to_g is None or weight_g < self.to_g)


def _bad(entry: str, why: str) -> ConfigError:
    return ConfigError(
        f"The price {entry!r} {why}; write it as CARRIER:SERVICE:FROM-TO:AMOUNT, like "
        "HFD:home:0-2000:25.00, under [shipping] prices."
    )


def parse_price(entry: str) -> Price:
    parts = [p.strip() for p in entry.split(":")]
    if len(parts) not in (4, 5):
        raise _bad(entry, f"has {len(parts)} parts separated by ':' instead of 4 or 5")
    carrier, service, weights, amount_text = parts[:4]
    currency = parts[4].upper() if len(parts) == 5 else "ILS"
    if not carrier:
        raise _bad(entry, "names no carrier")
    match = _WEIGHTS.match(weights)
    if match is None:
        raise _bad(entry, f"has the weights {weights!r} instead of grams FROM-TO")
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) is not None else None
    if high is not None and high <= low:
        raise _bad(entry, "has a weight range whose end is not above its start")
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        raise _bad(entry, f"has the amount {amount_text!r}, which is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise _bad(entry, "has an amount that is not a price")
    if not _CURRENCY.match(currency):
        raise _bad(entry, f"has the currency {currency!r} instead of a code like ILS or USD")
    return Price(carrier, service, low, high, amount, currency)


@dataclass(frozen=True)
class PriceTable:
    prices: tuple[Price, ...] = ()

    @classmethod
    def parse(cls, entries: Sequence[str]) -> PriceTable:
        return cls(tuple(parse_price(e) for e in entries if e.strip()))

    def rates(self, carrier: str, weight_g: float, service: str = "") -> list[Rate]:
        """The table's prices for a carrier at a weight, cheapest first (one service, or all
        of the carrier's when ``service`` is "")."""
        found = [
            Rate(p.service, p.amount, p.currency)
            for p in self.prices
            if p.carrier.casefold() == carrier.casefold()
            and (not service or p.service.casefold() == service.casefold())
            and p.fits(weight_g)
        ]
        return sorted(found, key=lambda r: (r.currency, r.amount))


def rates_for(adapter: CarrierAdapter, request: ShipmentRequest, table: PriceTable) -> list[Rate]:
    """The carrier's own prices where it has them, else the price table's."""
    try:
        return adapter.rates(request)
    except NotSupported:
        return table.rates(adapter.name, request.weight_g, request.service)
