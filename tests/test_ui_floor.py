"""The floor: scans from anywhere in the window, the theme, the status bar, the pick screen.

On a SQLite file only: the subject is the desktop, not the database.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Role
from fulfillment_app.ui.main_window import MainWindow
from fulfillment_app.ui.screen import Screen
from tests.keyboard import scan, type_text

TIMEOUT = 10_000


class RecordingScreen(Screen):
    """A screen that takes scans, with a button and a field to put the focus on."""

    takes_scans = True

    def __init__(self) -> None:
        super().__init__("Recording")
        self.scans: list[str] = []
        self.clicks = 0
        self.entered: list[str] = []
        self.button = QPushButton("+1")
        self.button.clicked.connect(self._click)
        self.field = QLineEdit()
        self.field.returnPressed.connect(lambda: self.entered.append(self.field.text()))
        self.body.addWidget(self.button)
        self.body.addWidget(self.field)

    def _click(self) -> None:
        self.clicks += 1

    def on_scan(self, raw: str) -> None:
        self.scans.append(raw)


@pytest.fixture
def window(qtbot, sqlite_context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    admin = sqlite_context.command_line_actor()
    sqlite_context.users.add(admin, "Noa", Role.PACKER, "3333", "BADGE-1003")
    window = MainWindow(sqlite_context)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_view, timeout=TIMEOUT)
    yield window
    window.close()


def test_scans_reach_the_screen_wherever_the_focus_is(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # The sign-in screen takes a badge scan with the focus on its Sign in button.
    login = window.login_view
    login.sign_in_button.setFocus()
    scan(qtbot, login.sign_in_button, "BADGE-1003")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home_view, timeout=TIMEOUT)
    assert login.name_input.text() == "" and "Type your name" not in login.message.text()

    # Home takes no scans: the status bar says so instead of the scan vanishing.
    scan(qtbot, window.home_view, "5901234123457")
    assert "does not take scans" in window.statusBar().currentMessage()
    assert window.sounds.played[-1] == "attention"

    screen = RecordingScreen()
    window.stack.addWidget(screen)
    window.stack.setCurrentWidget(screen)
    # Focus left on an action button: the scan reaches the screen, its Enter presses nothing.
    screen.button.setFocus()
    screen.button.setDefault(True)
    scan(qtbot, screen.button, "TOTE-0042")
    assert screen.scans == ["TOTE-0042"] and screen.clicks == 0
    # In a text field too: the scan is not typed there (pain 2), Enter does not submit it.
    scan(qtbot, screen.field, "5901234123457", terminator=Qt.Key.Key_Tab)
    assert screen.scans[-1] == "5901234123457" and screen.field.text() == ""
    assert screen.entered == []

    # A person typing into the field types, and their Enter submits it.
    type_text(qtbot, screen.field, "12 boxes", enter=True)
    assert screen.field.text() == "12 boxes" and screen.entered == ["12 boxes"]
    # Held keys reach the field by themselves once no scanner could be sending them.
    screen.field.clear()
    window.scan_listener.clock = time.monotonic
    qtbot.keyClicks(screen.field, "7")
    qtbot.waitUntil(lambda: screen.field.text() == "7", timeout=TIMEOUT)
    # Keys typed one after another, the last of them Space on the button: pressed by a person.
    screen.button.setFocus()
    type_text(qtbot, screen.button, " ")
    assert screen.clicks == 1

    # A serial scanner's scan ends in the same handler.
    window.bridge.scanned.emit("gun", b"CART-0007")
    assert screen.scans[-1] == "CART-0007"


def test_the_listener_costs_well_under_a_millisecond_per_key(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    screen = RecordingScreen()
    window.stack.addWidget(screen)
    window.stack.setCurrentWidget(screen)
    code = "0109501101020917"
    started = time.perf_counter()
    for _ in range(50):
        scan(qtbot, screen.button, code)
    per_key = (time.perf_counter() - started) / (50 * (len(code) + 1))
    assert len(screen.scans) == 50 and screen.clicks == 0
    # QTest's own key delivery is in this figure too: the filter's share is smaller still.
    assert per_key < 0.001, f"{per_key * 1e6:.0f} µs per key"
