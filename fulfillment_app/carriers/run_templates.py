"""The per-courier layout of Run's 42 positional arguments, as configuration.

Couriers on Run (RunCom) share one request, ``ship_create_anonymous``, whose 42 arguments are
positional; which slot holds what differs between couriers and versions (one puts weight and
dimensions in P39–P42, another the consignee's e-mail in P40). So the layout is data: a TOML
template per courier. Cheetah and Focus are shipped below; a courier of one's own is a TOML
file of the same shape named in the carrier's options (``template = "/path/courier.toml"``).

A slot is written ``"<N|A>"`` (empty), ``"<N|A>:<field>"`` or ``"<N|A>:<field>/<length>"`` (a
field of the request, cut to the length) or ``"<N|A>=<constant>"``. ``N`` marks a numeric
argument (``-N``), ``A`` an alphanumeric one (``-A``). The fields are those of
:func:`fulfillment_app.carriers.run.request_fields`.

Everything marked (unconfirmed) in the carriers notes is a guess kept in the template, where an
admin can correct it without a code change.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from .base import TrackingStatus

SLOTS = 42
KINDS = ("N", "A")


@dataclass(frozen=True)
class Slot:
    kind: str  # "N" or "A"
    field: str = ""  # a request field, or "" for a constant
    constant: str = ""
    length: int = 0  # 0: no limit


@dataclass(frozen=True)
class Codes:
    """Shipment type, cargo type and stage for one kind of shipment."""

    type: str = ""
    cargo: str = ""
    stage: str = ""


@dataclass(frozen=True)
class RunTemplate:
    name: str
    slots: tuple[Slot, ...]
    program: str = "ship_create_anonymous"
    status_program: str = "ship_status_xml"
    status_arguments: tuple[Slot, ...] = ()
    #: A program that finds a shipment by our reference; "" when the courier has none (then
    #: an unknown outcome waits for a person instead of a second create).
    lookup_program: str = ""
    lookup_arguments: tuple[Slot, ...] = ()
    label_program: str = ""
    label_arguments: tuple[Slot, ...] = ()
    cancel_program: str = ""
    cancel_arguments: tuple[Slot, ...] = ()
    #: The charset the arguments are percent-encoded in.
    charset: str = "utf-8"
    tracking_url: str = ""  # with {number}
    cod_payment_type: str = "1"
    codes: dict[str, Codes] = field(default_factory=dict)  # home, cod, point, collection
    status: dict[str, str] = field(default_factory=dict)  # courier code -> TrackingStatus value


def parse_slot(text: str, where: str) -> Slot:
    """One slot of a template, or :class:`ConfigError` saying which is wrong."""
    if not isinstance(text, str) or not text or text[0] not in KINDS:
        raise ConfigError(f"Slot {where} of the Run template must start with N or A: {text!r}.")
    kind, rest = text[0], text[1:]
    if not rest:
        return Slot(kind)
    if rest.startswith("="):
        return Slot(kind, constant=rest[1:])
    if not rest.startswith(":"):
        raise ConfigError(f"Slot {where} of the Run template is not N:field or N=value: {text!r}.")
    name, _, length = rest[1:].partition("/")
    if not name.isidentifier() or (length and not length.isdigit()):
        raise ConfigError(f"Slot {where} of the Run template names no field: {text!r}.")
    return Slot(kind, field=name, length=int(length or 0))


def _slots(raw: object, key: str, count: int | None = None) -> tuple[Slot, ...]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise ConfigError(f"The Run template's {key} must be a list of slots.")
    if count is not None and len(raw) != count:
        raise ConfigError(f"The Run template's {key} has {len(raw)} slots where Run takes {count}.")
    return tuple(parse_slot(s, f"{key}[{i + 1}]") for i, s in enumerate(raw))


def parse_template(text: str, origin: str = "template") -> RunTemplate:
    """A template from its TOML text; :class:`ConfigError` with one sentence if it is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The Run template {origin} is not valid TOML: {exc}.") from None
    status: dict[str, str] = {}
    for code, value in dict(data.get("status", {})).items():
        try:
            status[str(code)] = TrackingStatus(value).value
        except ValueError:
            raise ConfigError(
                f"The Run template {origin} maps status {code} to {value!r}, which is not one of "
                f"{', '.join(s.value for s in TrackingStatus)}."
            ) from None
    codes = {
        str(k): Codes(str(v.get("type", "")), str(v.get("cargo", "")), str(v.get("stage", "")))
        for k, v in dict(data.get("codes", {})).items()
        if isinstance(v, dict)
    }
    return RunTemplate(
        name=str(data.get("name", origin)),
        slots=_slots(data.get("slots"), "slots", SLOTS),
        program=str(data.get("program", "ship_create_anonymous")),
        status_program=str(data.get("status_program", "ship_status_xml")),
        status_arguments=_slots(data.get("status_arguments"), "status_arguments"),
        lookup_program=str(data.get("lookup_program", "")),
        lookup_arguments=_slots(data.get("lookup_arguments"), "lookup_arguments"),
        label_program=str(data.get("label_program", "")),
        label_arguments=_slots(data.get("label_arguments"), "label_arguments"),
        cancel_program=str(data.get("cancel_program", "")),
        cancel_arguments=_slots(data.get("cancel_arguments"), "cancel_arguments"),
        charset=str(data.get("charset", "utf-8")),
        tracking_url=str(data.get("tracking_url", "")),
        cod_payment_type=str(data.get("cod_payment_type", "1")),
        codes=codes,
        status=status,
    )


