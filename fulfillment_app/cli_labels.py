"""The ``fulfillment labels ...`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InvalidInput
from .labels.model import Label
from .labels.pdf import render_pdf
from .labels.png import render_png
from .labels.samples import KINDS, sample
from .labels.zpl import render_zpl

FORMATS = ("zpl", "pdf", "png")
PAGE_KINDS = ("packing-slip", "command-sheet")  # A4/Letter documents, not thermal labels


def add_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
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
    c = labels.add_parser("command-sheet", help="a page of command barcodes for the scanners")
    c.add_argument("--format", choices=("pdf", "png"), default="pdf")
    c.add_argument("--out", type=Path, required=True)
    c.set_defaults(func=cmd_command_sheet, kind="command-sheet", dpi=72)


def render(label: Label, fmt: str, kind: str) -> bytes:
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
    label = sample(args.kind, args.dpi)
    data = render(label, args.format, args.kind)
    _write(args.out, data)
    for warning in label.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if str(args.out) != "-":
        print(f"{args.kind} ({args.format}, {len(data):,} bytes) written to {args.out}")
    return 0


def cmd_command_sheet(args: argparse.Namespace, settings: Settings) -> int:
    return cmd_sample(args, settings)
