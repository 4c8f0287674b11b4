"""The shift report: a period's supervisor figures as tables, written to CSV or PDF.

A report is a list of :class:`Section` tables, each named by a machine key (``team``,
``by_hour``, ``people``, ...) with typed columns. The CSV file holds one table per section,
one after the other with a blank line between them; every row starts with its ``section``
column, so a reader can split the file on that column as well as on the blank lines. Numbers
are plain (no thousands separators, ratios as 0..1, durations in seconds) and times are ISO
8601 in UTC. The PDF (see :mod:`.shift_report_pdf`) shows the same tables for people, in
English or in Hebrew, right to left.

The figures come from the metrics service; this module only arranges and writes them.
"""

from __future__ import annotations

import csv
import enum
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InvalidInput
from .metrics_types import Dashboard, GroupFigures, TaskScore, Throughput
from .permissions import Actor, Permission

if TYPE_CHECKING:
    from .metrics import MetricsService

FORMATS = ("csv", "pdf")
LANGUAGES = ("en", "he")


class Kind(enum.StrEnum):
    """How a column's values are written (CSV) and shown (PDF)."""

    TEXT = "text"
    COUNT = "count"  # a whole number
    RATE = "rate"  # a number per hour, or any other decimal
    RATIO = "ratio"  # 0..1; the PDF shows a percentage
    SCORE = "score"  # expected ÷ actual time, 1.0 as expected
    SECONDS = "seconds"  # a duration; the PDF shows hours and minutes
    TIME = "time"  # an aware datetime


Cell = str | int | float | datetime | None


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind = Kind.COUNT


@dataclass(frozen=True)
class Section:
    """One table of the report. ``key`` names it in the CSV and picks its heading in the PDF."""

    key: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of section {self.key} has {len(row)} cells")

    def dicts(self) -> list[dict[str, Cell]]:
        """The rows as {column key: value}."""
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class ShiftReport:
    """The figures of ``start`` (inclusive) to ``end`` (exclusive), as of ``generated_at``.
    ``zone`` is the local time zone the PDF shows times in."""

    start: datetime
    end: datetime
    generated_at: datetime
    sections: tuple[Section, ...]
    zone: tzinfo = UTC

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]


# -- CSV -----------------------------------------------------------------------------------


