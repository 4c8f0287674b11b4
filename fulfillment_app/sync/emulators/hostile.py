"""Servers on loopback that are not a store, or a store gone bad, for the tests and to try
how a station copes (plain sockets: they misbehave below HTTP, where a real server would not).

- ``trickle``: a valid JSON answer, one byte every ``interval_s`` seconds (a slow-loris store:
  each byte restarts a read time-out);
- ``silent``: accepts the connection, reads the request and never answers;
- ``page``: a web page (HTML) with the given ``status``, as a web site, a parking page or a
  proxy's error page answers a path it does not know.

With ``tls`` (a server-side SSL context) each of them speaks HTTPS.
"""

from __future__ import annotations

import socket
import ssl
import threading
from typing import Self

PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\n<body>\n"
    + b"<h1>Welcome to our web site</h1>\n" * 40
    + b"</body></html>\n"
)


class HostileServer:
    def __init__(
        self,
        kind: str,
        *,
        interval_s: float = 2.0,
        status: int = 404,
        body: bytes = b'{"orders": []}',
        tls: ssl.SSLContext | None = None,
    ):
        if kind not in ("trickle", "silent", "page"):
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self.interval_s = interval_s
        self.status = status
        self.body = body
        self.tls = tls  # serve HTTPS with this context
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, name=f"hostile-{kind}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> Self:
        self._accept.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            if self.tls is not None:
                try:
                    conn.settimeout(5)
                    conn = self.tls.wrap_socket(conn, server_side=True)
                except OSError:
                    conn.close()
                    continue
            thread = threading.Thread(target=self._answer, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _read_request(self, conn: socket.socket) -> bool:
        data = b""
        conn.settimeout(0.1)
        while b"\r\n\r\n" not in data and not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                return False
            data += chunk
        return not self._stop.is_set()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                while self._read_request(conn):
                    if self.kind == "silent":
                        self._stop.wait()
                        return
                    if self.kind == "page":
                        conn.sendall(self._head(self.status, "text/html; charset=utf-8", PAGE))
                        conn.sendall(PAGE)
                        continue
                    conn.sendall(self._head(200, "application/json", self.body))
                    for byte in self.body:
                        if self._stop.wait(self.interval_s):
                            return
                        conn.sendall(bytes([byte]))
            except OSError:  # the client gave up and closed: as it should
                return

    @staticmethod
    def _head(status: int, kind: str, body: bytes) -> bytes:
        return (
            f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
