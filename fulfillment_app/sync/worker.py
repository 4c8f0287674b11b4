"""The desktop's background sync: a thread of its own that syncs every store every few
seconds (or at once when asked), and tells its listeners what happens. It never runs on the
GUI thread; listeners are called on the sync thread (the UI turns them into Qt signals)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .engine import Progress, SyncEngine, SyncReport

log = logging.getLogger(__name__)

ProgressListener = Callable[[Progress], None]
ReportListener = Callable[[list[SyncReport]], None]


class SyncLoop:
    def __init__(self, engine: SyncEngine, every_s: float):
        self._engine = engine
        self.every_s = every_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._progress: list[ProgressListener] = []
        self._reports: list[ReportListener] = []

    def add_listeners(self, progress: ProgressListener, reports: ReportListener) -> None:
        self._progress.append(progress)
        self._reports.append(reports)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="store-sync", daemon=True)
            self._thread.start()

    def sync_now(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._engine.stop_event.set()  # a sync in progress stops between requests
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _emit_progress(self, progress: Progress) -> None:
        for listener in self._progress:
            listener(progress)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                reports = self._engine.sync(progress=self._emit_progress)
            except Exception:  # keep syncing next time; the reason is in the log
                log.exception("store sync failed")
                reports = []
            if not self._stopping.is_set():
                for listener in self._reports:
                    listener(reports)
            self._wake.wait(self.every_s if self.every_s > 0 else None)
