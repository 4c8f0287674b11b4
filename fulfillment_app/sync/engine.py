"""The sync engine: orders in, the outbox out, one store at a time under its lock.

Orders in: page after page from the store's saved cursor; each page is upserted and the
cursor moved in one transaction, so a crash or a lost connection resumes exactly after the
last committed page. The store may be away: the run ends with its reason, and the next one
goes on from the same place.

Outbox out: each entry is flagged *in flight* (committed) before it is sent, and cleared by
the answer. An entry still in flight on the next try had an unknown outcome (time-out, a
killed process), so the adapter checks the store for it before sending again. Known failures
wait with exponential back-off and jitter; permanent refusals are parked, with the store's
message, for a supervisor.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import func, select, update

from ..config import SyncSettings
from ..db import Database
from ..db.models import Order, OrderStatus, OutboxEntry, OutboxStatus, Store, utcnow
from ..errors import NotFound
from .http import HttpClient
from .lock import StoreBusy, StoreLock
from .records import (
    OutOfTime,
    Page,
    Permanent,
    ReturnLineRecord,
    ReturnRecord,
    Shipment,
    StockLevel,
    StockResult,
    Stopped,
    SyncError,
    Transient,
    UnknownOutcome,
)
from .upsert import apply_page

log = logging.getLogger(__name__)


class Adapter(Protocol):
    platform: str
    client: HttpClient

    def fetch_page(self, cursor: str | None, state: Any = None) -> Page: ...

    def deliver(self, shipment: Shipment, *, check_first: bool) -> str: ...

    #: How many SKUs one stock request may carry on this platform.
    stock_batch: int

    def push_stock(self, levels: Sequence[StockLevel], *, key: str) -> list[StockResult]:
        """Set each SKU's available quantity in the store (absolute, so repeating is safe;
        ``key`` is the idempotency key of this batch, the same when it is tried again).
        One result per level; raises :class:`Transient` when the whole batch failed."""
        ...

    def process_return(self, record: ReturnRecord, *, check_first: bool) -> str:
        """Record a graded return in the store; ``check_first``: an earlier try's outcome
        is unknown, look for it before writing again. Returns the store's id for it."""
        ...

    def test(self) -> str: ...

    def close(self) -> None: ...


@dataclass
class Progress:
    store: str
    phase: str  # "orders", "outbox", "waiting" (see note), "done"
    pages: int = 0
    orders: int = 0
    delivered: int = 0
    note: str = ""  # "waiting": why, in one line (the store did not answer, …)
    #: Orders this run expects to read, when the store says (else None: a busy bar).
    total: int | None = None


@dataclass
class SyncReport:
    store: str
    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    changes: int = 0
    delivered: int = 0
    waiting: int = 0
    parked: int = 0
    requests: int = 0
    #: SKUs whose stock the store accepted in this run, and those still to push.
    stock_pushed: int = 0
    stock_waiting: int = 0
    error: str | None = None
    busy: str | None = None  # the station that was syncing this store
    stopped: bool = False  # cancelled or stopped before the run was done

    @property
    def orders(self) -> int:
        return self.new + self.updated + self.unchanged + self.quarantined + self.changes

    def summary(self) -> str:
        if self.busy:
            return f"{self.store}: {self.busy} is syncing this store; skipped."
        text = (
            f"{self.store}: {self.new} new, {self.updated} updated, {self.changes} changes "
            f"for supervisors, {self.quarantined} quarantined; {self.delivered} "
            f"fulfillments delivered, {self.waiting} waiting, {self.parked} parked"
        )
        if self.stock_pushed or self.stock_waiting:
            text += f"; stock of {self.stock_pushed} SKUs sent, {self.stock_waiting} waiting"
        return text + (f". Problem: {self.error}" if self.error else ".")


Connect = Callable[[Store, threading.Event], Adapter]
ProgressCallback = Callable[[Progress], None]
#: Pushes one store's changed stock levels after its outbox (see ``stock_push``).
StockPusher = Callable[[Store, Adapter, SyncReport, threading.Event], None]


