"""HTTP to a store: one pooled client per store, time-outs, and the retry rules.

Reads are retried here (exponential back-off with full jitter, ``Retry-After`` obeyed). A
write is retried here only when it certainly did not happen (the connection was refused,
429); when the outcome is unknown (time-out, dropped connection, 5xx, an answer cut short)
the write raises :class:`UnknownOutcome` and the outbox checks the store before trying again.

Every request has an overall deadline (``request_deadline_s``) on top of httpx's per-phase
time-outs, and the whole run may have one too (``run_deadline``): a store that trickles its
answer a byte at a time cannot hold a sync (or the store's lock) for ever. A stop (SIGTERM,
the application closing) is noticed within a fraction of a second, mid-request or mid-back-off
(see :mod:`.deadline`).

An answer that is a web page (HTML) rather than the API's JSON means the address is not the
store's API: that is said in one line, without the page, and not retried.

URLs are never logged with their query (it carries OAuth parameters), and httpx's own request
log is kept quiet for the same reason.
"""

from __future__ import annotations

import json
import logging
import math
import random
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlsplit

import httpx

from .. import __version__
from .deadline import Guard, GuardedTransport
from .records import (
    AuthFailed,
    NotTheApi,
    OutOfTime,
    Permanent,
    Stopped,
    Transient,
    UnknownOutcome,
)

log = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)

Params = list[tuple[str, str]]
Signer = Callable[[str, str, Params], tuple[Params, dict[str, str]]]
Notify = Callable[[str], None]


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    base_s: float = 0.5
    cap_s: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Full jitter (AWS architecture blog): spreads the retries of many stations."""
        if retry_after is not None:
            return min(self.cap_s, retry_after)
        return random.uniform(0, min(self.cap_s, self.base_s * 2**attempt))


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds, else BigCommerce's ``X-Rate-Limit-Time-Reset-Ms`` (when
    the store's shared quota is back); None when the store does not say."""
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        pass
    try:
        return max(0.0, float(response.headers.get("X-Rate-Limit-Time-Reset-Ms", "")) / 1000)
    except ValueError:
        return None


def is_web_page(response: httpx.Response) -> bool:
    """An HTML page (a web site, a login or parking page, a proxy's error page)."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    start = response.content[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def web_page_message(store: str, status: int) -> str:
    return (
        f"{store} answered with a web page ({status}), not the store API: is the URL right? "
        "Check it with 'fulfillment stores list'."
    )


def store_message(response: httpx.Response) -> str:
    """The store's own words for an error answer, on one line and trimmed."""
    if is_web_page(response):
        return "a web page instead of the store API"
    try:
        data = response.json()
    except ValueError:
        return " ".join(response.text[:200].split()) or response.reason_phrase
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return _with_parameters(errors[0])[:300]
        if errors:
            return str(errors)[:300]
        return _with_parameters(data)[:300]
    return str(data)[:300]


def _with_parameters(data: dict[str, Any]) -> str:
    """``message`` with its placeholders filled in: Magento answers ``{"message": "... %max",
    "parameters": {"max": 300}}`` (or a list for ``%1``, ``%2``), and a packer should not
    see ``%max``."""
    message = str(data.get("message") or data.get("code") or "")
    parameters = data.get("parameters")
    if isinstance(parameters, list):
        parameters = {str(i): v for i, v in enumerate(parameters, 1)}
    if isinstance(parameters, dict):
        for name in sorted(parameters, key=len, reverse=True):
            message = message.replace(f"%{name}", str(parameters[name]))
    return message


