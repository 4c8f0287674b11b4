"""A Run (RunCom WS Simple) courier on loopback, for tests, the demo and the benchmarks.

``GET /RunCom.Server/Request.aspx?APPNAME=run&PRGNAME=...&ARGUMENTS=-N..,-A..`` with a Bearer
token. Programs: ``ship_create_anonymous`` (42 arguments), ``ship_status_xml``, the label
program (``ship_print_ws``: a ZPL label with a Code 128 of the number), and behind switches a
lookup by reference and a cancel program (unconfirmed at the real couriers). It keeps its own
records, one per shipment with the count of creates per reference, so a test can tell "exactly
one shipment at the courier".

Faults, per request at ``Faults.rate``: ``refused`` (429: nothing created), ``5xx`` (a 502/503
from the gateway: nothing created), ``timeout`` (the shipment IS created, the answer never
comes), ``malformed`` (created, the answer cut short into garbage). Answers are XML or text
(P36), in UTF-8 or Windows-1255, with or without the charset declared; ``latency_s`` slows
every answer (a slow courier).
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from .faults import CourierFaults

log = logging.getLogger(__name__)

FAULTS = ("refused", "5xx", "timeout", "malformed")
ISRAEL = ZoneInfo("Asia/Jerusalem")
DESCRIPTIONS = {
    "5": "נקלט",
    "7": "במחסן",
    "10": "נאסף",
    "20": "בדרך",
    "30": "יצא לחלוקה",
    "40": "נמסר",
    "50": "הוחזר",
    "60": "נכשל",
}


@dataclass
class Faults(CourierFaults):
    """Run's faults (also Baldar's): refused, 5xx, a time-out after the courier created the
    shipment, a malformed answer."""

    KNOWN: ClassVar[tuple[str, ...]] = FAULTS


@dataclass
class Answer:
    status: int = 200
    text: str = ""
    content_type: str = "text/plain"
    data: bytes | None = None  # raw bytes (labels) instead of text
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Incoming:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


class TextEmulator:
    """A courier's HTTP server in a thread of its own; subclasses answer the requests.

    ``charset`` is what answers are written in; ``declare_charset`` False leaves it out of the
    headers (the client must guess). Shared by the Run and Baldar emulators."""

    name = "courier"

    def __init__(
        self,
        *,
        token: str = "run_demo",  # noqa: S107 - the emulator's published demo token
        faults: Faults | None = None,
        charset: str = "utf-8",
        declare_charset: bool = True,
        request_charset: str = "utf-8",
    ):
        self.token = token
        #: The charset the courier reads percent-encoded arguments in.
        self.request_charset = request_charset
        self.faults = faults or Faults()
        self.charset = charset
        self.declare_charset = declare_charset
        self.requests = 0
        self.lock = threading.RLock()
        self._server = _Server(("127.0.0.1", 0), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"emulator-{self.name}", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def expire_token(self) -> None:
        """The token stops working (as a JWT past its ``exp``); a new one is ``set_token``."""
        self.token = ""

    def set_token(self, token: str) -> None:
        self.token = token

    def authorised(self, request: Incoming) -> bool:
        return bool(self.token) and request.headers.get("authorization") == f"Bearer {self.token}"

    def handle(self, request: Incoming, fault: str | None) -> Answer:
        raise NotImplementedError

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        # Kept-alive connections of clients not closed yet: their threads end with them.
        with self.lock:
            open_now = list(self._server.connections)
        for connection in open_now:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @contextlib.contextmanager
    def no_faults(self) -> Iterator[None]:
        rate, self.faults.rate = self.faults.rate, 0.0
        try:
            yield
        finally:
            self.faults.rate = rate

    def encode(self, answer: Answer) -> tuple[bytes, str]:
        if answer.data is not None:
            return answer.data, answer.content_type
        body = answer.text
        if answer.content_type.endswith("xml") and body.startswith("<"):
            declared = f'<?xml version="1.0" encoding="{self.charset}"?>'
            body = (declared if self.declare_charset else "") + body
        kind = answer.content_type
        if self.declare_charset:
            kind += f"; charset={self.charset}"
        return body.encode(self.charset, errors="replace"), kind


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.emulator.lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.emulator.lock:
            self.server.connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("courier emulator: %s %s", self.command, urlsplit(self.path).path)

    def _serve(self) -> None:
        emulator = self.server.emulator
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Incoming(
            method=self.command,
            path=parts.path,
            query=dict(
                parse_qsl(parts.query, keep_blank_values=True, encoding=emulator.request_charset)
            ),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        with emulator.lock:
            emulator.requests += 1
        if emulator.faults.latency_s > 0:
            time.sleep(emulator.faults.latency_s)
        fault = emulator.faults.pick()
        if fault == "refused":
            self._send(Answer(429, "Too many requests", headers={"Retry-After": "1"}))
            return
        if fault == "5xx":
            self._send(Answer(random.choice([502, 503]), "Service Unavailable"))
            return
        try:
            answer = emulator.handle(request, fault)
        except Exception:  # the emulator itself failed: answer like a server would
            log.exception("courier emulator failed on %s", request.path)
            answer = Answer(500, "Server error")
        if fault == "timeout":
            time.sleep(emulator.faults.stall_s)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        data, kind = emulator.encode(answer)
        if fault == "malformed":
            data = data[: len(data) // 3] + b"\xff\xfe<<"
        self._send(answer, data, kind)

    do_GET = do_POST = _serve

    def _send(self, answer: Answer, data: bytes | None = None, kind: str = "") -> None:
        if data is None:
            data = answer.text.encode()
            kind = "text/plain"
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", kind)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: TextEmulator):
        self.emulator = emulator
        self.connections: set[socket.socket] = set()
        super().__init__(address, _Handler)


# --- Run ---------------------------------------------------------------------------------------


@dataclass
class RunRecord:
    number: str
    rand: str
    reference: str
    arguments: list[tuple[str, str]]  # (N|A, value) per slot, P1 first
    history: list[tuple[str, datetime]] = field(default_factory=list)  # (code, when)
    cancelled: bool = False

    def slot(self, position: int) -> str:
        """The value sent in P<position>."""
        return self.arguments[position - 1][1]


class RunEmulator(TextEmulator):
    name = "run"

    def __init__(
        self,
        *,
        client_number: str = "1234",
        lookup_program: str = "",
        cancel_program: str = "",
        label_program: str = "ship_print_ws",
        label_format: str = "zpl",
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.client_number = client_number
        self.lookup_program = lookup_program
        self.cancel_program = cancel_program
        self.label_program = label_program
        #: "zpl" (for a thermal printer as it is) or "pdf" (10 × 15 cm, to be rasterised).
        self.label_format = label_format
        #: Every shipment created, by number; ``counts`` how many times each reference was.
        self.by_number: dict[str, RunRecord] = {}
        self.shipments: dict[str, RunRecord] = {}  # by our reference (P22), the last one
        self.counts: dict[str, int] = {}
        #: Cities the courier does not serve: a create to them is refused with a message.
        self.refused_cities: set[str] = set()
        self._next = 50_000_001
        self._random = random.Random(3)

    def advance(self, number: str, code: str, when: datetime | None = None) -> None:
        """The courier's status of a shipment moves on (a code of its own: 10, 20, 40...)."""
        with self.lock:
            self.by_number[number].history.append((code, when or datetime.now(ISRAEL)))

    def handle(self, request: Incoming, fault: str | None) -> Answer:
        if request.path != "/RunCom.Server/Request.aspx":
            return Answer(404, "Not found")
        if not self.authorised(request):
            return Answer(401, "Unauthorized: the token is invalid or has expired")
        program = request.query.get("PRGNAME", "")
        arguments = _split(request.query.get("ARGUMENTS", ""))
        if program == "ship_create_anonymous":
            return self._create(arguments)
        if program == "ship_status_xml":
            return self._status(arguments)
        if program and program == self.label_program:
            return self._label(arguments)
        if program and program == self.lookup_program:
            return self._lookup(arguments)
        if program and program == self.cancel_program:
            return self._cancel(arguments)
        return _error(False, f"תוכנית לא מוכרת {program}", "2")

    def _create(self, arguments: list[tuple[str, str]]) -> Answer:
        xml = len(arguments) > 35 and arguments[35][1].upper() == "XML"
        if len(arguments) != 42:
            return _error(xml, f"מספר ארגומנטים שגוי ({len(arguments)})", "1")
        if arguments[0][1] != self.client_number:
            return _error(xml, "מספר לקוח לא מוכר", "3")
        chosen = arguments[34][1] or arguments[36][1] not in ("", "N")
        if not arguments[10][1]:
            return _error(xml, "חסר שם נמען", "11")
        if not chosen and (not arguments[12][1] or not arguments[14][1]):
            return _error(xml, "כתובת לא תקינה: חסרים עיר או רחוב", "12")
        if arguments[12][1] in self.refused_cities:
            return _error(xml, f"היישוב {arguments[12][1]} אינו באזור החלוקה", "13")
        with self.lock:
            number = str(self._next)
            self._next += 1
            rand = str(self._random.randint(100_000, 999_999))
            reference = arguments[21][1]
            record = RunRecord(number, rand, reference, arguments)
            record.history.append(("5", datetime.now(ISRAEL)))
            self.by_number[number] = record
            self.shipments[reference] = record
            self.counts[reference] = self.counts.get(reference, 0) + 1
        return _created(xml, record)

    def _status(self, arguments: list[tuple[str, str]]) -> Answer:
        number = arguments[1][1] if len(arguments) > 1 else ""
        with self.lock:
            record = self.by_number.get(number)
            history = list(record.history) if record else []
        if record is None:
            return _error(True, f"משלוח {number} לא נמצא", "4")
        rows = "".join(
            "<status>"
            f"<status_code>{code}</status_code>"
            f"<status_desc>{escape(DESCRIPTIONS.get(code, ''))}</status_desc>"
            f"<status_date>{when.strftime('%d/%m/%Y')}</status_date>"
            f"<status_time>{when.strftime('%H:%M:%S')}</status_time>"
            "</status>"
            for code, when in history
        )
        return Answer(
            text=f"<root><mydata><ship_no>{number}</ship_no><statuses>{rows}</statuses>"
            "</mydata></root>",
            content_type="text/xml",
        )

    def _label(self, arguments: list[tuple[str, str]]) -> Answer:
        number = arguments[0][1] if arguments else ""
        with self.lock:
            record = self.by_number.get(number)
        if record is None:
            return _error(False, f"משלוח {number} לא נמצא", "4")
        if self.label_format == "pdf":
            return Answer(data=_pdf_label(number, record.reference), content_type="application/pdf")
        zpl = (
            "^XA^CI28^PW800^LL1200"
            f"^FO40,40^A0N,40,40^FD{record.reference}^FS"
            f"^FO60,140^BY3^BCN,200,Y,N,N^FD{number}^FS^XZ"
        )
        return Answer(data=zpl.encode(), content_type="application/octet-stream")

    def _lookup(self, arguments: list[tuple[str, str]]) -> Answer:
        reference = arguments[1][1] if len(arguments) > 1 else ""
        with self.lock:
            record = self.shipments.get(reference)
        if record is None:
            return _error(True, f"לא נמצא משלוח עם האסמכתא {reference}", "4")
        return _created(True, record)

    def _cancel(self, arguments: list[tuple[str, str]]) -> Answer:
        number = arguments[1][1] if len(arguments) > 1 else ""
        with self.lock:
            record = self.by_number.get(number)
            if record is None:
                return _error(False, f"משלוח {number} לא נמצא", "4")
            record.cancelled = True
        return Answer(text=f"{number},0")


