"""What the settings tabs share: a form whose fields each have a line for the sentence saying
what is wrong with them, and Save / Undo buttons that hand the changed section to the settings
editor off the GUI thread (it checks, writes the file, audits and applies)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..config import Settings
from ..errors import FulfillmentError
from ..services.permissions import Actor
from ..services.settings_edit import SettingRejected, SettingsEditor
from .sounds import SoundPlayer
from .tasks import TaskRunner
from .widgets import MessageLabel, no_focus


class FieldError(Exception):
    """A field's text is not a value at all (read on the GUI thread, before saving)."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


class SettingsForm(QWidget):
    """One section of the settings (``[labels]``, ``[packing]``) as a form."""

    #: The settings file's section this form edits.
    section = ""

    def __init__(
        self,
        editor: SettingsEditor,
        runner: TaskRunner,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._editor = editor
        self._runner = runner
        self._sounds = sounds
        self._actor: Actor | None = None
        self.errors: dict[str, MessageLabel] = {}
        #: The form's column; the subclass sets it on itself or on a part of itself.
        self.outer = QVBoxLayout()
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.undo_button = QPushButton(self.tr("Undo changes"))
        no_focus(self.save_button, self.undo_button)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.buttons = buttons
        self.message = MessageLabel()

    def finish_layout(self) -> None:
        """Called by subclasses after their fields: the buttons and the message last."""
        self.outer.addLayout(self.buttons)
        self.outer.addWidget(self.message)
        self.outer.addStretch(1)

    def add_field(self, key: str, label: str, field: QWidget) -> None:
        """A row of the form: ``field`` with, under it, the line for what is wrong with it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        error = MessageLabel()
        error.hide()
        column.addWidget(error)
        self.errors[key] = error
        self.form.addRow(label, box)

    # -- what subclasses provide ---------------------------------------------------------------

    def load(self, values: Any) -> None:
        """Show the section's settings (a LabelSettings, a PackingSettings)."""
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """The fields as settings values; raises :class:`FieldError`."""
        raise NotImplementedError

    # -- shared behaviour ----------------------------------------------------------------------

    @property
    def current(self) -> Any:
        return getattr(self._editor.settings, self.section)

    def activate(self, actor: Actor) -> None:
        self._actor = actor
        self.clear_errors()
        self.message.clear()
        self.load(self.current)

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.hide()

    def show_field_error(self, key: str | None, text: str) -> None:
        error = self.errors.get(key or "")
        if error is not None:
            error.show_error(text)
            error.show()
            self.message.show_error(self.tr("Not saved: correct the field marked in red."))
        else:
            self.message.show_error(text)
        self._sounds.play("error")

    def undo(self) -> None:
        self.clear_errors()
        self.message.clear()
        self.load(self.current)

    def save(self) -> None:
        actor, editor, section = self._actor, self._editor, self.section
        if actor is None:
            return
        self.clear_errors()
        try:
            values = self.values()
        except FieldError as exc:
            self.show_field_error(exc.key, str(exc))
            return
        self.save_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))
        self._runner.run(lambda: editor.change(actor, section, values), self._saved, self._refused)

    def _saved(self, settings: Settings) -> None:
        self.save_button.setEnabled(True)
        self.load(getattr(settings, self.section))
        self.message.show_ok(
            self.tr("Saved to the settings file; the station uses it from now on.")
        )
        self._sounds.play("accepted")

    def _refused(self, error: FulfillmentError) -> None:
        self.save_button.setEnabled(True)
        self.show_field_error(error.key if isinstance(error, SettingRejected) else None, str(error))


def number(value: float) -> str:
    """A setting's number as a person types it: 30, 2.5."""
    return f"{value:g}"


def read_number(text: str) -> float:
    """A typed number (a decimal comma taken too); raises ValueError."""
    value = float(text.strip().replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value
