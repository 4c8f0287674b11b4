"""Shipments with the carriers: requested with the package at its close, sent exactly once at
the courier, the label at the station's printer, the tracking number and page carried to the
store's fulfillment, tracking polled until delivered; held shipments told to the admin."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Carrier, Order, OrderStatus, OutboxEntry
from fulfillment_app.sync.emulators import Shop, sample_products
from tests.stores import connect_store, make_emulator, station


def add_carrier(ctx: AppContext, name: str, kind: str, **fields: object) -> None:
    with ctx.db.session() as s:
        s.add(Carrier(name=name, kind=kind, **fields))


def route_to(ctx: AppContext, number: str, carrier: str) -> None:
    with ctx.db.session() as s:
        order = s.scalar(select(Order).where(Order.number == number))
        assert order is not None
        order.carrier = carrier


def pack(ctx: AppContext, shop: Shop, number: str, external: int, **close: object) -> int:
    actor = ctx.command_line_actor()
    session = ctx.packing.start(actor, number).session_id
    for line in shop.orders[external].lines:
        for _ in range(line.quantity):
            ctx.packing.scan(actor, session, line.sku)
    closed = ctx.packing.close(actor, session, weight_g=None, print_documents=False, **close)
    return closed.package_id


def test_a_manual_carrier_number_reaches_the_store(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Shop(sample_products(), orders=2, seed=3)
    with make_emulator("shopify", shop) as emulator, station(database_url, tmp_path) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        ctx.sync.sync("shop")
        add_carrier(
            ctx,
            "Post",
            "manual",
            options={"tracking_url": "https://post.example/track?n={number}"},
        )
        route_to(ctx, "#1001", "Post")
        pack(ctx, shop, "#1001", 5001, tracking="RR123456785IL")
        ctx.shipping.close()  # the close's own sending thread is not what this test is about
        (row,) = ctx.shipping.list()
        (report,) = ctx.sync.sync("shop")
        assert report.delivered == 1, report.summary()
        (row,) = ctx.shipping.list()
        assert (row.status, row.tracking_number) == ("created", "RR123456785IL")
        (done,) = shop.orders[5001].fulfillments
        assert done["trackingInfo"] == [
            {
                "company": "Post",
                "number": "RR123456785IL",
                "url": "https://post.example/track?n=RR123456785IL",
            }
        ]
        with ctx.db.session() as s:
            assert s.scalar(select(OutboxEntry.payload)) is not None
            assert s.scalar(select(Order.status).where(Order.number == "#1001")) is (
                OrderStatus.SHIPPED
            )
