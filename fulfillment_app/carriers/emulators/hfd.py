"""HFD's REST v2 API (and Run's ``ship_status_xml`` on the same host) on loopback, for the
tests, the demo and the benchmarks.

It keeps its OWN records: ``emulator.shipments[reference]`` lists every shipment created with
that reference (so "exactly one at the courier" is ``len(...) == 1``), ``emulator.by_number``
finds them by shipment number.

Switches for what HFD has not confirmed: ``label_format`` ("pdf" or "png": the label carries a
Code 128 barcode of the shipment number), ``lookup`` (``GET /shipments?referenceNum1=`` exists
or answers 404). Faults (``HfdFaults``): ``refused`` (429 before anything is done), ``5xx``
(a server error before anything is done), ``timeout-after-create`` (the shipment IS created,
then the answer stalls and the connection is dropped), ``malformed`` (the work is done and the
answer is cut short); ``latency_s`` slows every answer. ``expire_token()`` makes the current
token fail with 401 until ``new_token()`` issues another; cities in ``unknown_cities`` are
refused with an ``errorMessage`` (a refused address); ``advance(number, status)`` moves a
shipment along (``ship_status_xml`` answers in Windows-1255).

For exactly-once with faults, run it with ``lookup=True`` and give the carrier the option
``lookup = "yes"``; without the look-up an unknown outcome can only be held for a person.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import io
import json
import logging
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self
from urllib.parse import parse_qsl, unquote, urlsplit
from xml.sax.saxutils import escape

from fulfillment_app.carriers.base import TrackingStatus

from .faults import CourierFaults

log = logging.getLogger(__name__)

FAULTS = ("refused", "5xx", "timeout-after-create", "malformed")
API = "/rest/v2"
STATUS_PATH = "/RunCom.Server/Request.aspx"

#: Run's codes for our statuses, with the courier's Hebrew descriptions.
CODES: dict[TrackingStatus, tuple[str, str]] = {
    TrackingStatus.CREATED: ("5", "נקלט"),
    TrackingStatus.COLLECTED: ("10", "נאסף"),
    TrackingStatus.IN_TRANSIT: ("20", "בדרך"),
    TrackingStatus.OUT_FOR_DELIVERY: ("30", "יצא לחלוקה"),
    TrackingStatus.DELIVERED: ("40", "נמסר"),
    TrackingStatus.RETURNED: ("50", "הוחזר לשולח"),
    TrackingStatus.FAILED: ("60", "מסירה נכשלה"),
}

POINTS = [
    {
        "spotId": 1001,
        "spotName": "לוקר ePost דיזנגוף סנטר",
        "city": "תל אביב",
        "street": "דיזנגוף",
        "houseNo": "50",
        "latitude": 32.0754,
        "longitude": 34.7747,
        "spotType": "locker",
    },
    {
        "spotId": 1002,
        "spotName": "סופר פארם הרצל",
        "city": "תל אביב",
        "street": "הרצל",
        "houseNo": "12",
        "latitude": 32.0621,
        "longitude": 34.7708,
        "spotType": "store",
    },
    {
        "spotId": 2001,
        "spotName": "לוקר ePost קניון מלחה",
        "city": "ירושלים",
        "street": 'דרך אגודת הספורט בית"ר',
        "houseNo": "1",
        "latitude": 31.7515,
        "longitude": 35.1876,
        "spotType": "locker",
    },
]


@dataclass
class HfdFaults(CourierFaults):
    """HFD's faults: refused, 5xx (nothing created), a time-out after the courier created the
    shipment, a malformed answer."""

    KNOWN: ClassVar[tuple[str, ...]] = FAULTS
    stall_s: float = 0.1
    seed: int = 16


@dataclass
class HfdShipment:
    number: str
    rand: str
    reference: str
    body: dict[str, Any]
    created_at: datetime
    cancelled: bool = False
    #: (code, Hebrew description, Israel local time as "DD/MM/YYYY", "HH:MM")
    events: list[tuple[str, str, str, str]] = field(default_factory=list)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_token(secret: bytes, *, expires: datetime, subject: str = "3000") -> str:
    """A JWT (HS256) like the ones HFD's portal issues, with ``exp``."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": subject, "exp": int(expires.timestamp())}
    payload = _b64(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


class HfdEmulator:
    def __init__(
        self,
        *,
        client_number: str = "3000",
        faults: HfdFaults | None = None,
        label_format: str = "pdf",
        lookup: bool = False,
        token_days: float = 365,
        port: int = 0,
    ):
        if label_format not in ("pdf", "png"):
            raise ValueError("label_format is 'pdf' or 'png'")
        self.client_number = client_number
        self.faults = faults or HfdFaults()
        self.label_format = label_format
        self.lookup = lookup
        self.token_days = token_days
        self.lock = threading.RLock()
        self.shipments: dict[str, list[HfdShipment]] = {}
        self.by_number: dict[str, HfdShipment] = {}
        self.requests = 0
        #: Cities whose addresses HFD refuses (a "refused address").
        self.unknown_cities: set[str] = {"Nowhere", "לא ידוע"}
        self.points = [dict(p) for p in POINTS]
        self._secret = b"hfd-emulator"
        self._next = 70_000_001
        self._rand = random.Random(self.faults.seed + 1)
        self.token = ""
        self.new_token()
        self._server = _Server(("127.0.0.1", port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="emulator-hfd", daemon=True
        )

    # -- for the tests

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The REST v2 base address (what a carrier's ``url`` is set to)."""
        return f"http://127.0.0.1:{self.port}{API}"

    def new_token(self, *, days: float | None = None) -> str:
        """Issue a new token (the portal's "new token"); the previous one stops working."""
        with self.lock:
            expires = datetime.now(UTC) + timedelta(days=self.token_days if days is None else days)
            self.token = make_token(self._secret, expires=expires, subject=self.client_number)
            return self.token

    def expire_token(self) -> None:
        """The current token stops working (401) until ``new_token()``."""
        with self.lock:
            self.token = ""

    def count(self, reference: str) -> int:
        """Shipments created with ``reference`` and not cancelled."""
        with self.lock:
            return sum(not s.cancelled for s in self.shipments.get(reference, []))

    def advance(
        self, number: str, status: TrackingStatus | str, at: datetime | None = None
    ) -> None:
        """The courier scans the parcel: a new status in its history (``status`` is ours or
        Run's code)."""
        status = TrackingStatus(status) if status in set(TrackingStatus) else status
        if isinstance(status, TrackingStatus):
            code, text = CODES[status]
        else:
            code, text = str(status), f"סטטוס {status}"
        local = (at or datetime.now(UTC)).astimezone(_israel())
        with self.lock:
            self.by_number[number].events.append(
                (code, text, local.strftime("%d/%m/%Y"), local.strftime("%H:%M"))
            )

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._server.drop_all()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @contextlib.contextmanager
    def no_faults(self) -> Any:
        rate, self.faults.rate = self.faults.rate, 0.0
        try:
            yield
        finally:
            self.faults.rate = rate

    # -- the API

    def authorized(self, headers: dict[str, str]) -> bool:
        with self.lock:
            token = self.token
        given = headers.get("authorization", "")
        return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())

    def create(self, body: dict[str, Any]) -> tuple[int, Any]:
        for key in ("nameTo", "cityName", "streetName", "referenceNum1"):
            if not str(body.get(key) or "").strip():
                return 200, {"errorMessage": f"שדה חובה חסר: {key}"}
        if str(body.get("clientNumber")) != self.client_number:
            return 200, {"errorMessage": "מספר לקוח שגוי"}
        if str(body["cityName"]).strip() in self.unknown_cities:
            return 200, {"errorMessage": f"Unknown city: {body['cityName']}"}
        if str(body.get("shipmentTypeCode")) == "50":
            known = {str(p["spotId"]) for p in self.points}
            if str(body.get("pudoCodeDestination", "")) not in known:
                return 200, {"errorMessage": "נקודת איסוף לא קיימת"}
        with self.lock:
            number = str(self._next)
            self._next += 1
            record = HfdShipment(
                number=number,
                rand=str(self._rand.randrange(10**8, 10**9)),
                reference=str(body["referenceNum1"]),
                body=body,
                created_at=datetime.now(UTC),
            )
            self.shipments.setdefault(record.reference, []).append(record)
            self.by_number[number] = record
        self.advance(number, TrackingStatus.CREATED)
        return 200, {"shipmentNumber": int(number), "randNumber": int(record.rand)}

    def find(self, reference: str) -> tuple[int, Any]:
        with self.lock:
            items = [
                {
                    "shipmentNumber": int(s.number),
                    "randNumber": int(s.rand),
                    "referenceNum1": s.reference,
                }
                for s in self.shipments.get(reference, [])
                if not s.cancelled
            ]
        return 200, {"shipments": items}

    def cancel(self, number: str) -> tuple[int, Any]:
        with self.lock:
            record = self.by_number.get(number)
            if record is None:
                return 404, {"errorMessage": "משלוח לא נמצא"}
            record.cancelled = True
        return 200, {"status": "OK"}

    def label(self, number: str) -> tuple[int, bytes, str]:
        with self.lock:
            record = self.by_number.get(number)
        if record is None:
            return 404, json.dumps({"errorMessage": "משלוח לא נמצא"}).encode(), "application/json"
        if self.label_format == "png":
            return 200, png_label(record), "image/png"
        return 200, pdf_label(record), "application/pdf"

    def status_xml(self, arguments: str) -> bytes:
        number = arguments.removeprefix("-N").removeprefix("-A").strip()
        with self.lock:
            record = self.by_number.get(number)
            events = list(record.events) if record else []
        if record is None:
            inner = "<shgiya_yn>y</shgiya_yn><message>משלוח לא נמצא</message>"
        else:
            inner = "".join(
                "<ship_status>"
                f"<ship_no>{number}</ship_no><status_code>{code}</status_code>"
                f"<status_desc>{escape(text)}</status_desc>"
                f"<status_date>{date}</status_date><status_time>{clock}</status_time>"
                "</ship_status>"
                for code, text, date, clock in events
            )
        xml = (
            '<?xml version="1.0" encoding="windows-1255"?>'
            f"<root><mydata><answer>{inner}</answer></mydata></root>"
        )
        return xml.encode("cp1255")

    def points_near(self, body: dict[str, Any]) -> tuple[int, Any]:
        city = str(body.get("city", "")).strip()
        found = [p for p in self.points if not city or p["city"] == city]
        return 200, found


def _israel() -> Any:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Jerusalem")
    except Exception:  # noqa: BLE001 - no time-zone data on this machine
        return timezone(timedelta(hours=2))


def pdf_label(record: HfdShipment) -> bytes:
    """A 100 x 150 mm label with a Code 128 barcode of the shipment number."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(100 * mm, 150 * mm))
    pdf.setTitle(f"HFD {record.number}")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(8 * mm, 138 * mm, "HFD")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(8 * mm, 130 * mm, f"Ref {record.reference}")
    barcode = Code128(record.number, barHeight=25 * mm, barWidth=0.5 * mm, quiet=True)
    barcode.drawOn(pdf, 8 * mm, 60 * mm)
    pdf.drawString(8 * mm, 52 * mm, record.number)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def png_label(record: HfdShipment) -> bytes:
    """The same label as an image (203 dpi)."""
    import barcode
    from barcode.writer import ImageWriter

    image = barcode.Code128(record.number, writer=ImageWriter()).render(
        writer_options={"write_text": False, "module_width": 0.5, "module_height": 25, "dpi": 203}
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("hfd emulator: %s %s", self.command, urlsplit(self.path).path)

    def _serve(self) -> None:
        emulator = self.server.emulator
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        with emulator.lock:
            emulator.requests += 1
        if emulator.faults.latency_s > 0:
            time.sleep(emulator.faults.latency_s)
        fault = emulator.faults.pick()
        if fault == "refused":
            self._send(429, {"errorMessage": "Too many requests"}, {"Retry-After": "1"})
            return
        if fault == "5xx":
            self._send(503, {"message": "Service Unavailable"})
            return
        if not emulator.authorized(headers):
            self._send(401, {"message": "Unauthorized"})
            return
        path = parts.path
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            self._send(400, {"errorMessage": "Invalid JSON"})
            return
        status: int
        answer: Any
        content_type = "application/json; charset=utf-8"
        if self.command == "POST" and path == f"{API}/shipments/create":
            status, answer = emulator.create(body)
        elif self.command == "GET" and path == f"{API}/shipments":
            if not emulator.lookup:
                status, answer = 404, {"message": "Not Found"}
            else:
                status, answer = emulator.find(query.get("referenceNum1", ""))
        elif path.startswith(f"{API}/shipments/") and path.endswith("/label"):
            number = unquote(path[len(f"{API}/shipments/") : -len("/label")])
            status, answer, content_type = emulator.label(number)
        elif self.command == "DELETE" and path.startswith(f"{API}/shipments/"):
            status, answer = emulator.cancel(unquote(path[len(f"{API}/shipments/") :]))
        elif self.command == "POST" and path == f"{API}/epost-points/get-list-by-address":
            status, answer = emulator.points_near(body)
        elif self.command == "GET" and path == STATUS_PATH:
            if query.get("PRGNAME") != "ship_status_xml":
                status, answer = 404, {"message": "Not Found"}
            else:
                status = 200
                answer = emulator.status_xml(query.get("ARGUMENTS", ""))
                content_type = "text/xml; charset=windows-1255"
        else:
            status, answer = 404, {"message": "Not Found"}
        if fault == "timeout-after-create":
            time.sleep(emulator.faults.stall_s)
            self._drop()
            return
        self._send(status, answer, content_type=content_type, truncate=fault == "malformed")

    do_GET = do_POST = do_DELETE = _serve

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(
        self,
        status: int,
        answer: Any,
        headers: dict[str, str] | None = None,
        *,
        content_type: str = "application/json; charset=utf-8",
        truncate: bool = False,
    ) -> None:
        if isinstance(answer, bytes):
            data = answer
        else:
            data = json.dumps(answer, ensure_ascii=False).encode()
        if truncate and len(data) > 2:
            data = data[: len(data) // 2]
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
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

    def __init__(self, address: tuple[str, int], emulator: HfdEmulator):
        self.emulator = emulator
        self.open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self.open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self.open.discard(request)
        super().shutdown_request(request)

    def drop_all(self) -> None:
        """Close the kept-alive connections, so their threads end with the emulator."""
        with self._open_lock:
            sockets = list(self.open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
