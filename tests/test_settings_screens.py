"""The admins' settings screen, Labels and Packing tabs, driven as an admin would (pytest-qt,
offscreen, a SQLite file: the database side is covered by tests/test_settings_file.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import event

from fulfillment_app.config import DeviceSettings, UISettings, load_settings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, Role, Store
from fulfillment_app.ui.settings_labels_view import PREVIEW_HEIGHT
from fulfillment_app.ui.settings_view import SettingsView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.conftest import make_settings

TIMEOUT = 10_000

FILE = """\
# Station settings: the labels and the boxes of this packing bench
[labels]
company_name = "Acme Trading"  # printed on every label
company_prefix = "7290012345"
street = "HaMelacha 5"
city = "Netanya"
label_printer = "labels"

[packing]
# S takes small orders only
boxes = "S:220x160x100:90,M:310x220x150:160"
"""


@pytest.fixture
def station(tmp_path: Path, printer_sim) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.toml"
    path.write_text(FILE, encoding="utf-8")
    from_file = load_settings(path, environ={})
    settings = make_settings(f"sqlite:///{tmp_path / 'ui.sqlite3'}", tmp_path).replace(
        source=path,
        labels=from_file.labels,
        packing=from_file.packing,
        devices={"labels": DeviceSettings(kind="printer", url=printer_sim.url, protocol="zpl",
                                          timeout_s=0.5)},
    )  # fmt: skip
    ctx = AppContext.build(settings)
    ctx.start()
    cli = ctx.command_line_actor()
    ctx.users.add(cli, "Dana", Role.ADMIN, "1111")
    ctx.users.add(cli, "Noa", Role.PACKER, "3333")
    with ctx.db.session() as s:
        store = Store(name="shop", platform="woocommerce", base_url="https://shop.example")
        s.add(store)
        s.flush()
        order = Order(store_id=store.id, external_id="5001", number="1001",
                      ship_to={"name": "Dana Cohen", "address_1": "Herzl 12", "city": "Tel Aviv",
                               "country": "IL"})  # fmt: skip
        order.lines = [OrderLine(sku="SKU-1000", name="Mug", quantity=1)]
        s.add(order)
    yield ctx
    ctx.close()


def test_a_label_setting_changed_shows_in_the_preview_and_on_the_next_label(
    qtbot,  # type: ignore[no-untyped-def]
    station: AppContext,
    printer_sim,  # type: ignore[no-untyped-def]
) -> None:
    path = station.settings.source
    assert path is not None
    dana = station.auth.login_with_pin("Dana", "1111")
    noa = station.auth.login_with_pin("Noa", "3333")
    runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
    view = SettingsView(station, runner, sounds)
    qtbot.addWidget(view)
    view.show()
    sql_threads: list[str] = []

    @event.listens_for(station.db.engine, "before_cursor_execute")
    def _record(*_args) -> None:  # type: ignore[no-untyped-def]
        sql_threads.append(threading.current_thread().name)

    labels = view.labels
    try:
        view.activate(dana)
        qtbot.waitUntil(lambda: labels.previewed is not None, timeout=TIMEOUT)
        assert labels.texts["company_name"].text() == "Acme Trading"
        before = dict(labels.previews)
        assert not labels.preview_labels["shipping"].pixmap().isNull()

        # Typed: the preview follows once typing pauses, drawn as the printer would get it.
        company = labels.texts["company_name"]
        company.clear()
        qtbot.keyClicks(company, "Acme Logistics")
        labels.checks["show_weight"].setChecked(False)
        qtbot.waitUntil(
            lambda: (
                labels.previewed is not None and labels.previewed.company_name == "Acme Logistics"
            ),
            timeout=TIMEOUT,
        )
        shown = labels.previewed
        assert not shown.show_weight
        for kind in ("shipping", "packing-slip"):
            assert labels.previews[kind] != before[kind]
            assert labels.previews[kind] == station.labels.preview(
                dana, shown, kind, PREVIEW_HEIGHT
            )
        assert station.labels.settings.company_name == "Acme Trading"  # not saved yet

        # A logo that is not a picture: the sentence next to the field, nothing written.
        written = path.read_bytes()
        labels.logo.setText(str(path))  # said as soon as it is chosen
        qtbot.waitUntil(lambda: labels.errors["logo"].isVisible(), timeout=TIMEOUT)
        assert "is not a picture" in labels.errors["logo"].text()
        labels.errors["logo"].hide()
        labels.save_button.click()  # and again when saving
        qtbot.waitUntil(lambda: labels.errors["logo"].isVisible(), timeout=TIMEOUT)
        assert "is not a picture" in labels.errors["logo"].text()
        assert labels.message.outcome == "bad" and sounds.played[-1] == "error"
        assert path.read_bytes() == written

        labels.no_logo_button.click()
        assert labels.logo.text() == ""
        logo = path.parent / "logo.png"
        Image.new("RGB", (120, 60), "navy").save(logo)
        labels.logo.setText(str(logo))
        qtbot.waitUntil(
            lambda: labels.previewed is not None and labels.previewed.logo == str(logo),
            timeout=TIMEOUT,
        )
        assert not labels.errors["logo"].isVisible()
        labels.save_button.click()
        qtbot.waitUntil(lambda: labels.message.outcome == "good", timeout=TIMEOUT)
        assert not labels.errors["logo"].isVisible() and sounds.played[-1] == "accepted"
        text = path.read_text(encoding="utf-8")
        assert 'company_name = "Acme Logistics"  # printed on every label' in text
        assert "# S takes small orders only" in text and "show_weight = false" in text
        assert station.labels.settings.logo == str(logo)

        # Packing: a box that is not one is refused where it is typed; nothing is written.
        view.tabs.setCurrentWidget(view.packing)
        packing = view.packing
        assert packing.boxes.rowCount() == 2 and packing.cell(0, "code") == "S"
        written = path.read_bytes()
        packing.set_cell(0, "length", "wide")
        packing.save_button.click()
        assert packing.errors["boxes"].isVisible()
        assert "type a number for “Length (mm)”" in packing.errors["boxes"].text()
        packing.set_cell(0, "length", "220")
        packing.set_cell(0, "max", "50")  # less than its own tare
        packing.save_button.click()
        assert "not more than its tare of 90 g" in packing.errors["boxes"].text()
        # One the service refuses (a setting file rule): shown next to its field.
        packing.set_cell(0, "max", "2000")
        packing.numbers["tolerance_pct"].setText("250")
        packing.save_button.click()
        qtbot.waitUntil(lambda: packing.errors["tolerance_pct"].isVisible(), timeout=TIMEOUT)
        assert "0 to 100" in packing.errors["tolerance_pct"].text()
        assert not packing.errors["boxes"].isVisible()
        assert path.read_bytes() == written

        packing.numbers["tolerance_pct"].setText("4")
        packing.save_button.click()
        qtbot.waitUntil(lambda: packing.message.outcome == "good", timeout=TIMEOUT)
        assert station.packing.boxes[0].max_weight_g == 2000
        assert station.settings.packing.tolerance_pct == 4
        assert "S:220x160x100:90:2000,M:310x220x150:160" in path.read_text(encoding="utf-8")

        # A packer cannot change settings: the service refuses, the screen says so.
        view.activate(noa)
        packing.numbers["dunnage_g"].setText("0")
        packing.save_button.click()
        qtbot.waitUntil(lambda: "may not" in packing.message.text(), timeout=TIMEOUT)
        assert station.settings.packing.dunnage_g == 20
    finally:
        runner.shutdown()
        event.remove(station.db.engine, "before_cursor_execute", _record)
    assert sql_threads and "MainThread" not in sql_threads, "SQL ran on the GUI thread"

    # The next label printed carries the new name.
    station.devices.start()
    outcome, _ = station.labels.print(dana, "shipping", "1001")
    assert outcome.printed
    qtbot.waitUntil(lambda: len(printer_sim.jobs) == 1, timeout=TIMEOUT)
    assert b"Acme Logistics" in printer_sim.jobs[-1]
    assert b"Acme Trading" not in printer_sim.jobs[-1]
    entries = station.audit.recent(dana, action="settings.change")
    assert [sorted(e.after or {}) for e in entries] == [
        ["boxes", "tolerance_pct"],
        ["company_name", "logo", "show_weight"],
    ]
    assert entries[1].actor.startswith("Dana")
