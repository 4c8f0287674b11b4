"""All settings of the application, in one typed and versioned schema.

Settings come from a TOML file in the platform's config directory (``settings.toml``) and
environment variables, which win over the file. They are loaded once by the composition root
(:mod:`fulfillment_app.context`) and passed down; nothing reads them from a global.

Environment variables: ``FULFILLMENT_DATABASE_URL``, ``FULFILLMENT_STATION`` and, for any
setting, ``FULFILLMENT_<SECTION>__<KEY>`` (e.g. ``FULFILLMENT_SECURITY__LOCKOUT_MINUTES=30``).
``FULFILLMENT_CONFIG`` names another settings file and ``FULFILLMENT_DATA_DIR`` another data
directory. User preferences and window state are kept apart from these settings by the UI.
"""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from .errors import ConfigError

APP_NAME = "fulfillment"
#: Version of the settings schema. Bump it when a setting is renamed or changes meaning, and
#: teach :func:`_upgrade` how to carry an older file forward.
SCHEMA_VERSION = 1

ENV_PREFIX = "FULFILLMENT_"


@dataclass(frozen=True)
class DatabaseSettings:
    #: SQLAlchemy URL. Empty: the embedded SQLite file ``fulfillment.sqlite3`` in the data dir.
    url: str = ""
    #: How long a SQLite writer waits for another one before giving up, in milliseconds.
    busy_timeout_ms: int = 10_000


#: Longest station name: the station columns of the database hold 100 characters.
MAX_STATION_NAME = 100


@dataclass(frozen=True)
class StationSettings:
    #: The name this station is known by in the database, audit log and reports.
    name: str = field(
        default_factory=lambda: (socket.gethostname() or "station")[:MAX_STATION_NAME]
    )

    def __post_init__(self) -> None:
        # Checked here, where every source of the name (file, environment, --station) meets,
        # rather than by PostgreSQL on every write that carries it.
        name = self.name
        if not isinstance(name, str):
            return  # the settings loader reports a wrong type with its source
        if not name.strip() or len(name) > MAX_STATION_NAME:
            raise ConfigError(
                f"The station name must be 1 to {MAX_STATION_NAME} characters "
                f"(it is {len(name)}); set a shorter one with --station or [station] name."
            )
        if not name.isprintable():
            raise ConfigError(
                "The station name contains control or invisible characters; type it again."
            )


@dataclass(frozen=True)
class SecuritySettings:
    #: Wrong PINs in a row before the user is locked out.
    max_pin_attempts: int = 5
    lockout_minutes: int = 15
    min_pin_length: int = 4
    max_pin_length: int = 12
    #: Roles that sign in with badge *and* PIN (a badge alone is enough for the others).
    badge_needs_pin: tuple[str, ...] = ("supervisor", "admin")
    #: Unknown badges scanned at one station within ``badge_window_minutes`` before badge
    #: sign-in there pauses for ``badge_pause_minutes`` (name + PIN still work).
    max_badge_failures: int = 10
    badge_window_minutes: int = 5
    badge_pause_minutes: int = 5


@dataclass(frozen=True)
class ScanSettings:
    """How scans are told apart. Our own barcodes carry these prefixes."""

    location_pattern: str = r"^[A-Z]{1,3}-\d{1,3}-\d{1,3}-\d{1,2}$"
    tote_prefix: str = "TOTE-"
    cart_prefix: str = "CART-"
    badge_prefix: str = "BADGE-"
    order_prefix: str = "ORD:"
    command_prefix: str = "CMD:"
    #: Longer input is refused as not a barcode (a 2D code holds up to about 3,000).
    max_length: int = 4096
    #: Keyboard wedge: scanner keys come 7-16 ms apart, people type 100 ms or more apart.
    wedge_max_gap_ms: int = 40
    wedge_min_length: int = 4
    #: A prefix the scanner is programmed to send before each scan (optional).
    wedge_prefix: str = ""
    #: A character the scanner sends in place of GS (ASCII 29), which keyboards often drop.
    wedge_gs_substitute: str = ""


@dataclass(frozen=True)
class LabelSettings:
    """What the labels and documents show: adjust here, no code to edit."""

    company_name: str = ""
    #: GS1 company prefix (6-12 digits) for the SSCCs on shipping labels.
    company_prefix: str = ""
    sscc_extension: int = 0
    street: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    #: An image (PNG, JPEG) printed on packing slips and, when set, shipping labels.
    logo: str = ""
    logo_on_shipping_label: bool = False
    shipping_size: str = "4x6"
    dpi: int = 203
    page: str = "a4"
    show_phone: bool = True
    show_weight: bool = True
    #: Devices (``[devices.NAME]``) that print labels and documents.
    label_printer: str = ""
    document_printer: str = ""


