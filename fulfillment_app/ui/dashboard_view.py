"""The supervisors' live dashboard: the team's figures for today, this shift or an hour, in
large tiles, charts and tables, refreshed every few seconds off the GUI thread.

Fair productivity sits next to the raw rates: each cart and pack session is scored against
the time expected from what it asked (see ``services/metrics_model.py``), time lost to the
system taken out. Team figures by default; each person's only when the supervisor asks for
them (the service decides who may), and the screen says what it measures.

The charts come from QtCharts, imported with this module: the main window imports it only
when the dashboard is first opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..errors import FulfillmentError
from ..services.metrics_types import AGE_BUCKETS, Dashboard, GroupFigures, Throughput
from ..services.shift_report import WrittenReport, suggested_name, write_shift_report
from . import dashboard_tiles as fmt
from .charts import BarChart
from .dashboard_tiles import PeriodPicker, TileRow
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .theme import BAD, GOOD, WARN
from .widgets import MessageLabel, fill_rows, hint, no_focus, row_table

log = logging.getLogger(__name__)

#: How often the figures are fetched again while the dashboard is shown.
REFRESH_MS = 5_000

#: The backlog's age bands against the cut-off, as people read them.
AGE_NAMES = {
    "overdue": QT_TRANSLATE_NOOP("DashboardView", "Overdue"),
    "due in 2 h": QT_TRANSLATE_NOOP("DashboardView", "Within 2 h"),
    "due in 2-8 h": QT_TRANSLATE_NOOP("DashboardView", "In 2–8 h"),
    "due in 8-24 h": QT_TRANSLATE_NOOP("DashboardView", "In 8–24 h"),
    "later": QT_TRANSLATE_NOOP("DashboardView", "Later"),
    "no cut-off": QT_TRANSLATE_NOOP("DashboardView", "No cut-off"),
}


def age_name(bucket: str) -> str:
    return QCoreApplication.translate("DashboardView", str(AGE_NAMES.get(bucket, bucket)))


def _has_work(f: Throughput) -> bool:
    return any((f.orders_packed, f.lines_picked, f.units_picked, f.lines_packed, f.units_packed))


class DashboardView(Screen):
    """The live dashboard (Permission.VIEW_REPORTS).

    While shown it fetches the figures every :data:`REFRESH_MS` on the runner's ``metrics``
    lane, never two at once: a tick that comes while a fetch runs is skipped, and a change of
    period during a fetch fetches again as soon as it ends. :attr:`dashboard` is the last
    figures shown (``None`` before the first)."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        *,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Throughput"), parent)
        self._metrics = context.metrics
        self._runner = runner
        self._sounds = sounds
        self.dashboard: Dashboard | None = None
        self._loading = False
        self._again = False
        #: Fetches started (for tests: the refresh keeps going, one at a time).
        self.fetches = 0
        self._rows: dict[int, list[tuple[str, ...]]] = {}  # by table: the rows shown
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

        top = QHBoxLayout()
        self.period_picker = PeriodPicker(context.settings.reports, now)
        self.period_picker.changed.connect(self.refresh)
        top.addWidget(self.period_picker)
        self.individual = QCheckBox(self.tr("Show each person's figures"))
        self.individual.setToolTip(
            self.tr("Individual figures are for supervisors; the team's are shown by default.")
        )
        no_focus(self.individual)
        self.individual.toggled.connect(self._on_individual)
        top.addWidget(self.individual)
        top.addStretch(1)
        self.updated = QLabel("")
        top.addWidget(self.updated)
        self.save_button = QPushButton(self.tr("Save shift report…"))
        no_focus(self.save_button)
        self.save_button.clicked.connect(self.on_save_clicked)
        top.addWidget(self.save_button)
        self.body.addLayout(top)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

        content = QWidget()
        column = QVBoxLayout(content)
        self.privacy = hint(fmt.what_we_measure())
        column.addWidget(self.privacy)
        self.work_tiles = TileRow(
            {
                "orders_packed": self.tr("Orders packed"),
                "lines_picked": self.tr("Lines picked"),
                "units_picked": self.tr("Units picked"),
                "lines_packed": self.tr("Lines packed"),
                "units_packed": self.tr("Units packed"),
                "score": self.tr("Fair score (1.00 = as expected)"),
                "stores": self.tr("Waiting for the stores"),
            }
        )
        column.addWidget(self.work_tiles)
        self.flow_tiles = TileRow(
            {
                "backlog": self.tr("Backlog"),
                "at_risk": self.tr("At risk of missing the cut-off"),
                "on_time": self.tr("Shipped on time"),
                "fill_rate": self.tr("Fill rate"),
                "pick_accuracy": self.tr("Pick accuracy"),
                "pack_accuracy": self.tr("Pack accuracy"),
                "lost": self.tr("Time lost to the system"),
                "active": self.tr("Time in tasks"),
            }
        )
        column.addWidget(self.flow_tiles)
        self.tiles = {**self.work_tiles.tiles, **self.flow_tiles.tiles}

        charts = QHBoxLayout()
        self.throughput_chart = BarChart(self.tr("Throughput by hour"))
        self.backlog_chart = BarChart(self.tr("Backlog by cut-off"), horizontal=True)
        self.accuracy_chart = BarChart(self.tr("Accuracy: scan problems"))
        for chart in (self.throughput_chart, self.backlog_chart, self.accuracy_chart):
            charts.addWidget(chart, 1)
        column.addLayout(charts)

        self.tabs = QTabWidget()
        self.hours_table = row_table(
            [self.tr("Hour"), self.tr("Orders packed"), self.tr("Lines picked"),
             self.tr("Units picked"), self.tr("Lines packed"), self.tr("Units packed")]
        )  # fmt: skip
        self.tabs.addTab(self.hours_table, self.tr("By hour"))
        self.fair_table = row_table(
            [self.tr("Work"), self.tr("Tasks"), self.tr("Expected"), self.tr("Worked"),
             self.tr("Lost to the system"), self.tr("Score")]
        )  # fmt: skip
        self.tabs.addTab(self.fair_table, self.tr("Fair productivity"))
        self.people_table = row_table(
            [self.tr("Person"), self.tr("Lines picked / h"), self.tr("Units packed / h"),
             self.tr("Tasks"), self.tr("Expected"), self.tr("Worked"), self.tr("Score"),
             self.tr("Lost to the system"), self.tr("Active / signed in"),
             self.tr("Between tasks")]
        )  # fmt: skip
        self.tabs.addTab(self.people_table, self.tr("People"))
        self.zones_table = row_table(
            [self.tr("Zone"), self.tr("Lines picked"), self.tr("Units picked")]
        )
        self.tabs.addTab(self.zones_table, self.tr("Zones"))
        self.stations_table = self._group_table(self.tr("Station"))
        self.tabs.addTab(self.stations_table, self.tr("Stations"))
        self.backlog_table = row_table([self.tr("Status or cut-off"), self.tr("Orders")])
        self.tabs.addTab(self.backlog_table, self.tr("Backlog"))
        self.risk_table = row_table(
            [self.tr("Order"), self.tr("Status"), self.tr("Cut-off"), self.tr("Time left")]
        )
        self.tabs.addTab(self.risk_table, self.tr("At risk"))
        self.stores_table = row_table(
            [self.tr("Store"), self.tr("Last sync"), self.tr("Waiting"), self.tr("Parked"),
             self.tr("Problem")]
        )  # fmt: skip
        self.tabs.addTab(self.stores_table, self.tr("Stores"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.people_table), False)
        self.tabs.setMinimumHeight(260)
        column.addWidget(self.tabs)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)

    def _group_table(self, name: str) -> QTableWidget:
        return row_table(
            [name, self.tr("Orders packed"), self.tr("Lines picked"), self.tr("Units picked"),
             self.tr("Lines packed"), self.tr("Units packed")]
        )  # fmt: skip

    # -- fetching ----------------------------------------------------------------------------

    def on_refresh(self) -> None:
        # Each opening starts from the team's figures (privacy by default).
        self.individual.blockSignals(True)
        self.individual.setChecked(False)
        self.individual.blockSignals(False)
        self.tabs.setTabVisible(self.tabs.indexOf(self.people_table), False)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()  # nobody looks: no queries
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Shown again without being opened from home (the window restored): the next tick
        # refreshes. Opened from home, activate() refreshes at once.
        if self._actor is not None:
            self._timer.start()
        super().showEvent(event)

    def stop(self) -> None:
        """No more refreshes (the window closes)."""
        self._timer.stop()

    def refresh(self) -> None:
        """Fetch the figures of the chosen period off the GUI thread, one fetch at a time."""
        actor = self._actor
        if actor is None:
            return
        if self._loading:
            self._again = True
            return
        try:
            period = self.period_picker.period()
        except FulfillmentError as error:  # a time zone in the settings that is not known
            self.message.show_error(error)
            return
        individual = self.individual.isChecked()
        metrics = self._metrics
        self._loading = True
        self._again = False
        self.fetches += 1
        self._runner.run(
            lambda: metrics.dashboard(actor, period, individual=individual),
            self._show,
            self._failed,
            lane="metrics",
        )

    def _after_fetch(self) -> None:
        self._loading = False
        if self._again:
            self.refresh()

    def _failed(self, error: FulfillmentError) -> None:
        self._after_fetch()
        self.message.show_error(error)
        if self.individual.isChecked() and self.dashboard is None:
            self.individual.setChecked(False)

    def _on_individual(self, checked: bool) -> None:
        self.tabs.setTabVisible(self.tabs.indexOf(self.people_table), checked)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------

    def _show(self, dashboard: Dashboard) -> None:
        self._after_fetch()
        if self._again:
            return  # a newer choice is on its way
        self.dashboard = dashboard
        self.message.clear()
        zone = dashboard.period.zone
        self.updated.setText(
            self.tr("Updated {time}").format(time=fmt.clock(dashboard.generated_at, zone))
        )
        total = dashboard.timings.get("total")
        if total is not None:
            self.updated.setToolTip(
                self.tr("The figures took {ms} ms to compute.").format(ms=fmt.whole(total * 1000))
            )
        self._show_tiles(dashboard)
        self._show_charts(dashboard)
        self._show_tables(dashboard)

    def _show_tiles(self, d: Dashboard) -> None:
        team, t = d.team, self.tiles
        t["orders_packed"].show_value(
            fmt.whole(team.orders_packed),
            fmt.per_hour(team.orders_packed, team.orders_packed_per_hour),
        )
        t["lines_picked"].show_value(
            fmt.whole(team.lines_picked),
            fmt.per_hour(team.lines_picked, team.lines_picked_per_hour),
        )
        t["units_picked"].show_value(
            fmt.whole(team.units_picked),
            fmt.per_hour(team.units_picked, team.units_picked_per_hour),
        )
        t["lines_packed"].show_value(fmt.whole(team.lines_packed))
        t["units_packed"].show_value(
            fmt.whole(team.units_packed),
            fmt.per_hour(team.units_packed, team.units_packed_per_hour),
        )
        fair = d.productivity
        t["score"].show_value(
            fmt.score(fair.score),
            self.tr("{count} tasks").format(count=fmt.whole(len(fair.tasks))),
        )
        t["backlog"].show_value(fmt.whole(d.backlog.total), "", WARN if d.backlog.total else "")
        overdue = d.backlog.by_age.get("overdue", 0)
        t["at_risk"].show_value(
            fmt.whole(d.at_risk_count),
            self.tr("{count} overdue").format(count=fmt.whole(overdue)) if overdue else "",
            BAD if d.at_risk_count or overdue else GOOD,
        )
        t["on_time"].show_value(
            fmt.percent(d.on_time_rate),
            self.tr("of {count} shipped").format(count=fmt.whole(d.orders_shipped)),
        )
        t["fill_rate"].show_value(fmt.percent(d.fill_rate))
        for key, acc in (("pick_accuracy", d.pick_accuracy), ("pack_accuracy", d.pack_accuracy)):
            t[key].show_value(
                fmt.percent(acc.accuracy),
                self.tr("{wrong} wrong of {scans} scans").format(
                    wrong=fmt.whole(acc.wrong), scans=fmt.whole(acc.scans)
                ),
            )
        waiting = sum(s.pending + s.parked for s in d.stores)
        failing = [s.store for s in d.stores if not s.healthy]
        t["stores"].show_value(
            fmt.whole(waiting),
            self.tr("Sync problem: {stores}").format(stores=", ".join(failing))
            if failing
            else self.tr("Every store in sync"),
            BAD if failing else (WARN if waiting else GOOD),
        )
        t["lost"].show_value(fmt.duration(fair.lost_s))
        t["active"].show_value(
            fmt.duration(team.hours * 3600 if team.hours is not None else None),
            self.tr("carts and pack sessions"),
        )

    def _show_charts(self, d: Dashboard) -> None:
        self.throughput_chart.show_bars(
            [f"{h.hour:%H}" for h in d.by_hour],
            [
                (self.tr("Lines picked"), [h.figures.lines_picked for h in d.by_hour]),
                (self.tr("Units packed"), [h.figures.units_packed for h in d.by_hour]),
                (self.tr("Orders packed"), [h.figures.orders_packed for h in d.by_hour]),
            ],
        )
        self.backlog_chart.show_bars(
            [age_name(b) for b in AGE_BUCKETS],
            [(self.tr("Orders"), [d.backlog.by_age.get(b, 0) for b in AGE_BUCKETS])],
        )
        pick, pack = d.pick_accuracy, d.pack_accuracy
        self.accuracy_chart.show_bars(
            [self.tr("Wrong"), self.tr("Too many"), self.tr("Unknown"), self.tr("Weight")],
            [
                (self.tr("Picking"), [pick.wrong, pick.over_scans, pick.unknown,
                                      pick.weight_exceptions]),
                (self.tr("Packing"), [pack.wrong, pack.over_scans, pack.unknown,
                                      pack.weight_exceptions]),
            ],
        )  # fmt: skip

    def _show_tables(self, d: Dashboard) -> None:
        worked = [h for h in d.by_hour if _has_work(h.figures)]
        self._fill(
            self.hours_table, [(f"{h.hour:%H:%M}", *self._counts(h.figures)) for h in worked]
        )
        self._fill(self.fair_table, self._fair_rows(d))
        self._fill(
            self.people_table,
            [
                (
                    p.person,
                    fmt.rate(p.figures.lines_picked, p.figures.lines_picked_per_hour),
                    fmt.rate(p.figures.units_packed, p.figures.units_packed_per_hour),
                    fmt.whole(p.tasks),
                    fmt.duration(p.expected_s),
                    fmt.duration(p.worked_s),
                    fmt.score(p.score),
                    fmt.duration(p.lost_s),
                    self.tr("{active} of {signed_in} ({share})").format(
                        active=fmt.duration(p.active_s),
                        signed_in=fmt.duration(p.signed_in_s),
                        share=fmt.percent(p.active_share),
                    ),
                    fmt.duration(p.mean_transition_s),
                )
                for p in (d.people if d.individual else [])
            ],
        )
        self._fill(
            self.zones_table,
            [
                (g.key, fmt.whole(g.figures.lines_picked), fmt.whole(g.figures.units_picked))
                for g in d.by_zone
            ],
        )
        self._fill(self.stations_table, self._group_rows(d.by_station))
        backlog: list[tuple[str, ...]] = [
            (fmt.order_status(status), fmt.whole(n)) for status, n in d.backlog.by_status.items()
        ]
        backlog += [(age_name(b), fmt.whole(d.backlog.by_age.get(b, 0))) for b in AGE_BUCKETS]
        self._fill(self.backlog_table, backlog)
        self._fill(
            self.risk_table,
            [
                (
                    o.number,
                    fmt.order_status(o.status),
                    fmt.clock(o.ship_by, d.period.zone, d.generated_at),
                    fmt.duration(o.minutes_left * 60)
                    if o.minutes_left >= 0
                    else self.tr("{time} late").format(time=fmt.duration(-o.minutes_left * 60)),
                )
                for o in d.at_risk
            ],
        )
        self._fill(
            self.stores_table,
            [
                (
                    s.store,
                    fmt.clock(s.last_synced_at, d.period.zone, d.generated_at),
                    fmt.whole(s.pending),
                    fmt.whole(s.parked),
                    s.last_error or self.tr("None"),
                )
                for s in d.stores
            ],
        )

    @staticmethod
    def _counts(f: object) -> tuple[str, ...]:
        return tuple(
            fmt.whole(getattr(f, name))
            for name in ("orders_packed", "lines_picked", "units_picked", "lines_packed",
                         "units_packed")
        )  # fmt: skip

    def _fill(self, table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        """Refill ``table`` only when its rows changed (most refreshes change little)."""
        if self._rows.get(id(table)) != rows:
            self._rows[id(table)] = rows
            fill_rows(table, rows)

    def _group_rows(self, groups: list[GroupFigures]) -> list[tuple[str, ...]]:
        return [(g.key or self.tr("(none)"), *self._counts(g.figures)) for g in groups]

    def _fair_rows(self, d: Dashboard) -> list[tuple[str, ...]]:
        """The team's fair figures by kind of work (carts, pack sessions by order type)."""
        groups: dict[str, list[float]] = {}
        for task in d.productivity.tasks:
            if task.kind == "cart":
                name = self.tr("Carts picked")
            else:
                name = self.tr("Packing: {kind}").format(kind=fmt.order_type(task.order_type))
            tally = groups.setdefault(name, [0, 0.0, 0.0, 0.0])
            tally[0] += 1
            tally[1] += task.expected_s
            tally[2] += task.worked_s
            tally[3] += task.lost_s
        rows: list[tuple[str, ...]] = [
            (name, fmt.whole(n), fmt.duration(e), fmt.duration(w), fmt.duration(lost),
             fmt.score(e / w if w else None))
            for name, (n, e, w, lost) in sorted(groups.items())
        ]  # fmt: skip
        p = d.productivity
        rows.append(
            (self.tr("All work"), fmt.whole(len(p.tasks)), fmt.duration(p.expected_s),
             fmt.duration(p.worked_s), fmt.duration(p.lost_s), fmt.score(p.score))
        )  # fmt: skip
        return rows

    # -- the shift report --------------------------------------------------------------------

    def on_save_clicked(self) -> None:
        try:
            period = self.period_picker.period()
        except FulfillmentError as error:
            self.message.show_error(error)
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the shift report"),
            str(Path.home() / suggested_name(period.start, "pdf", period.zone)),
            self.tr("PDF document (*.pdf);;CSV table (*.csv)"),
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        """Write the report of the chosen period to ``path`` (CSV or PDF by its suffix; PDF
        when it has neither), off the GUI thread: the figures' SQL and the PDF take a while."""
        actor = self._actor
        if actor is None:
            return
        try:
            period = self.period_picker.period()
        except FulfillmentError as error:
            self.message.show_error(error)
            return
        if path.suffix.lower() not in (".csv", ".pdf"):
            path = path.with_suffix(".pdf")
        kind = path.suffix.lower()[1:]
        language = "he" if QLocale().language() == QLocale.Language.Hebrew else "en"
        metrics = self._metrics
        self.message.show_info(self.tr("Saving the shift report…"))
        self._runner.run(
            lambda: write_shift_report(
                metrics, actor, period.start, period.end, kind, path, language
            ),
            self._saved,
            self.message.show_error,
            lane="metrics",
        )

    def _saved(self, written: WrittenReport) -> None:
        self.message.show_ok(
            self.tr("The shift report was saved to {path}.").format(path=str(written.path))
        )
