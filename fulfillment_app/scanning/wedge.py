"""Telling a keyboard-wedge scan from a person typing: a pure state machine.

A wedge scanner "types" its data as key presses 7-16 ms apart and ends with Enter or Tab;
people type 100 ms or more apart. The UI feeds every key with its time stamp to
:meth:`WedgeDecoder.feed` and gets back events: :class:`Scan` for a complete scan, and
:class:`Typed` for keys that turned out to be typing (the UI then lets them through to the
focused field). Keys that may still belong to a scan are held back until that is decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import ScanSettings

GS = "\x1d"
TERMINATORS = ("\r", "\n", "\t")


@dataclass(frozen=True)
class Scan:
    text: str
    terminator: str
    started: float
    ended: float


@dataclass(frozen=True)
class Typed:
    """Keys typed by a person (including a terminator key, if one ended them)."""

    keys: str


Event = Scan | Typed


class WedgeDecoder:
    """Feed (key, seconds) pairs; ``key`` is the character a key press produced ("\\r" for
    Enter, "\\t" for Tab). Call :meth:`flush` from a timer so held keys reach the field even
    when no further key comes."""

    def __init__(self, settings: ScanSettings | None = None):
        s = settings or ScanSettings()
        self.max_gap = s.wedge_max_gap_ms / 1000
        self.min_length = max(1, s.wedge_min_length)
        self.prefix = s.wedge_prefix
        self.gs_substitute = s.wedge_gs_substitute
        self._keys: list[str] = []
        self._first = 0.0
        self._last = 0.0

    @property
    def pending(self) -> str:
        return "".join(self._keys)

    def feed(self, key: str, at: float) -> list[Event]:
        events: list[Event] = []
        if self._keys and at - self._last > self.max_gap:
            # Too slow for a scanner: what is held was typed.
            events.append(Typed(self._take()))
        if key in TERMINATORS:
            if self._keys and self._is_scan():
                text = self._take()[len(self.prefix) :]
                if self.gs_substitute:
                    text = text.replace(self.gs_substitute, GS)
                events.append(Scan(text, key, self._first, at))
            else:
                events.append(Typed(self._take() + key))
            return events
        if not self._keys:
            self._first = at
        self._keys.append(key)
        self._last = at
        if self.prefix and not self.pending.startswith(self.prefix[: len(self._keys)]):
            # A configured prefix must open every scan: these keys are typing.
            events.append(Typed(self._take()))
        return events

    def flush(self, now: float) -> list[Event]:
        """Give back held keys once no scanner could still be sending them."""
        if self._keys and now - self._last > self.max_gap:
            return [Typed(self._take())]
        return []

    def _is_scan(self) -> bool:
        keys = self.pending
        if not keys.startswith(self.prefix):
            return False
        return len(keys) - len(self.prefix) >= self.min_length

    def _take(self) -> str:
        keys = "".join(self._keys)
        self._keys.clear()
        return keys
