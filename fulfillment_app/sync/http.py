"""HTTP to a store: one pooled client per store, time-outs, and the retry rules.

Reads are retried here (exponential back-off with full jitter, ``Retry-After`` obeyed). A
write is retried here only when it certainly did not happen (the connection was refused,
429); when the outcome is unknown (time-out, dropped connection, 5xx, an answer cut short)
the write raises :class:`UnknownOutcome` and the outbox checks the store before trying again.

URLs are never logged with their query (it carries OAuth parameters), and httpx's own request
log is kept quiet for the same reason.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import httpx

from .. import __version__
from .records import AuthFailed, Permanent, Transient, UnknownOutcome

log = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)

Params = list[tuple[str, str]]
Signer = Callable[[str, str, Params], tuple[Params, dict[str, str]]]


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
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def store_message(response: httpx.Response) -> str:
    """The store's own words for an error answer, trimmed."""
    try:
        data = response.json()
    except ValueError:
        return response.text[:200].strip() or response.reason_phrase
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message", ""))[:300]
        if errors:
            return str(errors)[:300]
        return str(data.get("message") or data.get("code") or "")[:300]
    return str(data)[:300]


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
        retry: RetryPolicy | None = None,
        stop: threading.Event | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.store = store
        self.retry = retry or RetryPolicy()
        self.requests = 0
        self._signer = signer
        self._stop = stop or threading.Event()
        self._client = httpx.Client(
            headers={"User-Agent": f"fulfillment-app/{__version__}", **(headers or {})},
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            verify=True,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def wait(self, seconds: float) -> None:
        """Sleep, but wake at once when the sync is being stopped."""
        if seconds > 0 and self._stop.wait(seconds):
            raise Transient("Sync stopped.")

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        body: Any = None,
        write: bool = False,
    ) -> tuple[httpx.Response, Any]:
        """Send, retrying what is safe to retry; return the answer and its JSON."""
        url = self.base_url + path
        problem = ""
        delay = 0.0
        for attempt in range(self.retry.attempts):
            self.wait(delay)  # the back-off of the previous try (none before the first)
            if self._stop.is_set():
                raise Transient("Sync stopped.")
            query: Params = list(params or [])
            extra: dict[str, str] = {}
            if self._signer is not None:
                query, extra = self._signer(method, url, query)
            self.requests += 1
            try:
                response = self._client.request(
                    method,
                    url,
                    params=cast(Any, query),
                    headers=extra,
                    content=None if body is None else json.dumps(body).encode(),
                )
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
                problem = f"{self.store} cannot be reached"
                delay = self.retry.delay(attempt)
                continue
            except httpx.TransportError as exc:  # read time-out, dropped, protocol error
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
