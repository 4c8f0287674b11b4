"""Scale protocols as pure functions from bytes to readings (no port, no thread).

- Mettler Toledo MT-SICS: ``S``/``SI`` answered by ``S S     100.00 g`` (stable), ``S D ...``
  (dynamic), ``S I`` (busy), ``S +`` / ``S -`` (over/underload), ``ES``/``ET``/``EL`` (errors).
- NCI standard (Weigh-Tronix, Brecknell): ``W<CR>`` answered by
  ``<LF>xxxx.xxuu<CR><LF>hh<CR><ETX>``, where ``hh`` are status bytes.
- CAS continuous output: 22-byte frames ``ST,GS,<id><lamp> <weight> kg<CR><LF>`` streamed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

UNIT_GRAMS = {"g": 1.0, "kg": 1000.0, "lb": 453.59237, "oz": 28.349523125, "mg": 0.001}


class ScaleState(enum.StrEnum):
    STABLE = "stable"
    UNSTABLE = "unstable"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    BUSY = "busy"  # understood but not possible now (e.g. no stable weight in time)
    ERROR = "error"
    UNKNOWN = "unknown"  # not a reply this protocol defines


@dataclass(frozen=True)
class ScaleReading:
    state: ScaleState
    grams: float | None = None
    unit: str | None = None
    raw: str = ""
    detail: str = ""

    @property
    def stable(self) -> bool:
        return self.state is ScaleState.STABLE

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "grams": self.grams,
            "stable": self.stable,
            "state": self.state.value,
            "unit": self.unit,
        }
        if self.detail:
            out["detail"] = self.detail
        return out


def to_grams(value: float, unit: str) -> float | None:
    factor = UNIT_GRAMS.get(unit.lower())
    return None if factor is None else round(value * factor, 3)


def _text(data: bytes) -> str:
    return data.decode("ascii", errors="replace")


# -- MT-SICS -----------------------------------------------------------------------------------

SICS_STABLE = b"S\r\n"
SICS_IMMEDIATE = b"SI\r\n"
SICS_ZERO = b"Z\r\n"
SICS_TARE = b"T\r\n"
_SICS_WEIGHT = re.compile(r"^S\s+([SD])\s+([+-]?\d+(?:\.\d+)?)\s+([A-Za-z]+)\s*$")


def parse_sics(line: bytes) -> ScaleReading:
    """One MT-SICS reply line (terminator optional)."""
    text = _text(line).strip()
    m = _SICS_WEIGHT.match(text)
    if m:
        kind, value, unit = m.groups()
        grams = to_grams(float(value), unit)
        if grams is None:
            return ScaleReading(ScaleState.ERROR, raw=text, detail=f"unknown unit {unit!r}")
        state = ScaleState.STABLE if kind == "S" else ScaleState.UNSTABLE
        return ScaleReading(state, grams, unit, text)
    simple = {
        "S I": (ScaleState.BUSY, "the scale could not give a stable weight in time"),
        "S +": (ScaleState.OVERLOAD, "overload: take the package off and weigh a lighter one"),
        "S -": (ScaleState.UNDERLOAD, "underload: zero the scale with the pan empty"),
        "ES": (ScaleState.ERROR, "the scale did not understand the command (ES)"),
        "ET": (ScaleState.ERROR, "transmission error (ET): check the cable and settings"),
        "EL": (ScaleState.ERROR, "the scale refused the command (EL)"),
    }
    for prefix, (state, detail) in simple.items():
        if " ".join(text.split()) == prefix:
            return ScaleReading(state, raw=text, detail=detail)
    return ScaleReading(ScaleState.UNKNOWN, raw=text, detail="not an MT-SICS weight reply")


# -- NCI ---------------------------------------------------------------------------------------

NCI_WEIGHT = b"W\r"
NCI_STATUS = b"S\r"
NCI_ZERO = b"Z\r"
ETX = b"\x03"
_NCI_WEIGHT = re.compile(r"^\s*([+-]?\s*\d*\.?\d+)\s*([A-Za-z]{1,2})\s*$")


def parse_nci(frame: bytes) -> ScaleReading:
    """One NCI reply up to and including ETX: ``\\n0001.25lb\\r\\n<s1><s2>\\r\\x03``."""
    text = _text(frame)
    parts = [p for p in re.split(r"[\r\n\x03]+", text) if p != ""]
    shown = text.strip("\r\n\x03")
    if parts == ["?"]:
        return ScaleReading(
            ScaleState.ERROR, raw=shown, detail="the scale did not know the command"
        )
    if not parts:
        return ScaleReading(ScaleState.UNKNOWN, raw=shown, detail="empty NCI reply")
    status = parts[-1] if len(parts[-1]) >= 1 and not _NCI_WEIGHT.match(parts[-1]) else ""
    weight = parts[0] if parts[0] != status else ""
    s1 = ord(status[0]) if status else 0x30
    s2 = ord(status[1]) if len(status) > 1 else 0x30
    if status and (s1 & 0x30) != 0x30:
        return ScaleReading(ScaleState.UNKNOWN, raw=shown, detail="malformed NCI status byte")
    if s1 & 0x0C or s2 & 0x0C:
        return ScaleReading(
            ScaleState.ERROR,
            raw=shown,
            detail="the scale reports an internal fault (RAM/EEPROM/ROM/calibration)",
        )
    if s2 & 0x02:
        return ScaleReading(ScaleState.OVERLOAD, raw=shown, detail="overload")
    if s2 & 0x01:
        return ScaleReading(ScaleState.UNDERLOAD, raw=shown, detail="underload: zero the scale")
    m = _NCI_WEIGHT.match(weight)
    if not m:
        return ScaleReading(ScaleState.UNKNOWN, raw=shown, detail="no weight in the NCI reply")
    value, unit = float(m.group(1).replace(" ", "")), m.group(2)
    grams = to_grams(value, unit)
    if grams is None:
        return ScaleReading(ScaleState.ERROR, raw=shown, detail=f"unknown unit {unit!r}")
    state = ScaleState.UNSTABLE if s1 & 0x01 else ScaleState.STABLE
    return ScaleReading(state, grams, unit, shown)


def nci_status_bytes(*, motion: bool = False, at_zero: bool = False, under: bool = False,
                     over: bool = False) -> bytes:  # fmt: skip
    """Status bytes as a scale sends them (used by the simulator)."""
    s1 = 0x30 | (0x01 if motion else 0) | (0x02 if at_zero else 0)
    s2 = 0x30 | (0x01 if under else 0) | (0x02 if over else 0)
    return bytes([s1, s2])


# -- CAS continuous ------------------------------------------------------------------------------

_CAS = re.compile(r"^(ST|US|OL),(GS|NT),(.{0,3}?)\s*([+-]?\s*\d*\.?\d+)?\s*([A-Za-z]{1,2})\s*$")


def parse_cas(line: bytes) -> ScaleReading:
    text = _text(line).strip("\r\n")
    m = _CAS.match(text)
    if not m:
        return ScaleReading(ScaleState.UNKNOWN, raw=text, detail="not a CAS frame")
    status, _kind, _id, value, unit = m.groups()
    if status == "OL":
        return ScaleReading(ScaleState.OVERLOAD, raw=text, detail="overload")
    if value is None:
        return ScaleReading(ScaleState.UNKNOWN, raw=text, detail="no weight in the CAS frame")
    grams = to_grams(float(value.replace(" ", "")), unit)
    if grams is None:
        return ScaleReading(ScaleState.ERROR, raw=text, detail=f"unknown unit {unit!r}")
    state = ScaleState.STABLE if status == "ST" else ScaleState.UNSTABLE
    return ScaleReading(state, grams, unit, text)


def cas_frame(grams: float, *, stable: bool = True, overload: bool = False) -> bytes:
    """A 22-byte CAS frame for ``grams`` in kg (used by the simulator)."""
    status = "OL" if overload else ("ST" if stable else "US")
    return f"{status},GS,01 {grams / 1000:>8.3f} kg\r\n".encode("ascii")
