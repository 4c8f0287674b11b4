"""Run (RunCom) "WS Simple": couriers such as Cheetah and Focus.

One GET per call: ``<url>/RunCom.Server/Request.aspx?APPNAME=run&PRGNAME=<program>&ARGUMENTS=
-N<P1>,-A<P2>,...`` with ``Authorization: Bearer <token>``. ``ship_create_anonymous`` takes 42
positional arguments, all sent, empty ones too; a value may hold no comma or ``&`` (they are
taken out). Which slot holds what is the courier's template (:mod:`.run_templates`).

Answers are text (``shipmentNumber,randomNumber``; an error ``0,message|code``) or XML
(``<ship_create_num>``, ``<ship_num_rand>``; an error ``<shgiya_yn>y</shgiya_yn>``), and may be
Windows-1255: decoded by the charset the answer declares, else UTF-8, else Windows-1255.

Outcomes: a connection refused, 429 or a gateway's 502/503/504 created nothing
(:class:`CarrierUnavailable`); a time-out, a dropped connection, a 500 or an answer we cannot
read after a create may have created the shipment (:class:`OutcomeUnknown`): with no lookup
program in the template, ``can_look_up`` is False and the shipping service holds it for a
person rather than create a second one.

The carrier's options (``fulfillment carriers add run --option KEY=VALUE``): ``template`` (a
TOML file of one's own instead of the shipped ``--courier`` template), ``lookup_program`` (a
program that finds a shipment by our reference: then ``can_look_up``), ``tracking_url`` (with
``{number}``), ``type_<kind>`` / ``stage_<kind>`` (the courier's codes for ``home``, ``cod``,
``point``, ``collection``), ``timeout_s`` and ``connect_timeout_s``. A request's service
``locker``, ``store`` or ``point`` lets Run choose the point (P37); a request's ``options``
fill fields we cannot know (``city_code``, ``street_code``, ``reference2``...).
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from ..errors import ConfigError
from .base import (
    Address,
    CarrierAuthFailed,
    CarrierRejected,
    CarrierUnavailable,
    Label,
    NotSupported,
    OutcomeUnknown,
    PickupPoint,
    Rate,
    Shipment,
    ShipmentRequest,
    TrackingEvent,
    TrackingStatus,
)
from .config import CarrierConfig
from .run_templates import RunTemplate, Slot, load

log = logging.getLogger(__name__)

PATH = "/RunCom.Server/Request.aspx"
DELIVERY = "מסירה"
COLLECTION = "איסוף"
#: Run chooses the point (P37) when the request's service says so; P35 stays empty then.
CHOOSE = {"locker": "L", "store": "S", "point": "Y"}

try:
    ISRAEL: tzinfo = ZoneInfo("Asia/Jerusalem")
except ZoneInfoNotFoundError:  # a system without the time zone database
    ISRAEL = UTC


class CarrierMisconfigured(CarrierRejected, ConfigError):
    """The carrier's settings cannot work (no address, a broken template): a shipment for it
    waits for the admin, like any refusal that is ours to fix."""


class Unreadable(ValueError):
    """An answer we cannot read (after a create: the outcome is unknown)."""


# --- the arguments -----------------------------------------------------------------------------

_FORBIDDEN = re.compile(r"[,&\x00-\x1f\x7f]")


def clean(value: str, kind: str, length: int = 0) -> str:
    """A value fit for one slot: no comma, ``&`` or control character; digits (and one
    decimal point) only in a numeric slot; cut to the slot's length."""
    text = " ".join(_FORBIDDEN.sub(" ", str(value)).split())
    if kind == "N":
        digits = re.sub(r"[^0-9.]", "", text)
        head, dot, tail = digits.partition(".")
        text = head + (dot + tail.replace(".", "") if tail else "")
    if length:
        text = text[:length]
    return text


def _slot_value(slot: Slot, fields: dict[str, str]) -> str:
    raw = slot.constant if not slot.field else fields.get(slot.field, "")
    return clean(raw, slot.kind, slot.length)


def build_arguments(slots: Sequence[Slot], fields: dict[str, str]) -> str:
    """``-N<P1>,-A<P2>,...``: one argument a slot, empty ones too."""
    return ",".join(f"-{s.kind}{_slot_value(s, fields)}" for s in slots)


