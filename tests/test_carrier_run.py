"""Run WS Simple (Cheetah, Focus): the 42 arguments, the answers, and the flows against the
courier emulator over loopback."""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.carriers.base import (
    Address,
    CarrierAuthFailed,
    CarrierRejected,
    CarrierUnavailable,
    NotSupported,
    OutcomeUnknown,
    Parcel,
    ShipmentRequest,
    TrackingStatus,
)
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.carriers.emulators.run import Faults, RunEmulator
from fulfillment_app.carriers.registry import build_adapter
from fulfillment_app.carriers.run import (
    RunAdapter,
    Unreadable,
    build_arguments,
    decode,
    local_phone,
    parse_create_answer,
    parse_status_answer,
)
from fulfillment_app.carriers.run_templates import SLOTS, load, parse_template
from fulfillment_app.errors import ConfigError

TOKEN = "run_demo"
SHOP = Address("המחסן", "הברזל 3", "תל אביב", company='המחסן בע"מ')
NOA = Address(
    "נועה כהן",
    "רחוב הרצל 12, כניסה ב",
    "חיפה",
    floor="3",
    apartment="7",
    phone="+972 50-123-4567",
    email="noa@example.com",
)


def _request(reference: str = "PKG-1", **changes: object) -> ShipmentRequest:
    values: dict = {
        "reference": reference,
        "sender": SHOP,
        "recipient": NOA,
        "parcels": (Parcel(1250, 300, 200, 150),),
    }
    values.update(changes)
    return ShipmentRequest(**values)


def _adapter(
    emulator: RunEmulator,
    courier: str = "cheetah",
    secrets: dict[str, str] | None = None,
    **options: str,
) -> RunAdapter:
    secrets = {"token": TOKEN} if secrets is None else secrets
    config = CarrierConfig(
        "Cheetah" if courier == "cheetah" else "Focus",
        "run",
        url=emulator.url,
        client_number="1234",
        token_env="CHEETAH_TOKEN",
        courier=courier,
        options={"timeout_s": "0.4", **options},
    )
    adapter = build_adapter(config, lambda key: secrets[key])
    assert isinstance(adapter, RunAdapter)
    return adapter


@pytest.fixture
def courier():
    with RunEmulator(token=TOKEN, charset="windows-1255", declare_charset=False) as emulator:
        yield emulator


_values = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            sorted(
                {
                    "name",
                    "city",
                    "street",
                    "phone",
                    "reference",
                    "cod_amount",
                    "remarks",
                    "email",
                    "house",
                    "weight_kg",
                    "client_number",
                }
            )
        ),
        _values,
    )
)
def test_any_values_make_42_clean_arguments(fields):
    template = load("focus")
    arguments = build_arguments(template.slots, fields)
    parts = arguments.split(",")
    assert len(parts) == SLOTS
    for slot, part in zip(template.slots, parts, strict=True):
        assert part.startswith(f"-{slot.kind}")
        value = part[2:]
        assert "&" not in value and "\n" not in value
        if slot.kind == "N":
            assert value.replace(".", "", 1).isdigit() or value == ""
        if slot.length:
            assert len(value) <= slot.length


@given(st.sampled_from("0234578"), st.text("0123456789", min_size=7, max_size=7))
def test_international_and_local_mobile_numbers_are_one(second, rest):
    local = f"05{second}{rest}"
    for written in (
        f"+972 5{second}-{rest[:3]}-{rest[3:]}",
        f"+9725{second}{rest}",
        f"00972-5{second}-{rest}",
        f"05{second}-{rest}",
        f"(05{second}) {rest[:3]} {rest[3:]}",
    ):
        assert local_phone(written) == local


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_answer_is_a_result_or_a_sentence(body):
    text = decode(body, "")
    try:
        number, _ = parse_create_answer(text, "Cheetah")
        assert number.isdigit()
    except CarrierRejected as exc:
        message = str(exc)
        assert message.startswith("Cheetah refused") and message.endswith(".")
        assert "\n" not in message
    except Unreadable:
        pass
    try:
        events = parse_status_answer(text, load("cheetah"))
        assert all(e.at.tzinfo is not None for e in events)
    except Unreadable:
        pass


