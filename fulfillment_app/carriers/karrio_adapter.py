"""International carriers (DHL Express, UPS) through the Karrio library.

Karrio is used as a library, not its server: its models and per-carrier mappers build the
carrier's request (addresses, parcels, customs) and read the carrier's answer (tracking number,
base64 label, rates, tracking events, error messages). The HTTP exchange itself is ours
(httpx, TLS verified, explicit time-outs): Karrio's own transport is urllib without a time-out,
and its fluent API (``karrio.Shipment.create(...).from_(gateway)``) turns every transport
failure into a message, which cannot tell "nothing was created" from "sent, no answer" - the
distinction exactly-once creation rests on. So this adapter does what the fluent API does
(``mapper.create_*_request`` → send → ``mapper.parse_*_response``) with its own send.

Configuration (``CarrierConfig``):

- ``karrio_carrier``: ``dhl_express`` or ``ups``;
- ``client_number``: the carrier account number (DHL shipper account, UPS shipper number);
- the credentials, each from option ``KEY`` when it is no secret (an id), else the secret
  ``KEY`` (``carriers add karrio --secret-env KEY=VAR``, or the keyring): DHL ``site_id`` and
  ``password``, UPS ``client_id`` and ``client_secret``; a carrier with ``token_env`` (or
  keyring token) takes the password / client secret from its ``token``;
- ``url``: the server. Karrio's carrier settings hard-code the carriers' hosts (a read-only
  ``server_url`` property: sandbox when ``options["test_mode"]`` is ``"1"``, else production);
  a ``url`` set here replaces that host, which is how the tests reach the local emulators;
- ``options["label"]``: ``pdf`` (default) or ``zpl``; ``options["service"]``: the default
  Karrio service code; ``options["incoterm"]``: ``DAP`` (default) or ``DDP``;
  ``options["tracking_url"]``: the customer's tracking page, ``{number}`` in it.

Neither DHL Express (XML-PI) nor UPS can be asked through Karrio for a shipment by our
reference, so ``can_look_up`` is False: after an unknown outcome the shipment waits for a person.
DHL Express shipments cannot be cancelled through its API (an unused label is not billed).
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

import httpx

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

log = logging.getLogger(__name__)

CARRIERS = ("dhl_express", "ups")
_TRACKING_PAGES = {
    "dhl_express": "https://www.dhl.com/global-en/home/tracking/tracking-express.html"
    "?submit=1&tracking-id={number}",
}
#: The two credentials of each carrier: the id (may be a plain option) and the secret.
_CREDENTIALS = {"dhl_express": ("site_id", "password"), "ups": ("client_id", "client_secret")}
TITLES = {"dhl_express": "DHL Express", "ups": "UPS"}

#: Karrio's unified tracking statuses → ours.
STATUSES: dict[str, TrackingStatus] = {
    "pending": TrackingStatus.CREATED,
    "picked_up": TrackingStatus.COLLECTED,
    "in_transit": TrackingStatus.IN_TRANSIT,
    "on_hold": TrackingStatus.IN_TRANSIT,
    "delivery_delayed": TrackingStatus.IN_TRANSIT,
    "ready_for_pickup": TrackingStatus.OUT_FOR_DELIVERY,
    "out_for_delivery": TrackingStatus.OUT_FOR_DELIVERY,
    "delivered": TrackingStatus.DELIVERED,
    "delivery_failed": TrackingStatus.FAILED,
    "cancelled": TrackingStatus.FAILED,
    "return_to_sender": TrackingStatus.RETURNED,
}

#: Carrier error codes (and words) that mean the credentials, not the request, are wrong.
_AUTH_CODES = {"100", "101", "250002", "250003", "401", "403"}
_AUTH_WORDS = ("authentic", "password", "unauthorized", "invalid token", "credential")

TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=10.0, pool=5.0)


@functools.cache
def _settings_class(carrier: str) -> type:
    """Karrio's settings for ``carrier`` with the host replaceable (``base_url``)."""
    import attr

    if carrier == "dhl_express":
        from karrio.mappers.dhl_express.settings import Settings
    elif carrier == "ups":
        from karrio.mappers.ups.settings import Settings
    else:  # pragma: no cover - checked by the caller
        raise ValueError(carrier)

    @attr.s(auto_attribs=True)
    class Local(Settings):
        base_url: str = ""

        @property
        def server_url(self) -> str:
            return self.base_url.rstrip("/") or super().server_url

    return Local


@dataclass(frozen=True)
class _Reply:
    status: int
    text: str


