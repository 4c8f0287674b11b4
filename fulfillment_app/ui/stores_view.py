"""The stores screen (supervisors): each connected store and its last sync, and what the sync
left for a person: changes the store made to orders in work (apply or dismiss), fulfillments
the store refused (send again), and orders that could not be imported (why, and the payload).

Connecting a store is an admin's job on the command line (its secret goes into an
environment variable or the keyring, never through this screen)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services.stores import StoreService
from ..services.sync_review import SyncReview
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()


def _when(value: Any) -> str:
    never = QCoreApplication.translate("StoresView", "never")
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else never


class StoresView(Screen):
    def __init__(
        self,
        stores: StoreService,
        review: SyncReview,
        runner: TaskRunner,
        sync_now: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Stores"), parent)
        self._stores, self._review, self._runner = stores, review, runner
        self._change_ids: list[int] = []
        self._parked_ids: list[int] = []
        self._payloads: list[dict[str, Any]] = []
        self._done_text = ""  # shown once the list is fresh again

        self.stores_table = _table(
            (self.tr("Store"), self.tr("Platform"), self.tr("Address"), self.tr("Last sync"),
             self.tr("Waiting"), self.tr("Parked"), self.tr("Quarantined"),
             self.tr("Stock to send"), self.tr("Stock refused"), self.tr("Problem"))
        )  # fmt: skip
        self.body.addWidget(self.stores_table, 1)
        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs, 2)

        changes = QWidget()
        layout = QVBoxLayout(changes)
        self.changes_table = _table(
            (self.tr("Order"), self.tr("Change"), self.tr("What the store did"),
             self.tr("Station"), self.tr("When"))
        )  # fmt: skip
        layout.addWidget(self.changes_table)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why (kept in the audit log)"))
        self.apply_button = QPushButton(self.tr("Apply the store's change"))
        self.dismiss_button = QPushButton(self.tr("Keep ours"))
        for widget in (self.note, self.apply_button, self.dismiss_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.apply_button.clicked.connect(lambda: self._resolve("apply"))
        self.dismiss_button.clicked.connect(lambda: self._resolve("dismiss"))
        self.tabs.addTab(changes, self.tr("Store changes"))

        parked = QWidget()
        layout = QVBoxLayout(parked)
        self.parked_table = _table(
            (self.tr("Order"), self.tr("Store"), self.tr("Tries"), self.tr("What the store said"))
        )
        layout.addWidget(self.parked_table)
        self.retry_button = QPushButton(self.tr("Send again at the next sync"))
        self.retry_button.clicked.connect(self._retry)
        layout.addWidget(self.retry_button)
        self.tabs.addTab(parked, self.tr("Refused fulfillments"))

        quarantine = QWidget()
        layout = QVBoxLayout(quarantine)
        self.quarantine_table = _table(
            (self.tr("Store"), self.tr("Order"), self.tr("Why"), self.tr("Received"))
        )
        self.quarantine_table.itemSelectionChanged.connect(self._show_payload)
        self.payload = QPlainTextEdit()
        self.payload.setReadOnly(True)
        self.payload.setPlaceholderText(self.tr("The order as the store sent it"))
        layout.addWidget(self.quarantine_table, 2)
        layout.addWidget(self.payload, 1)
        self.tabs.addTab(quarantine, self.tr("Quarantined orders"))

        bottom = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.on_refresh)
        bottom.addWidget(self.refresh_button)
        if sync_now is not None:
            self.sync_button = QPushButton(self.tr("Sync now"))
            self.sync_button.clicked.connect(sync_now)
            bottom.addWidget(self.sync_button)
        hint = QLabel(
            self.tr("An admin connects stores with 'fulfillment stores add' (see README).")
        )
        hint.setWordWrap(True)
        bottom.addWidget(hint, 1)
        self.body.addLayout(bottom)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    def show_quarantined(self) -> None:
        """Bring the quarantined orders to the front (the exceptions screen's link)."""
        self.tabs.setCurrentIndex(2)

    def on_refresh(self) -> None:
        actor = self._actor
        assert actor is not None
        stores, review = self._stores, self._review

        def load() -> tuple[Any, ...]:
            return (stores.list(), review.changes(actor), review.outbox(actor, "parked"),
                    review.quarantined(actor))  # fmt: skip

        self._runner.run(load, self._show, self.message.show_error)

    def _show(self, data: tuple[Any, ...]) -> None:
        stores, changes, parked, quarantined = data
        _fill(self.stores_table, [
            (s.name, s.platform, s.url, _when(s.last_synced_at), s.waiting, s.parked,
             s.quarantined, s.stock_waiting, s.stock_refused, s.last_error or "")
            for s in stores
        ])  # fmt: skip
        _fill(self.changes_table, [
            (c.order, c.kind.replace("_", " "), c.detail, c.station or "", _when(c.created_at))
            for c in changes
        ])  # fmt: skip
        self._change_ids = [c.id for c in changes]
        _fill(self.parked_table, [(p.order, p.store, p.attempts, p.last_error) for p in parked])
        self._parked_ids = [p.id for p in parked]
        _fill(self.quarantine_table, [
            (q.store, q.external_id, q.reason, _when(q.received_at)) for q in quarantined
        ])  # fmt: skip
        self._payloads = [q.payload for q in quarantined]
        self.payload.clear()
        self.tabs.setTabText(0, self.tr("Store changes ({count})").format(count=len(changes)))
        self.tabs.setTabText(1, self.tr("Refused fulfillments ({count})").format(count=len(parked)))
        self.tabs.setTabText(
            2, self.tr("Quarantined orders ({count})").format(count=len(quarantined))
        )
        if self._done_text:
            self.message.show_ok(self._done_text)
            self._done_text = ""
        elif not stores:
            self.message.show_info(self.tr("No store is connected yet."))
        else:
            self.message.show_info(self.tr("{count} store(s).").format(count=len(stores)))

    def _selected(self, table: QTableWidget, ids: list[int]) -> int | None:
        rows = {index.row() for index in table.selectedIndexes()}
        if len(rows) != 1 or next(iter(rows)) >= len(ids):
            return None
        return ids[next(iter(rows))]

    def _show_payload(self) -> None:
        rows = {index.row() for index in self.quarantine_table.selectedIndexes()}
        if len(rows) == 1 and next(iter(rows)) < len(self._payloads):
            text = json.dumps(self._payloads[next(iter(rows))], ensure_ascii=False, indent=2)
            self.payload.setPlainText(text)

    def _resolve(self, action: str) -> None:
        change_id = self._selected(self.changes_table, self._change_ids)
        if change_id is None:
            self.message.show_error(self.tr("Choose a change in the list first."))
            return
        actor, note, review = self._actor, self.note.text().strip(), self._review
        assert actor is not None
        self._runner.run(
            lambda: review.resolve_change(actor, change_id, action, note),
            self._done,
            self.message.show_error,
        )

    def _retry(self) -> None:
        entry_id = self._selected(self.parked_table, self._parked_ids)
        if entry_id is None:
            self.message.show_error(self.tr("Choose a refused fulfillment in the list first."))
            return
        actor, review = self._actor, self._review
        assert actor is not None

        done = self.tr("It will be sent again at the next sync.")

        def retry() -> str:
            review.retry(actor, entry_id, "sent again from the stores screen")
            return done

        self._runner.run(retry, self._done, self.message.show_error)

    def _done(self, text: str) -> None:
        self.note.clear()
        self._done_text = text
        self.on_refresh()
