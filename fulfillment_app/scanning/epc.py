"""EPC binary encodings read from UHF RFID tags (GS1 EPC Tag Data Standard): SGTIN-96 to
GTIN + serial, SSCC-96 to SSCC. Anything else is reported as an unknown EPC."""

from __future__ import annotations

import re
from typing import Any

from .. import gtin

HEX = re.compile(r"^[0-9A-Fa-f]+$")
# partition -> (company prefix bits, digits, reference bits, digits)
_SGTIN_PARTITIONS = {
    0: (40, 12, 4, 1), 1: (37, 11, 7, 2), 2: (34, 10, 10, 3), 3: (30, 9, 14, 4),
    4: (27, 8, 17, 5), 5: (24, 7, 20, 6), 6: (20, 6, 24, 7),
}  # fmt: skip
_SSCC_PARTITIONS = {
    0: (40, 12, 18, 5), 1: (37, 11, 21, 6), 2: (34, 10, 24, 7), 3: (30, 9, 28, 8),
    4: (27, 8, 31, 9), 5: (24, 7, 34, 10), 6: (20, 6, 38, 11),
}  # fmt: skip
_KNOWN_HEADERS = {0x30: "sgtin-96", 0x31: "sscc-96", 0x32: "sgln-96", 0x33: "grai-96",
                  0x34: "giai-96", 0x35: "gid-96", 0x36: "sgtin-198"}  # fmt: skip


class EPCError(ValueError):
    """The tag data is an EPC of a known scheme but its fields are not valid."""


def looks_like_epc(data: str) -> bool:
    """96-bit hex with a known EPC header (the reader's usual output)."""
    return len(data) == 24 and HEX.match(data) is not None and int(data[:2], 16) in _KNOWN_HEADERS


def decode_hex(data: str) -> dict[str, Any]:
    """Decode an EPC given as hex. Returns a dict with ``scheme`` (``sgtin-96``, ``sscc-96``
    or ``unknown``), ``hex``, and the decoded fields (``gtin``, ``serial``, ``uri``, ...)."""
    data = data.strip().upper()
    if not data or not HEX.match(data) or len(data) % 2:
        raise EPCError("an EPC is an even number of hexadecimal digits")
    value, bits = int(data, 16), len(data) * 4
    header = value >> (bits - 8)
    if header == 0x30 and bits == 96:
        return _sgtin96(value, data)
    if header == 0x31 and bits == 96:
        return _sscc96(value, data)
    return {"scheme": "unknown", "hex": data, "header": f"0x{header:02X}",
            "known_as": _KNOWN_HEADERS.get(header)}  # fmt: skip


def _fields(value: int, table: dict[int, tuple[int, int, int, int]]) -> tuple[int, ...]:
    filter_ = (value >> 85) & 0x7
    partition = (value >> 82) & 0x7
    if partition not in table:
        raise EPCError(f"partition {partition} is not defined")
    cp_bits, cp_digits, ref_bits, ref_digits = table[partition]
    company = (value >> (82 - cp_bits)) & ((1 << cp_bits) - 1)
    reference = (value >> (82 - cp_bits - ref_bits)) & ((1 << ref_bits) - 1)
    if company >= 10**cp_digits or reference >= 10**ref_digits:
        raise EPCError("company prefix or reference does not fit its digits")
    return filter_, company, cp_digits, reference, ref_digits


def _sgtin96(value: int, data: str) -> dict[str, Any]:
    filter_, company, cp_digits, item, item_digits = _fields(value, _SGTIN_PARTITIONS)
    serial = value & ((1 << 38) - 1)
    cp, ir = f"{company:0{cp_digits}d}", f"{item:0{item_digits}d}"
    body = ir[0] + cp + ir[1:]  # the indicator digit moves to the front
    gtin14 = body + str(gtin.gs1_check_digit(body))
    return {
        "scheme": "sgtin-96", "hex": data, "filter": filter_, "gtin": gtin14,
        "serial": str(serial), "uri": f"urn:epc:id:sgtin:{cp}.{ir}.{serial}",
        "tag_uri": f"urn:epc:tag:sgtin-96:{filter_}.{cp}.{ir}.{serial}",
    }  # fmt: skip


def _sscc96(value: int, data: str) -> dict[str, Any]:
    filter_, company, cp_digits, ref, ref_digits = _fields(value, _SSCC_PARTITIONS)
    if value & ((1 << 24) - 1):
        raise EPCError("SSCC-96 with non-zero reserved bits")
    cp, sr = f"{company:0{cp_digits}d}", f"{ref:0{ref_digits}d}"
    body = sr[0] + cp + sr[1:]
    sscc = body + str(gtin.gs1_check_digit(body))
    return {
        "scheme": "sscc-96", "hex": data, "filter": filter_, "sscc": sscc,
        "uri": f"urn:epc:id:sscc:{cp}.{sr}",
        "tag_uri": f"urn:epc:tag:sscc-96:{filter_}.{cp}.{sr}",
    }  # fmt: skip


_URI = re.compile(r"^urn:epc:(?:id:sgtin|tag:sgtin-96:(\d))[:.]?(\d+)\.(\d+)\.(\d+)$")


def decode_uri(uri: str) -> dict[str, Any] | None:
    """An SGTIN pure-identity or tag URI, as some readers and labels print them."""
    m = _URI.match(uri)
    if not m:
        return None
    filter_, cp, ir, serial = m.groups()
    if len(cp) + len(ir) != 13 or not 6 <= len(cp) <= 12:
        raise EPCError("an SGTIN has 13 digits of company prefix and item reference")
    body = ir[0] + cp + ir[1:]
    return {
        "scheme": "sgtin", "gtin": body + str(gtin.gs1_check_digit(body)), "serial": serial,
        "uri": f"urn:epc:id:sgtin:{cp}.{ir}.{serial}",
        **({"filter": int(filter_)} if filter_ else {}),
    }  # fmt: skip
