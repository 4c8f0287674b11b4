"""Sync progress as lines of text (the command line shows them on stderr).

On a terminal the page count is rewritten in place; in a log or a pipe a line is written at
most every :data:`EVERY_S` seconds. Waits (a store that does not answer, a retry) are always
written on a line of their own, so a sync is never silent while it waits.
"""

from __future__ import annotations

import time
from typing import TextIO

from .engine import Progress

EVERY_S = 10.0


class ProgressPrinter:
    def __init__(self, stream: TextIO, *, counts: bool = True):
        self._stream = stream
        self._tty = stream.isatty()
        self._counts = counts  # page and order counts too, not only the waits
        self._last = 0.0
        self._open = False  # a terminal line being rewritten

    def __call__(self, p: Progress) -> None:
        counts = f"{p.store}: {p.pages} pages, {p.orders} orders, {p.delivered} delivered"
        if p.phase == "waiting":
            self._line(f"{p.store}: {p.note}" if not p.note.startswith(p.store) else p.note)
        elif not self._counts:
            return
        elif p.phase == "done":
            if self._tty or self._last:
                self._line(counts)
        elif self._tty:
            self._stream.write(f"\r{counts} ")
            self._open = True
        elif time.monotonic() - self._last >= EVERY_S:
            self._line(counts)
        self._stream.flush()

    def _line(self, text: str) -> None:
        if self._open:
            self._stream.write("\n")
            self._open = False
        self._stream.write(text + "\n")
        self._last = time.monotonic()