@dataclass(frozen=True)
class PackingSettings:
    #: The station's boxes: CODE:LENGTHxWIDTHxHEIGHT:TARE (inner mm, grams), comma-separated.
    boxes: str = "S:220x160x100:90,M:310x220x150:160,L:400x300x200:260,XL:600x400x400:520"
    #: Paper, air cushions: added to the expected weight of a box.
    dunnage_g: float = 20.0
    #: A box passes the weight gate within the larger of these two.
    tolerance_g: float = 30.0
    tolerance_pct: float = 5.0
    #: The scale device (``[devices.NAME]``) of this packing station.
    scale: str = ""


@dataclass(frozen=True)
class PickingSettings:
    """The warehouse as pickers walk it, and the carts (``[picking]``). Aisles are the
    locations' distinct (zone, aisle) pairs in order; a location's bay is its slot."""

    slot_length: float = 1.0
    aisle_pitch: float = 5.0
    #: 1: front and back cross aisle only; k: k - 1 middle cross aisles.
    blocks: int = 1
    depot_aisle: int = 0
    depot_offset: float = 1.0
    cart_slots: int = 8
    cart_capacity: int = 60


@dataclass(frozen=True)
class SyncSettings:
    """How this station talks to the stores (``[sync]``)."""

    #: Seconds between syncs while the desktop app runs (0: only when asked).
    every_s: float = 60.0
    #: Give up on an answer after this long (connecting: ``connect_timeout_s``).
    timeout_s: float = 30.0
    connect_timeout_s: float = 10.0
    #: The most one request may take from connecting to the last byte, however the store
    #: paces its answer.
    request_deadline_s: float = 60.0
    #: The most one sync run may take (all stores); a run cut short resumes where it stopped.
    run_deadline_s: float = 300.0
    #: Tries per read before the sync gives up until next time; first back-off step.
    attempts: int = 6
    backoff_s: float = 0.5
    #: The first sync of a store reads orders changed in the last this many days.
    initial_days: int = 60
    #: Outbox: entries per run; the retry delay doubles from ``outbox_backoff_s`` up to
    #: ``outbox_max_backoff_s`` (with jitter).
    outbox_batch: int = 200
    outbox_backoff_s: float = 30.0
    outbox_max_backoff_s: float = 3600.0
    #: How long a station's claim on a store lasts without renewal (SQLite).
    lease_s: float = 300.0
    #: Where checkout plugins keep the pickup point or locker the customer chose: order
    #: meta keys (WooCommerce ``meta_data``, Shopify custom attributes), comma-separated,
    #: the first with a value wins (see sync/pickup.py).
    pickup_id_keys: str = (
        "_pickup_point_id,pickup_point_id,_epost_spot_id,epost_spot_id,_locker_id,locker_id"
    )
    pickup_name_keys: str = (
        "_pickup_point_name,pickup_point_name,_epost_spot_name,epost_spot_name,_locker_name"
    )
    pickup_carrier_keys: str = "_pickup_point_carrier,pickup_point_carrier"


@dataclass(frozen=True)
class ShippingSettings:
    """Choosing the carrier and pricing a shipment (``[shipping]``). The rules' and prices'
    forms are described in ``carriers/rules.py`` and ``carriers/rates.py``; a malformed one is
    reported with a sentence when it is first used."""

    #: ``CONDITIONS -> CARRIER[:SERVICE]`` each, first match wins (a TOML list; from the
    #: environment, comma-separated).
    rules: tuple[str, ...] = ()
    #: The carrier (and its service) when no rule matches; "" ships without a carrier.
    default_carrier: str = ""
    default_service: str = ""
    #: ``CARRIER:SERVICE:FROM-TO:AMOUNT[:CURRENCY]`` each (grams), for carriers without rates.
    prices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportSettings:
    """The supervisor's figures (``[reports]``)."""

    #: The shifts of a day, local time, ``HH:MM-HH:MM`` comma-separated; a shift may run
    #: past midnight (``22:00-06:00``).
    shifts: str = "06:00-14:00,14:00-22:00,22:00-06:00"
    #: The time zone of the shifts and of "today" (an IANA name); empty: the computer's own.
    timezone: str = ""
    #: An open order is at risk when its cut-off is at most this many hours away.
    at_risk_hours: float = 2.0
    #: A gap between two tasks of a person longer than this is a break, not a transition.
    break_minutes: float = 15.0

    def __post_init__(self) -> None:
        if isinstance(self.shifts, str):
            parse_shifts(self.shifts)


