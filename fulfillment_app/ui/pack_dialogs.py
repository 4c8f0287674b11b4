"""The packer's screen's dialogs: the supervisor's override of a weight mismatch, and the short
ship. They gather input only; the screen runs the service calls."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import word
from .widgets import MessageLabel

#: Why a weight is approved, offered first (any other reason may be typed).
OVERRIDE_REASONS = (
    QT_TRANSLATE_NOOP("OverrideDialog", "Product weight in the catalogue is wrong"),
    QT_TRANSLATE_NOOP("OverrideDialog", "Extra packing material"),
    QT_TRANSLATE_NOOP("OverrideDialog", "Scale checked and right"),
)


class OverrideDialog(QDialog):
    """A supervisor approves a weight mismatch: their name, or their badge (scanned into the
    same field), and always their PIN; never a badge alone. ``approve`` carries (name or
    badge, PIN, reason); the screen tells a badge from a name."""

    approve = Signal(str, str, str)

    def __init__(self, detail: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor approval"))
        layout = QVBoxLayout(self)
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        form = QFormLayout()
        self.who_input = QLineEdit()
        self.who_input.setPlaceholderText(self.tr("Type the name or scan the badge"))
        # The scanner's Enter (or a person's) after the badge or name moves on to the PIN.
        self.who_input.returnPressed.connect(self._to_pin)
        self.pin_input = QLineEdit()
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([self.tr(str(r)) for r in OVERRIDE_REASONS])
        form.addRow(self.tr("Supervisor (name or badge)"), self.who_input)
        form.addRow(self.tr("PIN"), self.pin_input)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve"))
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"))
        for button in (self.approve_button, self.cancel_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.approve_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.pin_input.returnPressed.connect(self.submit)
        layout.addLayout(buttons)
        self.who_input.setFocus()

    def _to_pin(self) -> None:
        self.pin_input.setFocus()

    def take_badge(self, code: str) -> None:
        """A badge scanned on a serial scanner while the dialog is open: the PIN is still
        needed."""
        self.who_input.setText(code.strip())
        self.pin_input.setFocus()
        self.message.show_info(self.tr("Badge read: now type the PIN."))

    def submit(self) -> None:
        who, pin, reason = (
            self.who_input.text().strip(),
            self.pin_input.text(),
            self.reason.currentText().strip(),
        )
        if not who:
            self.message.show_error(self.tr("Type the supervisor's name or scan their badge."))
            return
        if not pin:
            self.message.show_error(
                self.tr("A badge alone cannot approve: the supervisor types their PIN too.")
            )
            return
        if not reason:
            self.message.show_error(self.tr("Give a reason for the approval."))
            return
        self.message.show_info(self.tr("Checking…"))
        self.approve.emit(who, pin, reason)

    def refused(self, text: str) -> None:
        self.pin_input.clear()
        self.message.show_error(text)


class ShortShipDialog(QDialog):
    """Why the order cannot be packed complete. ``confirmed`` (the reason) sends it to the
    exceptions queue; ``ship_short`` (the reason) asks a supervisor to ship what is packed."""

    confirmed = Signal(str)
    ship_short = Signal(str)

    def __init__(self, reasons: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Short ship"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr("The order goes to the exceptions queue for a supervisor. Why is it short?")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        for reason in reasons:  # shown in the screen's language, recorded as the service's
            self.reason.addItem(word(reason), reason)
        layout.addWidget(self.reason)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send to exceptions"))
        self.short_button = QPushButton(self.tr("Ship short (supervisor)"))
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"))
        for button in (self.send_button, self.short_button, self.cancel_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        self.send_button.clicked.connect(self.submit)
        self.short_button.clicked.connect(self.submit_short)
        self.cancel_button.clicked.connect(self.reject)
        layout.addLayout(buttons)

    def _reason(self) -> str:
        """The reason chosen (as the service names it), or the sentence typed."""
        text = self.reason.currentText().strip()
        index = self.reason.currentIndex()
        if index >= 0 and text == self.reason.itemText(index).strip():
            return str(self.reason.itemData(index) or text)
        return text

    def submit(self) -> None:
        reason = self._reason()
        if not reason:
            self.message.show_error(self.tr("Say why the order cannot be packed complete."))
            return
        self.confirmed.emit(reason)
        self.accept()

    def submit_short(self) -> None:
        reason = self._reason()
        if not reason:
            self.message.show_error(self.tr("Say why the order cannot be packed complete."))
            return
        self.accept()
        self.ship_short.emit(reason)
