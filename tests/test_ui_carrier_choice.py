"""The packer's choice of carrier: the pickup point the customer chose at checkout comes in
with the order (Shopify custom attributes, WooCommerce meta), the pack screen shows the
carrier, service and point, and the packer can change them before the close."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order
from fulfillment_app.sync.emulators import Shop, sample_products
from fulfillment_app.sync.pickup import DEFAULT_KEYS, PickupKeys, meta_pairs, pickup_point
from tests.stores import connect_store, external_id, make_emulator, sync_until_clean


@pytest.mark.parametrize("platform", ["shopify", "woocommerce"])
def test_the_customers_pickup_point_comes_with_the_order(
    platform: str, sqlite_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=3, seed=5)
    with shop.lock:
        shop.orders[5001].attributes = {
            "_epost_spot_id": "2207",
            "_epost_spot_name": "לוקר סופר יודה, הרצל 12",
            "_pickup_point_carrier": "HFD",
            "gift_wrap": "yes",
        }
        shop.orders[5002].attributes = {"Pickup_Point_ID": " L-15 "}  # any case, trimmed
        shop.orders[5003].delivery_category = "pick-up"
    with make_emulator(platform, shop) as emulator:
        connect_store(sqlite_context, emulator, monkeypatch)
        sync_until_clean(sqlite_context)
    with sqlite_context.db.session() as s:
        ship_to = {
            n: s.scalar(select(Order).where(Order.external_id == external_id(platform, n))).ship_to
            for n in (5001, 5002, 5003)
        }
    assert ship_to[5001]["pickup_point"] == {
        "id": "2207",
        "name": "לוקר סופר יודה, הרצל 12",
        "carrier": "HFD",
    }
    assert ship_to[5002]["pickup_point"] == {"id": "L-15", "name": "", "carrier": ""}
    assert "pickup_point" not in ship_to[5003]
    assert ship_to[5003].get("local_pickup") is (True if platform == "shopify" else None)


values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.lists(st.text()))


@given(
    st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(["key", "value", "id"]), values),
            st.text(),
            st.none(),
        )
    )
)
def test_pickup_meta_parser_takes_anything(entries: list[Any]) -> None:
    point = pickup_point(meta_pairs(entries), DEFAULT_KEYS)
    assert point is None or (point["id"] and set(point) == {"id", "name", "carrier"})
    keys = PickupKeys.of("my_point", "", "")
    assert pickup_point([("My_Point", 7)], keys) == {"id": "7", "name": "", "carrier": ""}
    assert pickup_point([("my_point", True), ("my_point", "")], keys) is None
