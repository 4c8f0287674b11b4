"""The keyboard-wedge state machine, fed with real timing sequences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fulfillment_app.config import ScanSettings
from fulfillment_app.scanning.wedge import Scan, Typed, WedgeDecoder


def feed(decoder: WedgeDecoder, keys: str, start: float, gap: float) -> list:  # type: ignore[type-arg]
    events = []
    for i, key in enumerate(keys):
        events += decoder.feed(key, start + i * gap)
    return events


def test_a_fast_burst_ending_in_enter_is_one_scan() -> None:
    d = WedgeDecoder()
    events = feed(d, "5901234123457\r", 10.0, 0.008)
    assert events == [Scan("5901234123457", "\r", 10.0, 10.0 + 13 * 0.008)]


def test_a_person_typing_the_same_digits_is_not_a_scan() -> None:
    d = WedgeDecoder()
    events = feed(d, "5901234123457\r", 10.0, 0.150)
    assert not any(isinstance(e, Scan) for e in events)
    assert "".join(e.keys for e in events) == "5901234123457\r"


def test_scanner_jitter_of_16_ms_and_tab_suffix() -> None:
    d = WedgeDecoder()
    times = [0.0, 0.007, 0.015, 0.031, 0.039, 0.047, 0.063, 0.071, 0.079]
    events = [e for i, k in enumerate("TOTE-0042"[:8] + "\t") for e in d.feed(k, times[i])]
    assert events == [Scan("TOTE-004", "\t", 0.0, 0.079)]


def test_typing_then_a_scan_right_after() -> None:
    d = WedgeDecoder()
    events = feed(d, "ab", 0.0, 0.2) + feed(d, "BADGE-1001\r", 1.0, 0.008)
    assert [e for e in events if isinstance(e, Typed)] == [Typed("a"), Typed("b")]
    assert [e.text for e in events if isinstance(e, Scan)] == ["BADGE-1001"]


def test_short_bursts_are_typing() -> None:
    d = WedgeDecoder(ScanSettings(wedge_min_length=4))
    assert feed(d, "12\r", 0.0, 0.005) == [Typed("12\r")]


def test_prefix_and_gs_substitute() -> None:
    d = WedgeDecoder(ScanSettings(wedge_prefix="~", wedge_gs_substitute="|"))
    events = feed(d, "~0109501101020917" + "10AB|2110\r", 0.0, 0.008)
    assert events == [Scan("010950110102091710AB\x1d2110", "\r", 0.0, events[0].ended)]
    # Without the prefix, a fast burst is not taken for a scan.
    assert not any(isinstance(e, Scan) for e in feed(d, "12345678\r", 5.0, 0.008))


def test_flush_releases_held_keys() -> None:
    d = WedgeDecoder()
    assert d.feed("x", 0.0) == []
    assert d.flush(0.01) == []  # a scanner could still be sending
    assert d.flush(0.2) == [Typed("x")]


@given(st.lists(st.tuples(st.sampled_from(list("0123456789AB-\r\t~|")), st.floats(0.0, 0.3)),
                max_size=60))  # fmt: skip
def test_no_key_is_ever_lost_or_doubled(presses: list[tuple[str, float]]) -> None:
    """Whatever the timing, every key comes out exactly once: in a scan or as typing."""
    d = WedgeDecoder(ScanSettings(wedge_prefix="~", wedge_gs_substitute=""))
    out, t = [], 0.0
    for key, gap in presses:
        t += gap
        out += d.feed(key, t)
    out += d.flush(t + 10)
    text = "".join("~" + e.text + e.terminator if isinstance(e, Scan) else e.keys for e in out)
    assert text == "".join(k for k, _ in presses)
    assert d.pending == ""
