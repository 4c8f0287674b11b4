"""The store sync in the status bar: what it is doing, when it last finished, its problem in
words, and a button to sync now. Fed by :class:`~.bridge.SyncBridge` signals."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ..sync.engine import Progress, SyncReport
from .theme import BAD, set_outcome


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.tr("Stores: first sync…"))
        self.button = QToolButton()
        self.button.setText(self.tr("Sync now"))
        self.button.setEnabled(False)
        layout.addWidget(self.label)
        layout.addWidget(self.button)

    def on_progress(self, progress: Progress) -> None:
        if progress.phase == "done":
            return
        if progress.phase == "waiting":  # a store slow or away: say why the sync waits
            self.label.setText(progress.note)
            return
        set_outcome(self.label, "")
        if progress.phase == "orders":
            text = self.tr("{store}: syncing orders… {count}")
            count = progress.orders
        else:
            text = self.tr("{store}: syncing fulfillments… {count}")
            count = progress.delivered
        self.label.setText(text.format(store=progress.store, count=count))

    def on_finished(self, reports: list[SyncReport]) -> None:
        self.button.setEnabled(True)
        if not reports:
            self.label.setText(self.tr("Stores: none connected"))
            self.label.setToolTip(
                self.tr("An admin connects stores with 'fulfillment stores add'.")
            )
            return
        problems = [r for r in reports if r.error]
        when = datetime.now().strftime("%H:%M")
        new = sum(r.new for r in reports)
        waiting = sum(r.waiting for r in reports)
        parked = sum(r.parked for r in reports)
        if problems:
            self.label.setText(self.tr("Stores: problem at {time} ⚠").format(time=when))
            set_outcome(self.label, BAD)
        else:
            extra = self.tr(", {count} to send").format(count=waiting) if waiting else ""
            if parked:
                extra += self.tr(", {count} need a supervisor").format(count=parked)
            self.label.setText(
                self.tr("Stores: synced {time} ({count} new{extra})").format(
                    time=when, count=new, extra=extra
                )
            )
            set_outcome(self.label, "")
        self.label.setToolTip("\n".join(r.summary() for r in reports))
