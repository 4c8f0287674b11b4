"""Reading the CSV files people make in spreadsheets: UTF-8 (with or without the BOM Excel
writes), comma or semicolon separated, header names case- and space-insensitive."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImportFileError

# Unicode category Cc: C0 and C1 control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RowProblem:
    """A row that was rejected (error) or kept with a remark (warning)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RowError(Exception):
    """Raised while reading one row; becomes a :class:`RowProblem` for that line."""


def read_rows(
    path: Path, required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Open ``path`` and return its header and an iterator of (line number, row).

    Raises :class:`ImportFileError` when the file cannot be used at all.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name} is not UTF-8 text (line {line}). Save it as 'CSV UTF-8' and try again."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    except StopIteration:
        raise ImportFileError(f"{path.name} is empty: it needs a header row.") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFileError(
            f"{path.name} lacks the column(s) {', '.join(missing)}; the header row must name "
            f"at least: {', '.join(required)}."
        )
    dup = sorted({h for h in header if h and header.count(h) > 1})
    if dup:
        raise ImportFileError(f"{path.name} names the column(s) {', '.join(dup)} twice.")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        start = reader.line_num + 1
        try:
            for values in reader:
                line, start = start, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue  # blank lines are common at the end of spreadsheet exports
                row = {h: v.strip() for h, v in zip(header, values, strict=False) if h}
                if len(values) > len(header):
                    row["\0extra"] = "yes"
                yield line, row
        except csv.Error as exc:
            raise ImportFileError(f"{path.name} line {reader.line_num}: {exc}.") from None

    return header, rows()


def check_extra(row: dict[str, str]) -> None:
    if row.pop("\0extra", None):
        raise RowError("more values than columns in the header (a stray separator?)")


def text_field(row: dict[str, str], column: str, *, required: bool, max_len: int) -> str | None:
    raw = row.get(column, "")
    # Line breaks typed inside a spreadsheet cell (Alt+Enter) become spaces.
    value = " ".join(raw.split()) if "\n" in raw or "\r" in raw else raw
    if not value:
        if required:
            raise RowError(f"{column} is empty")
        return None
    if len(value) > max_len:
        raise RowError(f"{column} is longer than {max_len} characters")
    if _CONTROL.search(value):
        raise RowError(f"{column} contains control characters")
    return value


def number_field(
    row: dict[str, str],
    column: str,
    *,
    minimum: float,
    maximum: float,
    integer: bool = False,
    positive: bool = False,
) -> float | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = int(value) if integer else float(value)
    except ValueError:
        kind = "a whole number" if integer else "a number"
        raise RowError(f"{column} {value[:30]!r} is not {kind}") from None
    if number != number or not (minimum <= number <= maximum):  # NaN fails the first test
        raise RowError(f"{column} {value[:30]} is outside {minimum:g} to {maximum:g}")
    if positive and number <= 0:
        raise RowError(f"{column} must be more than 0")
    return number
