"""Running service calls off the GUI thread and getting their results back on it.

Slots build a call and hand it to :meth:`TaskRunner.run`; the call runs on a worker thread and
its result or error comes back through a queued Qt signal to a callback on the GUI thread.

Calls run in *lanes*, one worker thread each, in the order they were given within a lane:
``"db"`` (the default: the service calls, one database writer per process, as in anki's
collection executor) answers scans, and the waits that may last seconds go in lanes of their
own (``"scale"``, ``"printer"``, ``"network"``, ...) so that a scale settling or a print
waiting for a paused printer never holds up the next scan.

Errors keep their type on the way: a screen's error callback receives the domain exception
itself (a :class:`FulfillmentError`), branches on its class and shows ``str(error)``. Anything
else that escapes a call is logged with its traceback and arrives as :class:`UnexpectedError`,
whose text is one sentence for the user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..errors import FulfillmentError

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong and the action was not completed. It has been logged; "
    "try again, and tell a supervisor if it keeps happening."
)


class UnexpectedError(FulfillmentError):
    """A failure the application did not expect (a bug, a lost connection that no service
    turned into a domain error): logged with its traceback, shown as one sentence. The
    original exception is its ``__cause__``."""

    def __init__(self, message: str = UNEXPECTED):
        super().__init__(message)


def as_domain_error(error: BaseException) -> FulfillmentError:
    """``error`` itself when the application expects it, else an :class:`UnexpectedError`
    caused by it (the caller logs the traceback)."""
    if isinstance(error, FulfillmentError):
        return error
    wrapped = UnexpectedError()
    wrapped.__cause__ = error
    return wrapped


class TaskRunner(QObject):
    """One worker thread for service calls; results delivered on the GUI thread."""

    #: (callback, value): emitted from the worker, delivered queued on the GUI thread.
    _finished = Signal(object, object)
    #: Number of calls running or waiting changed (for busy indicators and tests).
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, name: str = "service-worker"):
        super().__init__(parent)
        self._name = name
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        self._pending = 0
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self,
        call: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[FulfillmentError], None] | None = None,
        *,
        lane: str = "db",
    ) -> None:
        """Run ``call()`` in ``lane``; then ``on_success(result)`` or ``on_error(error)``
        on the GUI thread, ``error`` being the domain exception raised (or an
        :class:`UnexpectedError`, its traceback logged, for anything else)."""
        if self._closed:
            log.warning("task submitted after shutdown was ignored")
            return
        self._pending += 1
        self.busy_changed.emit(self._pending)

        def done(future: Future[Any]) -> None:
            error = future.exception()
            if error is None:
                self._finished.emit(on_success, ("ok", future.result()))
                return
            if not isinstance(error, FulfillmentError):
                log.error("task failed", exc_info=error)
            self._finished.emit(on_error, ("error", as_domain_error(error)))

        self._lane(lane).submit(call).add_done_callback(done)

    def _lane(self, lane: str) -> ThreadPoolExecutor:
        executor = self._lanes.get(lane)
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self._name}-{lane}")
            self._lanes[lane] = executor
        return executor

    def _deliver(self, callback: Callable[[Any], None] | None, outcome: tuple[str, Any]) -> None:
        self._pending -= 1
        self.busy_changed.emit(self._pending)
        kind, value = outcome
        if callback is None:
            if kind == "error":
                log.warning("unhandled task error: %s", value)
            return
        try:
            callback(value)
        except Exception:
            log.exception("a task's result handler failed")

    def shutdown(self) -> None:
        """Drop the queued calls and wait for the running ones (at window close); the database
        lane last, so that what a device call hands to it is not cut off half-way."""
        self._closed = True
        for _lane_name, executor in sorted(self._lanes.items(), key=lambda item: item[0] == "db"):
            executor.shutdown(wait=True, cancel_futures=True)
