"""The supervisor's figures: throughput, backlog, quality, sync health and fair productivity
for a period, read in one read-only transaction off the GUI thread.

Definitions (each figure is what a test recomputes from the seeded events):

- **lines and units picked**: pick tasks (kind ``pick``) finished in the period with at least
  one piece found; units are the pieces found. By person (who confirmed), zone (of the
  location) and station (of the cart), and by the hour they were finished.
- **lines and units packed**: accepted pack scans (not undone) in the period; a line counts
  once per pack session, at the hour of its first scan in the period.
- **orders packed**: pack sessions closed (the last package) in the period.
- **backlog**: orders neither packed, shipped nor cancelled, by status and by how near their
  cut-off is (:data:`~.metrics_types.AGE_BUCKETS`); **at risk**: those whose cut-off is at
  most ``[reports] at_risk_hours`` away or past.
- **on-time ship rate**: of the orders packed in the period that have a cut-off, the share
  packed by it. **Fill rate**: of the orders packed in the period, the share complete on
  first shipment (no line packed short, no pick of it short).
- **accuracy**: per kind of work (pick, pack) 1 − wrong-item scans ÷ scans, beside
  over-scans, unknown or unreadable codes and (pack) weight exceptions approved.
- **fair productivity**: see :mod:`.metrics_model` (expected time) and :mod:`.metrics_tasks`
  (time lost to the system).
- **signed-in time**: from each sign-in (audit ``auth.login``) to its sign-out (``auth.logout``)
  where one is recorded, else to the person's last activity before their next sign-in or the
  end of the period; work before the
  first sign-in of the period counts from the period's start. **Active time**: inside carts
  and pack sessions. **Transition time**: gaps between a person's tasks shorter than
  ``[reports] break_minutes``.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..config import ReportSettings, Settings
from ..db import Database
from ..db.models import (
    AuditEntry,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEntry,
    OutboxStatus,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    ScanEvent,
    Store,
    TimeLost,
    utcnow,
)
from ..errors import InvalidInput, PermissionDenied
from . import metrics_model as model
from .metrics_tasks import (
    PACKED,
    Interval,
    RawTask,
    chunks,
    clip,
    finished_tasks,
    merge,
    person_name,
    union_seconds,
)
from .metrics_types import (
    AGE_BUCKETS,
    WHAT_WE_MEASURE,
    Accuracy,
    AtRiskOrder,
    Backlog,
    Dashboard,
    GroupFigures,
    HourFigures,
    ModelInfo,
    MyFigures,
    Period,
    PersonFigures,
    Productivity,
    StoreHealth,
    TaskScore,
    Throughput,
    total_by_cause,
)
from .permissions import Actor, Permission

__all__ = [
    "WHAT_WE_MEASURE",
    "Dashboard",
    "MetricsService",
    "MyFigures",
    "Period",
]

T = TypeVar("T")

#: Orders still to be done (the backlog).
BACKLOG = (
    OrderStatus.OPEN,
    OrderStatus.ON_HOLD,
    OrderStatus.PICKING,
    OrderStatus.PICKED,
    OrderStatus.PACKING,
    OrderStatus.EXCEPTION,
)
#: The model is fitted from this much history, at most this many tasks of each kind, and
#: fitted again after this many seconds.
HISTORY_DAYS = 60
HISTORY_TASKS = 2000
REFIT_S = 600.0
AT_RISK_SHOWN = 50
CAUSES = ("device", "printer", "stock", "store change")
#: Audit actions that start and (where recorded) end a person's time signed in.
SIGN_IN, SIGN_OUT = "auth.login", "auth.logout"


class _Counter:
    """Mutable sums behind a :class:`Throughput`."""

    __slots__ = ("lines_packed", "lines_picked", "orders_packed", "units_packed", "units_picked")

    def __init__(self) -> None:
        self.orders_packed = self.lines_picked = self.units_picked = 0
        self.lines_packed = self.units_packed = 0

    def freeze(self, hours: float | None = None) -> Throughput:
        return Throughput(
            self.orders_packed,
            self.lines_picked,
            self.units_picked,
            self.lines_packed,
            self.units_packed,
            hours,
        )


class _Work:
    """The raw rows of a period, gathered once and cut by person, zone, station and hour."""

    def __init__(self) -> None:
        # (person, zone, station, at, units)
        self.picks: list[tuple[str, str | None, str | None, datetime, int]] = []
        # (person, station, first scan at, units)
        self.packs: list[tuple[str, str | None, datetime, int]] = []
        # (person, station, closed at, order's ship_by, filled)
        self.orders: list[tuple[str, str | None, datetime, datetime | None, bool]] = []
        self.tasks: list[RawTask] = []
        # person -> (time, True for a sign-out) of each sign-in and sign-out
        self.logins: dict[str, list[tuple[datetime, bool]]] = defaultdict(list)


class MetricsService:
    """Figures for the dashboard, the shift report and each worker's own page."""

    def __init__(self, db: Database, settings: Settings | ReportSettings):
        self._db = db
        self._settings = settings.reports if isinstance(settings, Settings) else settings
        self._models: dict[str, ModelInfo] | None = None
        self._fitted_at = 0.0
        self._lock = threading.Lock()

    @property
    def settings(self) -> ReportSettings:
        return self._settings

    # -- periods ------------------------------------------------------------------------

    def today(self, now: datetime | None = None) -> Period:
        return Period.today(self._settings, now)

    def this_shift(self, now: datetime | None = None) -> Period:
        return Period.shift(self._settings, now)

    def custom(self, start: datetime, end: datetime) -> Period:
        return Period.custom(start, end, self._settings)

    # -- the figures ----------------------------------------------------------------------

    def dashboard(
        self,
        actor: Actor,
        period: Period,
        *,
        individual: bool | None = None,
        now: datetime | None = None,
    ) -> Dashboard:
        """The whole dashboard for ``period``. Individual figures (``by_person``, ``people``,
        the person of each task) come only for those who may see reports; asking for them
        (``individual=True``) without that permission is refused."""
        actor.require(Permission.VIEW_OWN_FIGURES)
        allowed = actor.can(Permission.VIEW_REPORTS)
        if individual and not allowed:
            raise PermissionDenied(
                f"{actor.name} may see the team's figures and their own, not each person's; "
                "ask a supervisor."
            )
        individual = allowed if individual is None else individual
        now = now or utcnow()
        timings: dict[str, float] = {}

        def timed(name: str, call: Callable[[], T]) -> T:
            started = time.perf_counter()
            try:
                return call()
            finally:
                timings[name] = time.perf_counter() - started

        started = time.perf_counter()
        models = timed("model", self.models)
        with self._db.read() as session:
            work = _Work()
            timed("picked", lambda: self._picks(session, period, work))
            timed("packed", lambda: self._packs(session, period, work))
            timed("orders packed", lambda: self._orders(session, period, work))
            timed("tasks", lambda: self._tasks(session, period, work))
            timed("sign-ins", lambda: self._logins(session, period, work))
            backlog = timed("backlog", lambda: self._backlog(session, now))
            at_risk, at_risk_count = timed("at risk", lambda: self._at_risk(session, now))
            pick_acc, pack_acc = timed("accuracy", lambda: self._accuracy(session, period))
            stores = timed("stores", lambda: self._stores(session))
        scores = [t.score(models) for t in work.tasks]
        people = _people(work, scores, period, self._settings)
        hours = sum(p.active_s for p in people) / 3600 if people else None
        team = _count(work).freeze(hours)
        shipped = [(o[2], o[3]) for o in work.orders if o[3] is not None]
        productivity = Productivity(
            expected_s=sum(t.expected_s for t in scores),
            worked_s=sum(t.worked_s for t in scores),
            lost_s=sum(t.lost_s for t in scores),
            tasks=scores if individual else [_anonymous(t) for t in scores],
            models=models,
        )
        timings["total"] = time.perf_counter() - started
        return Dashboard(
            period=period,
            generated_at=now,
            individual=individual,
            team=team,
            by_hour=_by_hour(work, period),
            by_person=_groups(work, "person", people) if individual else [],
            by_zone=_groups(work, "zone"),
            by_station=_groups(work, "station"),
            backlog=backlog,
            at_risk=at_risk,
            at_risk_count=at_risk_count,
            orders_shipped=len(work.orders),
            on_time_rate=(
                sum(1 for done, ship_by in shipped if done <= ship_by) / len(shipped)
                if shipped
                else None
            ),
            fill_rate=(
                sum(1 for o in work.orders if o[4]) / len(work.orders) if work.orders else None
            ),
            pick_accuracy=pick_acc,
            pack_accuracy=pack_acc,
            stores=stores,
            productivity=productivity,
            people=people if individual else [],
            timings=timings,
        )

    def my_figures(self, actor: Actor, period: Period, person: str | None = None) -> MyFigures:
        """A person's own figures: any signed-in worker's own; another person's only for
        those who may see reports."""
        actor.require(Permission.VIEW_OWN_FIGURES)
        person = person or actor.name
        if person != actor.name and not actor.can(Permission.VIEW_REPORTS):
            raise PermissionDenied(
                f"{actor.name} may see their own figures, not {person}'s; "
                "a supervisor can show them."
            )
        models = self.models()
        with self._db.read() as session:
            work = _Work()
            self._picks(session, period, work)
            self._packs(session, period, work)
            self._orders(session, period, work)
            self._tasks(session, period, work)
            self._logins(session, period, work)
        mine = _Work()
        mine.picks = [p for p in work.picks if p[0] == person]
        mine.packs = [p for p in work.packs if p[0] == person]
        mine.orders = [o for o in work.orders if o[0] == person]
        mine.tasks = [t for t in work.tasks if t.person == person]
        mine.logins = defaultdict(list, {person: work.logins.get(person, [])})
        scores = [t.score(models) for t in mine.tasks]
        people = _people(mine, scores, period, self._settings)
        figures = next(
            (p for p in people if p.person == person),
            PersonFigures(person, Throughput(), 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0),
        )
        return MyFigures(period, figures, _by_hour(mine, period), scores)

    def record_time_lost(
        self,
        actor: Actor,
        cause: str,
        started_at: datetime,
        ended_at: datetime,
        detail: str | None = None,
    ) -> None:
        """Record time ``actor`` lost to the system (``cause`` one of :data:`CAUSES`), e.g. a
        scale fault while packing: it is taken out of their time."""
        if cause not in CAUSES:
            raise InvalidInput(f"Time lost is caused by {', '.join(CAUSES)}, not '{cause}'.")
        if ended_at <= started_at:
            raise InvalidInput("Time lost must end after it starts.")
        with self._db.write() as session:
            session.add(
                TimeLost(
                    user_id=actor.user_id,
                    person=actor.name,
                    station=actor.station,
                    cause=cause,
                    detail=detail,
                    started_at=started_at,
                    ended_at=ended_at,
                )
            )

    # -- the model ------------------------------------------------------------------------

    def models(self, *, refit: bool = False) -> dict[str, ModelInfo]:
        """The expected-time models, fitted from the last :data:`HISTORY_DAYS` days (at most
        :data:`HISTORY_TASKS` tasks of each kind) and kept for :data:`REFIT_S` seconds."""
        with self._lock:
            fresh = time.monotonic() - self._fitted_at < REFIT_S
            if self._models is not None and fresh and not refit:
                return self._models
        end = utcnow()
        with self._db.read() as session:
            history = finished_tasks(
                session, end - timedelta(days=HISTORY_DAYS), end, limit=HISTORY_TASKS
            )
        models = {
            kind: model.fit(
                kind,
                [(t.features, t.actual_s - t.lost_s()) for t in history if t.kind == kind],
            )
            for kind in (model.CART, model.PACK)
        }
        with self._lock:
            self._models, self._fitted_at = models, time.monotonic()
        return models

    # -- queries --------------------------------------------------------------------------

    @staticmethod
    def _picks(session: Session, period: Period, work: _Work) -> None:
        rows = session.execute(
            select(
                PickTask.done_by,
                Location.zone,
                PickBatch.station,
                PickTask.done_at,
                PickTask.quantity_done,
            )
            .join(Location, Location.id == PickTask.location_id)
            .join(PickBatch, PickBatch.id == PickTask.batch_id)
            .where(
                PickTask.done_at >= period.start,
                PickTask.done_at < period.end,
                PickTask.kind == "pick",
                PickTask.quantity_done > 0,
            )
        )
        work.picks = [
            (person_name(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows if r[3] is not None
        ]

    @staticmethod
    def _packs(session: Session, period: Period, work: _Work) -> None:
        rows = session.execute(
            select(
                PackSession.user_name,
                PackSession.station,
                func.min(ScanEvent.at),
                func.sum(ScanEvent.quantity),
            )
            .join(PackSession, PackSession.id == ScanEvent.pack_session_id)
            .where(
                ScanEvent.context == "pack",
                ScanEvent.at >= period.start,
                ScanEvent.at < period.end,
                ScanEvent.outcome.in_(PACKED),
                ScanEvent.undone.is_(False),
            )
            .group_by(
                ScanEvent.pack_session_id,
                ScanEvent.order_line_id,
                PackSession.user_name,
                PackSession.station,
            )
        )
        work.packs = [(r[0], r[1], r[2], int(r[3] or 0)) for r in rows]

    @staticmethod
    def _orders(session: Session, period: Period, work: _Work) -> None:
        rows = session.execute(
            select(
                PackSession.user_name,
                PackSession.station,
                PackSession.closed_at,
                Order.ship_by,
                PackSession.order_id,
            )
            .join(Order, Order.id == PackSession.order_id)
            .where(
                PackSession.status == PackSessionStatus.CLOSED,
                PackSession.closed_at >= period.start,
                PackSession.closed_at < period.end,
            )
        ).all()
        # Not filled: a line packed short, or a pick of the order found short.
        short: set[int] = set()
        for chunk in chunks(sorted({r[4] for r in rows})):
            short.update(
                session.scalars(
                    select(OrderLine.order_id).where(
                        OrderLine.order_id.in_(chunk),
                        OrderLine.quantity_packed < OrderLine.quantity,
                    )
                )
            )
            short.update(
                session.scalars(
                    select(PickTask.order_id).where(
                        PickTask.order_id.in_(chunk), PickTask.status == PickTaskStatus.SHORT
                    )
                )
            )
        work.orders = [
            (r[0], r[1], r[2], r[3], r[4] not in short) for r in rows if r[2] is not None
        ]

    @staticmethod
    def _tasks(session: Session, period: Period, work: _Work) -> None:
        work.tasks = finished_tasks(session, period.start, period.end)

    @staticmethod
    def _logins(session: Session, period: Period, work: _Work) -> None:
        rows = session.execute(
            select(AuditEntry.actor, AuditEntry.at, AuditEntry.action).where(
                AuditEntry.action.in_((SIGN_IN, SIGN_OUT)),
                AuditEntry.at >= period.start,
                AuditEntry.at < period.end,
            )
        )
        for label, at, action in rows:
            work.logins[person_name(label)].append((at, action == SIGN_OUT))

    def _backlog(self, session: Session, now: datetime) -> Backlog:
        hour = timedelta(hours=1)
        bucket = case(
            (Order.ship_by.is_(None), AGE_BUCKETS[5]),
            (Order.ship_by < now, AGE_BUCKETS[0]),
            (Order.ship_by < now + 2 * hour, AGE_BUCKETS[1]),
            (Order.ship_by < now + 8 * hour, AGE_BUCKETS[2]),
            (Order.ship_by < now + 24 * hour, AGE_BUCKETS[3]),
            else_=AGE_BUCKETS[4],
        )
        by_status = {s.value: 0 for s in BACKLOG}
        by_age = dict.fromkeys(AGE_BUCKETS, 0)
        rows = session.execute(
            select(Order.status, bucket, func.count())
            .where(Order.status.in_(BACKLOG))
            .group_by(Order.status, bucket)
        )
        for status, age, count in rows:
            by_status[OrderStatus(status).value] += count
            by_age[age] += count
        return Backlog(by_status, by_age)

    def _at_risk(self, session: Session, now: datetime) -> tuple[list[AtRiskOrder], int]:
        limit = now + timedelta(hours=self._settings.at_risk_hours)
        where = (Order.status.in_(BACKLOG), Order.ship_by.is_not(None), Order.ship_by <= limit)
        count = session.scalar(select(func.count()).select_from(Order).where(*where)) or 0
        rows = session.execute(
            select(Order.number, Order.status, Order.ship_by)
            .where(*where)
            .order_by(Order.ship_by)
            .limit(AT_RISK_SHOWN)
        )
        orders = [
            AtRiskOrder(n, OrderStatus(s).value, b, (b - now).total_seconds() / 60)
            for n, s, b in rows
            if b is not None
        ]
        return orders, int(count)

    @staticmethod
    def _accuracy(session: Session, period: Period) -> tuple[Accuracy, Accuracy]:
        counts: dict[str, dict[str, int]] = {"pick": defaultdict(int), "pack": defaultdict(int)}
        for context in counts:  # one index range each
            rows = session.execute(
                select(ScanEvent.outcome, func.count())
                .where(
                    ScanEvent.context == context,
                    ScanEvent.at >= period.start,
                    ScanEvent.at < period.end,
                )
                .group_by(ScanEvent.outcome)
            )
            for outcome, count in rows:
                counts[context][outcome] += count
        weight = (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.action == "pack.weight_override",
                    AuditEntry.at >= period.start,
                    AuditEntry.at < period.end,
                )
            )
            or 0
        )

        def accuracy(c: dict[str, int], weight_exceptions: int = 0) -> Accuracy:
            return Accuracy(
                scans=sum(v for k, v in c.items() if k not in ("command", "order changed")),
                # A pick's wrong location, tote or quantity is a mistake as a wrong item is.
                wrong=c["wrong item"] + c["wrong location"] + c["wrong tote"] + c["wrong quantity"],
                over_scans=c["over-scan"],
                unknown=c["unknown"] + c["invalid scan"],
                weight_exceptions=weight_exceptions,
            )

        return accuracy(counts["pick"]), accuracy(counts["pack"], int(weight))

    @staticmethod
    def _stores(session: Session) -> list[StoreHealth]:
        backlog: dict[int, dict[str, Any]] = defaultdict(dict)
        rows = session.execute(
            select(
                OutboxEntry.store_id,
                OutboxEntry.status,
                func.count(),
                func.min(OutboxEntry.created_at),
            )
            .where(OutboxEntry.status.in_((OutboxStatus.PENDING, OutboxStatus.PARKED)))
            .group_by(OutboxEntry.store_id, OutboxEntry.status)
        )
        for store_id, status, count, oldest in rows:
            backlog[store_id][OutboxStatus(status).value] = (count, oldest)
        stores = session.execute(
            select(Store.id, Store.name, Store.last_synced_at, Store.last_error)
            .where(Store.active.is_(True))
            .order_by(Store.name)
        )
        result = []
        for store_id, name, synced, error in stores:
            pending = backlog[store_id].get("pending", (0, None))
            parked = backlog[store_id].get("parked", (0, None))
            result.append(StoreHealth(name, synced, error, pending[0], parked[0], pending[1]))
        return result


