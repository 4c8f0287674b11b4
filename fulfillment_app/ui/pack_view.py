"""The packer's screen: every line of the order, each scan's outcome in colour, words and
sound, then weighing, the box, the close and the label, driven by the scanner alone.

Scans go to the packing service in the "db" lane, one at a time and in the order they came
(a small queue holds those that arrive while one is answered). The scale is read in its own
lane a few times a second while the order is on the scale; the RFID pad and the printers have
lanes of their own too, so nothing that waits for a device holds up the next scan.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QHideEvent, QKeySequence, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..devices.errors import DeviceOffline
from ..errors import FulfillmentError
from ..packing.boxes import OWN, parse_boxes
from ..services.auth import PinNeeded
from ..services.pack_types import (
    SHORT_SHIP_REASONS,
    Closed,
    ExpectedWeight,
    RfidResult,
    ScanReply,
    SessionView,
)
from ..services.permissions import Actor
from ..services.pick_types import TotePart
from ..services.printing import PrintOutcome
from . import i18n
from .carrier_choice import CarrierBar, choice_service
from .i18n import current_language
from .pack_dialogs import OverrideDialog, ShortShipDialog
from .pack_lines import OrderProgress, PackLinesModel
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, OutcomeBanner, heading

if TYPE_CHECKING:
    from ..context import AppContext
    from ..devices.scale_protocols import ScaleReading
    from ..packing.weight import WeightCheck

#: Each outcome its own colour (background, text) on the big banner.
OUTCOME_COLOURS = {
    "accepted": ("#2e7d32", "#ffffff"),
    "complete": ("#1565c0", "#ffffff"),
    "wrong item": ("#c62828", "#ffffff"),
    "over-scan": ("#ef6c00", "#ffffff"),
    "unknown": ("#6a1b9a", "#ffffff"),
    "needs serial": ("#f9a825", "#1a1a1a"),
    "invalid scan": ("#5d4037", "#ffffff"),
    "order changed": ("#ad1457", "#ffffff"),
    "command": ("#455a64", "#ffffff"),
    "error": ("#b00020", "#ffffff"),
    "info": ("#eceff1", "#1a1a1a"),
}
BADGE_ALONE = QT_TRANSLATE_NOOP(
    "PackView", "A badge alone cannot approve: the supervisor types their PIN too."
)
#: Two readings this close (grams) are the same box on the scale.
SAME_G = 5.0
#: The label preview's width on screen (pixels).
PREVIEW_WIDTH = 340
#: How often the scale is read while the order is on it, in milliseconds.
SCALE_POLL_MS = 300


class PackView(Screen):
    """The packer's screen (see the module's description)."""

    takes_scans = True

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(QCoreApplication.translate("PackView", "Pack"), parent)
        self._context, self._runner, self.sounds = context, runner, sounds
        self._packing = context.packing
        self.session: SessionView | None = None
        #: "start" (no order), "scan", "weigh" (every line packed) or "closed".
        self.step = "start"
        #: (code, is an order to start): scans and typed order numbers, answered in order.
        self._queue: deque[tuple[str, bool]] = deque()
        self._busy = False  # a scan (or start) is with the service
        self.answered = 0  # scans answered (for tests and figures)
        self._boxes = parse_boxes(self._packing.settings.boxes)
        self.box_code: str | None = None
        self.closed: Closed | None = None
        self.last_reading: ScaleReading | None = None
        self.weight: WeightCheck | None = None
        self._reading = self._checking = self._closing = False
        self._refused_at: float | None = None  # a mismatch the supervisor did not approve
        # The weight of the box closed last: while the scale still shows it, that box is
        # still on it and is never taken for the next one.
        self._last_box_g: float | None = None
        self._scale_lost_at: datetime | None = None  # the scale stopped answering then
        self.override: OverrideDialog | None = None
        self.short_dialog: ShortShipDialog | None = None
        self.printed: list[str] = []  # what the printers said, newest last
        self.status_text = ""  # what this screen put in the status bar

        self._build()
        self._scale_timer = QTimer(self)
        self._scale_timer.setInterval(SCALE_POLL_MS)
        self._scale_timer.timeout.connect(self._poll_scale)
        self._show_step()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        top = QHBoxLayout()
        self.order_label = heading("", 22)
        self.order_label.setWordWrap(True)
        top.addWidget(self.order_label, 1)
        self.order_input = QLineEdit()
        self.order_input.setPlaceholderText(self.tr("Type an order number, then Enter"))
        self.order_input.setMinimumWidth(360)
        self.order_input.returnPressed.connect(self._typed_code)
        top.addWidget(self.order_input)
        self.next_button = self._button(self.tr("Next order [N]"), "N", self.on_next_order)
        top.addWidget(self.next_button)
        self.body.addLayout(top)
        self.totes_label = QLabel()
        self.totes_label.setWordWrap(True)
        self.body.addWidget(self.totes_label)
        self.carrier_bar = CarrierBar(
            choice_service(self._context), self._runner, self.sounds, lambda: self._actor
        )
        self.body.addWidget(self.carrier_bar)

        self.banner = OutcomeBanner(OUTCOME_COLOURS)
        self.body.addWidget(self.banner)
        self.outcome = ""  # the outcome the banner shows

        self.progress = OrderProgress()
        self.body.addWidget(self.progress)

        middle = QHBoxLayout()
        self.lines = PackLinesModel(self._runner, self)
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        font = QFont(self.table.font())
        font.setPointSize(max(font.pointSize(), 15))  # read at arm's length
        self.table.setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(64)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((64, 0, 190, 140, 90, 110)):
            if width:  # fixed: sizing to contents would measure all the rows at each scan
                self.table.setColumnWidth(column, width)
        middle.addWidget(self.table, 3)

        side = QVBoxLayout()
        self.weigh_panel = QWidget()
        weigh = QVBoxLayout(self.weigh_panel)
        weigh.addWidget(heading(self.tr("Weighing"), 16))
        self.scale_label = heading("", 26)
        weigh.addWidget(self.scale_label)
        self.weight_input = QLineEdit()
        self.weight_input.setPlaceholderText(self.tr("Weight in grams, then Enter"))
        self.weight_input.returnPressed.connect(self._typed_weight)
        weigh.addWidget(self.weight_input)
        self.expected_label = QLabel()
        self.expected_label.setWordWrap(True)
        weigh.addWidget(self.expected_label)
        self.verdict_label = MessageLabel()
        weigh.addWidget(self.verdict_label)
        self.box_label = heading("", 16)
        weigh.addWidget(self.box_label)
        presets = QHBoxLayout()
        self.box_buttons: list[QPushButton] = []
        for number in range(1, 5):  # keys 1-4: the first four boxes of the settings
            button = self._button("", str(number), lambda _=False, n=number: self._preset(n))
            self.box_buttons.append(button)
            presets.addWidget(button)
        self._show_presets()
        self.own_button = self._button(self.tr("Own packaging"), None, lambda: self.pick_box(OWN))
        presets.addWidget(self.own_button)
        weigh.addLayout(presets)
        side.addWidget(self.weigh_panel)

        self.rfid_label = QLabel()
        self.rfid_label.setWordWrap(True)
        self.rfid_label.hide()
        side.addWidget(self.rfid_label)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        self.preview.hide()
        side.addWidget(self.preview, 1)
        # The side column takes room only when it shows something (weighing, RFID, a label):
        # while scanning, the lines have the whole width.
        middle.addLayout(side)
        self.body.addLayout(middle, 1)

        self.message = MessageLabel()
        self.body.addWidget(self.message)
        actions = QHBoxLayout()
        self.undo_button = self._button(self.tr("Undo [Ctrl+Z]"), "Ctrl+Z", self.on_undo)
        self.rfid_button = self._button(self.tr("RFID [F9]"), "F9", self.on_rfid)
        self.short_button = self._button(self.tr("Short ship"), None, self.on_short_ship)
        self.close_box_button = self._button(self.tr("Close box [B]"), "B", self.on_close_box)
        self.close_button = self._button(self.tr("Close order"), None, self.on_close)
        self.print_button = self._button(self.tr("Print label [P]"), "P", self.on_print)
        self.slip_button = self._button(self.tr("Print slip [S]"), "S", self.on_print_slip)
        for button in (
            self.undo_button,
            self.rfid_button,
            self.short_button,
            self.close_box_button,
            self.close_button,
            self.print_button,
            self.slip_button,
        ):
            actions.addWidget(button)
        self.body.addLayout(actions)
        # Backspace also undoes, but not while a field is being typed in (the field takes it).
        undo_key = QShortcut(QKeySequence(Qt.Key.Key_Backspace), self)
        undo_key.activated.connect(self.on_undo)

    def hideEvent(self, event: QHideEvent) -> None:
        # The scale is read only while the packer sees it (back home, the window closing).
        self._scale_timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.step == "weigh" and self.scale:
            self._scale_timer.start()

    def _button(self, text: str, key: str | None, slot: Any) -> QPushButton:
        """An action button that never keeps the focus (a scanner's Enter must not press it)."""
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        if key:
            button.setShortcut(QKeySequence(key))
        button.clicked.connect(slot)
        return button

    # -- opening the screen, starting an order -------------------------------------------------

    def _show_presets(self) -> None:
        for number, button in enumerate(self.box_buttons, start=1):
            box = self._boxes[number - 1] if number <= len(self._boxes) else None
            button.setVisible(box is not None)
            button.setText(f"{box.code} [{number}]" if box is not None else "")
            # After the text: setText replaces a button's shortcut with the text's mnemonic.
            button.setShortcut(QKeySequence(str(number)))

    def _preset(self, number: int) -> None:
        if number <= len(self._boxes):
            self.pick_box(self._boxes[number - 1].code)

    def on_refresh(self) -> None:
        """Opening the screen resumes this station's open session, where it was (with the
        box types as the settings hold them now: an admin may have changed them)."""
        self._boxes = self._packing.boxes
        self._show_presets()
        if self.session is not None:
            return
        packing = self._packing

        def resume() -> SessionView | None:
            session_id = packing.open_session()
            return packing.view(session_id) if session_id is not None else None

        self._runner.run(resume, self._resumed, self._error)

    def _resumed(self, view: SessionView | None) -> None:
        if view is not None and self.session is None:
            self._show_session(view)
            self._say("info", self.tr("Order {number} resumed where it was.").format(
                number=view.order_number))  # fmt: skip

    def _typed_code(self) -> None:
        """A code typed by hand (no scanner at hand): an order number to start, or, while an
        order is open, an item's barcode or SKU, a box code or a command, as if scanned."""
        text = self.order_input.text().strip()
        self.order_input.clear()
        if not text:
            return
        self._queue.append((text, self.step not in ("scan", "weigh")))
        self._pump()

    def _placeholder(self) -> None:
        self.order_input.setPlaceholderText(
            self.tr("Type a barcode or SKU, then Enter")
            if self.step in ("scan", "weigh")
            else self.tr("Type an order number, then Enter")
        )

    def _start(self, code: str) -> None:
        actor = self._actor
        if actor is None:
            return
        self._busy = True
        self._runner.run(lambda: self._packing.start(actor, code), self._started, self._scan_failed)

    def on_next_order(self) -> None:
        actor = self._actor
        if actor is None:
            return
        packing = self._packing
        self._runner.run(lambda: packing.next_order(actor), self._next_found, self._error)

    def _next_found(self, view: SessionView | None) -> None:
        if view is None:
            self._say("info", self.tr("No order is waiting to be packed."))
            return
        self._started(view)

    def _started(self, view: SessionView) -> None:
        self.preview.clear()
        self.preview.hide()
        self._show_session(view)
        if view.resumed:
            text = self.tr("Order {number} resumed where it was.")
        else:
            text = self.tr("Order {number}: scan the items.")
        self._say("info", text.format(number=view.order_number))
        self._answered()

    def _show_session(self, view: SessionView) -> None:
        self.session, self.closed, self.weight = view, None, None
        self._refused_at, self.last_reading = None, None
        self.rfid_label.clear()
        self.rfid_label.hide()
        self.box_code = view.suggested_box
        store, box_number = view.store, view.box_number
        title = self.tr("Order {number}").format(number=view.order_number)
        if store:
            title = self.tr("{store} · order {number}").format(
                store=store, number=view.order_number
            )
        if box_number > 1:
            title += "  " + self.tr("(box {n})").format(n=box_number)
        self.order_label.setText(title)
        self.totes_label.setText(
            self.tr("Bring together: {totes}").format(
                totes=", ".join(self._tote_text(t) for t in view.totes)
            )
            if view.totes
            else ""
        )
        self.lines.set_lines(view.lines)
        if view.order_id != getattr(self.carrier_bar.offer, "order_id", None):
            self.carrier_bar.show_order(view.order_id)
        self._progress(view.packed, view.total)
        self.step = "weigh" if view.complete else "scan"
        self._show_step()

    # -- scans ---------------------------------------------------------------------------------

    def on_scan(self, raw: str) -> None:
        """A scan (from the wedge listener or a serial scanner): queued, answered in order."""
        if self.override is not None and self.override.isVisible():
            self.override.take_badge(raw)  # the supervisor's badge, for the approval
            return
        self._queue.append((raw, False))
        self._pump()

    @property
    def waiting(self) -> int:
        """Scans received and not answered yet."""
        return len(self._queue) + (1 if self._busy else 0)

    def _pump(self) -> None:
        while not self._busy and self._queue:
            raw, start = self._queue.popleft()
            if start:
                self._start(raw)
            else:
                self._handle(raw)

    def _handle(self, raw: str) -> None:
        """One scan: a command, a box, an order to start, or an item for the service."""
        actor = self._actor
        if actor is None:
            return
        result = self._context.scans.interpret(raw)
        if result.kind == "command" and result.value != "undo":
            self._command(str(result.value))
            return
        code = raw.strip().upper()
        if self.step == "weigh" and (code == OWN or any(b.code == code for b in self._boxes)):
            self.pick_box(code)
            return
        session = self.session
        if session is None or self.step == "closed" or result.kind in ("order", "tote"):
            if result.kind == "command":
                self._say("command", self.tr("Nothing to undo."))
                return
            self._start(raw)
            return
        self._busy = True
        self._runner.run(
            lambda: self._packing.scan(actor, session.session_id, raw),
            self._scanned,
            self._scan_failed,
        )

    def _command(self, word: str) -> None:
        actions = {
            "reprint": self.on_print,
            "short": self.on_short_ship,
            "confirm": self._confirm,
            "done": self._confirm,
            "cancel": self._cancel,
        }
        action = actions.get(word)
        if action is None:
            self._say("command", self.tr("'{word}' does nothing while packing.").format(word=word))
            self.sounds.play("invalid")
            return
        action()

    def weight_text(self, check: WeightCheck) -> str:
        """The weighing verdict in the screen's language (the core's sentence in English)."""
        if current_language() == "en":
            return check.message()
        grams = i18n.number
        if check.ok:
            text = self.tr("Weight OK: {measured} g (expected {expected} g).").format(
                measured=grams(round(check.measured_g)), expected=grams(round(check.expected_g))
            )
        else:
            text = (
                self.tr(
                    "The box is {difference} g heavier than expected ({measured} g, expected "
                    "{expected} g ± {tolerance} g). Check the contents, or ask a supervisor to "
                    "approve."
                )
                if check.difference_g > 0
                else self.tr(
                    "The box is {difference} g lighter than expected ({measured} g, expected "
                    "{expected} g ± {tolerance} g). Check the contents, or ask a supervisor to "
                    "approve."
                )
            ).format(
                difference=grams(round(abs(check.difference_g))),
                measured=grams(round(check.measured_g)),
                expected=grams(round(check.expected_g)),
                tolerance=grams(round(check.tolerance_g)),
            )
        if check.unknown_weights:
            text += " " + self.tr("No weight is known for: {skus}.").format(
                skus=", ".join(check.unknown_weights)
            )
        return text

    def reply_text(self, reply: ScanReply) -> str:
        """A scan's sentence in the screen's language: composed here from the reply for the
        common outcomes; the service's English sentence in English, and for the rest (an
        unreadable scan, a store change)."""
        if current_language() == "en":
            return reply.message
        lines = self.session.lines if self.session is not None else []
        line = next((x for x in lines if x.line_id == reply.line_id), None)
        outcome, message = reply.outcome, reply.message
        if outcome in ("accepted", "complete") and line is not None:
            text = (
                self.tr("{name}: {packed} of {quantity}. Everything is packed: weigh the box.")
                if outcome == "complete"
                else self.tr("{name}: {packed} of {quantity}")
            ).format(name=line.name, packed=reply.line_packed, quantity=line.quantity)
            # "+6": a case's pieces; the mark keeps the line right to left.
            return f"\u200f+{reply.counted} {text}" if reply.counted > 1 else text
        if outcome == "over-scan" and line is not None:
            if reply.line_packed >= line.quantity:
                return self.tr(
                    "Too many: {name} is complete ({quantity} of {quantity}). "
                    "Take the extra one out."
                ).format(name=line.name, quantity=line.quantity)
            return self.tr(
                "A pack is more than the {left} still needed of {name}. Scan single items."
            ).format(left=line.quantity - reply.line_packed, name=line.name)
        if outcome == "needs serial" and line is not None:
            return self.tr(
                "{name} needs its serial number: scan the barcode with the serial "
                "(GS1 DataMatrix or the serial label)."
            ).format(name=line.name)
        if outcome == "wrong item":
            found = re.match(r"Wrong item: (.+) is not in this order\.", message)
            if found:
                return self.tr(
                    "Wrong item: {name} is not in this order. Take it out of the box."
                ).format(name=found.group(1))
            return self.tr("Wrong item: it is not in this order. Take it out of the box.")
        if outcome == "unknown":
            found = re.match(r"Unknown barcode (.+?): no product has it\.", message)
            if found:
                return self.tr(
                    "Unknown barcode {code}: no product has it. "
                    "Put the item aside and tell a supervisor."
                ).format(code=found.group(1))
        return message

    def _scanned(self, reply: ScanReply) -> None:
        # One row repainted: the line the scan counted on, with its new count.
        row = None
        if reply.line_id is not None:
            row = self.lines.set_packed(reply.line_id, reply.line_packed)
        self._say(reply.outcome, self.reply_text(reply))  # a case's pieces: "+6 ..."
        self.sounds.play_outcome(reply.outcome)
        self._progress(reply.packed, reply.total)
        if row is not None:
            self._show_row(row)
        if reply.complete and self.step == "scan":
            self.step = "weigh"
            self._show_step()
        elif not reply.complete and self.step == "weigh":
            self.step = "scan"
            self._show_step()
        self._answered()

    def _show_row(self, row: int) -> None:
        """Bring the line a scan counted on into view: to the middle, so that the next lines
        are in view too and the table scrolls (a repaint of all of it) less often."""
        index = self.lines.index(row, 1)
        if not self.table.viewport().rect().contains(self.table.visualRect(index)):
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _scan_failed(self, error: FulfillmentError) -> None:
        self._say("error", str(error))
        self.sounds.play("error")
        self._answered()

    def _answered(self) -> None:
        self._busy = False
        self.answered += 1
        self._pump()

    def _reload(self) -> None:
        session = self.session
        if session is None:
            return
        self._runner.run(lambda: self._packing.view(session.session_id), self._merge, self._error)

    def _merge(self, view: SessionView) -> None:
        if self.session is None or view.session_id != self.session.session_id:
            return
        self.session = view
        self.lines.merge(view.lines)
        self._progress(view.packed, view.total)

    def on_undo(self) -> None:
        """Undo by button or key goes through the scan queue: after the scans before it."""
        if self.session is not None and self.step in ("scan", "weigh"):
            self.on_scan("CMD:UNDO")

    # -- weighing ------------------------------------------------------------------------------

    @property
    def scale(self) -> str:
        return self._packing.settings.scale

    def _show_step(self) -> None:
        self._placeholder()
        weighing = self.step == "weigh"
        open_order = self.step in ("scan", "weigh")
        self.weigh_panel.setVisible(weighing)
        self.weight_input.setVisible(weighing and not self.scale)
        for button in (self.undo_button, self.rfid_button, self.short_button):
            button.setEnabled(open_order)
        self.close_box_button.setEnabled(open_order)
        self.close_button.setEnabled(weighing)
        self.print_button.setEnabled(self.closed is not None)
        self.slip_button.setEnabled(self.closed is not None)
        if weighing:
            self._show_box()
            if self.scale:
                self.scale_label.setText(self.tr("Reading the scale…"))
                self._scale_timer.start()
                self._poll_scale()
            else:
                self.scale_label.setText(self.tr("No scale"))
                self.weight_input.setFocus()
        else:
            self._scale_timer.stop()
        if self.step == "start":
            self.order_label.setText(self.tr("Scan a packing slip or a tote to start"))
            self.progress.setRange(0, 1)
            self.progress.setValue(0)

    def _show_box(self) -> None:
        box = self.box_code or "?"
        text = self.tr("Box: {box}") if box != OWN else self.tr("Box: own packaging")
        self.box_label.setText(text.format(box=box))
        if self.weight is None:
            self._expected()

    def pick_box(self, code: str) -> None:
        """Another box (1-4, a box code scanned, or OWN): the expected weight follows."""
        if self.step != "weigh":
            self.message.show_info(self.tr("The box is chosen once every item is packed."))
            return
        self.box_code = code
        self.weight = None
        self._refused_at = None
        self._show_box()
        self._say("info", self.tr("Box {box}.").format(box=code))
        reading = self.last_reading
        if reading is not None and reading.stable and reading.grams:
            self._check_weight(float(reading.grams), auto=True)

    def _expected(self) -> None:
        session, code, packing = self.session, self.box_code, self._packing
        if session is None:
            return
        self._runner.run(
            lambda: packing.expected_weight(session.session_id, code),
            self._show_expected,
            lambda error: self.expected_label.setText(str(error)),
        )

    def _show_expected(self, expected: ExpectedWeight) -> None:
        self.expected_label.setText(
            self.tr("Expected {expected} g ± {tolerance} g").format(
                expected=i18n.number(expected.expected_g),
                tolerance=i18n.number(expected.tolerance_g),
            )
        )

    def _poll_scale(self) -> None:
        if self._reading or self.step != "weigh" or not self.scale:
            return
        self._reading = True
        devices, name = self._context.devices, self.scale
        self._runner.run(
            lambda: devices.read_weight(name, 0.25).result(timeout=5),
            self._weighed,
            self._scale_failed,
            lane="scale",
        )

    def _weighed(self, reading: ScaleReading) -> None:
        self._reading = False
        self.last_reading = reading
        self._status("")
        self._scale_back()
        grams = reading.grams or 0.0
        self.scale_label.setText(self.tr("{grams} g  stable").format(grams=i18n.number(grams)))
        if self._last_box_g is not None:
            if abs(grams - self._last_box_g) < SAME_G:
                self.verdict_label.show_info(self.tr("Take the last box off the scale."))
                return
            self._last_box_g = None
        if self.step == "weigh" and grams > 0 and not self._checking and not self._closing:
            if self._refused_at is not None and abs(grams - self._refused_at) < SAME_G:
                return  # the same weight the supervisor was asked about: wait for a change
            if self.override is not None and self.override.isVisible():
                return
            self._check_weight(grams, auto=True)

    def _scale_failed(self, error: FulfillmentError) -> None:
        self._reading = False
        self.last_reading = None
        if isinstance(error, DeviceOffline):
            try:
                detail = self._context.devices.status(self.scale).describe()
            except FulfillmentError:
                detail = str(error)
            text = self.tr("Scale not connected: {detail}").format(detail=detail)
            if self._scale_lost_at is None:  # time lost to the system, not to the packer
                self._scale_lost_at = datetime.now(UTC)
            self.scale_label.setText(self.tr("Scale offline"))
            self.verdict_label.show_error(text)
            self._status(text)
        else:
            self.scale_label.setText(self.tr("Settling…"))

    def _scale_back(self) -> None:
        """The scale answers again: the time it was away is recorded as lost to the system
        (the figures take it out of the packer's time)."""
        since, self._scale_lost_at = self._scale_lost_at, None
        actor, metrics = self._actor, getattr(self._context, "metrics", None)
        if since is None or actor is None or metrics is None:
            return
        until = datetime.now(UTC)
        if until > since:
            self._runner.run(
                lambda: metrics.record_time_lost(actor, "device", since, until, "scale"),
                None,
                lambda error: None,  # a figure, not the packer's business: logged by the runner
            )

    def _typed_weight(self) -> None:
        text = self.weight_input.text().strip().replace(",", ".")
        try:
            grams = float(text)
        except ValueError:
            self.verdict_label.show_error(self.tr("Type the weight in grams, e.g. 850."))
            return
        if grams <= 0:
            self.verdict_label.show_error(self.tr("Type the weight in grams, e.g. 850."))
            return
        self._check_weight(grams, auto=True)

    def _check_weight(self, grams: float, *, auto: bool) -> None:
        session, code, packing = self.session, self.box_code, self._packing
        if session is None:
            return
        self._checking = True

        def check() -> WeightCheck:
            return packing.check_weight(
                session.session_id, grams, packing.box(code, session.session_id)
            )

        self._runner.run(check, lambda c: self._checked(c, auto), self._check_failed)

    def _check_failed(self, error: FulfillmentError) -> None:
        self._checking = False
        self.verdict_label.show_error(error)

    def _checked(self, check: WeightCheck, auto: bool) -> None:
        self._checking = False
        self.weight = check
        self.expected_label.setText(
            self.tr("Expected {expected} g ± {tolerance} g").format(
                expected=i18n.number(check.expected_g), tolerance=i18n.number(check.tolerance_g)
            )
        )
        if check.ok:
            self.verdict_label.show_ok(self.weight_text(check))
            if auto and self.step == "weigh":
                self._close(check.measured_g, final=True)
            return
        self.verdict_label.show_error(self.weight_text(check))
        self._say("error", self.weight_text(check))
        self.sounds.play("attention")
        self._ask_supervisor(check)

    def _ask_supervisor(self, check: WeightCheck) -> None:
        """A mismatch stops the close: a supervisor approves (name or badge, and PIN)."""
        self._supervisor(
            self.weight_text(check),
            "pack.weight_override",
            lambda approver, reason: self._close(
                check.measured_g, final=True, approved_by=approver, reason=reason
            ),
            lambda: self._override_cancelled(check),
        )

    def _supervisor(
        self,
        detail: str,
        action: str,
        approved: Callable[[Actor, str], None],
        cancelled: Callable[[], None] | None = None,
    ) -> None:
        """The approval dialog; ``approved(supervisor, reason)`` once the service accepted
        the supervisor's name or badge with their PIN (audited by the service)."""
        if self.override is not None and self.override.isVisible():
            return
        dialog = OverrideDialog(detail, self)
        dialog.approve.connect(lambda who, pin, why: self._authorize(action, who, pin, why,
                                                                     approved))  # fmt: skip
        if cancelled is not None:
            dialog.rejected.connect(cancelled)
        # The station's window takes the keys again (its presets, P, N) once it is done.
        dialog.finished.connect(lambda _result: self.window().activateWindow())
        self.override = dialog
        dialog.open()

    def _override_cancelled(self, check: WeightCheck) -> None:
        self._refused_at = check.measured_g
        self.message.show_info(
            self.tr("Not approved: check the box, then put it on the scale again.")
        )

    def _authorize(
        self,
        action: str,
        who: str,
        pin: str,
        reason: str,
        approved: Callable[[Actor, str], None],
    ) -> None:
        auth = self._context.auth
        badge = self._context.scans.interpret(who).kind == "badge"

        def authorize() -> Actor | PinNeeded:
            return auth.authorize_override(
                action=action,
                reason=reason,
                badge=who if badge else None,
                name=None if badge else who,
                pin=pin,
                require_pin=True,
            )

        def done(approver: Actor | PinNeeded) -> None:
            if not isinstance(approver, Actor):  # the service wants the PIN: a badge alone
                self._refused(FulfillmentError(self.tr(str(BADGE_ALONE))))
                return
            if self.override is not None:
                self.override.accept()
                self.override = None
            approved(approver, reason)

        self._runner.run(authorize, done, self._refused)

    def _refused(self, error: FulfillmentError) -> None:
        if self.override is not None:
            self.override.refused(str(error))
        self.sounds.play("error")

    def _confirm(self) -> None:
        """CMD:CONFIRM / CMD:DONE on the scale step: weigh now (typed weight or the scale)."""
        if self.step != "weigh":
            return
        if self.scale:
            reading = self.last_reading
            if reading is not None and reading.grams:
                self._refused_at = None
                self._check_weight(float(reading.grams), auto=True)
        else:
            self._typed_weight()

    def _cancel(self) -> None:
        if self.override is not None and self.override.isVisible():
            self.override.reject()

    # -- closing and printing ------------------------------------------------------------------

    def on_close(self) -> None:
        self._confirm()

    def on_close_box(self) -> None:
        """Close the box packed so far; the order goes on in the next box."""
        if self.session is None or self.step not in ("scan", "weigh"):
            return
        self._close(self._current_grams(), final=False)

    def _current_grams(self) -> float | None:
        """The weight on the scale (or typed) for a close outside the automatic one. The
        scale is read while the order is on it (the weighing step); before that, none."""
        if self.step != "weigh":
            return None
        reading = self.last_reading
        if reading is not None and reading.grams:
            return float(reading.grams)
        try:
            return float(self.weight_input.text().replace(",", ".")) or None
        except ValueError:
            return None

    def _close(
        self,
        grams: float | None,
        *,
        final: bool,
        approved_by: Actor | None = None,
        reason: str | None = None,
        allow_short: bool = False,
    ) -> None:
        actor, session, packing = self._actor, self.session, self._packing
        if actor is None or session is None or self._closing:
            return
        self._closing = True
        box = self.box_code if final else (self.box_code or None)

        def close() -> Closed:
            return packing.close(
                actor,
                session.session_id,
                weight_g=grams,
                box_code=box,
                approved_by=approved_by,
                reason=reason,
                print_documents=False,
                final=final,
                allow_short=allow_short,
            )

        self._runner.run(close, lambda c: self._closed(c, session, final), self._close_failed)

    def _close_failed(self, error: FulfillmentError) -> None:
        self._closing = False
        reading = self.last_reading
        if reading is not None and reading.grams:  # not again until the box changes
            self._refused_at = float(reading.grams)
        self._say("error", str(error))
        self.sounds.play("error")

    def _closed(self, closed: Closed, session: SessionView, final: bool) -> None:
        self._closing = False
        self._last_box_g = closed.weight.measured_g if closed.weight else None
        self.closed = closed
        self._print(closed)
        self._preview(closed)
        words = {
            "number": session.order_number,
            "package": closed.package_number,
            "box": closed.box,
        }
        if final:
            self.step = "closed"
            self._scale_timer.stop()
            self.carrier_bar.setEnabled(False)  # the shipment is requested: no change now
            text = self.tr("Order {number} packed: package {package} in box {box}.").format(**words)
            actor = self._actor
            if actor is not None:
                text += " " + self.tr("Verified by {name}.").format(name=actor.name)
            if closed.short:
                short = ", ".join(f"{sku} ×{n}" for sku, n in closed.short.items())
                text += " " + self.tr("Shipped short: {items}.").format(items=short)
            self._say("complete", text)
            self.sounds.play("complete")
            self._show_step()
            self.order_label.setText(
                self.tr("{title}: packed").format(title=self.order_label.text())
            )
        else:
            text = self.tr("Box {package} closed: {remaining} pieces go in the next box.")
            self._say("complete", text.format(remaining=closed.remaining, **words))
            self.sounds.play("info")
            packing = self._packing
            self._runner.run(lambda: packing.view(session.session_id), self._next_box, self._error)
        for text in closed.messages:
            self.printed.append(text)

    def _next_box(self, view: SessionView) -> None:
        closed = self.closed
        self._show_session(view)
        self.closed = closed
        self.print_button.setEnabled(True)
        self.slip_button.setEnabled(True)

    def _preview(self, closed: Closed) -> None:
        actor, packing = self._actor, self._packing
        if actor is None:
            return
        self._runner.run(
            lambda: packing.label_preview(actor, closed.package_id, height_px=480),
            self._show_preview,
            self._preview_failed,
        )

    def _preview_failed(self, error: FulfillmentError) -> None:
        self.preview.setText(str(error))
        self.preview.setWordWrap(True)
        self.preview.show()

    def _show_preview(self, png: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(png):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_WIDTH,
                    PREVIEW_WIDTH * 3 // 2,  # a 4x6 label
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.preview.show()

    def _print(self, closed: Closed) -> None:
        """The label and the packing slip, in the printer lane: a printer that waits (paused,
        out of labels) never holds up the next scan."""
        actor, packing = self._actor, self._packing
        if actor is None:
            return
        self._runner.run(
            lambda: [o.message for o in packing.print_documents(actor, closed.package_id)],
            self._printed,
            self._print_failed,
            lane="printer",
        )

    def _printed(self, messages: list[str]) -> None:
        self.printed.extend(messages)
        if messages:
            self.message.show_info(" ".join(messages))

    def _print_failed(self, error: FulfillmentError) -> None:
        self.printed.append(str(error))
        self.message.show_error(error)
        self.sounds.play("attention")

    def on_print(self) -> None:
        """Print the last package's label again (P, or CMD:REPRINT); audited by the service."""
        closed, actor, packing = self.closed, self._actor, self._packing
        if closed is None or actor is None:
            self.message.show_info(self.tr("There is no closed package to print yet."))
            return
        self._runner.run(
            lambda: packing.reprint(actor, closed.package_id, "label"),
            self._reprinted,
            self._print_failed,
            lane="printer",
        )

    def on_print_slip(self) -> None:
        closed, actor, packing = self.closed, self._actor, self._packing
        if closed is None or actor is None:
            self.message.show_info(self.tr("There is no closed package to print yet."))
            return
        self._runner.run(
            lambda: packing.reprint(actor, closed.package_id, "slip"),
            self._reprinted,
            self._print_failed,
            lane="printer",
        )

    def _reprinted(self, outcome: PrintOutcome) -> None:
        self._printed([outcome.message])

    # -- RFID and short ship -------------------------------------------------------------------

    def _rfid_device(self) -> str | None:
        configured = getattr(self._packing.settings, "rfid", "")
        if configured:
            return str(configured)
        for name, device in self._context.settings.devices.items():
            if device.kind == "rfid":
                return name
        return None

    def on_rfid(self) -> None:
        """One read of the RFID pad verifies every tagged item in the tote."""
        actor, session, name = self._actor, self.session, self._rfid_device()
        if actor is None or session is None:
            return
        if name is None:
            self.message.show_error(self.tr("This station has no RFID reader."))
            return
        devices, packing = self._context.devices, self._packing
        self.rfid_label.setText(self.tr("Reading the RFID pad…"))
        self.rfid_label.show()

        def read_then_verify(epcs: set[str]) -> None:
            self._runner.run(
                lambda: packing.rfid_verify(actor, session.session_id, epcs),
                self._rfid_done,
                self._rfid_failed,
            )

        self._runner.run(lambda: devices.bulk_read(name), read_then_verify, self._rfid_failed,
                         lane="rfid")  # fmt: skip

    def _rfid_failed(self, error: FulfillmentError) -> None:
        self.rfid_label.setText(str(error))
        self._say("error", str(error))
        self.sounds.play("error")

    def _rfid_done(self, result: RfidResult) -> None:
        parts = [self.tr("RFID: {n} found.").format(n=result.counted)]
        if result.missing:
            parts.append(self.tr("Missing: {items}.").format(items=", ".join(result.missing)))
        if result.extra or result.unknown:
            parts.append(
                self.tr("Extra: {n} tags not of this order.").format(
                    n=len(result.extra) + len(result.unknown)
                )
            )
        text = " ".join(parts)
        self.rfid_label.setText(text)
        outcome = "complete" if result.complete else ("wrong item" if result.extra else "accepted")
        self._say(outcome, text)
        self.sounds.play_outcome(outcome)
        self._reload()
        if result.complete and self.step == "scan":
            self.step = "weigh"
            self._show_step()

    def on_short_ship(self) -> None:
        if self.session is None or self.step not in ("scan", "weigh"):
            return
        # The service's reasons, as they go on record.
        dialog = ShortShipDialog(list(SHORT_SHIP_REASONS), self)
        dialog.confirmed.connect(self._short_ship)
        dialog.ship_short.connect(self._ask_short_close)
        self.short_dialog = dialog
        dialog.open()

    def _ask_short_close(self, reason: str) -> None:
        """Ship what is packed and close the order: only with a supervisor's approval."""
        session = self.session
        if session is None:
            return
        missing = session.total - session.packed
        self._supervisor(
            self.tr("Ship order {number} with {missing} pieces missing ({reason})?").format(
                number=session.order_number, missing=missing, reason=reason
            ),
            "pack.short_close",
            lambda approver, why: self._close(
                self._current_grams(),
                final=True,
                approved_by=approver,
                reason=why,
                allow_short=True,
            ),
        )
        if self.override is not None:
            self.override.reason.setEditText(reason)

    def _short_ship(self, reason: str) -> None:
        actor, session, packing = self._actor, self.session, self._packing
        if actor is None or session is None:
            return
        self._runner.run(
            lambda: packing.short_ship(actor, session.session_id, reason),
            lambda _none: self._shorted(session),
            self._error,
        )

    def _shorted(self, session: SessionView) -> None:
        self.session = None
        self.carrier_bar.show_order(None)
        self.step = "start"
        self.lines.set_lines([])
        self._show_step()
        self._say(
            "info",
            self.tr("Order {number} is in the exceptions queue: put it aside.").format(
                number=session.order_number
            ),
        )
        self.sounds.play("info")

    # -- showing -------------------------------------------------------------------------------

    def _say(self, outcome: str, text: str) -> None:
        """The big banner: the outcome's colour and the service's sentence."""
        self.outcome = outcome
        self.banner.say(outcome, text)

    def _progress(self, packed: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(packed)

    def _status(self, text: str) -> None:
        """A device problem in the window's status bar (cleared when it is over)."""
        if text == self.status_text:
            return
        window = self.window()
        if isinstance(window, QMainWindow):
            if text:
                window.statusBar().showMessage(text)
            elif window.statusBar().currentMessage() == self.status_text:
                window.statusBar().clearMessage()
        self.status_text = text

    def _tote_text(self, tote: TotePart) -> str:
        zone = self.tr("zone {zone} ").format(zone=tote.zone) if tote.zone else ""
        return self.tr("{zone}cart {cart} tote {slot} ({state})").format(
            zone=zone, cart=tote.batch_id, slot=tote.slot, state=tote.state
        )

    def _error(self, error: FulfillmentError) -> None:
        self.message.show_error(error)
        self.sounds.play("error")
