"""The packer's choice of carrier: the pickup point the customer chose at checkout comes in
with the order (Shopify custom attributes, WooCommerce meta), the pack screen shows the
carrier, service and point, and the packer can change them before the close."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import event, select

from fulfillment_app.carriers.base import Address, PickupPoint
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.carriers.manual import ManualCarrier
from fulfillment_app.config import ShippingSettings, UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Order, OrderLine, Role
from fulfillment_app.services.carrier_choice import CarrierChoiceService
from fulfillment_app.services.carriers import CarrierService
from fulfillment_app.sync.emulators import Shop, sample_products
from fulfillment_app.sync.pickup import DEFAULT_KEYS, PickupKeys, meta_pairs, pickup_point
from fulfillment_app.ui.pack_view import PackView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings
from tests.stores import connect_store, external_id, make_emulator, sync_until_clean

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


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


# -- the pack screen ---------------------------------------------------------------------------


class PointsCarrier(ManualCarrier):
    """The manual carrier with a list of lockers near any address (the pickup-point
    couriers' adapters and emulators are tested in their own modules)."""

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        self.asked = near
        return [
            PickupPoint("2207", "לוקר סופר יודה", "locker", "הרצל", "12", near.city),
            PickupPoint("3310", "Post office Ibn Gvirol", "store", "Ibn Gvirol", "40", near.city),
        ]


def test_the_packer_sees_and_changes_the_carrier_and_pickup_point(
    qtbot: Any, tmp_path: Path
) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'pack.sqlite3'}", tmp_path).replace(
        shipping=ShippingSettings(rules=("pickup -> Lockers:locker",), default_carrier="Post")
    )
    context = AppContext.build(settings)
    context.start()
    admin = context.command_line_actor()
    context.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    context.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003")
    with context.db.session() as s:
        for number, ship_to in (
            ("3001", {"name": "Dana", "address1": "Herzl 12", "city": "Tel Aviv"}),
            ("3002", {"name": "נועה", "city": "חיפה",
                      "pickup_point": {"id": "77", "name": "Locker 77", "carrier": ""}}),
        ):  # fmt: skip
            order = Order(external_id=f"local-{number}", number=number, ship_to=ship_to)
            order.lines = [OrderLine(sku="SKU-1000", name="Mug", quantity=1)]
            s.add(order)
    lockers: list[PointsCarrier] = []

    def builder(config: Any, secret: Any) -> Any:
        lockers.append(PointsCarrier(config))
        return lockers[-1]

    for name in ("Post", "Lockers", "Cheetah"):
        CarrierService(context.db, settings.shipping).add(admin, CarrierConfig(name, "manual"))
    noa = context.auth.login_with_pin("Noa", "3333")
    runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
    window = QMainWindow()
    view = PackView(context, runner, sounds)
    window.setCentralWidget(view)
    qtbot.addWidget(window)
    bar = view.carrier_bar
    bar._service = CarrierChoiceService(
        context.db, CarrierService(context.db, settings.shipping, builder=builder)
    )
    window.show()
    view.activate(noa)
    sql_threads: list[str] = []
    watching = [True]  # off while the test itself reads the database

    def record(*_: Any) -> None:
        if watching[0]:
            sql_threads.append(threading.current_thread().name)

    event.listen(context.db.engine, "before_cursor_execute", record)
    try:
        view.on_scan("3001")
        qtbot.waitUntil(lambda: bar.offer is not None and bar.isVisible(), timeout=10_000)
        assert [bar.combo.itemText(i) for i in range(bar.combo.count())] == [
            "As the rules say (Post)", "Cheetah", "Lockers", "Post"]  # fmt: skip
        assert bar.combo.currentIndex() == 0 and "default" in bar.detail.text().lower()
        assert bar.point_label.text() == "To the customer's address."
        assert bar.combo.focusPolicy() == Qt.FocusPolicy.NoFocus

        # The packer ships it with Cheetah instead: kept on the order, audited.
        bar.combo.activated.emit(bar.combo.findData("Cheetah"))
        qtbot.waitUntil(lambda: bar.offer is not None and bar.offer.chosen == "Cheetah")
        assert bar.combo.currentText() == "Cheetah" and "packer" in bar.detail.text()

        # ... and to a locker near the customer, looked up in the network lane.
        qtbot.mouseClick(bar.points_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible())
        assert lockers[-1].asked.city == "Tel Aviv" and bar.dialog.list.count() == 3
        bar.dialog.choose(1)
        qtbot.waitUntil(lambda: bar.offer is not None and bar.offer.pickup_point is not None)
        assert bar.point_label.text() == "Pickup point: לוקר סופר יודה (2207)"
        watching[0] = False
        with context.db.session() as s:
            order = s.scalar(select(Order).where(Order.number == "3001"))
            assert order is not None and order.carrier == "Cheetah"
            assert order.ship_to["pickup_point"] == {
                "id": "2207", "name": "לוקר סופר יודה", "carrier": "Cheetah"}  # fmt: skip
            actions = set(s.scalars(select(AuditEntry.action)))
        assert {"order.carrier_chosen", "order.pickup_point_chosen"} <= actions
        watching[0] = True

        # Back to the rules: the locker is Cheetah's, so Cheetah it stays.
        bar.combo.activated.emit(0)
        qtbot.waitUntil(lambda: bar.offer is not None and not bar.offer.packer_choice)
        assert bar.offer.chosen == "Cheetah" and "pickup points" in bar.offer.reason
        assert bar.combo.itemText(0) == "As the rules say (Cheetah)"

        # Order 3002's point names no carrier: the rule for pickup points chooses.
        view.on_scan("ORD:3002")  # the packing slip of another order
        qtbot.waitUntil(lambda: bar.offer is not None and bar.offer.chosen == "Lockers")
        assert bar.offer.service == "locker" and bar.combo.currentIndex() == 0
        assert bar.point_label.text() == "Pickup point: Locker 77 (77)"
        assert sql_threads and "MainThread" not in sql_threads, "SQL ran on the GUI thread"
    finally:
        event.remove(context.db.engine, "before_cursor_execute", record)
        runner.shutdown()
        window.close()
        context.close()
