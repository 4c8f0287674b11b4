"""Logging set-up: a rotating log file per user, and short warnings on standard error.

Tracebacks go to the log file, never to a person's screen. Nothing logs secrets: PINs, badge
codes and store credentials are never passed to a logger.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

# user:PASSWORD@ in any URL, and password=... in a URL's query or a libpq connection string.
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s:/?#@]*:)[^\s/?#@]+@")
_PASSWORD_PARAM = re.compile(r"(?i)(\bpass(?:word)?=)[^\s&;'\"]+")


def mask_secrets(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``: for anything printed
    or logged that may hold a database or store address."""
    return _PASSWORD_PARAM.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


class MaskingFormatter(logging.Formatter):
    """Formats records (messages and tracebacks) with URL passwords masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


def setup_logging(log_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send log records to ``log_dir/fulfillment.log`` (rotated at 5 MB, 5 kept).

    Returns the log file's path, or ``None`` when the directory cannot be written (the
    application then logs to standard error only, and still runs).
    """
    root = logging.getLogger()
    if getattr(root, "_fulfillment_configured", False):
        return getattr(root, "_fulfillment_log_file", None)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)

    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(MaskingFormatter("%(levelname)s: %(message)s"))
    # Records with a traceback are for the log file; whoever failed tells the person in a
    # sentence of its own.
    console.addFilter(lambda record: record.exc_info is None)
    root.addHandler(console)

    path = log_dir / "fulfillment.log"
    log_file: Path | None = path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write the log file in %s: %s", log_dir, exc)
        log_file = None
    else:
        handler.setFormatter(MaskingFormatter(LOG_FORMAT))
        root.addHandler(handler)
    # Alembic tells every start which migration context it uses: noise in a station log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    root._fulfillment_configured = True  # type: ignore[attr-defined]
    root._fulfillment_log_file = log_file  # type: ignore[attr-defined]
    return log_file