# -- cutting the rows -------------------------------------------------------------------


def _count_by(
    work: _Work, key: Callable[[str, str | None, str | None], str | None]
) -> dict[str | None, _Counter]:
    """One pass over the rows: a counter for each value of ``key(person, zone, station)``."""
    counters: dict[str | None, _Counter] = defaultdict(_Counter)
    for person, zone, station, _at, units in work.picks:
        c = counters[key(person, zone, station)]
        c.lines_picked += 1
        c.units_picked += units
    for person, station, _at, units in work.packs:
        c = counters[key(person, None, station)]
        c.lines_packed += 1
        c.units_packed += units
    for person, station, _at, _ship_by, _filled in work.orders:
        counters[key(person, None, station)].orders_packed += 1
    return counters


def _count(work: _Work) -> _Counter:
    return _count_by(work, lambda p, z, s: "").get("", _Counter())


def _by_hour(work: _Work, period: Period) -> list[HourFigures]:
    counters: dict[datetime, _Counter] = {}
    hour = period.start.astimezone(period.zone).replace(minute=0, second=0, microsecond=0)
    while hour < period.end:
        counters[hour.astimezone(UTC)] = _Counter()
        hour = (hour.astimezone(UTC) + timedelta(hours=1)).astimezone(period.zone)

    def slot(at: datetime) -> _Counter | None:
        local = at.astimezone(period.zone).replace(minute=0, second=0, microsecond=0)
        return counters.get(local.astimezone(UTC))

    for _person, _zone, _station, at, units in work.picks:
        if (c := slot(at)) is not None:
            c.lines_picked += 1
            c.units_picked += units
    for _person, _station, at, units in work.packs:
        if (c := slot(at)) is not None:
            c.lines_packed += 1
            c.units_packed += units
    for _person, _station, at, _ship_by, _filled in work.orders:
        if (c := slot(at)) is not None:
            c.orders_packed += 1
    return [HourFigures(h.astimezone(period.zone), c.freeze()) for h, c in counters.items()]


