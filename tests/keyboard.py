"""Keys at a scanner's pace or a person's, for the desktop tests.

The window's scan listener tells a wedge scan from typing by the time between keys. These
helpers give it a clock that moves on by a fixed step at each key, so a test sends a scan
(8 ms apart) or types (half a second apart) without waiting and without depending on how
busy the machine is.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

SCANNER_GAP = 0.008
PERSON_GAP = 0.5


class PaceClock:
    """A clock that moves on by :attr:`gap` seconds each time it is read."""

    def __init__(self) -> None:
        self.now = time.monotonic() + 1.0  # after any key stamped by the real clock
        self.gap = SCANNER_GAP

    def __call__(self) -> float:
        self.now += self.gap
        return self.now


def _listener(widget: QWidget):  # type: ignore[no-untyped-def]
    listener = widget.window().scan_listener
    if not isinstance(listener.clock, PaceClock):
        listener.clock = PaceClock()
    return listener


def scan(qtbot, widget: QWidget, text: str, *, terminator: Qt.Key = Qt.Key.Key_Return) -> None:  # type: ignore[no-untyped-def]
    """A keyboard-wedge scan of ``text``, typed into ``widget`` (whatever has the focus
    there), ending with Enter."""
    listener = _listener(widget)
    listener.clock.gap = PERSON_GAP
    listener.flush()  # whatever was typed before is let through first
    listener.clock.gap = SCANNER_GAP
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, terminator)


def type_text(qtbot, widget: QWidget, text: str, *, enter: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A person typing ``text`` into ``widget`` (then Enter if ``enter``)."""
    listener = _listener(widget)
    listener.clock.gap = PERSON_GAP
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    listener.flush()
