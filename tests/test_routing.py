"""Pick routing: the optimal method against an independent exact solver (Held-Karp over the
locations), the baselines, the instance parser, and ``fulfillment route``."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.errors import InvalidInput
from fulfillment_app.picking.layout import Layout, Pick, load_instance, route_length
from fulfillment_app.picking.routing import METHODS, held_karp, local_search, policy_length, route


@st.composite
def instances(draw: Any, blocks: int = 1, max_picks: int = 8) -> tuple[Layout, list[Pick]]:
    aisles = draw(st.integers(1, 7))
    slots = draw(st.sampled_from([4, 6, 12, 45])) * blocks
    layout = Layout(
        aisles=aisles,
        slots=slots,
        slot_length=draw(st.sampled_from([1.0, 1.5])),
        aisle_pitch=draw(st.sampled_from([1.0, 2.5, 5.0])),
        blocks=blocks,
        depot_aisle=draw(st.integers(0, aisles - 1)),
        depot_offset=draw(st.sampled_from([0.0, 1.0, 3.0])),
    )
    picks = draw(
        st.lists(
            st.builds(Pick, st.integers(0, aisles - 1), st.integers(0, slots - 1)),
            max_size=max_picks,
        )
    )
    return layout, picks


@settings(max_examples=400, deadline=None)
@given(instance=instances())
def test_optimal_equals_the_exact_optimum_on_a_single_block(
    instance: tuple[Layout, list[Pick]],
) -> None:
    layout, picks = instance
    sequence, length = route(layout, picks, "optimal")
    assert sorted(sequence) == list(range(len(picks)))  # every pick once
    exact = route_length(layout, picks, held_karp(layout, picks))
    assert length == pytest.approx(exact, abs=1e-6)


@settings(max_examples=300, deadline=None)
@given(instance=instances(blocks=3, max_picks=9) | instances(blocks=2, max_picks=9))
def test_optimal_equals_the_exact_optimum_with_middle_cross_aisles(
    instance: tuple[Layout, list[Pick]],
) -> None:
    """The multi-block program against Held-Karp (an independent exact method), with up to 9
    picks, where Held-Karp is fast; and no other method is ever shorter."""
    layout, picks = instance
    exact = route_length(layout, picks, held_karp(layout, picks))
    sequence, length = route(layout, picks, "optimal")
    assert sorted(sequence) == list(range(len(picks)))  # every pick once
    assert length == pytest.approx(exact, abs=1e-6)
    searched = route_length(layout, picks, local_search(layout, picks))
    assert searched >= exact - 1e-6
    for method in METHODS:
        sequence, length = route(layout, picks, method)
        assert sorted(sequence) == list(range(len(picks))) and length >= exact - 1e-6


def test_optimal_on_many_blocks_is_never_beaten_by_a_search() -> None:
    """At 100 picks Held-Karp cannot run; the exact program is never longer than the local
    search or any baseline, and visits every pick."""
    rng = random.Random(7)
    for blocks, slots in ((2, 44), (3, 45), (5, 45)):
        layout = Layout(slots=slots, blocks=blocks, depot_aisle=rng.randrange(10))
        for _ in range(3):
            picks = [Pick(rng.randrange(10), rng.randrange(slots)) for _ in range(100)]
            sequence, best = route(layout, picks, "optimal")
            assert sorted(sequence) == list(range(100))
            for method in ("local-search", "combined", "sshape", "largest-gap"):
                assert route(layout, picks, method)[1] >= best - 1e-6


@settings(max_examples=200, deadline=None)
@given(instance=instances(max_picks=12))
def test_baselines_walked_literally_are_never_shorter(instance: tuple[Layout, list[Pick]]) -> None:
    layout, picks = instance
    best = route(layout, picks, "optimal")[1]
    for method in ("sshape", "return", "midpoint", "largest-gap"):
        sequence, length = route(layout, picks, method)
        assert sorted(sequence) == list(range(len(picks)))
        assert policy_length(layout, picks, method) >= length - 1e-6 >= best - 2e-6


def test_a_known_route() -> None:
    layout = Layout()  # 10 aisles of 45 slots, pitch 5, depot 1 in front of aisle 0
    picks = [Pick(3, 17), Pick(7, 0), Pick(3, 40)]
    sequence, length = route(layout, picks, "optimal")
    # Out along the front to aisle 7 (36.5), to aisle 3 from the front (38), up to slot 40
    # (23), and back down aisle 3 and along the front (56.5).
    assert (sequence, length) == ([1, 0, 2], 154.0)
    # S-shape walked literally: aisles 3 and 7 traversed (2 × 45), out to aisle 7 and back
    # (2 × 35), the depot's walk (2 × 1).
    assert policy_length(layout, picks, "sshape") == 162.0


@settings(max_examples=200, deadline=None)
@given(
    raw=st.recursive(
        st.none() | st.booleans() | st.integers(-3, 60) | st.text(max_size=5),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    ["layout", "picks", "aisles", "slots", "blocks", "aisle", "slot", "depot_aisle"]
                ),
                c,
            )
        ),
        max_leaves=20,
    )
)
def test_instance_parser_takes_anything(raw: Any) -> None:
    try:
        layout, picks = load_instance(json.dumps(raw))
    except InvalidInput as exc:
        assert str(exc)
        return
    for pick in picks:
        layout.check(pick)


def test_route_command(tmp_path: Path) -> None:
    instance = {
        "layout": {"aisles": 10, "slots": 45, "slot_length": 1.0, "aisle_pitch": 5.0,
                   "blocks": 1, "depot_aisle": 0, "depot_offset": 1.0},
        "picks": [{"aisle": a, "slot": s} for a, s in [(3, 17), (7, 0), (3, 40), (9, 44), (0, 5)]],
    }  # fmt: skip
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(instance), encoding="utf-8")
    fulfillment = str(Path(sys.executable).parent / "fulfillment")
    layout, picks = load_instance(path.read_text())
    lengths = {}
    for method in ("optimal", "sshape", "return", "midpoint", "largest-gap", "combined"):
        out = subprocess.run(
            [fulfillment, "route", "--instance", str(path), "--method", method, "--json"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        result = json.loads(out.stdout)
        assert result["method"] == method and sorted(result["sequence"]) == [0, 1, 2, 3, 4]
        assert result["length"] == pytest.approx(
            route_length(layout, picks, result["sequence"]), abs=1e-6
        )
        lengths[method] = result["length"]
    assert lengths["optimal"] == min(lengths.values())
    bad = subprocess.run(
        [fulfillment, "route", "--instance", str(tmp_path / "missing.json")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and bad.stderr.startswith("error: Cannot read")
