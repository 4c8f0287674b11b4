"""How commands print: tables and messages made safe for a terminal, and JSON.

Text that comes from outside (scan lines, file rows, store and product names) may hold
escape sequences that would clear the screen, move the cursor or fake a line such as
"packed OK". Every human-readable print of such text goes through :func:`safe_text`.
JSON needs no such care: the encoder escapes control characters itself.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TextIO

# C0 and C1 controls (ESC, CSI, BEL, CR, LF, ...), DEL, and the bidi embeddings, overrides and
# isolates that reorder what a line seems to say. Tab too: it would break the columns.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\x1d":
        return "<GS>"  # the GS1 separator, written as `decode` accepts it
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value: object) -> str:
    """``value`` as text with every control character shown as a visible escape (``\\x1b``),
    never sent to the terminal."""
    return _UNSAFE.sub(_shown, str(value))


def echo(*parts: object, file: TextIO | None = None) -> None:
    """Print a message whose parts may hold untrusted text."""
    print(" ".join(safe_text(p) for p in parts), file=file or sys.stdout)


def print_table(rows: Sequence[Sequence[object]], *, file: TextIO | None = None) -> None:
    """Rows of cells in aligned columns; the first row is the heading."""
    cells = [[safe_text(v) for v in row] for row in rows]
    if not cells:
        return
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for row in cells:
        line = "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))
        print(line.rstrip(), file=file or sys.stdout)


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return str(value)


def print_json(data: Any, *, indent: int | None = 2, file: TextIO | None = None) -> None:
    out = file or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=indent, default=jsonable) + "\n")


def print_json_error(message: str, status: int) -> None:
    """A --json command's error: one JSON object on standard output, where the caller reads."""
    print_json({"error": message, "status": status}, indent=None)
