"""The exceptions screen (supervisors): one list of everything waiting for a supervisor, the
history of the selected item, and the actions the service offers for it, each audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..context import AppContext
from ..services.exceptions import ExceptionItem, HistoryEntry, Kind
from ..services.permissions import Actor
from .i18n import date_time_text
from .screen import Screen
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, fill_rows, row_table


def _when(value: datetime | None) -> str:
    return date_time_text(value.astimezone()) if value else ""


class ExceptionsView(Screen):
    #: Scanning an order's packing slip finds its item in the list.
    takes_scans = True

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        open_stores: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Exceptions"), parent)
        self._service = context.exceptions
        self._scans = context.scans
        self._runner = runner
        self._sounds = sounds
        self._open_stores = open_stores
        self._items: list[ExceptionItem] = []
        self._history_for: ExceptionItem | None = None
        self._done_text = ""  # shown once the list is fresh again

        self.items_table = row_table(
            [self.tr("What"), self.tr("Order"), self.tr("Why"), self.tr("Station or store"),
             self.tr("Who"), self.tr("When")]
        )  # fmt: skip
        self.items_table.itemSelectionChanged.connect(self._on_selected)
        self.body.addWidget(self.items_table, 3)
        self.history_title = QLabel(self.tr("History (newest first)"))
        self.body.addWidget(self.history_title)
        self.history_table = row_table(
            [self.tr("When"), self.tr("From"), self.tr("Who"), self.tr("What")]
        )
        self.body.addWidget(self.history_table, 2)

        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why (kept in the audit log)"))
        row.addWidget(self.note, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action, text in (
            ("pack-short", self.tr("Pack short")),
            ("wait", self.tr("Wait for stock")),
            ("cancel", self.tr("Cancel the order")),
            ("acknowledge", self.tr("Acknowledge")),
            ("apply", self.tr("Apply the store's change")),
            ("dismiss", self.tr("Keep ours")),
            ("retry", self.tr("Send again")),
            ("open-stores", self.tr("Open the Stores screen")),
            ("send-shipment", self.tr("Ship it now")),
            ("cancel-shipment", self.tr("Cancel the shipment")),
        ):
            button = QPushButton(text)
            # The scanner's Enter must never press an action button (it keeps no focus).
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, a=action: self._act(a))
            self.buttons[action] = button
            row.addWidget(button)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refresh_button.clicked.connect(self.on_refresh)
        row.addWidget(self.refresh_button)
        self.body.addLayout(row)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    def kind_text(self, kind: str) -> str:
        return {
            Kind.SHORT_PICK: self.tr("Short pick"),
            Kind.SHORT_SHIP: self.tr("Short ship"),
            Kind.WEIGHT_OVERRIDE: self.tr("Weight override"),
            Kind.STORE_CHANGE: self.tr("Changed in the store"),
            Kind.REFUSED: self.tr("Refused by the store"),
            Kind.QUARANTINED: self.tr("Quarantined store order"),
            Kind.HELD_SHIPMENT: self.tr("Shipment held"),
        }.get(kind, kind)

    def source_text(self, source: str) -> str:
        return {"scan": self.tr("Scan"), "audit": self.tr("Audit"), "store": self.tr("Store")}.get(
            source, source
        )

    # -- loading ---------------------------------------------------------------------------

    def activate(self, actor: Actor) -> None:
        if actor != self._actor:  # another user: nothing of the last one's list stays
            self._items = []
            self.items_table.setRowCount(0)
            self.history_table.setRowCount(0)
            self.message.clear()
            self._enable_buttons(None)
        super().activate(actor)

    def on_refresh(self) -> None:
        actor = self._actor
        assert actor is not None
        self._runner.run(lambda: self._service.queue(actor), self._show, self._failed)

    def _show(self, items: list[ExceptionItem]) -> None:
        selected = self.selected()
        self._items = items
        self.items_table.blockSignals(True)
        fill_rows(
            self.items_table,
            [
                (self.kind_text(i.kind), i.order, i.reason, i.station, i.who, _when(i.at))
                for i in items
            ],
        )
        self.items_table.clearSelection()
        self.items_table.blockSignals(False)
        keep = next(
            (
                n
                for n, i in enumerate(items)
                if selected and (i.kind, i.key) == (selected.kind, selected.key)
            ),
            0 if items else None,
        )
        if keep is not None:
            self.items_table.selectRow(keep)
        else:
            self._on_selected()
        if self._done_text:
            self.message.show_ok(self._done_text)
            self._done_text = ""
        elif not items:
            self.message.show_info(self.tr("Nothing is waiting for a supervisor."))
        else:
            self.message.show_info(
                self.tr("{count} waiting for a supervisor.").format(count=len(items))
            )

    def selected(self) -> ExceptionItem | None:
        rows = self.items_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._items):
            return None
        return self._items[rows[0].row()]

    def _on_selected(self) -> None:
        item = self.selected()
        self._enable_buttons(item)
        self._history_for = item
        self.history_table.setRowCount(0)
        if item is None:
            return
        actor = self._actor
        assert actor is not None
        self._runner.run(
            lambda: self._service.history(actor, item),
            lambda entries: self._show_history(item, entries),
            self._failed,
        )

    def _show_history(self, item: ExceptionItem, entries: list[HistoryEntry]) -> None:
        if self._history_for is not item:
            return  # another item was selected meanwhile
        fill_rows(
            self.history_table,
            [(_when(e.at), self.source_text(e.source), e.who, e.what) for e in entries],
        )

    def on_scan(self, raw: str) -> None:
        """A packing slip (or ``#number``) selects that order's item in the list."""
        result = self._scans.interpret(raw)  # pure: no I/O
        if result.kind != "order" or not result.value:
            self._sounds.play("invalid")
            self.message.show_error(self.tr("Scan an order's packing slip to find it in the list."))
            return
        wanted = result.value.lstrip("#")
        for row, item in enumerate(self._items):
            number = item.order.lstrip("#")
            if number and (wanted == number or wanted.endswith(f":{number}")):
                self.items_table.selectRow(row)
                self._sounds.play("info")
                return
        self._sounds.play("attention")
        self.message.show_error(
            self.tr("Order {number} is not waiting for a supervisor.").format(number=wanted)
        )

    # -- actions ---------------------------------------------------------------------------

    def _act(self, action: str) -> None:
        item = self.selected()
        if item is None:
            return
        if action == "open-stores":
            if self._open_stores is not None:
                self._open_stores()
            return
        actor = self._actor
        assert actor is not None
        note = self.note.text().strip()
        for button in self.buttons.values():
            button.setEnabled(False)
        self._runner.run(
            lambda: self._service.act(actor, item, action, note), self._done, self._failed
        )

    def _done(self, message: str) -> None:
        self.note.clear()
        self._sounds.play("complete")
        self._done_text = message
        self.on_refresh()

    def _failed(self, error: Exception) -> None:
        self._sounds.play("error")
        self.message.show_error(error)
        self._enable_buttons(self.selected())

    def _enable_buttons(self, item: ExceptionItem | None) -> None:
        for action, button in self.buttons.items():
            offered = item is not None and action in item.actions
            if action == "open-stores":
                offered = offered and self._open_stores is not None
            button.setEnabled(offered)
