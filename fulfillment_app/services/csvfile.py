"""Reading the CSV files people make in spreadsheets: UTF-8 (with or without the BOM Excel
writes), comma or semicolon separated, header names case- and space-insensitive."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImportFileError, InvalidInput
from ..text import clean_name, parse_number

# C0 and C1 control characters, and the invisible format characters that reorder or hide text
# (bidirectional controls, zero-width spaces and joiners, byte-order marks): never in a code.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


@dataclass(frozen=True)
class RowProblem:
    """A row that was rejected (error) or kept with a remark (warning)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RowError(Exception):
    """Raised while reading one row; becomes a :class:`RowProblem` for that line."""


#: Longest physical line and longest record (a row, with its quoted line breaks) we read, in
#: characters: far above any real catalogue row, low enough that a file with no line breaks
#: (a binary, /dev/zero) cannot fill memory.
MAX_LINE_CHARS = 1 << 20
MAX_RECORD_CHARS = 4 << 20
# Invalid UTF-8 bytes decoded with surrogateescape: their line is known exactly.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


class CsvRows:
    """An open CSV file: ``header`` and its rows as (line number, row), read as they are used.

    Use as a context manager so the file is closed. Memory is bounded by one record however
    large the file. Raises :class:`ImportFileError` (with the file's name and line) when the file
    cannot be used: not UTF-8, a line or a field beyond the limits, a quote never closed.
    """

    def __init__(self, path: Path, required: tuple[str, ...]):
        self.path = path
        try:
            self._file = path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")
        except FileNotFoundError:
            raise ImportFileError(f"There is no file {path}.") from None
        except OSError as exc:
            raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from None
        self._lines_read = 0
        self._record_chars = 0
        try:
            self.header = self._read_header(required)
        except BaseException:
            self._file.close()
            raise

    def __enter__(self) -> CsvRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def _fail(self, line: int, message: str) -> ImportFileError:
        return ImportFileError(f"{self.path.name} line {line}: {message}")

    def _next_line(self) -> str:
        try:
            line = self._file.readline(MAX_LINE_CHARS + 1)
        except OSError as exc:
            raise ImportFileError(f"Cannot read {self.path}: {exc.strerror}.") from None
        if not line:
            return line
        self._lines_read += 1
        self._record_chars += len(line)
        if len(line) > MAX_LINE_CHARS:
            raise self._fail(
                self._lines_read,
                f"the line is longer than {MAX_LINE_CHARS:,} characters; is it a CSV file?",
            )
        if self._record_chars > MAX_RECORD_CHARS:
            raise self._fail(
                self._lines_read,
                f"a row runs over {MAX_RECORD_CHARS:,} characters (a quote never closed?)",
            )
        if _UNDECODABLE.search(line):
            raise ImportFileError(
                f"{self.path.name} is not UTF-8 text (line {self._lines_read}). "
                "Save it as 'CSV UTF-8' and try again."
            )
        return line

    def _lines(self, first: str) -> Iterator[str]:
        if first:
            yield first
        while line := self._next_line():
            yield line

    def _read_header(self, required: tuple[str, ...]) -> list[str]:
        name = self.path.name
        first = self._next_line()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        # strict: a quote that is never closed ends in an error instead of swallowing the rest
        # of the file into one value.
        self._reader = csv.reader(self._lines(first), delimiter=delimiter, strict=True)
        try:
            values = self._next_record(1)
        except StopIteration:
            raise ImportFileError(f"{name} is empty: it needs a header row.") from None
        except RowError as exc:
            raise self._fail(1, f"the header row: {exc}") from None
        header = [h.strip().lower().replace(" ", "_") for h in values]
        missing = [c for c in required if c not in header]
        if missing:
            raise ImportFileError(
                f"{name} lacks the column(s) {', '.join(missing)}; the header row must name "
                f"at least: {', '.join(required)}."
            )
        dup = sorted({h for h in header if h and header.count(h) > 1})
        if dup:
            raise ImportFileError(f"{name} names the column(s) {', '.join(dup)} twice.")
        return header

    def _next_record(self, start: int) -> list[str]:
        """The next record, beginning on line ``start``; StopIteration at the end."""
        self._record_chars = 0
        try:
            return next(self._reader)
        except csv.Error as exc:
            text = str(exc)
            if "field larger than field limit" in text:
                limit = csv.field_size_limit()
                raise self._fail(
                    start, f"a value is longer than {limit:,} characters (a quote never closed?)"
                ) from None
            if "unexpected end of data" in text:
                raise self._fail(
                    start,
                    'a quote (") opened on this line is never closed, so the rest of the file '
                    "would be read as one value; nothing was imported: close it and import again",
                ) from None
            raise RowError(f"the quotes are not as CSV needs them ({text})") from None

    def __iter__(self) -> Iterator[tuple[int, dict[str, str] | RowError]]:
        """(line, row) for every record that is not blank; (line, RowError) for one that
        cannot be split into values (the rows after it are read on)."""
        header = self.header
        start = self._reader.line_num + 1
        while True:
            try:
                values = self._next_record(start)
            except StopIteration:
                return
            except RowError as exc:
                line, start = start, self._reader.line_num + 1
                yield line, exc
                continue
            line, start = start, self._reader.line_num + 1
            if not any(v.strip() for v in values):
                continue  # blank lines are common at the end of spreadsheet exports
            row = {h: v.strip() for h, v in zip(header, values, strict=False) if h}
            if len(values) > len(header):
                row["\0extra"] = "yes"
            yield line, row


def check_extra(row: dict[str, str]) -> None:
    if row.pop("\0extra", None):
        raise RowError("more values than columns in the header (a stray separator?)")


def text_field(
    row: dict[str, str], column: str, *, required: bool, max_len: int, name: bool = False
) -> str | None:
    """A text value; ``name``: shown to people, so bidirectional overrides are removed (see
    :func:`fulfillment_app.text.clean_name`); otherwise (codes, addresses) refused."""
    raw = row.get(column, "")
    # Line breaks typed inside a spreadsheet cell (Alt+Enter) become spaces.
    value = " ".join(raw.split()) if "\n" in raw or "\r" in raw else raw
    if name and value:
        try:
            value = clean_name(value, what=column)
        except InvalidInput:
            raise RowError(f"{column} contains control characters") from None
    if not value:
        if required:
            raise RowError(f"{column} is empty")
        return None
    if len(value) > max_len:
        raise RowError(f"{column} is longer than {max_len} characters")
    if not name and _CONTROL.search(value):
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
    """A number in plain ASCII decimal (see :func:`fulfillment_app.text.parse_number`)."""
    value = row.get(column, "")
    if not value:
        return None
    try:
        return parse_number(
            value, what=column, minimum=minimum, maximum=maximum, integer=integer, positive=positive
        )
    except InvalidInput as exc:
        raise RowError(str(exc)) from None
