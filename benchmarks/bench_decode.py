"""Scan interpretation throughput: scans per second through the whole interpreter chain.

    .venv/bin/python benchmarks/bench_decode.py [--seconds S]

Prints one row per kind of scan and a realistic floor mix, against the 50,000 scans/s target.
biip's full parser is timed on the GS1 samples for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import biip
from _report import Report, machine

from fulfillment_app.scanning import Interpreter

GS = "\x1d"
SAMPLES = {
    "EAN-13": ["5901234123457", "4006381333931", "9501101531000"],
    "UPC-A / UPC-E": ["036000291452", "04252614"],
    "GS1-128 / DataMatrix": [
        "]C101095011010209171719050810ABCD1234" + GS + "2110",
        "]d201034531200000111719112510ABCD1234",
        "]C100106141412345678908",
    ],
    "GS1 bracketed": ["(01)09501101020917(17)190508(10)ABCD1234(21)10"],
    "EPC SGTIN-96": ["3074257BF7194E4000001A85"],
    "location / tote / command": ["A-03-12-2", "TOTE-0042", "CMD:CONFIRM", "BADGE-1001"],
    "SKU (unknown)": ["SKU-1000", "MUG-RED-350"],
    "garbage": ["\x07\x08", "9" * 5000, "4006381333932"],
}
# What a packing station sees: mostly product barcodes, some GS1, few of the rest.
MIX = (
    SAMPLES["EAN-13"] * 10
    + SAMPLES["GS1-128 / DataMatrix"] * 3
    + SAMPLES["EPC SGTIN-96"] * 3
    + SAMPLES["location / tote / command"]
    + SAMPLES["SKU (unknown)"]
    + SAMPLES["garbage"][:1]
)
TARGET = 50_000


def rate(func, scans: list[str], seconds: float) -> float:  # type: ignore[no-untyped-def]
    for s in scans:  # warm caches
        func(s)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for s in scans:
            func(s)
        n += len(scans)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per row")
    args = parser.parse_args()
    interpreter = Interpreter()
    print(machine("one thread") + "\n")
    print(f"{'scans':<28} {'scans/s':>10} {'µs/scan':>8}")
    print("-" * 48)
    report = Report()
    for name, scans in [*SAMPLES.items(), ("floor mix", MIX)]:
        r = rate(interpreter.interpret, scans, args.seconds)
        print(f"{name:<28} {r:>10,.0f} {1e6 / r:>8.1f}")
    config = biip.ParseConfig(separator_chars=(GS,))
    biip_rate = rate(
        lambda s: biip.parse(s, config=config), SAMPLES["GS1-128 / DataMatrix"], args.seconds
    )
    print(f"{'(biip.parse on GS1-128)':<28} {biip_rate:>10,.0f} {1e6 / biip_rate:>8.1f}")
    report.check("floor mix", f"{r:,.0f} scans/s", f">= {TARGET:,} scans/s", r >= TARGET)
    report.finish("Scan interpretation")


if __name__ == "__main__":
    main()
