"""Shipments through the outbox against the HFD emulator on loopback.

    .venv/bin/python benchmarks/bench_shipping.py [--packages 300] [--closes 20]
                                                  [--latency-ms 0]

1. Throughput: ``--packages`` shipment requests written as the close writes them, then sent by
   the shipping worker (create and label fetch at the courier, tracking number and label stored,
   the store's fulfillment released): shipments created per second.
2. Close to label: ``--closes`` orders packed and closed through the packing service, the
   carrier's label printed on a simulated label printer (rasterised to ``^GF`` where the station
   has the rasteriser; else up to the label stored): the time from the close to the label, and
   the share of it spent waiting on the courier (create and label requests). ``--latency-ms``
   adds that much to each courier request, as a courier on the internet would (0: loopback).

Targets: at least 20 shipments a second; the close itself never waits on the courier (its own
time does not grow with the courier's latency: under 100 ms at the 95th percentile).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _report import Report, machine

from fulfillment_app.carriers.emulators.hfd import HfdEmulator
from fulfillment_app.config import (
    DatabaseSettings,
    DeviceSettings,
    LabelSettings,
    Settings,
    StationSettings,
    SyncSettings,
)
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Carrier, Order, OrderLine, Package, PackSession, Shipment
from fulfillment_app.devices.simulators import PrinterSimulator

TARGET_PER_S = 20.0
TARGET_CLOSE_P95_MS = 100.0
#: The environment variable the benchmark's carrier reads its token from.
TOKEN_VAR = "BENCH_HFD_TOKEN"  # noqa: S105 (a variable name, not a secret)
RASTER = importlib.util.find_spec("fulfillment_app.services.carrier_labels") is not None


class Timed:
    """The adapter, with the time spent in its courier requests added up (and an optional
    latency added to each, as a courier far away)."""

    def __init__(self, adapter: Any, clock: dict[str, float], latency_s: float):
        self._adapter = adapter
        self._clock = clock
        self._latency_s = latency_s

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._adapter, name)
        if name not in ("create", "label", "find"):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                if self._latency_s:
                    time.sleep(self._latency_s)
                return value(*args, **kwargs)
            finally:
                self._clock["courier"] += time.perf_counter() - start

        return timed


def build(tmp: Path, hfd: HfdEmulator, printer: PrinterSimulator | None) -> AppContext:
    settings = Settings(
        database=DatabaseSettings(url=f"sqlite:///{tmp / 'bench.db'}"),
        station=StationSettings(name="bench"),
        data_dir=tmp,
        log_dir=tmp / "logs",
        sync=SyncSettings(outbox_backoff_s=0.0, outbox_max_backoff_s=0.0),
    )
    if printer is not None:
        settings = settings.replace(
            devices={
                "labels": DeviceSettings(
                    kind="printer", url=printer.url, protocol="zpl", timeout_s=2
                )
            },
            labels=LabelSettings(
                company_name="Bench Ltd", street="Hamasger 1", city="Tel Aviv",
                label_printer="labels",
            ),
        )  # fmt: skip
    ctx = AppContext.build(settings)
    ctx.start()
    ctx.devices.start()
    with ctx.db.session() as s:
        s.add(
            Carrier(
                name="HFD", kind="hfd", url=hfd.url, client_number=hfd.client_number,
                token_env=TOKEN_VAR,
            )
        )  # fmt: skip
    return ctx


def add_order(ctx: AppContext, n: int) -> None:
    with ctx.db.session() as s:
        order = Order(
            external_id=f"B{n}",
            number=f"B{n}",
            carrier="HFD",
            customer_name="Noa Levi",
            ship_to={"name": "Noa Levi", "address1": "Herzl 12", "city": "Tel Aviv"},
        )
        order.lines.append(OrderLine(sku="MUG-1", name="Mug", quantity=1))
        s.add(order)


def throughput(tmp: Path, hfd: HfdEmulator, packages: int) -> float:
    ctx = build(tmp / "throughput", hfd, None)
    try:
        with ctx.db.session() as s:
            for n in range(packages):
                order = Order(
                    external_id=f"T{n}", number=f"T{n}", carrier="HFD", customer_name="Noa",
                    ship_to={"name": "Noa Levi", "address1": "Herzl 12", "city": "Tel Aviv"},
                )  # fmt: skip
                s.add(order)
                s.flush()
                pack = PackSession(order_id=order.id, station="bench", user_name="bench")
                s.add(pack)
                s.flush()
                package = Package(
                    order_id=order.id, pack_session_id=pack.id, number=1, box_code="M",
                    weight_g=800.0,
                )  # fmt: skip
                s.add(package)
                s.flush()
                ctx.shipping.request(s, order, package)
        start = time.perf_counter()
        report = ctx.shipping.send_due()
        elapsed = time.perf_counter() - start
        assert report.created == packages, report.summary()
        return packages / elapsed
    finally:
        ctx.close()


def close_to_label(
    tmp: Path, hfd: HfdEmulator, closes: int, latency_s: float
) -> tuple[list[float], list[float], list[float]]:
    """Per close: the close's own time, the time to the label, the courier's part of it."""
    printer = PrinterSimulator()
    ctx = build(tmp / "close", hfd, printer)
    clock = {"courier": 0.0}
    plain = ctx.carriers.adapter_for
    ctx.shipping._adapter_for = lambda name: Timed(plain(name), clock, latency_s)
    actor = ctx.command_line_actor()
    close_s, label_s, courier_s = [], [], []
    try:
        for n in range(closes):
            add_order(ctx, n)
            session = ctx.packing.start(actor, f"B{n}").session_id
            ctx.packing.scan(actor, session, "MUG-1")
            clock["courier"] = 0.0
            before = printer.job_count()
            start = time.perf_counter()
            closed = ctx.packing.close(actor, session, weight_g=None, box_code="M")
            close_s.append(time.perf_counter() - start)

            def done(package_id: int = closed.package_id, before: int = before) -> bool:
                if RASTER:
                    return printer.job_count() > before
                with ctx.db.read() as s:
                    row = s.query(Shipment).filter_by(package_id=package_id).one()
                    return row.label is not None

            while not done():
                if time.perf_counter() - start > 30:
                    raise SystemExit(f"no label for B{n} within 30 s")
                time.sleep(0.005)
            label_s.append(time.perf_counter() - start)
            courier_s.append(clock["courier"])
    finally:
        ctx.close()
        printer.close()
    return close_s, label_s, courier_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=int, default=300)
    parser.add_argument("--closes", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    print(machine(f"{args.packages} packages, {args.closes} closes"), flush=True)
    import os

    report = Report()
    with tempfile.TemporaryDirectory() as tmp, HfdEmulator() as hfd:
        os.environ[TOKEN_VAR] = hfd.token
        root = Path(tmp)
        (root / "throughput").mkdir()
        (root / "close").mkdir()
        per_s = throughput(root, hfd, args.packages)
        report.check(
            "shipments created per second (create + label, stored, fulfillment released)",
            f"{per_s:.0f}/s",
            f">= {TARGET_PER_S:.0f}/s",
            per_s >= TARGET_PER_S,
        )
        close_s, label_s, courier_s = close_to_label(root, hfd, args.closes, args.latency_ms / 1000)
    p95 = statistics.quantiles(close_s, n=20)[18] * 1000 if len(close_s) > 1 else close_s[0] * 1000
    report.check(
        "the close itself (package, shipment request), p95", f"{p95:.1f} ms",
        f"< {TARGET_CLOSE_P95_MS:.0f} ms", p95 < TARGET_CLOSE_P95_MS,
    )  # fmt: skip
    to = "label at the printer" if RASTER else "label stored (no rasteriser here)"
    report.info(f"close to {to}, median", f"{statistics.median(label_s) * 1000:.1f} ms")
    share = sum(courier_s) / sum(label_s)
    report.info(
        f"share of close-to-label waiting on the courier (latency {args.latency_ms:g} ms)",
        f"{share:.0%}",
    )
    report.finish("Shipping")


if __name__ == "__main__":
    main()
