"""What a courier is asked for a package, from what the store told us of the order and what the
packing station measured: plain values in, a :class:`ShipmentRequest` out (no database here).

Keys read from the order's ``ship_to`` (the store adapters fill it): ``name``, ``company``,
``address1`` (the street, often with the house number in it), ``address2``, ``city``, ``zip``,
``country``, ``phone``, ``email``; and, where the store says so, ``pickup_point`` (the carrier's
point or locker id the customer chose at checkout), ``cod_amount`` with ``cod_currency`` (cash on
delivery) and ``value`` with ``currency`` (the declared value, for customs).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..carriers.base import Address, Parcel, ShipmentRequest
from ..config import LabelSettings
from ..packing.boxes import BoxType

#: "Herzl 12", "Herzl 12/3", "12 Herzl": the house number inside the street field.
_TRAILING_HOUSE = re.compile(r"^(?P<street>.*?\D)\s+(?P<house>\d+[A-Za-z\u05d0-\u05ea]?(?:/\d+)?)$")
_LEADING_HOUSE = re.compile(r"^(?P<house>\d+[A-Za-z]?)\s+(?P<street>\D.*)$")


def split_street(line: str) -> tuple[str, str]:
    """``(street, house)`` of an address line that may carry the house number."""
    text = " ".join(line.split())
    match = _TRAILING_HOUSE.match(text) or _LEADING_HOUSE.match(text)
    if not match:
        return text, ""
    return match.group("street").strip().rstrip(","), match.group("house")


def decimal_or_none(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def recipient_of(ship_to: Mapping[str, Any], fallback_name: str = "") -> Address:
    street, house = split_street(str(ship_to.get("address1") or ""))
    extra = str(ship_to.get("address2") or "").strip()
    return Address(
        name=str(ship_to.get("name") or fallback_name),
        street=street,
        house=house,
        city=str(ship_to.get("city") or ""),
        country=str(ship_to.get("country") or "IL").upper() or "IL",
        apartment=extra,
        postcode=str(ship_to.get("zip") or ""),
        company=str(ship_to.get("company") or ""),
        phone=str(ship_to.get("phone") or ""),
        email=str(ship_to.get("email") or ""),
    )


def sender_of(labels: LabelSettings) -> Address:
    street, house = split_street(labels.street)
    return Address(
        name=labels.company_name,
        company=labels.company_name,
        street=street,
        house=house,
        city=labels.city,
        postcode=labels.postcode,
        country=(labels.country or "IL").upper()[:2],
    )


def build_request(
    *,
    reference: str,
    ship_to: Mapping[str, Any],
    customer_name: str,
    weight_g: float | None,
    box: BoxType | None,
    labels: LabelSettings,
    service: str = "",
    cod_amount: Decimal | None = None,
    pickup_point: str | None = None,
    order_number: str = "",
) -> ShipmentRequest:
    parcel = Parcel(
        weight_g=float(weight_g or 0.0),
        length_mm=box.length_mm if box else 0,
        width_mm=box.width_mm if box else 0,
        height_mm=box.height_mm if box else 0,
    )
    value = decimal_or_none(ship_to.get("value"))
    return ShipmentRequest(
        reference=reference,
        sender=sender_of(labels),
        recipient=recipient_of(ship_to, customer_name),
        parcels=(parcel,),
        service=service,
        cod_amount=cod_amount,
        cod_currency=str(ship_to.get("cod_currency") or "ILS"),
        pickup_point=pickup_point or None,
        remarks=f"Order {order_number}" if order_number else "",
        value=value,
        currency=str(ship_to.get("currency") or "ILS"),
    )
