"""The admins' list of products missing data (no weight, no barcode or no location, store
sync's placeholders among them), edited in place.

Each edited cell is saved on its own through the catalogue's service off the GUI thread; a
refused value keeps its cell marked, with the service's sentence beside it in the row, until
it is put right. A product with nothing missing any more leaves the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..context import AppContext
from ..services.product_data import ProductGap, format_barcodes
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .theme import OUTCOME_COLOURS
from .widgets import MessageLabel, hint, no_focus

#: The editable columns and the product field each one sets.
EDITABLE = {
    2: "weight_g",
    3: "length_mm",
    4: "width_mm",
    5: "height_mm",
    6: "location",
    7: "barcodes",
}
MISSING_COLUMN, PROBLEM_COLUMN = 8, 9
_REFUSED = QColor(OUTCOME_COLOURS["bad"])
_REFUSED.setAlpha(60)  # the text stays readable on it


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class SettingsProductsView(Screen):
    """Products missing data, for admins (the service checks the right to change the
    catalogue)."""

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Products missing data"), parent)
        self._context, self._runner, self._sounds = context, runner, sounds
        self._filling = False
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Name"), self.tr("Weight (g)"), self.tr("Length (mm)"),
             self.tr("Width (mm)"), self.tr("Height (mm)"), self.tr("Location"),
             self.tr("Barcodes (code ×pieces)"), self.tr("Missing"), self.tr("Problem")]
        )  # fmt: skip
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._on_item_changed)
        self.body.addWidget(
            hint(
                self.tr(
                    "Double-click a cell to fill it in; it is saved when you leave it. "
                    "Barcodes: codes separated by commas, a case's with ×6 after it for six "
                    "pieces."
                )
            )
        )
        self.body.addWidget(self.table, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.on_refresh)
        no_focus(self.refresh_button)
        self.body.addWidget(self.refresh_button)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    # -- the list --------------------------------------------------------------------------

    def on_refresh(self) -> None:
        actor = self._actor
        assert actor is not None
        data = self._context.catalogue.missing_data
        self._runner.run(lambda: data.missing(actor), self._show, self.message.show_error)

    def _show(self, gaps: list[ProductGap]) -> None:
        self._filling = True
        try:
            self.table.setRowCount(len(gaps))
            for row, gap in enumerate(gaps):
                self._fill_row(row, gap)
        finally:
            self._filling = False
        self.table.resizeColumnsToContents()
        if gaps:
            self.message.show_info(
                self.tr("{count} product(s) miss a weight, a barcode or a location.").format(
                    count=len(gaps)
                )
            )
        else:
            self.message.show_done(self.tr("Every product has a weight, a barcode and a location."))

    def _missing_text(self, gap: ProductGap) -> str:
        names = {
            "weight": self.tr("weight"),
            "barcode": self.tr("barcode"),
            "location": self.tr("location"),
        }
        text = ", ".join(names[m] for m in gap.missing)
        if gap.placeholder:
            text += " " + self.tr("(from store sync)")
        return text

    def _fill_row(self, row: int, gap: ProductGap) -> None:
        values = [
            gap.sku, gap.name, _number(gap.weight_g), _number(gap.length_mm),
            _number(gap.width_mm), _number(gap.height_mm), gap.location or "",
            format_barcodes(gap.barcodes), self._missing_text(gap), "",
        ]  # fmt: skip
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column not in EDITABLE:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)

    def row_of(self, sku: str) -> int | None:
        """The row showing ``sku`` now (rows move as products leave the list)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == sku:
                return row
        return None

    # -- editing ---------------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in EDITABLE:
            return
        sku_item = self.table.item(item.row(), 0)
        actor = self._actor
        if sku_item is None or actor is None:
            return
        sku, field, text = sku_item.text(), EDITABLE[item.column()], item.text()
        data = self._context.catalogue.missing_data
        self._runner.run(
            lambda: data.edit(actor, sku, field, text),
            lambda gap: self._saved(item.column(), gap),
            lambda error: self._refused(sku, item.column(), error),
        )

    def _saved(self, column: int, gap: ProductGap) -> None:
        row = self.row_of(gap.sku)
        if row is None:
            return
        if gap.complete:
            self.table.removeRow(row)
            self.message.show_done(
                self.tr("{sku} is complete and leaves the list.").format(sku=gap.sku)
            )
            self._sounds.play("complete")
            return
        self._filling = True
        try:
            self._fill_row(row, gap)
        finally:
            self._filling = False
        header = self.table.horizontalHeaderItem(column)
        self.message.show_ok(
            self.tr("{sku}: {what} saved.").format(
                sku=gap.sku, what=header.text() if header else ""
            )
        )

    def _refused(self, sku: str, column: int, error: Exception) -> None:
        row = self.row_of(sku)
        self.message.show_error(error)
        self._sounds.play("invalid")
        if row is None:
            return
        self._filling = True
        try:
            cell = self.table.item(row, column)
            if cell is not None:
                cell.setBackground(QBrush(_REFUSED))
                cell.setToolTip(str(error))
            problem = self.table.item(row, PROBLEM_COLUMN)
            if problem is not None:
                problem.setText(str(error))
        finally:
            self._filling = False