def local_phone(phone: str) -> str:
    """``+972 50-123-4567`` → ``0501234567``: the form Israeli couriers want."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith(("+972", "00972")) or (
        digits.startswith("972") and len(digits) in (11, 12)
    ):
        digits = "0" + digits[digits.index("972") + 3 :].lstrip("0")
    return digits


def _amount(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"


def request_fields(
    request: ShipmentRequest,
    config: CarrierConfig,
    template: RunTemplate,
    now: datetime | None = None,
) -> dict[str, str]:
    """Every field a template slot may name, from the request and the carrier's settings."""
    now = (now or datetime.now(UTC)).astimezone(ISRAEL)
    r: Address = request.recipient
    s: Address = request.sender
    service = request.service.strip().lower()
    if request.collection:
        kind = "collection"
    elif request.pickup_point or service in CHOOSE or service == "point":
        kind = "point"
    elif request.cod_amount:
        kind = "cod"
    else:
        kind = "home"
    codes = template.codes.get(service) or template.codes.get(kind)
    shipment_type = codes.type if codes else ""
    if service.isdigit():  # a shipment type code given as the service
        shipment_type = service
    options = config.options
    parcels = request.parcels or ()
    weight = sum((p.weight_g for p in parcels), 0.0)
    count = str(len(parcels)) if parcels else "1"
    point = (request.pickup_point or "").strip()
    choose = "N"
    if not point and service in CHOOSE:
        choose = CHOOSE[service]
    fields = {
        "client_number": config.client_number,
        "direction": COLLECTION if request.collection else DELIVERY,
        "shipment_type": options.get(f"type_{kind}", shipment_type),
        "stage": options.get(f"stage_{kind}", codes.stage if codes else ""),
        "sender_company": s.company or s.name,
        "cargo_type": "" if request.collection else (codes.cargo if codes else ""),
        "cargo_back": (codes.cargo if codes else "") if request.collection else "",
        "packages_back": count if request.collection else "",
        "name": r.name or r.company,
        "company": r.company,
        "city_code": "",
        "city": r.city,
        "street_code": "",
        "street": r.street,
        "house": r.house,
        "entrance": r.entrance,
        "floor": r.floor,
        "apartment": r.apartment,
        "phone": local_phone(r.phone),
        "phone2": "",
        "reference": request.reference,
        "packages": count,
        "address_remarks": "",
        "remarks": request.remarks,
        "reference2": "",
        "collection_date": now.strftime("%d/%m/%Y") if request.collection else "",
        "collection_time": "",
        "cod_type": template.cod_payment_type if request.cod_amount else "",
        "cod_amount": _amount(request.cod_amount) if request.cod_amount else "",
        "source_point": point if request.collection else "",
        "pickup_point": "" if request.collection else point,
        "answer_format": "XML",
        "choose_point": choose,
        "email": r.email,
        "weight_kg": f"{weight / 1000:.2f}" if weight else "",
        "length_cm": _cm(max((p.length_mm for p in parcels), default=0)),
        "width_cm": _cm(max((p.width_mm for p in parcels), default=0)),
        "height_cm": _cm(max((p.height_mm for p in parcels), default=0)),
        "prep_date": now.strftime("%d/%m/%Y"),
        "prep_time": now.strftime("%H:%M"),
        "contents": request.contents,
        "value": _amount(request.value),
    }
    # The request's carrier-specific extras fill fields we cannot know (city_code,
    # street_code, reference2, choose_point, ...).
    fields.update({k: v for k, v in request.options.items() if k in fields})
    return fields


def _cm(mm: float) -> str:
    return f"{mm / 10:.0f}" if mm else ""


def query_string(program: str, arguments: str, charset: str = "utf-8") -> str:
    """The request's query, the arguments percent-encoded in the courier's charset (commas
    and the ``-`` marks kept as they are)."""
    encoded = quote(arguments.encode(charset, errors="replace"), safe="-,.:/")
    return f"APPNAME=run&PRGNAME={quote(program)}&ARGUMENTS={encoded}"


# --- the answers -------------------------------------------------------------------------------

_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def decode(body: bytes, content_type: str = "") -> str:
    """The answer's text: by the charset it declares (header or XML declaration), else UTF-8,
    else Windows-1255 (which decodes almost any byte)."""
    declared = ""
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if match:
        declared = match.group(1)
    else:
        found = _DECLARED.search(body[:200])
        if found:
            declared = found.group(1).decode("ascii")
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: try the usual ones
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1255", errors="replace")


def one_line(text: str, limit: int = 200) -> str:
    """The courier's words on one line, trimmed, ending without a full stop (we add one)."""
    line = " ".join(str(text).split())[:limit]
    return line.rstrip(" .") or "no reason given"


