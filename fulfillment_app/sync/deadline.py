"""Sockets for the store client that keep a whole-request deadline and notice a stop.

httpx's time-outs are per phase: the read time-out starts again at every byte, so a store that
trickles one byte a second never times out, and a blocked read does not look at the sync's
stop event. This network backend (plugged into httpx's connection pool) cuts every socket
wait into slices of at most :data:`SLICE_S` and checks, between slices, the monotonic deadline
of the request in flight and the stop event. Each wait also keeps its own phase time-out
(what httpx asked for), so both limits hold.
"""

from __future__ import annotations

import errno
import math
import os
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

#: The longest a socket call blocks before the deadline and the stop event are looked at.
SLICE_S = 0.25


class Guard:
    """The limits of the request in flight: set by the client before each request."""

    def __init__(self, stop: threading.Event):
        self.stop = stop
        self.deadline = math.inf  # time.monotonic() value; inf: none
        self.why: str | None = None  # "deadline" or "stopped" once a wait was cut short

    def start(self, deadline: float) -> None:
        self.deadline, self.why = deadline, None

    def left(self, phase_end: float, timeout_exc: type[Exception]) -> float:
        """Seconds the next socket wait may take; raises when a limit is reached."""
        if self.stop.is_set():
            self.why = "stopped"
            raise httpcore.ReadError("the sync is being stopped")
        now = time.monotonic()
        if now >= self.deadline:
            self.why = "deadline"
            raise timeout_exc("the request took longer than its deadline")
        if now >= phase_end:
            raise timeout_exc("timed out")
        return min(SLICE_S, self.deadline - now, phase_end - now)


def _end(timeout: float | None) -> float:
    return math.inf if timeout is None else time.monotonic() + timeout


class GuardedStream(httpcore.NetworkStream):
    def __init__(self, sock: socket.socket, guard: Guard):
        self._sock = sock
        self._guard = guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        end = _end(timeout)
        while True:
            self._sock.settimeout(self._guard.left(end, httpcore.ReadTimeout))
            try:
                return self._sock.recv(max_bytes)
            except TimeoutError:
                continue  # one slice without data: look at the limits again
            except OSError as exc:
                raise httpcore.ReadError(str(exc)) from exc

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        end = _end(timeout)
        while buffer:
            self._sock.settimeout(self._guard.left(end, httpcore.WriteTimeout))
            try:
                sent = self._sock.send(buffer)
            except TimeoutError:
                continue
            except OSError as exc:
                raise httpcore.WriteError(str(exc)) from exc
            buffer = buffer[sent:]

    def close(self) -> None:
        self._sock.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        end = _end(timeout)
        try:
            self._sock.settimeout(self._guard.left(end, httpcore.ConnectTimeout))
            self._sock.setblocking(False)
            tls = ssl_context.wrap_socket(
                self._sock, server_hostname=server_hostname, do_handshake_on_connect=False
            )
            while True:  # the handshake in slices, like every other wait
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    select.select([tls], [], [], self._guard.left(end, httpcore.ConnectTimeout))
                except ssl.SSLWantWriteError:
                    select.select([], [tls], [], self._guard.left(end, httpcore.ConnectTimeout))
            tls.setblocking(True)
        except (httpcore.ConnectTimeout, httpcore.ReadError):
            self.close()
            raise
        except OSError as exc:
            self.close()
            raise httpcore.ConnectError(str(exc)) from exc
        return GuardedStream(tls, self._guard)

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object" and isinstance(self._sock, ssl.SSLSocket):
            return self._sock._sslobj  # type: ignore[attr-defined]  # as httpcore does
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "socket":
            return self._sock
        if info == "is_readable":
            try:
                readable, _, _ = select.select([self._sock], [], [], 0)
            except (OSError, ValueError):
                return True
            return bool(readable)
        return None


class GuardedBackend(httpcore.NetworkBackend):
    def __init__(self, guard: Guard):
        self.guard = guard

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        end = _end(timeout)
        error: OSError | None = None
        try:
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        for family, kind, proto, _, address in addresses:
            sock = socket.socket(family, kind, proto)
            try:
                if local_address is not None:
                    sock.bind((local_address, 0))
                sock.setblocking(False)
                code = sock.connect_ex(address)
                while code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
                    wait = self.guard.left(end, httpcore.ConnectTimeout)
                    _, writable, _ = select.select([], [sock], [], wait)
                    if writable:
                        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise OSError(code, os.strerror(code))
                sock.setblocking(True)
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return GuardedStream(sock, self.guard)
            except OSError as exc:
                sock.close()
                error = exc
            except BaseException:
                sock.close()
                raise
        raise httpcore.ConnectError(str(error or f"{host} has no address"))

    def sleep(self, seconds: float) -> None:
        self.guard.stop.wait(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (TLS settings, proxies, the pool) on the guarded sockets."""

    def __init__(self, guard: Guard, **options: Any):
        super().__init__(**options)
        # httpcore's pools take a network backend, httpx does not pass one through: set it
        # on the pool httpx made (tests/test_sync_deadline.py fails if this stops working).
        self._pool._network_backend = GuardedBackend(guard)
