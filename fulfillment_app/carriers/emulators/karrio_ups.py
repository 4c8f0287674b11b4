"""A local UPS REST server (OAuth client credentials) for the Karrio adapter's tests and demo.

Shapes of UPS's CIE sandbox, as Karrio's UPS tests use them:
``POST /security/v1/oauth/token`` (Basic client id:secret) → an access token;
``POST /api/rating/v2409/Shop`` → ``RateResponse.RatedShipment``;
``POST /api/shipments/v2409/ship`` → ``ShipmentResponse.ShipmentResults`` with a 1Z number and
the label (a GIF, or ZPL when asked); ``GET /api/track/v1/details/{number}`` →
``trackResponse.shipment[0].package[0].activity`` (newest first);
``DELETE /api/shipments/v2409/void/cancel/{number}`` → ``VoidShipmentResponse``; errors as
``{"response": {"errors": [{"code", "message"}]}}``.

``expire_token()`` ends the access tokens handed out (a client renews them by itself);
``client_secret`` can be changed to make the configured one refused (the admin must fix it).
Faults and records as :mod:`.karrio_dhl`.
"""

from __future__ import annotations

import base64
import io
import json
import secrets
import time
from typing import Any

from ..config import CarrierConfig
from .karrio_dhl import Answer, CarrierEmulator

#: UPS service codes this emulator quotes: code → (name, price USD, business days).
SERVICES = {
    "65": ("UPS Worldwide Saver", "95.10", 3),
    "07": ("UPS Worldwide Express", "121.35", 2),
    "08": ("UPS Worldwide Expedited", "78.60", 5),
}


def _json(status: int, body: Any) -> Answer:
    return Answer(status, json.dumps(body).encode(), "application/json")


def _error(status: int, code: str, message: str) -> Answer:
    return _json(status, {"response": {"errors": [{"code": code, "message": message}]}})


def gif_label(tracking_number: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "UPS WORLDWIDE SAVER", fill=0)
    draw.text((20, 60), tracking_number, fill=0)
    out = io.BytesIO()
    image.save(out, format="GIF")
    return out.getvalue()


