"""Small charts for the dashboard, on QtCharts (PySide6-Addons).

QtCharts rather than pyqtgraph: it is already installed with PySide6 (no new dependency, no
numpy), it draws categories (hours, age bands) with their labels and a legend out of the box,
it follows the application's palette and layout direction (right to left in Hebrew), and the
dashboard's charts are a few dozen bars refreshed every few seconds, far from the sizes where
pyqtgraph's speed would matter.

This module imports ``PySide6.QtCharts`` at import time: only the dashboard and the personal
figures import it, when first opened, so that the sign-in screen never waits for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Bar colours in the order of the series: distinguishable for the colour-blind (Okabe-Ito).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


class BarChart(QChartView):
    """Grouped bars: one group per category (an hour, an age band), one bar per series.

    :meth:`show_bars` replaces what it shows; :attr:`categories` and :attr:`values` keep the
    last data shown (what a test or a screen reader reads)."""

    def __init__(
        self,
        title: str,
        *,
        horizontal: bool = False,
        parent: QWidget | None = None,
    ):
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._bars: QBarSeries | QHorizontalBarSeries | None = None
        self._value_axis: QValueAxis | None = None
        #: Bars across, the categories down the side: room for longer category names.
        self._horizontal = horizontal
        # Axis labels smaller than the station's large base type: they must fit under bars.
        self._small = QFont(self.font())
        self._small.setPointSize(max(8, self.font().pointSize() - 4))
        chart.setTitleFont(
            QFont(self._small.family(), self._small.pointSize() + 2, QFont.Weight.Bold)
        )
        chart.legend().setFont(self._small)
        self.categories: list[str] = []
        self.values: dict[str, list[float]] = {}

    def show_bars(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]
    ) -> None:
        """Show ``series`` (name, one value per category) over ``categories``. The same data
        again costs nothing; new values over the same categories and series move the bars
        in place (the dashboard refreshes every few seconds, mostly with the same shape)."""
        new_categories = list(categories)
        new_values = {name: [float(v) for v in values] for name, values in series}
        if self._bars is not None and new_categories == self.categories:
            if new_values == self.values:
                return
            if list(new_values) == list(self.values):
                self.categories, self.values = new_categories, new_values
                for bar_set, values in zip(self._bars.barSets(), new_values.values(), strict=True):
                    for i, value in enumerate(values[:: self._order]):
                        bar_set.replace(i, value)
                self._scale()
                return
        self.categories, self.values = new_categories, new_values
        self._build()

    @property
    def _order(self) -> int:
        # Bars across are drawn from the bottom up: reversed, the first category is on top.
        return -1 if self._horizontal else 1

    def _build(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QHorizontalBarSeries() if self._horizontal else QBarSeries()
        for i, (name, values) in enumerate(self.values.items()):
            bar_set = QBarSet(name)
            bar_set.setColor(COLOURS[i % len(COLOURS)])
            bar_set.append(values[:: self._order])
            bars.append(bar_set)
        chart.addSeries(bars)
        x_axis = QBarCategoryAxis()
        x_axis.append(self.categories[:: self._order] or [""])
        x_axis.setLabelsFont(self._small)
        # QtCharts measures labels at the application's (large) type and cuts them to "...":
        # the small labels it draws fit whole.
        x_axis.setTruncateLabels(False)
        category_side, value_side = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        if self._horizontal:
            category_side, value_side = value_side, category_side
        chart.addAxis(x_axis, category_side)
        bars.attachAxis(x_axis)
        self._value_axis = QValueAxis()
        self._value_axis.setLabelsFont(self._small)
        self._value_axis.setTickCount(6)  # 0-5, 0-10, 0-20, 0-50 ...: whole steps
        self._value_axis.setLabelFormat("%d")
        chart.addAxis(self._value_axis, value_side)
        bars.attachAxis(self._value_axis)
        chart.legend().setVisible(len(self.values) > 1)
        self._bars = bars
        self._scale()

    def _scale(self) -> None:
        top = max((v for values in self.values.values() for v in values), default=0.0)
        if self._value_axis is not None:
            self._value_axis.setRange(0, _nice_top(top))


def _nice_top(value: float) -> float:
    """A round top for the value axis, above ``value`` (at least 5, so that an empty or a
    quiet hour does not draw a scale of fractions)."""
    if value <= 5:
        return 5.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)
