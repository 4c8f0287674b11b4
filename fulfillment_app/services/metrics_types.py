"""What the supervisor's figures are made of: plain, frozen data the dashboard, the shift
report and the command line show as they are (no ORM objects, no Qt).

Times are aware UTC datetimes; durations are seconds; rates are per hour; ratios are 0..1 and
``None`` where there was nothing to divide by (no scans, no orders).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..config import ReportSettings, parse_shifts
from ..errors import InvalidInput

#: What the figures measure, in words for the people measured (the screens show their own,
#: translated copy of this text).
WHAT_WE_MEASURE = (
    "These figures count what the system records as work is done: orders, lines and units "
    "picked and packed, scans that were wrong or too many, weight exceptions, and when carts "
    "and pack sessions start and finish. Each cart and each pack session gets an expected "
    "time from what it asked (the planned walk, locations, lines, units, the kind of order), "
    "learnt from this warehouse's own history; the score is expected time divided by actual "
    "time, so 1.0 means as expected. Time lost to the system (stock not at its location, a "
    "device or printer fault, a store changing the order) is taken out of the person's time. "
    "Nothing else is recorded: no location tracking, no keystrokes, no camera. Team figures "
    "are shown by default; only supervisors see individual figures, and everyone can see "
    "their own."
)


# -- the period ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A stretch of time the figures cover: ``start`` inclusive, ``end`` exclusive (UTC).
    ``zone`` is the local time zone hours and days are shown in."""

    start: datetime
    end: datetime
    label: str = ""
    zone: tzinfo = UTC

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise InvalidInput("A period needs times with a time zone.")
        if self.end <= self.start:
            raise InvalidInput("The end of the period must come after its start.")

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()

    @classmethod
    def custom(
        cls, start: datetime, end: datetime, settings: ReportSettings | None = None
    ) -> Period:
        zone = local_zone(settings or ReportSettings())
        start, end = (t if t.tzinfo else t.replace(tzinfo=zone) for t in (start, end))
        return cls(start.astimezone(UTC), end.astimezone(UTC), "custom", zone)

    @classmethod
    def today(cls, settings: ReportSettings, now: datetime | None = None) -> Period:
        """From local midnight to now (at least one second)."""
        zone = local_zone(settings)
        now = (now or datetime.now(UTC)).astimezone(zone)
        start = datetime.combine(now.date(), time(0), zone)
        return cls(start.astimezone(UTC), _after(start, now), "today", zone)

    @classmethod
    def day(cls, settings: ReportSettings, day: date) -> Period:
        zone = local_zone(settings)
        start = datetime.combine(day, time(0), zone)
        end = datetime.combine(day + timedelta(days=1), time(0), zone)
        return cls(start.astimezone(UTC), end.astimezone(UTC), day.isoformat(), zone)

    @classmethod
    def shift(cls, settings: ReportSettings, now: datetime | None = None) -> Period:
        """The shift running at ``now`` (from its start to now), per ``[reports] shifts``;
        outside every shift, the last one that ended, whole."""
        zone = local_zone(settings)
        now = (now or datetime.now(UTC)).astimezone(zone)
        best: tuple[datetime, datetime, str] | None = None
        for day in (now.date() - timedelta(days=1), now.date()):
            for start_m, end_m in parse_shifts(settings.shifts):
                start = datetime.combine(day, time(0), zone) + timedelta(minutes=start_m)
                end = datetime.combine(day, time(0), zone) + timedelta(minutes=end_m)
                if end <= start:
                    end += timedelta(days=1)
                label = f"{start:%H:%M}-{end:%H:%M}"
                if start <= now < end:
                    return cls(start.astimezone(UTC), _after(start, now), label, zone)
                if end <= now and (best is None or end > best[1]):
                    best = (start, end, label)
        assert best is not None  # yesterday's shifts have all ended
        return cls(best[0].astimezone(UTC), best[1].astimezone(UTC), best[2], zone)


def _after(start: datetime, now: datetime) -> datetime:
    return max(now, start + timedelta(seconds=1)).astimezone(UTC)


def local_zone(settings: ReportSettings) -> tzinfo:
    if settings.timezone:
        try:
            return ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(
                f"The time zone '{settings.timezone}' in [reports] timezone is not known."
            ) from None
    zone = datetime.now().astimezone().tzinfo
    return zone or UTC


# -- throughput ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Throughput:
    """Work done: orders packed, lines and units picked and packed. ``hours`` is the active
    time the work took (tasks' start to finish), for the per-hour rates (``None``: not
    known, e.g. by hour or by zone)."""

    orders_packed: int = 0
    lines_picked: int = 0
    units_picked: int = 0
    lines_packed: int = 0
    units_packed: int = 0
    hours: float | None = None

    def rate(self, count: int) -> float | None:
        return count / self.hours if self.hours else None

    @property
    def lines_picked_per_hour(self) -> float | None:
        return self.rate(self.lines_picked)

    @property
    def units_picked_per_hour(self) -> float | None:
        return self.rate(self.units_picked)

    @property
    def orders_packed_per_hour(self) -> float | None:
        return self.rate(self.orders_packed)

    @property
    def units_packed_per_hour(self) -> float | None:
        return self.rate(self.units_packed)


@dataclass(frozen=True)
class HourFigures:
    """One clock hour (``hour`` is its local start, aware)."""

    hour: datetime
    figures: Throughput


@dataclass(frozen=True)
class GroupFigures:
    """The work of one person, zone or station (``key`` is its name)."""

    key: str
    figures: Throughput


# -- backlog ------------------------------------------------------------------------------

#: Backlog age buckets against the cut-off, in this order.
AGE_BUCKETS = ("overdue", "due in 2 h", "due in 2-8 h", "due in 8-24 h", "later", "no cut-off")


