"""Stores that misbehave below the API: a store trickling its answer, one that never answers,
a web site instead of a store, and a sync being stopped (SIGTERM) mid-request and
mid-back-off. All against real sockets on loopback (``emulators.hostile``), on SQLite and
PostgreSQL (the store's lock must be let go)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fulfillment_app.cli import main
from fulfillment_app.config import SyncSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Store
from fulfillment_app.sync.emulators import (
    Faults,
    Shop,
    ShopifyEmulator,
    WooCommerceEmulator,
    sample_products,
)
from fulfillment_app.sync.emulators.hostile import HostileServer
from fulfillment_app.sync.http import HttpClient, RetryPolicy
from fulfillment_app.sync.lock import StoreLock
from fulfillment_app.sync.records import Stopped, Transient
from tests.stores import PATIENT_SYNC, connect_store, pack_in_database, station


def add_store(ctx: AppContext, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WC_KEY", "ck_test")
    monkeypatch.setenv("TEST_WC_SECRET", "cs_test")
    ctx.stores.add(
        ctx.command_line_actor(),
        "woocommerce",
        "shop",
        url,
        {"key": {"env": "TEST_WC_KEY"}, "secret": {"env": "TEST_WC_SECRET"}},
    )


def test_a_trickling_store_is_cut_off_at_the_request_deadline(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One byte every 0.3 s never trips a 1 s read time-out; the 1.5 s deadline of the whole
    request does, on every try, and the store's lock is free again at once."""
    limits = SyncSettings(
        timeout_s=1.0, request_deadline_s=1.5, attempts=2, backoff_s=0.01, run_deadline_s=60
    )
    body = b'{"orders": "' + b"x" * 200 + b'"}'
    with (
        HostileServer("trickle", interval_s=0.3, body=body) as store,
        station(database_url, tmp_path, limits) as ctx,
    ):
        add_store(ctx, store.url, monkeypatch)
        start = time.monotonic()
        (report,) = ctx.sync.sync("shop")
        elapsed = time.monotonic() - start
        assert 3.0 <= elapsed < 6.0  # two tries of 1.5 s, not 60 s of trickle
        assert report.error == (
            "shop did not finish answering within 1.5 s after 2 tries; will try again later."
        )
        assert store.connections == 2
        # The lock went with the run: another station can take the store at once.
        with ctx.db.session() as session:
            store_id = session.scalar(select(Store.id).where(Store.name == "shop"))
        other = StoreLock(ctx.db, store_id, "station-b")
        assert other.acquire() is None
        other.release()


