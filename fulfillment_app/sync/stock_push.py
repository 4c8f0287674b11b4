"""Stock levels out to a store: the coalesced stock outbox (``StockPush``, one row per store
and SKU).

At the start of each store's push, available is recomputed for every product; a row whose
figure differs gets the new figure and a higher ``wanted_version`` (and is un-parked and
forgets its in-flight key); products without a row get one. Then the rows with
``wanted_version > pushed_version`` that are due go out in batches of ``adapter.stock_batch``.

Each batch has an idempotency key (uuid4) written to its rows *before* it is sent, so a try
whose outcome was unknown is repeated with the same key for the same versions. An answer for
version v moves ``pushed``/``pushed_version`` only when v is newer than what was pushed, so a
figure older than one already pushed is never recorded as the store's. A failed batch backs
its rows off; a SKU the store refuses for good is parked with the store's sentence until its
figure changes.

The pusher is in ``sync`` and cannot import the services: the composition root passes the
availability computation in.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..config import SyncSettings
from ..db import Database
from ..db.models import Product, StockPush, Store, utcnow
from .records import (
    AuthFailed,
    OutOfTime,
    Permanent,
    StockLevel,
    StockResult,
    Stopped,
    Transient,
)

if TYPE_CHECKING:
    from .engine import Adapter, SyncReport

log = logging.getLogger(__name__)

#: product id -> available (missing: 0), computed inside the pusher's transaction.
Availability = Callable[[Session], dict[int, int]]
#: Whole batches failing in a row before the rest of the store's push waits for the next run.
MAX_FAILED_BATCHES = 3


@dataclass(frozen=True)
class _Sending:
    row_id: int
    sku: str
    quantity: int
    version: int
    remote: dict[str, Any]
    previous: int | None


class StockPusher:
    """``SyncEngine.stock``: called per store after its outbox."""

    def __init__(self, db: Database, available: Availability, settings: SyncSettings):
        self._db = db
        self._available = available
        self.settings = settings

    def __call__(
        self, store: Store, adapter: Adapter, report: SyncReport, stop: threading.Event
    ) -> None:
        if (store.options or {}).get("push_stock") is False:
            return
        self.plan(store.id)
        failures = 0
        batch_size = max(1, adapter.stock_batch)
        try:
            for batch, key in self._batches(store.id, batch_size):
                if stop.is_set():
                    break
                levels = [StockLevel(s.sku, s.quantity, dict(s.remote), s.previous) for s in batch]
                try:
                    results = adapter.push_stock(levels, key=key)
                except (Stopped, OutOfTime):
                    raise
                except AuthFailed:
                    raise
                except Permanent as exc:
                    self._park(batch, str(exc))
                    report.error = report.error or str(exc)
                    continue
                except Transient as exc:
                    self._back_off(batch, str(exc), exc.retry_after)
                    report.error = report.error or str(exc)
                    failures += 1
                    if failures >= MAX_FAILED_BATCHES:
                        break
                    continue
                failures = 0
                report.stock_pushed += self._apply(batch, results)
        finally:
            report.stock_waiting = self.waiting(store.id)

    # -- what is wanted --------------------------------------------------------------------

    def plan(self, store_id: int) -> int:
        """Bring the store's rows up to the available figures; returns how many changed."""
        with self._db.session() as session:
            free = self._available(session)
            products = session.execute(
                select(Product.id, Product.sku).where(
                    Product.is_placeholder.is_(False), Product.sku != ""
                )
            ).all()
            rows = {
                pid: (rid, sku, wanted, version)
                for rid, pid, sku, wanted, version in session.execute(
                    select(
                        StockPush.id,
                        StockPush.product_id,
                        StockPush.sku,
                        StockPush.wanted,
                        StockPush.wanted_version,
                    ).where(StockPush.store_id == store_id)
                )
            }
            now = utcnow()
            changed: list[dict[str, Any]] = []
            new: list[dict[str, Any]] = []
            taken = {sku for _, sku, _, _ in rows.values()}
            for pid, sku in products:
                quantity = free.get(pid, 0)
                row = rows.get(pid)
                if row is None:
                    if sku in taken:  # another product had this SKU: its row stays
                        continue
                    new.append(
                        {
                            "store_id": store_id,
                            "product_id": pid,
                            "sku": sku,
                            "wanted": quantity,
                            "wanted_version": 1,
                            "pushed_version": 0,
                            "remote": {},
                            "attempts": 0,
                            "next_attempt_at": now,
                            "parked": False,
                            "updated_at": now,
                        }
                    )
                    continue
                rid, _, wanted, version = row
                if wanted != quantity:
                    changed.append(
                        {
                            "id": rid,
                            "wanted": quantity,
                            "wanted_version": version + 1,
                            "parked": False,
                            "in_flight_key": None,
                            "attempts": 0,
                            "next_attempt_at": now,
                            "updated_at": now,
                        }
                    )
            if changed:
                session.execute(update(StockPush), changed)
            if new:
                session.execute(insert(StockPush), new)
        return len(changed) + len(new)

    def waiting(self, store_id: int) -> int:
        with self._db.session() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(StockPush)
                    .where(
                        StockPush.store_id == store_id,
                        StockPush.wanted_version > StockPush.pushed_version,
                        StockPush.parked.is_(False),
                    )
                )
                or 0
            )

    # -- sending ---------------------------------------------------------------------------

    def _due(self, store_id: int) -> tuple[Any, ...]:
        return (
            StockPush.store_id == store_id,
            StockPush.wanted_version > StockPush.pushed_version,
            StockPush.parked.is_(False),
            StockPush.next_attempt_at <= utcnow(),
        )

    def _batches(self, store_id: int, size: int) -> Iterator[tuple[list[_Sending], str]]:
        """The due rows in batches with their keys: first those of earlier tries whose
        outcome is unknown (their key again, the same rows), then up to ``size`` fresh rows
        at a time under a new key, written to the rows before they are sent. Each row goes
        at most once a run."""
        with self._db.session() as session:
            keys = list(
                session.scalars(
                    select(StockPush.in_flight_key)
                    .where(*self._due(store_id), StockPush.in_flight_key.is_not(None))
                    .group_by(StockPush.in_flight_key)
                    .order_by(func.min(StockPush.id))
                )
            )
        for key in keys:
            if not key:
                continue
            batch = self._take(store_id, size, key=key)
            if batch:
                yield batch, key
        after = 0
        while True:
            key = str(uuid.uuid4())
            batch = self._take(store_id, size, key=key, after=after)
            if not batch:
                return
            after = batch[-1].row_id
            yield batch, key

    def _take(
        self, store_id: int, size: int, *, key: str, after: int | None = None
    ) -> list[_Sending]:
        with self._db.session() as session:
            query = select(StockPush).where(*self._due(store_id))
            if after is None:  # the rows of an earlier try
                query = query.where(StockPush.in_flight_key == key)
            else:
                query = query.where(StockPush.in_flight_key.is_(None), StockPush.id > after)
            rows = list(session.scalars(query.order_by(StockPush.id).limit(size)))
            for row in rows:
                row.in_flight_key = key
                row.attempts += 1
            return [
                _Sending(r.id, r.sku, r.wanted, r.wanted_version, dict(r.remote or {}),
                         r.remote_quantity)
                for r in rows
            ]  # fmt: skip

    def _apply(self, batch: list[_Sending], results: list[StockResult]) -> int:
        """The store's answer per SKU; returns how many it took."""
        by_sku = {r.sku: r for r in results}
        if len(results) == len(batch):
            answers = [
                r if r.sku == s.sku else by_sku.get(s.sku, r)
                for s, r in zip(batch, results, strict=True)
            ]
        else:
            answers = [by_sku.get(s.sku) or StockResult(s.sku, False, "no answer") for s in batch]
        pushed = 0
        now = utcnow()
        with self._db.session() as session:
            rows = {
                r.id: r
                for r in session.scalars(
                    select(StockPush).where(StockPush.id.in_([s.row_id for s in batch]))
                )
            }
            for sending, answer in zip(batch, answers, strict=True):
                row = rows.get(sending.row_id)
                if row is None:
                    continue
                if answer.remote:
                    row.remote = {**(row.remote or {}), **answer.remote}
                if answer.ok:
                    pushed += 1
                    if sending.version > row.pushed_version:
                        row.pushed, row.pushed_version = sending.quantity, sending.version
                        row.pushed_at = now
                    row.remote_quantity = (
                        answer.quantity if answer.quantity is not None else sending.quantity
                    )
                    if row.wanted_version == sending.version:
                        row.in_flight_key, row.attempts, row.last_error = None, 0, None
                elif answer.permanent:
                    row.parked, row.last_error, row.in_flight_key = True, answer.error, None
                    if answer.quantity is not None:
                        row.remote_quantity = answer.quantity
                else:
                    row.last_error = answer.error or "The store did not take this figure."
                    row.in_flight_key = None  # a known failure: nothing was written
                    row.next_attempt_at = now + timedelta(seconds=self._delay(row.attempts))
                    if answer.quantity is not None:
                        row.remote_quantity = answer.quantity
        return pushed

    def _back_off(self, batch: list[_Sending], error: str, retry_after: float | None) -> None:
        with self._db.session() as session:
            for row in session.scalars(
                select(StockPush).where(StockPush.id.in_([s.row_id for s in batch]))
            ):
                delay = max(self._delay(row.attempts), retry_after or 0)
                row.last_error = error
                row.next_attempt_at = utcnow() + timedelta(seconds=delay)

    def _park(self, batch: list[_Sending], error: str) -> None:
        with self._db.session() as session:
            session.execute(
                update(StockPush)
                .where(StockPush.id.in_([s.row_id for s in batch]))
                .values(parked=True, last_error=error, in_flight_key=None)
            )

    def _delay(self, attempts: int) -> float:
        s = self.settings
        delay = min(s.outbox_max_backoff_s, s.outbox_backoff_s * 2 ** max(0, attempts - 1))
        return delay * random.uniform(0.5, 1.0)