def _groups(work: _Work, by: str, people: list[PersonFigures] | None = None) -> list[GroupFigures]:
    if by == "person":
        counters = _count_by(work, lambda p, z, s: p)
        hours = {p.person: p.active_s / 3600 for p in people or []}
    elif by == "zone":
        counters = _count_by(work, lambda p, z, s: z)
        hours = {}
    else:
        counters = _count_by(work, lambda p, z, s: s)
        hours = {}
    return [
        GroupFigures(key, counter.freeze(hours.get(key) or None))
        for key, counter in sorted((k, c) for k, c in counters.items() if k)
        if by != "zone" or counter.lines_picked
    ]


def _people(
    work: _Work, scores: list[TaskScore], period: Period, settings: ReportSettings
) -> list[PersonFigures]:
    by_person: dict[str, list[TaskScore]] = defaultdict(list)
    for task in scores:
        by_person[task.person].append(task)
    counters = _count_by(work, lambda p, z, s: p)
    activity_of: dict[str, list[datetime]] = defaultdict(list)
    for pick in work.picks:
        activity_of[pick[0]].append(pick[3])
    for pack in work.packs:
        activity_of[pack[0]].append(pack[2])
    names = {n for n in set(by_person) | set(counters) if n}
    gap_limit = timedelta(minutes=settings.break_minutes)
    result = []
    for name in sorted(names):
        tasks = sorted(by_person.get(name, []), key=lambda t: t.started_at)
        spans = clip([(t.started_at, t.finished_at) for t in tasks], period.start, period.end)
        active = union_seconds(spans)
        merged = merge(spans)
        gaps = [b[0] - a[1] for a, b in itertools.pairwise(merged) if b[0] - a[1] <= gap_limit]
        activity = sorted([t.finished_at for t in tasks] + activity_of[name])
        signed_in = union_seconds(_signed_in(work.logins.get(name, []), activity, spans, period))
        counter = counters.get(name, _Counter())
        result.append(
            PersonFigures(
                person=name,
                figures=counter.freeze(active / 3600 if active else None),
                tasks=len(tasks),
                expected_s=sum(t.expected_s for t in tasks),
                worked_s=sum(t.worked_s for t in tasks),
                lost_s=sum(t.lost_s for t in tasks),
                active_s=active,
                signed_in_s=max(signed_in, active),
                transition_s=sum(g.total_seconds() for g in gaps),
                transitions=len(gaps),
                lost_by_cause=total_by_cause(tasks),
            )
        )
    return result


def _signed_in(
    marks: list[tuple[datetime, bool]],
    activity: list[datetime],
    spans: list[Interval],
    period: Period,
) -> list[Interval]:
    """Each sign-in to its sign-out, or without one to the last activity before the next
    sign-in; activity before the first sign-in of the period counts from the period's start."""
    marks = sorted(marks)
    if not marks or (activity and activity[0] < marks[0][0]) or marks[0][1]:
        marks = [(period.start, False), *marks]
    result: list[Interval] = []
    for i, (start, out) in enumerate(marks):
        if out:
            continue
        following = marks[i + 1] if i + 1 < len(marks) else (period.end, False)
        if following[1]:  # signed out
            result.append((start, following[0]))
            continue
        last = [a for a in activity if start <= a < following[0]]
        if last:
            result.append((start, max(last)))
    return clip(result + spans, period.start, period.end)


def _anonymous(task: TaskScore) -> TaskScore:
    return replace(task, person="")
