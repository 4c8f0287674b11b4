"""The pickup point or locker a customer chose at checkout, read from the store's order.

Stores have no common field for it: the shipping plugins keep it as order data of their own.
What is read (the key lists are settings, ``[sync] pickup_id_keys`` etc.; the first key with
a value wins, compared without case):

- WooCommerce: the order's ``meta_data`` entries (``{key, value}``), e.g. ``_pickup_point_id``
  or HFD/ePost's ``_epost_spot_id``;
- Shopify: the order's custom attributes (``customAttributes {key value}``, "note attributes"
  that pickup-point apps write), with the same keys. An order whose shipping line is in the
  ``pick-up`` delivery category is collected at the shop itself (local pickup): it is marked
  ``local_pickup`` and has no courier's point.

The point is stored on the order as ``ship_to["pickup_point"] = {"id", "name", "carrier"}``
("carrier" empty when the plugin does not say).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DEFAULT_ID_KEYS = (
    "_pickup_point_id,pickup_point_id,_epost_spot_id,epost_spot_id,_locker_id,locker_id"
)
DEFAULT_NAME_KEYS = (
    "_pickup_point_name,pickup_point_name,_epost_spot_name,epost_spot_name,_locker_name"
)
DEFAULT_CARRIER_KEYS = "_pickup_point_carrier,pickup_point_carrier"


def key_list(text: str) -> tuple[str, ...]:
    return tuple(k.strip().lower() for k in text.split(",") if k.strip())


@dataclass(frozen=True)
class PickupKeys:
    ids: tuple[str, ...] = key_list(DEFAULT_ID_KEYS)
    names: tuple[str, ...] = key_list(DEFAULT_NAME_KEYS)
    carriers: tuple[str, ...] = key_list(DEFAULT_CARRIER_KEYS)

    @classmethod
    def of(cls, ids: str, names: str, carriers: str) -> PickupKeys:
        return cls(key_list(ids), key_list(names), key_list(carriers))


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def pickup_point(pairs: Iterable[tuple[Any, Any]], keys: PickupKeys) -> dict[str, str] | None:
    """``{"id", "name", "carrier"}`` from the order's key/value pairs, or None when the
    customer chose no point."""
    found: dict[str, str] = {}
    for key, value in pairs:
        if isinstance(key, str) and (text := _scalar(value)):
            found.setdefault(key.strip().lower(), text)

    def first(names: tuple[str, ...]) -> str:
        return next((found[k] for k in names if k in found), "")

    ident = first(keys.ids)
    if not ident:
        return None
    return {"id": ident[:100], "name": first(keys.names)[:200], "carrier": first(keys.carriers)}


def meta_pairs(entries: Any) -> list[tuple[Any, Any]]:
    """WooCommerce ``meta_data`` or Shopify ``customAttributes`` as (key, value) pairs;
    anything not shaped like an entry is left out."""
    if not isinstance(entries, list):
        return []
    return [(e.get("key"), e.get("value")) for e in entries if isinstance(e, dict)]


DEFAULT_KEYS = PickupKeys()
