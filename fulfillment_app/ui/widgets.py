"""Small widgets the screens share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .i18n import in_reading_order
from .theme import BAD, DONE, GOOD, WARN, set_outcome, set_role


class MessageLabel(QLabel):
    """A word-wrapped line for feedback in the theme's outcome colours: errors red,
    confirmations green, warnings amber, completion blue, news plain."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The text off the edge of its colour block (a selectable label ignores the style
        # sheet's padding).
        self.setContentsMargins(8, 2, 8, 2)

    @property
    def outcome(self) -> str:
        """The outcome shown: ``good``, ``bad``, ``warn``, ``done`` or "" (tests read it)."""
        return str(self.property("outcome") or "")

    def show_error(self, error: str | Exception) -> None:
        """Show ``error``: a sentence, or a domain error (whose text is its sentence)."""
        self._show(BAD, str(error))

    def show_ok(self, text: str) -> None:
        self._show(GOOD, text)

    def show_warning(self, text: str) -> None:
        self._show(WARN, text)

    def show_done(self, text: str) -> None:
        self._show(DONE, text)

    def show_info(self, text: str) -> None:
        self._show("", text)

    def clear(self) -> None:
        self._show("", "")

    def _show(self, outcome: str, text: str) -> None:
        set_outcome(self, outcome)
        self.setText(text)


class OutcomeBanner(QLabel):
    """The big banner of a scanning screen: each outcome its own colour (``colours``: name →
    background, text), the sentence in large type. One style sheet, set once; a scan only
    switches the ``outcome`` property (no parsing), and a fixed height means a new sentence
    never re-lays out the screen (one repaint per scan). Outcomes not in ``colours`` show as
    ``error``."""

    def __init__(self, colours: dict[str, tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self._colours = colours
        self.setWordWrap(True)
        self.setFixedHeight(110)
        font = QFont(self.font())
        font.setPointSize(24)
        font.setBold(True)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLabel { padding: 10px; border-radius: 6px; }\n"
            + "\n".join(
                f'QLabel[outcome="{name}"] {{ background: {bg}; color: {fg}; }}'
                for name, (bg, fg) in colours.items()
            )
        )

    def say(self, outcome: str, text: str) -> None:
        set_outcome(self, outcome if outcome in self._colours else "error")
        self.setText(in_reading_order(text))


def heading(text: str, size: int = 20) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    set_role(label, "heading")
    return label


def hint(text: str) -> QLabel:
    """A quieter line that explains (grey, wrapped)."""
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "hint")
    return label


def no_focus(*buttons: QAbstractButton) -> None:
    """Action buttons never keep the keyboard focus: a scanner's or a person's Enter must not
    press the button last clicked (pain 1)."""
    for button in buttons:
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def row_table(headers: list[str]) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time, the last column stretched."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_rows(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    """Replace the table's rows with ``rows`` (text cells) and fit the columns."""
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(value))
    table.resizeColumnsToContents()
