"""The shift report as an A4 PDF, in English or in Hebrew (right to left).

Laid out on the labels' document model and drawn by its PDF renderer, so the report's text
goes the way the labels' does: the bundled DejaVu font (it has Hebrew), and right-to-left
runs handed to reportlab in visual order (python-bidi). In Hebrew the whole page is mirrored,
as a right-to-left spreadsheet is: headings at the right, the first column of each table at
the right edge, names at the start of their cell and numbers at its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..labels import text as textmod
from ..labels.documents import A4
from ..labels.model import Align, Box, Label, Text
from ..labels.pdf import render_pdf
from .shift_report import Cell, Column, Kind, Section, ShiftReport, zone_name

MARGIN = 40
TITLE, HEADING, HEADER, CELL, SMALL = 22, 15, 11, 12, 10  # text heights in points
ROW = 15  # row pitch in points
PAD = 5  # room kept at each side of a cell, in points
FOOTER = 40  # room kept at the bottom of each page for the page number
DRAWN = 0.8  # the PDF draws a text of height h with a font of 0.8 h (labels.pdf)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Shift report",
        "period": "Period",
        "generated": "Generated at",
        "zone": "Time zone",
        "page": "Page {page} of {pages}",
        "continued": "{title} (continued)",
        "empty": "Nothing in this period.",
    },
    "he": {
        "title": "דוח משמרת",
        "period": "תקופה",
        "generated": "הופק ב",
        "zone": "אזור זמן",
        "page": "עמוד {page} מתוך {pages}",
        "continued": "{title} – המשך",
        "empty": "אין נתונים בתקופה זו.",
    },
}

SECTIONS: dict[str, dict[str, str]] = {
    "en": {
        "team": "Team",
        "by_hour": "By hour",
        "people": "By person",
        "zones": "By zone",
        "stations": "By station",
        "backlog_status": "Backlog by status",
        "backlog_age": "Backlog against the cut-off",
        "at_risk": "Orders at risk of missing their cut-off",
        "on_time": "On-time shipping",
        "fill_rate": "Fill rate (orders complete on the first shipment)",
        "accuracy": "Pick and pack accuracy",
        "fair_score": "Fair productivity: expected against worked time",
        "time_lost": "Time lost to the system, active and signed-in time",
        "stores": "Store sync and updates waiting for the stores",
    },
    "he": {
        "team": "צוות",
        "by_hour": "לפי שעה",
        "people": "לפי עובד",
        "zones": "לפי אזור",
        "stations": "לפי עמדה",
        "backlog_status": "הזמנות ממתינות לפי סטטוס",
        "backlog_age": "הזמנות ממתינות מול מועד היציאה",
        "at_risk": "הזמנות בסיכון לפספס את מועד היציאה",
        "on_time": "משלוח בזמן",
        "fill_rate": "שיעור מילוי: הזמנות שלמות במשלוח הראשון",
        "accuracy": "דיוק ליקוט ואריזה",
        "fair_score": "תפוקה הוגנת: זמן צפוי מול זמן עבודה",
        "time_lost": "זמן שאבד בגלל המערכת, זמן פעיל וזמן מחובר",
        "stores": "סנכרון חנויות ועדכונים הממתינים לחנויות",
    },
}

COLUMNS: dict[str, dict[str, str]] = {
    "en": {
        "orders_packed": "Orders packed",
        "lines_picked": "Lines picked",
        "units_picked": "Units picked",
        "lines_packed": "Lines packed",
        "units_packed": "Units packed",
        "hours": "Active hours",
        "orders_packed_per_hour": "Orders packed per hour",
        "lines_picked_per_hour": "Lines picked per hour",
        "units_picked_per_hour": "Units picked per hour",
        "units_packed_per_hour": "Units packed per hour",
        "hour": "Hour",
        "person": "Person",
        "zone": "Zone",
        "station": "Station",
        "status": "Status",
        "age": "Cut-off",
        "orders": "Orders",
        "number": "Order",
        "ship_by": "Ship by",
        "minutes_left": "Minutes left",
        "orders_shipped": "Orders shipped",
        "on_time": "Shipped on time",
        "on_time_rate": "On-time rate",
        "fill_rate": "Fill rate",
        "work": "Work",
        "scans": "Scans",
        "wrong": "Wrong scans",
        "over_scans": "Over-scans",
        "unknown": "Unknown codes",
        "weight_exceptions": "Weight exceptions",
        "accuracy": "Accuracy",
        "scope": "Who",
        "tasks": "Tasks",
        "expected_s": "Expected time",
        "worked_s": "Time worked",
        "score": "Score (1.00 as expected)",
        "lost_s": "Time lost to the system",
        "active_s": "Active time",
        "signed_in_s": "Signed-in time",
        "active_share": "Active share",
        "transition_s": "Time between tasks",
        "transitions": "Transitions",
        "store": "Store",
        "last_synced_at": "Last synced",
        "pending": "Updates waiting",
        "parked": "Updates refused",
        "oldest_pending_at": "Oldest waiting since",
        "last_error": "Last problem",
    },
    "he": {
        "orders_packed": "הזמנות שנארזו",
        "lines_picked": "שורות שלוקטו",
        "units_picked": "יחידות שלוקטו",
        "lines_packed": "שורות שנארזו",
        "units_packed": "יחידות שנארזו",
        "hours": "שעות פעילות",
        "orders_packed_per_hour": "הזמנות שנארזו לשעה",
        "lines_picked_per_hour": "שורות שלוקטו לשעה",
        "units_picked_per_hour": "יחידות שלוקטו לשעה",
        "units_packed_per_hour": "יחידות שנארזו לשעה",
        "hour": "שעה",
        "person": "עובד",
        "zone": "אזור",
        "station": "עמדה",
        "status": "סטטוס",
        "age": "מועד יציאה",
        "orders": "הזמנות",
        "number": "הזמנה",
        "ship_by": "לשלוח עד",
        "minutes_left": "דקות שנותרו",
        "orders_shipped": "הזמנות שנשלחו",
        "on_time": "נשלחו בזמן",
        "on_time_rate": "שיעור משלוח בזמן",
        "fill_rate": "שיעור מילוי",
        "work": "עבודה",
        "scans": "סריקות",
        "wrong": "סריקות שגויות",
        "over_scans": "סריקות עודפות",
        "unknown": "קודים לא מוכרים",
        "weight_exceptions": "חריגות משקל",
        "accuracy": "דיוק",
        "scope": "מי",
        "tasks": "משימות",
        "expected_s": "זמן צפוי",
        "worked_s": "זמן עבודה",
        "score": "ציון: 1.00 כצפוי",
        "lost_s": "זמן שאבד בגלל המערכת",
        "active_s": "זמן פעיל",
        "signed_in_s": "זמן מחובר",
        "active_share": "חלק פעיל",
        "transition_s": "זמן בין משימות",
        "transitions": "מעברים",
        "store": "חנות",
        "last_synced_at": "סנכרון אחרון",
        "pending": "עדכונים ממתינים",
        "parked": "עדכונים שנדחו",
        "oldest_pending_at": "הוותיק ממתין מאז",
        "last_error": "בעיה אחרונה",
    },
}

VALUES_EN = {"on_hold": "on hold"}
# The Hebrew texts hold no brackets: they are drawn mirrored, as they should be, but text
# extraction (pdftotext, screen readers, search) reorders the line without mirroring them
# back, and would read ")1.00(".

#: Words the figures use as values (statuses, cut-off bands, kinds of work), in Hebrew. Names
#: of people, zones and stations are shown as they are.
VALUES_HE = {
    "open": "פתוחה",
    "on_hold": "בהמתנה",
    "picking": "בליקוט",
    "picked": "לוקטה",
    "packing": "באריזה",
    "exception": "חריגה",
    "overdue": "באיחור",
    "due in 2 h": "תוך שעתיים",
    "due in 2-8 h": "תוך 2–8 שעות",
    "due in 8-24 h": "תוך 8–24 שעות",
    "later": "מאוחר יותר",
    "no cut-off": "ללא מועד",
    "pick": "ליקוט",
    "pack": "אריזה",
    "team": "הצוות",
    "carts": "עגלות",
    "pack sessions": "אריזות",
    "single item": "פריט בודד",
    "one SKU, several units": "מק״ט אחד, כמה יחידות",
    "mixed": "מעורבת",
}

_WIDE = (Kind.TEXT, Kind.TIME)  # columns aligned at the start of their cell, with more room
_WEIGHTS = {Kind.TEXT: 2.2, Kind.TIME: 2.0}


def heading(key: str, language: str) -> str:
    """A section's heading; a section this module does not know is named by its key."""
    return SECTIONS[language].get(key, key.replace("_", " "))