def _split(arguments: str) -> list[tuple[str, str]]:
    """``-N1,-Aמסירה,...`` → ``[("N", "1"), ("A", "מסירה"), ...]``."""
    if not arguments:
        return []
    out = []
    for part in arguments.split(","):
        if len(part) >= 2 and part[0] == "-" and part[1] in "NA":
            out.append((part[1], part[2:]))
        else:
            out.append(("?", part))
    return out


def _created(xml: bool, record: RunRecord) -> Answer:
    if xml:
        return Answer(
            text="<root><mydata><answer>"
            f"<ship_create_num>{record.number}</ship_create_num>"
            f"<ship_num_rand>{record.rand}</ship_num_rand>"
            "<shgiya_yn>n</shgiya_yn>"
            "</answer></mydata></root>",
            content_type="text/xml",
        )
    return Answer(text=f"{record.number},{record.rand}")


def _error(xml: bool, message: str, code: str) -> Answer:
    if xml:
        return Answer(
            text="<root><mydata><answer><ship_create_num>0</ship_create_num>"
            f"<shgiya_yn>y</shgiya_yn><message>{escape(message)}</message>"
            f"<code>{code}</code></answer></mydata></root>",
            content_type="text/xml",
        )
    return Answer(text=f"0,{message}|{code}")


def _pdf_label(number: str, reference: str) -> bytes:
    """A 10 × 15 cm label with a Code 128 of the shipment number, as a courier's PDF."""
    import io

    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(100 * mm, 150 * mm))
    page.setFont("Helvetica", 12)
    page.drawString(8 * mm, 135 * mm, reference)
    barcode = code128.Code128(number, barHeight=30 * mm, barWidth=0.5 * mm)
    barcode.drawOn(page, 8 * mm, 80 * mm)
    page.drawString(8 * mm, 72 * mm, number)
    page.showPage()
    page.save()
    return out.getvalue()
