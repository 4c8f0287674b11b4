"""One function from a raw scan to a typed result, through a chain of interpreters.

Each interpreter looks at the cleaned scan and returns a :class:`ScanResult` when the scan is
its kind, or ``None`` to let the next one try (the way InvenTree's barcode plugins work). The
order matters: our own prefixed codes first (cheap and unambiguous), then EPCs, GS1 element
strings, GTINs and location codes; what nobody claims is ``unknown`` (a SKU or an alias, for
the packing service to look up). Bad input never raises: it is a result of kind ``error`` with
a sentence saying what is wrong.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import gtin
from ..config import ScanSettings
from . import epc as epc_codec
from . import gs1

GS = "\x1d"
#: AIM symbology identifiers whose data is a GS1 element string.
GS1_SYMBOLOGIES = frozenset({"]C1", "]e0", "]d2", "]Q3", "]J1"})
#: ... and those whose data is a GTIN (EAN-13/UPC-A, EAN-8, ITF-14).
GTIN_SYMBOLOGIES = frozenset({"]E0", "]E4", "]I1", "]E3"})
_SYMBOLOGY = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x1c\x1e-\x1f\x7f-\x9f]")  # every control character but GS


class Command(enum.StrEnum):
    """Command barcodes, so that every screen can be driven by the scanner alone."""

    CONFIRM = "confirm"
    SHORT = "short"
    SKIP = "skip"
    UNDO = "undo"
    REPRINT = "reprint"
    LOGOUT = "logout"
    CANCEL = "cancel"
    PAUSE = "pause"
    DONE = "done"
    #: The returns station: the next units are graded sellable / damaged.
    SELLABLE = "sellable"
    DAMAGED = "damaged"


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan is. ``kind`` is one of ``gtin``, ``gs1``, ``epc``, ``location``, ``tote``,
    ``badge``, ``order``, ``command``, ``unknown`` or ``error``."""

    kind: str
    raw: str
    data: str = ""  # the scan without symbology identifier and terminator
    symbology: str | None = None
    gtin: str | None = None  # 14 digits whenever a GTIN is known
    serial: str | None = None
    sscc: str | None = None
    ais: dict[str, str] | None = None
    epc: dict[str, Any] | None = None
    value: str | None = None  # the code, number or command for our own kinds
    error: str | None = None
    alternatives: tuple[str, ...] = field(default=())  # other GTINs an ambiguous scan may be

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``fulfillment decode --json`` (empty fields left out)."""
        out: dict[str, Any] = {"kind": self.kind, "raw": self.raw}
        for name in ("data", "symbology", "gtin", "serial", "sscc", "ais", "epc", "value",
                     "error"):  # fmt: skip
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value
        if self.alternatives:
            out["alternatives"] = list(self.alternatives)
        return out


def _error(raw: str, message: str, **kw: Any) -> ScanResult:
    return ScanResult("error", raw, error=message, **kw)


def _shown(raw: str | bytes) -> str:
    """The raw scan as text a person can read (control characters escaped, capped)."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="backslashreplace")
    text = raw if len(raw) <= 200 else raw[:200] + "…"
    return text.encode("unicode_escape").decode("ascii") if _CONTROL.search(text) else text


def expand_upce(code: str) -> str | None:
    """UPC-E (8 digits: number system 0/1, six digits, check digit) to UPC-A, or None."""
    if len(code) != 8 or code[0] not in "01" or not code.isdigit():
        return None
    ns, d, check = code[0], code[1:7], code[7]
    a, b, c, e4, e5, last = d[0], d[1], d[2], d[3], d[4], d[5]
    if last in "012":
        body = f"{ns}{a}{b}{last}0000{c}{e4}{e5}"
    elif last == "3":
        body = f"{ns}{a}{b}{c}00000{e4}{e5}"
    elif last == "4":
        body = f"{ns}{a}{b}{c}{e4}00000{e5}"
    else:
        body = f"{ns}{a}{b}{c}{e4}{e5}0000{last}"
    return body + check if gtin.gs1_check_digit(body) == int(check) else None


