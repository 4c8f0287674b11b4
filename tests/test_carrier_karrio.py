"""International shipments through Karrio (DHL Express, UPS) against local carrier emulators.

No network: the adapter's server is the emulator on loopback, which answers in the carriers'
sandbox shapes and keeps its own records, so "exactly one shipment at the courier" is counted
at the courier.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st

from fulfillment_app.carriers.base import (
    Address,
    CarrierAdapter,
    CarrierAuthFailed,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    NotSupported,
    OutcomeUnknown,
    Parcel,
    ShipmentRequest,
    TrackingStatus,
)
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.carriers.emulators.karrio_dhl import DhlExpressEmulator, KarrioFaults
from fulfillment_app.carriers.emulators.karrio_ups import UpsEmulator
from fulfillment_app.carriers.karrio_adapter import KarrioAdapter, _when
from fulfillment_app.carriers.registry import build_adapter
from fulfillment_app.services.carriers import secret_reader
from tests.test_labels import pdf_images

SHOP = Address(
    name="Dana Levi",
    company="Blue Shop Ltd",
    street="Herzl",
    house="12",
    city="Tel Aviv",
    postcode="6511201",
    phone="+972 3-555-0101",
    email="shop@example.com",
)
NEW_YORK = Address(
    name="John Carter",
    street="W 34th St",
    house="350",
    city="New York",
    country="US",
    postcode="10001",
    phone="+1 212-555-0100",
)
BERLIN = Address(
    name="Anna Schmidt",
    street="Hauptstrasse",
    house="5",
    city="Berlin",
    country="DE",
    postcode="10115",
    apartment="3",
    phone="+49 30 1234567",
)
FAST = httpx.Timeout(connect=2.0, read=1.0, write=2.0, pool=2.0)


def request(reference: str, to: Address = NEW_YORK, **extra: object) -> ShipmentRequest:
    return ShipmentRequest(
        reference=reference,
        sender=SHOP,
        recipient=to,
        parcels=(Parcel(weight_g=1200, length_mm=300, width_mm=200, height_mm=100),),
        contents="Cotton T-shirts",
        value=Decimal("80.00"),
        currency="USD",
        **extra,  # type: ignore[arg-type]
    )


def config(carrier: str, url: str, **options: str) -> CarrierConfig:
    return CarrierConfig(
        name="DHL" if carrier == "dhl_express" else "UPS",
        kind="karrio",
        url=url,
        client_number="950000001",
        karrio_carrier=carrier,
        options={"site_id" if carrier == "dhl_express" else "client_id": "fulfillment", **options},
    )


def test_dhl_express_ships_abroad_with_a_label_tracking_and_the_contracts_errors(
    tmp_path: Path,
) -> None:
    with DhlExpressEmulator(password="s3cret") as dhl:
        asked: list[str] = []
        adapter = build_adapter(
            config("dhl_express", dhl.url), lambda key: asked.append(key) or "s3cret"
        )
        assert isinstance(adapter, CarrierAdapter) and asked == ["password"]
        assert "answers with our credentials" in adapter.test()  # type: ignore[attr-defined]
        assert adapter.kind == "karrio" and adapter.can_look_up is False

        shipment = adapter.create(request("PKG-101"))
        assert shipment.reference == "PKG-101"
        assert shipment.tracking_number == dhl.shipments["PKG-101"].tracking_number
        assert shipment.tracking_url == (
            "https://www.dhl.com/global-en/home/tracking/tracking-express.html"
            f"?submit=1&tracking-id={shipment.tracking_number}"
        )
        assert dhl.count("PKG-101") == 1
        # Customs for abroad: what is inside and what it is worth went to DHL.
        assert dhl.shipments["PKG-101"].details == {
            "shipper_country": "IL",
            "consignee_country": "US",
            "declared_value": "80",
            "currency": "USD",
            "contents": "Cotton T-shirts",
            "dutiable": "Y",
        }
        # The label is DHL's PDF; its barcode reads back as the air waybill number.
        assert shipment.label is not None and shipment.label.format == "pdf"
        page = pdf_images(shipment.label.data, tmp_path, dpi=203)[0]
        assert shipment.tracking_number in [r.text for r in zxingcpp.read_barcodes(page)]

        # Tracking: nothing until DHL scans it, then its check points in our vocabulary.
        assert adapter.track([shipment.tracking_number]) == {}
        for code in ("PU", "AF", "WC", "OK"):
            dhl.advance(shipment.tracking_number, code)
        events = adapter.track([shipment.tracking_number, "5999999999"])
        assert list(events) == [shipment.tracking_number]
        statuses = [e.status for e in events[shipment.tracking_number]]
        assert statuses == [
            TrackingStatus.COLLECTED,
            TrackingStatus.IN_TRANSIT,
            TrackingStatus.OUT_FOR_DELIVERY,
            TrackingStatus.DELIVERED,
        ]
        assert all(e.at.tzinfo is not None for e in events[shipment.tracking_number])

        rates = adapter.rates(request("PKG-102"))
        assert {r.service for r in rates} >= {"dhl_express_worldwide_nondoc"}
        assert all(r.amount > 0 and r.currency == "USD" and r.days for r in rates)

        # No look-up by reference, no cancel, no label again: said, not pretended.
        for call in (
            lambda: adapter.find("PKG-101"),
            lambda: adapter.cancel(shipment.tracking_number),
            lambda: adapter.label(shipment.tracking_number),
            lambda: adapter.pickup_points(NEW_YORK),
        ):
            with pytest.raises(NotSupported):
                call()

        # A refused address is permanent for that request, in one sentence.
        dhl.refuse_postcodes.add("10001")
        with pytest.raises(CarrierRejected) as refused:
            adapter.create(request("PKG-103"))
        assert not isinstance(refused.value, CarrierAuthFailed)
        assert "postcode" in str(refused.value) and "\n" not in str(refused.value)
        dhl.refuse_postcodes.clear()

        # A wrong address for the service is the admin's to fix, not retried for ever.
        wrong = build_adapter(config("dhl_express", dhl.url + "/api"), lambda key: "s3cret")
        with pytest.raises(CarrierRejected, match="not the DHL Express API"):
            wrong.create(request("PKG-106"))
        wrong.close()

        # The password was changed at DHL: held for the admin; the new one ships it once.
        dhl.expire_token()
        with pytest.raises(CarrierAuthFailed) as auth:
            adapter.create(request("PKG-104"))
        assert "admin" in str(auth.value)
        with pytest.raises(CarrierAuthFailed):  # what `carriers test` tells the admin
            adapter.test()  # type: ignore[attr-defined]
        adapter.close()
        # As `carriers add karrio --secret-env site_id=DHL_SITE --secret-env password=...`.
        updated = replace(
            config("dhl_express", dhl.url),
            options={"site_id_env": "DHL_SITE", "password_env": "DHL_PASSWORD"},
        )
        environ = {"DHL_SITE": "fulfillment", "DHL_PASSWORD": dhl.password}
        fixed = build_adapter(updated, secret_reader(updated, environ.get))
        assert fixed.create(request("PKG-104")).tracking_number
        assert dhl.count("PKG-104") == 1 and dhl.count("PKG-103") == 0
        fixed.close()

    # The courier is gone: nothing was created, try later.
    gone = KarrioAdapter(config("dhl_express", dhl.url), lambda key: "x", timeout=FAST)
    with pytest.raises(CarrierUnavailable):
        gone.create(request("PKG-105"))
    gone.close()


def test_with_a_fifth_of_dhl_requests_failing_no_parcel_is_shipped_twice() -> None:
    """The sending rule of the contract: retry what certainly failed; after an unknown outcome,
    a carrier that cannot look up holds the shipment for a person, never a second create."""
    faults = KarrioFaults(rate=0.2, stall_s=1.5, seed=16)
    with DhlExpressEmulator(faults=faults) as dhl:
        adapter = KarrioAdapter(dhl.config(label="zpl"), dhl.secret, timeout=FAST)
        created: dict[str, str] = {}
        held: set[str] = set()
        seen: set[type] = set()
        references = [f"PKG-{n}" for n in range(30)]
        for reference in references:
            for _attempt in range(10):
                try:
                    shipment = adapter.create(request(reference, BERLIN))
                except CarrierUnavailable as e:
                    seen.add(type(e))
                    continue
                except OutcomeUnknown as e:
                    seen.add(type(e))
                    with pytest.raises(NotSupported):
                        adapter.find(reference)
                    held.add(reference)
                    break
                assert shipment.label is not None and shipment.label.format == "zpl"
                assert shipment.label.data.startswith(b"^XA")
                created[shipment.reference] = shipment.tracking_number
                break
        adapter.close()
        assert seen == {CarrierUnavailable, OutcomeUnknown}
        assert held and created
        assert set(created) | held == set(references)
        assert all(dhl.count(r) == 1 for r in created)
        assert all(dhl.count(r) <= 1 for r in held)
        assert all(dhl.shipments[r].tracking_number == n for r, n in created.items())


def test_ups_rates_labels_tracking_cancel_and_credentials() -> None:
    with UpsEmulator(client_secret="s3cret") as ups:
        adapter = build_adapter(ups.config(), ups.secret)
        to_berlin = replace(request("PKG-201", BERLIN), currency="EUR")

        rates = adapter.rates(to_berlin)
        by_service = {r.service: r for r in rates}
        assert by_service["ups_worldwide_saver"].amount == Decimal("95.10")
        assert by_service["ups_worldwide_saver"].days == 3
        assert len(rates) == 3

        shipment = adapter.create(to_berlin)
        assert shipment.tracking_number.startswith("1Z") and ups.count("PKG-201") == 1
        assert shipment.label is not None and shipment.label.format == "pdf"
        assert shipment.label.data.startswith(b"%PDF")
        assert "tracknum=" + shipment.tracking_number in shipment.tracking_url

        # An expired access token is renewed by itself; one sign-in for many calls.
        ups.expire_token()
        assert adapter.rates(to_berlin)
        assert ups.token_requests == 2

        for kind in ("PU", "I", "D"):
            ups.advance(shipment.tracking_number, kind)
        events = adapter.track([shipment.tracking_number])[shipment.tracking_number]
        assert events[0].status is TrackingStatus.COLLECTED
        assert events[-1].status is TrackingStatus.DELIVERED
        assert events == sorted(events, key=lambda e: e.at)

        # A package reopened before pickup: its UPS shipment is voided.
        second = adapter.create(replace(to_berlin, reference="PKG-202"))
        adapter.cancel(second.tracking_number)
        assert ups.shipments["PKG-202"].cancelled
        with pytest.raises(CarrierRejected):  # picked up already: UPS says no
            adapter.cancel(shipment.tracking_number)

        # A return collection: the customer ships to us on a UPS return label.
        back = adapter.create(replace(to_berlin, reference="RET-201", collection=True))
        assert back.label is not None and ups.count("RET-201") == 1
        assert ups.shipments["RET-201"].details == {
            "shipper_country": "DE",
            "ship_to_country": "IL",
            "return": "1",
        }

        ups.refuse_postcodes.add("10115")
        with pytest.raises(CarrierRejected) as refused:
            adapter.create(replace(to_berlin, reference="PKG-203"))
        assert "Address Validation" in str(refused.value)

        ups.client_secret = "rotated"
        ups.expire_token()
        with pytest.raises(CarrierAuthFailed):
            adapter.create(replace(to_berlin, reference="PKG-204"))
        assert ups.count("PKG-203") == ups.count("PKG-204") == 0
        adapter.close()


def test_an_unknown_karrio_carrier_is_one_sentence() -> None:
    with pytest.raises(CarrierError) as caught:
        build_adapter(replace(config("dhl_express", ""), karrio_carrier="fedex"), lambda key: "x")
    assert "fedex" in str(caught.value) and "dhl_express" in str(caught.value)


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, *(timezone(timedelta(hours=h)) for h in (-8, 2, 3))]),
    ).map(lambda d: d.replace(microsecond=0))
)
def test_event_times_come_back_aware_and_in_utc(moment: datetime) -> None:
    """Karrio gives an ISO timestamp (with or without offset) or a date and a time."""
    stamped = SimpleNamespace(timestamp=moment.isoformat(), date=None, time=None)
    assert _when(stamped) == moment and _when(stamped).tzinfo is UTC
    parts = SimpleNamespace(
        timestamp=None, date=moment.date().isoformat(), time=moment.strftime("%H:%M")
    )
    assert _when(parts) == moment.replace(tzinfo=UTC, second=0)


def test_carriers_add_and_test_a_karrio_carrier_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fulfillment_app.cli import main

    database = tmp_path / "cli.sqlite3"
    database.touch()
    base = ["--database", f"sqlite:///{database}", "--station", "cli"]
    monkeypatch.setenv("DHL_SITE", "fulfillment")
    monkeypatch.setenv("DHL_PASSWORD", "s3cret")
    with DhlExpressEmulator(password="s3cret") as dhl:
        add = ["carriers", "add", "karrio", "--name", "DHL", "--carrier", "dhl_express"]
        secrets = ["--secret-env", "site_id=DHL_SITE", "--secret-env", "password=DHL_PASSWORD"]
        assert main([*base, *add, *secrets, "--url", dhl.url, "--client-number", "95"]) == 0
        capsys.readouterr()
        assert main([*base, "carriers", "test", "DHL"]) == 0
        assert capsys.readouterr().out.strip() == "DHL (DHL Express) answers with our credentials."
        dhl.expire_token()
        assert main([*base, "carriers", "test", "DHL"]) == 0
        said = capsys.readouterr().out.strip()
        assert said.startswith("DHL does not work yet: DHL Express refused our credentials")
        assert "s3cret" not in said and dhl.shipments == {}
