"""Scans from anywhere: the application-wide keyboard-wedge listener.

A keyboard-wedge scanner types its data as fast key presses ending in Enter or Tab. This event
filter, installed on the QApplication, feeds every key pressed in the main window to the core's
:class:`~fulfillment_app.scanning.wedge.WedgeDecoder` with its time stamp:

- keys that may belong to a scan are held back (the focused widget does not see them yet);
- a complete scan goes to ``dispatch(text)`` (the main window gives it to the current screen),
  and its terminating Enter or Tab never reaches the focused widget: a scan cannot press a
  button or submit a form (pain 1), nor land in a text field (pain 2);
- keys that turn out to be typing are replayed, in order, to the widget that had the focus, so
  typing into a field still types and Enter typed by a person still submits it. A timer
  releases held keys once no scanner could still be sending them.

Keys with Ctrl, Alt or Meta and keys that produce no text (function keys, Escape, arrows) are
never held; they first release whatever is held, then go their way. So do all keys while a
modal dialog or popup is open: that is a window of its own, typed into by a person.

A shortcut on a plain key (a box preset on "1") would fire on the first digit of a scan: the
listener claims such keys from the shortcuts, and a typed key, once replayed, reaches the
shortcuts as a key from the keyboard would.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ..config import ScanSettings
from ..scanning.wedge import Event, Scan, WedgeDecoder

#: The characters a scanner's terminating key produces, by Qt key.
_TERMINATOR_KEYS = {
    Qt.Key.Key_Return.value: "\r",
    Qt.Key.Key_Enter.value: "\r",
    Qt.Key.Key_Tab.value: "\t",
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass
class _HeldKey:
    """A key press held back while the decoder decides, with what is needed to replay it."""

    char: str
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    target: QWidget


class ScanListener(QObject):
    """Install with :meth:`install`; ``dispatch`` receives each complete scan's text.

    ``clock`` gives the time in seconds (monotonic); tests pass their own to send keys at a
    scanner's or a person's pace without waiting.
    """

    def __init__(
        self,
        window: QWidget,
        dispatch: Callable[[str], None],
        settings: ScanSettings | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._window = window
        self._dispatch = dispatch
        self.decoder = WedgeDecoder(settings)
        self.clock = clock
        self._held: list[_HeldKey] = []
        self._replaying = False
        self._installed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(self.decoder.max_gap * 500) + 1))
        self._timer.timeout.connect(self.flush)
        #: Scans decoded from key presses (for tests and the status bar's counters).
        self.scans = 0

    # -- installing ----------------------------------------------------------------------------

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._release_all()

    # -- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._on_key(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.ShortcutOverride:
            # A plain key's shortcut must not fire on a scan's first character: claim the key
            # for the key press, which this filter then decides on.
            if not self._replaying and self._takes(watched, event):  # type: ignore[arg-type]
                event.accept()
                return True
            return False
        if self._held and kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
        ):
            # A person reached for the mouse: what was held was typed, and belongs to the
            # field before the click is handled. (A focus change does not release: a screen
            # may move the focus while the next scan is arriving.)
            self._release_all()
        return False

    def _takes(self, watched: QObject, event: QKeyEvent) -> bool:
        """Whether this key press is one the decoder decides on."""
        if not watched.isWidgetType():
            return False  # the window forwards it to the focused widget: decided there
        widget: QWidget = watched  # type: ignore[assignment]
        if widget.window() is not self._window:
            return False  # a dialog or a popup is a window of its own: typed into as it is
        if event.modifiers() & _COMMAND_MODIFIERS:
            return False
        if event.key() in _TERMINATOR_KEYS:
            return True
        text = event.text()
        return len(text) == 1 and text.isprintable()

    def _on_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if self._replaying:
            return False
        if not self._takes(watched, event):
            if self._held and watched.isWidgetType():
                self._release_all()  # Escape, F5, Ctrl+...: what was held was typed
            return False
        char = _TERMINATOR_KEYS.get(event.key(), event.text())
        self._held.append(
            _HeldKey(char, event.key(), event.modifiers(), event.text(), watched)  # type: ignore[arg-type]
        )
        self._handle(self.decoder.feed(char, self.clock()))
        if self._held and not self._timer.isActive():
            # Not restarted at every key: the timer's flush looks again while keys are held.
            self._timer.start()
        return True  # held, replayed or part of a scan: never delivered as it came

    def flush(self) -> None:
        """Release held keys that no scanner could still be sending (the timer calls this)."""
        self._handle(self.decoder.flush(self.clock()))
        if self._held and not self._timer.isActive():
            self._timer.start()

    def _release_all(self) -> None:
        self._handle(self.decoder.flush(float("inf")))

    def _handle(self, events: list[Event]) -> None:
        for ev in events:
            if isinstance(ev, Scan):
                count = len(self.decoder.prefix) + len(ev.text) + 1
                del self._held[:count]
                self.scans += 1
                try:
                    self._dispatch(ev.text)
                except Exception:  # noqa: BLE001 (a screen's bug: logged, its keys not typed anyway)
                    sys.excepthook(*sys.exc_info())
            else:
                keys, self._held = self._held[: len(ev.keys)], self._held[len(ev.keys) :]
                for held in keys:
                    self._replay(held)

    def _replay(self, held: _HeldKey) -> None:
        target = held.target
        try:
            alive = target.isVisible()
        except RuntimeError:  # the widget is gone
            return
        if not alive:
            return
        key = held.key
        press = QKeyEvent(QEvent.Type.KeyPress, key, held.modifiers, held.text)
        release = QKeyEvent(QEvent.Type.KeyRelease, key, held.modifiers, held.text)
        # Sent, not spontaneous: Qt offers the key to the shortcuts first, as it does a key
        # from the keyboard (this filter lets the override through while replaying).
        self._replaying = True
        try:
            QApplication.sendEvent(target, press)
            QApplication.sendEvent(target, release)
        finally:
            self._replaying = False
