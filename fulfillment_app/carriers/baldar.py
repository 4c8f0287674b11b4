"""Baldar couriers: ``POST <url>/Baldarp/service.asmx/SaveData`` with the form field ``pParam``.

``pParam`` is one semicolon-separated positional string (type; pickup street; number; city;
destination street; number; city; ...; client id; ...; e-mail or phone). The order of the slots
varies between couriers' versions, so it is configuration: the carrier's option ``slots`` (the
field names joined by ``;``, each optionally ``/length``, or ``=constant``) overrides
:data:`DEFAULT_SLOTS`. A value may hold no ``;`` (taken out).

The answer is ASMX XML (``<string xmlns="http://tempuri.org/">…</string>``) or plain text
holding the delivery number; zero or a negative number (optionally ``;message``) or an
``<Error>`` element is a refusal. Anything else after a create is an unknown outcome: Baldar
offers no lookup by our reference that we know of, so ``can_look_up`` is False and the shipping
service holds it for a person instead of creating a second one. Labels, tracking and cancelling
are not offered through ``SaveData``: our own label goes on the package (NotSupported).

The courier's host names no credential beyond the client id in ``pParam`` (unconfirmed); where
a token is configured it is sent as ``Authorization: Bearer``.

Options: ``slots``, ``type`` (the delivery type code, default 1), ``urgency``, ``vehicle``,
``tracking_url`` (with ``{number}``), ``timeout_s``, ``connect_timeout_s``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from ..errors import ConfigError
from .base import (
    Address,
    CarrierRejected,
    Label,
    NotSupported,
    OutcomeUnknown,
    PickupPoint,
    Rate,
    Shipment,
    ShipmentRequest,
    TrackingEvent,
)
from .config import CarrierConfig
from .run import CarrierMisconfigured, Courier, Unreadable, decode, local_phone, one_line, parse_xml

PATH = "/Baldarp/service.asmx/SaveData"

DEFAULT_SLOTS = (
    "type",  # 1 delivery type code
    "sender_street/30",  # 2 pickup street
    "sender_house/10",  # 3 pickup number
    "sender_city/30",  # 4 pickup city
    "street/30",  # 5 destination street
    "house/10",  # 6 destination number
    "city/30",  # 7 destination city
    "sender_company/30",  # 8 sender
    "name/30",  # 9 consignee
    "phone/20",  # 10 consignee phone
    "remarks/80",  # 11 remarks
    "urgency",  # 12 urgency code
    "=0",  # 13
    "vehicle",  # 14 vehicle type code
    "packages",  # 15 number of packages
    "return",  # 16 1 for a collection (return)
    "reference/50",  # 17 our reference
    "client_number",  # 18 client id
    "entrance/5",  # 19
    "floor/5",  # 20
    "apartment/5",  # 21
    "cod_amount",  # 22 cash on delivery
    "pickup_point",  # 23 pickup point chosen by the customer
    "=",  # 24
    "email_or_phone/50",  # 25 e-mail or phone for the courier's messages
)


@dataclass(frozen=True)
class BaldarSlot:
    field: str = ""
    constant: str = ""
    length: int = 0


def parse_slots(text: str | Sequence[str]) -> tuple[BaldarSlot, ...]:
    """The slot template from ``a;b/20;=1`` (or a sequence of the same), or a sentence."""
    items = text.split(";") if isinstance(text, str) else list(text)
    slots = []
    for i, item in enumerate(items, 1):
        item = item.strip()
        if item.startswith("="):
            slots.append(BaldarSlot(constant=item[1:]))
            continue
        name, _, length = item.partition("/")
        if not name.isidentifier() or (length and not length.isdigit()):
            raise ConfigError(f"Slot {i} of the Baldar template is not a field name: {item!r}.")
        slots.append(BaldarSlot(field=name, length=int(length or 0)))
    if not slots:
        raise ConfigError("The Baldar slot template is empty.")
    return tuple(slots)


_FORBIDDEN = re.compile(r"[;\x00-\x1f\x7f]")


def clean(value: str, length: int = 0) -> str:
    text = " ".join(_FORBIDDEN.sub(" ", str(value)).split())
    return text[:length] if length else text


def build_param(slots: Sequence[BaldarSlot], fields: dict[str, str]) -> str:
    """The ``pParam`` string: one value a slot, ``;`` between them."""
    return ";".join(
        clean(s.constant if not s.field else fields.get(s.field, ""), s.length) for s in slots
    )


def request_fields(request: ShipmentRequest, config: CarrierConfig) -> dict[str, str]:
    r: Address = request.recipient
    s: Address = request.sender
    options = config.options
    phone = local_phone(r.phone)
    return {
        "type": request.service or options.get("type", "1"),
        "sender_street": s.street,
        "sender_house": s.house,
        "sender_city": s.city,
        "sender_company": s.company or s.name,
        "street": r.street,
        "house": r.house,
        "city": r.city,
        "entrance": r.entrance,
        "floor": r.floor,
        "apartment": r.apartment,
        "name": r.name or r.company,
        "company": r.company,
        "phone": phone,
        "email": r.email,
        "email_or_phone": r.email or phone,
        "remarks": request.remarks,
        "urgency": options.get("urgency", "1"),
        "vehicle": options.get("vehicle", "1"),
        "packages": str(len(request.parcels) or 1),
        "return": "1" if request.collection else "0",
        "reference": request.reference,
        "client_number": config.client_number,
        "cod_amount": f"{request.cod_amount:.2f}" if request.cod_amount else "",
        "pickup_point": request.pickup_point or "",
        "weight_kg": f"{sum(p.weight_g for p in request.parcels) / 1000:.2f}",
        "contents": request.contents,
    }


_NUMBER = re.compile(r"^(-?\d+)\s*(?:[;:|,]\s*(.*))?$", re.S)


def parse_answer(text: str, courier: str = "The courier") -> str:
    """The delivery number; :class:`CarrierRejected` with the courier's words for a refusal;
    :class:`Unreadable` for anything else."""
    body = text.strip().lstrip("\ufeff")
    for _ in range(2):  # ASMX wraps the result, which may itself be escaped XML
        if not body.startswith("<"):
            break
        root = parse_xml(body)
        found = {
            e.tag.rsplit("}", 1)[-1].lower(): (e.text or "").strip()
            for e in root.iter()
            if isinstance(e.tag, str)
        }
        if found.get("error"):
            raise CarrierRejected(f"{courier} refused the delivery: {one_line(found['error'])}.")
        number = found.get("deliverynumber")
        if number is not None:
            body = number
            break
        body = (root.text or "").strip()
    match = _NUMBER.match(body)
    if not match:
        raise Unreadable("an answer without a delivery number")
    number, message = match.group(1), (match.group(2) or "").strip()
    if int(number) <= 0:
        said = one_line(message) if message else f"error {number}"
        raise CarrierRejected(f"{courier} refused the delivery: {said}.")
    if message:
        raise Unreadable("a delivery number followed by more text")
    return number


class BaldarAdapter:
    kind = "baldar"
    can_look_up = False

    def __init__(
        self,
        config: CarrierConfig,
        secret: Callable[[str], str],
        *,
        transport: httpx.BaseTransport | None = None,
    ):
        self.config = config
        self.name = config.name
        options = config.options
        try:
            self.slots = parse_slots(options.get("slots") or DEFAULT_SLOTS)
        except ConfigError as exc:
            raise CarrierMisconfigured(str(exc)) from None
        self._http = Courier(config, secret, PATH, transport)

    def create(self, request: ShipmentRequest) -> Shipment:
        param = build_param(self.slots, request_fields(request, self.config))
        response = self._http.request(
            "POST", self._http.url, write=True, lookup=False, data={"pParam": param}
        )
        try:
            number = parse_answer(
                decode(response.content, response.headers.get("Content-Type", "")), self.name
            )
        except Unreadable as exc:
            raise OutcomeUnknown(
                f"{self.name} sent an answer we cannot read ({exc}) and may have created the "
                "delivery, so a person checks with the courier before it is sent again."
            ) from None
        return Shipment(
            tracking_number=number,
            reference=request.reference,
            tracking_url=self.tracking_url(number),
        )

    def find(self, reference: str) -> Shipment | None:
        raise NotSupported(
            f"{self.name} cannot look a delivery up by our reference: a person checks with "
            "the courier before it is sent again."
        )

    def cancel(self, tracking_number: str) -> None:
        raise NotSupported(
            f"{self.name} cannot cancel through its API: call the courier to cancel delivery "
            f"{tracking_number}."
        )

    def label(self, tracking_number: str) -> Label:
        raise NotSupported(f"{self.name} gives no label through its API: ours is printed.")

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        raise NotSupported(f"{self.name} gives no tracking through SaveData.")

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        raise NotSupported(f"{self.name} lists no pickup points through its API.")

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        raise NotSupported(f"{self.name} quotes no rates: the price table is used.")

    def tracking_url(self, tracking_number: str) -> str:
        pattern = self.config.options.get("tracking_url", "")
        return pattern.format(number=tracking_number) if pattern else ""

    def test(self) -> str:
        """SaveData would create a delivery, so only the service's description is asked for:
        the address is checked (Baldar asks no credentials before a delivery)."""
        self._http.request(
            "GET", self._http.url.rsplit("/", 1)[0] + "?WSDL", write=False, lookup=False
        )
        return f"{self.name} answers; Baldar checks the client id only when a delivery is sent."

    def close(self) -> None:
        self._http.close()