def column_heading(key: str, language: str) -> str:
    return COLUMNS[language].get(key, key.replace("_", " "))


def shown(value: Cell, column: Column, report: ShiftReport, language: str) -> str:
    """A cell as people read it."""
    if value is None:
        return "—"
    kind = column.kind
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        local = value.astimezone(report.zone)
        if column.key == "hour" and _one_day(report):
            return local.strftime("%H:%M")
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, int | float):
        if kind is Kind.RATIO:
            return f"{value * 100:.1f}%"
        if kind is Kind.SCORE:
            return f"{value:.2f}"
        if kind is Kind.SECONDS:
            total = round(value)
            sign = "-" if total < 0 else ""
            hours, rest = divmod(abs(total), 3600)
            return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
        if kind is Kind.RATE:
            return f"{value:,.1f}"
        return f"{round(value):,}"
    text = str(value)
    return (VALUES_HE if language == "he" else VALUES_EN).get(text, text)


def _one_day(report: ShiftReport) -> bool:
    start, end = report.start.astimezone(report.zone), report.end.astimezone(report.zone)
    return (end - start).total_seconds() <= 24 * 3600 and start.date() == end.date()


def _fit(text: str, height: int, width: int, lines: int, bold: bool) -> textmod.Fitted:
    """Like the labels' fitting, but a heading wraps at its full size before it shrinks, so
    that the headings of a table are all one size."""
    words = text.split()
    if lines > 1 and words:
        wrapped = [words.pop(0)]
        for word in words:
            joined = f"{wrapped[-1]} {word}"
            if textmod.text_width(joined, height, bold) <= width:
                wrapped[-1] = joined
            else:
                wrapped.append(word)
        if len(wrapped) <= lines and all(
            textmod.text_width(line, height, bold) <= width for line in wrapped
        ):
            return textmod.Fitted(wrapped, height, False)
    return textmod.fit(text, height, width, lines, bold)


