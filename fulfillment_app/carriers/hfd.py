"""HFD (also sold as ePost) through its REST v2 API, with tracking through Run's
``ship_status_xml`` program on the same host.

- ``POST /shipments/create``: home delivery (type 35, cargo 10, stage 10), cash on delivery
  (type 37, cargo 10, with ``govina {code, sum}``) or an ePost pickup point (type 50, cargo 11,
  with ``pudoCodeDestination``); the codes are those of HFD's own shop plugin and can be changed
  in the carrier's options (``home_type``, ``cod_type``, ``pudo_type``, ``*_cargo``, ``stage``).
  Our reference goes in ``referenceNum1``.
- HFD documents no look-up of a shipment by our reference, so by default ``can_look_up`` is
  False: after an unknown outcome the shipping service holds the shipment for a person instead
  of creating a second one. The option ``lookup = "yes"`` uses ``GET
  /shipments?referenceNum1=<reference>`` (unconfirmed) where the API offers it.
- The label (``GET /shipments/{n}/label``) may be a PDF or an image: the bytes say which.
- The token is a JWT issued in HFD's portal; its ``exp`` is read (:attr:`HfdAdapter.expires_at`)
  so the admin can be told before it runs out.

Errors follow the carrier contract: 401/403 → :class:`CarrierAuthFailed`, an ``errorMessage``
→ :class:`CarrierRejected` with HFD's words, a refused connection, 429 or a server error
before anything was taken → :class:`CarrierUnavailable`, no usable answer after a create was
sent → :class:`OutcomeUnknown`. The token never appears in a message or a log line.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from fulfillment_app import __version__
from fulfillment_app.carriers.base import (
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
from fulfillment_app.carriers.config import CarrierConfig
from fulfillment_app.errors import FulfillmentError

log = logging.getLogger(__name__)

DEFAULT_URL = "https://api.hfd.co.il/rest/v2"
#: The public tracking page; ``{number}`` is replaced (option ``tracking_url``).
DEFAULT_TRACKING_URL = "https://www.hfd.co.il/tracking/?shipmentNumber={number}"
DELIVERY, COLLECTION = "מסירה", "איסוף"

#: Field lengths of Run's shipment record, which HFD's API fills.
NAME_LEN, CITY_LEN, STREET_LEN = 20, 30, 30
ADDRESS_REMARKS_LEN, REMARKS_LEN, REFERENCE_LEN = 70, 80, 200

#: Run's status codes as HFD uses them (option ``status_codes`` = "5:created,7:collected,...").
STATUS_CODES: dict[str, TrackingStatus] = {
    "5": TrackingStatus.CREATED,
    "7": TrackingStatus.COLLECTED,  # at the depot: it has left the shop
    "10": TrackingStatus.COLLECTED,
    "20": TrackingStatus.IN_TRANSIT,
    "30": TrackingStatus.OUT_FOR_DELIVERY,
    "40": TrackingStatus.DELIVERED,
    "50": TrackingStatus.RETURNED,
    "60": TrackingStatus.FAILED,
}

AUTH_SENTENCE = (
    "The HFD token has expired or is wrong: an admin enters a new one (carriers set-token)."
)


# --- Israeli address habits -------------------------------------------------------------------


def local_phone(text: str) -> str:
    """An Israeli number in the local form couriers want (``05X-XXXXXXX``, ``0X-XXXXXXX``);
    ``+972 5X-XXX-XXXX``, ``972…`` and ``05XXXXXXXX`` are the same number. Anything that is
    not an Israeli number comes back as its digits (with a leading ``+`` if it had one)."""
    raw = text.strip()
    digits = re.sub(r"\D", "", raw)
    if not digits:
        return ""
    international = raw.startswith("+") or raw.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("972"):
        digits = "0" + digits[3:].lstrip("0")
    elif international:
        return "+" + digits
    if not digits.startswith("0"):
        return digits
    if len(digits) == 10 and digits[1] in "57":  # mobile 05X, VoIP 07X
        return f"{digits[:3]}-{digits[3:]}"
    if len(digits) == 9 and digits[1] in "234689":  # landlines 02, 03, 04, 08, 09
        return f"{digits[:2]}-{digits[2:]}"
    return digits


_HOUSE = r"\d{1,4}(?:\s?[א-תA-Za-z](?![א-תA-Za-z]))?"
_TRAILING = re.compile(
    rf"^(?P<street>.*?\D)[\s,]+(?P<house>{_HOUSE})(?:\s*/\s*(?P<flat>\d{{1,4}}))?$"
)
_LEADING = re.compile(
    rf"^(?P<house>{_HOUSE})(?:\s*/\s*(?P<flat>\d{{1,4}}))?[\s,]+(?P<street>\D.*)$"
)
_EXTRAS = {
    "דירה": "apartment",
    "דיר'": "apartment",
    "apt": "apartment",
    "apartment": "apartment",
    "flat": "apartment",
    "קומה": "floor",
    "floor": "floor",
    "כניסה": "entrance",
    "entrance": "entrance",
}
_EXTRA = re.compile(
    r"[\s,]*(?<!\w)(?P<key>" + "|".join(re.escape(k) for k in _EXTRAS) + r")\.?\s*"
    r"(?P<value>-?\d{1,3}[א-תA-Za-z]?(?![\w])|[א-תA-Za-z](?![\w]))",
    re.IGNORECASE,
)


def split_street(street: str, house: str = "") -> tuple[str, str, dict[str, str]]:
    """(street, house number, extras) from a street field that may hold the number ("Herzl 12",
    "רחוב הרצל 12", "12 Herzl St", "שדרות רוטשילד 45, דירה 7", "הרצל 12/3"); extras are
    ``apartment``, ``floor`` and ``entrance`` written in the field. A house given separately
    wins over one inside the street."""
    extras: dict[str, str] = {}

    def take(found: re.Match[str]) -> str:
        extras.setdefault(_EXTRAS[found.group("key").lower()], found.group("value"))
        return ""

    text = _EXTRA.sub(take, " ".join(street.split())).strip(" ,")
    if house.strip():
        return text, house.strip(), extras
    match = _TRAILING.match(text) or _LEADING.match(text)
    if match is None:
        return text, "", extras
    if match.group("flat"):
        extras.setdefault("apartment", match.group("flat"))
    name = match.group("street").strip(" ,")
    return name, match.group("house").replace(" ", ""), extras


def cut(text: str, length: int) -> str:
    """One line, at most ``length`` characters (the courier's field)."""
    return " ".join(str(text).split())[:length].strip()


# --- the token --------------------------------------------------------------------------------


def token_expiry(token: str) -> datetime | None:
    """The ``exp`` of a JWT (UTC), or None when the token is not a JWT or has none."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return datetime.fromtimestamp(int(payload["exp"]), UTC)
    except (ValueError, KeyError, TypeError, binascii.Error, OverflowError):
        return None


# --- Run's status answer ----------------------------------------------------------------------


def _israel() -> Any:
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo("Asia/Jerusalem")
        except ZoneInfoNotFoundError:
            pass
    except ImportError:  # pragma: no cover
        pass
    return timezone(timedelta(hours=2))


ISRAEL = _israel()


def parse_date(date: str, clock: str = "") -> datetime:
    """``DD/MM/YYYY`` and ``HH:MM[:SS]`` in Israel's time, as an aware UTC time. Parsed field by
    field: a day-month swap would pass silently for days up to 12."""
    day, month, year = (int(p) for p in date.strip().split("/"))
    hour = minute = second = 0
    if clock.strip():
        pieces = [int(p) for p in clock.strip().split(":")]
        hour, minute = pieces[0], pieces[1]
        second = pieces[2] if len(pieces) > 2 else 0
    local = datetime(year, month, day, hour, minute, second, tzinfo=ISRAEL)
    return local.astimezone(UTC)


def _text(node: ET.Element, *names: str) -> str:
    for name in names:
        child = node.find(name)
        if child is not None and child.text:
            return child.text.strip()
    return ""


def parse_status_xml(
    data: bytes, codes: dict[str, TrackingStatus] | None = None
) -> list[TrackingEvent]:
    """The events of one shipment from ``ship_status_xml``'s answer (any encoding the XML
    declaration names, Windows-1255 included), oldest first. Codes we do not know are left out.
    """
    codes = codes or STATUS_CODES
    root = ET.fromstring(data)  # noqa: S314 - the courier's answer; expat expands no entities
    if _text(root, ".//shgiya_yn").lower() == "y":
        return []
    events: list[TrackingEvent] = []
    for node in root.iter():
        code = _text(node, "status_code", "code")
        date = _text(node, "status_date", "date")
        if not code or not date:
            continue
        status = codes.get(code.lstrip("0") or "0") or codes.get(code)
        if status is None:
            log.info("HFD status code %s is not known; left out", code)
            continue
        events.append(
            TrackingEvent(
                status=status,
                at=parse_date(date, _text(node, "status_time", "time")),
                description=_text(node, "status_desc", "desc", "status_name"),
                code=code,
            )
        )
    events.sort(key=lambda e: e.at)
    return events


def _status_codes(option: str) -> dict[str, TrackingStatus]:
    if not option.strip():
        return dict(STATUS_CODES)
    table: dict[str, TrackingStatus] = {}
    for item in option.split(","):
        code, _, status = item.partition(":")
        table[code.strip()] = TrackingStatus(status.strip())
    return table


def _kind(spot_type: str) -> str:
    text = spot_type.strip().lower()
    if "locker" in text or "לוקר" in text or "תיבה" in text:
        return "locker"
    if "store" in text or "shop" in text or "חנות" in text:
        return "store"
    return "point"


def _float(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _label_format(data: bytes) -> str | None:
    """ "pdf", "png" or "zpl" for a whole label; None for anything else (a cut-off one too)."""
    head, tail = data[:16].lstrip(), data[-32:].rstrip()
    if head.startswith(b"%PDF") and tail.endswith(b"%%EOF"):
        return "pdf"
    if head.startswith(b"\x89PNG") and b"IEND" in tail:
        return "png"
    if head.startswith(b"^XA") and tail.endswith(b"^XZ"):
        return "zpl"
    return None


# --- the adapter ------------------------------------------------------------------------------


class HfdAdapter:
    """One HFD account (client number + token) at one API address."""

    kind = "hfd"

    def __init__(
        self,
        config: CarrierConfig,
        token: str | Callable[[], str],
        *,
        timeout_s: float | None = None,
        connect_timeout_s: float | None = None,
        deadline_s: float | None = None,
        verify: bool = True,
    ):
        options = config.options
        self.name = config.name
        self.config = config
        self.url = (config.url or DEFAULT_URL).rstrip("/")
        self.client_number = config.client_number
        self.can_look_up = options.get("lookup", "").lower() in ("yes", "true", "1", "on")
        self._token_source = token if callable(token) else (lambda: token)
        self._token = ""
        self.timeout_s = timeout_s or float(options.get("timeout_s", "30"))
        self.deadline_s = deadline_s or float(options.get("deadline_s", "60"))
        connect = connect_timeout_s or float(options.get("connect_timeout_s", "10"))
        parts = urlsplit(self.url)
        self.status_url = options.get("status_url") or (
            f"{parts.scheme}://{parts.netloc}/RunCom.Server/Request.aspx"
        )
        self.tracking_template = options.get("tracking_url", DEFAULT_TRACKING_URL)
        self.codes = _status_codes(options.get("status_codes", ""))
        self.stage = options.get("stage", "10")
        self.types = {
            "home": (options.get("home_type", "35"), options.get("home_cargo", "10")),
            "cod": (options.get("cod_type", "37"), options.get("cod_cargo", "10")),
            "pudo": (options.get("pudo_type", "50"), options.get("pudo_cargo", "11")),
        }
        self.cod_code = options.get("cod_code", "1")
        self.requests = 0
        self._client = httpx.Client(
            headers={"User-Agent": f"fulfillment-app/{__version__}", "Accept": "*/*"},
            timeout=httpx.Timeout(self.timeout_s, connect=connect),
            follow_redirects=False,
            verify=verify,
        )

    # -- the token

    @property
    def token(self) -> str:
        """The token, read from the secret when first needed. A secret that cannot be read
        (its variable unset, no keyring) holds the shipment for the admin like a wrong one."""
        if not self._token:
            try:
                self._token = self._token_source().strip()
            except FulfillmentError as exc:
                raise CarrierAuthFailed(str(exc)) from None
            if not self._token:
                raise CarrierAuthFailed(AUTH_SENTENCE)
        return self._token

    @property
    def expires_at(self) -> datetime | None:
        """When the token runs out (from the JWT), or None when it does not say."""
        try:
            return token_expiry(self.token)
        except Exception:  # noqa: BLE001 - no secret to read: nothing to tell
            return None

    def token_warning(
        self, now: datetime | None = None, within: timedelta = timedelta(days=7)
    ) -> str:
        """A sentence for the admin when the token runs out within ``within``, else ""."""
        expires = self.expires_at
        if expires is None:
            return ""
        now = now or datetime.now(UTC)
        if expires <= now:
            return AUTH_SENTENCE
        if expires - now <= within:
            return (
                f"The HFD token of {self.name} expires on {expires:%d/%m/%Y %H:%M} UTC: an "
                "admin enters a new one (carriers set-token) before then."
            )
        return ""

    # -- HTTP

    def _expired(self) -> bool:
        expires = token_expiry(self.token)
        return expires is not None and expires <= datetime.now(UTC)

    def _send(
        self,
        method: str,
        url: str,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
        write: bool = False,
    ) -> httpx.Response:
        """One request; errors as the contract's classes. A 401 is tried once more when the
        secret has changed since it was read (an admin entered a new token). A JWT past its
        ``exp`` is not sent at all (unless the secret now holds another)."""
        if self._expired():
            self._token = ""
            if self._expired():
                raise CarrierAuthFailed(AUTH_SENTENCE)
        for attempt in range(2):
            response = self._once(method, url, body=body, params=params, write=write)
            if response.status_code not in (401, 403):
                return response
            old, self._token = self._token, ""
            if attempt or self.token == old:
                break
        raise CarrierAuthFailed(AUTH_SENTENCE)

    def _once(
        self,
        method: str,
        url: str,
        *,
        body: Any,
        params: dict[str, str] | None,
        write: bool,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        content = None
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
            content = json.dumps(body, ensure_ascii=False).encode()
        self.requests += 1
        deadline = time.monotonic() + self.deadline_s
        try:
            with self._client.stream(
                method, url, params=params, headers=headers, content=content
            ) as response:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the answer took longer than its deadline")
                response._content = b"".join(chunks)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
            raise CarrierUnavailable(
                f"HFD ({self.name}) cannot be reached; it is tried again later."
            ) from None
        except httpx.TransportError as exc:
            problem = (
                f"HFD ({self.name}) did not answer in time"
                if isinstance(exc, httpx.TimeoutException)
                else f"HFD ({self.name}) broke off its answer"
            )
            if write:
                raise OutcomeUnknown(
                    f"{problem}: it may have created the shipment, so it is looked up before "
                    "being sent again."
                ) from None
            raise CarrierUnavailable(f"{problem}; it is tried again later.") from None
        status = response.status_code
        if status == 429:
            raise CarrierUnavailable(
                f"HFD ({self.name}) asked us to slow down; it is tried again later."
            )
        if status == 504 and write:
            raise OutcomeUnknown(
                f"HFD ({self.name}) timed out behind its gateway: it may have created the "
                "shipment, so it is looked up before being sent again."
            )
        if status >= 500:
            raise CarrierUnavailable(
                f"HFD ({self.name}) had a server error ({status}); it is tried again later."
            )
        return response

    def _json(self, response: httpx.Response, *, write: bool) -> Any:
        try:
            data = response.json()
        except ValueError:
            if write:
                raise OutcomeUnknown(
                    f"HFD ({self.name}) sent an answer we cannot read: it may have created the "
                    "shipment, so it is looked up before being sent again."
                ) from None
            raise CarrierUnavailable(
                f"HFD ({self.name}) sent an answer we cannot read; it is tried again later."
            ) from None
        if isinstance(data, dict) and data.get("errorMessage"):
            message = cut(str(data["errorMessage"]), 300).rstrip(".")
            raise CarrierRejected(f"HFD refused it: {message}. Correct it and try again.")
        if response.status_code >= 400:
            raise CarrierRejected(
                f"HFD refused the request ({response.status_code}). Check the carrier's settings."
            )
        return data

    # -- the protocol

    def _service(self, request: ShipmentRequest) -> str:
        if request.service in self.types:
            return request.service
        if request.pickup_point:
            return "pudo"
        if request.cod_amount:
            return "cod"
        return "home"

    def shipment_body(self, request: ShipmentRequest) -> dict[str, Any]:
        """The JSON of ``POST /shipments/create`` for a request."""
        to = request.recipient
        service = self._service(request)
        shipment_type, cargo = self.types[service]
        street, house, extras = split_street(to.street, to.house)
        name = to.name or to.company
        sender = request.sender.company or request.sender.name
        remarks_to = to.company if to.name else ""  # the company goes where it fits
        body: dict[str, Any] = {
            "clientNumber": _number(self.client_number),
            "mesiraIsuf": COLLECTION if request.collection else DELIVERY,
            "shipmentTypeCode": _number(shipment_type),
            "cargoTypeHaloch": 0 if request.collection else _number(cargo),
            "cargoTypeHazor": _number(cargo) if request.collection else 0,
            "stageCode": _number(self.stage),
            "ordererName": cut(sender, NAME_LEN),
            "nameTo": cut(name, NAME_LEN),
            "cityName": cut(to.city, CITY_LEN),
            "streetName": cut(street, STREET_LEN),
            "streetCode": "",
            "houseNum": cut(house, 10),
            "entrance": cut(to.entrance or extras.get("entrance", ""), 10),
            "floor": cut(to.floor or extras.get("floor", ""), 10),
            "apartment": cut(to.apartment or extras.get("apartment", ""), 10),
            "telFirst": local_phone(to.phone),
            "email": to.email.strip(),
            "addressRemarks": cut(remarks_to, ADDRESS_REMARKS_LEN),
            "shipmentRemarks": cut(request.remarks, REMARKS_LEN),
            "referenceNum1": cut(request.reference, REFERENCE_LEN),
            "productsPrice": float(request.value) if request.value is not None else 0,
            "packsHaloch": max(1, len(request.parcels)),
        }
        if service == "pudo":
            body["pudoCodeDestination"] = str(request.pickup_point or "")
        if request.cod_amount:
            body["govina"] = {"code": _number(self.cod_code), "sum": float(request.cod_amount)}
        return body

    def create(self, request: ShipmentRequest) -> Shipment:
        if self._service(request) == "pudo" and not request.pickup_point:
            raise CarrierRejected(
                "An HFD pickup-point shipment needs the point the customer chose: choose one "
                "and try again."
            )
        response = self._send(
            "POST", self.url + "/shipments/create", body=self.shipment_body(request), write=True
        )
        data = self._json(response, write=True)
        number = str(data.get("shipmentNumber") or "") if isinstance(data, dict) else ""
        if not number or number == "0":
            raise OutcomeUnknown(
                f"HFD ({self.name}) answered without a shipment number: it may have created "
                "the shipment, so it is looked up before being sent again."
            )
        return self._shipment(number, request.reference, data)

    def _shipment(self, number: str, reference: str, data: dict[str, Any]) -> Shipment:
        ids = {"randNumber": str(data["randNumber"])} if data.get("randNumber") else {}
        return Shipment(
            tracking_number=number,
            reference=reference,
            label=None,  # fetched with label(): the number is kept first whatever happens
            carrier_ids=ids,
            tracking_url=self.tracking_url(number),
        )

    def find(self, reference: str) -> Shipment | None:
        if not self.can_look_up:
            raise NotSupported(
                f"HFD ({self.name}) cannot look a shipment up by our reference: a person "
                "checks HFD's portal for it before it is sent again."
            )
        response = self._send("GET", self.url + "/shipments", params={"referenceNum1": reference})
        if response.status_code in (404, 405):
            raise NotSupported(
                f"HFD ({self.name}) offers no look-up by reference: switch the carrier's "
                "'lookup' option off; a person checks HFD's portal for this shipment."
            )
        data = self._json(response, write=False)
        items = data.get("shipments", []) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise CarrierUnavailable(
                f"HFD ({self.name}) sent an answer we cannot read; it is tried again later."
            )
        found = [
            i
            for i in items
            if isinstance(i, dict)
            and str(i.get("referenceNum1", reference)) == reference
            and i.get("shipmentNumber")
            and not i.get("cancelled")
        ]
        if not found:
            return None
        return self._shipment(str(found[0]["shipmentNumber"]), reference, found[0])

    def cancel(self, tracking_number: str) -> None:
        response = self._send(
            "DELETE", f"{self.url}/shipments/{quote(tracking_number, safe='')}", write=True
        )
        if response.status_code == 404:
            raise CarrierRejected(
                f"HFD does not know shipment {tracking_number}: check the number in HFD's portal."
            )
        data = self._json(response, write=True)
        if not (isinstance(data, dict) and str(data.get("status", "")).upper() == "OK"):
            raise OutcomeUnknown(
                f"HFD did not confirm the cancellation of shipment {tracking_number}: try again."
            )

    def label(self, tracking_number: str) -> Label:
        response = self._send(
            "GET", f"{self.url}/shipments/{quote(tracking_number, safe='')}/label"
        )
        if response.status_code == 404:
            raise CarrierRejected(
                f"HFD has no label for shipment {tracking_number}: check the number in HFD's "
                "portal."
            )
        data = response.content
        kind = _label_format(data)
        if kind is None:
            self._json(response, write=False)  # an errorMessage says why
            raise CarrierUnavailable(
                f"HFD sent something that is not a label for shipment {tracking_number}; it "
                "is asked again later."
            )
        return Label(data=data, format=kind)

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        """Run's ``ship_status_xml`` answers for one number a request."""
        result: dict[str, list[TrackingEvent]] = {}
        for number in tracking_numbers:
            response = self._send(
                "GET",
                self.status_url,
                params={
                    "APPNAME": "run",
                    "PRGNAME": "ship_status_xml",
                    "ARGUMENTS": f"-N{number}",
                },
            )
            if response.status_code >= 400:
                raise CarrierUnavailable(
                    f"HFD's status service answered {response.status_code}; it is asked "
                    "again later."
                )
            try:
                result[number] = parse_status_xml(response.content, self.codes)
            except (ET.ParseError, ValueError, IndexError):
                raise CarrierUnavailable(
                    f"HFD sent a status answer we cannot read for {number}; it is asked again "
                    "later."
                ) from None
        return result

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        street, _house, _extras = split_street(near.street, near.house)
        response = self._send(
            "POST",
            self.url + "/epost-points/get-list-by-address",
            body={
                "clientId": _number(self.client_number),
                "city": near.city.strip(),
                "street": street,
                "shipmentDirection": DELIVERY,
                "language": "HE",
            },
        )
        data = self._json(response, write=False)
        items = data.get("points", data.get("data", [])) if isinstance(data, dict) else data
        points = []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not item.get("spotId"):
                continue
            points.append(
                PickupPoint(
                    id=str(item["spotId"]),
                    name=str(item.get("spotName", "")),
                    kind=_kind(str(item.get("spotType", ""))),
                    street=str(item.get("street", "")),
                    house=str(item.get("houseNo", "") or ""),
                    city=str(item.get("city", "")),
                    latitude=_float(item.get("latitude")),
                    longitude=_float(item.get("longitude")),
                )
            )
        return points

    def test(self) -> str:
        """For ``carriers test``: a harmless question (pickup points), and the token's expiry
        when it is near."""
        city = self.config.options.get("test_city", "תל אביב")
        points = self.pickup_points(Address(name="", street="", city=city))
        sentence = (
            f"{self.name} answers with our credentials ({len(points)} pickup points near {city})."
        )
        warning = self.token_warning()
        return f"{sentence} {warning}" if warning else sentence

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        raise NotSupported("HFD has no price API: the price table in the settings is used.")

    def tracking_url(self, tracking_number: str) -> str:
        return self.tracking_template.replace("{number}", quote(tracking_number, safe=""))

    def close(self) -> None:
        self._client.close()


def _number(text: str) -> int | str:
    """Codes and the client number go as JSON numbers when they are digits."""
    value = str(text).strip()
    return int(value) if value.isdigit() else value


def build(config: CarrierConfig, secret: Callable[[str], str]) -> HfdAdapter:
    """The registry's builder: the token (``secret("token")``) is read when first needed, and
    again after a 401 (an admin may have entered a new one)."""
    return HfdAdapter(config, lambda: secret("token"))


__all__ = [
    "HfdAdapter",
    "build",
    "cut",
    "local_phone",
    "parse_date",
    "parse_status_xml",
    "split_street",
    "token_expiry",
]