class RunStop(threading.Event):
    """The stop of one run: set by its own cancel (a person's Cancel) or by the engine's
    stop (the application closing), so a cancelled run leaves the engine usable."""

    POLL_S = 0.1

    def __init__(self, engine_stop: threading.Event):
        super().__init__()
        self._engine_stop = engine_stop

    def is_set(self) -> bool:
        return super().is_set() or self._engine_stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        end = None if timeout is None else time.monotonic() + timeout
        while not self.is_set():
            left = self.POLL_S if end is None else min(self.POLL_S, end - time.monotonic())
            if left <= 0:
                return False
            super().wait(left)
        return True


def return_of(entry: OutboxEntry) -> ReturnRecord:
    p = entry.payload
    return ReturnRecord(
        key=entry.idempotency_key,
        order_external_id=str(p["order_external_id"]),
        order_number=str(p.get("order_number", "")),
        rma=str(p["rma"]),
        return_external_id=str(p.get("return_external_id") or ""),
        note=str(p.get("note") or ""),
        refund=bool(p.get("refund", False)),
        lines=tuple(
            ReturnLineRecord(
                line_external_id=str(line.get("line_external_id") or ""),
                sku=str(line.get("sku") or ""),
                quantity=int(line["quantity"]),
                disposition=str(line["disposition"]),
                reason=str(line.get("reason") or "UNKNOWN"),
                return_line_id=str(line.get("return_line_id") or ""),
            )
            for line in p.get("lines", [])
        ),
    )


def shipment_of(entry: OutboxEntry) -> Shipment:
    p = entry.payload
    tracking = p.get("tracking") or ""
    return Shipment(
        key=entry.idempotency_key,
        order_external_id=str(p["order_external_id"]),
        order_number=str(p.get("order_number", "")),
        reference=tracking or p.get("sscc") or entry.idempotency_key,
        carrier=p.get("carrier") or "",
        tracking=tracking,
        tracking_url=str(p.get("tracking_url") or "") if tracking else "",
        package=int(p.get("package") or 1),
        final=bool(p.get("final", True)),
        lines=tuple(
            (str(line.get("external_id") or ""), str(line.get("sku") or ""), int(line["quantity"]))
            for line in p.get("lines", [])
        ),
    )


