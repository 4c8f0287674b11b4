"""Run every benchmark, each in a fresh process (so none starts with another's warm caches),
and end with one line per benchmark: PASS, FAIL (a target missed) or ERROR (it did not finish).

    .venv/bin/python benchmarks/run_all.py [--quick] [--only labels routing ...]

``--quick`` runs each at a small size, to check that they all work (the figures then mean
little and some targets are scaled down). Exit status 1 when any benchmark failed.
Full size takes a long while (the claim and soak runs most of it): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from _report import machine, table  # this folder is on the path when a script runs from it

HERE = Path(__file__).resolve().parent

# name: (script and its arguments, further arguments for --quick)
BENCHMARKS: dict[str, tuple[str, list[str]]] = {
    "startup": ("bench_startup_desktop.py", ["--runs", "2"]),
    "startup-demo": ("bench_startup_desktop.py --demo", ["--runs", "2"]),
    "decode": ("bench_decode.py", ["--seconds", "0.2"]),
    "labels": ("bench_labels.py", ["--labels", "50"]),
    "pack": ("bench_pack.py", []),
    "pack-screen": ("bench_pack_screen.py", []),
    "dashboard": ("bench_dashboard.py", ["--orders", "5000", "--scans", "50000"]),
    "routing": ("bench_routing.py", ["--instances", "6", "--fresh", "2"]),
    "batching": ("bench_batching.py", ["--per-cell", "1"]),
    "claim": ("bench_claim.py", ["--batches", "200", "--pickers", "4"]),
    "import": ("bench_import.py", ["--products", "1000", "--locations", "500"]),
    "sync": ("bench_sync.py", ["--orders", "500", "--throttle-seconds", "3"]),
    "soak": ("soak_sync.py", ["--orders", "300", "--fulfillments", "60"]),
    "shipping": ("bench_shipping.py", ["--packages", "60", "--closes", "5"]),
    "stock-push": ("stock_push.py --skus 1000 --orders 200", ["--skus", "300", "--orders", "60"]),
    "store-soak": ("store_soak.py --orders 2000", ["--orders", "300", "--packed", "40"]),
}


def run(command: list[str]) -> tuple[int, bool]:
    """Run one benchmark, its output shown as it comes; its exit status, and whether it said
    FAIL (a line of the verdict table or a summary line)."""
    said_fail = False
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            said_fail = said_fail or line.startswith("FAIL") or line.rstrip().endswith(" FAIL")
    return process.returncode, said_fail


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a check that all run")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME")
    args = parser.parse_args()
    print(machine("quick sizes" if args.quick else "full sizes"), flush=True)
    rows = []
    for name in args.only or BENCHMARKS:
        script, quick = BENCHMARKS[name]
        script, *fixed = script.split()
        command = [sys.executable, str(HERE / script), *fixed, *(quick if args.quick else [])]
        print(f"\n===== {name}: {' '.join(command[1:])}", flush=True)
        start = time.perf_counter()
        status, said_fail = run(command)
        if status == 0:
            verdict = "PASS"
        elif status == 1 and said_fail:
            verdict = "FAIL"
        else:  # a traceback also exits with 1: only a verdict table's FAIL counts as FAIL
            verdict = f"ERROR (exit status {status})"
        rows.append((name, verdict, f"{time.perf_counter() - start:.0f} s"))
    print("\n" + table(rows, ("benchmark", "verdict", "took")))
    sys.exit(0 if all(r[1] == "PASS" for r in rows) else 1)


if __name__ == "__main__":
    main()