def csv_value(value: Cell, kind: Kind) -> str:
    """A cell as a machine reads it: plain numbers, ISO times in UTC, empty for no value."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="seconds")
    if isinstance(value, bool):  # a bool is an int: say which
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if kind is Kind.COUNT and value.is_integer():
            return str(int(value))
        digits = 1 if kind is Kind.SECONDS else 4
        return repr(round(value, digits))
    return str(value)


def to_csv(report: ShiftReport) -> bytes:
    """The report as UTF-8 CSV (with the byte-order mark spreadsheets need to read Hebrew
    names right): a ``report`` table (the period, when it was made, the time zone its hours
    are counted in), then one table per section, each with its own header row, separated
    by blank lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "from", "to", "generated_at", "timezone"])
    times = (report.start, report.end, report.generated_at)
    writer.writerow(["report", *(csv_value(t, Kind.TIME) for t in times), zone_name(report.zone)])
    for section in report.sections:
        writer.writerow([])
        writer.writerow(["section", *(c.key for c in section.columns)])
        for row in section.rows:
            cells = (csv_value(v, c.kind) for v, c in zip(row, section.columns, strict=True))
            writer.writerow([section.key, *cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def zone_name(zone: tzinfo) -> str:
    """The IANA name of a zone (``Asia/Jerusalem``), or what the zone calls itself."""
    return str(getattr(zone, "key", None) or zone)


def read_csv(data: bytes) -> dict[str, list[dict[str, str]]]:
    """A report's CSV back as {section: [row as {column: text}]} (for scripts and tests)."""
    tables: dict[str, list[dict[str, str]]] = {}
    header: list[str] | None = None
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        if not row:
            header = None
        elif header is None:
            header = row
        else:
            tables.setdefault(row[0], []).append(dict(zip(header[1:], row[1:], strict=True)))
    return tables


# -- writing -------------------------------------------------------------------------------


def check_choice(fmt: str, language: str) -> None:
    """Raise :class:`InvalidInput` unless ``fmt`` and ``language`` are ones we write."""
    if fmt not in FORMATS:
        raise InvalidInput(f"A shift report is written as {' or '.join(FORMATS)}, not {fmt}.")
    if language not in LANGUAGES:
        raise InvalidInput(f"A shift report is in {' or '.join(LANGUAGES)}, not {language}.")


def render(report: ShiftReport, fmt: str, language: str = "en") -> bytes:
    """The report's file content in ``fmt`` (csv or pdf); ``language`` is for the PDF's
    headings (the CSV's column names are the same in every language)."""
    check_choice(fmt, language)
    if fmt == "csv":
        return to_csv(report)
    from .shift_report_pdf import render_report  # reportlab only when a PDF is asked for

    return render_report(report, language)


def save(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` whole or not at all: a file that cannot be written (no such
    folder, no permission, a full disk) leaves what was there and says so in a sentence. The
    file is readable by its owner only (as the temporary file is made): it holds each
    person's figures."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InvalidInput(f"Cannot write the report to {path}: it is a folder; name a file.")
    if not folder.is_dir():
        raise InvalidInput(f"Cannot write the report to {path}: there is no folder {folder}.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InvalidInput(f"Cannot write the report to {path}: {exc.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write the report to {path}: {exc.strerror}.") from None


def columns(*spec: str | tuple[str, Kind]) -> tuple[Column, ...]:
    """Columns from keys (counts) or (key, kind) pairs."""
    return tuple(Column(s) if isinstance(s, str) else Column(*s) for s in spec)


def section(key: str, cols: tuple[Column, ...], rows: Sequence[Sequence[Cell]]) -> Section:
    return Section(key, cols, tuple(tuple(r) for r in rows))


# -- the sections, from the metrics --------------------------------------------------------

THROUGHPUT = columns(
    "orders_packed", "lines_picked", "units_picked", "lines_packed", "units_packed"
)
RATES = ("orders_packed_per_hour", "lines_picked_per_hour", "units_picked_per_hour",
         "units_packed_per_hour")  # fmt: skip
_TIME_COLUMNS = columns(
    ("scope", Kind.TEXT),
    ("lost_s", Kind.SECONDS),
    ("active_s", Kind.SECONDS),
    ("signed_in_s", Kind.SECONDS),
    ("active_share", Kind.RATIO),
    ("transition_s", Kind.SECONDS),
    "transitions",
)
#: How the pack sessions are told apart (as the metrics name their order types).
ORDER_TYPES = ("single item", "one SKU, several units", "mixed")


_STATUSES = ("open", "on_hold", "picking", "picked", "packing", "exception")


def _statuses(board: Dashboard) -> list[str]:
    """The backlog's statuses in the order work goes through them."""
    known = [s for s in _STATUSES if s in board.backlog.by_status]
    return known + sorted(set(board.backlog.by_status) - set(known))


def _counts(t: Throughput) -> list[Cell]:
    return [t.orders_packed, t.lines_picked, t.units_picked, t.lines_packed, t.units_packed]


def _groups(key: str, groups: list[GroupFigures], cols: tuple[Column, ...]) -> Section:
    keys = [c.key for c in cols]
    rows = [[g.key, *(getattr(g.figures, k) for k in keys)] for g in groups]
    return section(key, ((Column(key[:-1], Kind.TEXT)), *cols), rows)


def _fair(scope: str, tasks: list[TaskScore]) -> list[Cell]:
    expected = sum(t.expected_s for t in tasks)
    worked = sum(t.worked_s for t in tasks)
    return [scope, len(tasks), expected, worked, expected / worked if worked > 0 else None]


def build_report(board: Dashboard) -> ShiftReport:
    """The report's sections from the metrics of its period. Individual figures (the
    ``people`` section, a row per person in the fair score and time lost) are there only
    when the dashboard holds them."""
    team = board.team
    tasks = board.productivity.tasks
    sections = [
        section(
            "team",
            THROUGHPUT + columns(("hours", Kind.RATE), *((r, Kind.RATE) for r in RATES)),
            [_counts(team) + [team.hours] + [getattr(team, r) for r in RATES]],
        ),
        section(
            "by_hour",
            (Column("hour", Kind.TIME), *THROUGHPUT),
            [[h.hour, *_counts(h.figures)] for h in board.by_hour],
        ),
    ]
    if board.individual:
        sections.append(
            section(
                "people",
                (Column("person", Kind.TEXT), *THROUGHPUT),
                [[p.person, *_counts(p.figures)] for p in board.people],
            )
        )
    sections += [
        _groups("zones", board.by_zone, columns("lines_picked", "units_picked")),
        _groups("stations", board.by_station, THROUGHPUT),
        section(
            "backlog_status",
            columns(("status", Kind.TEXT), "orders"),
            [[status, board.backlog.by_status[status]] for status in _statuses(board)],
        ),
        section(
            "backlog_age", columns(("age", Kind.TEXT), "orders"), list(board.backlog.by_age.items())
        ),
        section(
            "at_risk",
            columns(
                ("number", Kind.TEXT),
                ("status", Kind.TEXT),
                ("ship_by", Kind.TIME),
                ("minutes_left", Kind.RATE),
            ),
            [[o.number, o.status, o.ship_by, o.minutes_left] for o in board.at_risk],
        ),
        section(
            "on_time",
            columns("orders_shipped", ("on_time_rate", Kind.RATIO)),
            [[board.orders_shipped, board.on_time_rate]],
        ),
        section(
            "fill_rate",
            columns("orders_shipped", ("fill_rate", Kind.RATIO)),
            [[board.orders_shipped, board.fill_rate]],
        ),
        section(
            "accuracy",
            columns(
                ("work", Kind.TEXT),
                "scans",
                "wrong",
                "over_scans",
                "unknown",
                "weight_exceptions",
                ("accuracy", Kind.RATIO),
            ),
            [
                [work, a.scans, a.wrong, a.over_scans, a.unknown, a.weight_exceptions, a.accuracy]
                for work, a in (("pick", board.pick_accuracy), ("pack", board.pack_accuracy))
            ],
        ),
    ]
    fair = [_fair("team", tasks), _fair("carts", [t for t in tasks if t.kind == "cart"])]
    fair.append(_fair("pack sessions", [t for t in tasks if t.kind == "pack"]))
    fair += [_fair(kind, [t for t in tasks if t.order_type == kind]) for kind in ORDER_TYPES]
    time_rows: list[list[Cell]] = [_team_time(board)]
    for person in board.people if board.individual else []:
        fair.append(_fair(person.person, [t for t in tasks if t.person == person.person]))
        time_rows.append(
            [
                person.person,
                person.lost_s,
                person.active_s,
                person.signed_in_s,
                person.active_share,
                person.transition_s,
                person.transitions,
            ]
        )
    sections += [
        section(
            "fair_score",
            columns(
                ("scope", Kind.TEXT),
                "tasks",
                ("expected_s", Kind.SECONDS),
                ("worked_s", Kind.SECONDS),
                ("score", Kind.SCORE),
            ),
            fair,
        ),
        section("time_lost", _TIME_COLUMNS, time_rows),
        section(
            "stores",
            columns(
                ("store", Kind.TEXT),
                ("last_synced_at", Kind.TIME),
                "pending",
                "parked",
                ("oldest_pending_at", Kind.TIME),
                ("last_error", Kind.TEXT),
            ),
            [
                [s.store, s.last_synced_at, s.pending, s.parked, s.oldest_pending_at, s.last_error]
                for s in board.stores
            ],
        ),
    ]
    period = board.period
    return ShiftReport(period.start, period.end, board.generated_at, tuple(sections), period.zone)


def _team_time(board: Dashboard) -> list[Cell]:
    """The team's row of time lost: the lost time of every task; active, signed-in and
    transition time summed over the people (known only with individual figures)."""
    people = board.people
    hours = board.team.hours
    signed_in = sum(p.signed_in_s for p in people) if people else None
    active = hours * 3600 if hours is not None else None
    return [
        "team",
        board.productivity.lost_s,
        active,
        signed_in,
        active / signed_in if active is not None and signed_in else None,
        sum(p.transition_s for p in people) if people else None,
        sum(p.transitions for p in people) if people else None,
    ]


# -- the report of a period ----------------------------------------------------------------


@dataclass(frozen=True)
class WrittenReport:
    """What was written where: for the command's answer and the screen's message."""

    path: Path
    format: str
    language: str
    size: int
    report: ShiftReport

    def summary(self) -> dict[str, object]:
        """What was written, with the team's figures (as in the CSV), for ``--json``."""
        team = self.report.section("team") if "team" in self.report.keys else None
        return {
            "path": str(self.path),
            "format": self.format,
            "language": self.language,
            "bytes": self.size,
            "from": csv_value(self.report.start, Kind.TIME),
            "to": csv_value(self.report.end, Kind.TIME),
            "generated_at": csv_value(self.report.generated_at, Kind.TIME),
            "sections": {s.key: len(s.rows) for s in self.report.sections},
            "team": team.dicts()[0] if team and team.rows else {},
        }


def suggested_name(start: datetime, fmt: str, zone: tzinfo = UTC) -> str:
    """A file name for the report of a period starting at ``start`` (local time), for a
    save dialog: ``shift-report-2026-11-26-0600.pdf``."""
    return f"shift-report-{start.astimezone(zone):%Y-%m-%d-%H%M}.{fmt}"


def shift_report(
    metrics: MetricsService, actor: Actor, start: datetime, end: datetime
) -> ShiftReport:
    """The report of ``start`` to ``end`` (naive times are local, as in the settings'
    ``[reports] timezone``), with each person's figures: supervisors and admins only."""
    actor.require(Permission.VIEW_REPORTS)
    period = metrics.custom(start, end)
    return build_report(metrics.dashboard(actor, period, individual=True))


def write_shift_report(
    metrics: MetricsService,
    actor: Actor,
    start: datetime,
    end: datetime,
    fmt: str,
    path: Path,
    language: str = "en",
) -> WrittenReport:
    """Compute the report of ``start`` to ``end`` and write it to ``path`` as ``fmt`` (csv
    or pdf; ``language`` en or he for the PDF). Slow (SQL, then a PDF): off the GUI thread.
    Raises :class:`PermissionDenied` for those who may not see individual figures and
    :class:`InvalidInput` for a period, format or file that cannot be used."""
    check_choice(fmt, language)  # before the figures are computed for nothing
    report = shift_report(metrics, actor, start, end)
    data = render(report, fmt, language)
    save(data, Path(path))
    return WrittenReport(Path(path), fmt, language, len(data), report)