# -- layout --------------------------------------------------------------------------------


@dataclass
class _Writer:
    """Puts text on the pages, a new page when one is full. ``rtl`` mirrors every position:
    ``x`` is always measured from the start edge (the left in English, the right in Hebrew)."""

    report: ShiftReport
    language: str
    pages: list[Label]
    y: float = 0

    @property
    def rtl(self) -> bool:
        return self.language == "he"

    @property
    def page(self) -> Label:
        return self.pages[-1]

    @property
    def width(self) -> int:
        return self.page.width - 2 * MARGIN

    def new_page(self) -> None:
        self.pages.append(Label.of_size(A4, 72))
        self.y = MARGIN

    def room(self) -> float:
        return self.page.height - FOOTER - self.y

    def text(self, x: float, width: float, text: str, height: int, *, bold: bool = False,
             end: bool = False, lines: int = 1, dy: float = 0) -> float:  # fmt: skip
        """``text`` in the cell from ``x`` (from the start edge) ``width`` wide, at the start
        of the cell or (``end``) at its end, shrunk, wrapped or cut to fit; returns the
        height it took."""
        fitted = _fit(text, height, int(width / DRAWN), lines, bold)
        left = MARGIN + (self.width - x - width if self.rtl else x)
        at_right = end != self.rtl  # the end of an English cell, the start of a Hebrew one
        for i, line in enumerate(fitted.lines):
            drawn = textmod.text_width(line, fitted.size, bold) * DRAWN
            lx = left + max(0.0, width - drawn) if at_right else left
            top = self.y + dy + i * fitted.size * 1.2
            self.page.add(Text(round(lx), round(top), line, fitted.size, None, bold=bold))
        return len(fitted.lines) * fitted.size * 1.2

    def rule(self, thickness: int = 1) -> None:
        self.page.add(Box(MARGIN, round(self.y), self.width, thickness, thickness))


