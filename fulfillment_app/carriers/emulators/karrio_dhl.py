"""A local DHL Express (XML-PI) server for the Karrio adapter's tests, demo and benchmarks.

It answers ``POST /XMLShippingServlet`` in the shapes of DHL's XML-PI sandbox (the ones
Karrio's own DHL Express tests use): ``ShipmentRequest`` → ``ShipmentResponse`` with the air
waybill number and a base64 label (PDF with a Code 128 barcode of the number, or ZPL),
``KnownTrackingRequest`` → ``TrackingResponse`` with ``ShipmentEvent`` check points,
``DCTRequest`` (``GetQuote``) → ``DCTResponse`` quotes; errors as ``ShipmentValidateErrorResponse``
conditions.

It keeps its own records (``shipments``: our reference → the shipment, with how many times it
was created) so tests can tell exactly-once from "twice at the courier". Faults, each a share
of the requests (``KarrioFaults.rate``): ``429`` and ``5xx`` (503: nothing created),
``timeout`` (created, then the answer never comes), ``502`` (created, a gateway fails the
answer) and ``malformed`` (created, the answer cut short).
``expire_token()`` makes the configured password wrong (the admin must set a new one);
``refuse_postcodes`` makes addresses with those postcodes refused.

Use: ``with DhlExpressEmulator() as dhl: build_adapter(dhl.config("DHL"), dhl.secret)``; a
check point at DHL is ``dhl.advance(number, "PU" | "AF" | "WC" | "OK")`` (picked up, at a hub,
with the courier, delivered).
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..config import CarrierConfig
from .faults import CourierFaults

log = logging.getLogger(__name__)

FAULTS = ("429", "5xx", "timeout", "malformed", "502")


@dataclass
class KarrioFaults(CourierFaults):
    """The international carriers' faults: 429, 5xx, a time-out, a malformed answer, 502."""

    KNOWN: ClassVar[tuple[str, ...]] = FAULTS
    stall_s: float = 0.3


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "application/xml; charset=UTF-8"
    #: "timeout" or "malformed": the fault to apply after the work was done.
    fault: str | None = None


