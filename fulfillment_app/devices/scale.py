"""A scale on a serial port (or any pyserial URL), read with its protocol.

A :class:`Scale` is used by one thread only: the device's owner thread in the
:class:`~fulfillment_app.devices.manager.DeviceManager`, or a command-line call.
"""

from __future__ import annotations

import time

import serial

from ..config import DeviceSettings
from . import scale_protocols as sp
from .errors import DeviceError, DeviceOffline, ScaleNotStable, ScaleOutOfRange
from .serial_link import PORT_ERRORS, open_port

PROTOCOLS = ("sics", "nci", "cas")


class Scale:
    def __init__(self, settings: DeviceSettings):
        if settings.protocol not in PROTOCOLS:
            raise DeviceError(
                f"Unknown scale protocol {settings.protocol!r}: use one of {', '.join(PROTOCOLS)}."
            )
        self.settings = settings
        self._port: serial.SerialBase | None = None

    # -- connection --------------------------------------------------------------------------

    def open(self) -> None:
        if self._port is None:
            self._port = open_port(self.settings, timeout=0.2)

    def close(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            finally:
                self._port = None

    def __enter__(self) -> Scale:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def read(self) -> sp.ScaleReading:
        """One reading, stable or not. Raises :class:`DeviceOffline` when nothing answers."""
        self.open()
        try:
            return self._read()
        except PORT_ERRORS as exc:
            self.close()
            raise DeviceOffline(
                f"The scale on {self.settings.url} stopped answering ({exc}). Check its cable."
            ) from None

    def read_stable(self, timeout_s: float = 5.0) -> sp.ScaleReading:
        """Wait for a stable weight; raise a :class:`DeviceError` saying why there is none."""
        deadline = time.monotonic() + timeout_s
        last: sp.ScaleReading | None = None
        while True:
            reading = self.read()
            if reading.stable:
                return reading
            if reading.state in (sp.ScaleState.OVERLOAD, sp.ScaleState.UNDERLOAD):
                raise ScaleOutOfRange(f"The scale reports {reading.detail}.")
            if reading.state is sp.ScaleState.ERROR:
                raise DeviceError(f"The scale reports an error: {reading.detail}.")
            last = reading
            if time.monotonic() >= deadline:
                shown = f" (last {last.grams:g} g)" if last and last.grams is not None else ""
                raise ScaleNotStable(
                    f"The weight did not settle in {timeout_s:g} s{shown}. Keep the package "
                    "still on the scale and try again."
                )
            time.sleep(0.05)

    def zero(self) -> None:
        self.open()
        assert self._port is not None
        command = {"sics": sp.SICS_ZERO, "nci": sp.NCI_ZERO}.get(self.settings.protocol)
        if command is None:
            raise DeviceError("This scale streams its weight and cannot be zeroed from here.")
        self._port.reset_input_buffer()
        self._port.write(command)

    def _read(self) -> sp.ScaleReading:
        port = self._port
        assert port is not None
        deadline = time.monotonic() + self.settings.timeout_s
        protocol = self.settings.protocol
        port.reset_input_buffer()  # stale replies and streamed frames from before
        if protocol == "sics":
            port.write(sp.SICS_IMMEDIATE)
        elif protocol == "nci":
            port.write(sp.NCI_WEIGHT)
        terminator = sp.ETX if protocol == "nci" else b"\n"
        buffer = b""
        while time.monotonic() < deadline:
            chunk = port.read_until(terminator)
            if not chunk:
                continue
            buffer += chunk
            if not buffer.endswith(terminator):
                continue
            frame, buffer = buffer, b""
            parse = {"sics": sp.parse_sics, "nci": sp.parse_nci, "cas": sp.parse_cas}[protocol]
            reading = parse(frame)
            if reading.state is not sp.ScaleState.UNKNOWN:
                return reading
            # Garbage on the line (noise, a half frame after a replug): wait for a real reply.
        raise DeviceOffline(
            f"The scale on {self.settings.url} did not answer in {self.settings.timeout_s:g} s. "
            "Check that it is on and its cable is in."
        )
