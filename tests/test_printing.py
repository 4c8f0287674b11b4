"""The print queue: nothing is lost when the printer is off, out of paper or its head open."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from fulfillment_app.config import DeviceSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import PrintJob, PrintJobStatus, Role
from fulfillment_app.devices.errors import PrinterOffline
from fulfillment_app.errors import PermissionDenied
from fulfillment_app.services.printing import PrintQueue
from tests.conftest import make_settings


@pytest.fixture
def station(database_url, tmp_path, printer_sim):  # type: ignore[no-untyped-def]
    """The application wired with one label printer (the simulator)."""
    settings = make_settings(database_url, tmp_path)
    settings = settings.replace(
        devices={
            "labels": DeviceSettings(
                kind="printer", url=printer_sim.url, protocol="zpl", timeout_s=0.5
            )
        }
    )
    ctx = AppContext.build(settings)
    ctx.start()
    ctx.devices.start()
    yield ctx
    ctx.close()


def label(n: int) -> bytes:
    return f"^XA^FO20,20^A0N,30,30^FDLabel {n}^FS^XZ".encode()


def test_a_job_prints_at_once_when_the_printer_is_ready(station, printer_sim) -> None:  # type: ignore[no-untyped-def]
    outcome = station.printing.submit("labels", label(1), "shipping label #1001")
    assert outcome.printed and "printed on labels" in outcome.message
    _wait(lambda: printer_sim.job_count() == 1)
    assert printer_sim.jobs == [label(1)]
    assert station.printing.pending() == []


def test_jobs_wait_while_out_of_paper_and_print_once_in_order(station, printer_sim) -> None:  # type: ignore[no-untyped-def]
    printer_sim.paper_out = True
    first = station.printing.submit("labels", label(1), "shipping label #1001")
    station.printing.submit("labels", label(2), "shipping label #1002")
    assert not first.printed and "out of labels: load a new roll" in first.message
    assert "stays in the queue" in first.message
    pending = station.printing.pending()
    assert [j.description for j in pending] == ["shipping label #1001", "shipping label #1002"]
    assert pending[0].last_error and pending[0].attempts == 1
    # Still out of paper: retrying prints nothing and keeps both.
    _make_due(station)
    assert station.printing.retry_due() == 0

    printer_sim.paper_out = False
    _make_due(station)
    assert station.printing.retry_due() == 2
    _wait(lambda: printer_sim.job_count() == 2)
    assert printer_sim.jobs == [label(1), label(2)]
    assert station.printing.retry_due() == 0  # nothing twice
    with station.db.session() as s:
        assert set(s.scalars(select(PrintJob.status))) == {PrintJobStatus.PRINTED}


def test_a_printer_that_is_off_keeps_the_job(database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext.build(make_settings(database_url, tmp_path))
    ctx.start()
    try:

        def off(printer: str, data: bytes) -> None:
            raise PrinterOffline("Cannot reach the printer at 10.0.0.9:9100.")

        queue = PrintQueue(ctx.db, off, "test-station")
        outcome = queue.submit("labels", label(1), "packing slip #1001")
        assert not outcome.printed and "Cannot reach the printer" in outcome.message
        delivered: list[bytes] = []
        queue = PrintQueue(ctx.db, lambda p, d: delivered.append(d), "test-station")
        _make_due(ctx)
        assert queue.retry_due() == 1 and delivered == [label(1)]
    finally:
        ctx.close()


def test_only_a_supervisor_cancels_a_job(station, printer_sim) -> None:  # type: ignore[no-untyped-def]
    printer_sim.head_open = True
    job = station.printing.submit("labels", label(1), "label").job_id
    admin = station.command_line_actor()
    station.users.add(admin, "Noa", Role.PACKER, "1234")
    noa = station.auth.login_with_pin("Noa", "1234")
    with pytest.raises(PermissionDenied):
        station.printing.cancel(noa, job)
    station.printing.cancel(admin, job)
    assert station.printing.pending() == []


def _make_due(ctx: AppContext) -> None:
    with ctx.db.session() as s:
        for job in s.scalars(select(PrintJob)):
            job.next_attempt_at = job.next_attempt_at - timedelta(hours=1)


def _wait(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)
