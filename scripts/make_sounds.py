"""Writes the stations' outcome sounds (resources/sounds/*.wav): short tones, each outcome its
own shape so that a packer knows what happened without looking. Rerun after changing a tone;
the files are committed so that a station needs nothing to make them.

    python scripts/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"

# (frequency Hz or 0 for a pause, milliseconds, waveform): a sound is a list of notes.
Note = tuple[float, int, str]
SOUNDS: dict[str, list[Note]] = {
    # Good: one short high beep, and a rising chord when the order is complete.
    "accepted": [(1320, 70, "sine")],
    "complete": [(880, 90, "sine"), (1109, 90, "sine"), (1320, 180, "sine")],
    # Bad: low, rough, longer; each mistake a different rhythm.
    "wrong_item": [(180, 420, "square")],
    "over_scan": [(330, 140, "square"), (0, 70, ""), (330, 140, "square")],
    "unknown": [(520, 150, "triangle"), (260, 260, "triangle")],
    "serial": [
        (660, 90, "square"),
        (0, 50, ""),
        (660, 90, "square"),
        (0, 50, ""),
        (660, 90, "square"),
    ],
    "invalid": [(220, 200, "square")],
    "order_changed": [
        (620, 160, "square"),
        (930, 160, "square"),
        (620, 160, "square"),
        (930, 160, "square"),
    ],
    # Neutral: undo, a command taken, a box chosen.
    "info": [(760, 50, "sine")],
    # Something failed (a device, the database): a falling pair.
    "error": [(440, 160, "triangle"), (294, 260, "triangle")],
    # A person must act (weigh, approve): two rising mid tones.
    "attention": [(587, 140, "sine"), (0, 40, ""), (784, 200, "sine")],
}


def _sample(wave_form: str, phase: float) -> float:
    if wave_form == "square":
        return 0.6 if math.sin(phase) >= 0 else -0.6
    if wave_form == "triangle":
        return 2 / math.pi * math.asin(math.sin(phase))
    return math.sin(phase)


def render(notes: list[Note]) -> bytes:
    frames = bytearray()
    for frequency, ms, wave_form in notes:
        count = RATE * ms // 1000
        fade = min(count // 2, RATE * 8 // 1000)  # 8 ms in and out: no clicks
        for i in range(count):
            value = 0.0
            if frequency:
                envelope = min(1.0, i / fade, (count - i) / fade) if fade else 1.0
                value = 0.7 * envelope * _sample(wave_form, 2 * math.pi * frequency * i / RATE)
            frames += struct.pack("<h", int(value * 32767))
    return bytes(frames)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        with wave.open(str(OUT / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(render(notes))
        print(OUT / f"{name}.wav")


if __name__ == "__main__":
    main()
