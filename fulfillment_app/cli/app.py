"""What every command shares: exit statuses, the parser class, and the one way to run with
the application started and closed again whatever happens.

Nothing heavy is imported here: ``--help`` and ``decode`` never load SQLAlchemy, Alembic or a
service. A command that needs the database asks for it with :func:`running` (or decorates
itself with :func:`with_context`), which imports the composition root only then.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import DatabaseMissing

if TYPE_CHECKING:
    from ..config import Settings
    from ..context import AppContext

EXIT_OK = 0
EXIT_USER_ERROR = 1  # the user can fix it: the message says how
EXIT_USAGE = 2  # a wrong command line
EXIT_SOFTWARE = 70  # sysexits EX_SOFTWARE: unexpected, the detail is in the log
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM)

Command = Callable[[argparse.Namespace, "Settings"], int]


class UsageError(Exception):
    """A wrong command line, raised by the parser so that main() can answer in JSON too."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line plus a hint, not the whole usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


@contextmanager
def running(
    settings: Settings, *, devices: bool = False, start: bool = True, create: bool = False
) -> Iterator[AppContext]:
    """The application for one command: built, started (the schema migrated, the station
    registered; with ``devices`` its devices too) and closed when the block ends, so every
    thread is joined and every connection returned. ``start=False`` only connects (the
    ``db`` commands, which look at the schema before anything changes it). Only with
    ``create`` may a SQLite file that is not there be created: a mistyped path is an error,
    not a new empty database."""
    from ..context import AppContext  # the database and services, only when a command needs them
    from ..db.engine import missing_sqlite_file

    missing = None if create else missing_sqlite_file(settings.database_url)
    if missing is not None:
        raise DatabaseMissing(
            f"There is no database at {missing}; create it with 'fulfillment db upgrade'."
        )
    if start:
        with AppContext.running(settings, devices=devices) as context:
            yield context
        return
    context = AppContext.build(settings)
    try:
        context.db.check_connection()
        yield context
    finally:
        context.close()


def with_context(
    func: Callable[[argparse.Namespace, AppContext], int],
) -> Command:
    """Run a command with the application started, and closed again when it returns."""

    @functools.wraps(func)
    def run(args: argparse.Namespace, settings: Settings) -> int:
        with running(settings) as context:
            return func(args, context)

    return run
