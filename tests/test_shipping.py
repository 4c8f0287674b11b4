"""Shipments with the carriers: requested with the package at its close, sent exactly once at
the courier, the label at the station's printer, the tracking number and page carried to the
store's fulfillment, tracking polled until delivered; held shipments told to the admin, and
sent once after the fix."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from fulfillment_app.carriers.base import TrackingStatus
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.carriers.emulators.hfd import HfdEmulator, HfdFaults
from fulfillment_app.carriers.emulators.karrio_dhl import DhlExpressEmulator
from fulfillment_app.carriers.emulators.run import RunEmulator
from fulfillment_app.cli import main
from fulfillment_app.config import ShippingSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Carrier, Order, OrderStatus, OutboxEntry
from fulfillment_app.errors import InvalidInput
from fulfillment_app.services.pack_types import Closed
from fulfillment_app.sync.emulators import Shop, sample_products
from tests.conftest import make_settings
from tests.stores import FAST_SYNC, PATIENT_SYNC, connect_store, make_emulator, station


def wait_for(check: Callable[[], bool], timeout_s: float = 15.0) -> None:
    end = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


def add_carrier(ctx: AppContext, name: str, kind: str, **fields: object) -> None:
    with ctx.db.session() as s:
        s.add(Carrier(name=name, kind=kind, **fields))


def add_hfd(ctx: AppContext, hfd: HfdEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_HFD_TOKEN", hfd.token)
    add_carrier(
        ctx,
        "HFD",
        "hfd",
        url=hfd.url,
        client_number=hfd.client_number,
        token_env="TEST_HFD_TOKEN",
        options={"timeout_s": "0.5", "deadline_s": "3"},
    )


def pack(ctx: AppContext, lines: list[tuple[str, int]], number: str, **close: Any) -> Closed:
    actor = ctx.command_line_actor()
    session = ctx.packing.start(actor, number).session_id
    for sku, quantity in lines:
        for _ in range(quantity):
            ctx.packing.scan(actor, session, sku)
    return ctx.packing.close(actor, session, weight_g=None, print_documents=False, **close)


def shop_lines(shop: Shop, external: int) -> list[tuple[str, int]]:
    return [(line.sku, line.quantity) for line in shop.orders[external].lines]


def cli_on(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--database", url, *args])
    return code, capsys.readouterr().out


def test_an_order_from_the_store_ships_with_hfd_until_delivered(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shop = Shop(sample_products(), orders=2, seed=3)
    with (
        make_emulator("shopify", shop) as emulator,
        HfdEmulator() as hfd,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        add_hfd(ctx, hfd, monkeypatch)
        with pytest.raises(InvalidInput, match="no active carrier called 'DHL'"):
            pack(ctx, shop_lines(shop, 5001), "#1001", carrier="DHL")
        package = pack(ctx, shop_lines(shop, 5001), "#1001", carrier="HFD").package_id
        # Sent off the packer's thread right after the close.
        wait_for(lambda: ctx.shipping.list()[0].status == "created")
        (row,) = ctx.shipping.list()
        assert row.reference == f"PKG-{package}" and hfd.count(row.reference) == 1
        assert (
            row.tracking_url
            == f"https://www.hfd.co.il/tracking/?shipmentNumber={row.tracking_number}"
        )
        with hfd.lock:
            sent = hfd.shipments[row.reference][0].body
        assert sent["nameTo"] and sent["cityName"] == shop.orders[5001].address["city"]

        (report,) = ctx.sync.sync("shop")  # the fulfillment went with its tracking number
        assert report.delivered == 1, report.summary()
        (done,) = shop.orders[5001].fulfillments
        assert done["trackingInfo"] == [
            {"company": "HFD", "number": row.tracking_number, "url": row.tracking_url}
        ]

        assert row.tracking_number is not None
        hfd.advance(row.tracking_number, TrackingStatus.IN_TRANSIT)
        hfd.advance(row.tracking_number, TrackingStatus.DELIVERED)
        code, out = cli_on(database_url, capsys, "track", "--order", "#1001", "--json")
        polled = json.loads(out)
        assert code == 0 and (polled["delivered"], polled["problems"]) == (1, [])
        assert polled["shipments"][0]["tracking_status"] == "delivered"
        assert [status for _, status, _ in ctx.shipping.events(row.id)][-1] == "delivered"
        assert ctx.shipping.poll_tracking().events == 0  # delivered: no longer asked
        with ctx.db.session() as s:
            assert s.scalar(select(Order.status).where(Order.number == "#1001")) is (
                OrderStatus.DELIVERED
            )


def test_a_woocommerce_cod_order_to_a_locker_ships_with_cheetah_until_delivered(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Cash on delivery and the locker chosen at checkout reach Run's slots for them."""
    shop = Shop(sample_products(), orders=2, seed=3)
    order = shop.orders[5001]
    order.payment_method = "cod"
    order.attributes.update({"_pickup_point_id": "LCK-204", "_pickup_point_name": "Locker 204"})
    total = sum(Decimal(line.price) * line.quantity for line in order.lines)
    with (
        make_emulator("woocommerce", shop) as emulator,
        RunEmulator(token="cheetah-token") as run,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        monkeypatch.setenv("TEST_CHEETAH_TOKEN", run.token)
        ctx.carriers.add(
            ctx.command_line_actor(),
            CarrierConfig(
                "Cheetah",
                "run",
                url=run.url,
                client_number=run.client_number,
                token_env="TEST_CHEETAH_TOKEN",
                courier="cheetah",
                options={"timeout_s": "0.5", "deadline_s": "3"},
            ),
        )
        package = pack(ctx, shop_lines(shop, 5001), "1001", carrier="Cheetah").package_id
        wait_for(lambda: ctx.shipping.list()[0].status == "created")
        (row,) = ctx.shipping.list()
        assert row.reference == f"PKG-{package}"
        with run.lock:
            assert run.counts == {row.reference: 1}
            sent = run.shipments[row.reference]
        assert sent.number == row.tracking_number
        assert (sent.slot(30), Decimal(sent.slot(31))) == ("1", total)  # COD, cash
        assert sent.slot(35) == "LCK-204"

        (report,) = ctx.sync.sync("shop")  # the fulfillment went with its tracking number
        assert report.delivered == 1, report.summary()
        assert f"Tracking number: {row.tracking_number} (Cheetah)" in order.notes[-1]["note"]
        items: Any = order.attributes["_wc_shipment_tracking_items"]
        (item,) = items
        assert (item["tracking_number"], item["custom_tracking_provider"]) == (
            row.tracking_number,
            "Cheetah",
        )

        assert row.tracking_number is not None
        run.advance(row.tracking_number, "20")
        run.advance(row.tracking_number, "40")
        code, out = cli_on(database_url, capsys, "track", "--order", "1001", "--json")
        polled = json.loads(out)
        assert code == 0 and (polled["delivered"], polled["problems"]) == (1, [])
        assert_delivered(ctx, "1001")


def test_an_international_order_ships_with_dhl_express_through_karrio_until_delivered(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=2, seed=3)
    shop.orders[5001].address.update(
        {"address1": "350 5th Ave", "city": "New York", "zip": "10118", "province": "NY"}
    )
    shop.orders[5001].address["country"] = "US"
    with (
        make_emulator("woocommerce", shop) as emulator,
        DhlExpressEmulator() as dhl,
        station(database_url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        monkeypatch.setenv("TEST_DHL_PASSWORD", dhl.secret("password"))
        config = dhl.config("DHL", password_env="TEST_DHL_PASSWORD", timeout_s="2")
        ctx.carriers.add(ctx.command_line_actor(), config)
        pack(ctx, shop_lines(shop, 5001), "1001", carrier="DHL")
        wait_for(lambda: ctx.shipping.list()[0].status == "created")
        (row,) = ctx.shipping.list()
        assert dhl.count(row.reference) == 1 and len(dhl.shipments) == 1
        sent = dhl.shipments[row.reference]
        assert sent.tracking_number == row.tracking_number
        assert (sent.details["shipper_country"], sent.details["consignee_country"]) == ("IL", "US")
        assert sent.details["contents"] and sent.details["dutiable"] == "Y"  # customs declared

        (report,) = ctx.sync.sync("shop")
        assert report.delivered == 1, report.summary()
        tracked: Any = shop.orders[5001].attributes["_wc_shipment_tracking_items"]
        assert [item["tracking_number"] for item in tracked] == [row.tracking_number]

        assert row.tracking_number is not None
        dhl.advance(row.tracking_number, "OK")
        assert ctx.shipping.poll_tracking().delivered == 1
        assert_delivered(ctx, "1001")


def assert_delivered(ctx: AppContext, number: str) -> None:
    with ctx.db.session() as s:
        assert s.scalar(select(Order.status).where(Order.number == number)) is (
            OrderStatus.DELIVERED
        )


@contextmanager
def hfd_station(tmp_path: Path, **hfd_options: object) -> Iterator[tuple[AppContext, HfdEmulator]]:
    with HfdEmulator(**hfd_options) as hfd:  # type: ignore[arg-type]
        url = f"sqlite:///{tmp_path / 'ship.db'}"
        settings = make_settings(url, tmp_path).replace(
            sync=FAST_SYNC, shipping=ShippingSettings(default_carrier="HFD")
        )
        ctx = AppContext.build(settings)
        ctx.start()
        try:
            yield ctx, hfd
        finally:
            ctx.close()


def walk_in_order(ctx: AppContext, number: str, city: str = "Haifa") -> str:
    """An order taken at the counter (no store), one item; the settings' default carrier
    ships it."""
    from fulfillment_app.db.models import OrderLine

    with ctx.db.session() as s:
        order = Order(
            external_id=number,
            number=number,
            customer_name="Dana Cohen",
            ship_to={"name": "Dana Cohen", "address1": "Hanassi 5", "city": city, "country": "IL"},
        )
        order.lines.append(OrderLine(sku="MUG-1", name="Mug", quantity=1))
        s.add(order)
    return number


def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    return cli_on(f"sqlite:///{tmp_path / 'ship.db'}", capsys, *args)


def test_held_shipments_wait_for_the_admin_and_ship_once_after_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with hfd_station(tmp_path, faults=HfdFaults(kinds=("timeout-after-create",))) as (ctx, hfd):
        add_hfd(ctx, hfd, monkeypatch)
        actor = ctx.command_line_actor()
        ctx.shipping.close()  # sent by hand below, step by step
        # An expired token: held with a sentence for the admin, nothing at the courier.
        hfd.expire_token()
        pack(ctx, [("MUG-1", 1)], walk_in_order(ctx, "W1"))
        assert ctx.shipping.send_due().held == 1
        code, out = cli(tmp_path, capsys, "shipments", "list", "--json")
        (held,) = json.loads(out)
        assert code == 0 and held["status"] == "held" and held["order"] == "W1"
        assert set(held) >= {
            "order",
            "package",
            "carrier",
            "status",
            "tracking_number",
            "reference",
        }
        assert "token" in held["problem"] and hfd.count(held["reference"]) == 0
        # The packer is told at the next close, which waits for nothing.
        closed = pack(ctx, [("MUG-1", 1)], walk_in_order(ctx, "W2", city="Nowhere"))
        assert closed.messages == [
            "1 shipment with HFD wait for the admin: The HFD token has expired or is wrong: an "
            "admin enters a new one (carriers set-token)."
        ]
        monkeypatch.setenv("TEST_HFD_TOKEN", hfd.new_token())  # the admin enters a new one
        code, out = cli(
            tmp_path, capsys, "shipments", "retry", held["reference"], "--note", "new token"
        )
        assert code == 0, out
        assert hfd.count(held["reference"]) == 1
        assert "created" in out
        code, out = cli(tmp_path, capsys, "ship", "--order", "W1", "--json")
        shipped = json.loads(out)
        assert code == 0 and shipped["requested"] == 0  # it has its shipment: nothing doubled
        assert [r["status"] for r in shipped["shipments"]] == ["created"]

        # A refused address: held with HFD's words; the address fixed, it ships once.
        assert ctx.shipping.send_due().held == 1
        (refused,) = ctx.shipping.list("W2")
        assert refused.status == "held" and "Nowhere" in (refused.last_error or "")
        with ctx.db.session() as s:
            s.execute(
                update(Order)
                .where(Order.number == "W2")
                .values(ship_to={"name": "Dana Cohen", "address1": "Hanassi 5", "city": "Haifa"})
            )
        # The supervisors' exceptions list it with HFD's words; the admin ships it from there.
        (item,) = [i for i in ctx.exceptions.queue(actor) if i.kind == "held_shipment"]
        assert item.order == "W2" and item.station == "HFD" and "Nowhere" in item.reason
        assert item.actions == ("send-shipment", "cancel-shipment")
        said = ctx.exceptions.act(actor, item, "send-shipment", "address corrected")
        assert said == "The shipment is created at the courier."
        assert hfd.count(refused.reference) == 1
        assert not [i for i in ctx.exceptions.queue(actor) if i.kind == "held_shipment"]

        # The courier created it but the answer never came, and HFD cannot be asked: held,
        # never a second shipment; the admin finds it in HFD's portal and enters its number.
        hfd.faults.rate = 1.0
        pack(ctx, [("MUG-1", 1)], walk_in_order(ctx, "W3"))
        assert ctx.shipping.send_due().held == 1
        hfd.faults.rate = 0.0
        assert ctx.shipping.send_due().held == 0  # nothing is sent again by itself
        (lost,) = ctx.shipping.list("W3")
        assert "cannot be asked" in (lost.last_error or "") and hfd.count(lost.reference) == 1
        with hfd.lock:
            number = hfd.shipments[lost.reference][0].number
        again = ctx.shipping.retry(actor, lost.id, "try again")  # still cannot be asked
        assert again.held == 1 and hfd.count(lost.reference) == 1
        code, out = cli(
            tmp_path, capsys, "shipments", "resolve", lost.reference, "--tracking-number", number
        )
        assert code == 0 and number in out
        assert ctx.shipping.list("W3")[0].tracking_number == number
        assert hfd.count(lost.reference) == 1
        # The customer cancels: the shipment is cancelled at the courier too.
        code, out = cli(tmp_path, capsys, "shipments", "cancel", lost.reference, "--note", "x")
        assert code == 0 and hfd.count(lost.reference) == 0
        assert ctx.shipping.list("W3")[0].status == "cancelled"
        with ctx.db.session() as s:
            actions = set(s.scalars(select(AuditEntry.action)))
            assert s.scalar(select(OutboxEntry.id)) is None  # no store: nothing for one
        assert {"shipment.retry", "shipment.resolve", "shipment.cancel"} <= actions


def test_a_typed_tracking_number_reaches_woocommerce_through_the_sync_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A carrier without a web service (the number typed at the close); ``sync --once`` sends
    the waiting shipment and delivers the fulfillment with its number in the same run."""
    shop = Shop(sample_products(), orders=2, seed=3)
    url = f"sqlite:///{tmp_path / 'ship.db'}"
    with (
        make_emulator("woocommerce", shop) as emulator,
        station(url, tmp_path, PATIENT_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        add_carrier(
            ctx, "Post", "manual", options={"tracking_url": "https://post.example/t?n={number}"}
        )
        ctx.shipping.close()  # left waiting for the command below
        pack(ctx, shop_lines(shop, 5001), "1001", carrier="Post", tracking="RR123456785IL")
        assert ctx.shipping.list()[0].status == "waiting"
        (entry,) = ctx.review.outbox(ctx.command_line_actor(), "pending")
        assert entry.last_error == "Waits for the carrier's tracking number (PKG-1)."
        code, out = cli(tmp_path, capsys, "sync", "--once")
        assert code == 0, out
        assert "1 fulfillments delivered" in out and "1 shipments created" in out
        assert ctx.shipping.list()[0].status == "created"
        order = shop.orders[5001]
        assert order.notes[-1]["note"] == (
            "Your order has shipped. Tracking number: RR123456785IL (Post). "
            "Follow it at https://post.example/t?n=RR123456785IL"
        )
        items: Any = order.attributes["_wc_shipment_tracking_items"]  # a list, as WP keeps it
        (item,) = items
        assert item["tracking_number"] == "RR123456785IL"
        assert item["custom_tracking_provider"] == "Post"
        assert item["custom_tracking_link"] == "https://post.example/t?n=RR123456785IL"


def test_the_carrier_label_prints_at_the_close_and_its_barcode_decodes(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, printer_sim: Any
) -> None:
    """HFD's PDF label, rasterised to the station's 203 dpi label printer through the print
    queue, right after the close (the close itself waits for neither)."""
    from fulfillment_app.config import DeviceSettings, LabelSettings
    from fulfillment_app.labels.model import Label
    from tests.test_labels import decoded, zpl_image

    with HfdEmulator(label_format="pdf") as hfd:
        settings = make_settings(database_url, tmp_path).replace(
            sync=FAST_SYNC,
            shipping=ShippingSettings(default_carrier="HFD"),
            devices={
                "labels": DeviceSettings(
                    kind="printer", url=printer_sim.url, protocol="zpl", timeout_s=2
                )
            },
            labels=LabelSettings(company_name="Shop", label_printer="labels", dpi=203),
        )
        ctx = AppContext.build(settings)
        ctx.start()
        ctx.devices.start()
        try:
            add_hfd(ctx, hfd, monkeypatch)
            actor = ctx.command_line_actor()
            session = ctx.packing.start(actor, walk_in_order(ctx, "L1")).session_id
            ctx.packing.scan(actor, session, "MUG-1")
            ctx.packing.close(actor, session, weight_g=None, box_code="M")
            wait_for(lambda: printer_sim.job_count() == 1)
            (row,) = ctx.shipping.list()
            (job,) = printer_sim.jobs
            assert b"^GF" in job and row.tracking_number
            image = zpl_image(Label.of_size("4x6", 203), job, tmp_path)
            assert ("]C0", row.tracking_number.encode()) in decoded(image)
        finally:
            ctx.close()
