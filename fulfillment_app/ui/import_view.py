"""Importing products and locations from CSV files (admins)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPlainTextEdit, QPushButton, QWidget

from ..errors import FulfillmentError
from ..services.catalogue import CatalogueService, ImportReport
from .screen import Screen
from .tasks import TaskRunner
from .widgets import MessageLabel


class ImportView(Screen):
    def __init__(
        self, catalogue: CatalogueService, runner: TaskRunner, parent: QWidget | None = None
    ):
        super().__init__(self.tr("Import catalogue"), parent)
        self._catalogue = catalogue
        self._runner = runner
        row = QHBoxLayout()
        self.products_button = QPushButton(self.tr("Import products…"))
        self.products_button.clicked.connect(lambda: self.on_choose("products"))
        self.locations_button = QPushButton(self.tr("Import locations…"))
        self.locations_button.clicked.connect(lambda: self.on_choose("locations"))
        row.addWidget(self.locations_button)
        row.addWidget(self.products_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.message = MessageLabel()
        self.message.show_info(
            self.tr(
                "Import locations first, then products (a product's location must exist). "
                "Rows with problems are listed below and left out; the rest are imported."
            )
        )
        self.body.addWidget(self.message)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.body.addWidget(self.details, 1)

    def on_choose(self, kind: str) -> None:
        title = self.tr("Import products") if kind == "products" else self.tr("Import locations")
        name, _ = QFileDialog.getOpenFileName(
            self, title, str(Path.home()), self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.start_import(kind, Path(name))

    def start_import(self, kind: str, path: Path) -> None:
        actor = self._actor
        assert actor is not None
        call = (
            self._catalogue.import_products
            if kind == "products"
            else self._catalogue.import_locations
        )
        self.message.show_info(self.tr("Importing {file}…").format(file=path.name))
        self.details.clear()
        for button in (self.products_button, self.locations_button):
            button.setEnabled(False)
        self._runner.run(lambda: call(actor, path), self._show, self._failed)

    def _enable(self) -> None:
        for button in (self.products_button, self.locations_button):
            button.setEnabled(True)

    def _failed(self, error: FulfillmentError) -> None:
        self._enable()
        self.message.show_error(error)

    def _show(self, report: ImportReport) -> None:
        self._enable()
        if report.errors:
            self.message.show_error(report.summary())
        else:
            self.message.show_ok(report.summary())
        lines = [self.tr("rejected: {problem}").format(problem=p) for p in report.errors]
        lines += [self.tr("warning: {problem}").format(problem=p) for p in report.warnings]
        self.details.setPlainText("\n".join(lines))
