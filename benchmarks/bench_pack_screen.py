"""The packer's screen: from a scan entering the window to its outcome painted, for an order of
200 lines, target p99 under 16 ms (one frame at 60 Hz), on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_pack_screen.py [--postgres URL] [--scans 400]

The real pack screen (offscreen) in a window with the application's scan listener: each scan
is a keyboard-wedge scan, its characters typed at a scanner's pace; the clock starts at the
scanner's Enter (the moment the scan is complete) and stops once the screen has painted the
outcome (the service answered in its lane, the row, the banner and the progress bar updated
and the window's pending paints done). The part spent on the GUI thread after the answer is
shown too: the rest is the service's write and the trip between threads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psycopg
from _report import Report, machine
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import make_url

from fulfillment_app.config import DatabaseSettings, Settings, StationSettings, UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, Role
from fulfillment_app.gtin import gs1_check_digit
from fulfillment_app.ui.pack_view import PackView
from fulfillment_app.ui.scan_listener import ScanListener
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from fulfillment_app.ui.theme import apply_theme

LINES = 200
TARGET_P99_MS = 16.0


class ScannerClock:
    """Keys 8 ms apart as the listener sees them, without waiting 8 ms."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 0.008
        return self.now


def prepare(url: str, tmp: Path) -> tuple[AppContext, list[str]]:
    ctx = AppContext.build(
        Settings(
            database=DatabaseSettings(url=url),
            station=StationSettings(name="bench"),
            data_dir=tmp,
            log_dir=tmp / "logs",
        )
    )
    ctx.start()
    admin = ctx.command_line_actor()
    products = tmp / f"products-{uuid.uuid4().hex[:6]}.csv"
    eans = []
    with products.open("w", encoding="utf-8") as f:
        f.write("sku,name,barcode,weight_g,location\n")
        for i in range(LINES):
            data = f"729{i:09d}"
            eans.append(data + str(gs1_check_digit(data)))
            f.write(f"P{i:04d},מוצר {i},{eans[-1]},{100 + i},\n")
    ctx.catalogue.import_products(admin, products)
    with ctx.db.session() as s:
        order = Order(external_id="B1", number="B1")
        order.lines = [
            OrderLine(sku=f"P{i:04d}", name=f"מוצר {i}", quantity=2) for i in range(LINES)
        ]
        s.add(order)
    ctx.users.add(admin, "Noa", Role.PACKER, "3333")
    return ctx, eans


def run(
    app: QApplication, url: str, tmp: Path, scans: int
) -> tuple[list[float], list[float], list[float]]:
    ctx, eans = prepare(url, tmp)
    noa = ctx.auth.login_with_pin("Noa", "3333")
    runner = TaskRunner()
    window = QMainWindow()
    view = PackView(ctx, runner, SoundPlayer(UISettings(sounds=False)))
    window.setCentralWidget(view)
    window.resize(1280, 800)
    listener = ScanListener(window, view.on_scan, ctx.settings.scan, clock=ScannerClock())
    listener.install()
    window.show()
    view.activate(noa)
    target = view.banner
    gui: list[float] = []
    answered = view._scanned

    def timed(reply):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        answered(reply)
        app.processEvents()  # the paints the answer asked for
        gui.append((time.perf_counter() - start) * 1000)

    view._scanned = timed  # type: ignore[method-assign]
    service: list[float] = []
    scan = ctx.packing.scan

    def timed_scan(*args):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return scan(*args)
        finally:
            service.append((time.perf_counter() - start) * 1000)

    ctx.packing.scan = timed_scan  # type: ignore[method-assign]

    def wedge(code: str) -> float:
        QTest.keyClicks(target, code)
        start = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_Return)
        while view.waiting:
            app.processEvents()
        app.processEvents()
        return (time.perf_counter() - start) * 1000

    wedge("ORD:B1")
    while view.session is None:
        app.processEvents()
    times = [wedge(eans[i % LINES]) for i in range(min(scans, 2 * LINES - 1))]
    assert view.progress.value() == len(times), "every scan must have counted"
    listener.uninstall()
    runner.shutdown()
    window.close()
    ctx.close()
    return times, gui, service


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--scans", type=int, default=399)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # painted as the station paints it
    print(machine(f"{LINES} lines, {args.scans} wedge scans"))
    report = Report()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        runs: list[tuple[str, str, tuple[dict[str, object], str] | None]] = [
            ("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}", None)
        ]
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            u = make_url(args.postgres)
            info = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database)
            with psycopg.connect(**info, autocommit=True) as conn:  # type: ignore[arg-type]
                conn.execute(f'CREATE SCHEMA "{schema}"')
            sep = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
            runs.append(("PostgreSQL", url, (info, schema)))
        for name, url, cleanup in runs:
            if name == "SQLite":
                Path(url.removeprefix("sqlite:///")).touch()
            try:
                times, gui, service = run(app, url, tmp, args.scans)
            finally:
                if cleanup:
                    with psycopg.connect(**cleanup[0], autocommit=True) as conn:  # type: ignore[arg-type]
                        conn.execute(f'DROP SCHEMA "{cleanup[1]}" CASCADE')
            report.check(
                f"{name}: scan to outcome painted, p99",
                f"{p99(times):.2f} ms",
                f"< {TARGET_P99_MS:.0f} ms",
                p99(times) < TARGET_P99_MS,
            )
            report.info(f"{name}: median", f"{statistics.median(times):.2f} ms")
            report.info(f"{name}: the service's scan (its lane), p99", f"{p99(service):.2f} ms")
            report.info(f"{name}: on the GUI thread after the answer, p99", f"{p99(gui):.2f} ms")
    report.finish("Pack screen")


if __name__ == "__main__":
    sys.exit(main())