@dataclass
class CourierShipment:
    reference: str
    tracking_number: str
    service: str
    country: str
    label_format: str
    #: How many times the courier created a shipment for this reference (exactly-once: 1).
    count: int = 1
    cancelled: bool = False
    #: What the request said that tests check (countries, customs value, contents, ...).
    details: dict[str, str] = field(default_factory=dict)
    #: (code, description, at) check points, oldest first.
    events: list[tuple[str, str, datetime]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("carrier emulator: %s %s", self.command, self.path.split("?")[0])

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        emulator = self.server.emulator
        emulator.requests += 1
        fault = emulator.faults.pick()
        if fault == "429":
            self._send(Answer(429, b'{"message": "Too many requests."}', "application/json"))
            return
        if fault == "5xx":  # the front end refuses: nothing was created
            self._send(Answer(503, b"<html><body>Service Unavailable</body></html>", "text/html"))
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            answer = emulator.handle(self.command, self.path, headers, body)
        except Exception:  # the emulator itself failed: answer like a server would
            log.exception("carrier emulator failed on %s %s", self.command, self.path)
            answer = Answer(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if fault == "timeout":
            time.sleep(emulator.faults.stall_s)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "502":  # a gateway failed after the carrier did the work
            self._send(Answer(502, b"<html><body>Bad Gateway</body></html>", "text/html"))
            return
        if fault == "malformed":
            cut = answer.body[: len(answer.body) // 3]
            answer = Answer(answer.status, cut, answer.content_type)
        self._send(answer)

    do_GET = do_POST = do_DELETE = _serve

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
        except OSError:
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], emulator: CarrierEmulator):
        self.emulator = emulator
        super().__init__(address, _Handler)


class CarrierEmulator:
    """A loopback HTTP server with the records and switches every Karrio emulator shares."""

    prefix = "1"

    def __init__(self, *, faults: KarrioFaults | None = None, port: int = 0) -> None:
        self.faults = faults or KarrioFaults()
        self.requests = 0
        self.shipments: dict[str, CourierShipment] = {}
        self.by_number: dict[str, CourierShipment] = {}
        self.refuse_postcodes: set[str] = set()
        self._lock = threading.Lock()
        self._next = 0
        self._server = _Server(("127.0.0.1", port), self)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Self:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        raise NotImplementedError

    # -- records -----------------------------------------------------------------------------

    def count(self, reference: str) -> int:
        """How many shipments the courier created for our reference."""
        shipment = self.shipments.get(reference)
        return shipment.count if shipment else 0

    def record(
        self, reference: str, service: str, country: str, label_format: str
    ) -> CourierShipment:
        with self._lock:
            self._next += 1
            number = self.number(self._next)
            shipment = self.shipments.get(reference)
            if shipment is not None:  # the courier has no idempotency: a second shipment
                shipment.count += 1
                shipment.tracking_number = number
            else:
                shipment = CourierShipment(reference, number, service, country, label_format)
                self.shipments[reference] = shipment
            self.by_number[number] = shipment
            return shipment

    def number(self, n: int) -> str:
        return f"{self.prefix}{n:09d}"

    def advance(self, tracking_number: str, code: str, description: str = "") -> None:
        """A check point at the courier (tests: "the parcel moved")."""
        shipment = self.by_number[tracking_number]
        at = shipment.events[-1][2] + timedelta(hours=1) if shipment.events else _now()
        shipment.events.append((code, description or code, at))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def pdf_label(tracking_number: str, title: str) -> bytes:
    """A 4x6 inch PDF label with the number as a Code 128 barcode (decodable)."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import inch
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(4 * inch, 6 * inch))
    page.setFont("Helvetica-Bold", 18)
    page.drawString(0.3 * inch, 5.4 * inch, title)
    barcode = code128.Code128(tracking_number, barHeight=1.2 * inch, barWidth=1.6)
    barcode.drawOn(page, 0.2 * inch, 3.0 * inch)
    page.setFont("Helvetica", 14)
    page.drawString(0.3 * inch, 2.6 * inch, tracking_number)
    page.showPage()
    page.save()
    return out.getvalue()


def zpl_label(tracking_number: str, title: str) -> bytes:
    return (
        f"^XA^CI28^FO40,40^A0N,40,40^FD{title}^FS"
        f"^FO40,120^BY3^BCN,200,Y,N,N^FD{tracking_number}^FS^XZ"
    ).encode()


class DhlExpressEmulator(CarrierEmulator):
    site_id = "fulfillment"
    prefix = "5"

    def __init__(self, *, password: str = "secret", **kwargs: Any) -> None:  # noqa: S107 (a test credential)
        super().__init__(**kwargs)
        self.password = password

    def config(self, name: str = "DHL", **options: str) -> CarrierConfig:
        """A carrier configured for this emulator; its secret is :meth:`secret`."""
        return CarrierConfig(
            name=name,
            kind="karrio",
            url=self.url,
            client_number="950000001",
            karrio_carrier="dhl_express",
            options={"site_id": self.site_id, **options},
        )

    def secret(self, key: str) -> str:
        return self.password

    def expire_token(self) -> None:
        """The password we were given no longer works (the admin must set the new one)."""
        self.password = "rotated-" + self.password

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if method != "POST" or not path.startswith("/XMLShippingServlet"):
            return Answer(404, b"<html><body>Not Found</body></html>", "text/html")
        try:
            root = ElementTree.fromstring(body)  # noqa: S314 (our own adapter, on loopback)
        except ElementTree.ParseError:
            return self._error("111", "Error in parsing request XML.")
        tag = root.tag.rsplit("}", 1)[-1]
        if _text(root, "SiteID") != self.site_id or _text(root, "Password") != self.password:
            return self._error("100", "Authentication failed: invalid SiteID or Password.")
        if tag == "ShipmentRequest":
            return self._ship(root)
        if tag == "KnownTrackingRequest":
            return self._track(root)
        if tag == "DCTRequest":
            return self._quote(root)
        return self._error("111", f"Unknown request {tag}.")

    def _ship(self, root: ElementTree.Element) -> Answer:
        consignee = _find(root, "Consignee")
        postcode = _text(consignee, "PostalCode") if consignee is not None else ""
        country = _text(consignee, "CountryCode") if consignee is not None else ""
        if postcode in self.refuse_postcodes:
            return self._error(
                "420505", "The destination postcode is not valid for the destination country."
            )
        reference = _text(root, "ReferenceID") or ""
        label_format = "ZPL2" if _text(root, "LabelImageFormat") == "ZPL2" else "PDF"
        product = _text(root, "GlobalProductCode") or "P"
        shipment = self.record(reference, product, country, label_format)
        shipper = _find(root, "Shipper")
        shipment.details = {
            "shipper_country": _text(shipper, "CountryCode") if shipper is not None else "",
            "consignee_country": country,
            "declared_value": _text(root, "DeclaredValue"),
            "currency": _text(root, "DeclaredCurrency"),
            "contents": _text(root, "Contents"),
            "dutiable": _text(root, "IsDutiable"),
        }
        number = shipment.tracking_number
        label = (
            zpl_label(number, "DHL EXPRESS WORLDWIDE")
            if label_format == "ZPL2"
            else pdf_label(number, "DHL EXPRESS WORLDWIDE")
        )
        xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<res:ShipmentResponse {_NS} {_at("ship-val-res.xsd")}>
    <Response>
        <ServiceHeader>
            <MessageTime>{_now().isoformat()}</MessageTime>
            <MessageReference>1234567890123456789012345678901</MessageReference>
            <SiteID>{self.site_id}</SiteID>
        </ServiceHeader>
    </Response>
    <RegionCode>EU</RegionCode>
    <Note>
        <ActionNote>Success</ActionNote>
    </Note>
    <AirwayBillNumber>{number}</AirwayBillNumber>
    <DHLInvoiceLanguageCode>en</DHLInvoiceLanguageCode>
    <DHLInvoiceType>CMI</DHLInvoiceType>
    <BillingCode>DSA</BillingCode>
    <CurrencyCode>USD</CurrencyCode>
    <CourierMessage>{escape(reference)}</CourierMessage>
    <DestinationServiceArea>
        <ServiceAreaCode>JFK</ServiceAreaCode>
    </DestinationServiceArea>
    <OriginServiceArea>
        <ServiceAreaCode>TLV</ServiceAreaCode>
    </OriginServiceArea>
    <ShippingCharge>182.40</ShippingCharge>
    <Piece>1</Piece>
    <Reference>
        <ReferenceID>{escape(reference)}</ReferenceID>
    </Reference>
    <LabelImage>
        <OutputFormat>{label_format}</OutputFormat>
        <OutputImage>{base64.b64encode(label).decode()}</OutputImage>
    </LabelImage>
</res:ShipmentResponse>
"""
        return Answer(200, xml.encode())

    def _track(self, root: ElementTree.Element) -> Answer:
        infos = []
        for number in [e.text or "" for e in root.iter() if _local(e.tag) == "AWBNumber"]:
            shipment = self.by_number.get(number)
            if shipment is None or not shipment.events:  # no check point yet: DHL knows nothing
                infos.append(
                    f"<AWBInfo><AWBNumber>{escape(number)}</AWBNumber>"
                    "<Status><ActionStatus>No Shipments Found</ActionStatus></Status></AWBInfo>"
                )
                continue
            events = "".join(
                f"""
            <ShipmentEvent>
                <Date>{at.date().isoformat()}</Date>
                <Time>{at.strftime("%H:%M:%S")}</Time>
                <ServiceEvent>
                    <EventCode>{code}</EventCode>
                    <Description>{escape(text)}</Description>
                </ServiceEvent>
                <Signatory></Signatory>
                <ServiceArea>
                    <ServiceAreaCode>TLV</ServiceAreaCode>
                    <Description>TEL AVIV - ISRAEL</Description>
                </ServiceArea>
            </ShipmentEvent>"""
                for code, text, at in shipment.events
            )
            infos.append(f"""
    <AWBInfo>
        <AWBNumber>{number}</AWBNumber>
        <Status>
            <ActionStatus>success</ActionStatus>
        </Status>
        <ShipmentInfo>
            <OriginServiceArea>
                <ServiceAreaCode>TLV</ServiceAreaCode>
                <Description>TEL AVIV - ISRAEL</Description>
            </OriginServiceArea>
            <DestinationServiceArea>
                <ServiceAreaCode>JFK</ServiceAreaCode>
                <Description>NEW YORK - USA</Description>
            </DestinationServiceArea>
            <ShipperName>Shop</ShipperName>
            <ConsigneeName>Customer</ConsigneeName>
            <ShipmentDate>{shipment.events[0][2].strftime("%Y-%m-%dT%H:%M:%S")}</ShipmentDate>
            <Pieces>1</Pieces>
            <Weight>1.0</Weight>
            <WeightUnit>K</WeightUnit>
            <GlobalProductCode>{shipment.service}</GlobalProductCode>
            <ShipmentDesc>Merchandise</ShipmentDesc>
            <DlvyNotificationFlag>Y</DlvyNotificationFlag>
            <Shipper><City>TEL AVIV</City><CountryCode>IL</CountryCode></Shipper>
            <Consignee><City>NEW YORK</City><CountryCode>{shipment.country}</CountryCode>
            </Consignee>{events}
        </ShipmentInfo>
    </AWBInfo>""")
        xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<req:TrackingResponse {_NS.replace("res", "req")} {_at("TrackingResponse.xsd")}>
    <Response>
        <ServiceHeader>
            <MessageTime>{_now().isoformat()}</MessageTime>
            <MessageReference>1234567890123456789012345678901</MessageReference>
            <SiteID>{self.site_id}</SiteID>
        </ServiceHeader>
    </Response>{"".join(infos)}
    <LanguageCode>en</LanguageCode>
</req:TrackingResponse>
"""
        return Answer(200, xml.encode())

    def _quote(self, root: ElementTree.Element) -> Answer:
        today = _now()
        quotes = "".join(
            f"""
                <QtdShp>
                    <GlobalProductCode>{code}</GlobalProductCode>
                    <LocalProductCode>{code}</LocalProductCode>
                    <ProductShortName>{name}</ProductShortName>
                    <LocalProductName>{name}</LocalProductName>
                    <NetworkTypeCode>TD</NetworkTypeCode>
                    <POfferedCustAgreement>N</POfferedCustAgreement>
                    <TransInd>Y</TransInd>
                    <PickupDate>{today.date().isoformat()}</PickupDate>
                    <PickupCutoffTime>PT16H00M</PickupCutoffTime>
                    <BookingTime>PT14H00M</BookingTime>
                    <CurrencyCode>USD</CurrencyCode>
                    <ExchangeRate>1.000000</ExchangeRate>
                    <WeightCharge>{amount}</WeightCharge>
                    <WeightChargeTax>0.000</WeightChargeTax>
                    <TotalTransitDays>{days}</TotalTransitDays>
                    <PickupPostalLocAddDays>0</PickupPostalLocAddDays>
                    <DeliveryPostalLocAddDays>0</DeliveryPostalLocAddDays>
                    <DeliveryDate>
                        <DeliveryType>QDDC</DeliveryType>
                        <DlvyDateTime>{_stamp(today + timedelta(days=days))}</DlvyDateTime>
                        <DeliveryDateTimeOffset>+00:00</DeliveryDateTimeOffset>
                    </DeliveryDate>
                    <DeliveryTime>PT23H59M</DeliveryTime>
                    <DimensionalWeight>1.000</DimensionalWeight>
                    <WeightUnit>KG</WeightUnit>
                    <PickupDayOfWeekNum>4</PickupDayOfWeekNum>
                    <DestinationDayOfWeekNum>1</DestinationDayOfWeekNum>
                    <QuotedWeight>1.000</QuotedWeight>
                    <QuotedWeightUOM>KG</QuotedWeightUOM>
                    <PricingDate>{today.date().isoformat()}</PricingDate>
                    <ShippingCharge>{amount}</ShippingCharge>
                    <TotalTaxAmount>0.000</TotalTaxAmount>
                </QtdShp>"""
            for code, name, amount, days in (
                ("P", "EXPRESS WORLDWIDE", "182.400", 3),
                ("Y", "EXPRESS 12:00", "231.900", 2),
            )
        )
        xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<res:DCTResponse {_NS} {_at("DCT-Response_global-2.0.xsd")}>
    <GetQuoteResponse>
        <Response>
            <ServiceHeader>
                <MessageTime>{today.isoformat()}</MessageTime>
                <SiteID>{self.site_id}</SiteID>
            </ServiceHeader>
        </Response>
        <BkgDetails>
            <OriginServiceArea>
                <FacilityCode>TLV</FacilityCode>
                <ServiceAreaCode>TLV</ServiceAreaCode>
            </OriginServiceArea>
            <DestinationServiceArea>
                <FacilityCode>JFK</FacilityCode>
                <ServiceAreaCode>JFK</ServiceAreaCode>
            </DestinationServiceArea>{quotes}
        </BkgDetails>
    </GetQuoteResponse>
</res:DCTResponse>
"""
        return Answer(200, xml.encode())

    def _error(self, code: str, text: str) -> Answer:
        xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<res:ShipmentValidateErrorResponse {_NS} {_at("ship-val-err-res.xsd")}>
    <Response>
        <ServiceHeader>
            <MessageTime>{_now().isoformat()}</MessageTime>
            <MessageReference>1234567890123456789012345678901</MessageReference>
            <SiteID>{self.site_id}</SiteID>
        </ServiceHeader>
        <Status>
            <ActionStatus>Error</ActionStatus>
            <Condition>
                <ConditionCode>{code}</ConditionCode>
                <ConditionData>{escape(text)}</ConditionData>
            </Condition>
        </Status>
    </Response>
</res:ShipmentValidateErrorResponse>
"""
        return Answer(200, xml.encode())


_NS = "xmlns:res='http://www.dhl.com' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"


def _at(schema: str) -> str:
    return f"xsi:schemaLocation='http://www.dhl.com {schema}'"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(root: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((e for e in root.iter() if _local(e.tag) == name), None)


def _text(root: ElementTree.Element, name: str) -> str:
    found = _find(root, name)
    return (found.text or "").strip() if found is not None else ""
