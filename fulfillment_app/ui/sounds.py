"""The stations' outcome sounds: each outcome of a scan its own short sound, so that a packer
or picker working at arm's length knows what happened without looking at the screen.

The sounds are WAV files in ``resources/sounds`` (written by ``scripts/make_sounds.py``),
played with QtMultimedia's :class:`QSoundEffect` (decoded once, low latency, no process per
sound). ``[ui] sounds`` switches them off and ``[ui] sound_volume`` (0-100) sets the volume.

A station without an audio output (or without the audio libraries) plays nothing and says so
once in the log; :attr:`SoundPlayer.played` still records every sound asked for, which is what
the tests read.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from ..config import UISettings

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sounds"

#: Every sound the application plays (a file ``<name>.wav`` each).
NAMES = (
    "accepted",
    "complete",
    "wrong_item",
    "over_scan",
    "unknown",
    "serial",
    "invalid",
    "order_changed",
    "info",
    "error",
    "attention",
)

#: The packing service's scan outcomes (``ScanReply.outcome``) and their sounds.
FOR_OUTCOME = {
    "accepted": "accepted",
    "complete": "complete",
    "wrong item": "wrong_item",
    "over-scan": "over_scan",
    "unknown": "unknown",
    "needs serial": "serial",
    "invalid scan": "invalid",
    "order changed": "order_changed",
    "command": "info",
}


def for_outcome(outcome: str) -> str:
    """The sound of a scan outcome (``error`` for an outcome this version does not know)."""
    return FOR_OUTCOME.get(outcome, "error")


class SoundPlayer(QObject):
    """Plays the named sounds; create one per window, on the GUI thread."""

    def __init__(
        self,
        settings: UISettings | None = None,
        directory: Path = SOUNDS_DIR,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        settings = settings or UISettings()
        self._directory = directory
        self.enabled = settings.sounds
        self._volume = max(0, min(100, settings.sound_volume)) / 100
        self._effects: dict[str, Any] | None = None  # loaded at the first sound
        #: Test hook: the name of every sound asked for, in order, played or not.
        self.played: list[str] = []

    @property
    def volume(self) -> int:
        return round(self._volume * 100)

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, volume)) / 100
        for effect in (self._effects or {}).values():
            effect.setVolume(self._volume)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled

    def play(self, name: str) -> None:
        """Play sound ``name`` (one of :data:`NAMES`) unless sounds are off. Returns at once."""
        if name not in NAMES:
            log.warning("no sound is called %r", name)
            name = "error"
        self.played.append(name)
        if not self.enabled or self._volume <= 0:
            return
        effect = self._load().get(name)
        if effect is not None:
            effect.play()

    def play_outcome(self, outcome: str) -> None:
        self.play(for_outcome(outcome))

    def _load(self) -> dict[str, Any]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:  # QtMultimedia needs the system's audio library (libpulse on Linux)
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:
            log.warning("sounds are off: QtMultimedia cannot be loaded (%s)", exc)
            return self._effects
        if not QMediaDevices.audioOutputs():
            log.info("sounds are off: this station has no audio output")
            return self._effects
        for name in NAMES:
            path = self._directory / f"{name}.wav"
            if not path.exists():
                log.warning("the sound file %s is missing", path)
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self._volume)
            self._effects[name] = effect
        return self._effects