def parse_shifts(text: str) -> tuple[tuple[int, int], ...]:
    """``"06:00-14:00,14:00-22:00"`` as (start, end) minutes after midnight, in order; raises
    :class:`ConfigError` with a sentence for anything else."""
    shifts: list[tuple[int, int]] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            start, end = (_minutes(t) for t in part.split("-"))
        except ValueError:
            raise ConfigError(
                f"The shift '{part}' in [reports] shifts is not like 06:00-14:00."
            ) from None
        if start == end:
            raise ConfigError(f"The shift '{part}' in [reports] shifts has no length.")
        shifts.append((start, end))
    if not shifts:
        raise ConfigError("[reports] shifts names no shift; write them like 06:00-14:00.")
    return tuple(shifts)


def _minutes(text: str) -> int:
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(text)
    value = int(hours) * 60 + int(minutes)
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(text)
    return value


DEVICE_KINDS = ("scale", "scanner", "rfid", "printer")


@dataclass(frozen=True)
class DeviceSettings:
    """One device of this station: ``[devices.NAME]`` in the settings file."""

    kind: str = "scale"
    #: ``/dev/ttyUSB0``, ``COM3``, ``socket://host:9100``, ``loop://``, ``spool:///folder``,
    #: ``cups://QUEUE``, ``tcp://host:9100``.
    url: str = ""
    #: Scale: ``sics``, ``nci`` or ``cas``. Printer: ``zpl``. Scanner, RFID: ``lines``.
    protocol: str = ""
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: int = 1
    xonxoff: bool = False
    #: Seconds to wait for one answer.
    timeout_s: float = 2.0
    #: Scanner: what ends a scan (CR, LF or CRLF as the scanner is programmed).
    suffix: str = "\r"
    #: RFID: a regular expression for one line, with a group named ``epc``.
    line_pattern: str = r"^(?:EPC[:=]?)?\s*(?P<epc>[0-9A-Fa-f]{8,64})\b"
    #: RFID: how long one bulk read of a tote listens, in seconds.
    window_s: float = 1.0


#: Shopify's return reason codes: every platform's returns use them (``[returns]
#: extra_reasons`` adds the warehouse's own).
RETURN_REASONS = (
    "COLOR",
    "DEFECTIVE",
    "NOT_AS_DESCRIBED",
    "OTHER",
    "SIZE_TOO_LARGE",
    "SIZE_TOO_SMALL",
    "STYLE",
    "UNKNOWN",
    "UNWANTED",
    "WRONG_ITEM",
)
_REASON_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
_LOCATION_CODE_LEN = 50


@dataclass(frozen=True)
class ReturnSettings:
    """The returns station (``[returns]``)."""

    #: Where the items of a parcel without an RMA wait until a supervisor links it (created
    #: when first needed). On hand there, never available to sell.
    issues_location: str = "RET-ISSUES"
    #: Where damaged items wait (created when first needed); on hand, never available.
    quarantine_location: str = "RET-QUARANTINE"
    #: What the store hears of a damaged unit: ``NOT_RESTOCKED`` or ``PROCESSING_REQUIRED``.
    damaged_disposition: str = "NOT_RESTOCKED"
    #: ``never``, or ``complete-sellable``: a return that came back complete and all
    #: sellable records a refund in the store; everything else waits for a person.
    refunds: str = "never"
    #: Reason codes of the warehouse's own besides Shopify's (upper case, e.g. ``LATE``).
    extra_reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("issues_location", "quarantine_location"):
            code = getattr(self, name)
            if not isinstance(code, str) or not code.strip():
                raise ConfigError(f"[returns] {name} must name a location, e.g. RET-ISSUES.")
            if len(code) > _LOCATION_CODE_LEN or code != code.strip():
                raise ConfigError(
                    f"[returns] {name} must be a location code of at most "
                    f"{_LOCATION_CODE_LEN} characters without spaces around it, not {code!r}."
                )
        if self.issues_location == self.quarantine_location:
            raise ConfigError(
                "[returns] issues_location and quarantine_location must be two different "
                "locations: damaged items and parcels without an RMA are kept apart."
            )
        for code in self.extra_reasons:
            if not _REASON_CODE.match(code):
                raise ConfigError(
                    f"[returns] extra_reasons holds {code!r}: a reason code is upper-case "
                    "letters, digits and underscores, up to 40 characters (e.g. ARRIVED_LATE)."
                )


