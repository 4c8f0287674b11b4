"""Serial UHF RFID readers that stream one EPC per line (ASCII hex, maybe with RSSI or antenna
fields): the line format is a configurable regular expression with a group named ``epc``."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable

from ..config import DeviceSettings
from .errors import DeviceError


class TagLineParser:
    """Pure: one line of reader output to an EPC (upper-case hex), or None for other lines."""

    def __init__(self, pattern: str):
        try:
            self._pattern = re.compile(pattern)
        except re.error as exc:
            raise DeviceError(f"The RFID line pattern is not a valid expression: {exc}.") from None
        if "epc" not in self._pattern.groupindex:
            raise DeviceError("The RFID line pattern needs a group named 'epc'.")

    def parse(self, line: bytes) -> str | None:
        text = line.decode("ascii", errors="replace").strip()
        m = self._pattern.match(text)
        if not m:
            return None
        epc = m.group("epc").upper()
        return epc if len(epc) % 2 == 0 else None


class TagCollector:
    """Distinct EPCs seen in a time window: a tag read 40 times counts once.

    ``add`` is called by the reader's owner thread; ``bulk_read`` by whoever asks (it only
    waits on an event, it does not touch the port)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, int] = {}
        self._collecting = False

    def add(self, epcs: Iterable[str]) -> None:
        with self._lock:
            if self._collecting:
                for epc in epcs:
                    self._seen[epc] = self._seen.get(epc, 0) + 1

    def bulk_read(self, window_s: float, stop: threading.Event | None = None) -> dict[str, int]:
        """Listen for ``window_s`` seconds; EPC -> how many times it was read."""
        with self._lock:
            self._seen = {}
            self._collecting = True
        try:
            if stop is not None:
                stop.wait(window_s)
            else:
                time.sleep(window_s)
        finally:
            with self._lock:
                self._collecting = False
                seen, self._seen = self._seen, {}
        return seen

    def bulk_read_window(self, settings: DeviceSettings) -> set[str]:
        return set(self.bulk_read(settings.window_s))
