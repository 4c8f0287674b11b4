"""The pieces the dashboard and the personal figures share: large-number tiles, the period
picker, the text that says what is measured, and the formats of figures (for the locale)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..config import ReportSettings
from ..services.metrics_types import Period, local_zone
from .theme import set_role

#: The figure's colour for an outcome, dark enough to read on the tile's white (the theme's
#: outcome blocks are for sentences; a tile colours only its number).
TEXT_COLOURS = {"good": "#1b5e20", "bad": "#b00020", "warn": "#8a5a00", "done": "#0d47a1"}

#: Shown where there is nothing to divide by (no scans, no orders, no time yet).
NONE = "—"


def whole(value: float | int) -> str:
    """A count, with the locale's digit grouping."""
    return QLocale().toString(round(value))


def decimal(value: float | None, places: int = 1) -> str:
    return NONE if value is None else QLocale().toString(float(value), "f", places)


def percent(ratio: float | None) -> str:
    """A ratio 0..1 as a percentage with one decimal (``—`` when there is none)."""
    if ratio is None:
        return NONE
    return QCoreApplication.translate("Figures", "{value} %").format(
        value=QLocale().toString(ratio * 100, "f", 1)
    )


def score(value: float | None) -> str:
    """The fair score, expected ÷ worked time (1.00: as expected)."""
    return decimal(value, 2)


