"""The Labels settings tab (admins): the company and its address, the logo, which fields the
labels show and their sizes, with a live preview of the shipping label and the packing slip
drawn by the same renderers the printers get, off the GUI thread, 300 ms after typing stops."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..config import LabelSettings
from ..errors import FulfillmentError
from ..services.labels import LabelService
from ..services.settings_edit import SettingRejected, SettingsEditor, check_logo
from .settings_form import SettingsForm
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import hint, no_focus

#: How long after the last change the preview is drawn again.
PREVIEW_DELAY_MS = 300
#: The previews' height on screen (pixels).
PREVIEW_HEIGHT = 420
PREVIEW_KINDS = ("shipping", "packing-slip")

SIZES = ("4x6", "4x4", "a6")
DPIS = (203, 300)
PAGES = ("a4", "letter")
TEXT_FIELDS = ("company_name", "street", "city", "postcode", "country")


class LabelsSettingsView(SettingsForm):
    section = "labels"

    def __init__(
        self,
        editor: SettingsEditor,
        labels: LabelService,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(editor, runner, sounds, parent)
        self._labels = labels
        self._loading = False
        self._generation = 0  # previews asked for; an older answer is not shown
        #: The PNG each preview shows now, and the settings it was drawn with (tests read them).
        self.previews: dict[str, bytes] = {}
        self.previewed: LabelSettings | None = None

        columns = QHBoxLayout()
        left = QWidget()
        left.setLayout(self.outer)
        columns.addWidget(left, 1)

        self.texts: dict[str, QLineEdit] = {}
        names = {
            "company_name": self.tr("Company name"),
            "street": self.tr("Street"),
            "city": self.tr("City"),
            "postcode": self.tr("Postcode"),
            "country": self.tr("Country"),
        }
        for key in TEXT_FIELDS:
            edit = QLineEdit()
            edit.textChanged.connect(self._changed)
            self.texts[key] = edit
            self.add_field(key, names[key], edit)

        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(self.tr("No logo"))
        self.logo.textChanged.connect(self._changed)
        self.logo_button = QPushButton(self.tr("Choose…"))
        self.no_logo_button = QPushButton(self.tr("No logo"))
        no_focus(self.logo_button, self.no_logo_button)
        self.logo_button.clicked.connect(self.choose_logo)
        self.no_logo_button.clicked.connect(self.logo.clear)
        logo_layout.addWidget(self.logo, 1)
        logo_layout.addWidget(self.logo_button)
        logo_layout.addWidget(self.no_logo_button)
        self.add_field("logo", self.tr("Logo (PNG or JPEG)"), logo_row)

        self.checks: dict[str, QCheckBox] = {
            "show_phone": QCheckBox(self.tr("The customer's phone on the shipping label")),
            "show_weight": QCheckBox(self.tr("The weight on the shipping label")),
            "logo_on_shipping_label": QCheckBox(self.tr("The logo on the shipping label too")),
        }
        for key, box in self.checks.items():
            box.toggled.connect(self._changed)
            self.add_field(key, "", box)

        self.shipping_size = QComboBox()
        for size in SIZES:
            self.shipping_size.addItem(
                {"4x6": self.tr("4 × 6 in"), "4x4": self.tr("4 × 4 in"), "a6": self.tr("A6")}[size],
                size,
            )
        self.dpi = QComboBox()
        for dpi in DPIS:
            self.dpi.addItem(self.tr("{dpi} dpi").format(dpi=dpi), dpi)
        self.page = QComboBox()
        page_names = {"a4": self.tr("A4"), "letter": self.tr("Letter")}
        for page in PAGES:
            self.page.addItem(page_names[page], page)
        for key, combo, name in (
            ("shipping_size", self.shipping_size, self.tr("Shipping label size")),
            ("dpi", self.dpi, self.tr("Label printer resolution")),
            ("page", self.page, self.tr("Packing slip page")),
        ):
            combo.currentIndexChanged.connect(self._changed)
            self.add_field(key, name, combo)
        about = self.tr("What the labels and slips print; the preview shows a sample order.")
        self.outer.insertWidget(0, hint(about))
        self.finish_layout()

        previews = QHBoxLayout()
        self.preview_labels: dict[str, QLabel] = {}
        for kind in PREVIEW_KINDS:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setMinimumWidth(PREVIEW_HEIGHT * 2 // 3)
            label.setWordWrap(True)
            self.preview_labels[kind] = label
            previews.addWidget(label)
        columns.addLayout(previews, 2)
        self.setLayout(columns)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)

    # -- the form --------------------------------------------------------------------------------

    def load(self, values: LabelSettings) -> None:
        self._loading = True
        try:
            for key, edit in self.texts.items():
                edit.setText(getattr(values, key))
            self.logo.setText(values.logo)
            for key, box in self.checks.items():
                box.setChecked(getattr(values, key))
            for combo, value in (
                (self.shipping_size, values.shipping_size),
                (self.dpi, values.dpi),
                (self.page, values.page),
            ):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._loading = False
        self._changed()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: edit.text().strip() for key, edit in self.texts.items()}
        values["logo"] = self.logo.text().strip()
        values.update({key: box.isChecked() for key, box in self.checks.items()})
        values["shipping_size"] = self.shipping_size.currentData()
        values["dpi"] = self.dpi.currentData()
        values["page"] = self.page.currentData()
        return values

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the logo"),
            self.logo.text(),
            self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.bmp)"),
        )
        if path:
            self.logo.setText(path)

    # -- the preview -----------------------------------------------------------------------------

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self._timer.start()  # restarted by each change: drawn once typing pauses

    def refresh_preview(self) -> None:
        actor, labels = self._actor, self._labels
        if actor is None:
            return
        settings = dataclasses.replace(self.current, **self.values())
        self._generation += 1
        generation = self._generation

        def draw() -> tuple[dict[str, bytes], str]:
            logo_problem = ""
            if settings.logo:
                try:
                    check_logo(Path(settings.logo))
                except SettingRejected as exc:
                    logo_problem = str(exc)
            pngs = {k: labels.preview(actor, settings, k, PREVIEW_HEIGHT) for k in PREVIEW_KINDS}
            return pngs, logo_problem

        self._runner.run(
            draw,
            lambda drawn: self._show_preview(generation, settings, *drawn),
            lambda error: self._preview_failed(generation, error),
            lane="preview",  # drawing never waits behind, nor holds up, a scan's answer
        )

    def _show_preview(
        self, generation: int, settings: LabelSettings, pngs: dict[str, bytes], logo_problem: str
    ) -> None:
        if generation != self._generation:
            return
        logo_error = self.errors["logo"]
        if logo_problem:  # said as soon as the logo is chosen, not only when saving
            logo_error.show_error(logo_problem)
            logo_error.show()
        elif logo_error.isVisible():
            logo_error.clear()
            logo_error.hide()
        for kind, png in pngs.items():
            pixmap = QPixmap()
            if pixmap.loadFromData(png):
                self.preview_labels[kind].setPixmap(pixmap)
        self.previews = pngs
        self.previewed = settings

    def _preview_failed(self, generation: int, error: FulfillmentError) -> None:
        if generation != self._generation:
            return
        for label in self.preview_labels.values():
            label.setText(str(error))
        self.previews = {}
        self.previewed = None