class HttpClient:
    def __init__(
        self,
        base_url: str,
        *,
        store: str,
        headers: dict[str, str] | None = None,
        signer: Signer | None = None,
        timeout_s: float = 30.0,
        connect_timeout_s: float = 10.0,
        request_deadline_s: float = 60.0,
        retry: RetryPolicy | None = None,
        stop: threading.Event | None = None,
        verify: ssl.SSLContext | bool = True,
    ):
        self.base_url = base_url.rstrip("/")
        self.store = store
        self.retry = retry or RetryPolicy()
        self.requests = 0
        self.timeout_s = timeout_s
        self.request_deadline_s = request_deadline_s
        #: When this run must end (``time.monotonic()``); set by the engine for each run.
        self.run_deadline = math.inf
        #: Told (one line) each time a request is tried again, e.g. to show progress.
        self.notify: Notify | None = None
        self._signer = signer
        self._stop = stop or threading.Event()
        self._guard = Guard(self._stop)
        self._client = httpx.Client(
            headers={"User-Agent": f"fulfillment-app/{__version__}", **(headers or {})},
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            follow_redirects=False,
            # The proxy from the environment is taken here, so that it too uses the guarded
            # sockets (httpx would build its own transport for it).
            trust_env=False,
            transport=GuardedTransport(self._guard, verify=verify, proxy=_proxy_for(base_url)),
        )

    def close(self) -> None:
        self._client.close()

    def wait(self, seconds: float) -> None:
        """Sleep, but wake at once when the sync is being stopped; never past the run's
        deadline."""
        if self._stop.is_set():
            raise Stopped("Sync stopped.")
        left = self.run_deadline - time.monotonic()
        if seconds >= left:
            self._stop.wait(max(0.0, left))
            self._check_run()
        if seconds > 0 and self._stop.wait(seconds):
            raise Stopped("Sync stopped.")

    def _check_run(self) -> None:
        if self._stop.is_set():
            raise Stopped("Sync stopped.")
        if time.monotonic() >= self.run_deadline:
            raise OutOfTime(
                f"{self.store}: this sync reached its time limit; the next one goes on "
                "from where it stopped."
            )

    def _again(self, problem: str, attempt: int, delay: float) -> None:
        if self.notify is not None and attempt + 1 < self.retry.attempts:
            self.notify(
                f"{problem}; trying again in {delay:.0f} s "
                f"(try {attempt + 2} of {self.retry.attempts})"
            )

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: Any = None,
        write: bool = False,
        accept: Collection[int] = (),
    ) -> tuple[httpx.Response, Any]:
        """Send, retrying what is safe to retry; return the answer and its JSON. Error
        statuses in ``accept`` are answers the caller reads itself (e.g. per-item errors)."""
        url = self.base_url + path
        problem = ""
        delay = 0.0
        for attempt in range(self.retry.attempts):
            if attempt:
                self._again(problem, attempt - 1, delay)
            self.wait(delay)  # the back-off of the previous try (none before the first)
            self._check_run()
            query: Params = list(params or [])
            extra: dict[str, str] = {}
            if self._signer is not None:
                query, extra = self._signer(method, url, query)
            self.requests += 1
            self._guard.start(min(time.monotonic() + self.request_deadline_s, self.run_deadline))
            try:
                response = self._client.request(
                    method,
                    url,
                    params=cast(Any, query),
                    headers=extra,
                    content=None if body is None else json.dumps(body).encode(),
                )
            except httpx.TransportError as exc:
                cut_short = self._guard.why
                if cut_short == "stopped":
                    if write:
                        raise UnknownOutcome(
                            f"Sync stopped while {self.store} was taking an update; it "
                            "may have taken it."
                        ) from None
                    raise Stopped("Sync stopped.") from None
                if cut_short is None and isinstance(
                    exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
                ):
                    problem = f"{self.store} cannot be reached"
                    delay = self.retry.delay(attempt)
                    continue
                if cut_short == "deadline" and time.monotonic() >= self.run_deadline:
                    problem = f"{self.store} was still answering when the sync's time ran out"
                elif cut_short == "deadline":
                    problem = (
                        f"{self.store} did not finish answering within "
                        f"{self.request_deadline_s:g} s"
                    )
                elif isinstance(exc, httpx.TimeoutException):
                    problem = f"{self.store} did not answer within {self.timeout_s:g} s"
                else:  # dropped, protocol error
                    problem = f"{self.store} did not answer ({type(exc).__name__})"
                if write:
                    raise UnknownOutcome(problem + "; it may have taken the update.") from None
                delay = self.retry.delay(attempt)
                continue
            status = response.status_code
            if status == 429:
                problem = f"{self.store} asked us to slow down"
                delay = self.retry.delay(attempt, _retry_after(response))
                continue
            if status >= 500:
                problem = f"{self.store} had a server error ({status})"
                if write:
                    raise UnknownOutcome(problem + "; it may have taken the update.")
                delay = self.retry.delay(attempt, _retry_after(response))
                continue
            if status in accept and not is_web_page(response):
                try:
                    return response, response.json() if response.content else None
                except ValueError:
                    pass  # not the answer the caller can read: the usual rules below
            if status not in (401, 403) and is_web_page(response):
                # A web site, not the API: asking again will not change it.
                raise NotTheApi(web_page_message(self.store, status))
            if status in (401, 403):
                raise AuthFailed(
                    f"{self.store} refused our credentials ({status}: "
                    f"{store_message(response)}). Check the store's key or token."
                )
            if status >= 400:
                raise Permanent(
                    f"{self.store} refused the request ({status}): {store_message(response)}"
                )
            try:
                data = response.json() if response.content else None
            except ValueError:
                problem = f"{self.store} sent an incomplete answer"
                if write:
                    raise UnknownOutcome(problem + "; it may have taken the update.") from None
                delay = self.retry.delay(attempt)
                continue
            return response, data
        raise Transient(f"{problem} after {self.retry.attempts} tries; will try again later.")


def _proxy_for(url: str) -> str | None:
    """The proxy the environment (``HTTPS_PROXY``, ``NO_PROXY``, …) sets for ``url``."""
    parts = urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return proxy
