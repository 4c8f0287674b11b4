"""The frame every screen opened from home shares: a title, a Back button, the content."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..services.permissions import Actor
from .widgets import heading, no_focus


class Screen(QWidget):
    """Base of the screens: Escape or Back returns home. Subclasses fill :attr:`body` and
    load what they show in :meth:`on_refresh`, which runs each time the screen is opened."""

    back = Signal()
    #: Whether scans (keyboard wedge or serial) go to :meth:`on_scan` while it is shown; a
    #: scan on a screen that takes none is refused in the status bar.
    takes_scans = False

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(title), 1)
        self.back_button = QPushButton(self.tr("Back [Esc]"))
        no_focus(self.back_button)
        self.back_button.setShortcut(QKeySequence("Esc"))
        self.back_button.clicked.connect(self.back)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        #: The signed-in user the screen acts for (set each time it is opened).
        self._actor: Actor | None = None

    def activate(self, actor: Actor) -> None:
        """Called each time the screen is shown, with the signed-in user: the screen acts for
        that user from now on and shows fresh data."""
        self._actor = actor
        self.on_refresh()

    def on_refresh(self) -> None:
        """Load what the screen shows, through the task runner (nothing to load by default)."""

    def on_scan(self, raw: str) -> None:
        """A scan, for screens that set :attr:`takes_scans`: from the window's keyboard-wedge
        listener (wherever the focus is) or a serial scanner, the terminating Enter or Tab
        already taken off."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape also works where the window's shortcut map does not see it (a key event sent
        # straight to the screen, or the window not yet active).
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)
