"""Everyone's own figures, opened from their home screen: what they did, how it compares with
what their tasks were expected to take, and what is measured. Only the signed-in person's
own: the service gives nobody else's through this screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..context import AppContext
from ..errors import FulfillmentError
from ..services.metrics_types import MyFigures
from . import dashboard_tiles as fmt
from .charts import BarChart
from .dashboard_tiles import PeriodPicker, TileRow
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel, fill_rows, hint, no_focus, row_table


class MyFiguresView(Screen):
    """The signed-in person's figures for today, this shift or an hour. :attr:`figures` is
    the last shown (``None`` before the first)."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        *,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("My figures"), parent)
        self._metrics = context.metrics
        self._runner = runner
        self.figures: MyFigures | None = None
        self._loading = False
        self._again = False

        top = QHBoxLayout()
        self.period_picker = PeriodPicker(context.settings.reports, now)
        self.period_picker.changed.connect(self.on_refresh)
        top.addWidget(self.period_picker)
        top.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        no_focus(self.refresh_button)
        self.refresh_button.clicked.connect(self.on_refresh)
        top.addWidget(self.refresh_button)
        self.body.addLayout(top)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

        content = QWidget()
        column = QVBoxLayout(content)
        self.work_tiles = TileRow(
            {
                "lines_picked": self.tr("Lines I picked"),
                "units_picked": self.tr("Units I picked"),
                "orders_packed": self.tr("Orders I packed"),
                "units_packed": self.tr("Units I packed"),
            }
        )
        column.addWidget(self.work_tiles)
        self.time_tiles = TileRow(
            {
                "score": self.tr("My fair score (1.00 = as expected)"),
                "active": self.tr("Active of signed-in time"),
                "lost": self.tr("Time lost to the system (not counted against me)"),
                "between": self.tr("Between tasks, on average"),
            }
        )
        column.addWidget(self.time_tiles)
        self.tiles = {**self.work_tiles.tiles, **self.time_tiles.tiles}
        self.chart = BarChart(self.tr("My work by hour"))
        column.addWidget(self.chart)
        self.tasks_table = row_table(
            [self.tr("Task"), self.tr("Started"), self.tr("Finished"), self.tr("Expected"),
             self.tr("Worked"), self.tr("Lost to the system"), self.tr("Score")]
        )  # fmt: skip
        self.tasks_table.setMinimumHeight(200)
        column.addWidget(self.tasks_table)
        column.addWidget(hint(fmt.what_we_measure()))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)

    def on_refresh(self) -> None:
        actor = self._actor
        if actor is None:
            return
        if self._loading:
            self._again = True
            return
        try:
            period = self.period_picker.period()
        except FulfillmentError as error:
            self.message.show_error(error)
            return
        metrics = self._metrics
        self._loading, self._again = True, False
        self._runner.run(
            lambda: metrics.my_figures(actor, period), self._show, self._failed, lane="metrics"
        )

    def _done(self) -> bool:
        """End of a fetch; whether a newer one was asked for meanwhile (and is now on)."""
        self._loading = False
        if self._again:
            self.on_refresh()
            return True
        return False

    def _failed(self, error: FulfillmentError) -> None:
        if not self._done():
            self.message.show_error(error)

    def _show(self, figures: MyFigures) -> None:
        if self._done():
            return
        self.figures = figures
        self.message.clear()
        p, t = figures.person, self.tiles
        f = p.figures
        t["lines_picked"].show_value(
            fmt.whole(f.lines_picked), fmt.per_hour(f.lines_picked, f.lines_picked_per_hour)
        )
        t["units_picked"].show_value(
            fmt.whole(f.units_picked), fmt.per_hour(f.units_picked, f.units_picked_per_hour)
        )
        t["orders_packed"].show_value(
            fmt.whole(f.orders_packed), fmt.per_hour(f.orders_packed, f.orders_packed_per_hour)
        )
        t["units_packed"].show_value(
            fmt.whole(f.units_packed), fmt.per_hour(f.units_packed, f.units_packed_per_hour)
        )
        t["score"].show_value(
            fmt.score(p.score), self.tr("{count} tasks").format(count=fmt.whole(p.tasks))
        )
        t["active"].show_value(
            fmt.percent(p.active_share),
            self.tr("{active} of {signed_in}").format(
                active=fmt.duration(p.active_s), signed_in=fmt.duration(p.signed_in_s)
            ),
        )
        t["lost"].show_value(fmt.duration(p.lost_s))
        t["between"].show_value(fmt.duration(p.mean_transition_s))
        hours = figures.by_hour
        self.chart.show_bars(
            [f"{h.hour:%H}" for h in hours],
            [
                (self.tr("Lines picked"), [h.figures.lines_picked for h in hours]),
                (self.tr("Units packed"), [h.figures.units_packed for h in hours]),
            ],
        )
        zone = figures.period.zone
        fill_rows(
            self.tasks_table,
            [
                (
                    self.tr("Cart {number}").format(number=task.id)
                    if task.kind == "cart"
                    else self.tr("Packing ({kind})").format(kind=fmt.order_type(task.order_type)),
                    fmt.clock(task.started_at, zone, figures.period.end),
                    fmt.clock(task.finished_at, zone, figures.period.end),
                    fmt.duration(task.expected_s),
                    fmt.duration(task.worked_s),
                    fmt.duration(task.lost_s),
                    fmt.score(task.score),
                )
                for task in figures.tasks
            ],
        )
