"""The desktop application as the README's run command starts it: a real process, offscreen."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.migrate import head_revision
from fulfillment_app.db.models import Role
from fulfillment_app.demo import demo_shop

FULFILLMENT = str(Path(sys.executable).parent / "fulfillment")
# As ui/launch.py names them: the desktop says when the sign-in screen is up, then closes.
QUIT_AT_SIGN_IN = {"FULFILLMENT_QUIT_AT_SIGN_IN": "1"}
SIGN_IN_SHOWN = "sign-in screen shown"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FULFILLMENT_DATA_DIR": str(tmp_path),
        **extra,
    }


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], timeout: float) -> None:
    """Until ``condition()`` holds; fails at once if the process ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the application stopped on its own: " + (
            proc.stderr.read() if proc.stderr else ""
        )
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.1)


def test_demo_starts_stays_up_and_closes_cleanly(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "fulfillment.log"

    def log() -> str:
        return log_file.read_text(encoding="utf-8") if log_file.exists() else ""

    proc = subprocess.Popen(
        [FULFILLMENT, "demo", "--quit-after", "25"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Up until the demo shop's orders arrived (the background sync's first round) ...
        _wait_for(lambda: "sync Demo shop:" in log(), proc, timeout=40)
        # ... then closed by its own timer, cleanly.
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in out + err
    assert not [line for line in err.splitlines() if line.startswith(("ERROR", "CRITICAL"))]
    # The demo database was created, migrated and filled on first start.
    text = log()
    assert f"upgraded from None to {head_revision()}" in text
    products = Path(__file__).resolve().parents[1] / "resources" / "sample-products.csv"
    with products.open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    assert f"demo: products: {rows} rows read, {rows} created" in text
    # Every well-formed order of the demo shop came in; the malformed ones are quarantined.
    shop = demo_shop()
    good = sum(1 for order in shop.orders.values() if not order.malformed)
    assert f"sync Demo shop: {good} new" in text
    assert (tmp_path / "demo" / "demo.sqlite3").exists()


def test_a_second_start_reuses_the_demo_database(tmp_path: Path) -> None:
    cmd = [FULFILLMENT, "demo"]
    for _ in range(2):
        result = subprocess.run(
            cmd,
            env=_env(tmp_path, **QUIT_AT_SIGN_IN),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert SIGN_IN_SHOWN in result.stdout.splitlines()
    log = (tmp_path / "logs" / "fulfillment.log").read_text(encoding="utf-8")
    assert log.count("demo: products:") == 1


# Run in the desktop's process after it closed: which of the demo's parts did it load?
_REPORT_MODULES = """
import sys
from fulfillment_app.cli import main
status = main(sys.argv[1:])
demo_parts = ("fulfillment_app.sync.emulators", "fulfillment_app.demo", "graphql")
print("loaded:", sorted(m for m in sys.modules if m.split(".")[0] == "graphql"
                        or m.startswith(demo_parts)))
sys.exit(status)
"""


def test_the_production_desktop_loads_no_store_emulator(tmp_path: Path) -> None:
    """The desktop a station runs (not the demo) reaches the sign-in screen without ever
    importing the demo's wiring, the store emulators or GraphQL."""
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    settings = Settings(
        database=DatabaseSettings(url=url),
        station=StationSettings(name="packing-1"),
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
    )
    with AppContext.running(settings) as context:
        context.users.add(context.command_line_actor(), "Noa", Role.PACKER, "3333", "BADGE-1")
    result = subprocess.run(
        [sys.executable, "-c", _REPORT_MODULES, "--database", url, "gui"],
        env=_env(tmp_path, **QUIT_AT_SIGN_IN),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert SIGN_IN_SHOWN in lines
    assert "loaded: []" in lines


def test_a_new_user_packs_a_demo_order_end_to_end(tmp_path: Path) -> None:
    # The screenshot script walks the real demo as a new packer would (sign in, Pack, next
    # order, scans by the barcodes on screen, a wrong item, a box too heavy approved by the
    # supervisor, the close and its label preview) and stops, saying where, if a step fails.
    script = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"
    result = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path / "shots")],
        env=_env(tmp_path, XDG_CONFIG_HOME=str(tmp_path / "config")),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    names = {p.name for p in (tmp_path / "shots").iterdir()}
    assert names == {
        f"{n}.png"
        for n in ("sign-in", "pack-in-progress", "pack-wrong-item", "pack-weight-override",
                  "pack-label-preview", "pick-location", "pick-wrong-location", "pick-tote",
                  "dashboard", "returns-station")
    }  # fmt: skip
    assert "Traceback" not in result.stderr
