"""The desktop application as the README's run command starts it: a real process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from fulfillment_app.db.migrate import head_revision


def test_demo_starts_stays_up_and_closes_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FULFILLMENT_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "fulfillment"), "demo", "--quit-after", "8"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(5)
        assert proc.poll() is None, "the application stopped on its own: " + proc.stderr.read()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in out + err
    assert not [line for line in err.splitlines() if line.startswith(("ERROR", "CRITICAL"))]
    # The demo database was created, migrated and filled on first start.
    log = (tmp_path / "logs" / "fulfillment.log").read_text(encoding="utf-8")
    assert f"upgraded from None to {head_revision()}" in log
    assert "demo: products: 20 rows read, 20 created" in log
    assert "sync Demo shop: 37 new" in log  # the demo's store emulator, synced on start
    assert (tmp_path / "demo" / "demo.sqlite3").exists()


def test_a_second_start_reuses_the_demo_database(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FULFILLMENT_DATA_DIR": str(tmp_path)}
    cmd = [str(Path(sys.executable).parent / "fulfillment"), "demo", "--quit-after", "2"]
    for _ in range(2):
        result = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
    log = (tmp_path / "logs" / "fulfillment.log").read_text(encoding="utf-8")
    assert log.count("demo: products:") == 1
