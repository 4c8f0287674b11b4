"""The station's look: one Qt style sheet for the whole application.

Large type (a 14-point base, headings larger), high contrast, big buttons a gloved finger hits,
and an amber focus ring. Outcomes have their colours, set on a widget with :func:`set_outcome`
(a dynamic property the style sheet selects on: ``QLabel[outcome="bad"]``), so a screen says
what happened and the theme decides how it looks.

Cheap at start: one file read and one style sheet parse, no image or font loading.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

THEME_FILE = Path(__file__).resolve().parents[2] / "resources" / "theme.qss"

#: The base type size in points; headings are larger (see :data:`HEADING_SIZES`).
BASE_POINT_SIZE = 14

Outcome = Literal["good", "bad", "warn", "done", "info", ""]
#: What each outcome means on screen, and its colour (the style sheet uses the same ones).
OUTCOME_COLOURS: dict[str, str] = {
    "good": "#1b5e20",  # accepted, confirmed: dark green
    "bad": "#b00020",  # wrong, refused, failed: red
    "warn": "#ffb300",  # needs attention (a store change, a device away): amber
    "done": "#0d47a1",  # complete: blue
    "info": "#e3e8ef",  # neutral news
}
GOOD, BAD, WARN, DONE, INFO = "good", "bad", "warn", "done", "info"


def set_outcome(widget: QWidget, kind: Outcome | str) -> None:
    """Colour ``widget`` as outcome ``kind`` ("" for none) and re-polish it at once."""
    if widget.property("outcome") == kind:
        return
    widget.setProperty("outcome", kind)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: QWidget, role: str) -> QWidget:
    """Mark ``widget`` for the style sheet (``heading``, ``hint``, ``location``, ``card``)."""
    widget.setProperty("role", role)
    return widget


def style_sheet() -> str:
    try:
        return THEME_FILE.read_text(encoding="utf-8")
    except OSError as exc:  # an installation without its resources still works, plainly
        log.warning("the theme file cannot be read (%s): the default look is used", exc)
        return ""


def apply_theme(app: QApplication) -> None:
    """Give ``app`` the station's type size and style sheet (once, at start)."""
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
