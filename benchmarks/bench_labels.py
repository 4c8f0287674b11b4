"""Label speed: one ZPL shipping label, one PDF packing slip, 500 labels to a TCP printer.

    .venv/bin/python benchmarks/bench_labels.py

Targets: ZPL shipping label under 5 ms, PDF packing slip under 50 ms, 500 labels to a TCP
label printer (the simulator on loopback) under 5 s.
"""

from __future__ import annotations

import os
import platform
import statistics
import time

from fulfillment_app.config import DeviceSettings
from fulfillment_app.devices.printer import Printer
from fulfillment_app.devices.simulators import PrinterSimulator
from fulfillment_app.labels.documents import Shipment, build_sscc, shipping_label
from fulfillment_app.labels.pdf import render_pdf
from fulfillment_app.labels.samples import SHIP_FROM, SHIP_TO, sample
from fulfillment_app.labels.zpl import render_zpl


def timed(func, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    func()  # warm caches (fonts, glyphs)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def row(name: str, times: list[float], target_s: float) -> None:
    median, p95 = statistics.median(times), sorted(times)[int(len(times) * 0.95) - 1]
    mark = "ok" if p95 < target_s else "SLOW"
    print(f"{name:<34} {median * 1000:>9.2f} {p95 * 1000:>9.2f} {target_s * 1000:>9.0f}  {mark}")


def main() -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}\n"
    )
    print(f"{'what':<34} {'median ms':>9} {'p95 ms':>9} {'target ms':>9}")
    print("-" * 68)
    serial = iter(range(1, 10**6))

    def zpl_label() -> bytes:
        shipment = Shipment(
            "#1001",
            SHIP_FROM,
            SHIP_TO,
            build_sscc(0, "7290012345", next(serial)),
            carrier="Israel Post",
            packages=1,
            weight_g=1250,
        )
        return render_zpl(shipping_label(shipment))

    row("ZPL shipping label (Hebrew address)", timed(zpl_label, 200), 0.005)
    row("PDF packing slip (A4)", timed(lambda: render_pdf(sample("packing-slip")), 50), 0.050)

    with PrinterSimulator() as sim:
        printer = Printer(DeviceSettings(kind="printer", url=sim.url, protocol="zpl"))
        jobs = [zpl_label() for _ in range(500)]
        start = time.perf_counter()
        printer.send(b"".join(jobs))  # one connection, one status check, as a batch is sent
        while sim.job_count() < 500 and time.perf_counter() - start < 30:
            time.sleep(0.005)
        batch = time.perf_counter() - start
        start = time.perf_counter()
        for job in jobs[:100]:
            printer.send(job)  # one connection and status check per label
        while sim.job_count() < 600 and time.perf_counter() - start < 30:
            time.sleep(0.005)
        single = (time.perf_counter() - start) / 100
    print(
        f"{'500 labels to TCP printer, batch':<34} {batch * 1000:>9.0f} {'':>9} {5000:>9}  "
        f"{'ok' if batch < 5 else 'SLOW'}"
    )
    print(f"{'one label per connection (each)':<34} {single * 1000:>9.2f}")
    print(f"\nZPL size of one shipping label: {len(jobs[0]):,} bytes")


if __name__ == "__main__":
    main()