def duration(seconds: float | None) -> str:
    """A length of time for people: "1 h 05 min", "12 min", "1 min 23 s", "40 s"."""
    if seconds is None:
        return NONE
    total = round(seconds)
    if total < 60:
        return QCoreApplication.translate("Figures", "{seconds} s").format(seconds=total)
    if total < 600:  # short tasks: the seconds still tell
        minutes, rest = divmod(total, 60)
        return QCoreApplication.translate("Figures", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=f"{rest:02d}"
        )
    hours, minutes = divmod(total // 60, 60)
    if hours:
        return QCoreApplication.translate("Figures", "{hours} h {minutes} min").format(
            hours=hours, minutes=f"{minutes:02d}"
        )
    return QCoreApplication.translate("Figures", "{minutes} min").format(minutes=minutes)


def per_hour(count: int, rate: float | None) -> str:
    """ "12.5 an hour" under a count (nothing when there was none of it, or no time)."""
    if not count or rate is None:
        return ""
    return QCoreApplication.translate("Figures", "{rate} an hour").format(rate=decimal(rate))


def order_status(status: str) -> str:
    """An order's status (the database's value), for people."""
    names = {
        "open": QCoreApplication.translate("Figures", "open"),
        "on_hold": QCoreApplication.translate("Figures", "on hold"),
        "picking": QCoreApplication.translate("Figures", "being picked"),
        "picked": QCoreApplication.translate("Figures", "picked"),
        "packing": QCoreApplication.translate("Figures", "being packed"),
        "exception": QCoreApplication.translate("Figures", "exception"),
    }
    return names.get(status, status)


def order_type(kind: str) -> str:
    """The kind of order a pack session was (the service's English name), for people."""
    names = {
        "single item": QCoreApplication.translate("Figures", "single item"),
        "one SKU, several units": QCoreApplication.translate("Figures", "one SKU, several units"),
        "mixed": QCoreApplication.translate("Figures", "mixed"),
    }
    return names.get(kind, kind)


def clock(moment: datetime | None, zone: tzinfo | None = None, day: datetime | None = None) -> str:
    """A local time of day (``—`` for none), with its date when it is not on ``day``'s."""
    if moment is None:
        return NONE
    local = moment.astimezone(zone)
    text = QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if day is not None and day.astimezone(zone).date() != local.date():
        date = QLocale().toString(
            QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
        )
        return f"{date} {text}"
    return text


def rate(count: int, value: float | None) -> str:
    """A per-hour rate in a table (``—`` when there was none of that work)."""
    return decimal(value) if count else NONE


def what_we_measure() -> str:
    """The translated copy of the service's ``WHAT_WE_MEASURE``: what the figures count and
    what is never recorded (shown on the dashboard and on everyone's own figures)."""
    return QCoreApplication.translate(
        "Figures",
        "These figures count what the system records as work is done: orders, lines and units "
        "picked and packed, scans that were wrong or too many, weight exceptions, and when carts "
        "and pack sessions start and finish. Each cart and each pack session gets an expected "
        "time from what it asked (the planned walk, locations, lines, units, the kind of order), "
        "learnt from this warehouse's own history; the score is expected time divided by actual "
        "time, so 1.0 means as expected. Time lost to the system (stock not at its location, a "
        "device or printer fault, a store changing the order) is taken out of the person's time. "
        "Nothing else is recorded: no location tracking, no keystrokes, no camera. Team figures "
        "are shown by default; only supervisors see individual figures, and everyone can see "
        "their own.",
    )


class FitLabel(QLabel):
    """A figure in large type that steps its type down until the whole figure fits its width
    ("100.0 %" in a narrow tile), rather than being cut."""

    LARGEST, SMALLEST = 26, 12

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = self.font()
        room = self.contentsRect().width() - 4
        size = self.LARGEST
        while size > self.SMALLEST:
            font.setPointSize(size)
            if room <= 0 or QFontMetrics(font).horizontalAdvance(self.text()) <= room:
                break
            size -= 2
        font.setPointSize(size)
        if font != self.font():
            self.setFont(font)


class Tile(QFrame):
    """One figure in large type under its caption, with an optional line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.value = FitLabel(NONE)
        font = self.value.font()
        font.setPointSize(FitLabel.LARGEST)  # read from across the packing bench
        font.setBold(True)
        self.value.setFont(font)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        set_role(self.detail, "hint")
        for label in (self.caption, self.value, self.detail):
            layout.addWidget(label)
        self.setMinimumWidth(150)
        #: The outcome the figure is coloured as ("" for none; tests read it).
        self.outcome = ""

    def show_value(self, value: str, detail: str = "", outcome: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        if outcome != self.outcome:
            self.outcome = outcome
            colour = TEXT_COLOURS.get(outcome)
            self.value.setStyleSheet(f"color: {colour};" if colour else "")


class TileRow(QWidget):
    """Tiles side by side, found again by their key (``row.tiles["orders"]``)."""

    def __init__(self, captions: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, Tile] = {}
        for key, caption in captions.items():
            tile = Tile(caption)
            self.tiles[key] = tile
            layout.addWidget(tile)


class PeriodPicker(QWidget):
    """Today, this shift, or one clock hour of today: emits :attr:`changed` when the choice
    changes; :meth:`period` is the period chosen, as of now."""

    changed = Signal()

    TODAY, SHIFT, HOUR = "today", "shift", "hour"

    def __init__(
        self,
        settings: ReportSettings,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._settings = settings
        self._now = now or (lambda: datetime.now().astimezone())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Period:")))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Today"), self.TODAY)
        self.kind.addItem(self.tr("This shift"), self.SHIFT)
        self.kind.addItem(self.tr("One hour of today"), self.HOUR)
        self.kind.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.kind)
        self.hour = QComboBox()
        self.hour.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.hour.hide()
        layout.addWidget(self.hour)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.hour.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def choose(self, kind: str, hour: int | None = None) -> None:
        """Pick ``kind`` (and the hour of today for :attr:`HOUR`), as a person would."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if hour is not None:
            self.hour.setCurrentIndex(self.hour.findData(hour))

    def _on_kind(self) -> None:
        if self.kind.currentData() == self.HOUR:
            self._fill_hours()
            self.hour.show()
        else:
            self.hour.hide()
        self.changed.emit()

    def _fill_hours(self) -> None:
        now = self._now().astimezone(local_zone(self._settings))
        chosen = self.hour.currentData()
        self.hour.blockSignals(True)
        self.hour.clear()
        for h in range(now.hour + 1):
            self.hour.addItem(f"{h:02d}:00–{(h + 1) % 24:02d}:00", h)
        index = self.hour.findData(chosen if chosen is not None else now.hour)
        self.hour.setCurrentIndex(index if index >= 0 else self.hour.count() - 1)
        self.hour.blockSignals(False)

    def period(self) -> Period:
        now = self._now()
        kind = self.kind.currentData()
        if kind == self.SHIFT:
            return Period.shift(self._settings, now)
        today = Period.today(self._settings, now)
        if kind == self.HOUR and self.hour.currentData() is not None:
            zone = local_zone(self._settings)
            midnight = today.start.astimezone(zone)
            start = midnight + timedelta(hours=int(self.hour.currentData()))
            return Period.custom(start, start + timedelta(hours=1), self._settings)
        return today
