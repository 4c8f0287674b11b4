"""Device simulators that speak each protocol for real, for the tests and the demo.

Serial devices live on a pseudo-terminal: the application opens the pty's path (or a stable
symbolic link to it) exactly as it opens ``/dev/ttyUSB0``. :meth:`PtyDevice.unplug` closes the
pty as a pulled USB cable does, :meth:`PtyDevice.replug` opens a new one behind the same link.
The label printer listens on a loopback TCP port like a networked Zebra on 9100.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
import tty
from pathlib import Path

from . import scale_protocols as sp

STX, ETX = b"\x02", b"\x03"


class PtyDevice:
    """A serial device on a pseudo-terminal, served by one thread."""

    tick_s = 0.05

    def __init__(self, link: Path | None = None):
        self.link = link
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._open()
        self._thread = threading.Thread(
            target=self._run, name=f"sim-{type(self).__name__}", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return str(self.link) if self.link else self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def _open(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        self._master, self._slave = master, slave
        self._slave_name = os.ttyname(slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self._slave_name)
            os.replace(tmp, self.link)

    def unplug(self) -> None:
        """Like pulling the USB cable: the port disappears and open handles fail."""
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None
            if self.link:
                with contextlib.suppress(FileNotFoundError):
                    self.link.unlink()

    def replug(self) -> None:
        with self._lock:
            if self._master is None:
                self._open()

    def write(self, data: bytes) -> None:
        with self._lock:
            if self._master is not None:
                with contextlib.suppress(OSError):
                    os.write(self._master, data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.unplug()

    def __enter__(self) -> PtyDevice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            master = self._master
            if master is None:
                time.sleep(self.tick_s)
                continue
            try:
                ready, _, _ = select.select([master], [], [], self.tick_s)
                data = os.read(master, 4096) if ready else b""
            except (OSError, ValueError):  # unplugged meanwhile
                continue
            if data:
                self.on_bytes(data)
            self.on_tick()

    def on_bytes(self, data: bytes) -> None:
        """Bytes the application sent."""

    def on_tick(self) -> None:
        """Called about every ``tick_s`` seconds (streaming devices send here)."""


class ScaleSimulator(PtyDevice):
    """A scale speaking MT-SICS, NCI or CAS continuous output. Set ``grams``, ``stable``,
    ``overload``, ``underload`` or ``silent`` to change what it reports."""

    def __init__(self, protocol: str = "sics", link: Path | None = None, *, grams: float = 0.0,
                 unit: str = "g"):  # fmt: skip
        self.protocol = protocol
        self.grams = grams
        self.unit = unit
        self.stable = True
        self.overload = False
        self.underload = False
        self.silent = False
        self.commands: list[str] = []
        self._buffer = b""
        self._last_frame = 0.0
        super().__init__(link)

    def _value(self) -> float:
        return self.grams / sp.UNIT_GRAMS[self.unit]

    def _shown(self) -> str:
        return f"{self._value():>10.{2 if self.unit == 'g' else 3}f}"

    def on_bytes(self, data: bytes) -> None:
        self._buffer += data
        separator = b"\r" if self.protocol == "nci" else b"\n"
        while separator in self._buffer:
            line, self._buffer = self._buffer.split(separator, 1)
            command = line.strip(b"\r\n").decode("ascii", errors="replace")
            self.commands.append(command)
            if not self.silent:
                reply = self._sics(command) if self.protocol == "sics" else self._nci(command)
                if reply:
                    self.write(reply)

    def _sics(self, command: str) -> bytes:
        if command in ("S", "SI"):
            if self.overload:
                return b"S +\r\n"
            if self.underload:
                return b"S -\r\n"
            if command == "S" and not self.stable:
                return b"S I\r\n"
            kind = "S" if self.stable else "D"
            return f"S {kind} {self._shown()} {self.unit}\r\n".encode()
        if command == "Z":
            self.grams = 0.0
            return b"Z A\r\n"
        if command == "T":
            return f"T S {self._shown()} {self.unit}\r\n".encode()
        if command == "@":
            return b'I4 A "0123456789"\r\n'
        return b"ES\r\n"

    def _nci(self, command: str) -> bytes:
        status = sp.nci_status_bytes(motion=not self.stable, at_zero=self.grams == 0,
                                     under=self.underload, over=self.overload)  # fmt: skip
        if command == "W":
            weight = "------" if self.overload or self.underload else f"{self._value():07.2f}"
            return b"\n" + f"{weight}{self.unit}".encode() + b"\r\n" + status + b"\r\x03"
        if command == "S":
            return b"\n" + status + b"\r\x03"
        if command == "Z":
            self.grams = 0.0
            return b"\n" + status + b"\r\x03"
        return b"\n?\r\x03"

    def on_tick(self) -> None:
        if self.protocol != "cas" or self.silent:
            return
        now = time.monotonic()
        if now - self._last_frame >= 0.1:
            self._last_frame = now
            self.write(sp.cas_frame(self.grams, stable=self.stable, overload=self.overload))


class ScannerSimulator(PtyDevice):
    """A USB-CDC barcode scanner: each scan is the data plus the programmed suffix."""

    def __init__(self, link: Path | None = None, *, suffix: bytes = b"\r"):
        self.suffix = suffix
        super().__init__(link)

    def scan(self, data: str | bytes, aim: str = "") -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self.write(aim.encode("ascii") + payload + self.suffix)


class RfidSimulator(PtyDevice):
    """A UHF reader streaming the EPCs in its field, each tag many times a second, one line per
    read: ``<EPC hex>,RSSI=-57,ANT=1``."""

    def __init__(self, link: Path | None = None, *, tags: set[str] | None = None):
        self.tags: set[str] = set(tags or ())
        self.reads_per_tick = 2
        super().__init__(link)

    def on_tick(self) -> None:
        lines = b"".join(
            f"{epc},RSSI=-{50 + i % 20},ANT={1 + i % 2}\r\n".encode("ascii")
            for epc in sorted(self.tags)
            for i in range(self.reads_per_tick)
        )
        if lines:
            self.write(lines)


class PrinterSimulator:
    """A ZPL label printer on a loopback TCP port: stores each ``^XA...^XZ`` job it receives and
    answers ``~HS``. Set ``paper_out``, ``head_open``, ``paused`` or ``silent``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.jobs: list[bytes] = []
        self.paper_out = self.head_open = self.paused = self.silent = False
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.1)
        self.host, self.port = self._server.getsockname()[:2]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="sim-printer", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def status_reply(self) -> bytes:
        one = f"030,{int(self.paper_out)},{int(self.paused)},1218,000,0,0,0,000,0,0,0"
        two = f"000,0,{int(self.head_open)},0,0,2,6,0,00000000,1,000"
        return b"".join(STX + line.encode() + ETX + b"\r\n" for line in (one, two, "1234,0"))

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        buffer = b""
        idle_since = time.monotonic()
        while not self._stop.is_set() and time.monotonic() - idle_since < 5:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            idle_since = time.monotonic()
            buffer += chunk
            while b"~HS" in buffer:
                before, _, buffer = buffer.partition(b"~HS")
                buffer = before + buffer
                if not self.silent:
                    conn.sendall(self.status_reply())
            while b"^XZ" in buffer:
                job, _, buffer = buffer.partition(b"^XZ")
                start = job.find(b"^XA")
                with self._lock:
                    self.jobs.append(job[start if start >= 0 else 0 :] + b"^XZ")

    def job_count(self) -> int:
        with self._lock:
            return len(self.jobs)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    def __enter__(self) -> PrinterSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
