"""The home screen after sign-in: one large button per screen the user's role may open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.permissions import Actor, Permission
from .i18n import word
from .widgets import heading, no_focus


@dataclass(frozen=True)
class ScreenInfo:
    key: str
    title: str
    description: str
    permission: Permission


class HomeView(QWidget):
    """Shows the screens ``actor`` may open; F1, F2, ... open them from the keyboard."""

    open_screen = Signal(str)
    sign_out = Signal()

    def __init__(self, screens: Sequence[ScreenInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self._screens = screens
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.greeting = heading("")
        top.addWidget(self.greeting, 1)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        no_focus(self.sign_out_button)
        self.sign_out_button.clicked.connect(self.sign_out)
        top.addWidget(self.sign_out_button)
        layout.addLayout(top)
        self.role_label = QLabel()
        layout.addWidget(self.role_label)
        self._grid = QGridLayout()
        layout.addLayout(self._grid)
        layout.addStretch(1)

    def show_actor(self, actor: Actor) -> None:
        self.greeting.setText(self.tr("Hello, {name}").format(name=actor.name))
        self.role_label.setText(
            self.tr("Signed in as {role} at {station}.").format(
                role=word(actor.role), station=actor.station
            )
        )
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        allowed = [s for s in self._screens if actor.can(s.permission)]
        for i, screen in enumerate(allowed):
            key = f"F{i + 1}" if i < 12 else ""
            title = QCoreApplication.translate("Screens", screen.title)
            description = QCoreApplication.translate("Screens", screen.description)
            button = QPushButton(f"{title}\n{description}" + (f"\n[{key}]" if key else ""))
            button.setMinimumSize(220, 110)
            font = button.font()
            font.setPointSize(font.pointSize() + 4)  # read at arm's length on a cart
            button.setFont(font)
            if key:
                button.setShortcut(QKeySequence(key))
            button.clicked.connect(lambda _=False, k=screen.key: self.open_screen.emit(k))
            self._grid.addWidget(button, i // 3, i % 3)
            self.buttons[screen.key] = button
        if allowed:
            self.buttons[allowed[0].key].setFocus()
