"""The admins' Stores settings screen against the WooCommerce emulator on loopback: a store
added from the screen (its secrets named as environment variables) is tested, synced with a
progress bar that moves, and a slow sync is cancelled at a safe point and resumed later."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fulfillment_app.config import UISettings
from fulfillment_app.db.models import AuditEntry, Order, OrderLine, Store
from fulfillment_app.sync.emulators import Faults, Shop, WooCommerceEmulator, sample_products
from fulfillment_app.ui.settings_stores_view import SettingsStoresView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner
from tests.stores import FAST_SYNC, assert_same_orders, connect_store, station, sync_until_clean

TIMEOUT = 20_000
#: Patient enough for an emulator that answers slowly on purpose.
SLOW_SYNC = dataclasses.replace(FAST_SYNC, timeout_s=5.0, connect_timeout_s=5.0)


def _sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'stores.sqlite3'}"


def test_a_store_added_on_the_screen_syncs_with_a_moving_progress_bar(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shop = Shop(sample_products(), orders=250, seed=3)
    with WooCommerceEmulator(shop) as emulator, station(_sqlite(tmp_path), tmp_path) as ctx:
        monkeypatch.setenv("SHOP_WC_KEY", emulator.key)
        monkeypatch.setenv("SHOP_WC_SECRET", emulator.secret)
        runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
        view = SettingsStoresView(ctx, runner, sounds)
        qtbot.addWidget(view)
        try:
            view.activate(ctx.command_line_actor())
            qtbot.waitUntil(
                lambda: view.message.text() == "" and not runner.pending, timeout=TIMEOUT
            )

            # A mistyped address is refused with a sentence and adds nothing.
            view.name.setText("Web shop")
            view.url.setText("javascript:alert(1)")
            view.use_env.setChecked(True)
            view.secret_fields["key"].setText("SHOP_WC_KEY")
            view.secret_fields["secret"].setText("SHOP_WC_SECRET")
            view.add_button.click()
            qtbot.waitUntil(lambda: "web address" in view.message.text(), timeout=TIMEOUT)
            assert view.message.outcome == "bad"

            view.url.setText(emulator.url)
            view.secret_fields["secret"].setText("cs_not/a-name")  # the secret, by mistake
            view.add_button.click()
            qtbot.waitUntil(
                lambda: "NAME of the environment" in view.message.text(), timeout=TIMEOUT
            )
            assert "cs_not/a-name" not in view.message.text()
            view.secret_fields["secret"].setText("SHOP_WC_SECRET")
            view.add_button.click()
            qtbot.waitUntil(lambda: view.stores_table.rowCount() == 1, timeout=TIMEOUT)
            qtbot.waitUntil(lambda: view.sync_button.isEnabled(), timeout=TIMEOUT)
            with ctx.db.session() as session:
                store = session.scalars(select(Store)).one()
                assert store.credential_ref == {
                    "key": {"env": "SHOP_WC_KEY"},
                    "secret": {"env": "SHOP_WC_SECRET"},
                }
                audit = session.scalars(
                    select(AuditEntry).where(AuditEntry.action == "store.add")
                ).one()
            for value in (emulator.key, emulator.secret):  # never the secrets themselves
                assert value not in repr(store.credential_ref) and value not in repr(audit.after)

            view.test_button.click()
            qtbot.waitUntil(
                lambda: "Connected to WooCommerce" in view.message.text(), timeout=TIMEOUT
            )

            seen: list[tuple[int, int]] = []  # (value, maximum) each time the bar moves
            view.progress.valueChanged.connect(lambda v: seen.append((v, view.progress.maximum())))
            view.sync_button.click()
            assert view.cancel_button.isEnabled() and not view.sync_button.isEnabled()
            qtbot.waitUntil(lambda: "Synced" in view.message.text(), timeout=TIMEOUT)
            assert view.message.outcome == "good"
            # Determinate (the store said how many: 250, and a few read twice where pages
            # overlap), going up page by page to full.
            shares = [v / m for v, m in seen if m > 1]
            assert all(250 <= m <= 260 for _v, m in seen if m > 1), seen
            assert len(shares) >= 3 and shares == sorted(shares), seen
            assert shares[0] <= 0.5 and shares[-1] == 1.0, seen
            assert_same_orders(ctx, shop, "woocommerce", store="Web shop")
            qtbot.waitUntil(lambda: view.stores_table.item(0, 4).text() == "250", timeout=TIMEOUT)
            assert "orders from this store" in view.last_sync.text()
            assert sounds.played[-1] == "complete"

            view.active_button.click()  # stop syncing it: kept, audited, no Sync now
            qtbot.waitUntil(lambda: "no longer synced" in view.message.text(), timeout=TIMEOUT)
            qtbot.waitUntil(lambda: view.stores_table.item(0, 3).text() == "no", timeout=TIMEOUT)
            assert not view.sync_button.isEnabled()
            with ctx.db.session() as session:
                assert (
                    session.scalar(
                        select(AuditEntry.target_id).where(AuditEntry.action == "store.disable")
                    )
                    == "Web shop"
                )
        finally:
            runner.shutdown()


def test_cancel_stops_a_slow_sync_at_a_safe_point(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shop = Shop(sample_products(), orders=400, seed=5)
    faults = Faults(latency_s=0.5)  # every answer slow: time to press Cancel mid-run
    with (
        WooCommerceEmulator(shop, faults=faults) as emulator,
        station(_sqlite(tmp_path), tmp_path, SLOW_SYNC) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
        view = SettingsStoresView(ctx, runner, sounds)
        qtbot.addWidget(view)
        try:
            view.activate(ctx.command_line_actor())
            qtbot.waitUntil(lambda: view.sync_button.isEnabled(), timeout=TIMEOUT)
            view.sync_button.click()
            qtbot.waitUntil(lambda: view.progress.value() >= 100, timeout=TIMEOUT)
            view.cancel_button.click()
            qtbot.waitUntil(lambda: "cancelled" in view.message.text(), timeout=TIMEOUT)
            assert view.sync_button.isEnabled() and not view.cancel_button.isEnabled()
            requests = emulator.requests
            with ctx.db.session() as session:
                imported = session.scalar(select(func.count()).select_from(Order))
                lines = dict(
                    session.execute(
                        select(Order.external_id, func.count(OrderLine.id))
                        .join(OrderLine)
                        .group_by(Order.external_id)
                    ).all()
                )
            assert 0 < imported < 400  # stopped before the end...
            with shop.lock:  # ...and every order it kept is whole
                assert all(lines[str(o)] == len(shop.orders[o].lines) for o in map(int, lines))

            # The background sync (and the next run) goes on from where it stopped.
            faults.latency_s = 0.0
            sync_until_clean(ctx)
            assert emulator.requests > requests
            assert_same_orders(ctx, shop, "woocommerce")
        finally:
            runner.shutdown()
