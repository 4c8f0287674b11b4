"""The one place where core events become Qt signals (as electrum's ``qt_event_listener``).

The device manager calls its listeners on the devices' owner threads; the signals below are
emitted there and, because this object lives on the GUI thread, delivered to slots there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..devices.manager import DeviceManager, DeviceStatus
from ..sync.engine import Progress, SyncReport
from ..sync.worker import SyncLoop


class DeviceBridge(QObject):
    status_changed = Signal(object)  # DeviceStatus
    scanned = Signal(str, bytes)  # device name, raw scan

    def __init__(self, devices: DeviceManager, parent: QObject | None = None):
        super().__init__(parent)
        devices.add_status_listener(self._on_status)
        devices.add_scan_listener(self._on_scan)

    def _on_status(self, status: DeviceStatus) -> None:
        self.status_changed.emit(status)

    def _on_scan(self, name: str, data: bytes) -> None:
        self.scanned.emit(name, data)


class SyncBridge(QObject):
    """The background store sync's progress and results, as signals on the GUI thread."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # list[SyncReport]

    def __init__(self, loop: SyncLoop, parent: QObject | None = None):
        super().__init__(parent)
        loop.add_listeners(self._on_progress, self._on_reports)

    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)

    def _on_reports(self, reports: list[SyncReport]) -> None:
        self.finished.emit(reports)
