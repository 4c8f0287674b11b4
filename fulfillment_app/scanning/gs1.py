"""GS1 element strings: GS1-128, GS1 DataMatrix, GS1 QR and DataBar data, and the
human-readable form ``(01)...(21)...``.

The table of Application Identifiers (their lengths, formats and whether FNC1 must follow) comes
from biip, which keeps it in step with the GS1 General Specifications. biip's own parser is
correct but takes 140-320 µs a scan; this parser walks the string once with that table and
takes a few microseconds, which the 50,000 scans/s budget needs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .. import gtin

GS = "\x1d"
_COMPONENT = re.compile(r"^N(\d+)$")
_HRI = re.compile(r"\((\d{2,4})\)([^(]*)")
DATE_AIS = frozenset({"11", "12", "13", "15", "16", "17"})
GTIN_AIS = frozenset({"01", "02"})


class GS1Error(ValueError):
    """The data looks like GS1 but is not valid; the message says what is wrong."""


@dataclass(frozen=True)
class _AI:
    ai: str
    fixed_length: int | None  # data length when predefined; None for variable length
    pattern: re.Pattern[str]


def _load(prefix: str) -> _AI | None:
    """Ask biip's table which AI ``prefix`` (up to four characters) starts with."""
    # biip (its table of 541 AIs) is loaded on the first GS1 scan, not by every command.
    from biip import ParseError
    from biip.gs1_application_identifiers import GS1ApplicationIdentifier

    try:
        info = GS1ApplicationIdentifier.extract(prefix)
    except ParseError:
        return None
    fixed: int | None = None
    if not info.separator_required:
        parts = [_COMPONENT.match(p) for p in info.format.split("+")[1:]]
        if parts and all(parts):
            fixed = sum(int(m.group(1)) for m in parts if m)
    # ASCII: in Python \d would also accept Arabic-Indic and other Unicode digits.
    return _AI(info.ai, fixed, re.compile(info.pattern, re.ASCII))


# Filled as AIs are met. GS1 AIs are prefix-free (none starts another), so trying the 2-, 3- and
# 4-character prefixes in turn finds the one AI a position can start with.
_KNOWN: dict[str, _AI] = {}
_NOT_AI: set[str] = set()  # 4-digit prefixes that start no AI (at most 10,000)


def lookup_ai(data: str, pos: int = 0) -> _AI | None:
    """The AI that starts ``data`` at ``pos``, or None."""
    for n in (2, 3, 4):
        ai = _KNOWN.get(data[pos : pos + n])
        if ai is not None:
            return ai
    prefix = data[pos : pos + 4]
    if prefix in _NOT_AI or not prefix[:2].isdigit():
        return None
    ai = _load(prefix)
    if ai is None or not data.startswith(ai.ai, pos):
        if prefix.isdigit():
            _NOT_AI.add(prefix)
        return None
    _KNOWN[ai.ai] = ai
    return ai


def parse_element_strings(data: str) -> dict[str, str]:
    """AI -> value for a GS1 element string with GS (ASCII 29) as the FNC1 separator.

    Raises :class:`GS1Error` for an unknown AI, a value of the wrong length or characters, or
    a wrong check digit or date.
    """
    result: dict[str, str] = {}
    pos, end = 0, len(data)
    while pos < end:
        if data[pos] == GS:  # FNC1 after a fixed-length field, or doubled: allowed
            pos += 1
            continue
        ai = lookup_ai(data, pos)
        if ai is None:
            raise GS1Error(f"unknown GS1 Application Identifier at {data[pos : pos + 4]!r}")
        start = pos + len(ai.ai)
        if ai.fixed_length is not None:
            stop = start + ai.fixed_length
            if stop > end:
                raise GS1Error(f"AI ({ai.ai}) needs {ai.fixed_length} characters")
        else:
            stop = data.find(GS, start)
            if stop < 0:
                stop = end
        value = data[start:stop]
        _store(result, ai, value)
        pos = stop
    if not result:
        raise GS1Error("no GS1 data")
    return result


def parse_hri(text: str) -> dict[str, str]:
    """The human-readable form: ``(01)09501101020917(17)190508(10)ABCD1234``."""
    result: dict[str, str] = {}
    pos = 0
    for match in _HRI.finditer(text):
        if match.start() != pos:
            raise GS1Error("text between the bracketed Application Identifiers")
        pos = match.end()
        ai = lookup_ai(match.group(1))
        if ai is None or ai.ai != match.group(1):
            raise GS1Error(f"unknown GS1 Application Identifier ({match.group(1)})")
        _store(result, ai, match.group(2))
    if pos != len(text) or not result:
        raise GS1Error("not a bracketed GS1 element string")
    return result


def _store(result: dict[str, str], ai: _AI, value: str) -> None:
    if not ai.pattern.match(ai.ai + value):
        raise GS1Error(f"AI ({ai.ai}) value {value[:30]!r} has the wrong length or characters")
    if ai.ai in GTIN_AIS or ai.ai == "00":
        if not gtin.has_valid_check_digit(value):
            what = "SSCC" if ai.ai == "00" else "GTIN"
            raise GS1Error(f"AI ({ai.ai}) {what} {value} has a wrong check digit")
    elif ai.ai in DATE_AIS:
        _check_date(ai.ai, value)
    if ai.ai in result and result[ai.ai] != value:
        raise GS1Error(f"AI ({ai.ai}) appears twice with different values")
    result[ai.ai] = value


def _check_date(ai: str, value: str) -> None:
    month, day = int(value[2:4]), int(value[4:6])
    year = 2000 + int(value[:2])
    if not 1 <= month <= 12 or day > calendar.monthrange(year, month)[1]:
        # Day 00 means the last day of the month (GS1 General Specifications 7.12).
        raise GS1Error(f"AI ({ai}) date {value} is not a valid date (YYMMDD)")