class UpsEmulator(CarrierEmulator):
    client_id = "fulfillment"
    prefix = "1Z999AA1"

    def __init__(self, *, client_secret: str = "secret", **kwargs: Any) -> None:  # noqa: S107 (a test credential)
        super().__init__(**kwargs)
        self.client_secret = client_secret
        self.tokens: set[str] = set()
        self.token_requests = 0

    def number(self, n: int) -> str:
        return f"{self.prefix}{n:08d}"

    def config(self, name: str = "UPS", **options: str) -> CarrierConfig:
        """A carrier configured for this emulator; its secret is :meth:`secret`."""
        return CarrierConfig(
            name=name,
            kind="karrio",
            url=self.url,
            client_number="A1B2C3",
            karrio_carrier="ups",
            options={"client_id": self.client_id, **options},
        )

    def secret(self, key: str) -> str:
        return self.client_secret

    def expire_token(self) -> None:
        self.tokens.clear()

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if path.startswith("/security/v1/oauth/token"):
            return self._token(headers)
        token = headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return _error(401, "250002", "Invalid Authentication Information.")
        if method == "POST" and path.startswith("/api/rating/"):
            return self._rate(json.loads(body))
        if method == "POST" and path.startswith("/api/shipments/") and path.endswith("/ship"):
            return self._ship(json.loads(body))
        if method == "GET" and path.startswith("/api/track/v1/details/"):
            return self._track(path.rsplit("/", 1)[-1].split("?")[0])
        if method == "DELETE" and "/void/cancel/" in path:
            return self._void(path.rsplit("/", 1)[-1])
        return _error(404, "404", "Resource not found.")

    def _token(self, headers: dict[str, str]) -> Answer:
        self.token_requests += 1
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if headers.get("authorization", "") != f"Basic {expected}":
            return _error(401, "10401", "ClientId is Invalid")
        token = secrets.token_urlsafe(24)
        self.tokens.add(token)
        return _json(
            200,
            {
                "token_type": "Bearer",
                "issued_at": str(int(time.time() * 1000)),
                "client_id": self.client_id,
                "access_token": token,
                "expires_in": "14399",
                "status": "approved",
            },
        )

    def _rate(self, payload: dict[str, Any]) -> Answer:
        rated = [
            {
                "Service": {"Code": code, "Description": ""},
                "RatedShipmentAlert": [],
                "BillingWeight": {"UnitOfMeasurement": {"Code": "KGS"}, "Weight": "1.5"},
                "TransportationCharges": {"CurrencyCode": "USD", "MonetaryValue": price},
                "BaseServiceCharge": {"CurrencyCode": "USD", "MonetaryValue": price},
                "ItemizedCharges": [],
                "TaxCharges": [],
                "ServiceOptionsCharges": {"CurrencyCode": "USD", "MonetaryValue": "0.00"},
                "TotalCharges": {"CurrencyCode": "USD", "MonetaryValue": price},
                "TimeInTransit": {
                    "ServiceSummary": {
                        "Service": {"Description": name},
                        "EstimatedArrival": {"BusinessDaysInTransit": str(days)},
                    }
                },
            }
            for code, (name, price, days) in SERVICES.items()
        ]
        return _json(
            200,
            {
                "RateResponse": {
                    "Response": {"ResponseStatus": {"Code": "1", "Description": "Success"}},
                    "RatedShipment": rated,
                }
            },
        )

    def _ship(self, payload: dict[str, Any]) -> Answer:
        shipment = payload.get("ShipmentRequest", {}).get("Shipment", {})
        ship_to = shipment.get("ShipTo", {}).get("Address", {})
        if ship_to.get("PostalCode", "") in self.refuse_postcodes:
            return _error(400, "120802", "Address Validation Error on ShipTo address")
        references = shipment.get("ReferenceNumber") or []
        if isinstance(references, dict):
            references = [references]
        reference = next((str(r.get("Value", "")) for r in references), "")
        if not reference:
            packages = shipment.get("Package") or []
            if isinstance(packages, dict):
                packages = [packages]
            reference = next(
                (
                    str(r.get("Value", ""))
                    for p in packages
                    for r in _as_list(p.get("ReferenceNumber"))
                ),
                "",
            )
        label_spec = payload.get("ShipmentRequest", {}).get("LabelSpecification", {})
        zpl = "ZPL" in str(label_spec.get("LabelImageFormat", {}).get("Code", ""))
        service = str(shipment.get("Service", {}).get("Code", "65"))
        record = self.record(
            reference, service, ship_to.get("CountryCode", ""), "ZPL" if zpl else "GIF"
        )
        record.details = {
            "shipper_country": shipment.get("Shipper", {})
            .get("Address", {})
            .get("CountryCode", ""),
            "ship_to_country": ship_to.get("CountryCode", ""),
            "return": "1" if shipment.get("ReturnService") else "",
        }
        number = record.tracking_number
        image = (
            f"^XA^FO40,40^A0N,40,40^FDUPS^FS^FO40,120^BY3^BCN,200,Y,N,N^FD{number}^FS^XZ".encode()
            if zpl
            else gif_label(number)
        )
        return _json(
            200,
            {
                "ShipmentResponse": {
                    "Response": {"ResponseStatus": {"Code": "1", "Description": "Success"}},
                    "ShipmentResults": {
                        "ShipmentCharges": {
                            "TotalCharges": {"CurrencyCode": "USD", "MonetaryValue": "95.10"}
                        },
                        "BillingWeight": {
                            "UnitOfMeasurement": {"Code": "KGS"},
                            "Weight": "1.5",
                        },
                        "ShipmentIdentificationNumber": number,
                        "PackageResults": [
                            {
                                "TrackingNumber": number,
                                "ShippingLabel": {
                                    "ImageFormat": {"Code": "ZPL" if zpl else "GIF"},
                                    "GraphicImage": base64.b64encode(image).decode(),
                                },
                            }
                        ],
                    },
                }
            },
        )

    def _track(self, number: str) -> Answer:
        shipment = self.by_number.get(number)
        if shipment is None or not shipment.events:
            return _json(
                200,
                {
                    "trackResponse": {
                        "shipment": [
                            {
                                "inquiryNumber": number,
                                "warnings": [
                                    {"code": "TW0001", "message": "Tracking Information Not Found"}
                                ],
                            }
                        ]
                    }
                },
            )
        activity = [
            {
                "location": {"address": {"city": "TEL AVIV", "countryCode": "IL"}},
                "status": {"type": kind, "description": text, "code": kind},
                "date": at.strftime("%Y%m%d"),
                "time": at.strftime("%H%M%S"),
            }
            for kind, text, at in reversed(shipment.events)
        ]
        return _json(
            200,
            {
                "trackResponse": {
                    "shipment": [
                        {
                            "inquiryNumber": number,
                            "package": [
                                {
                                    "trackingNumber": number,
                                    "deliveryDate": [],
                                    "activity": activity,
                                    "packageCount": 1,
                                }
                            ],
                        }
                    ]
                }
            },
        )

    def _void(self, number: str) -> Answer:
        shipment = self.by_number.get(number)
        if shipment is None:
            return _error(400, "190117", "The shipment could not be found.")
        if shipment.events:
            return _error(400, "190101", "The shipment has been picked up and cannot be voided.")
        shipment.cancelled = True
        return _json(
            200,
            {
                "VoidShipmentResponse": {
                    "Response": {"ResponseStatus": {"Code": "1", "Description": "Success"}},
                    "SummaryResult": {"Status": {"Code": "1", "Description": "Voided"}},
                }
            },
        )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
