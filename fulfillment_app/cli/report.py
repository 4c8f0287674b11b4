"""``fulfillment report shift``: the shift report of a period, as CSV or PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app import EXIT_USAGE, running
from .output import echo, print_json, print_json_error

if TYPE_CHECKING:
    from ..config import Settings

# Named here for the parser, so that building it loads no renderer and no database; a test
# checks them against services.shift_report.
FORMATS = ("csv", "pdf")
LANGUAGES = ("en", "he")


def parse_time(text: str) -> datetime:
    """An ISO 8601 date or date and time (``2026-11-26``, ``2026-11-26T06:00``,
    ``2026-11-26 06:00+02:00``, ``...Z``). Without a zone it is local time (``[reports]
    timezone``); a date alone is its midnight."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time like 2026-11-26T06:00"
        ) from None


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="reports of the supervisor's figures").add_subparsers(
        dest="report_command", metavar="REPORT", required=True, parser_class=parser_class
    )
    shift = report.add_parser(
        "shift",
        help="the shift report of a period (CSV or PDF)",
        description="The team's and each person's figures from --from to --to: throughput, "
        "by hour, zone and station, backlog, on-time and fill rate, accuracy, the fair score "
        "and time lost to the system. Times without a zone are local ([reports] timezone).",
    )
    shift.add_argument(
        "--from",
        dest="start",
        type=parse_time,
        required=True,
        metavar="ISO",
        help="the start, e.g. 2026-11-26T06:00 (included)",
    )
    shift.add_argument(
        "--to", dest="end", type=parse_time, required=True, metavar="ISO", help="the end (left out)"
    )
    shift.add_argument("--format", choices=FORMATS, default="pdf")
    shift.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the file to write ('-': stdout)"
    )
    shift.add_argument(
        "--language", choices=LANGUAGES, default="en", help="the PDF's headings (he: Hebrew)"
    )
    shift.add_argument("--json", action="store_true", help="say what was written as JSON")
    shift.set_defaults(func=cmd_shift)


def _usage(message: str, as_json: bool) -> int:
    if as_json:
        print_json_error(message, EXIT_USAGE)
    else:
        print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_shift(args: argparse.Namespace, settings: Settings) -> int:
    from ..services.metrics_types import local_zone

    zone = local_zone(settings.reports)
    start, end = (t if t.tzinfo else t.replace(tzinfo=zone) for t in (args.start, args.end))
    if end <= start:
        return _usage("--from must come before --to", args.json)
    to_stdout = str(args.out) == "-"
    if to_stdout and args.json:
        return _usage("--json prints to standard output: give --out a file name", args.json)
    from ..services import shift_report

    with running(settings) as context:
        actor = context.command_line_actor()
        if to_stdout:
            report = shift_report.shift_report(context.metrics, actor, start, end)
        else:
            written = shift_report.write_shift_report(
                context.metrics, actor, start, end, args.format, args.out, args.language
            )
    if to_stdout:
        sys.stdout.buffer.write(shift_report.render(report, args.format, args.language))
        sys.stdout.flush()
        return 0
    if args.json:
        print_json(written.summary())
        return 0
    fmt = "%Y-%m-%d %H:%M"
    period = f"{start.astimezone(zone):{fmt}} – {end.astimezone(zone):{fmt}}"
    echo(f"shift report {period} ({args.format}, {written.size:,} bytes) written to {args.out}")
    return 0
