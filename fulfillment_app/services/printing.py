"""The print queue: every label and document is written to the database first, then sent.

A job that cannot be delivered (printer off, out of paper, head open) stays pending with the
reason and is tried again with growing pauses; the packer is told what to fix and the rest of
the station goes on. A job is marked printed only after the printer has taken it, so a crash
between sending and recording can at worst print a label twice, never lose one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..db import Database
from ..db.models import PrintJob, PrintJobStatus, utcnow
from ..devices.errors import DeviceError
from ..errors import NotFound
from . import audit
from .permissions import Actor, Permission

log = logging.getLogger(__name__)

Sender = Callable[[str, bytes], None]
MAX_RETRY_PAUSE = timedelta(minutes=2)


@dataclass(frozen=True)
class PrintOutcome:
    job_id: int
    printed: bool
    message: str


@dataclass(frozen=True)
class PendingJob:
    id: int
    printer: str
    description: str
    attempts: int
    last_error: str | None
    created_at: datetime

    @property
    def failed(self) -> bool:
        """Tried and not printed: it waits for the printer (retried on its own) or a person."""
        return self.attempts > 0 and self.last_error is not None


class PrintQueue:
    """``send(printer, data)`` delivers bytes or raises a DeviceError (the device manager's
    ``print(...).result()`` in the application)."""

    def __init__(self, db: Database, send: Sender, station: str,
                 clock: Callable[[], datetime] = utcnow):  # fmt: skip
        self._db = db
        self._send = send
        self._station = station
        self._clock = clock
        self._lock = threading.Lock()  # one delivery at a time keeps jobs in order

    def submit(self, printer: str, data: bytes, description: str) -> PrintOutcome:
        with self._db.session() as session:
            job = PrintJob(printer=printer, payload=data, description=description[:200],
                           station=self._station)  # fmt: skip
            session.add(job)
            session.flush()
            job_id = job.id
        return self._deliver(job_id)

    def retry_due(self) -> int:
        """Try every pending job whose pause is over; returns how many printed."""
        with self._db.session() as session:
            due = session.scalars(
                select(PrintJob.id)
                .where(PrintJob.status == PrintJobStatus.PENDING,
                       PrintJob.next_attempt_at <= self._clock())
                .order_by(PrintJob.id)
            ).all()  # fmt: skip
        printed = 0
        for job_id in due:
            outcome = self._deliver(job_id)
            printed += outcome.printed
            if not outcome.printed:
                break  # the printer is still away: later jobs wait their turn
        return printed

    def pending(self) -> list[PendingJob]:
        with self._db.session() as session:
            return [
                PendingJob(j.id, j.printer, j.description, j.attempts, j.last_error, j.created_at)
                for j in session.scalars(
                    select(PrintJob).where(PrintJob.status == PrintJobStatus.PENDING)
                    .order_by(PrintJob.id)
                )
            ]  # fmt: skip

    def queue(self, actor: Actor) -> list[PendingJob]:
        """The jobs waiting and the ones that failed (both still pending), oldest first."""
        actor.require(Permission.CONFIGURE)
        return self.pending()

    def failed(self, actor: Actor) -> list[PendingJob]:
        """The jobs tried and not printed, with the printer's last answer."""
        return [job for job in self.queue(actor) if job.failed]

    def retry(self, actor: Actor, job_id: int) -> PrintOutcome:
        """Send one waiting job now, without waiting for its pause (the printer is back),
        audited."""
        actor.require(Permission.CONFIGURE)
        with self._db.session() as session:
            job = session.get(PrintJob, job_id)
            if job is None or job.status is not PrintJobStatus.PENDING:
                raise NotFound(f"There is no pending print job {job_id}.")
            audit.record(session, actor, "print.retried", target_type="print_job",
                         target_id=job_id, before={"attempts": job.attempts,
                                                   "last_error": job.last_error},
                         reason=job.description)  # fmt: skip
        return self._deliver(job_id)

    def cancel(self, actor: Actor, job_id: int) -> None:
        actor.require(Permission.OVERRIDE)
        with self._db.session() as session:
            job = session.get(PrintJob, job_id)
            if job is None or job.status is not PrintJobStatus.PENDING:
                raise NotFound(f"There is no pending print job {job_id}.")
            job.status = PrintJobStatus.CANCELLED
            audit.record(session, actor, "print.cancelled", target_type="print_job",
                         target_id=job_id, reason=job.description)  # fmt: skip

    def _deliver(self, job_id: int) -> PrintOutcome:
        with self._lock:
            with self._db.session() as session:
                job = session.get(PrintJob, job_id)
                if job is None or job.status is not PrintJobStatus.PENDING:
                    return PrintOutcome(job_id, job is not None, "already handled")
                printer, data, description = job.printer, job.payload, job.description
            error: str | None = None
            try:
                self._send(printer, data)
            except DeviceError as exc:
                error = str(exc)
            with self._db.session() as session:
                job = session.get(PrintJob, job_id)
                assert job is not None
                job.attempts += 1
                if error is None:
                    job.status = PrintJobStatus.PRINTED
                    job.printed_at = self._clock()
                    job.last_error = None
                    return PrintOutcome(job_id, True, f"{description}: printed on {printer}.")
                pause = min(timedelta(seconds=5 * 2 ** min(job.attempts - 1, 10)), MAX_RETRY_PAUSE)
                job.next_attempt_at = self._clock() + pause
                job.last_error = error
        log.warning("print job %s for %s waits: %s", job_id, printer, error)
        return PrintOutcome(
            job_id, False,
            f"{description} is not printed yet: {error} It stays in the queue and prints "
            "when the printer is ready.",
        )  # fmt: skip


class PrintRetrier(threading.Thread):
    """Retries pending print jobs every few seconds until stopped (joined at shutdown)."""

    def __init__(self, queue: PrintQueue, interval_s: float = 5.0):
        super().__init__(name="print-retry", daemon=True)
        self.queue = queue
        self.interval_s = interval_s
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.wait(self.interval_s):
            try:
                self.queue.retry_due()
            except Exception:
                log.exception("retrying print jobs failed")

    def stop(self) -> None:
        self.stop_event.set()
        self.join(timeout=10)
