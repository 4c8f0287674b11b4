"""Settings changed from the admins' screens: written back to the settings file with its
comments kept, checked as a start-up checks them, audited, refused for the floor, and taken by
the running station; the boxes' maximum weight."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fulfillment_app.config import load_settings
from fulfillment_app.context import AppContext
from fulfillment_app.errors import PermissionDenied
from fulfillment_app.packing.boxes import BoxType, format_boxes, parse_boxes, suggest_box
from fulfillment_app.services.permissions import Actor, Role
from fulfillment_app.services.settings_edit import SettingRejected, SettingsEditor

FILE = """\
# Settings of packing station 3 (ask Dana before changing the boxes)
version = 1

[labels]
company_name = "Acme Trading"   # as on the invoices
# the return address
street = "HaMelacha 5"
city = "Netanya"
dpi = 203

[packing]
boxes = "S:220x160x100:90,M:310x220x150:160"  # the cardboard we stock
tolerance_g = 30.0
"""


def test_a_change_is_written_with_the_comments_kept_audited_and_taken_at_once(
    context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(FILE, encoding="utf-8")
    context.apply_settings(load_settings(path, environ={}))
    # Started with more than the file says (a printer named on the command line, a demo's).
    running = context.settings.replace(
        source=path, labels=dataclasses.replace(context.settings.labels, label_printer="bench")
    )
    editor = SettingsEditor(context.db, running, environ={})
    editor.listen(context.apply_settings)
    admin = context.command_line_actor()

    editor.change(admin, "labels", {"company_name": "Acme Logistics", "city": "Netanya"})
    editor.change(
        admin, "packing", {"boxes": "S:220x160x100:90:2000,M:310x220x150:160", "dunnage_g": 25.0}
    )

    text = path.read_text(encoding="utf-8")
    for comment in ("# Settings of packing station 3", "# as on the invoices",
                    "# the return address", "# the cardboard we stock"):  # fmt: skip
        assert comment in text
    assert 'company_name = "Acme Logistics"   # as on the invoices' in text
    assert text.index("[labels]") < text.index("street") < text.index("[packing]")
    saved = tomllib.loads(text)
    assert saved["labels"]["company_name"] == "Acme Logistics"
    assert saved["packing"]["dunnage_g"] == 25.0
    assert load_settings(path, environ={}).packing.boxes.endswith(":2000,M:310x220x150:160")

    # The running station took them: the next label, the next box suggested.
    assert context.labels.settings.company_name == "Acme Logistics"
    assert context.labels.settings.label_printer == "bench"
    assert context.settings.packing.dunnage_g == 25.0
    assert context.packing.boxes[0].max_weight_g == 2000

    entries = context.audit.recent(admin, action="settings.change")
    assert [e.after for e in entries] == [
        {"boxes": "S:220x160x100:90:2000,M:310x220x150:160", "dunnage_g": 25.0},
        {"company_name": "Acme Logistics"},  # the city did not change
    ]
    assert entries[1].before == {"company_name": "Acme Trading"}

    # Refused with a sentence for the field, and nothing written.
    written = path.read_bytes()
    refusals = {
        ("packing", "boxes"): "S:220x160:90",
        ("packing", "tolerance_g"): -5.0,
        ("packing", "tolerance_pct"): 250.0,
        ("labels", "dpi"): 600,
        ("labels", "logo"): str(path),  # a text file is not a picture
    }
    for (section, key), value in refusals.items():
        with pytest.raises(SettingRejected) as refused:
            editor.change(admin, section, {key: value})
        assert refused.value.key == key
        assert str(refused.value).endswith(".")
    with pytest.raises(SettingRejected, match="is not CODE:LENGTHxWIDTHxHEIGHT:TARE"):
        editor.change(admin, "packing", {"boxes": "S:1x2:3"})
    packer = Actor("Noa", Role.PACKER, "test-station", user_id=7)
    supervisor = Actor("Yossi", Role.SUPERVISOR, "test-station", user_id=8)
    for floor in (packer, supervisor):
        with pytest.raises(PermissionDenied):
            editor.change(floor, "labels", {"company_name": "Mine now"})
    assert path.read_bytes() == written
    assert len(context.audit.recent(admin, action="settings.change")) == 2

    # A setting the environment overrides would not take effect: said so, not written.
    pinned = SettingsEditor(
        context.db,
        editor.settings,
        environ={"FULFILLMENT_LABELS__COMPANY_NAME": "Env Co"},
    )
    with pytest.raises(SettingRejected, match="FULFILLMENT_LABELS__COMPANY_NAME"):
        pinned.change(admin, "labels", {"company_name": "Other"})
    assert path.read_bytes() == written


def test_a_station_without_a_settings_file_says_how_to_give_it_one(
    sqlite_context: AppContext,
) -> None:
    editor = sqlite_context.settings_editor
    with pytest.raises(Exception, match="--config"):
        editor.change(sqlite_context.command_line_actor(), "labels", {"company_name": "X"})


sides = st.integers(min_value=1, max_value=2000)
grams = st.integers(min_value=0, max_value=20000)


@given(
    st.lists(
        st.tuples(sides, sides, sides, grams, st.one_of(st.none(), grams)), min_size=1, max_size=6
    )
)
def test_boxes_read_back_what_is_written(rows: list[tuple[int, int, int, int, int | None]]) -> None:
    boxes = [
        BoxType(f"B{i}", ln, wd, ht, tare, None if most is None else tare + most + 1)
        for i, (ln, wd, ht, tare, most) in enumerate(rows)
    ]
    assert parse_boxes(format_boxes(boxes)) == boxes


@given(st.text(max_size=40))
def test_any_box_text_is_read_or_refused_with_a_sentence(spec: str) -> None:
    try:
        parse_boxes(spec)
    except ValueError as exc:
        assert str(exc).endswith(".")


def test_the_box_suggested_carries_the_weight() -> None:
    old = parse_boxes("S:220x160x100:90,M:310x220x150:160")  # the three-part form still reads
    assert [b.max_weight_g for b in old] == [None, None]
    boxes = parse_boxes("S:220x160x100:90:1000,M:310x220x150:160")
    mug = [(100.0, 90.0, 90.0)]
    assert suggest_box(mug, boxes, weight_g=500).code == "S"  # type: ignore[union-attr]
    assert suggest_box(mug, boxes, weight_g=950).code == "M"  # type: ignore[union-attr]
    assert suggest_box(mug, parse_boxes("S:220x160x100:90:1000"), weight_g=950) is None


def test_a_box_chosen_by_hand_must_carry_what_is_in_it() -> None:
    from fulfillment_app.errors import InvalidInput
    from fulfillment_app.packing.verify import Catalogue, Line, Verifier
    from fulfillment_app.services.pack_close import choose_box
    from fulfillment_app.services.pack_state import LiveSession

    verifier = Verifier([Line(1, "SKU-1", "Kettlebell", 2)], Catalogue())
    live = LiveSession(1, 1, "1001", verifier, {1: (600.0, "SKU-1")}, {1: None})
    boxes = parse_boxes("S:220x160x100:90:1000,M:310x220x150:160:5000")
    live.in_box = {1: 1}
    assert choose_box(live, boxes, "s").code == "S"  # 600 g and the tare: it carries that
    live.in_box = {1: 2}
    with pytest.raises(InvalidInput, match=r"Box S carries at most 1000 g .* choose a larger box"):
        choose_box(live, boxes, "S")
    assert choose_box(live, boxes, None).code == "M"  # the suggestion does not offer S
