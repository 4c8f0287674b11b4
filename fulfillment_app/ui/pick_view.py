"""The picker's screen: the cart's current pick in large type, driven by the scanner alone.

Each pick is three scans: the location, the item, the tote shown. The location and the tote
are checked here at once (the screen knows what it asked for); the item is checked by the
service when the pick is confirmed. Command barcodes (``CMD:SHORT``, ``CMD:SKIP``,
``CMD:PAUSE``) and function keys do the rest. What changed in the store (an order withdrawn
from the cart) is shown in a banner until the next pick is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..errors import FulfillmentError
from ..scanning import Interpreter
from ..services.pick_types import (
    WrongItem,
    WrongScan,
    WrongTote,
    check_location,
    check_tote,
)
from ..services.picking import SHORT_REASONS, BatchView, PickingService
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel, heading

STEPS = ("location", "item", "tote")
BANNER_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; font-weight: bold;"


def _big(size: int = 28) -> QLabel:
    label = heading("", size)
    label.setWordWrap(True)
    return label


class PickView(Screen):
    """The picker's screen (see the module's description)."""

    takes_scans = True

    def __init__(
        self,
        picking: PickingService,
        interpreter: Interpreter,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ):
        super().__init__("Pick", parent)
        self._picking, self._interpreter, self._runner = picking, interpreter, runner
        self.cart: BatchView | None = None
        self.step = "location"
        self._item = ""

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.body.addWidget(self.banner)
        self.progress = QLabel()
        self.body.addWidget(self.progress)
        grid = QGridLayout()
        self.location_label, self.item_label = _big(36), _big(22)
        self.quantity_label, self.tote_label = _big(36), _big(36)
        for row, (title, widget) in enumerate(
            (
                ("Go to", self.location_label),
                ("Item", self.item_label),
                ("Take", self.quantity_label),
                ("Into tote", self.tote_label),
            )
        ):
            grid.addWidget(QLabel(title), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
        self.body.addLayout(grid)
        self.prompt = heading("", 16)
        self.body.addWidget(self.prompt)
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText("Scan here (or type and press Enter)")
        self.scan_field.returnPressed.connect(self._on_enter)
        self.body.addWidget(self.scan_field)

        self.short_panel = QWidget()
        short_row = QHBoxLayout(self.short_panel)
        short_row.addWidget(QLabel("Found"))
        self.found = QSpinBox()
        short_row.addWidget(self.found)
        self.reason = QComboBox()
        self.reason.addItems(SHORT_REASONS)
        short_row.addWidget(self.reason, 1)
        self.record_short = QPushButton("Record short pick")
        self.record_short.clicked.connect(self.on_short)
        short_row.addWidget(self.record_short)
        self.short_panel.hide()
        self.body.addWidget(self.short_panel)

        buttons = QHBoxLayout()
        self.claim_button = QPushButton("Next cart [F5]")
        self.short_button = QPushButton("Short [F6]")
        self.skip_button = QPushButton("Skip [F7]")
        self.pause_button = QPushButton("Pause [F8]")
        for button, key, slot in (
            (self.claim_button, "F5", self.on_claim),
            (self.short_button, "F6", self.open_short),
            (self.skip_button, "F7", self.on_skip),
            (self.pause_button, "F8", self.on_pause),
        ):
            button.setShortcut(QKeySequence(key))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.body.addLayout(buttons)
        self.message = MessageLabel()
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self._show(None)

    # -- entry points --------------------------------------------------------------------------

    def on_refresh(self) -> None:
        """Opening the screen takes the picker's cart (or the next one waiting)."""
        self.on_claim()

    def on_scan(self, raw: str) -> None:
        """A scan from the wedge field or a serial scanner."""
        result = self._interpreter.interpret(raw)
        if result.kind == "command":
            action = {"short": self.open_short, "skip": self.on_skip, "pause": self.on_pause}
            if result.value in action:
                action[result.value]()
            elif result.value == "confirm" and self.short_panel.isVisible():
                self.on_short()
            else:
                self.message.show_error(f"'{result.value}' does nothing while picking.")
            return
        task = self.cart.current if self.cart else None
        if task is None:
            self.message.show_error("There is no pick to scan for: take the next cart (F5).")
            return
        if result.kind == "error":
            self.message.show_error(result.error or "That scan could not be read: scan again.")
            return
        data = (result.data or raw).strip()
        try:
            if self.step == "location":
                check_location(data, task.location)
                self._advance("item", "Location right.")
            elif self.step == "item":
                self._item = raw
                self._advance("tote", "")
            else:
                check_tote(data, task.slot)
                self._confirm(data)
        except WrongScan as exc:
            self.message.show_error(str(exc))

    # -- actions -------------------------------------------------------------------------------

    def on_claim(self) -> None:
        actor = self._actor
        if actor is None:
            return
        self._runner.run(lambda: self._picking.claim(actor), self._claimed, self._error)

    def _claimed(self, view: BatchView | None) -> None:
        self._show(view)
        if view is None:
            self.message.show_info("No cart is waiting. Ask a supervisor to release work.")

    def _confirm(self, tote: str) -> None:
        actor, cart = self._actor, self.cart
        assert actor is not None and cart is not None and cart.current is not None
        task, location, item = cart.current, cart.current.location, self._item
        self._runner.run(
            lambda: self._picking.confirm(
                actor, cart.batch_id, task.task_id, location=location, item=item, tote=tote
            ),
            self._show,
            self._confirm_failed,
        )

    def _confirm_failed(self, error: FulfillmentError) -> None:
        # The item is checked by the service: a wrong one is scanned again, and so is a wrong
        # tote; anything else (a store change, a lost connection, a wrong location) starts
        # the pick over, at the location.
        self.message.show_error(error)
        if isinstance(error, WrongItem):
            self._advance("item", "", error=True)
        elif isinstance(error, WrongTote):
            self._advance("tote", "", error=True)
        else:
            self._advance("location", "", error=True)

    def open_short(self) -> None:
        task = self.cart.current if self.cart else None
        if task is None or task.kind != "pick":
            self.message.show_error("There is no pick to report short.")
            return
        self.found.setRange(0, max(0, task.quantity - 1))
        self.found.setValue(0)
        self.short_panel.show()
        self.found.setFocus()
        self.message.show_info(
            "How many did you find, and why is it short? Then Record (or scan CMD:CONFIRM)."
        )

    def on_short(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None or cart.current is None:
            return
        task_id, found, reason = cart.current.task_id, self.found.value(), self.reason.currentText()
        self.short_panel.hide()
        self._runner.run(
            lambda: self._picking.short(actor, cart.batch_id, task_id, found=found, reason=reason),
            self._show,
            self._error,
        )

    def on_skip(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None or cart.current is None:
            return
        task_id = cart.current.task_id
        self._runner.run(
            lambda: self._picking.skip(actor, cart.batch_id, task_id), self._show, self._error
        )

    def on_pause(self) -> None:
        actor, cart = self._actor, self.cart
        if actor is None or cart is None:
            return
        self._runner.run(lambda: self._picking.pause(actor, cart.batch_id), self._show, self._error)

    # -- showing -------------------------------------------------------------------------------

    def _error(self, error: FulfillmentError) -> None:
        self.message.show_error(error)
        self.scan_field.setFocus()

    def _on_enter(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.on_scan(text)

    def _advance(self, step: str, text: str, *, error: bool = False) -> None:
        self.step = step
        task = self.cart.current if self.cart else None
        prompts = {
            "location": "Scan the location.",
            "item": f"Scan the item{f' ({task.sku})' if task else ''}.",
            "tote": f"Put it in tote {task.slot if task else ''} and scan the tote.",
        }
        self.prompt.setText(prompts[step])
        if text and not error:
            self.message.show_ok(text)
        self.scan_field.setFocus()

    def _show(self, view: BatchView | None) -> None:
        self.cart = view
        self.short_panel.hide()
        if view is not None and view.notices:
            self.banner.setText("\n".join(view.notices))
            self.banner.show()
        elif view is None or view.current is None or view.done:
            self.banner.hide()
        task = view.current if view else None
        for button in (self.short_button, self.skip_button):
            button.setEnabled(task is not None)
        self.pause_button.setEnabled(view is not None and not view.done)
        self.claim_button.setEnabled(view is None or view.done)
        if view is None:
            self.progress.setText("No cart.")
        else:
            zone = f", zone {view.zone}" if view.zone else ""
            totes = "  ".join(
                f"{t.slot}: {t.order_number}" + ("" if t.status == "active" else f" ({t.status})")
                for t in view.totes
            )
            self.progress.setText(
                f"Cart {view.batch_id}{zone}: {view.total - view.left} of {view.total} done."
                f"   Totes  {totes}"
            )
        if task is None:
            for label in (self.location_label, self.item_label, self.quantity_label):
                label.setText("")
            self.tote_label.setText("")
            self.prompt.setText(
                "Take the cart to packing, then the next cart (F5)."
                if view is not None and view.done
                else "Take the next cart (F5)."
            )
            if view is not None and view.message:
                self.message.show_ok(view.message)
            self.scan_field.setFocus()
            return
        verb = "Take" if task.kind == "pick" else "PUT BACK"
        self.location_label.setText(task.location)
        self.item_label.setText(f"{task.name}\n{task.sku} · order {task.order_number}")
        self.quantity_label.setText(f"{verb} {task.quantity}")
        self.tote_label.setText(str(task.slot))
        self._item = ""
        self._advance("location", view.message if view else "")
