"""Screenshots of the packing station for the README, taken from the real application.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--language en|he]

(in Hebrew the shots go to docs/screenshots/he unless --out says otherwise)

Starts the demo as `fulfillment demo --reset` does (its own database, the demo shop's store
emulator, the simulated scale, RFID pad and printer) in an offscreen window, and walks one of
the demo shop's orders the way a new packer would: sign in, Pack, "Next order", scan the
items, one wrong item, the scale showing a weight off by a few hundred grams, the supervisor's
approval, the close and its label preview; the parcel comes back to the returns station
(one item sellable, one damaged). Then a supervisor releases the open orders and a
picker walks the first pick of a cart (a wrong location, the right one, the item), and, once
the application has one, the supervisor's dashboard is shown. A screenshot is saved at each
step. The walk goes
through the same screen, scan handler and services as a person's, so the script is also a
check that the demo can be packed end to end: it exits with status 1, saying where, when a
step does not come.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from fulfillment_app.config import Settings, UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, Product
from fulfillment_app.demo import Demo
from fulfillment_app.ui.launch import apply_language, make_application
from fulfillment_app.ui.main_window import MainWindow
from fulfillment_app.ui.theme import apply_theme

ROOT = Path(__file__).resolve().parents[1]


def wait(
    app: QApplication, what: str, condition: Callable[[], object], timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: {what} did not come within {timeout:.0f} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def shot(app: QApplication, window: QWidget, out: Path, name: str) -> None:
    """The window, with any dialog open over it painted in its place."""
    for _ in range(5):  # let layouts and pending paints settle
        app.processEvents()
    picture = window.grab()
    dialog = app.activeModalWidget()
    if dialog is not None and dialog is not window:
        painter = QPainter(picture)
        offset = dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
        if not window.rect().contains(offset):  # offscreen windows share one origin
            offset = QPoint(
                (window.width() - dialog.width()) // 2, (window.height() - dialog.height()) // 3
            )
        painter.drawPixmap(offset, dialog.grab())
        painter.end()
    path = out / f"{name}.png"
    if not QPixmap(picture).save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--language", choices=("en", "he"), default="en")
    args = parser.parse_args()
    default = ROOT / "docs" / "screenshots"
    out: Path = (args.out or (default / "he" if args.language == "he" else default)).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        folder = Path(tmp)
        # The defaults, as on a new machine: no settings file of this machine's is read.
        settings = Settings(
            data_dir=folder / "data",
            log_dir=folder / "logs",
            ui=UISettings(language=args.language, sounds=False),
        )
        demo, settings = Demo.open(settings, folder / "demo", reset=True)
        try:
            return walk(settings, demo, out)
        finally:
            demo.close()


def walk(settings: Settings, demo: Demo, out: Path) -> int:
    app = make_application()
    apply_language(app, settings.ui.language)
    apply_theme(app)
    context = AppContext.build(settings)
    window = MainWindow(context, demo=demo)
    window.resize(1280, 860)
    shown: list[bool] = []
    window.sign_in_shown.connect(lambda: shown.append(True))
    window.show()
    window.start()
    wait(app, "the sign-in screen", lambda: shown)
    shot(app, window, out, "sign-in")

    def orders() -> int:
        with context.db.read() as session:
            return session.scalar(select(func.count()).select_from(Order)) or 0

    wait(app, "the demo shop's orders", lambda: orders() > 0, timeout=60)
    window.on_signed_in(context.auth.login_with_pin("Noa", "3333"))
    window.open_screen("pack")
    view = window.screens["pack"]
    view.on_next_order()
    wait(app, "the next order", lambda: view.session is not None and view.step == "scan")
    session = view.session
    lines = [line for line in session.lines for _ in range(line.quantity - line.packed)]
    if len(lines) < 2:
        raise SystemExit("screenshots: the demo's next order has a single item; rerun")

    def scan(code: str) -> None:
        answered = view.answered
        view.on_scan(code)
        wait(app, f"the answer to {code}", lambda: view.answered > answered)

    for line in lines[: max(1, len(lines) // 2)]:
        scan(line.barcode)
    shot(app, window, out, "pack-in-progress")

    in_order = {line.sku for line in session.lines}
    with context.db.read() as db:
        other = db.scalars(select(Product).where(Product.sku.not_in(in_order))).first()
        wrong = other.barcodes[0].code if other is not None and other.barcodes else "0000000000000"
    scan(wrong)
    shot(app, window, out, "pack-wrong-item")

    # The packer puts the box on the scale with something more in it than the order holds.
    context.packing.on_expected_weight(
        lambda expected: setattr(demo.devices.scale, "grams", expected.expected_g + 380)
    )
    for line in lines[max(1, len(lines) // 2) :]:
        scan(line.barcode)
    wait(app, "the supervisor's approval", lambda: view.override is not None, timeout=30)
    shot(app, window, out, "pack-weight-override")

    dialog = view.override
    dialog.who_input.setText("Yossi")
    dialog.pin_input.setText("2222")
    dialog.submit()
    wait(app, "the close", lambda: view.step == "closed" and view.closed is not None, timeout=30)
    wait(app, "the label preview", lambda: view.preview.pixmap() is not None
         and not view.preview.pixmap().isNull(), timeout=30)  # fmt: skip
    shot(app, window, out, "pack-label-preview")
    shot_returns(app, window, context, out, session.order_id, lines[0].barcode, lines[1].barcode)
    walk_pick(app, window, context, out)
    shot_dashboard(app, window, context, out)
    window.close()
    return 0


def shot_returns(
    app: QApplication,
    window: MainWindow,
    context: AppContext,
    out: Path,
    order_id: int,
    sellable: str,
    damaged: str,
) -> None:
    """The order just packed comes back: its packing slip scanned at the returns station, one
    item graded sellable and one damaged."""
    window.on_sign_out()
    window.on_signed_in(context.auth.login_with_pin("Noa", "3333"))
    window.open_screen("returns")
    view = window.screens["returns"]

    def scan(code: str) -> None:
        answered = view.answered
        view.on_scan(code)
        wait(app, f"the answer to {code}", lambda: view.answered > answered)

    scan(f"ORD:ID-{order_id}")
    if view.rma is None:
        raise SystemExit("screenshots: the packed order's parcel has no RMA at the station")
    scan(sellable)
    view.set_grade("damaged")
    scan(damaged)
    shot(app, window, out, "returns-station")


def walk_pick(app: QApplication, window: MainWindow, context: AppContext, out: Path) -> None:
    """A supervisor releases the open orders; a picker takes a cart and walks its first pick."""
    supervisor = context.auth.login_with_pin("Yossi", "2222")
    plan = context.planner.plan(supervisor, "fcfs", cart_slots=4)
    if not plan.batches:
        raise SystemExit("screenshots: no open order is left to pick; rerun")
    context.planner.release(supervisor, plan)
    window.on_sign_out()
    window.on_signed_in(context.auth.login_with_pin("Avi", "4444"))
    window.open_screen("pick")
    view = window.screens["pick"]
    wait(app, "a cart to pick", lambda: view.cart is not None and view.cart.current is not None)
    task = view.cart.current
    shot(app, window, out, "pick-location")
    view.on_scan("Z-99-99-9")  # the picker is at the wrong shelf
    wait(app, "the wrong location", lambda: view.message.text() != "")
    shot(app, window, out, "pick-wrong-location")
    view.on_scan(task.location)
    wait(app, "the item step", lambda: view.step == "item")
    with context.db.read() as db:
        product = db.scalars(select(Product).where(Product.sku == task.sku)).one()
        barcode = product.barcodes[0].code if product.barcodes else task.sku
    view.on_scan(barcode)
    wait(app, "the tote step", lambda: view.step == "tote")
    shot(app, window, out, "pick-tote")


def shot_dashboard(app: QApplication, window: MainWindow, context: AppContext, out: Path) -> None:
    """The supervisor's dashboard, with its figures in."""
    window.on_sign_out()
    window.on_signed_in(context.auth.login_with_pin("Yossi", "2222"))
    window.open_screen("dashboard")
    view = window.screens["dashboard"]
    wait(app, "the dashboard's figures", lambda: getattr(view, "dashboard", None) is not None)
    shot(app, window, out, "dashboard")


if __name__ == "__main__":
    sys.exit(main())