class KarrioAdapter:
    """One configured Karrio carrier (DHL Express or UPS); thread-safe, one HTTP pool."""

    kind = "karrio"
    can_look_up = False

    def __init__(
        self,
        config: CarrierConfig,
        secret: Callable[[str], str],
        *,
        timeout: httpx.Timeout = TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        from loguru import logger

        logger.disable("karrio")  # its own log goes to stderr; ours says what matters
        import karrio.lib as karrio_lib
        import karrio.sdk as karrio

        carrier = config.karrio_carrier
        if carrier not in CARRIERS:
            raise NotSupported(
                f"Carrier {config.name!r} names Karrio carrier {carrier!r}; this version ships "
                f"{', '.join(CARRIERS)}: set one of them with carriers add."
            )
        self.name = config.name
        self.carrier = carrier
        self.title = TITLES[carrier]
        self._config = config
        options = config.options
        self._label_type = "ZPL" if options.get("label", "pdf").lower() == "zpl" else "PDF"
        self._service = options.get("service", "")
        self._incoterm = options.get("incoterm", "DAP")
        user_key, password_key = _CREDENTIALS[carrier]
        user = options.get(user_key) or options.get("user") or secret(user_key)
        password = secret("token") if config.needs_secret else secret(password_key)
        common = {
            "account_number": config.client_number or None,
            "test_mode": options.get("test_mode", "") == "1",
            "base_url": config.url,
            "carrier_id": config.name,
        }
        if carrier == "dhl_express":
            settings = _settings_class(carrier)(site_id=user, password=password, **common)
        else:
            settings = _settings_class(carrier)(client_id=user, client_secret=password, **common)
        self._gateway = karrio.gateway[carrier].create(settings)
        self._lib = karrio_lib
        self._client = httpx.Client(timeout=timeout, verify=True, transport=transport)
        self._token: tuple[str, float] | None = None
        self._token_lock = threading.Lock()

    # -- the protocol ------------------------------------------------------------------------

    def create(self, request: ShipmentRequest) -> Shipment:
        """A shipment to the recipient, or with ``collection`` a return from them to us (the
        carrier's return label: the customer is the shipper, our address the consignee)."""
        from karrio.core import models

        leg = request
        if request.collection:
            leg = replace(request, sender=request.recipient, recipient=request.sender)
        payload = models.ShipmentRequest(
            service=request.service or self._service or self._default_service(request),
            shipper=self._address(leg.sender),
            recipient=self._address(leg.recipient),
            parcels=self._parcels(request),
            payment=models.Payment(paid_by="sender", account_number=self._config.client_number),
            customs=self._customs(leg),
            options=self._options(request),
            reference=request.reference,
            label_type=self._label_type,
            is_return=request.collection,
            return_address=self._address(request.sender) if request.collection else None,
        )
        mapper = self._gateway.mapper
        if request.collection:
            serial = mapper.create_return_shipment_request(payload)
            parse = mapper.parse_return_shipment_response
        else:
            serial = mapper.create_shipment_request(payload)
            parse = mapper.parse_shipment_response
        reply = self._send("create_shipment", serial, writes=True)
        details, messages = self._parse(parse, reply, serial, writes=True, what="the shipment")
        if details is None or not details.tracking_number:
            self._raise(messages, request.reference, writes=True)
        label = self._label(details)
        return Shipment(
            tracking_number=details.tracking_number,
            reference=request.reference,
            label=label,
            carrier_ids={
                k: str(v)
                for k, v in {"shipment_identifier": details.shipment_identifier}.items()
                if v
            },
            tracking_url=self.tracking_url(details.tracking_number),
        )

    def find(self, reference: str) -> Shipment | None:
        raise NotSupported(
            f"{self.title} cannot be asked for a shipment by our reference: check the "
            f"{self.title} portal for {reference} before shipping it again."
        )

    def cancel(self, tracking_number: str) -> None:
        if self.carrier == "dhl_express":
            raise NotSupported(
                f"DHL Express shipments cannot be cancelled through its API: do not hand "
                f"{tracking_number} to DHL (an unused label is not billed)."
            )
        from karrio.core import models

        mapper = self._gateway.mapper
        serial = mapper.create_cancel_shipment_request(
            models.ShipmentCancelRequest(shipment_identifier=tracking_number)
        )
        reply = self._send("cancel_shipment", serial, writes=True)
        confirmation, messages = self._parse(
            mapper.parse_cancel_shipment_response, reply, serial, writes=True, what="the cancel"
        )
        if confirmation is None or not confirmation.success:
            self._raise(messages, tracking_number, writes=False)

    def label(self, tracking_number: str) -> Label:
        raise NotSupported(
            f"{self.title} gives the label only with the new shipment: reprint the stored "
            f"label of {tracking_number}."
        )

    def track(self, tracking_numbers: Sequence[str]) -> dict[str, list[TrackingEvent]]:
        from karrio.core import models

        numbers = [n for n in tracking_numbers if n]
        if not numbers:
            return {}
        mapper = self._gateway.mapper
        serial = mapper.create_tracking_request(models.TrackingRequest(tracking_numbers=numbers))
        reply = self._send("get_tracking", serial, writes=False)
        details, messages = self._parse(
            mapper.parse_tracking_response, reply, serial, writes=False, what="tracking"
        )
        found = {d.tracking_number: d for d in details or []}
        errors = [m for m in messages if getattr(m, "level", "error") != "warning"]
        if not found and errors:  # a warning is "not scanned yet": nothing to tell
            self._raise(errors, ", ".join(numbers), writes=False)
        return {n: self._events(found[n]) for n in numbers if n in found}

    def pickup_points(self, near: Address) -> list[PickupPoint]:
        raise NotSupported(f"{self.title} pickup points are not offered through Karrio.")

    def rates(self, request: ShipmentRequest) -> list[Rate]:
        from karrio.core import models

        payload = models.RateRequest(
            shipper=self._address(request.sender),
            recipient=self._address(request.recipient),
            parcels=self._parcels(request),
            services=[request.service] if request.service else [],
            options=self._options(request),
            reference=request.reference,
        )
        mapper = self._gateway.mapper
        serial = mapper.create_rate_request(payload)
        reply = self._send("get_rates", serial, writes=False)
        details, messages = self._parse(
            mapper.parse_rate_response, reply, serial, writes=False, what="rates"
        )
        if not details:
            self._raise(messages, request.reference, writes=False)
        return [
            Rate(
                service=str(d.service),
                amount=_money(d.total_charge),
                currency=d.currency or request.currency,
                days=d.transit_days,
            )
            for d in details
        ]

    def tracking_url(self, tracking_number: str) -> str:
        """The customer's tracking page: option ``tracking_url`` (``{number}`` in it) if set;
        DHL's international page (Karrio's points at DHL Canada); else Karrio's."""
        template = self._config.options.get("tracking_url") or _TRACKING_PAGES.get(self.carrier)
        if template:
            return template.replace("{number}", tracking_number)
        karrio_template = self._gateway.settings.tracking_url
        return karrio_template.format(tracking_number) if karrio_template else ""

    def close(self) -> None:
        self._client.close()

    def test(self) -> str:
        """A sentence for ``carriers test``: do our credentials work? (Creates nothing.)"""
        if self.carrier == "ups":
            self._ups_token(renew=True)
        else:
            self.track(["0000000000"])  # DHL checks the SiteID and password on every request
        return f"{self.name} ({self.title}) answers with our credentials."

    # -- mapping -----------------------------------------------------------------------------

    def _default_service(self, request: ShipmentRequest) -> str:
        international = request.sender.country != request.recipient.country
        if self.carrier == "dhl_express":
            return "dhl_express_worldwide_nondoc" if international else "dhl_domestic_express"
        return "ups_worldwide_saver" if international else "ups_standard"

    def _address(self, address: Address) -> Any:
        from karrio.core import models

        line2 = ", ".join(
            part
            for part in (
                f"Entrance {address.entrance}" if address.entrance else "",
                f"Floor {address.floor}" if address.floor else "",
                f"Apt {address.apartment}" if address.apartment else "",
            )
            if part
        )
        return models.Address(
            person_name=address.name,
            company_name=address.company or None,
            address_line1=" ".join(p for p in (address.house, address.street) if p),
            address_line2=line2 or None,
            street_number=address.house or None,
            city=address.city,
            postal_code=address.postcode or None,
            country_code=address.country.upper(),
            phone_number=address.phone or None,
            email=address.email or None,
            residential=not address.company,
        )

    def _parcels(self, request: ShipmentRequest) -> list[Any]:
        from karrio.core import models

        def cm(mm: float) -> float | None:
            return round(mm / 10, 1) if mm else None

        return [
            models.Parcel(
                id=str(n),
                weight=max(round(p.weight_g / 1000, 3), 0.1),
                weight_unit="KG",
                length=cm(p.length_mm),
                width=cm(p.width_mm),
                height=cm(p.height_mm),
                dimension_unit="CM",
                packaging_type="your_packaging",
                description=request.contents or None,
                reference_number=request.reference,
            )
            for n, p in enumerate(request.parcels, start=1)
        ]

    def _customs(self, request: ShipmentRequest) -> Any:
        from karrio.core import models

        if request.sender.country.upper() == request.recipient.country.upper():
            return None
        value = float(request.value) if request.value is not None else None
        weight = max(round(request.weight_g / 1000, 3), 0.1)
        contents = request.contents or "Merchandise"
        return models.Customs(
            content_type="merchandise",
            content_description=contents,
            incoterm=self._incoterm,
            invoice=request.reference,
            invoice_date=datetime.now(UTC).date().isoformat(),
            commodities=[
                models.Commodity(
                    title=contents[:35],
                    description=contents,
                    quantity=1,
                    weight=weight,
                    weight_unit="KG",
                    value_amount=value,
                    value_currency=request.currency,
                    origin_country=request.sender.country.upper(),
                )
            ],
            duty=models.Duty(
                paid_by="recipient" if self._incoterm == "DAP" else "sender",
                currency=request.currency,
                declared_value=value,
            ),
        )

    def _options(self, request: ShipmentRequest) -> dict[str, Any]:
        options: dict[str, Any] = {"currency": request.currency}
        if request.value is not None:
            options["declared_value"] = float(request.value)
        if request.cod_amount is not None:
            options["cash_on_delivery"] = float(request.cod_amount)
        return options

    def _label(self, details: Any) -> Label | None:
        encoded = getattr(details.docs, "label", None) if details.docs else None
        if not encoded:
            return None
        try:
            data = base64.b64decode(encoded)
        except (binascii.Error, ValueError):
            return None
        kind = (details.label_type or self._label_type).upper()
        return Label(data=data, format="zpl" if kind.startswith("ZPL") else "pdf")

    def _events(self, details: Any) -> list[TrackingEvent]:
        events: list[TrackingEvent] = []
        for event in details.events or []:
            # A check point Karrio gives no status (a scan at a hub) means the parcel moves on.
            status = STATUSES.get(str(event.status or ""), TrackingStatus.IN_TRANSIT)
            events.append(
                TrackingEvent(
                    status=status,
                    at=_when(event),
                    description=str(event.description or ""),
                    code=str(event.code or ""),
                )
            )
        events.sort(key=lambda e: e.at)
        return events

    # -- transport ---------------------------------------------------------------------------

    def _send(self, operation: str, serial: Any, *, writes: bool) -> _Reply:
        if self.carrier == "dhl_express":
            return self._http(
                "POST",
                "/XMLShippingServlet",
                content=serial.serialize(),
                headers={"Content-Type": "application/xml"},
                writes=writes,
            )
        return self._ups(operation, serial, writes=writes)

    def _ups(self, operation: str, serial: Any, *, writes: bool) -> _Reply:
        lib = self._lib
        if operation == "get_tracking":
            pairs = []
            for number in serial.serialize():
                reply = self._authorised("GET", f"/api/track/v1/details/{number}", writes=False)
                try:
                    pairs.append([number, lib.to_dict(reply.text)])
                except ValueError:
                    continue  # an unreadable answer for one number: asked again next round
            return _Reply(200, lib.to_json(pairs))
        if operation == "cancel_shipment":
            number = serial.serialize().get("shipmentidentificationnumber")
            return self._authorised(
                "DELETE", f"/api/shipments/v2409/void/cancel/{number}", writes=writes
            )
        path = {
            "create_shipment": "/api/shipments/v2409/ship",
            "get_rates": "/api/rating/v2409/Shop?additionalinfo=timeintransit",
        }[operation]
        return self._authorised(
            "POST", path, content=lib.to_json(serial.serialize()), writes=writes
        )

    def _authorised(self, method: str, path: str, *, writes: bool, **kwargs: Any) -> _Reply:
        for attempt in (1, 2):
            token = self._ups_token(renew=attempt == 2)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            reply = self._http(method, path, headers=headers, writes=writes, auth=False, **kwargs)
            if reply.status != 401:
                return reply
        raise CarrierAuthFailed(
            f"UPS refused our sign-in for {self.name}: the admin should set a new client "
            f"secret, then retry the shipment."
        )

    def _ups_token(self, *, renew: bool) -> str:
        with self._token_lock:
            if self._token and not renew and self._token[1] > time.monotonic():
                return self._token[0]
            settings = self._gateway.settings
            reply = self._http(
                "POST",
                "/security/v1/oauth/token",
                content="grant_type=client_credentials",
                headers={
                    "Authorization": f"Basic {settings.authorization}",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                writes=False,
            )
            try:
                answer = self._lib.to_dict(reply.text)
                token = str(answer["access_token"])
                life = float(answer.get("expires_in") or 3600)
            except (ValueError, KeyError, TypeError) as e:
                raise CarrierUnavailable(
                    "UPS gave no usable sign-in answer; the shipment will be tried again."
                ) from e
            self._token = (token, time.monotonic() + max(life - 60, 30))
            return token

    def _http(
        self, method: str, path: str, *, writes: bool, auth: bool = True, **kwargs: Any
    ) -> _Reply:
        url = self._gateway.settings.server_url + path
        try:
            response = self._client.request(method, url, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as e:
            raise CarrierUnavailable(
                f"{self.title} cannot be reached; the shipment will be tried again later."
            ) from e
        except httpx.HTTPError as e:
            if writes:
                raise OutcomeUnknown(
                    f"{self.title} did not answer in time; check whether it created the "
                    f"shipment before sending it again."
                ) from e
            raise CarrierUnavailable(
                f"{self.title} did not answer in time; it will be asked again later."
            ) from e
        status = response.status_code
        if status in (401, 403) and auth:
            raise CarrierAuthFailed(
                f"{self.title} refused our credentials for {self.name}: the admin should set "
                f"a new password or client secret, then retry the shipment."
            )
        if status in (404, 405):
            raise CarrierRejected(
                f"The address set for {self.name} ({url.split('?')[0]}) is not the {self.title} "
                f"API: the admin should correct it, then retry the shipment."
            )
        # 429 and 503 say the request was not taken; any other 5xx to a write may have come
        # after the carrier created the shipment (a gateway between us): outcome unknown.
        if status >= 500 and status != 503 and writes:
            raise OutcomeUnknown(
                f"{self.title} failed while answering (HTTP {status}); check whether it "
                f"created the shipment before sending it again."
            )
        if status == 429 or status >= 500:
            raise CarrierUnavailable(
                f"{self.title} is busy or failing (HTTP {status}); the shipment will be tried "
                f"again later."
            )
        return _Reply(status, response.text)

    def _parse(
        self,
        parse: Callable[[Any], tuple[Any, list[Any]]],
        reply: _Reply,
        serial: Any,
        *,
        writes: bool,
        what: str,
    ) -> tuple[Any, list[Any]]:
        lib = self._lib
        deserialize = lib.to_element if self.carrier == "dhl_express" else lib.to_dict
        try:
            return parse(lib.Deserializable(reply.text, deserialize, serial.ctx))
        except Exception as e:  # Karrio raises whatever its parser met: an unreadable answer
            log.warning("%s: unreadable answer for %s: %s", self.name, what, type(e).__name__)
            if writes:
                raise OutcomeUnknown(
                    f"{self.title} gave an unreadable answer; check whether it created the "
                    f"shipment before sending it again."
                ) from e
            raise CarrierUnavailable(
                f"{self.title} gave an unreadable answer for {what}; it will be asked again."
            ) from e

    def _raise(self, messages: list[Any], subject: str, *, writes: bool) -> NoReturn:
        if not messages:
            if writes:
                raise OutcomeUnknown(
                    f"{self.title} answered without a tracking number; check whether it "
                    f"created {subject} before sending it again."
                )
            raise CarrierUnavailable(f"{self.title} answered with nothing usable for {subject}.")
        first = messages[0]
        code = str(getattr(first, "code", "") or "")
        text = " ".join(str(getattr(first, "message", "") or "").split()).rstrip(".")
        if code in _AUTH_CODES or any(w in text.lower() for w in _AUTH_WORDS):
            raise CarrierAuthFailed(
                f"{self.title} refused our credentials for {self.name} ({text}): the admin "
                f"should fix them, then retry the shipment."
            )
        raise CarrierRejected(f"{self.title} refused {subject}: {text} (code {code}).")


def _money(value: Any) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return Decimal("0.00")


_OFFSET = re.compile(r"([+-]\d\d):?(\d\d)$")


def _when(event: Any) -> datetime:
    """The event's moment, aware, in UTC (Karrio gives an ISO timestamp or date and time)."""
    stamp = str(event.timestamp or "")
    if stamp:
        try:
            moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
        except ValueError:
            pass
    day = str(event.date or "1970-01-01")
    clock = str(event.time or "00:00")
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p"):
        try:
            return datetime.strptime(f"{day} {clock}", pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return datetime.fromisoformat(day).replace(tzinfo=UTC)
