"""Label and document printers: one command API over several transports.

``tcp://host:9100`` (or ``socket://``) raw TCP, a serial port, ``spool:///folder`` (a folder a
print setup watches) and ``cups://QUEUE`` (the system queue, ``lp -o raw``). Zebra-style printers
answer ``~HS`` with their status, which is checked before a job is sent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from ..config import DeviceSettings
from .errors import DeviceError, PrinterNotReady, PrinterOffline
from .serial_link import PORT_ERRORS, open_port

HOST_STATUS = b"~HS"
STX, ETX = 0x02, 0x03


@dataclass(frozen=True)
class PrinterStatus:
    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    buffer_full: bool = False
    too_hot: bool = False
    too_cold: bool = False
    labels_remaining: int | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        return not self.problems


def parse_host_status(reply: bytes) -> PrinterStatus:
    """Parse the three ``<STX>...<ETX><CR><LF>`` lines of a ``~HS`` reply.

    Raises :class:`DeviceError` when the reply is not a host status."""
    lines = []
    for chunk in reply.split(bytes([STX]))[1:]:
        end = chunk.find(bytes([ETX]))
        if end >= 0:
            lines.append(chunk[:end].decode("ascii", errors="replace"))
    if len(lines) < 2:
        raise DeviceError("The printer's status reply was incomplete.")
    one, two = lines[0].split(","), lines[1].split(",")
    if len(one) < 12 or len(two) < 4:
        raise DeviceError("The printer's status reply has too few fields.")

    def flag(fields: list[str], i: int) -> bool:
        return fields[i].strip() == "1"

    remaining = None
    if len(two) > 8 and two[8].strip().isdigit():
        remaining = int(two[8])
    status = {
        "paper_out": flag(one, 1),
        "paused": flag(one, 2),
        "buffer_full": flag(one, 5),
        "too_cold": flag(one, 10),
        "too_hot": flag(one, 11),
        "head_open": flag(two, 2),
        "ribbon_out": flag(two, 3),
    }
    words = {
        "paper_out": "out of labels: load a new roll",
        "head_open": "the print head is open: close it",
        "ribbon_out": "out of ribbon: load a new ribbon",
        "paused": "paused: press the pause button on the printer",
        "buffer_full": "its memory is full: wait a moment",
        "too_hot": "the head is too hot: let it cool",
        "too_cold": "the head is too cold",
    }
    problems = tuple(words[k] for k, v in status.items() if v)
    return PrinterStatus(**status, labels_remaining=remaining, problems=problems)


class Transport(Protocol):
    """How bytes reach a printer. ``query`` returns None where the transport cannot answer."""

    def send(self, data: bytes) -> None: ...

    def query(self, data: bytes, timeout: float) -> bytes | None: ...


class TcpTransport:
    def __init__(self, host: str, port: int, timeout: float):
        self.host, self.port, self.timeout = host, port, timeout

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise PrinterOffline(
                f"Cannot reach the printer at {self.host}:{self.port} ({exc.strerror or exc}). "
                "Check that it is on and on the network."
            ) from None

    def send(self, data: bytes) -> None:
        with self._connect() as sock:
            try:
                sock.sendall(data)
            except OSError as exc:
                raise PrinterOffline(
                    f"The connection to the printer at {self.host}:{self.port} broke "
                    f"({exc.strerror or exc}); the job was not printed."
                ) from None

    def query(self, data: bytes, timeout: float) -> bytes | None:
        with self._connect() as sock:
            sock.sendall(data)
            sock.settimeout(timeout)
            reply = b""
            deadline = time.monotonic() + timeout
            try:
                while reply.count(bytes([ETX])) < 3 and time.monotonic() < deadline:
                    chunk = sock.recv(1024)
                    if not chunk:
                        break
                    reply += chunk
            except TimeoutError:
                pass  # some printers stay silent while the head is open or media is out
            except OSError as exc:
                raise PrinterOffline(f"The printer connection broke ({exc}).") from None
            return reply


class SerialTransport:
    def __init__(self, settings: DeviceSettings):
        self.settings = settings

    def send(self, data: bytes) -> None:
        try:
            with open_port(self.settings) as port:
                port.write(data)
                port.flush()
        except PORT_ERRORS as exc:
            raise PrinterOffline(f"The printer on {self.settings.url} failed ({exc}).") from None

    def query(self, data: bytes, timeout: float) -> bytes | None:
        try:
            with open_port(self.settings, timeout=timeout) as port:
                port.reset_input_buffer()
                port.write(data)
                reply = b""
                deadline = time.monotonic() + timeout
                while reply.count(bytes([ETX])) < 3 and time.monotonic() < deadline:
                    reply += port.read(256)
                return reply
        except PORT_ERRORS as exc:
            raise PrinterOffline(f"The printer on {self.settings.url} failed ({exc}).") from None


class SpoolTransport:
    """Writes each job as a file into a folder, atomically (temporary name, then rename)."""

    def __init__(self, folder: Path, suffix: str = ".zpl"):
        self.folder, self.suffix = folder, suffix

    def send(self, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".job-", suffix=".part")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}{self.suffix}"
            os.replace(tmp, self.folder / name)
        except OSError as exc:
            raise PrinterOffline(
                f"Cannot write to the print folder {self.folder} ({exc.strerror})."
            ) from None

    def query(self, data: bytes, timeout: float) -> bytes | None:
        return None


class CupsTransport:
    """The system print queue, raw (the bytes are already in the printer's language)."""

    def __init__(self, queue: str, timeout: float):
        self.queue, self.timeout = queue, timeout

    def send(self, data: bytes) -> None:
        lp = shutil.which("lp")
        if lp is None:
            raise PrinterOffline("The system print queue (CUPS 'lp') is not installed here.")
        try:
            result = subprocess.run(  # noqa: S603 - fixed program, queue name as one argument
                [lp, "-d", self.queue, "-o", "raw"], input=data, capture_output=True,
                timeout=max(self.timeout, 10), check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise PrinterOffline(
                f"The print queue {self.queue} did not take the job in time."
            ) from None
        if result.returncode != 0:
            lines = result.stderr.decode(errors="replace").strip().splitlines()
            reason = lines[0] if lines else "no reason given"
            raise PrinterOffline(f"The print queue {self.queue} refused the job: {reason}.")

    def query(self, data: bytes, timeout: float) -> bytes | None:
        return None


def transport_for(settings: DeviceSettings) -> Transport:
    url = settings.url
    parts = urlsplit(url)
    if parts.scheme in ("tcp", "socket"):
        if not parts.hostname:
            raise DeviceError(f"The printer URL {url} names no host.")
        return TcpTransport(parts.hostname, parts.port or 9100, settings.timeout_s)
    if parts.scheme in ("spool", "file"):
        return SpoolTransport(Path(parts.path))
    if parts.scheme == "cups":
        return CupsTransport(parts.netloc or parts.path.strip("/"), settings.timeout_s)
    return SerialTransport(settings)


class Printer:
    """A printer with its transport. ``check`` before ``send`` where the printer can tell."""

    def __init__(self, settings: DeviceSettings, transport: Transport | None = None):
        self.settings = settings
        self.transport = transport or transport_for(settings)

    def status(self) -> PrinterStatus | None:
        """The ``~HS`` status, or None when this transport cannot ask. A printer that stays
        silent is reported as not ready (Zebras do that with the head open or no media)."""
        reply = self.transport.query(HOST_STATUS, self.settings.timeout_s)
        if reply is None:
            return None
        if not reply:
            raise PrinterNotReady(
                "The printer does not answer its status request: check for an open head, "
                "missing labels or an error light."
            )
        return parse_host_status(reply)

    def send(self, data: bytes, *, check: bool = True) -> None:
        if check and self.settings.protocol in ("", "zpl"):
            status = self.status()
            if status is not None and not status.ready:
                raise PrinterNotReady(f"The label printer is {'; '.join(status.problems)}.")
        self.transport.send(data)