@dataclass(frozen=True)
class Backlog:
    """Orders not yet packed (nor cancelled): how many in each status, and how near their
    cut-off (``ship_by``) is, in :data:`AGE_BUCKETS` order."""

    by_status: dict[str, int]
    by_age: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class AtRiskOrder:
    number: str
    status: str
    ship_by: datetime
    #: Negative when the cut-off has passed.
    minutes_left: float


# -- quality ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accuracy:
    """Scans of one kind of work (``pick`` or ``pack``): accuracy is 1 - wrong ÷ scans.
    Commands (undo, ...) are not scans of items and are not counted."""

    scans: int = 0
    wrong: int = 0
    over_scans: int = 0
    unknown: int = 0
    weight_exceptions: int = 0

    @property
    def accuracy(self) -> float | None:
        return 1 - self.wrong / self.scans if self.scans else None


@dataclass(frozen=True)
class StoreHealth:
    """A store's sync: when it last went through, its last problem, its outbox backlog."""

    store: str
    last_synced_at: datetime | None
    last_error: str | None
    pending: int
    parked: int
    oldest_pending_at: datetime | None

    @property
    def healthy(self) -> bool:
        return self.last_error is None and self.parked == 0


# -- fair productivity --------------------------------------------------------------------


@dataclass(frozen=True)
class TaskScore:
    """One cart (``kind`` "cart", ``id`` the batch) or pack session (``kind`` "pack"):
    what it asked, how long it took and what was expected. ``worked_s`` is the actual time
    less the time lost to the system; ``score`` is expected ÷ worked (1.0: as expected)."""

    kind: str
    id: int
    person: str
    station: str | None
    zone: str | None
    started_at: datetime
    finished_at: datetime
    #: What the task asked: travel_m, locations, lines, units (carts); lines, units,
    #: single_sku, mixed (pack sessions).
    features: dict[str, float]
    #: "single item", "one SKU, several units" or "mixed" for pack sessions; "" for carts.
    order_type: str
    actual_s: float
    lost_s: float
    expected_s: float
    #: Seconds lost to each cause ("stock", "store change", "printer", "device").
    lost_by_cause: dict[str, float] = field(default_factory=dict)

    @property
    def worked_s(self) -> float:
        return max(self.actual_s - self.lost_s, 1.0)

    @property
    def score(self) -> float:
        return self.expected_s / self.worked_s


@dataclass(frozen=True)
class ModelInfo:
    """The expected-time model of one kind of task: coefficients (seconds per unit of each
    feature, ``base`` per task) and whether they were fitted from history (``samples`` tasks)
    or are the defaults."""

    kind: str
    coefficients: dict[str, float]
    samples: int
    fitted: bool


@dataclass(frozen=True)
class PersonFigures:
    """One person's work in the period: raw rates next to the fair score.

    ``signed_in_s``: from each sign-in to its sign-out, or without one to the last activity
    before the next sign-in; ``active_s``: time inside carts and pack sessions; ``transition_s``:
    gaps between tasks shorter than a break; ``lost_s``: time lost to the system."""

    person: str
    figures: Throughput
    tasks: int
    expected_s: float
    worked_s: float
    lost_s: float
    active_s: float
    signed_in_s: float
    transition_s: float
    transitions: int
    lost_by_cause: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float | None:
        """Expected ÷ worked time over all the person's tasks (1.0: as expected)."""
        return self.expected_s / self.worked_s if self.worked_s > 0 else None

    @property
    def active_share(self) -> float | None:
        return self.active_s / self.signed_in_s if self.signed_in_s > 0 else None

    @property
    def mean_transition_s(self) -> float | None:
        return self.transition_s / self.transitions if self.transitions else None


@dataclass(frozen=True)
class Productivity:
    """The fair figures of a period: the team's score (expected ÷ worked over every task),
    each task, and the models used."""

    expected_s: float
    worked_s: float
    lost_s: float
    tasks: list[TaskScore]
    models: dict[str, ModelInfo]

    @property
    def score(self) -> float | None:
        return self.expected_s / self.worked_s if self.worked_s > 0 else None

    @property
    def lost_by_cause(self) -> dict[str, float]:
        """Seconds lost to each cause over all tasks."""
        return total_by_cause(self.tasks)


def total_by_cause(tasks: list[TaskScore]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for task in tasks:
        for cause, seconds in task.lost_by_cause.items():
            totals[cause] = totals.get(cause, 0.0) + seconds
    return totals


# -- the whole ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    """Everything the supervisor's dashboard shows for a period. ``by_person`` is filled only
    for those allowed individual figures (``individual``); ``productivity.tasks`` then names
    people, otherwise its ``person`` fields are empty. ``timings`` holds each query's
    seconds (for the benchmark and the status bar)."""

    period: Period
    generated_at: datetime
    individual: bool
    team: Throughput
    by_hour: list[HourFigures]
    by_person: list[GroupFigures]
    by_zone: list[GroupFigures]
    by_station: list[GroupFigures]
    backlog: Backlog
    at_risk: list[AtRiskOrder]
    at_risk_count: int
    orders_shipped: int
    on_time_rate: float | None
    fill_rate: float | None
    pick_accuracy: Accuracy
    pack_accuracy: Accuracy
    stores: list[StoreHealth]
    productivity: Productivity
    people: list[PersonFigures]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class MyFigures:
    """One person's own figures (what :meth:`MetricsService.my_figures` returns)."""

    period: Period
    person: PersonFigures
    by_hour: list[HourFigures]
    tasks: list[TaskScore]
    what_we_measure: str = WHAT_WE_MEASURE
