"""Counting a location with the scanner: its code, then every item on it (a case code counts
its pieces); the list shows what was counted per product against what we hold there,
refreshed by a preview off the GUI thread after each scan; "Finish count" applies it (the
differences become audited adjustments). ``CMD:UNDO`` takes back the last scan, ``CMD:DONE``
finishes, ``CMD:CANCEL`` drops the count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..errors import FulfillmentError
from ..services.stock import CountResult
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, fill_rows, heading, row_table

if TYPE_CHECKING:
    from ..context import AppContext

#: A line whose count differs from what we hold.
DIFFERENT = QColor("#ffe0b2")


class CountView(Screen):
    """Count stock (Permission.COUNT_STOCK, checked by the service)."""

    takes_scans = True

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(QCoreApplication.translate("CountView", "Count stock"), parent)
        self._context, self._runner, self.sounds = context, runner, sounds
        self._stock = context.stock
        #: The location being counted, and what was scanned there (in order).
        self.location: str | None = None
        self.scans: list[str] = []
        self.result: CountResult | None = None
        self._asked = 0  # previews asked for
        self.answered = 0  # previews (and the finish) answered

        top = QHBoxLayout()
        self.location_label = heading("", 24)
        top.addWidget(self.location_label, 1)
        self.code_input = QLineEdit()
        self.code_input.setMinimumWidth(320)
        self.code_input.returnPressed.connect(self._typed)
        top.addWidget(self.code_input)
        self.body.addLayout(top)

        self.summary = QLabel()
        font = QFont(self.summary.font())
        font.setPointSize(18)
        font.setBold(True)
        self.summary.setFont(font)
        self.body.addWidget(self.summary)

        self.table = row_table(
            [self.tr("SKU"), self.tr("Product"), self.tr("We hold"), self.tr("Counted"),
             self.tr("Difference")]
        )  # fmt: skip
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.addWidget(self.table, 1)
        self.unknown_label = QLabel()
        self.unknown_label.setWordWrap(True)
        self.body.addWidget(self.unknown_label)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

        actions = QHBoxLayout()
        self.undo_button = self._button(self.tr("Undo last scan [Ctrl+Z]"), "Ctrl+Z", self.undo)
        self.finish_button = self._button(self.tr("Finish count [F]"), "F", self.finish)
        self.cancel_button = self._button(self.tr("Drop this count"), None, self.drop)
        for button in (self.undo_button, self.finish_button, self.cancel_button):
            actions.addWidget(button)
        self.body.addLayout(actions)
        self._show()

    def _button(self, text: str, key: str | None, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        if key:
            button.setShortcut(QKeySequence(key))
        button.clicked.connect(slot)
        return button

    @property
    def waiting(self) -> int:
        """Previews asked for and not answered yet."""
        return self._asked - self.answered

    # -- scans ---------------------------------------------------------------------------------

    def _typed(self) -> None:
        text = self.code_input.text().strip()
        self.code_input.clear()
        if text:
            self.on_scan(text)

    def on_scan(self, raw: str) -> None:
        code = raw.strip()
        if not code:
            return
        result = self._context.scans.interpret(code)
        if result.kind == "command":
            action = {
                "undo": self.undo,
                "done": self.finish,
                "confirm": self.finish,
                "cancel": self.drop,
            }.get(str(result.value))
            if action is None:
                self.message.show_warning(
                    self.tr("'{word}' does nothing while counting.").format(word=result.value)
                )
                self.sounds.play("invalid")
            else:
                action()
            return
        if self.location is None:  # a location's label (the service knows its codes)
            self._start(str(result.value or code) if result.kind == "location" else code)
            return
        if result.kind == "location":
            value = str(result.value or code)
            if value.casefold() == self.location.casefold():
                self.message.show_info(
                    self.tr("You are counting {location} already: scan its items.").format(
                        location=self.location
                    )
                )
            else:
                self.message.show_warning(
                    self.tr(
                        "You are counting {location}: finish this count (or drop it) before "
                        "starting {other}."
                    ).format(location=self.location, other=value)
                )
                self.sounds.play("attention")
            return
        self.scans.append(code)
        self._preview()

    def _start(self, location: str) -> None:
        self.location, self.scans, self.result = location, [], None
        self.message.clear()
        self._show()
        self._preview()

    def _preview(self) -> None:
        actor, location = self._actor, self.location
        if actor is None or location is None:
            return
        scans, stock = list(self.scans), self._stock
        self._asked += 1
        self._runner.run(
            lambda: stock.count(actor, location, scans, apply=False),
            self._previewed(len(scans)),
            self._failed,
        )

    def _previewed(self, scanned: int) -> Any:
        def show(result: CountResult) -> None:
            self.answered += 1
            if result.location != self.location or scanned != len(self.scans):
                return  # a newer preview is on its way
            before = len(self.result.unknown) if self.result else 0
            self.result = result
            self._show()
            if len(result.unknown) > before:
                self.message.show_error(
                    self.tr("{code} is not a product we know: it is not counted.").format(
                        code=result.unknown[-1]
                    )
                )
                self.sounds.play("unknown")
            elif scanned:
                self.message.clear()
                self.sounds.play("accepted")

        return show

    def undo(self) -> None:
        if not self.scans:
            self.message.show_info(self.tr("Nothing to undo."))
            return
        code = self.scans.pop()
        self.message.show_info(self.tr("The scan of {code} was taken back.").format(code=code))
        self._preview()

    def drop(self) -> None:
        self.location, self.scans, self.result = None, [], None
        self.message.show_info(self.tr("The count was dropped: nothing changed."))
        self._show()

    def finish(self) -> None:
        actor, location = self._actor, self.location
        if actor is None or location is None:
            self.message.show_info(self.tr("Scan a location's label to count it."))
            return
        scans, stock = list(self.scans), self._stock
        self._asked += 1
        self._runner.run(lambda: stock.count(actor, location, scans), self._applied, self._failed)

    def _applied(self, result: CountResult) -> None:
        self.answered += 1
        changed = len(result.differences)
        self.location, self.scans, self.result = None, [], None
        self._show()
        if changed:
            self.message.show_done(
                self.tr("Count of {location} saved: {n} products changed.").format(
                    location=result.location, n=changed
                )
            )
        else:
            self.message.show_done(
                self.tr("Count of {location} saved: everything matched.").format(
                    location=result.location
                )
            )
        self.sounds.play("complete")

    def _failed(self, error: FulfillmentError) -> None:
        self.answered += 1
        if self.result is None:  # not a location we know: nothing is being counted
            self.location, self.scans = None, []
            self._show()
        self.message.show_error(error)
        self.sounds.play("error")

    # -- showing -------------------------------------------------------------------------------

    def _show(self) -> None:
        if self.location is None:
            self.location_label.setText(self.tr("Scan a location's label"))
            self.code_input.setPlaceholderText(self.tr("Type a location code, then Enter"))
            self.summary.clear()
            fill_rows(self.table, [])
            self.unknown_label.clear()
        else:
            self.location_label.setText(
                self.tr("Counting {location}").format(location=self.location)
            )
            self.code_input.setPlaceholderText(self.tr("Type a barcode or SKU, then Enter"))
            lines = self.result.lines if self.result else []
            fill_rows(
                self.table,
                [
                    (line.sku, line.name, str(line.expected), str(line.counted),
                     f"{line.difference:+d}" if line.difference else "")
                    for line in lines
                ],
            )  # fmt: skip
            for row, line in enumerate(lines):
                if line.difference:
                    for column in range(self.table.columnCount()):
                        item = self.table.item(row, column)
                        if item is not None:
                            item.setBackground(QBrush(DIFFERENT))
            differ = len(self.result.differences) if self.result else 0
            self.summary.setText(
                self.tr("{scans} scans; {differ} products differ from what we hold.").format(
                    scans=len(self.scans), differ=differ
                )
            )
            unknown = self.result.unknown if self.result else []
            self.unknown_label.setText(
                self.tr("Not counted (unknown codes): {codes}").format(codes=", ".join(unknown))
                if unknown
                else ""
            )
        counting = self.location is not None
        self.undo_button.setEnabled(counting and bool(self.scans))
        self.finish_button.setEnabled(counting)
        self.cancel_button.setEnabled(counting)
