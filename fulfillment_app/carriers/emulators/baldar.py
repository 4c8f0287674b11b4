"""A Baldar courier on loopback: ``POST /Baldarp/service.asmx/SaveData`` with ``pParam``.

It reads ``pParam`` by the same slot template the adapter is configured with (so a test can
move slots around), checks the client id (and the Bearer token when it has one), keeps its own
records by our reference (with the count of creates per reference) and answers the ASMX way,
``<string xmlns="http://tempuri.org/">delivery number</string>``, or ``-<code>;<message>`` for
a refusal. Faults as the Run emulator's: refused, 5xx, timeout after the create, malformed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from ..baldar import DEFAULT_SLOTS, parse_slots
from .run import Answer, Incoming, TextEmulator


@dataclass
class BaldarRecord:
    number: str
    reference: str
    fields: dict[str, str]  # by slot field name ("=" constants left out)
    param: str


class BaldarEmulator(TextEmulator):
    name = "baldar"

    def __init__(
        self,
        *,
        client_number: str = "777",
        slots: str = "",
        wrapped: bool = False,
        **kwargs: Any,
    ):
        kwargs.setdefault("token", "")
        super().__init__(**kwargs)
        self.client_number = client_number
        self.slots = parse_slots(slots) if slots else parse_slots(DEFAULT_SLOTS)
        #: True: the number comes as escaped XML inside the ASMX string (another version).
        self.wrapped = wrapped
        self.by_number: dict[str, BaldarRecord] = {}
        self.shipments: dict[str, BaldarRecord] = {}
        self.counts: dict[str, int] = {}
        self.refused_cities: set[str] = set()
        self._next = 3_000_001
        self._needs_token = bool(self.token)
        self._random = random.Random(5)

    def expire_token(self) -> None:
        self._needs_token = True
        super().expire_token()

    def authorised(self, request: Incoming) -> bool:
        return not self._needs_token or super().authorised(request)

    def handle(self, request: Incoming, fault: str | None) -> Answer:
        if request.method == "GET" and request.path == "/Baldarp/service.asmx":
            return Answer(text='<definitions name="Service"/>', content_type="text/xml")
        if request.method != "POST" or request.path != "/Baldarp/service.asmx/SaveData":
            return Answer(404, "Not found")
        if not self.authorised(request):
            return Answer(401, "Unauthorized")
        form = dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
        param = form.get("pParam")
        if param is None:
            return Answer(500, "Missing parameter: pParam.")
        values = param.split(";")
        if len(values) != len(self.slots):
            return self._answer(f"-1;מספר שדות שגוי ({len(values)})")
        fields = {s.field: v for s, v in zip(self.slots, values, strict=True) if s.field}
        if fields.get("client_number") != self.client_number:
            return self._answer("-2;קוד לקוח לא מוכר")
        if not fields.get("pickup_point") and not (fields.get("city") and fields.get("street")):
            return self._answer("-3;כתובת יעד חסרה")
        if fields.get("city") in self.refused_cities:
            return self._answer(f"-4;העיר {fields['city']} אינה באזור השירות")
        with self.lock:
            number = str(self._next)
            self._next += 1
            reference = fields.get("reference", "")
            record = BaldarRecord(number, reference, fields, param)
            self.by_number[number] = record
            self.shipments[reference] = record
            self.counts[reference] = self.counts.get(reference, 0) + 1
        if self.wrapped:
            return self._answer(
                f"<SaveDataResult><DeliveryNumber>{number}</DeliveryNumber></SaveDataResult>"
            )
        return self._answer(number)

    def _answer(self, result: str) -> Answer:
        return Answer(
            text=f'<string xmlns="http://tempuri.org/">{escape(result)}</string>',
            content_type="text/xml",
        )
