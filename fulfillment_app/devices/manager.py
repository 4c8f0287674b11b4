"""The station's devices, each owned by one thread that reconnects on its own.

Every physical device has exactly one owner thread (as electrum's hardware plugins do): only
that thread touches the port. Callers hand work to it and get a ``Future`` back; scans and tag
reads come out through callbacks called on the owner thread (the UI's bridge re-emits them as
Qt signals). When a cable is pulled the owner reports ``reconnecting`` with the reason and tries
again with growing pauses (0.5 s doubling to 10 s) until the device is back.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import serial

from ..config import DeviceSettings
from . import scale_protocols as sp
from .errors import DeviceError, DeviceOffline
from .printer import Printer, PrinterStatus
from .rfid import TagCollector, TagLineParser
from .scale import Scale
from .serial_link import PORT_ERRORS, Framer, decode_suffix, open_port

log = logging.getLogger(__name__)

MIN_BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0


class DeviceState(enum.StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    ERROR = "error"  # configured wrongly: retrying will not help
    STOPPED = "stopped"


@dataclass(frozen=True)
class DeviceStatus:
    name: str
    kind: str
    state: DeviceState
    detail: str = ""
    # Devices know nothing of the database: the clock is read here, not from its models.
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def describe(self) -> str:
        return f"{self.name} ({self.kind}): {self.state.value}" + (
            f": {self.detail}" if self.detail else ""
        )


StatusListener = Callable[[DeviceStatus], None]
ScanListener = Callable[[str, bytes], None]


class _Owner(threading.Thread):
    """The one thread that owns a device: connect, serve, and on failure reconnect."""

    #: Seconds without requests after which the owner checks the device is still there.
    health_interval_s = 2.0

    def __init__(self, name: str, settings: DeviceSettings, manager: DeviceManager):
        super().__init__(name=f"device-{name}", daemon=True)
        self.device_name = name
        self.settings = settings
        self.manager = manager
        self.stop_event = threading.Event()
        # None is the wake-up call that :meth:`DeviceManager.stop` posts.
        self.requests: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self.status = DeviceStatus(name, settings.kind, DeviceState.CONNECTING)

    def submit(self, work: Callable[[Any], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        state = self.status.state
        if self.stop_event.is_set():
            future.set_exception(DeviceError(f"{self.device_name} is stopped."))
        elif state in (DeviceState.RECONNECTING, DeviceState.ERROR):
            # Say at once why, rather than keep the caller waiting for a pulled cable.
            error = DeviceOffline if state is DeviceState.RECONNECTING else DeviceError
            future.set_exception(error(self.status.detail or f"{self.device_name} is {state}."))
        else:
            self.requests.put((work, future))
        return future

    def report(self, state: DeviceState, detail: str = "") -> None:
        if self.status.state == state and self.status.detail == detail:
            return
        self.status = DeviceStatus(self.device_name, self.settings.kind, state, detail)
        trouble = state in (DeviceState.RECONNECTING, DeviceState.ERROR)
        level = logging.WARNING if trouble else logging.INFO
        log.log(level, "device %s", self.status.describe())
        self.manager._status_changed(self.status)

    def run(self) -> None:
        backoff = MIN_BACKOFF_S
        while not self.stop_event.is_set():
            try:
                self.connect()
                self.report(DeviceState.CONNECTED)
                backoff = MIN_BACKOFF_S
                self.serve()
            except DeviceOffline as exc:
                self.disconnect()
                self.report(DeviceState.RECONNECTING, str(exc))
                self._fail_pending(DeviceOffline(str(exc)))
                self.stop_event.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
            except DeviceError as exc:
                self.disconnect()
                self.report(DeviceState.ERROR, str(exc))
                self._fail_pending(exc)
                self.stop_event.wait(MAX_BACKOFF_S)
            except Exception:  # a bug must not kill the station's device loop
                log.exception("device %s failed unexpectedly", self.device_name)
                self.disconnect()
                self.report(DeviceState.ERROR, "unexpected failure (logged)")
                self.stop_event.wait(MAX_BACKOFF_S)
        self.disconnect()
        self._fail_pending(DeviceError(f"{self.device_name} was stopped."))
        self.report(DeviceState.STOPPED)

    def serve(self) -> None:
        """Take requests until stopped; check the device when idle. Raising DeviceOffline
        from here means: reconnect."""
        while not self.stop_event.is_set():
            try:
                item = self.requests.get(timeout=self.idle_timeout())
            except queue.Empty:
                self.idle()
                continue
            if item is None:
                continue
            work, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work(self))
            except DeviceOffline as exc:
                future.set_exception(exc)
                raise
            except Exception as exc:  # noqa: BLE001 - handed to the caller; the device carries on
                future.set_exception(exc)

    def _fail_pending(self, error: Exception) -> None:
        while True:
            try:
                item = self.requests.get_nowait()
            except queue.Empty:
                return
            if item is None:
                continue
            _, future = item
            if future.set_running_or_notify_cancel():
                future.set_exception(error)

    def idle_timeout(self) -> float:
        return self.health_interval_s

    # Overridden per kind:
    def connect(self) -> None: ...
    def disconnect(self) -> None: ...
    def idle(self) -> None: ...


class _ScaleOwner(_Owner):
    def __init__(self, *args: Any):
        super().__init__(*args)
        self.scale = Scale(self.settings)

    def connect(self) -> None:
        self.scale.open()
        self.scale.read()  # a port that opens is not yet a scale that answers

    def disconnect(self) -> None:
        self.scale.close()

    def idle(self) -> None:
        reading = self.scale.read()
        if reading.state is sp.ScaleState.ERROR:
            self.report(DeviceState.CONNECTED, f"the scale reports: {reading.detail}")


class _StreamOwner(_Owner):
    """Scanners and RFID readers: read continuously, frame, hand each frame on."""

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.port: serial.SerialBase | None = None
        terminator = (
            decode_suffix(self.settings.suffix) if self.settings.kind == "scanner" else b"\n"
        )
        self.framer = Framer(terminator)
        self.tags = TagCollector()
        self.parser = (
            TagLineParser(self.settings.line_pattern) if self.settings.kind == "rfid" else None
        )

    def connect(self) -> None:
        self.port = open_port(self.settings, timeout=0.05)
        self.framer.reset()

    def disconnect(self) -> None:
        if self.port is not None:
            with contextlib.suppress(*PORT_ERRORS):
                self.port.close()
            self.port = None

    def idle_timeout(self) -> float:
        return 0.0  # never wait for requests: keep reading

    def idle(self) -> None:
        assert self.port is not None
        try:
            data = self.port.read(4096)
        except PORT_ERRORS as exc:
            raise DeviceOffline(
                f"The {self.settings.kind} on {self.settings.url} was disconnected ({exc})."
            ) from None
        if not data:
            return
        for frame in self.framer.feed(data):
            if self.parser is not None:
                epc = self.parser.parse(frame)
                if epc:
                    self.tags.add((epc,))
            elif frame.strip(b"\r\n"):
                self.manager._scanned(self.device_name, frame.strip(b"\r\n"))


class _PrinterOwner(_Owner):
    health_interval_s = 15.0

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.printer = Printer(self.settings)

    def connect(self) -> None:
        self._check()

    def idle(self) -> None:
        self._check()

    def _check(self) -> None:
        try:
            status = self.printer.status()
        except DeviceOffline:
            raise
        except DeviceError as exc:  # answers, but cannot print now
            self.report(DeviceState.CONNECTED, str(exc))
            return
        detail = "" if status is None or status.ready else "; ".join(status.problems)
        self.report(DeviceState.CONNECTED, detail)


_OWNERS: dict[str, type[_Owner]] = {
    "scale": _ScaleOwner,
    "scanner": _StreamOwner,
    "rfid": _StreamOwner,
    "printer": _PrinterOwner,
}


class DeviceManager:
    """Starts one owner thread per configured device; joins them all at :meth:`stop`."""

    def __init__(
        self,
        devices: dict[str, DeviceSettings],
        *,
        on_status: StatusListener | None = None,
        on_scan: ScanListener | None = None,
    ):
        self._settings = dict(devices)
        self._owners: dict[str, _Owner] = {}
        self._status_listeners: list[StatusListener] = [on_status] if on_status else []
        self._scan_listeners: list[ScanListener] = [on_scan] if on_scan else []

    def add_status_listener(self, listener: StatusListener) -> None:
        self._status_listeners.append(listener)

    def add_scan_listener(self, listener: ScanListener) -> None:
        self._scan_listeners.append(listener)

    def remove_scan_listener(self, listener: ScanListener) -> None:
        with contextlib.suppress(ValueError):
            self._scan_listeners.remove(listener)

    def next_scan(self, name: str, timeout_s: float = 10.0) -> bytes | None:
        """The next scan from scanner ``name`` within ``timeout_s`` (None if none came).
        Blocks: call it off the GUI thread. The scan still reaches the other listeners."""
        self._owner(name, "scanner")
        got: list[bytes] = []
        arrived = threading.Event()

        def listener(device: str, data: bytes) -> None:
            if device == name and not arrived.is_set():
                got.append(data)
                arrived.set()

        self.add_scan_listener(listener)
        try:
            arrived.wait(timeout_s)
        finally:
            self.remove_scan_listener(listener)
        return got[0] if got else None

    def start(self) -> None:
        for name, settings in self._settings.items():
            if name in self._owners:
                continue
            owner_class = _OWNERS.get(settings.kind)
            if owner_class is None:
                log.error("device %s has an unknown kind %r", name, settings.kind)
                continue
            try:
                owner = owner_class(name, settings, self)
            except DeviceError as exc:  # e.g. an unknown protocol in the settings
                log.error("device %s cannot start: %s", name, exc)
                continue
            self._owners[name] = owner
            owner.start()

    def stop(self) -> None:
        for owner in self._owners.values():
            owner.stop_event.set()
            owner.requests.put(None)  # wake an owner waiting for work
        for owner in self._owners.values():
            owner.join(timeout=10)
        self._owners.clear()

    def statuses(self) -> list[DeviceStatus]:
        return [o.status for o in self._owners.values()]

    def status(self, name: str) -> DeviceStatus:
        return self._owner(name).status

    # -- work for the owners -------------------------------------------------------------------

    def read_weight(self, name: str, timeout_s: float = 5.0) -> Future[sp.ScaleReading]:
        """A stable weight from scale ``name`` (the Future raises a DeviceError otherwise)."""
        return self._owner(name, "scale").submit(lambda o: o.scale.read_stable(timeout_s))

    def print(self, name: str, data: bytes) -> Future[None]:
        return self._owner(name, "printer").submit(lambda o: o.printer.send(data))

    def printer_status(self, name: str) -> Future[PrinterStatus | None]:
        return self._owner(name, "printer").submit(lambda o: o.printer.status())

    def bulk_read(self, name: str, window_s: float | None = None) -> set[str]:
        """Distinct EPCs the RFID reader ``name`` sees in the window (blocks for it: call off
        the GUI thread). Raises DeviceOffline when the reader is not connected."""
        owner = self._owner(name, "rfid")
        assert isinstance(owner, _StreamOwner)
        if owner.status.state is not DeviceState.CONNECTED:
            raise DeviceOffline(f"The RFID reader {name} is not connected: {owner.status.detail}")
        window = owner.settings.window_s if window_s is None else window_s
        return set(owner.tags.bulk_read(window, owner.stop_event))

    def _owner(self, name: str, kind: str | None = None) -> _Owner:
        owner = self._owners.get(name)
        if owner is None:
            raise DeviceError(f"There is no device called {name} at this station.")
        if kind and owner.settings.kind != kind:
            raise DeviceError(f"{name} is a {owner.settings.kind}, not a {kind}.")
        return owner

    # -- called on owner threads ---------------------------------------------------------------

    def _status_changed(self, status: DeviceStatus) -> None:
        for listener in self._status_listeners:
            try:
                listener(status)
            except Exception:
                log.exception("a device status listener failed")

    def _scanned(self, name: str, data: bytes) -> None:
        for listener in self._scan_listeners:
            try:
                listener(name, data)
            except Exception:
                log.exception("a scan listener failed")
