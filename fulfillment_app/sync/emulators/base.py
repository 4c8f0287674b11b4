"""What both store emulators share: an HTTP server on loopback, the fault injector and the
generated shop (orders that change over time, fulfillments and notes recorded as the store
would keep them).

The emulators answer the documented request and response shapes of each platform (see the
store API notes); they exist so that the adapters, the demo and the benchmarks talk HTTP to
something real. Faults are injected per request at a configurable rate:

- ``429``: rate limited, with ``Retry-After``;
- ``5xx``: 500, 502 or 503;
- ``timeout``: the server stalls longer than the client waits (on writes, sometimes *after*
  doing the work: the client cannot know whether it happened);
- ``drop``: the connection is closed without an answer (also before or after the work);
- ``truncate``: the JSON body is cut short;
- ``duplicate``: a page repeats orders served on an earlier page;
- ``reorder``: a page comes in another order, and orders with the same update time come in
  any order from one request to the next;
- ``modify``: between two pages an order changes (and so moves to the end of the sort).

Apart from them, ``latency_s`` slows every answer down (a slow store, for progress bars and
cancelling).
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

log = logging.getLogger(__name__)

HTTP_FAULTS = ("429", "5xx", "timeout", "drop", "truncate")
DATA_FAULTS = ("duplicate", "reorder", "modify")
ALL_FAULTS = HTTP_FAULTS + DATA_FAULTS
#: Faults of one platform only, and only when asked for by name (BigCommerce's ``shed``: a
#: 429 without rate headers, the platform shedding load).
OPTIONAL_FAULTS = ("shed",)


@dataclass
class Faults:
    """Which faults to inject and how often (``rate`` of requests, 0 to 1)."""

    rate: float = 0.0
    kinds: tuple[str, ...] = ALL_FAULTS
    #: How long a "timeout" stalls; clients must give up sooner.
    stall_s: float = 1.0
    retry_after_s: int = 1
    #: Every answer waits this long first: a slow store (or line), for progress and cancel.
    latency_s: float = 0.0
    seed: int = 7
    _random: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(ALL_FAULTS + OPTIONAL_FAULTS)
        if unknown:
            raise ValueError(f"unknown faults: {', '.join(sorted(unknown))}")
        self._random = random.Random(self.seed)

    def pick(self, kinds: tuple[str, ...]) -> str | None:
        """One of ``kinds`` (those switched on) with probability ``rate``, else None."""
        allowed = [k for k in kinds if k in self.kinds]
        with self._lock:
            if not allowed or self._random.random() >= self.rate:
                return None
            return self._random.choice(allowed)

    def chance(self, p: float) -> bool:
        with self._lock:
            return self._random.random() < p

    def choice(self, items: list[Any]) -> Any:
        with self._lock:
            return self._random.choice(items)

    def shuffle(self, items: list[Any]) -> None:
        with self._lock:
            self._random.shuffle(items)


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    query_string: str = ""

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class Clock:
    """The shop's clock: wall time, but never the same second twice backwards, so update
    stamps only grow (a real shop's clock does the same at second precision)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = datetime.now(UTC).replace(microsecond=0)

    def tick(self) -> datetime:
        with self._lock:
            now = datetime.now(UTC).replace(microsecond=0)
            self._last = max(self._last, now)
            return self._last


@dataclass
class ShopLine:
    id: int
    sku: str
    name: str
    quantity: int
    barcode: str = ""
    price: str = "10.00"


@dataclass
class ShopOrder:
    """One order as the store holds it, platform-neutral; each emulator renders it in its
    platform's shape."""

    id: int
    number: int
    created: datetime
    modified: datetime
    status: str  # "open", "on-hold", "cancelled", "fulfilled"
    lines: list[ShopLine]
    address: dict[str, str]
    email: str = ""
    note: str = ""
    shipping_method: str = "Standard"
    malformed: str = ""  # what is wrong with this order, if anything
    #: Order data that checkout plugins add: WooCommerce ``meta_data``, Shopify
    #: ``customAttributes`` (e.g. the pickup point the customer chose).
    attributes: dict[str, str] = field(default_factory=dict)
    #: Shopify's delivery category of the shipping line ("shipping", "pick-up", "local").
    delivery_category: str = "shipping"
    #: How the customer pays: "" (paid at checkout) or "cod" (cash on delivery).
    payment_method: str = ""
    fulfillments: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


ADDRESSES = [
    {
        "first": "Noa",
        "last": "Levi",
        "address1": "Herzl 12",
        "city": "Tel Aviv",
        "zip": "6100001",
        "province": "",
        "country": "IL",
        "phone": "+972 3 555 0101",
        "company": "",
    },
    {
        "first": "נועה",
        "last": "כהן",
        "address1": "רחוב הרצל 12",
        "city": "תל אביב-יפו",
        "zip": "6100001",
        "province": "",
        "country": "IL",
        "phone": "03-5550101",
        "company": "",
    },
    {
        "first": "דוד",
        "last": "מזרחי",
        "address1": "שדרות רוטשילד 45, דירה 7",
        "city": "ירושלים",
        "zip": "9100001",
        "province": "",
        "country": "IL",
        "phone": "",
        "company": 'מזרחי בע"מ',
    },
    {
        "first": "Anna",
        "last": "Schmidt",
        "address1": "Hauptstraße 5",
        "city": "Berlin",
        "zip": "10115",
        "province": "BE",
        "country": "DE",
        "phone": "",
        "company": "Example GmbH",
    },
]


class Shop:
    """The shop's records, shared by the request threads of one emulator."""

    def __init__(
        self,
        products: list[tuple[str, str, str]],
        *,
        orders: int = 0,
        seed: int = 1,
        malformed_rate: float = 0.0,
        unknown_sku_rate: float = 0.0,
        start: datetime | None = None,
        max_lines: int = 4,
    ):
        self.lock = threading.RLock()
        self.clock = Clock()
        self.products = products  # (sku, name, barcode)
        self.orders: dict[int, ShopOrder] = {}
        self._random = random.Random(seed)
        self._next_line = 1
        self.malformed_rate = malformed_rate
        self.unknown_sku_rate = unknown_sku_rate
        self.max_lines = max_lines
        first = start or (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)
        for i in range(orders):
            # Spread over the past so stamps are mostly distinct, as in a real shop's history;
            # a few share a second.
            stamp = first + timedelta(seconds=i * 7 // 4)
            self.add_order(created=stamp)

    def add_order(self, *, created: datetime | None = None, lines: int | None = None) -> ShopOrder:
        with self.lock:
            r = self._random
            order_id = 5000 + len(self.orders) + 1
            count = lines or r.randint(1, self.max_lines)
            items = []
            for _ in range(count):
                if r.random() < self.unknown_sku_rate:
                    sku, name, barcode = f"NEW-{r.randint(1, 99):03d}", "New product", ""
                else:
                    sku, name, barcode = r.choice(self.products)
                items.append(ShopLine(self._next_line, sku, name, r.randint(1, 3), barcode))
                self._next_line += 1
            stamp = created or self.clock.tick()
            order = ShopOrder(
                id=order_id,
                number=1000 + len(self.orders) + 1,
                created=stamp,
                modified=stamp,
                status="on-hold" if r.random() < 0.02 else "open",
                lines=items,
                address=dict(r.choice(ADDRESSES)),
                email=f"customer{order_id}@example.com",
            )
            if r.random() < self.malformed_rate:
                order.malformed = r.choice(["no-lines", "bad-quantity", "bad-status", "no-id"])
            self.orders[order_id] = order
            return order

    def modify_random(self, chooser: Faults) -> ShopOrder | None:
        """A change made in the shop's admin: a quantity edited or the order put on hold."""
        with self.lock:
            candidates = [
                o
                for o in self.orders.values()
                if o.status == "open" and o.lines and not o.malformed
            ]
            if not candidates:
                return None
            order = chooser.choice(candidates)
            if chooser.chance(0.5):
                order.lines[0].quantity += 1
            else:
                order.note = f"edited at {self.clock.tick().isoformat()}"
            order.modified = self.clock.tick()
            return order

    def touch(self, order: ShopOrder) -> None:
        order.modified = self.clock.tick()

    def sorted_orders(self, faults: Faults) -> list[ShopOrder]:
        """Orders by update stamp; orders with the same stamp in any order when the
        "reorder" fault fires (a database without a tie-breaker does that)."""
        with self.lock:
            items = list(self.orders.values())
        shuffle = faults.pick(("reorder",)) is not None
        key = {o.id: (faults._random.random() if shuffle else o.id) for o in items}
        return sorted(items, key=lambda o: (o.modified, key[o.id]))


def iso(stamp: datetime) -> str:
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_time(text: str) -> datetime:
    stamp = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold every answer back by 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        # Not the request line: its query carries OAuth parameters (the consumer key).
        log.debug("emulator: %s %s", self.command, urlsplit(self.path).path)

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            query_string=parts.query,
        )
        emulator = self.server.emulator
        emulator.requests += 1
        for hook in emulator.hooks:  # observers (tests): every request as it arrives
            hook(request)
        if emulator.faults.latency_s > 0:
            time.sleep(emulator.faults.latency_s)
        fault = emulator.faults.pick(HTTP_FAULTS)
        writes = request.method in ("POST", "PUT", "DELETE")
        after = writes and emulator.faults.chance(0.5)
        if fault in ("timeout", "drop") and not after:
            self._fail(fault)
            return
        if fault == "429":
            self._send(
                Response(
                    429,
                    {"code": "too_many_requests", "message": "Slow down."},
                    {"Retry-After": str(emulator.faults.retry_after_s)},
                )
            )
            return
        if fault == "5xx":
            status = emulator.faults.choice([500, 502, 503])
            self._send(
                Response(status, {"code": "internal_server_error", "message": "Upstream failed."})
            )
            return
        try:
            response = emulator.handle(request)
        except Exception:  # the emulator itself failed: answer like a server would
            log.exception("emulator failed on %s %s", request.method, request.path)
            response = Response(500, {"code": "internal_server_error", "message": "Emulator bug."})
        if fault in ("timeout", "drop"):
            self._fail(fault)
            return
        self._send(response, truncate=fault == "truncate")

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def _fail(self, fault: str) -> None:
        if fault == "timeout":
            time.sleep(self.server.emulator.faults.stall_s)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, response: Response, *, truncate: bool = False) -> None:
        data = b"" if response.body is None else json.dumps(response.body).encode()
        if truncate and len(data) > 2:
            data = data[: len(data) // 2]
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client went away
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: Emulator):
        self.emulator = emulator
        super().__init__(address, _Handler)


class Emulator(ABC):
    """An HTTP server on loopback in a thread of its own; subclasses answer the requests."""

    platform = ""

    def __init__(self, shop: Shop, *, faults: Faults | None = None, port: int = 0):
        self.shop = shop
        self.faults = faults or Faults()
        self.requests = 0
        self.hooks: list[Callable[[Request], None]] = []
        self._server = _Server(("127.0.0.1", port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"emulator-{self.platform}", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @abstractmethod
    def handle(self, request: Request) -> Response:
        """The platform's answer to one request (faults are the server's business)."""

    def maybe_modify(self) -> None:
        """Between pages: sometimes an order changes in the shop's admin."""
        if self.faults.pick(("modify",)):
            self.shop.modify_random(self.faults)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
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
