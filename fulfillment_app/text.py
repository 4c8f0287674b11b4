"""Checking text that enters from outside (files, the command line, stores): names and numbers.

One place for these rules so that an import, a typed value and a store's data are held to the
same standard: a name shown on a label or a screen cannot reorder itself with bidirectional
override characters, and a number is plain ASCII decimal, finite and within its bounds.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

#: Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): they
#: reorder the text after them ("Trojan Source"), so "cod" can be shown for what is stored
#: as "doc". The plain marks (U+200E LRM, U+200F RLM, U+061C ALM) only nudge neutral
#: characters and are legitimate in Hebrew and Arabic names, so they stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_name(value: str, *, what: str = "name", max_len: int | None = None) -> str:
    """``value`` made safe to store and show as a name, or :class:`InvalidInput`.

    Bidirectional overrides, embeddings and isolates are removed (neutralised: the letters stay,
    their forced order goes), line breaks and tabs become single spaces, and other control or
    format characters (C0, C1, zero-width, byte-order marks, unassigned) are refused, since they
    hide what a name really is. ``what`` names the field in the message.
    """
    if value.isprintable() and "  " not in value:
        # Most names: no control, format or unusual space character at all (isprintable is
        # false for every category refused or changed below), so nothing to look at per letter.
        text = value.strip()
    else:
        text = "".join(ch for ch in value if ch not in BIDI_CONTROLS)
        text = _WHITESPACE_RUN.sub(" ", text).strip()
    for ch in text if not text.isprintable() else ():
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn") or (
            category == "Cf" and ch not in "\u200e\u200f\u061c\u200d"
        ):
            raise InvalidInput(
                f"The {what} contains an invisible control character (U+{ord(ch):04X}); "
                "type it again without it."
            )
    if not text:
        raise InvalidInput(f"The {what} is empty.")
    if max_len is not None and len(text) > max_len:
        raise InvalidInput(f"The {what} is longer than {max_len} characters.")
    return text


# ASCII digits only: str.isdigit() and float() also take Arabic-Indic and other digits, "1_000"
# and exponents; a file or a typed weight means none of these.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_MAX_NUMBER_TEXT = 40
#: Heaviest item or package we accept, in grams: a typo guard (1 t), not a rule of the warehouse.
MAX_WEIGHT_G = 1_000_000.0


def parse_number(
    value: str,
    *,
    what: str,
    minimum: float,
    maximum: float,
    integer: bool = False,
    positive: bool = False,
) -> float:
    """A quantity, weight or dimension written in plain ASCII decimal, within the bounds.

    Refuses what ``float()`` would let through: other scripts' digits, ``1_000``, exponents,
    ``nan`` and ``inf``. Raises :class:`InvalidInput` with a sentence naming ``what``.
    Returns an ``int`` (as a number) when ``integer`` is asked for.
    """
    text = value.strip()
    shown = text if len(text) <= 30 else text[:30] + "…"
    pattern = _INTEGER if integer else _DECIMAL
    if len(text) > _MAX_NUMBER_TEXT or not pattern.fullmatch(text):
        kind = "a whole number (digits 0-9 only)" if integer else "a number (digits 0-9 and a dot)"
        raise InvalidInput(f"{what} {shown!r} is not {kind}")
    number: float = int(text) if integer else float(text)
    if not minimum <= number <= maximum:
        raise InvalidInput(f"{what} {shown} is outside {_plain(minimum)} to {_plain(maximum)}")
    if positive and number <= 0:
        raise InvalidInput(f"{what} must be more than 0")
    return number


def _plain(bound: float) -> str:
    """A bound as people write it: 1,000,000 rather than 1e+06."""
    return f"{int(bound):,}" if bound == int(bound) else f"{bound:,}"


def parse_weight_g(value: str, *, what: str = "the weight") -> float:
    """A weight in grams, typed or read from a file: more than 0, at most :data:`MAX_WEIGHT_G`."""
    return parse_number(value, what=what, minimum=0, maximum=MAX_WEIGHT_G, positive=True)
