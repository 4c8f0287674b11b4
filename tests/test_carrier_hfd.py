"""The HFD REST v2 adapter against its emulator over loopback: shipments of each kind with the
fields HFD wants (Israeli phone and address habits), labels whose barcode decodes, pickup
points, tracking to delivered, cancel, the token (expired, replaced, its expiry read), and each
fault mapped to what the sending worker may safely do next."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import assume, given
from hypothesis import strategies as st
from PIL import Image

from fulfillment_app.carriers.base import (
    Address,
    CarrierAdapter,
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
from fulfillment_app.carriers.emulators.hfd import HfdEmulator, HfdFaults, make_token
from fulfillment_app.carriers.hfd import (
    AUTH_SENTENCE,
    ISRAEL,
    STATUS_CODES,
    HfdAdapter,
    local_phone,
    parse_status_xml,
    split_street,
    token_expiry,
)
from fulfillment_app.carriers.registry import build_adapter
from fulfillment_app.services.carriers import secret_reader

SHOP = Address(name="Shop", company='חנות הדוגמה בע"מ', street="הברזל 3", city="תל אביב")


def adapter(emulator: HfdEmulator, **options: str) -> HfdAdapter:
    config = CarrierConfig(
        name="HFD", kind="hfd", url=emulator.url, client_number="3000", options=options
    )
    return HfdAdapter(config, emulator.token, timeout_s=5)


def request(reference: str, **changes: object) -> ShipmentRequest:
    recipient = Address(
        name="נועה כהן-לוינשטיין מהרצליה",  # longer than HFD's 20 characters
        street="רחוב הרצל 12, דירה 7",
        city="תל אביב",
        phone="+972 52-123-4567",
        email="noa@example.com",
    )
    values: dict[str, object] = {
        "reference": reference,
        "sender": SHOP,
        "recipient": recipient,
        "parcels": (Parcel(weight_g=800),),
    }
    values.update(changes)
    return ShipmentRequest(**values)  # type: ignore[arg-type]


def barcodes_in(data: bytes, fmt: str, tmp_path: Path) -> list[str]:
    if fmt == "pdf":
        (tmp_path / "label.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "203", "-png", str(tmp_path / "label.pdf"), str(tmp_path / "p")],
            check=True,
            timeout=120,
        )
        images = [Image.open(p) for p in sorted(tmp_path.glob("p*.png"))]
    else:
        images = [Image.open(io.BytesIO(data))]
    return [r.text for image in images for r in zxingcpp.read_barcodes(image)]


def test_hfd_shipments_labels_points_tracking_and_cancel(tmp_path: Path) -> None:
    with HfdEmulator() as emulator:
        hfd = adapter(emulator)
        assert hfd.can_look_up is False  # HFD documents no look-up by reference

        home = hfd.create(request("PKG-1"))
        body = emulator.shipments["PKG-1"][0].body
        assert (body["shipmentTypeCode"], body["cargoTypeHaloch"], body["stageCode"]) == (
            35,
            10,
            10,
        )
        assert body["mesiraIsuf"] == "מסירה" and body["referenceNum1"] == "PKG-1"
        assert body["telFirst"] == "052-1234567"
        assert (body["streetName"], body["houseNum"], body["apartment"]) == ("רחוב הרצל", "12", "7")
        assert body["nameTo"] == "נועה כהן-לוינשטיין מה"[:20] and len(body["nameTo"]) <= 20
        assert home.carrier_ids["randNumber"] and home.tracking_number in home.tracking_url

        cod = hfd.create(request("PKG-2", cod_amount=Decimal("149.90")))
        body = emulator.shipments["PKG-2"][0].body
        assert (body["shipmentTypeCode"], body["cargoTypeHaloch"]) == (37, 10)
        assert body["govina"]["sum"] == pytest.approx(149.90)

        points = hfd.pickup_points(Address(name="", street="דיזנגוף 3", city="תל אביב"))
        assert {p.kind for p in points} == {"locker", "store"}
        locker = next(p for p in points if p.kind == "locker")
        assert locker.latitude and locker.house == "50"
        hfd.create(request("PKG-3", pickup_point=locker.id))
        body = emulator.shipments["PKG-3"][0].body
        assert (body["shipmentTypeCode"], body["cargoTypeHaloch"]) == (50, 11)
        assert body["pudoCodeDestination"] == locker.id

        # Refusals carry HFD's words and create nothing.
        with pytest.raises(CarrierRejected, match="Unknown city"):
            hfd.create(request("PKG-4", recipient=Address(name="X", street="A 1", city="Nowhere")))
        with pytest.raises(CarrierRejected, match="נקודת איסוף"):
            hfd.create(request("PKG-5", pickup_point="999"))
        assert "PKG-4" not in emulator.shipments and "PKG-5" not in emulator.shipments
        with pytest.raises(NotSupported, match="portal"):
            hfd.find("PKG-1")

        label = hfd.label(home.tracking_number)
        assert label.format == "pdf"
        assert barcodes_in(label.data, "pdf", tmp_path) == [home.tracking_number]

        # Tracking through Run's ship_status_xml (Windows-1255, DD/MM/YYYY in Israel's time).
        delivered_at = datetime(datetime.now(UTC).year + 1, 3, 4, 9, 15, tzinfo=UTC)  # not April
        emulator.advance(
            home.tracking_number, TrackingStatus.COLLECTED, delivered_at - timedelta(hours=5)
        )
        emulator.advance(
            home.tracking_number, TrackingStatus.OUT_FOR_DELIVERY, delivered_at - timedelta(hours=1)
        )
        emulator.advance(home.tracking_number, TrackingStatus.DELIVERED, delivered_at)
        events = hfd.track([home.tracking_number, cod.tracking_number])
        statuses = [e.status for e in events[home.tracking_number]]
        assert statuses[-3:] == [
            TrackingStatus.COLLECTED,
            TrackingStatus.OUT_FOR_DELIVERY,
            TrackingStatus.DELIVERED,
        ]
        last = events[home.tracking_number][-1]
        assert last.at == delivered_at and last.description == "נמסר" and last.code == "40"
        assert [e.status for e in events[cod.tracking_number]] == [TrackingStatus.CREATED]
        assert hfd.track(["123"]) == {"123": []}  # unknown to HFD: nothing to say

        hfd.cancel(cod.tracking_number)
        assert emulator.count("PKG-2") == 0 and emulator.count("PKG-1") == 1
        with pytest.raises(CarrierRejected, match="does not know"):
            hfd.cancel("1")
        with pytest.raises(NotSupported, match="price table"):
            hfd.rates(request("PKG-1"))
        hfd.close()


def test_hfd_token_expired_replaced_and_its_expiry_read() -> None:
    with HfdEmulator(token_days=3) as emulator:
        environ: dict[str, str] = {}
        config = CarrierConfig(
            name="HFD", kind="hfd", url=emulator.url, client_number="3000", token_env="HFD_TOKEN"
        )
        hfd = build_adapter(config, secret_reader(config, environ.get))
        assert isinstance(hfd, HfdAdapter) and isinstance(hfd, CarrierAdapter)
        with pytest.raises(CarrierAuthFailed, match=r"HFD_TOKEN .* is not set"):
            hfd.create(request("PKG-10"))

        environ["HFD_TOKEN"] = emulator.token
        expires = hfd.expires_at
        assert expires is not None
        assert timedelta(days=2.9) < expires - datetime.now(UTC) < timedelta(days=3.1)
        assert hfd.token_warning(within=timedelta(days=1)) == ""
        said = hfd.test()  # what `carriers test` shows the admin
        assert "2 pickup points" in said and "expires on" in said

        emulator.expire_token()
        with pytest.raises(CarrierAuthFailed) as refused:
            hfd.create(request("PKG-10"))
        assert str(refused.value) == AUTH_SENTENCE
        assert emulator.count("PKG-10") == 0

        environ["HFD_TOKEN"] = emulator.new_token()  # the admin enters the new one
        hfd.create(request("PKG-10"))
        assert emulator.count("PKG-10") == 1
        hfd.close()

        # A JWT past its exp is not even sent.
        environ["HFD_TOKEN"] = make_token(b"x", expires=datetime.now(UTC) - timedelta(minutes=1))
        late = build_adapter(config, secret_reader(config, environ.get))
        assert isinstance(late, HfdAdapter)
        sent = emulator.requests
        with pytest.raises(CarrierAuthFailed):
            late.create(request("PKG-11"))
        assert emulator.requests == sent
        assert late.token_warning() == AUTH_SENTENCE
        environ["HFD_TOKEN"] = emulator.token  # a new one entered: taken without a restart
        late.create(request("PKG-11"))
        assert emulator.count("PKG-11") == 1
        late.close()
        assert token_expiry("not-a-jwt") is None


def test_hfd_faults_map_to_safe_next_steps(tmp_path: Path) -> None:
    faults = HfdFaults(rate=1.0, stall_s=0.05)
    with HfdEmulator(faults=faults, lookup=True, label_format="png") as emulator:
        hfd = adapter(emulator, lookup="yes")
        assert hfd.can_look_up
        for kind, error, created in [
            ("refused", CarrierUnavailable, 0),
            ("5xx", CarrierUnavailable, 0),
            ("timeout-after-create", OutcomeUnknown, 1),
            ("malformed", OutcomeUnknown, 1),
        ]:
            faults.kinds = (kind,)
            reference = f"PKG-{kind}"
            with pytest.raises(error):
                hfd.create(request(reference))
            assert emulator.count(reference) == created, kind
            with emulator.no_faults():
                found = hfd.find(reference)
                assert (found is not None) == bool(created), kind
                if found is None:
                    found = hfd.create(request(reference))
                assert emulator.count(reference) == 1  # exactly one at the courier
        # The courier takes it but answers later than we wait: unknown, and found afterwards.
        faults.kinds, faults.stall_s = ("timeout-after-create",), 1.0
        impatient = HfdAdapter(hfd.config, emulator.token, timeout_s=0.2)
        with pytest.raises(OutcomeUnknown, match="in time"):
            impatient.create(request("PKG-slow"))
        impatient.close()
        assert found is not None
        with emulator.no_faults():
            assert hfd.find("PKG-slow") is not None
            label = hfd.label(found.tracking_number)
        assert label.format == "png"
        assert barcodes_in(label.data, "png", tmp_path) == [found.tracking_number]
        faults.kinds = ("malformed",)
        with pytest.raises(CarrierUnavailable):  # a label cut short is not a label
            hfd.label(found.tracking_number)
        with pytest.raises(CarrierUnavailable):
            hfd.pickup_points(SHOP)
        url = emulator.url

    # The emulator is gone: the connection is refused, nothing can have been created.
    gone = HfdAdapter(
        CarrierConfig(name="HFD", kind="hfd", url=url, client_number="3000"), "t", timeout_s=2
    )
    with pytest.raises(CarrierUnavailable, match="cannot be reached"):
        gone.create(request("PKG-X"))

    # A courier without the look-up endpoint, though the option says it has one.
    with HfdEmulator(lookup=False) as emulator:
        with pytest.raises(NotSupported, match="lookup"):
            adapter(emulator, lookup="yes").find("PKG-1")


def test_status_dates_are_day_first_and_unknown_codes_left_out() -> None:
    xml = (
        '<?xml version="1.0" encoding="windows-1255"?><root><mydata><answer>'
        "<ship_status><status_code>20</status_code><status_desc>בדרך</status_desc>"
        "<status_date>03/04/2026</status_date><status_time>10:30</status_time></ship_status>"
        "<ship_status><status_code>99</status_code>"
        "<status_date>05/04/2026</status_date><status_time>10:30</status_time></ship_status>"
        "</answer></mydata></root>"
    ).encode("cp1255")
    (event,) = parse_status_xml(xml)
    assert event.status == TrackingStatus.IN_TRANSIT and event.description == "בדרך"
    assert event.at == datetime(2026, 4, 3, 7, 30, tzinfo=UTC)  # 10:30 in Israel (summer time)


CODES = {"5": "נקלט", "10": "נאסף", "20": "בדרך", "30": "יצא לחלוקה", "40": "נמסר"}


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(CODES)),
            st.datetimes(datetime(2020, 1, 1), datetime(2035, 12, 31), timezones=st.just(UTC)),
        ),
        max_size=6,
    )
)
def test_status_answer_round_trip(events: list[tuple[str, datetime]]) -> None:
    """Whatever the dates (days up to 12 included, summer time or not), each event comes back
    at its own instant, oldest first."""
    rows, expected = [], []
    for code, at in events:
        at = at.replace(second=0, microsecond=0)
        local = at.astimezone(ISRAEL)
        assume(local.replace(fold=0).utcoffset() == local.replace(fold=1).utcoffset())
        rows.append(
            f"<ship_status><status_code>{code}</status_code>"
            f"<status_desc>{CODES[code]}</status_desc>"
            f"<status_date>{local:%d/%m/%Y}</status_date>"
            f"<status_time>{local:%H:%M}</status_time></ship_status>"
        )
        expected.append((at, STATUS_CODES[code], CODES[code]))
    xml = '<?xml version="1.0" encoding="windows-1255"?><root><mydata><answer>'
    xml += "".join(rows) + "</answer></mydata></root>"
    parsed = parse_status_xml(xml.encode("cp1255"))
    assert [(e.at, e.status, e.description) for e in parsed] == sorted(expected, key=lambda e: e[0])


@given(
    st.sampled_from(["050", "052", "053", "054", "055", "058", "072", "077"]),
    st.integers(0, 9_999_999),
    st.sampled_from(
        ["{p}-{n}", "{p}{n}", "+972 {q}-{a}-{b}", "972{q}{n}", "+972-{q}{n}", "(+972) {q} {n}"]
    ),
)
def test_phone_local_form(prefix: str, number: int, shape: str) -> None:
    digits = f"{number:07d}"
    text = shape.format(p=prefix, q=prefix[1:], n=digits, a=digits[:3], b=digits[3:])
    assert local_phone(text) == f"{prefix}-{digits}"
    assert local_phone(local_phone(text)) == local_phone(text)


STREET = st.text(
    alphabet=st.sampled_from(list("אבגדהוזחטיכלמנסעפצקרשת") + list("abcdefghxyz")),
    min_size=2,
    max_size=12,
).filter(lambda word: not any(k in word for k in ("דיר", "קומה", "כניסה")))


@given(
    st.lists(STREET, min_size=1, max_size=3).map(" ".join),
    st.integers(1, 9999),
    st.sampled_from(
        [
            ("{s} {h}", {}),
            ("{s}, {h}", {}),
            ("{h} {s}", {}),
            ("{s} {h}, דירה 4", {"apartment": "4"}),
            ("{s} {h}/4", {"apartment": "4"}),
            ("{s} {h} apt. 4 floor 2", {"apartment": "4", "floor": "2"}),
            ("{s} {h} קומה 3 כניסה ב", {"floor": "3", "entrance": "ב"}),
        ]
    ),
)
def test_street_and_house_split(street: str, house: int, shape: tuple[str, dict[str, str]]) -> None:
    name, number, extras = split_street(shape[0].format(s=street, h=house))
    assert (name, number, extras) == (street, str(house), shape[1])
    assert split_street(street, "5") == (street, "5", {})  # a house given separately wins