def test_answers_in_windows_1255_text_and_xml():
    hebrew = "0,כתובת לא תקינה|12".encode("cp1255")
    for content_type in ("text/plain; charset=windows-1255", "text/plain"):
        with pytest.raises(
            CarrierRejected,
            match="Cheetah refused the shipment: כתובת לא "
            r"תקינה \(code 12\)\.",
        ):
            parse_create_answer(decode(hebrew, content_type), "Cheetah")
    xml = (
        '<?xml version="1.0" encoding="windows-1255"?><root><mydata><answer>'
        "<ship_create_num>123</ship_create_num><ship_num_rand>77</ship_num_rand>"
        "<remark>נקלט</remark></answer></mydata></root>"
    ).encode("cp1255")
    assert parse_create_answer(decode(xml, "text/xml")) == ("123", "77")
    assert parse_create_answer("456,889") == ("456", "889")
    assert local_phone("+972 50-123-4567") == local_phone("050-1234567") == "0501234567"
    # DD/MM/YYYY is read as such: 03/11 is the 3rd of November, not the 11th of March.
    status = (
        "<root><status><status_code>40</status_code><status_desc>נמסר</status_desc>"
        "<status_date>03/11/2026</status_date><status_time>14:05</status_time></status></root>"
    )
    (event,) = parse_status_answer(status, load("cheetah"))
    local = event.at.astimezone(ZoneInfo("Asia/Jerusalem"))
    assert (event.status, local.month, local.day, local.hour) == (
        TrackingStatus.DELIVERED,
        11,
        3,
        14,
    )


def test_cheetah_cod_locker_track_label_refusal_and_token(courier):
    secrets = {"token": TOKEN}
    adapter = _adapter(courier, secrets=secrets)
    assert adapter.test() == "Cheetah answers with our credentials."
    assert adapter.can_look_up is False
    shipment = adapter.create(_request(cod_amount=Decimal("149.9"), service="locker"))
    record = courier.shipments["PKG-1"]
    assert shipment.tracking_number == record.number
    assert shipment.carrier_ids == {"randNumber": record.rand}
    assert len(record.arguments) == 42
    assert record.slot(1) == "1234" and record.slot(2) == "מסירה"
    assert record.slot(11) == "נועה כהן" and record.slot(13) == "חיפה"
    # A comma inside the street was taken out, not sent as an argument boundary.
    assert record.slot(15) == "רחוב הרצל 12 כניסה ב"
    assert record.slot(20) == "0501234567" and record.slot(22) == "PKG-1"
    assert (record.slot(30), record.slot(31)) == ("1", "149.90")
    assert (record.slot(35), record.slot(36), record.slot(37)) == ("", "XML", "L")
    assert record.slot(40) == "noa@example.com"

    # Status by ship_status_xml, the courier's codes in our words, oldest first.
    courier.advance(shipment.tracking_number, "20")
    courier.advance(shipment.tracking_number, "40")
    events = adapter.track([shipment.tracking_number])[shipment.tracking_number]
    assert [e.status for e in events] == [
        TrackingStatus.CREATED,
        TrackingStatus.IN_TRANSIT,
        TrackingStatus.DELIVERED,
    ]
    assert events[-1].description == "נמסר" and events[-1].at <= datetime.now(UTC)
    assert adapter.track(["999"]) == {"999": []}

    label = adapter.label(shipment.tracking_number)
    assert label.format == "zpl" and shipment.tracking_number.encode() in label.data
    courier.label_format = "pdf"
    assert adapter.label(shipment.tracking_number).data.startswith(b"%PDF")

    # A refused address: the courier's own words, nothing created.
    courier.refused_cities.add("אילת")
    with pytest.raises(CarrierRejected, match=r"Cheetah refused the shipment: .*אילת"):
        adapter.create(_request("PKG-2", recipient=Address("דן", "התמרים 1", "אילת")))
    with pytest.raises(NotSupported, match="a person checks"):
        adapter.find("PKG-2")

    # An expired token parks it for the admin; the new one is read again (no restart) and
    # ships it once.
    courier.expire_token()
    with pytest.raises(CarrierAuthFailed, match="an admin enters a new one"):
        adapter.create(_request("PKG-3"))
    courier.set_token("run_new")
    secrets["token"] = "run_new"
    adapter.create(_request("PKG-3"))
    assert courier.counts == {"PKG-1": 1, "PKG-3": 1}
    adapter.close()


def test_focus_layout_and_a_return_collection(courier):
    # This courier reads its arguments in Windows-1255 (the template says so).
    courier.request_charset = "windows-1255"
    template = replace(load("focus"), charset="windows-1255")
    adapter = RunAdapter(
        CarrierConfig("Focus", "run", url=courier.url, client_number="1234", token_env="T"),
        lambda key: TOKEN,
        template=template,
    )
    adapter.create(
        _request(
            "RET-9",
            collection=True,
            pickup_point="P-77",
            parcels=(Parcel(800, 250, 100, 40), Parcel(700, 300, 90, 30)),
        )
    )
    record = courier.shipments["RET-9"]
    assert record.slot(11) == "נועה כהן"
    assert record.slot(2) == "איסוף" and record.slot(34) == "P-77" and record.slot(35) == ""
    assert (record.slot(9), record.slot(23)) == ("2", "2")
    assert [record.slot(n) for n in (39, 40, 41, 42)] == ["1.50", "30", "10", "4"]
    assert record.slot(27) == datetime.now(ZoneInfo("Asia/Jerusalem")).strftime("%d/%m/%Y")
    adapter.close()


