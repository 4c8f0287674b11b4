"""The desktop's cold start: from `fulfillment gui` (or `fulfillment demo`) to the sign-in
screen, target under 2 s.

    .venv/bin/python benchmarks/bench_startup_desktop.py [--demo] [--runs 5] [--target 2.0]

With ``--demo`` it starts the demo as a new user meets it after the first time: the demo's
own database (created and filled by the untimed first run), its simulated devices and its
store emulator. Otherwise it prepares a station database (a migrated SQLite file with one
user, so the start is the ordinary one: schema up to date, sign-in rather than first set-up).

Then it starts the real command offscreen a number of times. Each run ends when the desktop
prints that the sign-in screen is up (FULFILLMENT_QUIT_AT_SIGN_IN) and closes. It prints each
run's wall time from the process start to that line, and the CPU time the process used (user
+ system: a figure that other work on the machine changes far less than the wall time), then
the median against the target with PASS or FAIL. A first untimed run warms the file cache, as
a station that has been used before would have it.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Role

# As fulfillment_app/ui/launch.py names them (not imported: the benchmark loads no Qt itself).
QUIT_AT_SIGN_IN_VAR = "FULFILLMENT_QUIT_AT_SIGN_IN"
SIGN_IN_SHOWN = "sign-in screen shown"
FULFILLMENT = Path(sys.executable).parent / "fulfillment"


def prepare(folder: Path) -> str:
    url = f"sqlite:///{folder / 'station.sqlite3'}"
    settings = Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name="bench-station"),
        data_dir=folder / "data",
        log_dir=folder / "logs",
    )
    with AppContext.running(settings) as context:
        context.users.add(context.command_line_actor(), "Noa", Role.PACKER, "3333", "BADGE-1")
    return url


def one_start(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds to the sign-in screen, CPU seconds of the whole process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    wall = None
    for line in proc.stdout:
        if line.strip() == SIGN_IN_SHOWN:
            wall = time.perf_counter() - start
            break
    _, err = proc.communicate(timeout=120)
    if wall is None or proc.returncode != 0:
        raise SystemExit(f"the desktop did not reach the sign-in screen:\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", type=float, default=2.0, help="seconds (median wall time)")
    parser.add_argument("--demo", action="store_true", help="time `fulfillment demo`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        if args.demo:
            command = [str(FULFILLMENT), "demo", "--data-dir", str(folder / "demo")]
        else:
            url = prepare(folder)
            command = [str(FULFILLMENT), "--database", url, "--station", "bench-station", "gui"]
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            QUIT_AT_SIGN_IN_VAR: "1",
            "FULFILLMENT_DATA_DIR": str(folder / "data"),
            # Window geometry and the like go to a folder of the benchmark's own.
            "XDG_CONFIG_HOME": str(folder / "config"),
        }
        # An installed station has its modules compiled (pip does it); a development shell
        # that forbids writing them would time the compiler instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(
            f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,"
            f" load average {os.getloadavg()[0]:.1f}; {' '.join(command[1:2])}"
        )
        one_start(command, env)  # warms the file cache (and fills the demo's database)
        walls, cpus = [], []
        for n in range(1, args.runs + 1):
            wall, cpu = one_start(command, env)
            walls.append(wall)
            cpus.append(cpu)
            print(f"run {n}: {wall:.2f} s to the sign-in screen, {cpu:.2f} s CPU")
        median = statistics.median(walls)
        verdict = "PASS" if median < args.target else "FAIL"
        print(
            f"median {median:.2f} s (best {min(walls):.2f} s), CPU median "
            f"{statistics.median(cpus):.2f} s; target < {args.target:.1f} s: {verdict}"
        )
        return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
