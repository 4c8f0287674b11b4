"""The ``fulfillment`` command: the desktop app with no arguments, headless commands otherwise.

Every failure ends in one line on standard error and a non-zero exit status: 1 for a problem
the user can fix (the message says how), 2 for a wrong command line, 70 for an unexpected
failure (its traceback is in the log file, never on the screen; on standard error only when
the log file cannot be written), 130 after Ctrl-C and 143 after SIGTERM ("stopped"). A
command given ``--json`` prints its error as one JSON object on standard output instead,
``{"error": "...", "status": N}``, with the same exit status.

One module per command group; each has ``register(sub, parser_class)`` and its ``cmd_*``
functions, and imports the database, services and heavy libraries only inside the commands
that need them, so that ``--help`` and ``decode`` start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from .. import __version__
from ..config import Settings, load_settings
from ..errors import FulfillmentError
from ..logs import mask_secrets, setup_logging
from . import (
    audit,
    carriers,
    db,
    desktop,
    devices,
    imports,
    labels,
    manifest,
    pack,
    picking,
    report,
    returns,
    ship,
    stock,
    sync,
    users,
)
from .app import (
    EXIT_INTERRUPTED,
    EXIT_SOFTWARE,
    EXIT_TERMINATED,
    EXIT_USAGE,
    EXIT_USER_ERROR,
    Command,
    Parser,
    UsageError,
)
from .output import print_json_error

__all__ = ["EXIT_SOFTWARE", "EXIT_USAGE", "EXIT_USER_ERROR", "build_parser", "main"]

log = logging.getLogger(__name__)

# The command groups, in the order `fulfillment --help` lists them.
GROUPS = (
    desktop,
    db,
    users,
    imports,
    devices,
    labels,
    pack,
    sync,
    carriers,
    ship,
    returns,
    picking,
    stock,
    report,
    audit,
    manifest,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fulfillment",
        description="Warehouse fulfillment station. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (default: the platform's)")
    parser.add_argument("--database", metavar="URL", help="database URL (overrides settings)")
    parser.add_argument("--station", metavar="NAME", help="this station's name")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        group.register(sub, Parser)
    return parser


# -- entry point -----------------------------------------------------------------------------


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, so that no ``except Exception`` on the way holds it:
    the command stops where it is, and the database is left as a kill would leave it (the
    open transaction rolled back)."""


def _on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process outright
    raise Terminated


@contextlib.contextmanager
def _stoppable() -> Iterator[None]:
    """SIGTERM ends any command, as Ctrl-C does (signals reach the main thread only)."""
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            yield
        finally:
            signal.signal(signal.SIGTERM, previous)
    else:
        yield


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _error(str(exc), EXIT_USAGE, as_json="--json" in argv)
    as_json = bool(getattr(args, "json", False))
    log_file: Path | None = None
    with _stoppable():
        try:
            settings = _settings(args)
            log_file = setup_logging(settings.log_dir, verbose=args.verbose)
            func: Command = getattr(args, "func", desktop.cmd_gui)
            return func(args, settings)
        except FulfillmentError as exc:
            return _error(str(exc), EXIT_USER_ERROR, as_json=as_json)
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
            return EXIT_INTERRUPTED
        except Terminated:
            print("stopped", file=sys.stderr)
            return EXIT_TERMINATED
        except BrokenPipeError:  # the reader went away (| head): not our failure
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except Exception:  # noqa: BLE001  (logged in _unexpected, or shown when it cannot be)
            return _unexpected(args, argv, log_file, as_json=as_json)


def _error(message: str, status: int, *, as_json: bool) -> int:
    message = mask_secrets(message)
    if as_json:
        print_json_error(message, status)
    else:
        print(f"error: {message}", file=sys.stderr)
    return status


def _unexpected(
    args: argparse.Namespace, argv: list[str], log_file: Path | None, *, as_json: bool
) -> int:
    what = describe_command(args, argv)
    if log_file is not None:
        log.exception("unexpected failure in %s", what)
        return _error(
            f"an unexpected failure stopped the command; details are in {log_file}",
            EXIT_SOFTWARE,
            as_json=as_json,
        )
    # No log file to keep the detail: standard error is the only place left for it.
    detail = mask_secrets(traceback.format_exc())
    print(
        f"error: an unexpected failure stopped the command ({what}) and the log file cannot "
        "be written; the detail follows:",
        file=sys.stderr,
    )
    print(detail, file=sys.stderr, end="")
    if as_json:
        print_json_error("an unexpected failure stopped the command", EXIT_SOFTWARE)
    return EXIT_SOFTWARE


_OPTION = re.compile(r"^--?[A-Za-z]")


def describe_command(args: argparse.Namespace, argv: Sequence[str]) -> str:
    """The command and the names of the options given, never their values (a PIN, a badge
    code or a database password may be among them) nor the positional arguments."""
    words = [str(v) for k, v in vars(args).items() if k == "command" or k.endswith("_command")]
    options = sorted({t.split("=", 1)[0] for t in argv if _OPTION.match(t)})
    command = " ".join(w for w in words if w != "None") or "(the desktop)"
    return f"'{command}'" + (f" with {', '.join(options)}" if options else "")


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if args.database:
        settings = settings.replace(
            database=settings.database.__class__(
                url=args.database, busy_timeout_ms=settings.database.busy_timeout_ms
            )
        )
    if args.station:
        settings = settings.replace(station=settings.station.__class__(name=args.station))
    return settings


if __name__ == "__main__":
    sys.exit(main())