def test_faults_never_double_a_shipment(courier):
    adapter = _adapter(courier)
    courier.faults = Faults(rate=1.0, kinds=("timeout",), stall_s=1.0)
    with pytest.raises(OutcomeUnknown, match="a person checks with the courier"):
        adapter.create(_request("PKG-10"))
    courier.faults = Faults(rate=1.0, kinds=("malformed",))
    with pytest.raises(OutcomeUnknown):
        adapter.create(_request("PKG-11"))
    for kind in ("refused", "5xx"):
        courier.faults = Faults(rate=1.0, kinds=(kind,))
        with pytest.raises(CarrierUnavailable):
            adapter.create(_request("PKG-12"))
        with pytest.raises(CarrierUnavailable):
            adapter.track([courier.shipments["PKG-10"].number])
    # The courier did create the first two; nothing was created by the refusals.
    assert courier.counts == {"PKG-10": 1, "PKG-11": 1}

    # Where the template names a lookup program, the unknown outcome is settled by it.
    courier.faults = Faults()
    courier.lookup_program = "ship_find_ref"
    finder = _adapter(courier, lookup_program="ship_find_ref")
    assert finder.can_look_up
    found = finder.find("PKG-10")
    assert found is not None and found.tracking_number == courier.shipments["PKG-10"].number
    assert finder.find("PKG-404") is None

    # Nobody listening: nothing was created, try again later.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    closed = RunAdapter(
        CarrierConfig("Cheetah", "run", url=f"http://127.0.0.1:{port}", courier="cheetah"),
        lambda key: "",
    )
    with pytest.raises(CarrierUnavailable, match="cannot be reached"):
        closed.create(_request("PKG-13"))
    for each in (adapter, finder, closed):
        each.close()


def test_templates_are_configuration(tmp_path):
    # A misconfigured carrier is a sentence that parks its shipments for the admin.
    with pytest.raises(CarrierRejected, match="has no web address"):
        RunAdapter(CarrierConfig("Cheetah", "run", courier="cheetah"), lambda key: "")
    with pytest.raises(CarrierRejected, match="no Run template for the courier 'speedy'"):
        RunAdapter(CarrierConfig("S", "run", url="https://x.example", courier="speedy"), str)
    with pytest.raises(ConfigError, match="no Run template for the courier 'speedy'"):
        load("speedy")
    with pytest.raises(ConfigError, match="has 2 slots where Run takes 42"):
        parse_template('slots = ["N:client_number", "A:direction"]')
    with pytest.raises(ConfigError, match="must start with N or A"):
        parse_template("slots = [" + ", ".join(['"X"'] * 42) + "]")
    own = tmp_path / "speedy.toml"
    own.write_text(
        'name = "Speedy"\nslots = [' + ", ".join(['"A:reference"'] + ['"A"'] * 41) + "]\n"
        '[status]\n"99" = "delivered"\n',
        encoding="utf-8",
    )
    template = load("", str(own))
    assert template.name == "Speedy" and template.status == {"99": "delivered"}
    with pytest.raises(ConfigError, match="not one of"):
        parse_template('slots = []\n[status]\n"1" = "lost"')


def test_with_a_fifth_of_requests_failing_each_package_ships_once(courier):
    """The shipping service's rule, at the adapter: after an unknown outcome look the
    reference up before creating again; after a refusal just try again."""
    courier.lookup_program = "ship_find_ref"
    courier.faults = Faults(rate=0.2, stall_s=0.3, seed=11)
    adapter = _adapter(courier, lookup_program="ship_find_ref", timeout_s="0.15")
    references = [f"PKG-{n}" for n in range(60)]
    numbers: dict[str, str] = {}
    unknowns = refusals = 0
    for reference in references:
        unknown = False
        for _ in range(30):
            try:
                found = adapter.find(reference) if unknown else None
                shipment = found or adapter.create(
                    _request(reference, options={"city_code": "4000"})
                )
            except OutcomeUnknown:
                unknown = True
                unknowns += 1
                continue
            except CarrierUnavailable:
                refusals += 1
                continue
            numbers[reference] = shipment.tracking_number
            break
    adapter.close()
    assert unknowns >= 3 and refusals >= 3  # the faults did happen
    assert courier.counts == dict.fromkeys(references, 1)
    assert numbers == {r: courier.shipments[r].number for r in references}
    assert courier.shipments["PKG-0"].slot(12) == "4000"
