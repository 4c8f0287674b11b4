"""Changing settings from the admins' screens: the settings file is rewritten keeping its
comments and layout (tomlkit), the result is checked exactly as a start-up would check it
(:func:`config.build_settings`), the change is audited with its before and after, and the
running application is handed the new section (its listeners, :meth:`AppContext.apply_settings`).

Only the sections the screens edit can be changed here (``[labels]`` and ``[packing]``); the
others still need the file edited and the application restarted."""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import threading
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tomlkit

from ..config import ENV_PREFIX, LabelSettings, PackingSettings, Settings, build_settings
from ..db import Database
from ..errors import ConfigError, InvalidInput
from ..packing.boxes import parse_boxes
from . import audit
from .permissions import Actor, Permission

#: The sections these screens edit, and their settings' types.
EDITABLE: dict[str, type] = {"labels": LabelSettings, "packing": PackingSettings}

#: The largest logo file taken (a logo is a small picture, not a photograph).
MAX_LOGO_BYTES = 2 * 1024 * 1024


class SettingRejected(InvalidInput):
    """A changed setting cannot be used; ``key`` names it (the screen shows the sentence next
    to its field)."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


class SettingsEditor:
    """Changes ``[labels]`` and ``[packing]`` in the settings file the application runs on."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        environ: Mapping[str, str] | None = None,
    ):
        self._db = db
        self.settings = settings
        self._environ = os.environ if environ is None else environ
        self._listeners: list[Callable[[Settings], None]] = []
        self._lock = threading.Lock()  # one change at a time reads and writes the file

    @property
    def path(self) -> Path | None:
        return self.settings.source

    def listen(self, listener: Callable[[Settings], None]) -> None:
        """Call ``listener`` with the new settings after each saved change."""
        self._listeners.append(listener)

    def change(self, actor: Actor, section: str, values: Mapping[str, Any]) -> Settings:
        """Save the settings of ``section`` that ``values`` changes; returns the settings the
        application runs on afterwards. Raises :class:`SettingRejected` with a sentence (and
        writes nothing) when a value cannot be used."""
        actor.require(Permission.CONFIGURE)
        if section not in EDITABLE:
            raise InvalidInput(f"Only {' and '.join(EDITABLE)} can be changed here, not {section}.")
        with self._lock:
            current = getattr(self.settings, section)
            unknown = sorted(set(values) - set(current.__dataclass_fields__))
            if unknown:
                raise SettingRejected(f"There is no setting {section}.{unknown[0]}.", unknown[0])
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            if not changed:
                return self.settings
            path = self.path
            if path is None:
                raise ConfigError(
                    "This station was started without a settings file: start it with --config "
                    "FILE (or FULFILLMENT_CONFIG) to change settings here."
                )
            for key, value in changed.items():
                check_value(section, key, value, self._environ)
            text = _read(path)
            document = tomlkit.parse(text)
            table = document.get(section)
            if table is None:
                table = tomlkit.table()
                document[section] = table
            for key, value in changed.items():
                table[key] = value
            new_text = tomlkit.dumps(document)
            new = self._check(new_text, path, section, changed)
            before = {k: _plain(getattr(current, k)) for k in changed}
            after = {k: _plain(v) for k, v in changed.items()}
            with self._db.write() as session:
                audit.record(
                    session,
                    actor,
                    "settings.change",
                    target_type="settings",
                    target_id=f"{path.name} [{section}]",
                    before=before,
                    after=after,
                )
                _write(path, new_text)  # a failed write rolls the audit entry back
            # The running section keeps what the station was started with beyond the file (a
            # demo's printers, say) and takes the changed settings as the file now has them.
            saved = getattr(new, section)
            running = dataclasses.replace(current, **{key: getattr(saved, key) for key in changed})
            self.settings = self.settings.replace(**{section: running})
            settings = self.settings
        for listener in self._listeners:
            listener(settings)
        return settings

    def _check(self, text: str, path: Path, section: str, changed: Mapping[str, Any]) -> Settings:
        try:
            return build_settings(tomllib.loads(text), str(path), self._environ)
        except ConfigError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            named = re.search(rf"\b{section}\.(\w+)", message)
            key = named.group(1) if named and named.group(1) in changed else None
            raise SettingRejected(message, key) from None


def check_value(section: str, key: str, value: Any, environ: Mapping[str, str]) -> None:
    """The checks a settings file cannot express; raises :class:`SettingRejected`."""
    variable = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
    if variable in environ:
        raise SettingRejected(
            f"The environment variable {variable} sets this and wins over the settings file: "
            "remove it from this station's environment first.",
            key,
        )
    if (section, key) == ("packing", "boxes"):
        try:
            boxes = parse_boxes(value) if isinstance(value, str) else None
        except ValueError as exc:
            raise SettingRejected(str(exc), key) from None
        if not boxes:
            raise SettingRejected("The station needs at least one box.", key)
    if (section, key) == ("packing", "tolerance_pct") and isinstance(value, int | float):
        if not 0 <= value <= 100:
            raise SettingRejected("The weight tolerance is a percentage from 0 to 100.", key)
    if (section, key) == ("labels", "logo") and isinstance(value, str) and value.strip():
        check_logo(Path(value))


def check_logo(path: Path) -> None:
    """The logo must be a picture file that Pillow reads (PNG, JPEG, GIF, BMP)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise SettingRejected(f"There is no file {path}: choose the logo again.", "logo") from None
    if size > MAX_LOGO_BYTES:
        raise SettingRejected(
            f"The logo {path.name} is {size // 1024} KB; choose a picture under "
            f"{MAX_LOGO_BYTES // (1024 * 1024)} MB.",
            "logo",
        )
    from PIL import Image, UnidentifiedImageError  # loaded only when a logo is chosen

    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise SettingRejected(
            f"The file {path.name} is not a picture (PNG or JPEG): choose the logo image.",
            "logo",
        ) from None


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"The settings file {path} cannot be read: {exc}.") from None


def _write(path: Path, text: str) -> None:
    """Replace the file in one step (a crash leaves the old file or the new, never half)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"The settings file {path} cannot be written: {exc.strerror}.") from None
