"""Start-up time of the ``fulfillment`` command: wall time of cold processes.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--importtime]

Each command runs N times (default 5) in a new process; the best time counts (the others are
the machine's noise). ``--help`` and ``decode`` must stay under 0.3 s: they need no database,
so they must not import SQLAlchemy, Alembic or any service. With --importtime, the ten
slowest imports of ``decode`` (``python -X importtime``) are listed too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 0.3
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("python (empty)", ["-c", "pass"], None),
    ("fulfillment --version", ["-m", "fulfillment_app", "--version"], TARGET_S),
    ("fulfillment --help", ["-m", "fulfillment_app", "--help"], TARGET_S),
    (
        "fulfillment decode 0123456789012 --json",
        ["-m", "fulfillment_app", "decode", "0123456789012", "--json"],
        TARGET_S,
    ),
    ("fulfillment users list (SQLite)", ["-m", "fulfillment_app", "users", "list"], None),
]


def best_of(argv: list[str], runs: int, env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, *argv], env=env, capture_output=True, check=False, timeout=120
        )
        best = min(best, time.perf_counter() - start)
    return best


def slowest_imports(env: dict[str, str], count: int = 10) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "fulfillment_app", "decode", "0123456789012"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative), name.rstrip()))
    top_level = [(us, name) for us, name in rows if not name.startswith("  ")]
    return sorted(top_level, reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold processes per command")
    parser.add_argument("--importtime", action="store_true", help="list the slowest imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, FULFILLMENT_DATA_DIR=tmp, FULFILLMENT_CONFIG=str(Path(tmp, "x")))
        env.pop("FULFILLMENT_DATABASE_URL", None)
        # The database of `users list` exists before it is timed (creating it is not start-up).
        subprocess.run(
            [sys.executable, "-m", "fulfillment_app", "db", "upgrade"], env=env, check=False,
            capture_output=True,
        )  # fmt: skip
        print(f"{'command':<42} {'best of ' + str(args.runs):>10}  target")
        failed = False
        for name, argv, target in COMMANDS:
            seconds = best_of(argv, args.runs, env)
            verdict = ""
            if target is not None:
                ok = seconds < target
                failed |= not ok
                verdict = f"< {target:.1f} s  {'PASS' if ok else 'FAIL'}"
            print(f"{name:<42} {seconds:>8.3f} s  {verdict}")
        if args.importtime:
            print("\nslowest imports of decode (cumulative):")
            for us, module in slowest_imports(env):
                print(f"  {us / 1e6:8.3f} s  {module}")
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures under load)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
