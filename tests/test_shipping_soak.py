"""Soak: 500 packages sent to the HFD emulator while a fifth of its answers fail (refused,
time-out after the courier created it, server errors, malformed answers): every package ends
with exactly one shipment in the courier's own records, none lost, none doubled."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from fulfillment_app.carriers.emulators.hfd import HfdEmulator, HfdFaults
from fulfillment_app.config import StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Carrier, Order, Package, PackSession, Shipment
from tests.conftest import make_settings
from tests.stores import FAST_SYNC

PACKAGES = 500


def make_packages(ctx: AppContext, count: int, carrier: str) -> None:
    """``count`` closed packages, each with its shipment request written as the close does
    (the same service call, in the package's transaction)."""
    with ctx.db.session() as s:
        for n in range(count):
            order = Order(
                external_id=f"soak-{n}",
                number=f"S{n:04d}",
                carrier=carrier,
                customer_name="Noa Levi",
                ship_to={
                    "name": "Noa Levi",
                    "address1": "Herzl 12",
                    "city": "Tel Aviv",
                    "country": "IL",
                    "phone": "+972 52-123-4567",
                },
            )
            s.add(order)
            s.flush()
            session = PackSession(order_id=order.id, station="soak", user_name="soak")
            s.add(session)
            s.flush()
            package = Package(
                order_id=order.id, pack_session_id=session.id, number=1, box_code="M",
                weight_g=850.0,
            )  # fmt: skip
            s.add(package)
            s.flush()
            assert ctx.shipping.request(s, order, package) is not None


@contextmanager
def soak_station(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, lookup: bool
) -> Iterator[tuple[AppContext, HfdEmulator]]:
    faults = HfdFaults(rate=0.2, stall_s=0.05, seed=7)
    with HfdEmulator(faults=faults, lookup=lookup) as hfd:
        monkeypatch.setenv("SOAK_HFD_TOKEN", hfd.token)
        settings = make_settings(f"sqlite:///{tmp_path / 'soak.db'}", tmp_path)
        ctx = AppContext.build(settings.replace(sync=FAST_SYNC))
        ctx.start()
        try:
            with ctx.db.session() as s:
                s.add(
                    Carrier(
                        name="HFD",
                        kind="hfd",
                        url=hfd.url,
                        client_number=hfd.client_number,
                        token_env="SOAK_HFD_TOKEN",
                        options={
                            "lookup": "yes" if lookup else "no",
                            "timeout_s": "0.5",
                            "deadline_s": "2",
                        },
                    )
                )
            yield ctx, hfd
        finally:
            ctx.close()


def send_until_settled(ctx: AppContext, rounds: int = 60) -> int:
    for n in range(1, rounds + 1):
        ctx.shipping.send_due()
        if not ctx.shipping.list(status="waiting"):
            return n
    raise AssertionError(f"shipments still waiting after {rounds} rounds")


def test_500_packages_make_500_shipments_at_the_courier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite: the database is not what this is about (the flows run on both). HFD with
    its look-up by reference: every unknown outcome is checked, so all ship by themselves."""
    with soak_station(tmp_path, monkeypatch, lookup=True) as (ctx, hfd):
        make_packages(ctx, PACKAGES, "HFD")
        started = time.monotonic()
        rounds = send_until_settled(ctx)
        elapsed = time.monotonic() - started
        rows = ctx.shipping.list()
        assert {r.status for r in rows} == {"created"}, [
            (r.reference, r.status, r.last_error) for r in rows if r.status != "created"
        ]
        assert len(rows) == PACKAGES
        with hfd.lock:
            counts = {ref: len(made) for ref, made in hfd.shipments.items()}
            numbers = {ref: made[0].number for ref, made in hfd.shipments.items()}
        assert counts == {r.reference: 1 for r in rows}, "a package was doubled or lost"
        assert {r.reference: r.tracking_number for r in rows} == numbers
        with ctx.db.read() as s:
            retried = s.scalar(select(Shipment.id).where(Shipment.attempts > 1))
        assert retried is not None  # the faults did happen
        assert elapsed < 30, f"{elapsed:.1f} s"
        print(f"\n{PACKAGES} shipments in {elapsed:.1f} s over {rounds} rounds")


def test_without_a_look_up_an_unknown_outcome_waits_for_a_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HFD as documented (no look-up): a time-out after the courier created the shipment holds
    it for a person; nothing is ever created twice, also with two stations sending at once."""
    with soak_station(tmp_path, monkeypatch, lookup=False) as (ctx, hfd):
        make_packages(ctx, 100, "HFD")
        other = AppContext.build(ctx.settings.replace(station=StationSettings(name="second")))
        other.start()
        try:
            second = threading.Thread(target=send_until_settled, args=(other,))
            second.start()
            send_until_settled(ctx)
            second.join(timeout=60)
        finally:
            other.close()
        rows = ctx.shipping.list()
        with hfd.lock:
            counts = {ref: len(made) for ref, made in hfd.shipments.items()}
        assert max(counts.values()) == 1, "a package was doubled"
        held = [r for r in rows if r.status == "held"]
        assert held and all("cannot be asked" in (r.last_error or "") for r in held)
        assert {r.status for r in rows} == {"created", "held"}
        assert all(counts.get(r.reference) == 1 for r in rows if r.status == "created")