def layout(report: ShiftReport, language: str = "en") -> list[Label]:
    """The report's pages, each an A4 document on the labels' model."""
    words = WORDS[language]
    w = _Writer(report, language, [])
    w.new_page()
    w.y += w.text(0, w.width, words["title"], TITLE, bold=True) + 6
    zone = zone_name(report.zone)
    fmt = "%Y-%m-%d %H:%M"
    start, end = (t.astimezone(report.zone).strftime(fmt) for t in (report.start, report.end))
    facts = (
        (words["period"], f"{start} – {end}"),
        (words["zone"], zone),
        (words["generated"], report.generated_at.astimezone(report.zone).strftime(fmt)),
    )
    for label, value in facts:  # label and value apart: a date never mixes into Hebrew text
        w.text(0, 110, label + ":", SMALL + 2, bold=True)
        w.y += w.text(115, w.width - 115, value, SMALL + 2)
    w.y += 10
    for section in report.sections:
        _section(w, section)
    total = len(w.pages)
    for number, page in enumerate(w.pages, 1):
        footer = words["page"].format(page=number, pages=total)
        page.add(Text(MARGIN, page.height - 28, footer, SMALL, w.width, align=Align.CENTER))
    return w.pages


def _widths(section: Section, total: int) -> list[float]:
    weights = [_WEIGHTS.get(c.kind, 1.0) for c in section.columns]
    return [total * k / sum(weights) for k in weights]


def _section(w: _Writer, section: Section) -> None:
    title = heading(section.key, w.language)
    widths = _widths(section, w.width)
    header_height = HEADER * 1.2 * 3 + 6
    if w.room() < HEADING * 1.5 + header_height + 2 * ROW:
        w.new_page()
    w.y += w.text(0, w.width, title, HEADING, bold=True) + 4
    _header(w, section, widths)
    if not section.rows:
        w.y += w.text(0, w.width, WORDS[w.language]["empty"], CELL) + 14
        return
    last = len(section.rows) - 1
    for i, row in enumerate(section.rows):
        # A table's last row never goes over to a page alone: the one before goes with it.
        if w.room() < ROW or (i == last - 1 and w.room() < 2 * ROW):
            w.new_page()
            continued = WORDS[w.language]["continued"].format(title=title)
            w.y += w.text(0, w.width, continued, HEADING, bold=True) + 4
            _header(w, section, widths)
        x = 0.0
        for value, column, width in zip(row, section.columns, widths, strict=True):
            text = shown(value, column, w.report, w.language)
            w.text(x + PAD, width - 2 * PAD, text, CELL, end=column.kind not in _WIDE)
            x += width
        w.y += ROW
    w.y += 14


def _header(w: _Writer, section: Section, widths: list[float]) -> None:
    x, tallest = 0.0, 0.0
    for column, width in zip(section.columns, widths, strict=True):
        label = column_heading(column.key, w.language)
        used = w.text(x + PAD, width - 2 * PAD, label, HEADER, bold=True,
                      end=column.kind not in _WIDE, lines=3)  # fmt: skip
        tallest = max(tallest, used)
        x += width
    w.y += tallest + 2
    w.rule()
    w.y += 4


def render_report(report: ShiftReport, language: str = "en") -> bytes:
    """The report as PDF bytes."""
    title = f"{WORDS[language]['title']} {report.start:%Y-%m-%d}"
    return render_pdf(layout(report, language), title=title)
