"""``fulfillment manifest``: the end-of-day list of a carrier's shipments for its driver."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InvalidInput
from .app import running
from .output import echo, print_json

EXIT_QUEUED = 3  # the manifest is made and safe in the print queue, not printed yet


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    m = sub.add_parser(
        "manifest",
        help="the end-of-day manifest of a carrier (PDF)",
        description="Put every created shipment of CARRIER not yet on a manifest on the next "
        "one (numbered per carrier), write it as a PDF and/or print it on the document printer. "
        "With --number, make a copy of an earlier manifest instead.",
    )
    m.add_argument("--carrier", required=True, metavar="NAME")
    m.add_argument("--out", type=Path, metavar="FILE", help="the PDF file to write")
    m.add_argument("--print", action="store_true", help="print it on the document printer")
    m.add_argument("--printer", help="a device name (default: labels.document_printer)")
    m.add_argument("--number", type=int, help="an earlier manifest to make again")
    m.add_argument("--json", action="store_true", help="print the outcome as JSON")
    m.set_defaults(func=cmd_manifest)


def cmd_manifest(args: argparse.Namespace, settings: Settings) -> int:
    if args.out is None and not args.print:
        raise InvalidInput("Say where the manifest goes: --out FILE, --print, or both.")
    if args.out is not None and not args.out.parent.is_dir():
        raise InvalidInput(f"Cannot write {args.out}: there is no folder {args.out.parent}.")
    from ..services.manifest import ManifestService

    printed = True
    with running(settings, devices=args.print) as context:
        service = ManifestService(context.db, context.settings.labels, context.printing)
        actor = context.command_line_actor()
        if args.number is not None:
            result = service.render(actor, args.carrier, args.number)
            outcome = None
            if args.print:
                outcome = context.printing.submit(
                    args.printer or settings.labels.document_printer,
                    result.pdf,
                    f"manifest {result.number} for {result.carrier} (copy)",
                )
        elif args.print:
            outcome, result = service.print(actor, args.carrier, args.printer)
        else:
            result, outcome = service.create(actor, args.carrier), None
        printed = outcome is None or outcome.printed
    if args.out is not None:
        try:
            args.out.write_bytes(result.pdf)
        except OSError as exc:
            raise InvalidInput(
                f"Cannot write {args.out}: {exc.strerror}. Make it again with --number "
                f"{result.number}."
            ) from None
    if args.json:
        print_json(
            {
                "carrier": result.carrier,
                "number": result.number,
                "shipments": result.shipments,
                "tracking_numbers": list(result.tracking_numbers),
                "out": str(args.out) if args.out else None,
                "printed": printed if args.print else None,
            }
        )
    else:
        where = f" written to {args.out}" if args.out else ""
        echo(f"{result.carrier} manifest {result.number}: {result.shipments} shipments{where}.")
        if outcome is not None:
            echo(outcome.message)
    return 0 if printed else EXIT_QUEUED
