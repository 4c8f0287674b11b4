"""The order's lines on the packer's screen: a table model that a scan updates one row at a
time (a 200-line order repaints one row per scan, never the whole table), with the product
images loaded off the GUI thread and kept."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from ..services.pack_types import LineView
from .tasks import TaskRunner

THUMB = 56

#: Row colours by state (background, text): readable on a bright warehouse screen.
ROW_COLOURS = {
    "todo": (None, None),
    "partial": ("#fff3cd", "#4a3800"),
    "done": ("#c8e6c9", "#0d3b12"),
    "short": ("#e0e0e0", "#424242"),
}

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    """One line as the screen shows it; ``packed`` moves with the scans."""

    key: Any
    sku: str
    name: str
    location: str
    image: str | None
    barcode: str
    quantity: int
    packed: int
    short: int = 0

    @property
    def state(self) -> str:
        if self.packed >= self.quantity:
            return "done"
        if self.short and self.packed + self.short >= self.quantity:
            return "short"
        return "partial" if self.packed else "todo"


def row_of(line: LineView) -> Row:
    """The screen's row for a line of the service's view (fields the service may not give yet
    are empty)."""
    line_id = getattr(line, "line_id", None)
    return Row(
        key=line_id if line_id is not None else line.sku,
        sku=line.sku,
        name=line.name,
        location=getattr(line, "location", "") or "",
        image=getattr(line, "image", None),
        barcode=getattr(line, "barcode", "") or "",
        quantity=line.quantity,
        packed=line.packed,
        short=getattr(line, "short", 0) or 0,
    )


class PackLinesModel(QAbstractTableModel):
    """The lines of the order being packed (columns: image, product, SKU, location, to pack,
    packed)."""

    COLUMNS = (
        "",
        QT_TRANSLATE_NOOP("PackLinesModel", "Product"),
        QT_TRANSLATE_NOOP("PackLinesModel", "SKU"),
        QT_TRANSLATE_NOOP("PackLinesModel", "Location"),
        QT_TRANSLATE_NOOP("PackLinesModel", "Order"),
        QT_TRANSLATE_NOOP("PackLinesModel", "Packed"),
    )

    def __init__(self, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self.rows: list[Row] = []
        self._where: dict[Any, int] = {}
        self._pixmaps: dict[str, QPixmap | None] = {}  # None: loading or not loadable

    # -- filling and updating ------------------------------------------------------------------

    def set_lines(self, lines: list[LineView]) -> None:
        self.beginResetModel()
        self.rows = [row_of(line) for line in lines]
        self._where = {row.key: i for i, row in enumerate(self.rows)}
        self.endResetModel()

    def row_for(self, key: Any) -> int | None:
        return self._where.get(key)

    def set_packed(self, key: Any, packed: int) -> int | None:
        """Update one line's count; returns its row (None for a line the model does not
        have). Only that row is repainted."""
        row = self._where.get(key)
        if row is None:
            return None
        before = self.rows[row]
        if before.packed != packed:
            self.rows[row] = replace(before, packed=packed)
            # Cell by cell: a view repaints a single changed cell, but the whole table for a
            # range. The colour (every cell) changes only with the line's state.
            columns = range(len(self.COLUMNS)) if before.state != self.rows[row].state else (5,)
            for column in columns:
                cell = self.index(row, column)
                self.dataChanged.emit(cell, cell)
        return row

    def merge(self, lines: list[LineView]) -> list[int]:
        """Take the counts of a fresh view of the same order; returns the rows that changed."""
        fresh = [row_of(line) for line in lines]
        if [r.key for r in fresh] != [r.key for r in self.rows]:
            self.set_lines(lines)
            return list(range(len(self.rows)))
        changed = []
        for i, row in enumerate(fresh):
            if row != self.rows[i]:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                changed.append(i)
        return changed

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.COLUMNS[section])) if self.COLUMNS[section] else ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._pixmap(row.image)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, foreground = ROW_COLOURS[row.state]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else foreground
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: Row, column: int) -> str | None:
        if column == 1:
            return row.name
        if column == 2:
            return f"{row.sku}\n{row.barcode}" if row.barcode else row.sku
        if column == 3:
            return row.location
        if column == 4:
            return str(row.quantity)
        if column == 5:
            if row.short:
                return self.tr("{packed} (short {short})").format(
                    packed=row.packed, short=row.short
                )
            return str(row.packed)
        return None

    # -- images, loaded in their own lane ------------------------------------------------------

    def _pixmap(self, path: str | None) -> QPixmap | None:
        if not path:
            return None
        if path in self._pixmaps:
            return self._pixmaps[path]
        self._pixmaps[path] = None  # asked once: loading
        self._runner.run(lambda: _thumbnail(path), lambda image: self._loaded(path, image),
                         lambda _error: None, lane="images")  # fmt: skip
        return None

    def _loaded(self, path: str, image: QImage | None) -> None:
        if image is None or image.isNull():
            return
        self._pixmaps[path] = QPixmap.fromImage(image)
        for i, row in enumerate(self.rows):
            if row.image == path:
                self.dataChanged.emit(self.index(i, 0), self.index(i, 0))

    def image_ready(self, path: str) -> bool:
        return self._pixmaps.get(path) is not None


def _thumbnail(path: str) -> QImage | None:
    """The image scaled for the table (runs in the images lane: QImage, unlike QPixmap, may be
    made off the GUI thread)."""
    image = QImage(path)
    if image.isNull():
        return None
    return image.scaled(
        THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class OrderProgress(QWidget):
    """The order's progress bar: pieces packed of the pieces ordered. Painted in the next
    frame like any widget (a QProgressBar repaints at once on each change, a millisecond or
    more of every scan)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value, self._maximum = 0, 1
        self.setMinimumHeight(32)

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def setRange(self, minimum: int, maximum: int) -> None:
        self._maximum = max(1, maximum)
        self.update()

    def setValue(self, value: int) -> None:
        if value != self._value:
            self._value = value
            self.update()

    def text(self) -> str:
        return self.tr("{packed} of {total} packed").format(packed=self._value, total=self._maximum)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect()
        painter.fillRect(rect, QColor("#e0e0e0"))
        done = self._value >= self._maximum
        width = round(rect.width() * min(1.0, self._value / self._maximum))
        painter.fillRect(0, 0, width, rect.height(), QColor("#1565c0" if done else "#2e7d32"))
        font = painter.font()
        font.setPointSize(14)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#111111"))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.text())
