"""Running service calls off the GUI thread and getting their results back on it.

Slots build a call and hand it to :meth:`TaskRunner.run`; the call runs on the runner's single
worker thread (one database writer per process, as in anki's collection executor) and its
result or error comes back through a queued Qt signal to a callback on the GUI thread.

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
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
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
    ) -> None:
        """Run ``call()`` on the worker; then ``on_success(result)`` or ``on_error(error)``
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

        self._executor.submit(call).add_done_callback(done)

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
        """Wait for the running call and drop the queued ones (at window close)."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
