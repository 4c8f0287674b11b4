"""Opening serial ports (and pyserial URLs: ``loop://``, ``socket://``, ``rfc2217://``) with a
station's settings, and splitting their byte streams into frames."""

from __future__ import annotations

import errno

import serial

from ..config import DeviceSettings
from .errors import DeviceOffline

try:  # POSIX: a vanished pty or USB port fails termios calls with termios.error
    import termios

    _TERMIOS_ERRORS: tuple[type[BaseException], ...] = (termios.error,)
except ImportError:  # Windows
    _TERMIOS_ERRORS = ()

#: What a port raises when its device goes away mid-use.
PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, *_TERMIOS_ERRORS)


def open_port(settings: DeviceSettings, *, timeout: float | None = None) -> serial.SerialBase:
    """Open the device's port, or raise :class:`DeviceOffline` saying what to check."""
    try:
        return serial.serial_for_url(
            settings.url,
            baudrate=settings.baudrate,
            bytesize=settings.bytesize,
            parity=settings.parity,
            stopbits=settings.stopbits,
            xonxoff=settings.xonxoff,
            timeout=settings.timeout_s if timeout is None else timeout,
        )
    except (*PORT_ERRORS, ValueError) as exc:  # type: ignore[misc]  # a tuple built above
        raise DeviceOffline(
            f"Cannot open {settings.url or '(no port configured)'}: {_reason(exc)}."
        ) from None


def _reason(exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if code == errno.ENOENT:
        return "the port is not there; check that the device is plugged in and switched on"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied; add this user to the group that owns the port (dialout)"
    if code == errno.EBUSY:
        return "the port is in use by another program"
    return str(exc).strip() or type(exc).__name__


def decode_suffix(suffix: str) -> bytes:
    """Settings spell terminators as ``\\r``, ``\\n``, ``\\r\\n``, ``CR``, ``LF``, ``CRLF``."""
    named = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}
    if suffix.upper() in named:
        return named[suffix.upper()]
    return suffix.encode("utf-8").decode("unicode_escape").encode("latin-1") or b"\r"


class Framer:
    """Splits a byte stream into frames ending in ``terminator`` (a pure function object).

    A frame longer than ``max_frame`` without a terminator is dropped as garbage, so a device
    that floods the line cannot grow memory without bound."""

    def __init__(self, terminator: bytes, max_frame: int = 8192):
        self.terminator = terminator
        self.max_frame = max_frame
        self._buffer = bytearray()
        self.dropped = 0

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        frames = []
        while True:
            index = self._buffer.find(self.terminator)
            if index < 0:
                break
            frames.append(bytes(self._buffer[:index]))
            del self._buffer[: index + len(self.terminator)]
        if len(self._buffer) > self.max_frame:
            self._buffer.clear()
            self.dropped += 1
        return frames

    def reset(self) -> None:
        self._buffer.clear()