@dataclass(frozen=True)
class UISettings:
    #: ``en`` or ``he`` (Hebrew, right to left); unset, the system's locale decides.
    language: str = ""
    #: The stations' outcome sounds (accepted, wrong item, ...): on or off, and their volume
    #: from 0 (silent) to 100.
    sounds: bool = True
    sound_volume: int = 80


@dataclass(frozen=True)
class Settings:
    version: int = SCHEMA_VERSION
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    station: StationSettings = field(default_factory=StationSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    scan: ScanSettings = field(default_factory=ScanSettings)
    labels: LabelSettings = field(default_factory=LabelSettings)
    packing: PackingSettings = field(default_factory=PackingSettings)
    ui: UISettings = field(default_factory=UISettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    picking: PickingSettings = field(default_factory=PickingSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)
    shipping: ShippingSettings = field(default_factory=ShippingSettings)
    returns: ReturnSettings = field(default_factory=ReturnSettings)
    devices: dict[str, DeviceSettings] = field(default_factory=dict)
    #: Where the SQLite file and other local data live (not part of the file's schema).
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir(APP_NAME)))
    #: Where log files go.
    log_dir: Path = field(default_factory=lambda: Path(platformdirs.user_log_dir(APP_NAME)))
    #: The settings file these settings were read from (the settings screens write to it).
    source: Path | None = None

    @property
    def database_url(self) -> str:
        """The effective database URL: the configured one or the embedded SQLite file."""
        if self.database.url:
            return normalise_database_url(self.database.url)
        return f"sqlite:///{self.data_dir / 'fulfillment.sqlite3'}"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_SECTIONS: dict[str, type] = {
    "database": DatabaseSettings,
    "station": StationSettings,
    "security": SecuritySettings,
    "scan": ScanSettings,
    "labels": LabelSettings,
    "packing": PackingSettings,
    "ui": UISettings,
    "sync": SyncSettings,
    "picking": PickingSettings,
    "reports": ReportSettings,
    "shipping": ShippingSettings,
    "returns": ReturnSettings,
}

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("labels", "shipping_size"): ("4x6", "4x4", "a6"),
    ("labels", "page"): ("a4", "letter"),
    ("labels", "dpi"): (203, 300),  # type: ignore[dict-item]
    ("ui", "language"): ("en", "he"),
    ("security", "badge_needs_pin"): ("picker", "packer", "supervisor", "admin"),
    ("device", "kind"): DEVICE_KINDS,
    ("device", "parity"): ("N", "E", "O", "M", "S"),
    ("returns", "damaged_disposition"): ("NOT_RESTOCKED", "PROCESSING_REQUIRED"),
    ("returns", "refunds"): ("never", "complete-sellable"),
}


