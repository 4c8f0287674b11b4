"""``fulfillment`` with no command (or ``gui``) and ``fulfillment demo``: the desktop app."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Settings


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    _add_quit_after(gui)
    gui.set_defaults(func=cmd_gui)

    demo = sub.add_parser(
        "demo",
        help="open the desktop app on a demo database with demo users and catalogue",
        description="Opens the desktop app on its own SQLite file (in the data directory's "
        "'demo' folder), filled with demo users and a sample catalogue on first start.",
    )
    demo.add_argument("--data-dir", type=Path, help="where the demo database lives")
    demo.add_argument("--reset", action="store_true", help="start again from an empty demo")
    _add_quit_after(demo)
    demo.set_defaults(func=cmd_demo)


def _add_quit_after(p: argparse.ArgumentParser) -> None:
    # For smoke tests and screenshots: close the window by itself after this many seconds.
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)


def cmd_gui(args: argparse.Namespace, settings: Settings) -> int:
    from ..ui import launch  # Qt is loaded only when a window is wanted

    return launch.run(settings, quit_after=getattr(args, "quit_after", None))


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from ..demo import Demo
    from ..ui import launch

    demo, settings = Demo.open(settings, args.data_dir, reset=args.reset)
    try:
        return launch.run(settings, demo=demo, quit_after=args.quit_after)
    finally:
        demo.close()