# The slots both shipped couriers share (P1–P38), after the carriers notes; P39–P42 differ.
_COMMON = """
slots = [
  "N:client_number",        # P1 customer number
  "A:direction",            # P2 מסירה (delivery) or איסוף (collection, a return)
  "N:shipment_type",        # P3 shipment type code
  "N:stage",                # P4 stage
  "A:sender_company/30",    # P5 sender company
  "A",                      # P6
  "N:cargo_type",           # P7 cargo type out
  "N:cargo_back",           # P8 cargo type back (returns, exchanges)
  "N:packages_back",        # P9 packages back
  "A",                      # P10
  "A:name/20",              # P11 consignee name
  "N:city_code",            # P12 government settlement code (optional)
  "A:city/30",              # P13 city
  "N:street_code",          # P14 street code
  "A:street/30",            # P15 street (may hold the house number)
  "A:house/10",             # P16 building
  "A:entrance/5",           # P17 entrance
  "A:floor/5",              # P18 floor
  "A:apartment/5",          # P19 flat
  "A:phone/20",             # P20 mobile
  "A:phone2/20",            # P21 second phone
  "A:reference/200",        # P22 our reference
  "N:packages",             # P23 packages
  "A:address_remarks/70",   # P24 address remarks
  "A:remarks/80",           # P25 shipment remarks
  "A:reference2/50",        # P26 second reference
  "A:collection_date",      # P27 collection date DD/MM/YYYY
  "A:collection_time",      # P28 collection time HH:MM
  "A",                      # P29
  "N:cod_type",             # P30 cash-on-delivery payment type
  "N:cod_amount",           # P31 COD amount
  "A",                      # P32
  "A",                      # P33
  "A:source_point",         # P34 source pickup point (returns)
  "A:pickup_point",         # P35 destination pickup point chosen by the customer
  "A:answer_format",        # P36 XML
  "A:choose_point",         # P37 let Run choose a point: N, Y, L locker, S store
  "A",                      # P38
"""

_REST = """
status_program = "ship_status_xml"
status_arguments = ["N:client_number", "N:tracking_number"]
# Not offered by either courier as far as is known (unconfirmed): an unknown outcome then
# waits for a person. Name the program here (and its arguments) where the courier has one.
lookup_program = ""
lookup_arguments = ["N:client_number", "A:reference"]
# The label program of Run hosts (unconfirmed for this courier): empty it if there is none,
# and our own label goes on the package.
label_program = "ship_print_ws"
label_arguments = ["N:tracking_number"]
cancel_program = ""
cancel_arguments = ["N:client_number", "N:tracking_number"]
cod_payment_type = "1"

[codes.home]
type = "35"
cargo = "10"
stage = "10"

[codes.cod]
type = "37"
cargo = "10"
stage = "10"

[codes.point]
type = "50"
cargo = "11"
stage = "10"

[codes.collection]
type = "35"
cargo = "10"
stage = "10"

# The courier's status codes (Run ship_status_xml) in our vocabulary.
[status]
"5" = "created"
"7" = "collected"         # at the depot
"10" = "collected"
"20" = "in transit"
"30" = "out for delivery"
"40" = "delivered"
"50" = "returned"
"60" = "failed"
"""

CHEETAH = (
    'name = "Cheetah"\n'
    + _COMMON
    + """  "A",                      # P39
  "A:email/50",             # P40 consignee e-mail
  "A:prep_date",            # P41 parcel preparation date DD/MM/YYYY
  "A:prep_time",            # P42 parcel preparation time HH:MM
]
"""
    + _REST
)

FOCUS = (
    'name = "Focus"\n'
    + _COMMON
    + """  "N:weight_kg",            # P39 weight (kg)
  "N:length_cm",            # P40 length (cm)
  "N:width_cm",             # P41 width (cm)
  "N:height_cm",            # P42 height (cm)
]
"""
    + _REST
)

SHIPPED = {"cheetah": CHEETAH, "focus": FOCUS}


def load(courier: str, path: str = "") -> RunTemplate:
    """The template of a shipped courier, or the one in the TOML file ``path``."""
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"The Run template {path} cannot be read: {exc}.") from None
        return parse_template(text, path)
    shipped = SHIPPED.get(courier.strip().lower())
    if shipped is None:
        raise ConfigError(
            f"There is no Run template for the courier {courier!r}: use one of "
            f"{', '.join(sorted(SHIPPED))}, or name a template file in the carrier's options."
        )
    return parse_template(shipped, courier)
