"""Start-up time of the ``fulfillment`` command: wall time of cold processes.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--importtime]

Each command runs N times (default 5) in a new process; the best time counts (the others are
the machine's noise). Wall time decides PASS/FAIL; CPU time is shown beside it, as it barely
moves with the machine's load. ``--help`` and ``decode`` must stay under 0.3 s: they need no
database, so they must not import SQLAlchemy, Alembic or any service. With --importtime, the
ten slowest imports of ``decode`` (``python -X importtime``) are listed too.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def best_of(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """The best wall time and the best CPU time (user + system) of ``runs`` cold processes.
    CPU time is what the command itself costs: on a loaded machine wall time is mostly the
    wait for a core."""
    best_wall = best_cpu = float("inf")
    for n in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, *argv], env=env, capture_output=True, check=False, timeout=120
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if n:  # the first run only warms the byte-code cache
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


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
        settings_file = Path(tmp, "settings.toml")
        settings_file.write_text("", encoding="utf-8")  # the defaults: a SQLite file in tmp
        env = dict(os.environ, FULFILLMENT_DATA_DIR=tmp, FULFILLMENT_CONFIG=str(settings_file))
        env.pop("FULFILLMENT_DATABASE_URL", None)
        # As installed: byte code cached (the first, untimed run of each command writes it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # The database of `users list` exists before it is timed (creating it is not start-up).
        subprocess.run(
            [sys.executable, "-m", "fulfillment_app", "db", "upgrade"], env=env, check=True,
            capture_output=True,
        )  # fmt: skip
        print(f"{'command (best of ' + str(args.runs) + ')':<42} {'wall':>8} {'cpu':>8}  target")
        failed = False
        for name, argv, target in COMMANDS:
            wall, cpu = best_of(argv, args.runs, env)
            verdict = ""
            if target is not None:
                ok = wall < target
                failed |= not ok
                verdict = f"< {target:.1f} s  {'PASS' if ok else 'FAIL'}"
            print(f"{name:<42} {wall:>7.3f}s {cpu:>7.3f}s  {verdict}")
        if args.importtime:
            print("\nslowest imports of decode (cumulative):")
            for us, module in slowest_imports(env):
                print(f"  {us / 1e6:8.3f} s  {module}")
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (figures under load)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
