"""Baldar couriers: the pParam slot string, the ASMX answers, and the flows against the
emulator over loopback."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.carriers.baldar import (
    DEFAULT_SLOTS,
    BaldarAdapter,
    build_param,
    parse_answer,
    parse_slots,
)
from fulfillment_app.carriers.base import (
    Address,
    CarrierAuthFailed,
    CarrierRejected,
    CarrierUnavailable,
    NotSupported,
    OutcomeUnknown,
    Parcel,
    ShipmentRequest,
)
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.carriers.emulators.baldar import BaldarEmulator
from fulfillment_app.carriers.emulators.run import Faults
from fulfillment_app.carriers.registry import build_adapter
from fulfillment_app.carriers.run import Unreadable, decode
from fulfillment_app.errors import ConfigError

SHOP = Address("המחסן", "הברזל", "תל אביב", house="3", company='המחסן בע"מ')
DAN = Address("דן; לוי", "ביאליק", "רמת גן", house="20", phone="052-765-4321")


def _request(reference: str, **changes: object) -> ShipmentRequest:
    values: dict = {
        "reference": reference,
        "sender": SHOP,
        "recipient": DAN,
        "parcels": (Parcel(900),),
    }
    values.update(changes)
    return ShipmentRequest(**values)


def _adapter(emulator: BaldarEmulator, **options: str) -> BaldarAdapter:
    config = CarrierConfig(
        "Tapuz",
        "baldar",
        url=emulator.url,
        client_number="777",
        token_env="TAPUZ_TOKEN" if emulator.token else "",
        courier="tapuz",
        options={"timeout_s": "0.4", **options},
    )
    adapter = build_adapter(config, lambda key: "tapuz_demo")
    assert isinstance(adapter, BaldarAdapter)
    return adapter


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "street", "city", "remarks", "reference"]), st.text(max_size=40)
    )
)
def test_any_values_make_one_value_a_slot(fields):
    slots = parse_slots(DEFAULT_SLOTS)
    parts = build_param(slots, fields).split(";")
    assert len(parts) == len(slots)
    assert all("\n" not in p and "\r" not in p for p in parts)


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200)
    | st.from_regex(r"-?\d{1,6}(;[^<]{0,20})?", fullmatch=True).map(
        lambda t: f'<string xmlns="http://tempuri.org/">{t}</string>'.encode()
    )
)
def test_any_answer_is_a_number_or_a_sentence(body):
    try:
        number = parse_answer(decode(body), "Tapuz")
        assert number.isdigit() and int(number) > 0
    except CarrierRejected as exc:
        assert str(exc).startswith("Tapuz refused the delivery: ") and str(exc).endswith(".")
        assert "\n" not in str(exc)
    except Unreadable:
        pass


def test_a_delivery_with_cod_refusals_and_no_second_create():
    with BaldarEmulator(charset="windows-1255") as courier:
        adapter = _adapter(courier)
        assert adapter.can_look_up is False
        assert adapter.test().startswith("Tapuz answers")
        shipment = adapter.create(_request("PKG-1", cod_amount=Decimal("80")))
        record = courier.shipments["PKG-1"]
        assert shipment.tracking_number == record.number
        fields = record.fields
        # A semicolon in a name does not shift the slots after it.
        assert fields["name"] == "דן לוי" and fields["city"] == "רמת גן"
        assert (fields["street"], fields["house"]) == ("ביאליק", "20")
        assert (fields["sender_street"], fields["sender_house"]) == ("הברזל", "3")
        assert fields["cod_amount"] == "80.00" and fields["client_number"] == "777"
        assert fields["email_or_phone"] == "0527654321"

        courier.refused_cities.add("אילת")
        with pytest.raises(CarrierRejected, match="Tapuz refused the delivery: העיר אילת"):
            adapter.create(_request("PKG-2", recipient=Address("רות", "התמרים 1", "אילת")))

        courier.faults = Faults(rate=1.0, kinds=("timeout",), stall_s=1.0)
        with pytest.raises(OutcomeUnknown, match="a person checks with the courier"):
            adapter.create(_request("PKG-3"))
        courier.faults = Faults(rate=1.0, kinds=("5xx",))
        with pytest.raises(CarrierUnavailable):
            adapter.create(_request("PKG-4"))
        courier.faults = Faults()
        with pytest.raises(NotSupported):
            adapter.find("PKG-3")
        assert courier.counts == {"PKG-1": 1, "PKG-3": 1}
        adapter.close()


def test_a_moved_slot_layout_a_wrapped_answer_and_a_token():
    layout = "type;reference;client_number;name/10;city;street;house;pickup_point;=X"
    with BaldarEmulator(slots=layout, wrapped=True, token="tapuz_demo") as courier:
        adapter = _adapter(courier, slots=layout)
        shipment = adapter.create(
            _request("PKG-7", recipient=Address("שרה אברהמי-כהן", "", ""), pickup_point="L-5")
        )
        record = courier.shipments["PKG-7"]
        assert record.number == shipment.tracking_number
        assert record.param.split(";") == [
            "1",
            "PKG-7",
            "777",
            "שרה אברהמי",
            "",
            "",
            "",
            "L-5",
            "X",
        ]
        courier.expire_token()
        with pytest.raises(CarrierAuthFailed, match="an admin enters a new one"):
            adapter.create(_request("PKG-8"))
        adapter.close()
    with pytest.raises(ConfigError, match="Slot 2 of the Baldar template"):
        parse_slots("type;not a field")
