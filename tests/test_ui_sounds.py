"""The outcome sounds and the task runner's lanes (a slow device wait beside the scans)."""

from __future__ import annotations

import threading
import wave

import pytest

from fulfillment_app.config import ConfigError, UISettings, load_settings
from fulfillment_app.ui.sounds import FOR_OUTCOME, NAMES, SOUNDS_DIR, SoundPlayer, for_outcome
from fulfillment_app.ui.tasks import TaskRunner


def test_every_sound_is_a_short_bundled_file():
    for name in NAMES:
        with wave.open(str(SOUNDS_DIR / f"{name}.wav")) as sound:
            seconds = sound.getnframes() / sound.getframerate()
        assert 0.03 < seconds < 1.0, name


def test_each_scan_outcome_has_its_own_sound():
    sounds = [for_outcome(outcome) for outcome in FOR_OUTCOME]
    assert len(set(sounds)) == len(sounds)
    assert for_outcome("something new") == "error"


def test_the_player_records_what_it_was_asked_even_when_off(qtbot):
    player = SoundPlayer(UISettings(sounds=False))
    player.play_outcome("wrong item")
    player.play("accepted")
    assert player.played == ["wrong_item", "accepted"]
    player.set_volume(250)
    assert player.volume == 100


def test_a_volume_over_100_is_a_sentence(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[ui]\nsound_volume = 150\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="sound_volume must be at most 100"):
        load_settings(path, environ={})


def test_a_slow_call_in_its_own_lane_does_not_hold_up_the_next(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    answers: list[str] = []
    runner.run(lambda: release.wait(10) and "printed", answers.append, lane="printer")
    runner.run(lambda: "scan answered", answers.append)
    qtbot.waitUntil(lambda: answers == ["scan answered"], timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: answers == ["scan answered", "printed"], timeout=3000)
    runner.shutdown()
