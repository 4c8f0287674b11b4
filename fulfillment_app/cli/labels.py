"""The ``fulfillment labels ...`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import InvalidInput
from .app import running
from .output import echo

if TYPE_CHECKING:
    from ..labels.model import Label

# Named here for the parser, so that building it loads no renderer (reportlab, Pillow) and no
# database; a test checks them against labels.samples.KINDS and services.labels.ORDER_KINDS.
KINDS = ("shipping", "packing-slip", "pick-list", "tote", "location", "badge", "command-sheet")
ORDER_KINDS = ("shipping", "packing-slip")
FORMATS = ("zpl", "pdf", "png")
EXIT_QUEUED = 3  # the job is safe in the queue but not printed yet
PAGE_KINDS = (
    "packing-slip",
    "pick-list",
    "command-sheet",
)  # A4/Letter documents, not thermal labels


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    labels = sub.add_parser("labels", help="labels and documents").add_subparsers(
        dest="labels_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    s = labels.add_parser(
        "sample",
        help="render a label with built-in sample data (Hebrew ship-to address)",
        description="Render KIND with sample data: the way to check a template or a printer.",
    )
    s.add_argument("kind", choices=[k for k in KINDS if k != "command-sheet"])
    s.add_argument("--format", choices=FORMATS, default="pdf")
    s.add_argument("--dpi", type=int, choices=(203, 300), default=203)
    s.add_argument("--out", type=Path, required=True, help="the file to write ('-': stdout)")
    s.set_defaults(func=cmd_sample)
    r = labels.add_parser("render", help="render a label or document for an order")
    r.add_argument("kind", choices=ORDER_KINDS)
    r.add_argument("--order", required=True, metavar="NUMBER", help="the store's order number")
    r.add_argument("--format", choices=FORMATS, default="pdf")
    r.add_argument("--out", type=Path, required=True, help="the file to write ('-': stdout)")
    r.set_defaults(func=cmd_render)
    p = labels.add_parser("print", help="print a label or document for an order")
    p.add_argument("kind", choices=ORDER_KINDS)
    p.add_argument("--order", required=True, metavar="NUMBER")
    p.add_argument(
        "--printer",
        help="a device name (default: labels.label_printer or "
        "labels.document_printer in the settings)",
    )
    p.set_defaults(func=cmd_print)

    c = labels.add_parser("command-sheet", help="a page of command barcodes for the scanners")
    c.add_argument("--format", choices=("pdf", "png"), default="pdf")
    c.add_argument("--out", type=Path, required=True)
    c.set_defaults(func=cmd_command_sheet, kind="command-sheet", dpi=72)


def render(label: Label, fmt: str, kind: str) -> bytes:
    from ..labels.pdf import render_pdf
    from ..labels.png import render_png
    from ..labels.zpl import render_zpl

    if fmt == "zpl":
        if kind in PAGE_KINDS:
            raise InvalidInput(f"A {kind} is a page for a document printer: use --format pdf.")
        return render_zpl(label)
    if fmt == "png":
        return render_png(label)
    return render_pdf(label, title=kind)


def _write(out: Path, data: bytes) -> None:
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {out}: {exc.strerror}.") from None


def cmd_sample(args: argparse.Namespace, settings: Settings) -> int:
    from ..labels.samples import sample

    label = sample(args.kind, args.dpi)
    data = render(label, args.format, args.kind)
    _write(args.out, data)
    for warning in label.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if str(args.out) != "-":
        print(f"{args.kind} ({args.format}, {len(data):,} bytes) written to {args.out}")
    return 0


def cmd_render(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        rendered = context.labels.render(
            context.command_line_actor(), args.kind, args.order, args.format
        )
    _write(args.out, rendered.data)
    for warning in rendered.warnings:
        echo(f"warning: {warning}", file=sys.stderr)
    if str(args.out) != "-":
        sscc = f", SSCC {rendered.sscc}" if rendered.sscc else ""
        echo(f"{args.kind} for order {args.order}{sscc} written to {args.out}")
    return 0


def cmd_print(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings, devices=True) as context:
        outcome, rendered = context.labels.print(
            context.command_line_actor(), args.kind, args.order, args.printer
        )
    for warning in rendered.warnings:
        echo(f"warning: {warning}", file=sys.stderr)
    echo(outcome.message)
    return 0 if outcome.printed else EXIT_QUEUED


def cmd_command_sheet(args: argparse.Namespace, settings: Settings) -> int:
    return cmd_sample(args, settings)
