"""``fulfillment import products|locations FILE``: the catalogue from CSV files."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app import EXIT_USER_ERROR, with_context
from .output import echo, print_json

if TYPE_CHECKING:
    from ..context import AppContext
    from ..services.catalogue import ImportReport


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="import products or locations from CSV").add_subparsers(
        dest="import_command", metavar="KIND", required=True, parser_class=parser_class
    )
    for kind in ("products", "locations"):
        p = imp.add_parser(kind, help=f"import {kind} from a CSV file (see README)")
        p.add_argument("file", type=Path)
        p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.set_defaults(func=cmd_import, kind=kind)


@with_context
def cmd_import(args: argparse.Namespace, context: AppContext) -> int:
    actor = context.command_line_actor()
    if args.kind == "products":
        report = context.catalogue.import_products(actor, args.file)
        if not report.errors or report.accepted:
            # Images given as URLs are downloaded now, never when a packer scans; a failure
            # is said in a sentence and the import stands.
            images = context.catalogue.cache_images(actor, context.settings.data_dir / "images")
            for sentence in images.failed:
                echo(sentence, file=sys.stderr)
            if images.cached or images.failed:
                echo(images.summary(), file=sys.stderr if args.json else sys.stdout)
    else:
        report = context.catalogue.import_locations(actor, args.file)
    _print_report(report, as_json=args.json)
    return EXIT_USER_ERROR if report.errors else 0


def _print_report(report: ImportReport, *, as_json: bool) -> None:
    if as_json:
        data = asdict(report)
        data["errors"] = [asdict(p) for p in report.errors]
        data["warnings"] = [asdict(p) for p in report.warnings]
        print_json(data)
        return
    for problem in report.errors:
        echo(f"{report.file}: {problem}", file=sys.stderr)
    for problem in report.warnings:
        echo(f"{report.file}: warning: {problem}", file=sys.stderr)
    if report.errors_not_listed or report.warnings_not_listed:
        echo(f"{report.file}: and more problems, counted but not listed", file=sys.stderr)
    echo(report.summary())
    if report.errors:
        print(
            f"the {report.rejected} rejected row(s) were not imported; fix them and import "
            "the file again (the rows already imported stay as they are)",
            file=sys.stderr,
        )