class SyncEngine:
    def __init__(self, db: Database, settings: SyncSettings, station: str, connect: Connect):
        self._db = db
        self.settings = settings
        self.station = station
        self._connect = connect
        self.stop_event = threading.Event()
        #: Run at the start of each run (the carriers: waiting shipments sent, tracking
        #: polled), so the fulfillments that got their tracking number go in the same run.
        self.carriers: Callable[[], None] | None = None
        #: Run for each store after its outbox: the stock levels that changed are pushed.
        self.stock: StockPusher | None = None

    def new_cancel(self) -> RunStop:
        """A cancel for one run of :meth:`sync`; the engine's stop sets it too."""
        return RunStop(self.stop_event)

    def stores(self, name: str | None = None) -> list[Store]:
        with self._db.session() as session:
            query = select(Store).where(Store.active.is_(True)).order_by(Store.name)
            if name:
                query = select(Store).where(Store.name == name)
            stores = list(session.scalars(query))
        if name and not stores:
            raise NotFound(f"There is no store called {name!r} (see 'fulfillment stores list').")
        return stores

    def sync(
        self,
        name: str | None = None,
        progress: ProgressCallback | None = None,
        *,
        cancel: RunStop | None = None,
    ) -> list[SyncReport]:
        """One run over the stores (or one), within ``run_deadline_s`` for all of them: a
        store not reached in time says so, and the next run starts with it.

        Setting ``cancel`` (from :meth:`new_cancel`) stops this run at its next safe point
        (between requests; a page is committed whole or not at all), as the engine's
        :attr:`stop_event` stops every run."""
        deadline = time.monotonic() + self.settings.run_deadline_s
        stop: threading.Event = cancel or self.stop_event
        reports = []
        if self.carriers is not None and not stop.is_set():
            try:
                self.carriers()
            except Exception:  # the stores still sync; the reason is in the log
                log.exception("sending shipments failed")
        stores = self.stores(name)
        # With several stores, every store's orders come in before any stock goes out: a
        # sale in the last store read reaches the first store in the same run.
        together = len(stores) > 1 and self.stock is not None
        synced: list[tuple[Store, SyncReport]] = []
        for store in stores:
            if stop.is_set():
                break
            if time.monotonic() >= deadline:
                report = SyncReport(store.name, error=self._out_of_time())
                self._note_error(store.id, report.error)
                reports.append(report)
                continue
            report = self.sync_store(
                store, progress, deadline=deadline, stop=stop, push=not together
            )
            reports.append(report)
            synced.append((store, report))
        if together:
            for store, report in synced:
                if stop.is_set() or time.monotonic() >= deadline:
                    break
                if report.busy is None:
                    self._push_one(store, report, deadline, stop)
                    if report.error:
                        self._note_error(store.id, report.error)
        return reports

    def _out_of_time(self) -> str:
        return (
            f"The sync reached its time limit ({self.settings.run_deadline_s:g} s) before it "
            "was done; the next sync goes on from where it stopped."
        )

    def sync_store(
        self,
        store: Store,
        progress: ProgressCallback | None = None,
        *,
        deadline: float = math.inf,
        stop: threading.Event | None = None,
        push: bool = True,
    ) -> SyncReport:
        """Orders in, the outbox out and (``push``) the changed stock out, for one store."""
        stop = stop or self.stop_event
        report = SyncReport(store.name)
        lock = StoreLock(self._db, store.id, self.station, lease_s=self.settings.lease_s)
        try:
            lock.acquire()
        except StoreBusy as busy:
            report.busy = busy.holder
            return report
        try:
            adapter = self._connect(store, stop)
        except SyncError as exc:
            lock.release()
            report.error = str(exc)
            self._note_error(store.id, report.error)
            return report
        adapter.client.run_deadline = deadline
        if progress:
            adapter.client.notify = lambda note: progress(
                Progress(store.name, "waiting", report.pages, report.orders, report.delivered, note)
            )
        try:
            try:
                self._import(store, adapter, report, lock, progress, stop)
            except OutOfTime:
                report.error = self._out_of_time()
            except Stopped:
                pass  # stopping is not a problem of the store's
            except SyncError as exc:
                report.error = str(exc)
            except Exception:
                log.exception("sync of %s failed", store.name)
                report.error = "An unexpected error stopped the order import (see the log)."
            if not stop.is_set() and time.monotonic() < deadline:
                self._deliver(store, adapter, report, progress, stop)
            elif report.error is None and not stop.is_set():
                report.error = self._out_of_time()
            if push and not stop.is_set() and time.monotonic() < deadline:
                self._push_with(store, adapter, report, stop)
            self._note_error(store.id, report.error)
        finally:
            report.requests = adapter.client.requests
            adapter.close()
            lock.release()
        report.stopped = stop.is_set()
        if progress:
            progress(Progress(store.name, "done", report.pages, report.orders, report.delivered))
        log.info("sync %s", report.summary())
        return report

    def push_stock(self, name: str | None = None) -> list[SyncReport]:
        """Only the stock push, for every active store (or one): each under its lock,
        within ``run_deadline_s`` for all of them (``fulfillment stock push``)."""
        if self.stock is None:
            return []
        deadline = time.monotonic() + self.settings.run_deadline_s
        stop = self.new_cancel()
        reports = []
        for store in self.stores(name):
            if stop.is_set():
                break
            report = SyncReport(store.name)
            reports.append(report)
            if time.monotonic() >= deadline:
                report.error = self._out_of_time()
                continue
            self._push_one(store, report, deadline, stop)
            report.stopped = stop.is_set()
        return reports

    def _push_one(
        self, store: Store, report: SyncReport, deadline: float, stop: threading.Event
    ) -> None:
        """The stock push for one store on a connection of its own, under its lock."""
        lock = StoreLock(self._db, store.id, self.station, lease_s=self.settings.lease_s)
        try:
            lock.acquire()
        except StoreBusy as busy:
            report.busy = report.busy or busy.holder
            return
        try:
            adapter = self._connect(store, stop)
        except SyncError as exc:
            lock.release()
            report.error = report.error or str(exc)
            return
        adapter.client.run_deadline = deadline
        try:
            self._push_with(store, adapter, report, stop)
        finally:
            report.requests += adapter.client.requests
            adapter.close()
            lock.release()

    def _push_with(
        self, store: Store, adapter: Adapter, report: SyncReport, stop: threading.Event
    ) -> None:
        if self.stock is None:
            return
        try:
            self.stock(store, adapter, report, stop)
        except OutOfTime:
            report.error = report.error or self._out_of_time()
        except Stopped:
            pass
        except SyncError as exc:
            report.error = report.error or str(exc)
        except Exception:
            log.exception("stock push to %s failed", store.name)
            report.error = (
                report.error or "An unexpected error stopped the stock push (see the log)."
            )

    def _note_error(self, store_id: int, error: str | None) -> None:
        with self._db.session() as session:
            session.execute(update(Store).where(Store.id == store_id).values(last_error=error))

    # -- orders in -------------------------------------------------------------------------

    def _import(
        self,
        store: Store,
        adapter: Adapter,
        report: SyncReport,
        lock: StoreLock,
        progress: ProgressCallback | None,
        stop: threading.Event,
    ) -> None:
        cursor, state = store.sync_cursor, None
        seen: set[tuple[Any, Any]] = set()
        total: int | None = None
        while not stop.is_set():
            before = report.orders
            page = adapter.fetch_page(cursor, state)
            with self._db.session() as session:
                result = apply_page(session, store.id, page)
                session.execute(
                    update(Store)
                    .where(Store.id == store.id)
                    .values(sync_cursor=page.cursor, last_synced_at=utcnow())
                )
            lock.renew()
            report.pages += 1
            for name in ("new", "updated", "unchanged", "quarantined", "changes"):
                setattr(report, name, getattr(report, name) + getattr(result, name))
            if page.remaining is not None:
                # Each page asks again from the cursor: what is left plus what came before.
                total = max(total or 0, before + page.remaining, report.orders)
            if progress:
                progress(Progress(store.name, "orders", report.pages, report.orders, total=total))
            position = (page.cursor, page.next)
            if page.next is None or position in seen:
                break
            seen.add(position)
            cursor, state = page.cursor, page.next

    # -- outbox out ------------------------------------------------------------------------

    def _deliver(
        self,
        store: Store,
        adapter: Adapter,
        report: SyncReport,
        progress: ProgressCallback | None,
        stop: threading.Event,
    ) -> None:
        with self._db.session() as session:
            due = list(
                session.scalars(
                    select(OutboxEntry.id)
                    .where(
                        OutboxEntry.store_id == store.id,
                        OutboxEntry.status == OutboxStatus.PENDING,
                        OutboxEntry.next_attempt_at <= utcnow(),
                    )
                    .order_by(OutboxEntry.id)
                    .limit(self.settings.outbox_batch)
                )
            )
        failures = 0
        for entry_id in due:
            if stop.is_set():
                break
            outcome = self._deliver_one(adapter, entry_id)
            if isinstance(outcome, OutOfTime):
                report.error = report.error or self._out_of_time()
                break
            if isinstance(outcome, Stopped):
                break
            if outcome == "delivered":
                report.delivered += 1
            elif outcome == "parked":
                report.parked += 1
            if progress:
                progress(
                    Progress(store.name, "outbox", report.pages, report.orders, report.delivered)
                )
            if isinstance(outcome, Transient):
                report.error = report.error or str(outcome)
                failures += 1
                # One entry's unknown outcome says little; several in a row (or a store that
                # cannot be reached at all) mean the store is away: the rest waits.
                if failures >= 3 or not isinstance(outcome, UnknownOutcome):
                    break
            else:
                failures = 0
        with self._db.session() as session:
            report.waiting = (
                session.scalar(
                    select(func.count())
                    .select_from(OutboxEntry)
                    .where(
                        OutboxEntry.store_id == store.id, OutboxEntry.status == OutboxStatus.PENDING
                    )
                )
                or 0
            )

    def _deliver_one(self, adapter: Adapter, entry_id: int) -> str | Transient:
        with self._db.session() as session:
            entry = session.get(OutboxEntry, entry_id)
            if entry is None or entry.status is not OutboxStatus.PENDING:
                return "skipped"
            check_first = entry.in_flight
            entry.in_flight = True
            entry.attempts += 1
            attempts = entry.attempts
            kind = entry.kind
            try:
                record: Shipment | ReturnRecord = (
                    return_of(entry) if kind == "return" else shipment_of(entry)
                )
            except (KeyError, TypeError, ValueError):
                entry.status = OutboxStatus.PARKED
                entry.last_error = "The outbox entry is incomplete and cannot be sent."
                return "parked"
        try:
            if isinstance(record, ReturnRecord):
                remote = adapter.process_return(record, check_first=check_first)
            else:
                remote = adapter.deliver(record, check_first=check_first)
        except Permanent as exc:
            self._finish(entry_id, status=OutboxStatus.PARKED, error=str(exc))
            return "parked"
        except (Stopped, OutOfTime) as exc:
            # Not sent (a write cut short raises UnknownOutcome instead): no back-off.
            # An entry that was in flight before still needs its check.
            self._finish(entry_id, error=str(exc), unknown=check_first)
            return exc
        except Transient as exc:
            delay = min(
                self.settings.outbox_max_backoff_s,
                self.settings.outbox_backoff_s * 2 ** (attempts - 1),
            )
            delay = max(delay * random.uniform(0.5, 1.0), exc.retry_after or 0)
            self._finish(
                entry_id, error=str(exc), retry_in=delay, unknown=isinstance(exc, UnknownOutcome)
            )
            return exc
        self._finish(entry_id, status=OutboxStatus.DELIVERED, remote=remote)
        return "delivered"

    def _finish(
        self,
        entry_id: int,
        *,
        status: OutboxStatus | None = None,
        error: str | None = None,
        remote: str | None = None,
        retry_in: float | None = None,
        unknown: bool = False,
    ) -> None:
        with self._db.session() as session:
            entry = session.get(OutboxEntry, entry_id)
            assert entry is not None
            entry.in_flight = unknown
            entry.last_error = error
            if retry_in is not None:
                entry.next_attempt_at = utcnow() + timedelta(seconds=retry_in)
            if status is not None:
                entry.status = status
            if status is OutboxStatus.DELIVERED:
                entry.remote_id = remote
                entry.delivered_at = utcnow()
                session.flush()
                if entry.kind == "fulfillment":
                    self._mark_shipped(session, entry.order_id)

    @staticmethod
    def _mark_shipped(session: Any, order_id: int | None) -> None:
        """A packed order whose packages have all reached the store is shipped."""
        if order_id is None:
            return
        left = session.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(
                OutboxEntry.order_id == order_id,
                OutboxEntry.kind == "fulfillment",
                OutboxEntry.status != OutboxStatus.DELIVERED,
            )
        )
        if not left:
            session.execute(
                update(Order)
                .where(Order.id == order_id, Order.status == OrderStatus.PACKED)
                .values(status=OrderStatus.SHIPPED)
            )
