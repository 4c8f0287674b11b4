"""The shared machinery of file imports: chunks, the import's key ledger, diff-and-update.

An import reads its file a chunk of rows at a time and writes each chunk in the one transaction
of the import, so memory stays flat however long the file is, and a file that turns out to be
unusable half-way leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

#: Rows parsed, looked up and written together: large enough that a round trip is shared by
#: many rows, small enough that a chunk's objects weigh a few megabytes.
CHUNK_ROWS = 2_000

_ledger_metadata = MetaData()
# The keys (SKUs, barcodes, location codes) this import has taken so far, with their line: the
# later row with the same key is reported "appears again (first on line N)" without holding the
# file's keys in memory. A temporary table: private to the connection, gone with it.
_LEDGER = Table(
    "import_ledger",
    _ledger_metadata,
    Column("kind", String(1), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("line", Integer, nullable=False),
    # A barcode that was not in the database before this import (its owner was made here).
    Column("fresh", Boolean, nullable=False),
    prefixes=["TEMPORARY"],
)


class Taken(NamedTuple):
    line: int
    fresh: bool


class KeyLedger:
    """The keys an import has taken, kept in a temporary table of the import's connection."""

    def __init__(self, connection: Connection):
        self._conn = connection
        _LEDGER.drop(connection, checkfirst=True)
        _LEDGER.create(connection)

    def taken(self, kind: str, keys: Iterable[str]) -> dict[str, Taken]:
        wanted = list(set(keys))
        if not wanted:
            return {}
        rows = self._conn.execute(
            select(_LEDGER.c.key, _LEDGER.c.line, _LEDGER.c.fresh).where(
                _LEDGER.c.kind == kind, _LEDGER.c.key.in_(wanted)
            )
        )
        return {key: Taken(line, fresh) for key, line, fresh in rows}

    def take(self, kind: str, entries: Sequence[tuple[str, int, bool]]) -> None:
        if entries:
            self._conn.execute(
                insert(_LEDGER),
                [{"kind": kind, "key": k, "line": line, "fresh": f} for k, line, f in entries],
            )

    def close(self) -> None:
        _LEDGER.drop(self._conn)


@dataclass
class UpsertResult:
    """The ids of a chunk's keys, and how many rows were created, updated or left alone."""

    ids: dict[str, int]
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def table_of(model: type) -> Table:
    """The Core table of a mapped class, for bulk statements without ORM bookkeeping."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def upsert(
    session: Session,
    model: type,
    key: str,
    fields: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> UpsertResult:
    """Insert the rows whose ``key`` is new, update the fields that differ on the others.

    The one diff-and-update of every import: each row holds ``key`` and every name in
    ``fields``; a row equal to what is stored is counted unchanged and not written.
    """
    table = table_of(model)
    key_column = table.c[key]
    existing = {
        row[1]: row
        for row in session.connection().execute(
            select(table.c.id, key_column, *(table.c[f] for f in fields)).where(
                key_column.in_([r[key] for r in rows])
            )
        )
    }
    result = UpsertResult(ids={k: row[0] for k, row in existing.items()})
    new = [r for r in rows if r[key] not in existing]
    if new:
        # Core inserts (no ORM bookkeeping per row): a third of the time at 10,000 rows.
        ids = (
            session.connection()
            .execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), new)
            .scalars()
            .all()
        )
        result.ids.update((r[key], new_id) for r, new_id in zip(new, ids, strict=True))
        result.created = len(new)
    updates = []
    for r in rows:
        current = existing.get(r[key])
        if current is None:
            continue
        changed = {f: r[f] for i, f in enumerate(fields) if current[i + 2] != r[f]}
        if changed:
            updates.append({"id": current[0], **changed})
        else:
            result.unchanged += 1
    # Through the ORM: a bulk UPDATE by primary key that also sets ``updated_at``.
    for chunk in _same_keys(updates):
        session.execute(update(model), chunk)
    result.updated = len(updates)
    return result


def _same_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group update rows by the set of columns they change: a bulk UPDATE needs one shape."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