def parse_xml(text: str) -> ET.Element:
    """An XML answer (no DTD: nothing to expand), or :class:`Unreadable`."""
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
    if "<!DOCTYPE" in body.upper() or "<!ENTITY" in body.upper():
        raise Unreadable("an XML answer with a DTD")
    try:
        # No DTD got this far, so there is no entity to expand (the XML attacks need one).
        return ET.fromstring(body)  # noqa: S314
    except ET.ParseError as exc:
        raise Unreadable(f"XML that does not parse ({exc})") from None


def _find(root: ET.Element, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in wanted:
            return (element.text or "").strip()
    return None


def parse_create_answer(text: str, courier: str = "The courier") -> tuple[str, str]:
    """``(shipment number, random number)``; :class:`CarrierRejected` with the courier's
    message for an error answer; :class:`Unreadable` for anything else."""
    stripped = text.strip().lstrip("\ufeff")
    if stripped.startswith("<"):
        root = parse_xml(stripped)
        if (_find(root, "shgiya_yn") or "").lower() in ("y", "yes", "1"):
            message = _find(root, "message", "shgiya_text", "teur_shgiya", "error", "shgiya")
            raise CarrierRejected(f"{courier} refused the shipment: {one_line(message or '')}.")
        number = _find(root, "ship_create_num", "ship_num")
        rand = _find(root, "ship_num_rand", "rand_num") or ""
        if not number or not number.isdigit() or number == "0":
            raise Unreadable("an XML answer without a shipment number")
        return number, rand
    first, _, rest = stripped.partition(",")
    first = first.strip()
    if first == "0" or first.startswith("-"):
        message, _, code = rest.partition("|")
        said = one_line(message)
        if code.strip():
            said += f" (code {one_line(code, 20)})"
        raise CarrierRejected(f"{courier} refused the shipment: {said}.")
    if first.isdigit() and "\n" not in stripped:
        return first, rest.strip()
    raise Unreadable("an answer that is neither Run's text nor its XML")


def _parse_date(date: str, time: str) -> datetime:
    """``DD/MM/YYYY`` and ``HH:MM[:SS]`` in Israel's time, explicitly (a day-month swap would
    pass silently for days up to 12)."""
    day = datetime.strptime(date.strip(), "%d/%m/%Y")
    parts = [int(p) for p in (time.strip() or "00:00").split(":")[:3]]
    while len(parts) < 3:
        parts.append(0)
    local = day.replace(hour=parts[0], minute=parts[1], second=parts[2], tzinfo=ISRAEL)
    return local.astimezone(UTC)


def parse_status_answer(
    text: str, template: RunTemplate, courier: str = "The courier"
) -> list[TrackingEvent]:
    """The events of one shipment from ``ship_status_xml`` (oldest first); [] for a number
    the courier does not know; :class:`Unreadable` for an answer we cannot read."""
    root = parse_xml(text.strip())
    if (_find(root, "shgiya_yn") or "").lower() in ("y", "yes", "1"):
        return []
    events: list[TrackingEvent] = []
    for element in root.iter():
        children = {
            c.tag.rsplit("}", 1)[-1].lower(): (c.text or "").strip()
            for c in element
            if isinstance(c.tag, str)
        }
        code = children.get("status_code") or children.get("kod_status")
        if code is None:
            continue
        status = template.status.get(code.strip())
        if status is None:
            continue  # a code we do not map: kept out rather than guessed
        date = children.get("status_date") or children.get("taarich") or ""
        try:
            at = _parse_date(date, children.get("status_time") or children.get("shaa") or "")
        except ValueError:
            raise Unreadable(f"a status date {date!r} that is not DD/MM/YYYY") from None
        events.append(
            TrackingEvent(
                status=TrackingStatus(status),
                at=at,
                description=children.get("status_desc") or children.get("teur_status") or "",
                code=code.strip(),
            )
        )
    events.sort(key=lambda e: e.at)
    return events


def label_format(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.lstrip()[:3].upper() == b"^XA":
        return "zpl"
    raise Unreadable("a label that is neither PDF, PNG nor ZPL")


# --- HTTP --------------------------------------------------------------------------------------


def send(
    client: httpx.Client,
    name: str,
    method: str,
    url: str,
    *,
    write: bool,
    lookup: bool = True,
    **kwargs: object,
) -> httpx.Response:
    """One request, its failures told as the contract's errors (one sentence each);
    ``lookup``: whether an unknown outcome is settled by looking the reference up (else a
    person checks with the courier)."""
    try:
        response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
        raise CarrierUnavailable(
            f"{name} cannot be reached; the shipment is sent again later."
        ) from None
    except httpx.TransportError as exc:
        if write:
            raise OutcomeUnknown(
                f"{name} did not answer ({type(exc).__name__}) and may have created the "
                f"shipment, so {settle(lookup)}."
            ) from None
        raise CarrierUnavailable(f"{name} did not answer; it is asked again later.") from None
    status = response.status_code
    if status in (401, 403):
        raise CarrierAuthFailed(
            f"{name} refused our token ({status}): an admin enters a new one for this carrier."
        )
    if status in (429, 502, 503, 504):
        raise CarrierUnavailable(f"{name} is busy or down ({status}); it is asked again later.")
    if status >= 500:
        if write:
            raise OutcomeUnknown(
                f"{name} had a server error ({status}) and may have created the shipment, so "
                f"{settle(lookup)}."
            )
        raise CarrierUnavailable(f"{name} had a server error ({status}); asked again later.")
    if status >= 400:
        said = one_line(decode(response.content, response.headers.get("Content-Type", "")))
        raise CarrierRejected(f"{name} refused the request ({status}): {said}.")
    return response


class Courier:
    """The HTTP side both Run and Baldar adapters share: one pooled client with explicit
    time-outs and TLS verification, the endpoint, and the token. The token is read when first
    needed and read again after a refusal (401/403): an admin who entered a new one is
    heard without restarting, and the refused request (which created nothing) is sent once
    more with it."""

    def __init__(
        self,
        config: CarrierConfig,
        secret: Callable[[str], str],
        path: str,
        transport: httpx.BaseTransport | None = None,
    ):
        self.name = config.name
        url = (config.url or "").strip().rstrip("/")
        if not url.lower().startswith(("https://", "http://")):
            raise CarrierMisconfigured(
                f"Carrier {config.name} has no web address (https://…): set it with "
                "'fulfillment carriers update'."
            )
        # The address may be given with the endpoint already on it.
        self.url = url if url.lower().endswith(path.lower()) else url + path
        self._secret = secret if config.needs_secret else None
        self._token: str | None = None
        options = config.options
        self.client = httpx.Client(
            timeout=httpx.Timeout(
                float(options.get("timeout_s", "30")),
                connect=float(options.get("connect_timeout_s", "10")),
            ),
            follow_redirects=False,
            transport=transport,
        )

    def _read_token(self) -> str:
        if self._secret is None:
            return ""
        try:
            return self._secret("token")
        except ConfigError as exc:  # not set on this station: the admin's to fix
            raise CarrierAuthFailed(str(exc)) from None

    def request(
        self, method: str, url: str, *, write: bool, lookup: bool, **kwargs: Any
    ) -> httpx.Response:
        if self._token is None:
            self._token = self._read_token()
        for again in (True, False):
            headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
            try:
                return send(
                    self.client,
                    self.name,
                    method,
                    url,
                    write=write,
                    lookup=lookup,
                    headers=headers,
                    **kwargs,
                )
            except CarrierAuthFailed:
                fresh = self._read_token()
                if not again or fresh == self._token:
                    raise
                self._token = fresh
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.client.close()


def settle(lookup: bool) -> str:
    """How an unknown outcome is settled, as the end of a sentence."""
    if lookup:
        return "it is looked up before creating again"
    return "a person checks with the courier before it is sent again"


class RunAdapter:
    kind = "run"

    def __init__(
        self,
        config: CarrierConfig,
        secret: Callable[[str], str],
        *,
        template: RunTemplate | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.config = config
        self.name = config.name
        options = config.options
        try:
            self.template = template or load(config.courier, options.get("template", ""))
        except ConfigError as exc:
            raise CarrierMisconfigured(str(exc)) from None
        lookup = options.get("lookup_program")
        if lookup is not None:
            self.template = replace(self.template, lookup_program=lookup)
        self.can_look_up = bool(self.template.lookup_program)
        self._http = Courier(config, secret, PATH, transport)

    # -- helpers --

    def _call(self, program: str, arguments: str, *, write: bool) -> httpx.Response:
        query = query_string(program, arguments, self.template.charset)
        return self._http.request(
            "GET", f"{self._http.url}?{query}", write=write, lookup=self.can_look_up
        )

    def _text(self, response: httpx.Response) -> str:
        return decode(response.content, response.headers.get("Content-Type", ""))

    def _fields(self, **values: str) -> dict[str, str]:
        return {"client_number": self.config.client_number, **values}

    # -- the protocol --

    def create(self, request: ShipmentRequest) -> Shipment:
        fields = request_fields(request, self.config, self.template)
        arguments = build_arguments(self.template.slots, fields)
        response = self._call(self.template.program, arguments, write=True)
        try:
            number, rand = parse_create_answer(self._text(response), self.name)
        except Unreadable as exc:
            raise OutcomeUnknown(
                f"{self.name} sent an answer we cannot read ({exc}) and may have created the "
                f"shipment, so {settle(self.can_look_up)}."
            ) from None
        return Shipment(
            tracking_number=number,
            reference=request.reference,
            label=None,
            carrier_ids={"randNumber": rand} if rand else {},
            tracking_url=self.tracking_url(number),
        )

    def find(self, reference: str) -> Shipment | None:
        if not self.can_look_up:
            raise NotSupported(
                f"{self.name} cannot look a shipment up by our reference: a person checks with "
                "the courier before it is sent again."
            )
        arguments = build_arguments(
            self.template.lookup_arguments, self._fields(reference=reference)
        )
        response = self._call(self.template.lookup_program, arguments, write=False)
        try:
            number, rand = parse_create_answer(self._text(response), self.name)
        except CarrierRejected:
            return None  # "no such shipment"
        except Unreadable:
            raise CarrierUnavailable(
                f"{self.name} sent an answer we cannot read to a lookup; it is asked again later."
            ) from None
        return Shipment(
            tracking_number=number,
            reference=reference,
            carrier_ids={"randNumber": rand} if rand else {},
            tracking_url=self.tracking_url(number),
        )

    def cancel(self, tracking_number: str) -> None:
        if not self.template.cancel_program:
            raise NotSupported(
                f"{self.name} cannot cancel through its API: call the courier to cancel "
                f"shipment {tracking_number}."
            )
        arguments = build_arguments(
            self.template.cancel_arguments, self._fields(tracking_number=tracking_number)
        )
        response = self._call(self.template.cancel_program, arguments, write=True)
        try:
            parse_create_answer(self._text(response), self.name)
        except Unreadable:
            pass  # cancels answer with a bare acknowledgement; an error is told above

    def label(self, tracking_number: str) -> Label:
        if not self.template.label_program:
            raise NotSupported(f"{self.name} gives no label through its API: ours is printed.")
        arguments = build_arguments(
            self.template.label_arguments, self._fields(tracking_number=tracking_number)
        )
        response = self._call(self.template.label_program, arguments, write=False)
        try:
            return Label(response.content, label_format(response.content))
        except Unreadable:
            said = one_line(self._text(response)[:120])
            raise CarrierUnavailable(
                f"{self.name} sent no label for shipment {tracking_number} ({said}); it is "
                "asked again later."
            ) from None

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """One ``ship_status_xml`` call a number (Run has no batch); a number the courier did
        not answer for is left out (asked again next time) unless none was answered."""
        result: dict[str, list[TrackingEvent]] = {}
        failed: CarrierUnavailable | None = None
        for number in tracking_numbers:
            arguments = build_arguments(
                self.template.status_arguments, self._fields(tracking_number=number)
            )
            try:
                response = self._call(self.template.status_program, arguments, write=False)
            except CarrierUnavailable as exc:  # this one next time; the others now
                failed = exc
                continue
            try:
                result[number] = parse_status_answer(self._text(response), self.template)
            except Unreadable as exc:
                log.warning("%s: status of %s unreadable: %s", self.name, number, exc)
                result[number] = []
        if failed is not None and not result:
            raise failed
        return result

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        raise NotSupported(
            f"{self.name} lists no pickup points through Run: let Run choose a locker or store "
            "(service 'locker' or 'store'), or use the point the customer chose."
        )

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        raise NotSupported(f"{self.name} quotes no rates through Run: the price table is used.")

    def tracking_url(self, tracking_number: str) -> str:
        pattern = self.config.options.get("tracking_url", self.template.tracking_url)
        return pattern.format(number=tracking_number) if pattern else ""

    def test(self) -> str:
        """Asks the status of shipment 0 (harmless: creates nothing): the address and the
        token are checked."""
        arguments = build_arguments(
            self.template.status_arguments, self._fields(tracking_number="0")
        )
        self._call(self.template.status_program, arguments, write=False)
        return f"{self.name} answers with our credentials."

    def close(self) -> None:
        self._http.close()
