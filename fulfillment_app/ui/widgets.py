"""Small widgets the screens share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# Colours with enough contrast on a bright warehouse screen.
ERROR_STYLE = "color: #b00020; font-weight: bold;"
OK_STYLE = "color: #1b5e20; font-weight: bold;"


class MessageLabel(QLabel):
    """A word-wrapped line for feedback: errors in red, confirmations in green."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_error(self, error: str | Exception) -> None:
        """Show ``error``: a sentence, or a domain error (whose text is its sentence)."""
        self.setStyleSheet(ERROR_STYLE)
        self.setText(str(error))

    def show_ok(self, text: str) -> None:
        self.setStyleSheet(OK_STYLE)
        self.setText(text)

    def show_info(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)


def heading(text: str, size: int = 20) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label
