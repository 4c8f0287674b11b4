"""Giving both engines the same answer: text lengths checked from the model's own columns, and
unique-key violations told apart from other database failures.

SQLite stores a ``String(100)`` value of any length and serialises writers, so two identical
writes at once are taken in turn; PostgreSQL refuses the long value and lets two transactions
race to the same unique key. Checking at the entry and translating the race keep one
behaviour on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.exc import IntegrityError

_ELLIPSIS = "…"
# PostgreSQL's SQLSTATE for unique_violation; SQLite says it in words.
_PG_UNIQUE_VIOLATION = "23505"


def column_length(attribute: Any) -> int | None:
    """The declared length of a mapped ``String(n)`` column (``Product.sku`` -> 100)."""
    column_type = attribute.property.columns[0].type
    return column_type.length if isinstance(column_type, String) else None


def fit(attribute: Any, value: str | None) -> str | None:
    """``value`` shortened with an ellipsis to fit ``attribute``'s column: for records (the
    audit log) where keeping the entry matters more than the whole of a name."""
    limit = column_length(attribute)
    if value is None or limit is None or len(value) <= limit:
        return value
    return value[: limit - len(_ELLIPSIS)] + _ELLIPSIS


def is_unique_violation(exc: BaseException) -> bool:
    """True when ``exc`` is a unique key (or primary key) violation on either engine."""
    if not isinstance(exc, IntegrityError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == _PG_UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(orig)