def test_a_silent_store_shows_progress_and_the_run_is_bounded(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that accepts and never answers: each retry is told as it happens, and the run
    ends at its time limit instead of after every try."""
    limits = SyncSettings(timeout_s=0.5, attempts=20, backoff_s=0.01, run_deadline_s=2.0)
    with HostileServer("silent") as store, station(database_url, tmp_path, limits) as ctx:
        add_store(ctx, store.url, monkeypatch)
        progress: list[Any] = []
        start = time.monotonic()
        (report,) = ctx.sync.sync("shop", progress.append)
        elapsed = time.monotonic() - start
    assert 2.0 <= elapsed < 3.5  # 20 tries of 0.5 s would be 10 s
    assert report.error == (
        "The sync reached its time limit (2 s) before it was done; the next sync goes on "
        "from where it stopped."
    )
    waits = [p.note for p in progress if p.phase == "waiting"]
    assert len(waits) >= 2
    assert waits[0] == "shop did not answer within 0.5 s; trying again in 0 s (try 2 of 20)"


def test_the_command_line_prints_waits_on_stderr(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(
        "[sync]\ntimeout_s = 0.3\nattempts = 3\nbackoff_s = 0.01\nrun_deadline_s = 30\n",
        encoding="utf-8",
    )
    base = ["--config", str(config), "--database", database_url, "--station", "cli"]
    monkeypatch.setenv("WC_KEY", "ck_demo")
    monkeypatch.setenv("WC_SECRET", "cs_demo")
    with HostileServer("silent") as store:
        add = ["stores", "add", "woocommerce", "--name", "web", "--url", store.url]
        assert main([*base, *add, "--key-env", "WC_KEY", "--secret-env", "WC_SECRET"]) == 0
        capsys.readouterr()
        assert main([*base, "sync", "--once"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[:2] == [
        "web did not answer within 0.3 s; trying again in 0 s (try 2 of 3)",
        "web did not answer within 0.3 s; trying again in 0 s (try 3 of 3)",
    ]
    assert "web did not answer within 0.3 s after 3 tries" in out


@pytest.mark.parametrize("status", [404, 200])
def test_a_web_page_is_named_in_one_line_and_not_retried(
    status: int, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HostileServer("page", status=status) as site, station(database_url, tmp_path) as ctx:
        add_store(ctx, site.url, monkeypatch)
        (report,) = ctx.sync.sync("shop")
        (row,) = ctx.stores.list()
    assert report.error == (
        f"shop answered with a web page ({status}), not the store API: is the URL right? "
        "Check it with 'fulfillment stores list'."
    )
    assert row.last_error == report.error
    assert site.connections == 1 and report.requests == 1  # one request, no retries


# -- stopping (SIGTERM sets the engine's stop event) -----------------------------------------


def _stop_after(event: threading.Event, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, event.set)
    timer.start()
    return timer


def test_a_stop_is_noticed_mid_request(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store never answers and the read time-out is 30 s: the stop ends the sync within
    a second, without calling it the store's problem."""
    limits = SyncSettings(timeout_s=30.0, attempts=6)
    with HostileServer("silent") as store, station(database_url, tmp_path, limits) as ctx:
        add_store(ctx, store.url, monkeypatch)
        timer = _stop_after(ctx.sync.stop_event, 0.5)
        start = time.monotonic()
        reports = ctx.sync.sync("shop")
        elapsed = time.monotonic() - start
        timer.join()
    assert elapsed < 1.5
    assert [r.error for r in reports] == [None]


def test_a_stop_is_noticed_mid_back_off() -> None:
    """The store asks for 30 s of patience (429, Retry-After): a stop ends the wait."""
    shop = Shop(sample_products(), orders=1)
    faults = Faults(rate=1.0, kinds=("429",), retry_after_s=30)
    stop = threading.Event()
    with WooCommerceEmulator(shop, faults=faults) as emulator:
        client = HttpClient(emulator.url, store="shop", retry=RetryPolicy(attempts=3), stop=stop)
        timer = _stop_after(stop, 0.5)
        start = time.monotonic()
        with pytest.raises(Exception, match="Sync stopped"):
            client.request("GET", "/wp-json/wc/v3/orders")
        elapsed = time.monotonic() - start
        timer.join()
        client.close()
    assert elapsed < 1.5


# -- Shopify's bucket across runs ------------------------------------------------------------


def test_shopify_runs_back_to_back_are_not_throttled_and_keep_one_query_per_run(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run empties a small bucket; the run right after it waits for the points
    it needs instead of being throttled, so nothing changed costs exactly one request. Every
    page of a run asks the same query; the next run's query starts at the new watermark."""
    shop = Shop(sample_products(), orders=40, seed=9)
    queries: list[str] = []

    def observe(request: Any) -> None:
        variables = (request.json() or {}).get("variables") or {}
        if "query" in variables:
            queries.append(variables["query"])

    emulator = ShopifyEmulator(shop, bucket_size=400, restore_rate=20)
    emulator.hooks.append(observe)
    with emulator, station(database_url, tmp_path, PATIENT_SYNC) as ctx:
        connect_store(ctx, emulator, monkeypatch)
        (first,) = ctx.sync.sync("shop")
        assert first.error is None and first.new == 40 and first.pages > 2
        assert len(set(queries)) == 1  # one query for all pages of the run
        throttled = len(emulator.throttled)
        queries.clear()
        (second,) = ctx.sync.sync("shop")
    assert second.error is None and second.new == 0
    assert len(emulator.throttled) == throttled  # the run waited for the bucket instead
    assert second.requests == 1
    (query,) = queries
    assert query > f"updated_at:>='{datetime.now(UTC) - timedelta(days=59):%Y-%m-%d}"


# -- HTTPS -----------------------------------------------------------------------------------


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made by the openssl command."""
    # scripts/test installs it where it is missing: in CI this test must run, not skip.
    assert shutil.which("openssl"), (
        "the HTTPS tests need the openssl command (apt-get install openssl)"
    )
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_https_goes_through_the_guarded_sockets(tls_files: tuple[Path, Path]) -> None:
    """Stores are reached over TLS: a normal answer arrives, one trickled inside TLS is cut
    at the deadline, and a stop ends a wait inside TLS."""
    cert, key = tls_files
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    trust = ssl.create_default_context(cafile=str(cert))
    with (
        HostileServer("trickle", interval_s=0.0, tls=server_tls) as fast,
        HostileServer("trickle", interval_s=0.3, tls=server_tls) as slow,
        HostileServer("silent", tls=server_tls) as silent,
    ):
        client = HttpClient(fast.url.replace("http:", "https:"), store="shop", verify=trust)
        _, data = client.request("GET", "/orders")
        assert data == {"orders": []}
        client.close()

        client = HttpClient(
            slow.url.replace("http:", "https:"),
            store="shop",
            verify=trust,
            timeout_s=1.0,
            request_deadline_s=1.0,
            retry=RetryPolicy(attempts=1),
        )
        start = time.monotonic()
        with pytest.raises(Transient, match="did not finish answering within 1 s"):
            client.request("GET", "/orders")
        assert time.monotonic() - start < 2.0
        client.close()

        stop = threading.Event()
        client = HttpClient(
            silent.url.replace("http:", "https:"), store="shop", verify=trust, stop=stop
        )
        timer = _stop_after(stop, 0.5)
        start = time.monotonic()
        with pytest.raises(Stopped):
            client.request("GET", "/orders")
        assert time.monotonic() - start < 1.5
        timer.join()
        client.close()


def test_the_status_bar_says_why_the_sync_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.sync.engine import Progress
    from fulfillment_app.ui.sync_status import SyncStatus

    status = SyncStatus()
    qtbot.addWidget(status)
    status.on_progress(Progress("web", "orders", 2, 200))
    assert status.label.text() == "web: syncing orders… 200"
    note = "web did not answer within 30 s; trying again in 1 s (try 2 of 6)"
    status.on_progress(Progress("web", "waiting", 2, 200, note=note))
    assert status.label.text() == note


def test_fulfillments_wait_while_the_address_is_a_web_page(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong address is the admin's to fix: the packed orders' fulfillments wait for it,
    they are not parked one by one for a supervisor."""
    shop = Shop(sample_products(), orders=4, seed=5)
    with (
        WooCommerceEmulator(shop) as emulator,
        HostileServer("page", status=200) as site,
        station(database_url, tmp_path) as ctx,
    ):
        connect_store(ctx, emulator, monkeypatch)
        (imported,) = ctx.sync.sync("shop")
        assert imported.new == 4
        pack_in_database(ctx, "shop", 3)
        ctx.stores.set_url(ctx.command_line_actor(), "shop", site.url)
        (report,) = ctx.sync.sync("shop")
    assert report.error is not None and "answered with a web page (200)" in report.error
    assert (report.parked, report.waiting, report.delivered) == (0, 3, 0)
