"""The one place where core events become Qt signals (as electrum's ``qt_event_listener``).

The device manager calls its listeners on the devices' owner threads; the signals below are
emitted there and, because this object lives on the GUI thread, delivered to slots there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..devices.manager import DeviceManager, DeviceStatus


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