#: Upper bounds of numeric settings (lower bounds: none may be negative).
_AT_MOST: dict[tuple[str, str], int] = {("ui", "sound_volume"): 100}


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    url = url.strip()
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def load_settings(
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Read the settings file (if there is one) and apply environment overrides.

    Raises :class:`ConfigError` naming the file and key of any value that is not usable.
    """
    env = os.environ if environ is None else environ
    if config_path is None:
        config_path = Path(env[f"{ENV_PREFIX}CONFIG"]) if env.get(f"{ENV_PREFIX}CONFIG") else None
        if config_path is None:
            config_path = default_config_path()
            explicit = False
        else:
            explicit = True
    else:
        explicit = True

    raw: dict[str, Any] = {}
    if config_path.exists():
        try:
            raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"The settings file {config_path} cannot be read: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"The settings file {config_path} cannot be opened: {exc}") from None
    elif explicit:
        raise ConfigError(f"The settings file {config_path} does not exist.")

    return build_settings(raw, str(config_path), env).replace(source=config_path)


def build_settings(raw: dict[str, Any], source: str, environ: Mapping[str, str]) -> Settings:
    """Settings from a settings file's parsed contents (``raw``, changed in place) and the
    environment, checked as :func:`load_settings` checks a file; ``source`` names the file in
    the :class:`ConfigError` that says what is wrong."""
    raw = _upgrade(raw, source)
    _apply_environment(raw, environ)
    return _build(raw, source, environ)


def _upgrade(raw: dict[str, Any], source: str) -> dict[str, Any]:
    version = raw.get("version", SCHEMA_VERSION)
    if not isinstance(version, int) or version < 1:
        raise ConfigError(f"{source}: 'version' must be a whole number, not {version!r}.")
    if version > SCHEMA_VERSION:
        raise ConfigError(
            f"{source} was written by a newer version of the application (settings version "
            f"{version}; this one understands up to {SCHEMA_VERSION}). Update the application."
        )
    # Version 1 is the first schema: nothing to carry forward yet.
    raw["version"] = SCHEMA_VERSION
    return raw


def _apply_environment(raw: dict[str, Any], env: Mapping[str, str]) -> None:
    shortcuts = {
        f"{ENV_PREFIX}DATABASE_URL": ("database", "url"),
        f"{ENV_PREFIX}STATION": ("station", "name"),
    }
    for var, (section, key) in shortcuts.items():
        if env.get(var):
            raw.setdefault(section, {})[key] = env[var]
    for var, value in env.items():
        if not var.startswith(ENV_PREFIX) or "__" not in var:
            continue
        section, _, key = var[len(ENV_PREFIX) :].lower().partition("__")
        if section not in _SECTIONS:
            raise ConfigError(f"{var}: there is no settings section '{section}'.")
        raw.setdefault(section, {})[key] = value


def _build(raw: dict[str, Any], source: str, env: Mapping[str, str]) -> Settings:
    unknown = set(raw) - set(_SECTIONS) - {"version", "devices"}
    if unknown:
        raise ConfigError(f"{source}: unknown settings section(s): {', '.join(sorted(unknown))}.")
    sections: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        values = raw.get(name, {})
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: [{name}] must be a table of settings.")
        sections[name] = _build_section(name, cls, values, source)
    devices = raw.get("devices", {})
    if not isinstance(devices, dict) or not all(isinstance(v, dict) for v in devices.values()):
        raise ConfigError(f"{source}: [devices] holds one table per device, [devices.NAME].")
    sections["devices"] = {
        name: _build_section("device", DeviceSettings, values, source, label=f"devices.{name}")
        for name, values in devices.items()
    }
    extra: dict[str, Any] = {}
    if env.get(f"{ENV_PREFIX}DATA_DIR"):
        extra["data_dir"] = Path(env[f"{ENV_PREFIX}DATA_DIR"])
        extra["log_dir"] = Path(env[f"{ENV_PREFIX}DATA_DIR"]) / "logs"
    return Settings(version=raw["version"], **sections, **extra)


def _build_section(
    name: str, cls: type, values: dict[str, Any], source: str, label: str | None = None
) -> Any:
    label = label or name
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting(s) in [{label}]: {', '.join(sorted(unknown))}."
        )
    kwargs = {}
    for key, value in values.items():
        converted = _convert(value, hints[key], f"{label}.{key}", source)
        choices = _CHOICES.get((name, key))
        if choices and isinstance(converted, tuple):
            if wrong := [v for v in converted if v not in choices]:
                raise ConfigError(
                    f"{source}: {label}.{key} may hold only {', '.join(choices)}, "
                    f"not {', '.join(map(repr, wrong))}."
                )
        elif choices and converted not in choices:
            raise ConfigError(
                f"{source}: {label}.{key} must be one of "
                f"{', '.join(map(str, choices))}, not {converted!r}."
            )
        if isinstance(converted, int | float) and not isinstance(converted, bool) and converted < 0:
            raise ConfigError(f"{source}: {label}.{key} must not be negative.")
        if (name, key) in _AT_MOST and converted > _AT_MOST[name, key]:
            raise ConfigError(
                f"{source}: {label}.{key} must be at most {_AT_MOST[name, key]}, not {converted}."
            )
        kwargs[key] = converted
    return cls(**kwargs)


def _convert(value: Any, hint: Any, key: str, source: str) -> Any:
    """Convert a TOML or environment value to the declared type, or explain why not."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(h for h in typing.get_args(hint) if h is not type(None))
    converted = _CONVERTERS.get(hint, lambda v: v)
    try:
        return converted(value)
    except (TypeError, ValueError):
        type_name = getattr(hint, "__name__", str(hint))
        raise ConfigError(f"{source}: {key} must be of type {type_name}, not {value!r}.") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    words = {"1": True, "true": True, "yes": True, "on": True,
             "0": False, "false": False, "no": False, "off": False}  # fmt: skip
    if isinstance(value, str) and value.lower() in words:
        return words[value.lower()]
    raise ValueError(value)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):  # TOML true is not a number of minutes
        raise ValueError(value)
    return int(value)


def _to_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _to_str_tuple(value: Any) -> tuple[str, ...]:
    """A TOML list of strings, or (from an environment variable) a comma-separated list."""
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(value)
    return tuple(v.strip() for v in value)


_CONVERTERS: dict[Any, Any] = {
    bool: _to_bool,
    int: _to_int,
    float: float,
    str: _to_str,
    Path: Path,
    tuple[str, ...]: _to_str_tuple,
}
