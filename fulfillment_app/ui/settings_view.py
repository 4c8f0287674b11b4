"""The Settings screen (admins): one tab per part of the settings. This module brings the
Labels and Packing tabs; other tabs (stores, products) are added with :meth:`add_tab`."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ..context import AppContext
from ..services.permissions import Actor
from .screen import Screen
from .settings_labels_view import LabelsSettingsView
from .settings_packing_view import PackingSettingsView
from .sounds import SoundPlayer
from .tasks import TaskRunner


class SettingsView(Screen):
    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(self.tr("Settings"), parent)
        editor = context.settings_editor
        self.tabs = QTabWidget()
        self.labels = LabelsSettingsView(editor, context.labels, runner, sounds)
        self.packing = PackingSettingsView(editor, runner, sounds)
        self.tabs.addTab(self.labels, self.tr("Labels"))
        self.tabs.addTab(self.packing, self.tr("Packing"))
        self.body.addWidget(self.tabs, 1)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """Another part of the settings; a tab with ``activate(actor)`` is told who opened it."""
        self.tabs.addTab(widget, title)

    def activate(self, actor: Actor) -> None:
        super().activate(actor)
        for index in range(self.tabs.count()):
            activate = getattr(self.tabs.widget(index), "activate", None)
            if callable(activate):
                activate(actor)
