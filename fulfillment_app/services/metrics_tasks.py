"""The fair-productivity side of the figures: every cart and pack session of a stretch of
time, what it asked, how long it took, and how much of that was lost to the system.

Time lost to the system, taken out of the person's time (overlaps are counted once):

- a short pick because the stock was not there (a reason in :data:`STOCK_REASONS`): the time
  from the cart's previous step to the short pick (looking for what is not there);
- a store change (``order_change``) to an order of the task while the task ran: from the
  change to its resolution (or the task's end);
- waiting for the printer: a print job of the task's station that took longer than
  :data:`PRINT_GRACE_S` to print, from then to when it printed (or the task's end);
- anything recorded in ``time_lost`` for the person (device faults, printer waits):
  :meth:`MetricsService.record_time_lost`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..db.models import (
    Location,
    OrderChange,
    OrderLine,
    PackSession,
    PackSessionStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    PickTask,
    PickTaskStatus,
    PrintJob,
    ScanEvent,
    TimeLost,
)
from . import metrics_model as model
from .metrics_types import ModelInfo, TaskScore

#: Short-pick reasons that mean the stock was not where the system said.
STOCK_REASONS = frozenset({"location empty", "not enough", "wrong item at location", "not found"})
#: A label normally prints within this; longer is waiting for the printer.
PRINT_GRACE_S = 15.0
#: Carts or sessions open longer than this were left overnight: not a measure of work.
LONGEST_TASK_S = 4 * 3600.0

PACKED = ("accepted", "complete")
ROLES = ("picker", "packer", "supervisor", "admin")

Interval = tuple[datetime, datetime]
#: Time lost: from, to, and its cause (one of ``CAUSES`` of the service).
Lost = tuple[datetime, datetime, str]


def person_name(label: str | None) -> str:
    """``"anna (picker)"`` → ``"anna"``: records keep the label people saw, figures go by
    the person."""
    if not label:
        return ""
    for role in ROLES:
        suffix = f" ({role})"
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


@dataclass
class RawTask:
    """A finished cart or pack session before it is scored."""

    kind: str
    id: int
    person: str
    station: str | None
    zone: str | None
    started_at: datetime
    finished_at: datetime
    features: dict[str, float]
    order_type: str
    orders: tuple[int, ...]
    lost: list[Lost]

    @property
    def actual_s(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()

    def lost_s(self) -> float:
        spans = [(a, b) for a, b, _cause in self.lost]
        return union_seconds(clip(spans, self.started_at, self.finished_at))

    def lost_by_cause(self) -> dict[str, float]:
        """Seconds lost to each cause (overlapping causes each count their own time)."""
        causes = sorted({cause for _a, _b, cause in self.lost})
        return {
            cause: union_seconds(
                clip(
                    [(a, b) for a, b, c in self.lost if c == cause],
                    self.started_at,
                    self.finished_at,
                )
            )
            for cause in causes
        }

    def score(self, models: dict[str, ModelInfo]) -> TaskScore:
        return TaskScore(
            kind=self.kind,
            id=self.id,
            person=self.person,
            station=self.station,
            zone=self.zone,
            started_at=self.started_at,
            finished_at=self.finished_at,
            features=dict(self.features),
            order_type=self.order_type,
            actual_s=self.actual_s,
            lost_s=self.lost_s(),
            lost_by_cause=self.lost_by_cause(),
            expected_s=model.expected_seconds(models[self.kind], self.features),
        )


def finished_tasks(
    session: Session, start: datetime, end: datetime, *, limit: int | None = None
) -> list[RawTask]:
    """Every cart and pack session finished in [start, end) (the most recent ``limit`` of
    each kind when given), with what it asked and its time lost to the system."""
    tasks = carts(session, start, end, limit) + pack_sessions(session, start, end, limit)
    tasks = [t for t in tasks if 0 < t.actual_s <= LONGEST_TASK_S]
    add_lost_time(session, tasks)
    return tasks


def carts(session: Session, start: datetime, end: datetime, limit: int | None) -> list[RawTask]:
    query = (
        select(
            PickBatch.id,
            PickBatch.picker,
            PickBatch.station,
            PickBatch.zone,
            PickBatch.claimed_at,
            PickBatch.finished_at,
            PickBatch.travel,
        )
        .where(
            PickBatch.status == PickBatchStatus.DONE,
            PickBatch.finished_at >= start,
            PickBatch.finished_at < end,
            PickBatch.claimed_at.is_not(None),
        )
        .order_by(PickBatch.finished_at.desc())
    )
    if limit:
        query = query.limit(limit)
    batches = session.execute(query).all()
    if not batches:
        return []
    ids = [b.id for b in batches]
    steps: dict[int, list[tuple[datetime | None, str, str | None]]] = defaultdict(list)
    asked: dict[int, dict[str, float]] = {}
    zones: dict[int, set[str]] = defaultdict(set)
    locations: dict[int, set[int]] = defaultdict(set)
    for chunk in chunks(ids):
        rows = session.execute(
            select(
                PickTask.batch_id,
                PickTask.location_id,
                PickTask.quantity,
                PickTask.status,
                PickTask.reason,
                PickTask.done_at,
                Location.zone,
            )
            .join(Location, Location.id == PickTask.location_id)
            .where(
                PickTask.batch_id.in_(chunk),
                PickTask.kind == "pick",
                PickTask.status != PickTaskStatus.CANCELLED,
            )
        ).all()
        for row in rows:
            features = asked.setdefault(row.batch_id, {"lines": 0.0, "units": 0.0})
            features["lines"] += 1
            features["units"] += row.quantity
            locations[row.batch_id].add(row.location_id)
            if row.zone:
                zones[row.batch_id].add(row.zone)
            steps[row.batch_id].append((row.done_at, row.status, row.reason))
    orders = _batch_orders(session, ids)
    tasks = []
    for b in batches:
        features = asked.get(b.id, {"lines": 0.0, "units": 0.0})
        features = {
            "travel_m": float(b.travel or 0.0),
            "locations": float(len(locations[b.id])),
            **features,
        }
        tasks.append(
            RawTask(
                kind=model.CART,
                id=b.id,
                person=person_name(b.picker),
                station=b.station,
                zone=b.zone or (next(iter(zones[b.id])) if len(zones[b.id]) == 1 else None),
                started_at=b.claimed_at,
                finished_at=b.finished_at,
                features=features,
                order_type="",
                orders=tuple(orders.get(b.id, ())),
                lost=_stock_shorts(b.claimed_at, steps[b.id]),
            )
        )
    return tasks


def _stock_shorts(
    claimed: datetime, steps: list[tuple[datetime | None, str, str | None]]
) -> list[Lost]:
    """From the step before each stock short pick to the short pick itself."""
    lost: list[Lost] = []
    previous = claimed
    for done_at, status, reason in sorted(
        (s for s in steps if s[0] is not None),
        key=lambda s: s[0],  # type: ignore[arg-type,return-value]
    ):
        assert done_at is not None
        if status == PickTaskStatus.SHORT and (reason or "").strip().lower() in STOCK_REASONS:
            lost.append((previous, done_at, "stock"))
        previous = max(previous, done_at)
    return lost


def _batch_orders(session: Session, ids: list[int]) -> dict[int, list[int]]:
    result: dict[int, list[int]] = defaultdict(list)
    for chunk in chunks(ids):
        for batch_id, order_id in session.execute(
            select(PickBatchOrder.batch_id, PickBatchOrder.order_id).where(
                PickBatchOrder.batch_id.in_(chunk)
            )
        ):
            result[batch_id].append(order_id)
    return result


def pack_sessions(
    session: Session, start: datetime, end: datetime, limit: int | None
) -> list[RawTask]:
    query = (
        select(
            PackSession.id,
            PackSession.order_id,
            PackSession.user_name,
            PackSession.station,
            PackSession.started_at,
            PackSession.closed_at,
        )
        .where(
            PackSession.status == PackSessionStatus.CLOSED,
            PackSession.closed_at >= start,
            PackSession.closed_at < end,
        )
        .order_by(PackSession.closed_at.desc())
    )
    if limit:
        query = query.limit(limit)
    sessions = session.execute(query).all()
    if not sessions:
        return []
    ids = [s.id for s in sessions]
    units: dict[int, float] = {}
    for chunk in chunks(ids):
        for session_id, count in session.execute(
            select(ScanEvent.pack_session_id, func.sum(ScanEvent.quantity))
            .where(
                ScanEvent.pack_session_id.in_(chunk),
                ScanEvent.outcome.in_(PACKED),
                ScanEvent.undone.is_(False),
            )
            .group_by(ScanEvent.pack_session_id)
        ):
            if session_id is not None:
                units[session_id] = float(count or 0)
    lines: dict[int, float] = {}
    order_ids = sorted({s.order_id for s in sessions})
    for chunk in chunks(order_ids):
        for order_id, count in session.execute(
            select(OrderLine.order_id, func.count())
            .where(OrderLine.order_id.in_(chunk))
            .group_by(OrderLine.order_id)
        ):
            lines[order_id] = float(count)
    tasks = []
    for s in sessions:
        n_lines, n_units = lines.get(s.order_id, 0.0), units.get(s.id, 0.0)
        kind = model.order_type(int(n_lines), int(n_units))
        tasks.append(
            RawTask(
                kind=model.PACK,
                id=s.id,
                person=s.user_name,
                station=s.station,
                zone=None,
                started_at=s.started_at,
                finished_at=s.closed_at,
                features={
                    "lines": n_lines,
                    "units": n_units,
                    "single_sku": 1.0 if kind == "one SKU, several units" else 0.0,
                    "mixed": 1.0 if kind == "mixed" else 0.0,
                },
                order_type=kind,
                orders=(s.order_id,),
                lost=[],
            )
        )
    return tasks


def add_lost_time(session: Session, tasks: list[RawTask]) -> None:
    """Add store changes, printer waits and recorded time lost to each task's lost time."""
    if not tasks:
        return
    start = min(t.started_at for t in tasks)
    end = max(t.finished_at for t in tasks)
    by_order: dict[int, list[RawTask]] = defaultdict(list)
    for task in tasks:
        for order_id in task.orders:
            by_order[order_id].append(task)
    changes = session.execute(
        select(OrderChange.order_id, OrderChange.created_at, OrderChange.resolved_at).where(
            OrderChange.created_at < end,
            or_(OrderChange.resolved_at.is_(None), OrderChange.resolved_at > start),
        )
    ).all()
    for order_id, created, resolved in changes:
        for task in by_order.get(order_id, ()):
            task.lost.append((created, resolved or task.finished_at, "store change"))
    by_station: dict[str, list[RawTask]] = defaultdict(list)
    for task in tasks:
        if task.station:
            by_station[task.station].append(task)
    grace = timedelta(seconds=PRINT_GRACE_S)
    jobs = (
        session.execute(
            select(PrintJob.station, PrintJob.created_at, PrintJob.printed_at).where(
                PrintJob.station.in_(list(by_station)),
                PrintJob.created_at < end,
                PrintJob.created_at >= start - timedelta(hours=1),
            )
        ).all()
        if by_station
        else []
    )
    for station, created, printed in jobs:
        if printed is not None and (printed - created).total_seconds() <= PRINT_GRACE_S:
            continue
        for task in by_station.get(station or "", ()):
            task.lost.append((created + grace, printed or task.finished_at, "printer"))
    by_person: dict[str, list[RawTask]] = defaultdict(list)
    for task in tasks:
        by_person[task.person].append(task)
    recorded = session.execute(
        select(TimeLost.person, TimeLost.started_at, TimeLost.ended_at, TimeLost.cause).where(
            and_(TimeLost.started_at < end, TimeLost.ended_at > start)
        )
    ).all()
    for person, lost_start, lost_end, cause in recorded:
        for task in by_person.get(person_name(person), ()):
            task.lost.append((lost_start, lost_end, cause))


# -- intervals ----------------------------------------------------------------------------


def clip(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    return [(max(a, start), min(b, end)) for a, b in intervals if min(b, end) > max(a, start)]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def union_seconds(intervals: Iterable[Interval]) -> float:
    return sum((b - a).total_seconds() for a, b in merge(intervals))


def chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
