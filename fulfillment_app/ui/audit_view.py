"""The audit log, newest first (supervisors and admins)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..services.audit import AuditRecord, AuditService
from .i18n import date_time_text
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel


class AuditView(Screen):
    def __init__(self, audit: AuditService, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(self.tr("Audit log"), parent)
        self._audit = audit
        self._runner = runner
        columns = [self.tr("When"), self.tr("Who"), self.tr("Station"), self.tr("Action"),
                   self.tr("Target"), self.tr("Reason"), self.tr("Change")]  # fmt: skip
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.on_refresh)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.message = MessageLabel()
        self.body.addWidget(self.message)

    def on_refresh(self) -> None:
        actor = self._actor
        assert actor is not None
        self._runner.run(lambda: self._audit.recent(actor), self._show, self.message.show_error)

    def _show(self, entries: list[AuditRecord]) -> None:
        self.table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            change = ""
            if e.before or e.after:
                change = (
                    f"{json.dumps(e.before, ensure_ascii=False)} → "
                    f"{json.dumps(e.after, ensure_ascii=False)}"
                )
            values = (
                date_time_text(e.at.astimezone(), seconds=True),
                e.actor,
                e.station or "",
                e.action,
                e.target,
                e.reason or "",
                change,
            )
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.message.show_info(self.tr("{count} newest entries.").format(count=len(entries)))
