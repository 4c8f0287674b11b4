"""The returns station: a parcel scanned (packing slip, order number, tracking number or RMA
number), then each item out of it, graded sellable or damaged, with where it goes in large
type; finish says completed or what does not match. Driven by the scanner alone: command
barcodes ``CMD:SELLABLE`` / ``CMD:DAMAGED`` switch the grade, ``CMD:UNDO`` takes back the last
scan, ``CMD:DONE`` finishes, ``CMD:CANCEL`` puts the parcel down.

Scans go to :class:`ReturnsService` in the "db" lane, one at a time and in the order they came
(a small queue holds those that arrive while one is answered), as on the pack screen.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..errors import FulfillmentError
from ..services.permissions import Permission
from ..services.return_types import ReturnOutcome, ReturnView, rma_number_of
from .i18n import current_language
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, OutcomeBanner, fill_rows, heading, row_table

if TYPE_CHECKING:
    from ..context import AppContext

#: Each outcome its own colour (background, text) on the big banner.
OUTCOME_COLOURS = {
    "accepted": ("#2e7d32", "#ffffff"),
    "unexpected": ("#c62828", "#ffffff"),
    "over": ("#ef6c00", "#ffffff"),
    "unknown": ("#6a1b9a", "#ffffff"),
    "unmatched": ("#f9a825", "#1a1a1a"),
    "completed": ("#1565c0", "#ffffff"),
    "discrepancy": ("#ad1457", "#ffffff"),
    "command": ("#455a64", "#ffffff"),
    "invalid": ("#5d4037", "#ffffff"),
    "error": ("#b00020", "#ffffff"),
    "info": ("#eceff1", "#1a1a1a"),
}
#: Each outcome its sound (see sounds.NAMES).
OUTCOME_SOUNDS = {
    "accepted": "accepted",
    "unexpected": "wrong_item",
    "over": "over_scan",
    "unknown": "unknown",
    "unmatched": "attention",
    "completed": "complete",
    "discrepancy": "attention",
    "command": "info",
    "invalid": "invalid",
    "error": "error",
    "info": "info",
}
GRADE_STYLE = (
    "QLabel { padding: 6px 14px; border-radius: 6px; }\n"
    'QLabel[grade="sellable"] { background: #2e7d32; color: #ffffff; }\n'
    'QLabel[grade="damaged"] { background: #c62828; color: #ffffff; }'
)
#: Statuses in which items of the parcel are still scanned.
SCANNABLE = ("open", "receiving", "discrepancy", "unmatched")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReturnsView", text)


class ReturnsView(Screen):
    """The returns station (see the module's description)."""

    takes_scans = True

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(QCoreApplication.translate("ReturnsView", "Returns"), parent)
        self._context, self._runner, self.sounds = context, runner, sounds
        self._returns = context.returns
        self.rma: ReturnView | None = None
        #: The grade the next unit gets: "sellable" or "damaged".
        self.grade = "sellable"
        #: The next code scanned or typed names the order this parcel belongs to.
        self.linking = False
        #: Scans, and the buttons' actions, answered in the order they came.
        self._queue: deque[str | Callable[[], None]] = deque()
        self._busy = False
        self.answered = 0  # scans answered (for tests)
        self.outcome = ""  # the outcome the banner shows
        self._build()
        self._show_rma(None)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        top = QHBoxLayout()
        self.rma_label = heading("", 22)
        self.rma_label.setWordWrap(True)
        top.addWidget(self.rma_label, 1)
        self.code_input = QLineEdit()
        self.code_input.setMinimumWidth(360)
        # Taken by a click only: the keys 1 and 2 grade, so the field must not swallow them.
        self.code_input.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.code_input.returnPressed.connect(self._typed_code)
        top.addWidget(self.code_input)
        self.body.addLayout(top)

        grades = QHBoxLayout()
        self.grade_label = QLabel()
        font = QFont(self.grade_label.font())
        font.setPointSize(22)
        font.setBold(True)
        self.grade_label.setFont(font)
        self.grade_label.setStyleSheet(GRADE_STYLE)
        grades.addWidget(self.grade_label, 1)
        self.sellable_button = self._button(
            self.tr("Sellable [1]"), "1", lambda: self.set_grade("sellable")
        )
        self.damaged_button = self._button(
            self.tr("Damaged [2]"), "2", lambda: self.set_grade("damaged")
        )
        grades.addWidget(self.sellable_button)
        grades.addWidget(self.damaged_button)
        self.body.addLayout(grades)

        self.banner = OutcomeBanner(OUTCOME_COLOURS)
        self.body.addWidget(self.banner)

        self.where_label = heading("", 30)
        self.where_label.setWordWrap(True)
        self.where_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.where_label)

        self.lines_table = row_table(
            [self.tr("Product"), self.tr("SKU"), self.tr("Expected"), self.tr("Sellable"),
             self.tr("Damaged"), self.tr("Missing"), self.tr("Put away at")]
        )  # fmt: skip
        self.lines_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFont(self.lines_table.font())
        font.setPointSize(max(font.pointSize(), 16))  # read at arm's length
        self.lines_table.setFont(font)
        self.lines_table.verticalHeader().setDefaultSectionSize(48)
        self.lines_table.verticalHeader().hide()
        self.body.addWidget(self.lines_table, 1)

        self.discrepancy_label = QLabel()
        self.discrepancy_label.setWordWrap(True)
        self.body.addWidget(self.discrepancy_label)

        supervisor = QHBoxLayout()
        self.note_input = QLineEdit()
        self.note_input.setPlaceholderText(self.tr("Why the discrepancy is accepted"))
        supervisor.addWidget(self.note_input, 1)
        self.accept_button = self._button(self.tr("Accept discrepancy"), None, self.on_resolve)
        supervisor.addWidget(self.accept_button)
        self.link_button = self._button(self.tr("Link to an order"), None, self.on_link)
        supervisor.addWidget(self.link_button)
        self.body.addLayout(supervisor)

        self.message = MessageLabel()
        self.body.addWidget(self.message)
        actions = QHBoxLayout()
        self.undo_button = self._button(self.tr("Undo [Ctrl+Z]"), "Ctrl+Z", self.on_undo)
        self.missing_button = self._button(
            self.tr("Mark the rest missing"), None, self.on_mark_missing
        )
        self.finish_button = self._button(self.tr("Finish [F]"), "F", self.on_finish)
        self.collect_button = self._button(self.tr("Collect from customer"), None, self.on_collect)
        self.next_button = self._button(self.tr("Next parcel [N]"), "N", self.on_next_parcel)
        for button in (
            self.undo_button,
            self.missing_button,
            self.finish_button,
            self.collect_button,
            self.next_button,
        ):
            actions.addWidget(button)
        self.body.addLayout(actions)

    def _button(self, text: str, key: str | None, slot: Any) -> QPushButton:
        """An action button that never keeps the focus (a scanner's Enter must not press it)."""
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        if key:
            button.setShortcut(QKeySequence(key))
        button.clicked.connect(slot)
        return button

    # -- what the screen shows ----------------------------------------------------------------

    def on_refresh(self) -> None:
        if self.rma is not None:
            rma = self.rma
            actor = self._actor
            if actor is not None:
                self._runner.run(
                    lambda: self._returns.get(actor, rma.number), self._show_rma, self._error
                )
            return
        self._show_rma(None)

    def _status_text(self, status: str) -> str:
        return {
            "open": self.tr("open"),
            "receiving": self.tr("receiving"),
            "completed": self.tr("completed"),
            "discrepancy": self.tr("discrepancy"),
            "unmatched": self.tr("no RMA"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def _show_rma(self, view: ReturnView | None) -> None:
        self.rma = view
        if view is None:
            self.rma_label.setText(self.tr("Scan the parcel"))
            self.code_input.setPlaceholderText(
                self.tr("Type an order, tracking or RMA number, then Enter")
            )
            fill_rows(self.lines_table, [])
            self.discrepancy_label.clear()
            self.where_label.clear()
        else:
            title = self.tr("{rma} · {status}").format(
                rma=view.number, status=self._status_text(view.status)
            )
            if view.order_number:
                title += "  " + self.tr("order {number}").format(number=view.order_number)
            if view.store:
                title += f"  ({view.store})"
            self.rma_label.setText(title)
            self.code_input.setPlaceholderText(self.tr("Type a barcode or SKU, then Enter"))
            fill_rows(
                self.lines_table,
                [
                    (line.name, line.sku, str(line.expected), str(line.sellable),
                     str(line.damaged), str(line.missing), line.suggested_location or "")
                    for line in view.lines
                ],
            )  # fmt: skip
            if view.status == "discrepancy" and view.discrepancy:
                self.discrepancy_label.setText(
                    self.tr("Does not match: {sentences}").format(sentences=view.discrepancy)
                )
            elif view.status == "unmatched":
                self.discrepancy_label.setText(
                    self.tr(
                        "This parcel has no RMA: scan its items, they wait at {location} "
                        "until a supervisor links the parcel to its order."
                    ).format(location=self._returns.settings.issues_location)
                )
            else:
                self.discrepancy_label.clear()
        self._show_grade()
        self._show_actions()

    def _show_actions(self) -> None:
        view, actor = self.rma, self._actor
        supervisor = actor is not None and actor.can(Permission.OVERRIDE)
        status = view.status if view is not None else ""
        self.undo_button.setEnabled(bool(view and view.units) and status in SCANNABLE)
        self.missing_button.setEnabled(status in ("open", "receiving"))
        self.sellable_button.setEnabled(status in SCANNABLE)
        self.damaged_button.setEnabled(status in SCANNABLE)
        self.finish_button.setEnabled(bool(view and view.can_finish))
        self.next_button.setEnabled(view is not None)
        discrepancy = supervisor and status == "discrepancy"
        self.note_input.setVisible(discrepancy)
        self.accept_button.setVisible(discrepancy)
        self.link_button.setVisible(supervisor and status == "unmatched")
        self.collect_button.setVisible(
            view is not None and status == "open" and view.order_number is not None
        )

    def set_grade(self, grade: str) -> None:
        """The grade the next units get (keys 1 and 2, CMD:SELLABLE, CMD:DAMAGED)."""
        self.grade = grade
        self._show_grade()
        self._say(
            "command",
            self.tr("Next items: sellable.")
            if grade == "sellable"
            else self.tr("Next items: damaged."),
        )
        self.sounds.play("info")

    def _show_grade(self) -> None:
        text = (
            self.tr("Grading: SELLABLE")
            if self.grade == "sellable"
            else self.tr("Grading: DAMAGED")
        )
        self.grade_label.setText(text)
        if self.grade_label.property("grade") != self.grade:
            self.grade_label.setProperty("grade", self.grade)
            style = self.grade_label.style()
            style.unpolish(self.grade_label)
            style.polish(self.grade_label)

    def _say(self, outcome: str, text: str) -> None:
        """The big banner: the outcome's colour and its sentence."""
        self.outcome = outcome
        self.banner.say(outcome, text)

    def where_text(self, view: ReturnView) -> str:
        """Where the unit scanned last goes, in the screen's language."""
        if not view.units:
            return ""
        unit = view.units[-1]
        location = unit.location or "?"
        if unit.disposition == "restocked":
            return self.tr("Put it on {location}").format(location=location)
        if unit.disposition == "quarantined":
            return self.tr("Put it in quarantine: {location}").format(location=location)
        if unit.disposition == "scrapped":
            return self.tr("Scrap it")
        if unit.disposition == "issues":
            return self.tr("Put it at {location}").format(location=location)
        return ""

    def outcome_text(self, reply: ReturnOutcome) -> str:
        """A scan's sentence in the screen's language: the service's in English, composed
        from the reply in the others."""
        if current_language() == "en":
            return reply.message
        view = reply.view
        if reply.outcome == "unknown":
            return self.tr(
                "Not a product we know: nothing was recorded. Scan the item's own barcode, "
                "or put it aside for a supervisor."
            )
        unit = view.units[-1] if view.units else None
        line = next((x for x in view.lines if unit and x.sku == unit.sku), None)
        name = f"{line.name} ({line.sku})" if line is not None else (unit.sku if unit else "")
        graded = unit.grade if unit is not None else self.grade  # as the scan was graded
        grade = self.tr("sellable") if graded == "sellable" else self.tr("damaged")
        if reply.outcome == "unexpected":
            return self.tr("{name} was not expected back: recorded for the supervisor.").format(
                name=name
            )
        if reply.outcome == "over" and line is not None:
            return self.tr(
                "More {sku} than expected ({received} of {expected}): recorded for the supervisor."
            ).format(sku=line.sku, received=line.received, expected=line.expected)
        return self.tr("{name}, {grade}").format(name=name, grade=grade)

    # -- scans ---------------------------------------------------------------------------------

    def on_scan(self, raw: str) -> None:
        """A scan (from the wedge listener or a serial scanner): queued, answered in order."""
        self._queue.append(raw)
        self._pump()

    @property
    def waiting(self) -> int:
        """Scans received and not answered yet."""
        return len(self._queue) + (1 if self._busy else 0)

    def _typed_code(self) -> None:
        text = self.code_input.text().strip()
        self.code_input.clear()
        self.code_input.clearFocus()  # the keys grade again
        if text:
            self.on_scan(text)

    def _pump(self) -> None:
        while not self._busy and self._queue:
            item = self._queue.popleft()
            if isinstance(item, str):
                self._handle(item)
            else:
                item()

    def _run(self, call: Any, done: Any) -> None:
        self._busy = True
        self._runner.run(call, done, self._failed)

    def _handle(self, raw: str) -> None:
        actor = self._actor
        if actor is None:
            return
        result = self._context.scans.interpret(raw)
        if result.kind == "command":
            self._command(str(result.value))
            return
        if result.kind == "error":
            self._say(
                "invalid", self.tr("That scan could not be read: scan it again, or type the code.")
            )
            self.sounds.play("invalid")
            return
        view, returns = self.rma, self._returns
        if self.linking and view is not None:
            self.linking = False
            number = view.number
            self._run(lambda: returns.link(actor, number, raw), self._linked)
            return
        new_parcel = (
            view is None
            or view.status not in SCANNABLE
            or result.kind == "order"
            or rma_number_of(raw) is not None
        )
        if new_parcel:
            self._run(lambda: returns.receive(actor, raw), self._received)
            return
        assert view is not None
        number, grade = view.number, self.grade
        self._run(lambda: returns.scan(actor, number, raw, grade), self._scanned)

    def _command(self, word: str) -> None:
        actions = {
            "sellable": lambda: self.set_grade("sellable"),
            "damaged": lambda: self.set_grade("damaged"),
            "undo": self._undo,
            "done": self._finish,
            "confirm": self._finish,
            "cancel": self.on_next_parcel,
        }
        action = actions.get(word)
        if action is None:
            self._say(
                "command",
                self.tr("'{word}' does nothing at the returns station.").format(word=word),
            )
            self.sounds.play("invalid")
            return
        action()

    def _received(self, view: ReturnView) -> None:
        self.grade = "sellable"
        self._show_rma(view)
        if view.status == "unmatched":
            self._say(
                "unmatched",
                self.tr(
                    "No RMA or order for this parcel ({rma}): scan its items, they wait at "
                    "{location} for a supervisor."
                ).format(rma=view.number, location=self._returns.settings.issues_location),
            )
            self.sounds.play("attention")
        else:
            self._say(
                "info",
                self.tr("{rma}: take the items out and scan each one.").format(rma=view.number),
            )
            self.sounds.play("info")
        self._answered()

    def _scanned(self, reply: ReturnOutcome) -> None:
        self._show_rma(reply.view)
        self._say(reply.outcome, self.outcome_text(reply))
        self.where_label.setText("" if reply.outcome == "unknown" else self.where_text(reply.view))
        self.sounds.play(OUTCOME_SOUNDS.get(reply.outcome, "error"))
        self._answered()

    def _failed(self, error: FulfillmentError) -> None:
        self._say("error", str(error))
        self.sounds.play("error")
        self._answered()

    def _answered(self) -> None:
        self._busy = False
        self.answered += 1
        self._pump()

    # -- actions -------------------------------------------------------------------------------

    def _later(self, action: Callable[[], None]) -> None:
        """A button's action, answered after the scans before it (in the scan queue)."""
        self._queue.append(action)
        self._pump()

    def on_undo(self) -> None:
        self._later(self._undo)

    def _undo(self) -> None:
        view, actor = self.rma, self._actor
        if view is None or actor is None:
            return
        returns, number = self._returns, view.number

        def undone(new: ReturnView) -> None:
            self._show_rma(new)
            self.where_label.clear()
            self._say("command", self.tr("The last scan was taken back."))
            self.sounds.play("info")
            self._answered()

        self._run(lambda: returns.undo_last(actor, number), undone)

    def on_mark_missing(self) -> None:
        self._later(self._mark_missing)

    def _mark_missing(self) -> None:
        view, actor = self.rma, self._actor
        if view is None or actor is None:
            return
        returns, number = self._returns, view.number

        def marked(new: ReturnView) -> None:
            self._show_rma(new)
            self._say("info", self.tr("The items not scanned are marked missing."))
            self._answered()

        self._run(lambda: returns.mark_missing(actor, number), marked)

    def on_finish(self) -> None:
        self._later(self._finish)

    def _finish(self) -> None:
        view, actor = self.rma, self._actor
        if view is None or actor is None:
            self._say("command", self.tr("Scan a parcel first."))
            return
        returns, number = self._returns, view.number
        self._run(lambda: returns.finish(actor, number), self._finished)

    def _finished(self, view: ReturnView) -> None:
        self._show_rma(view)
        self.where_label.clear()
        if view.status == "completed":
            self._say(
                "completed",
                self.tr("{rma} is complete: the store is told. Scan the next parcel.").format(
                    rma=view.number
                ),
            )
            self.sounds.play("complete")
        else:
            self._say(
                "discrepancy",
                self.tr("{rma} does not match what was expected: a supervisor checks it.").format(
                    rma=view.number
                ),
            )
            self.sounds.play("attention")
        self._answered()

    def on_resolve(self) -> None:
        self._later(self._resolve)

    def _resolve(self) -> None:
        view, actor = self.rma, self._actor
        if view is None or actor is None:
            return
        note, returns, number = self.note_input.text().strip(), self._returns, view.number

        def resolved(new: ReturnView) -> None:
            self.note_input.clear()
            self._show_rma(new)
            self._say(
                "completed",
                self.tr("{rma} is accepted as it is: the store is told.").format(rma=new.number),
            )
            self.sounds.play("complete")
            self._answered()

        self._run(lambda: returns.resolve(actor, number, note), resolved)

    def on_link(self) -> None:
        if self.rma is None:
            return
        self.linking = True
        self._say(
            "command",
            self.tr("Scan or type the order's packing slip, tracking number or RMA number."),
        )
        self.code_input.setFocus()

    def _linked(self, view: ReturnView) -> None:
        self._show_rma(view)
        self._say(
            "accepted",
            self.tr("The parcel's items now belong to {rma}.").format(rma=view.number),
        )
        self.sounds.play("accepted")
        self._answered()

    def on_collect(self) -> None:
        view, actor = self.rma, self._actor
        if view is None or actor is None:
            return
        returns, number = self._returns, view.number
        self.message.show_info(self.tr("Asking the courier…"))

        def booked(tracking: str) -> None:
            self.message.show_ok(
                self.tr("The courier collects the parcel: tracking number {tracking}.").format(
                    tracking=tracking
                )
            )
            self.sounds.play("accepted")

        self._runner.run(
            lambda: returns.collect(actor, number), booked, self._error, lane="network"
        )

    def on_next_parcel(self) -> None:
        """Put the parcel down (CMD:CANCEL, N): the next scan is a new parcel."""
        self.linking = False
        self.grade = "sellable"
        self._show_rma(None)
        self._say("info", self.tr("Scan the next parcel."))

    def _error(self, error: FulfillmentError) -> None:
        self.message.show_error(error)
        self.sounds.play("error")
