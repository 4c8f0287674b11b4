"""The store sync in the status bar: what it is doing, when it last finished, its problem in
words, and a button to sync now. Fed by :class:`~.bridge.SyncBridge` signals."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ..sync.engine import Progress, SyncReport


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("Stores: first sync…")
        self.button = QToolButton()
        self.button.setText("Sync now")
        self.button.setEnabled(False)
        layout.addWidget(self.label)
        layout.addWidget(self.button)

    def on_progress(self, progress: Progress) -> None:
        if progress.phase == "done":
            return
        if progress.phase == "waiting":  # a store slow or away: say why the sync waits
            self.label.setText(progress.note)
            return
        what = "orders" if progress.phase == "orders" else "fulfillments"
        count = progress.orders if progress.phase == "orders" else progress.delivered
        self.label.setStyleSheet("")
        self.label.setText(f"{progress.store}: syncing {what}… {count}")

    def on_finished(self, reports: list[SyncReport]) -> None:
        self.button.setEnabled(True)
        if not reports:
            self.label.setText("Stores: none connected")
            self.label.setToolTip("An admin connects stores with 'fulfillment stores add'.")
            return
        problems = [r for r in reports if r.error]
        when = datetime.now().strftime("%H:%M")
        new = sum(r.new for r in reports)
        waiting = sum(r.waiting for r in reports)
        parked = sum(r.parked for r in reports)
        if problems:
            self.label.setText(f"Stores: problem at {when} ⚠")
            self.label.setStyleSheet("color: #b00020;")
        else:
            extra = f", {waiting} to send" if waiting else ""
            extra += f", {parked} need a supervisor" if parked else ""
            self.label.setText(f"Stores: synced {when} ({new} new{extra})")
            self.label.setStyleSheet("")
        self.label.setToolTip("\n".join(r.summary() for r in reports))
