"""The Packing settings tab (admins): the station's box types (code, inner sides, tare, the
most a packed box may weigh), the weight gate's tolerance and the dunnage allowance."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..config import PackingSettings
from ..packing.boxes import BoxType, format_boxes, parse_boxes
from ..services.settings_edit import SettingsEditor
from .settings_form import FieldError, SettingsForm, number, read_number
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import hint, no_focus

#: The boxes table's columns, by what they hold.
COLUMNS = ("code", "length", "width", "height", "tare", "max")
NUMBER_FIELDS = ("tolerance_g", "tolerance_pct", "dunnage_g")
#: The number fields' width (pixels): a few digits, not the window's width.
NUMBER_WIDTH = 160


class PackingSettingsView(SettingsForm):
    section = "packing"

    def __init__(
        self,
        editor: SettingsEditor,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(editor, runner, sounds, parent)
        self.outer.insertWidget(
            0,
            hint(
                self.tr(
                    "Box sides are inside measures in millimetres; weights in grams. Leave the "
                    "maximum weight empty for a box that takes any weight."
                )
            ),
        )
        self.column_names = {
            "code": self.tr("Code"),
            "length": self.tr("Length (mm)"),
            "width": self.tr("Width (mm)"),
            "height": self.tr("Height (mm)"),
            "tare": self.tr("Tare (g)"),
            "max": self.tr("Maximum weight (g)"),
        }
        self.boxes = QTableWidget(0, len(COLUMNS))
        self.boxes.setHorizontalHeaderLabels([self.column_names[c] for c in COLUMNS])
        self.boxes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.boxes.horizontalHeader().setStretchLastSection(True)
        boxes_column = QWidget()
        column = QVBoxLayout(boxes_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.boxes)
        row_buttons = QHBoxLayout()
        self.add_box_button = QPushButton(self.tr("Add a box"))
        self.remove_box_button = QPushButton(self.tr("Remove the box"))
        no_focus(self.add_box_button, self.remove_box_button)
        self.add_box_button.clicked.connect(self.add_box)
        self.remove_box_button.clicked.connect(self.remove_box)
        row_buttons.addWidget(self.add_box_button)
        row_buttons.addWidget(self.remove_box_button)
        row_buttons.addStretch(1)
        column.addLayout(row_buttons)
        self.add_field("boxes", self.tr("Boxes"), boxes_column)

        self.numbers: dict[str, QLineEdit] = {}
        for key, name in (
            ("tolerance_g", self.tr("Weight tolerance (g)")),
            ("tolerance_pct", self.tr("Weight tolerance (%)")),
            ("dunnage_g", self.tr("Dunnage per box (g)")),
        ):
            edit = QLineEdit()
            edit.setMaximumWidth(NUMBER_WIDTH)
            self.numbers[key] = edit
            self.add_field(key, name, edit)
        self.outer.addWidget(
            hint(self.tr("A box passes the weight gate within the larger of the two tolerances."))
        )
        self.finish_layout()
        self.setLayout(self.outer)

    def load(self, values: PackingSettings) -> None:
        try:
            boxes = parse_boxes(values.boxes)
        except ValueError as exc:  # a file edited by hand: said, and the table starts empty
            boxes = []
            self.show_field_error("boxes", str(exc))
        self.boxes.setRowCount(0)
        for box in boxes:
            self._add_row(box)
        for key, edit in self.numbers.items():
            edit.setText(number(getattr(values, key)))

    def _add_row(self, box: BoxType | None) -> None:
        row = self.boxes.rowCount()
        self.boxes.insertRow(row)
        if box is None:
            return
        cells = (
            box.code,
            number(box.length_mm),
            number(box.width_mm),
            number(box.height_mm),
            number(box.tare_g),
            "" if box.max_weight_g is None else number(box.max_weight_g),
        )
        for column, text in enumerate(cells):
            self.boxes.setItem(row, column, QTableWidgetItem(text))

    def add_box(self) -> None:
        self._add_row(None)
        row = self.boxes.rowCount() - 1
        self.boxes.setCurrentCell(row, 0)
        self.boxes.editItem(self.boxes.item(row, 0) or self._blank(row, 0))

    def _blank(self, row: int, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        self.boxes.setItem(row, column, item)
        return item

    def remove_box(self) -> None:
        row = self.boxes.currentRow()
        if row >= 0:
            self.boxes.removeRow(row)

    def cell(self, row: int, column: str) -> str:
        item = self.boxes.item(row, COLUMNS.index(column))
        return item.text().strip() if item is not None else ""

    def set_cell(self, row: int, column: str, text: str) -> None:
        self.boxes.setItem(row, COLUMNS.index(column), QTableWidgetItem(text))

    def values(self) -> dict[str, Any]:
        parts = []
        for row in range(self.boxes.rowCount()):
            cells = {c: self.cell(row, c) for c in COLUMNS}
            if not any(cells.values()):
                continue  # an empty row added and not filled in
            if not cells["code"]:
                raise FieldError("boxes", self.tr("Box {row} needs a code.").format(row=row + 1))
            for column in COLUMNS[1:]:
                if column == "max" and not cells[column]:
                    continue
                try:
                    read_number(cells[column])
                except ValueError:
                    raise FieldError(
                        "boxes",
                        self.tr("Box {code}: type a number for “{column}”.").format(
                            code=cells["code"], column=self.column_names[column]
                        ),
                    ) from None
            dims = "x".join(str(read_number(cells[c])) for c in ("length", "width", "height"))
            part = f"{cells['code']}:{dims}:{read_number(cells['tare'])}"
            if cells["max"]:
                part += f":{read_number(cells['max'])}"
            parts.append(part)
        try:
            boxes = parse_boxes(",".join(parts))
        except ValueError as exc:
            raise FieldError("boxes", str(exc)) from None
        if not boxes:
            raise FieldError("boxes", self.tr("The station needs at least one box."))
        current = self.current
        try:
            same = parse_boxes(current.boxes) == boxes
        except ValueError:
            same = False
        values: dict[str, Any] = {"boxes": current.boxes if same else format_boxes(boxes)}
        for key, edit in self.numbers.items():
            try:
                values[key] = read_number(edit.text())
            except ValueError:
                raise FieldError(
                    key, self.tr("Type a number, such as {example}.").format(example="30")
                ) from None
        return values