class Interpreter:
    """The chain of interpreters, configured once from the scan settings."""

    def __init__(self, settings: ScanSettings | None = None):
        self.settings = s = settings or ScanSettings()
        self._location = re.compile(s.location_pattern)
        # Plain GTINs are most scans: they skip the chain when no prefix of ours could claim
        # a string of digits (the result is the same as the chain's, only sooner).
        prefixes = (s.command_prefix, s.badge_prefix, s.tote_prefix, s.cart_prefix, s.order_prefix)
        self._gtin_fast_path = not any(p[:1].isdigit() for p in prefixes)
        self._chain: list[Callable[[str, str, str | None], ScanResult | None]] = [
            self._ours,
            self._epc,
            self._gs1,
            self._gtin,
            self._location_code,
        ]

    def interpret(self, raw: str | bytes, *, source: str = "scanner") -> ScanResult:
        """Interpret one scan. ``source`` is ``rfid`` for EPCs read from tags (hex)."""
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            return _error(_shown(raw), "The scan is not text (invalid UTF-8); scan it again.")
        if len(text) > self.settings.max_length:
            return _error(
                _shown(text), f"The scan is too long ({len(text)} characters) for a barcode."
            )
        control = _CONTROL.search(text) is not None
        shown = _shown(text) if control or len(text) > 200 else text
        data = text.strip(" \r\n\t")
        if not data:
            return _error(shown, "The scan was empty.")
        if control and _CONTROL.search(data):
            return _error(shown, "The scan contains control characters: not a barcode.")
        symbology = None
        if _SYMBOLOGY.match(data):
            symbology, data = data[:3], data[3:]
            if not data:
                return _error(shown, "The scan has a symbology identifier but no data.")
        if source == "rfid":
            return self._rfid(shown, data)
        if (
            self._gtin_fast_path
            and len(data) in gtin.GTIN_LENGTHS
            and data.isascii()
            and data.isdigit()
            and (symbology is None or symbology in GTIN_SYMBOLOGIES)
        ):
            return self._gtin(shown, data, symbology)  # type: ignore[return-value]
        for step in self._chain:
            result = step(shown, data, symbology)
            if result is not None:
                return result
        return ScanResult("unknown", shown, data=data, symbology=symbology, value=data)

    # -- interpreters: each returns None when the scan is not its kind --------------------------

    def _ours(self, raw: str, data: str, sym: str | None) -> ScanResult | None:
        s = self.settings
        if sym in GS1_SYMBOLOGIES or sym in GTIN_SYMBOLOGIES:
            return None
        if data.startswith(s.command_prefix):
            word = data[len(s.command_prefix) :].strip().lower()
            try:
                command = Command(word)
            except ValueError:
                return _error(raw, f"Unknown command barcode {data!r}.", data=data)
            return ScanResult("command", raw, data=data, symbology=sym, value=command.value)
        for kind, prefix in (
            ("badge", s.badge_prefix),
            ("tote", s.tote_prefix),
            ("tote", s.cart_prefix),
            ("order", s.order_prefix),
        ):
            if prefix and data.startswith(prefix) and len(data) > len(prefix):
                value = data[len(prefix) :] if kind == "order" else data
                return ScanResult(kind, raw, data=data, symbology=sym, value=value)
        if data[0] == "#" and data[1:].isdigit():  # "#1001": a store order number
            return ScanResult("order", raw, data=data, symbology=sym, value=data)
        return None

    def _epc(self, raw: str, data: str, sym: str | None) -> ScanResult | None:
        if data.startswith("urn:epc:"):
            try:
                decoded = epc_codec.decode_uri(data)
            except epc_codec.EPCError as exc:
                return _error(raw, f"Not a valid EPC: {exc}.", data=data)
            if decoded is None:
                decoded = {"scheme": "unknown", "uri": data}
            return self._epc_result(raw, data, decoded)
        if sym is None and epc_codec.looks_like_epc(data):
            return self._rfid(raw, data)
        return None

    def _rfid(self, raw: str, data: str) -> ScanResult:
        try:
            decoded = epc_codec.decode_hex(data)
        except epc_codec.EPCError as exc:
            return _error(raw, f"Not a valid EPC: {exc}.", data=data)
        return self._epc_result(raw, data, decoded)

    @staticmethod
    def _epc_result(raw: str, data: str, decoded: dict[str, Any]) -> ScanResult:
        return ScanResult(
            "epc",
            raw,
            data=data,
            epc=decoded,
            gtin=decoded.get("gtin"),
            serial=decoded.get("serial"),
            sscc=decoded.get("sscc"),
        )

    def _gs1(self, raw: str, data: str, sym: str | None) -> ScanResult | None:
        if sym not in GS1_SYMBOLOGIES:
            if data[0] == "(" and sym is None:
                return self._gs1_result(raw, data, sym, gs1.parse_hri)
            if sym is not None or not self._gs1_shaped(data):
                return None
        return self._gs1_result(raw, data, sym, gs1.parse_element_strings)

    @staticmethod
    def _gs1_shaped(data: str) -> bool:
        """Without a symbology identifier: GS inside, or an AI 00/01/02 element string that
        is longer than a plain GTIN (a wedge that dropped the ``]C1``)."""
        if GS in data:
            return True
        return (
            len(data) >= 16
            and data[:2] in ("00", "01", "02")
            and data[2:16].isdigit()
            and not (len(data) in gtin.GTIN_LENGTHS and data.isdigit())
        )

    @staticmethod
    def _gs1_result(
        raw: str, data: str, sym: str | None, parse: Callable[[str], dict[str, str]]
    ) -> ScanResult:
        try:
            ais = parse(data)
        except gs1.GS1Error as exc:
            return _error(raw, f"Not a valid GS1 barcode: {exc}.", data=data, symbology=sym)
        return ScanResult(
            "gs1",
            raw,
            data=data,
            symbology=sym,
            ais=ais,
            gtin=ais.get("01") or ais.get("02"),
            serial=ais.get("21"),
            sscc=ais.get("00"),
        )

    @staticmethod
    def _gtin(raw: str, data: str, sym: str | None) -> ScanResult | None:
        if not (data.isdigit() and data.isascii() and len(data) in gtin.GTIN_LENGTHS):
            if sym in GTIN_SYMBOLOGIES:
                return _error(raw, f"{data!r} is not a GTIN.", data=data, symbology=sym)
            return None
        alternatives: tuple[str, ...] = ()
        upca = expand_upce(data) if sym != "]E4" else None
        if gtin.has_valid_check_digit(data):
            if upca:  # valid as EAN-8 and as UPC-E: say both, EAN-8 first
                alternatives = (gtin.normalise_gtin(upca),)
            return ScanResult(
                "gtin",
                raw,
                data=data,
                symbology=sym,
                gtin=gtin.normalise_gtin(data),
                alternatives=alternatives,
            )
        if upca:
            return ScanResult("gtin", raw, data=data, symbology=sym, gtin=gtin.normalise_gtin(upca))
        expected = gtin.gs1_check_digit(data[:-1])
        return _error(
            raw,
            f"Barcode {data} has a wrong check digit (expected {expected}): scan it again, "
            "or type the SKU.",
            data=data,
            symbology=sym,
        )

    def _location_code(self, raw: str, data: str, sym: str | None) -> ScanResult | None:
        if self._location.match(data):
            return ScanResult("location", raw, data=data, symbology=sym, value=data)
        return None
