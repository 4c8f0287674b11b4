"""The packing station: every scan outcome, the weight gate, box choice, closing, short ship,
resuming after a crash (a real SIGKILL), and two stations racing for one order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from fulfillment_app.config import LabelSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductBarcode,
    Role,
    ScanEvent,
)
from fulfillment_app.errors import NotFound
from fulfillment_app.services.packing import (
    OrderNotPackable,
    PackIncomplete,
    PackingService,
    WeightMismatch,
)
from tests.conftest import make_settings

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
MUG_EAN, MUG_UPC = "7290012345005", "084100000009"  # SKU-1000, 380 g, two barcodes
SOAP_EAN = "7290012345012"  # SKU-1001, 120 g
GAME_EAN = "7290012345142"  # SKU-1014: in the catalogue, not in the order


@pytest.fixture
def station(database_url, tmp_path):  # type: ignore[no-untyped-def]
    settings = make_settings(database_url, tmp_path).replace(
        labels=LabelSettings(company_prefix="7290012345")
    )
    ctx = AppContext.build(settings)
    ctx.start()
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    with ctx.db.session() as s:
        order = Order(external_id="5001", number="1001", ship_to={"name": "דנה כהן"})
        order.lines = [
            OrderLine(sku="SKU-1000", name="Mug", quantity=2),
            OrderLine(sku="SKU-1001", name="Soap", quantity=1),
        ]
        s.add(order)
    ctx.users.add(admin, "Noa", Role.PACKER, "3333")
    ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
    yield ctx
    ctx.close()


def packer(ctx: AppContext):  # type: ignore[no-untyped-def]
    return ctx.auth.login_with_pin("Noa", "3333")


def test_every_scan_outcome(station: AppContext) -> None:
    noa = packer(station)
    view = station.packing.start(noa, "ORD:1001")  # the packing slip's barcode
    sid = view.session_id
    assert (view.packed, view.total, view.resumed) == (0, 3, False)
    scan = lambda raw: station.packing.scan(noa, sid, raw)  # noqa: E731

    first = scan(MUG_EAN)
    assert (first.outcome, first.message, first.cue) == ("accepted", "Mug: 1 of 2", "good")
    assert scan("]C101" + "0" + MUG_EAN).outcome == "accepted"  # GS1 AI 01, GTIN-14 form
    assert scan(MUG_UPC).outcome == "over-scan"  # the other barcode of the same product
    wrong = scan(GAME_EAN)
    assert wrong.outcome == "wrong item" and "משחק קופסה" in wrong.message  # the board game
    assert scan("4006381333931").outcome == "unknown"
    assert scan("7290012345013").outcome == "invalid scan"  # bad check digit
    done = scan("sku-1001")  # a SKU typed or scanned, case does not matter
    assert (done.outcome, done.cue, done.complete) == ("complete", "done", True)
    undone = scan("CMD:UNDO")
    assert undone.message == "Undone: Soap is 0 of 1." and not undone.complete
    assert scan(SOAP_EAN).outcome == "complete"
    with station.db.session() as s:  # every scan is on record, the undone one marked
        events = s.execute(
            select(ScanEvent.outcome, ScanEvent.undone)
            .where(ScanEvent.pack_session_id == sid)
            .order_by(ScanEvent.id)
        ).all()
    assert [e.outcome for e in events] == [
        "accepted",
        "accepted",
        "over-scan",
        "wrong item",
        "unknown",
        "invalid scan",
        "complete",
        "complete",
    ]
    assert [e.undone for e in events].count(True) == 1


def test_serial_and_case_barcodes(station: AppContext) -> None:
    with station.db.session() as s:
        mug = s.scalars(select(Product).where(Product.sku == "SKU-1000")).one()
        mug.requires_serial = True
        soap = s.scalars(select(Product).where(Product.sku == "SKU-1001")).one()
        s.add(ProductBarcode(product_id=soap.id, code="17290012345019", kind="gtin", quantity=6))
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    needs = station.packing.scan(noa, sid, MUG_EAN)
    assert needs.outcome == "needs serial" and "serial number" in needs.message
    with_serial = station.packing.scan(noa, sid, "]C101" + "0" + MUG_EAN + "21SN-0001")
    assert with_serial.outcome == "accepted"
    case = station.packing.scan(noa, sid, "17290012345019")
    assert case.outcome == "over-scan" and "pack of 6" in case.message
    with station.db.session() as s:
        assert s.scalar(select(ScanEvent.serial).where(ScanEvent.outcome == "accepted")) == (
            "SN-0001"
        )


def _pack_all(ctx: AppContext, actor, number: str = "1001") -> int:  # type: ignore[no-untyped-def]
    sid = ctx.packing.start(actor, number).session_id
    for raw in (MUG_EAN, MUG_EAN, SOAP_EAN):
        ctx.packing.scan(actor, sid, raw)
    return sid


def test_close_with_the_weight_gate(station: AppContext) -> None:
    noa = packer(station)
    sid = station.packing.start(noa, "#1001").session_id
    station.packing.scan(noa, sid, MUG_EAN)
    with pytest.raises(PackIncomplete, match=r"Still missing: Mug \(1\), Soap \(1\)"):
        station.packing.close(noa, sid, weight_g=500)
    station.packing.scan(noa, sid, MUG_EAN)
    station.packing.scan(noa, sid, SOAP_EAN)
    # 2 x 380 + 120 = 880 g of items; the suggested box's tare and 20 g of dunnage on top.
    box = station.packing.box(None, sid)
    expected = 880 + box.tare_g + 20
    with pytest.raises(WeightMismatch, match=r"heavier than expected"):
        station.packing.close(noa, sid, weight_g=expected + 300)
    closed = station.packing.close(noa, sid, weight_g=expected + 10)
    assert closed.weight.ok and closed.box == box.code and closed.package_number == 1
    assert closed.sscc and closed.sscc.startswith("07290012345")
    with station.db.session() as s:
        order = s.scalars(select(Order).where(Order.number == "1001")).one()
        assert order.status is OrderStatus.PACKED
        assert [line.quantity_packed for line in order.lines] == [2, 1]
    with pytest.raises(OrderNotPackable, match="is packed already"):
        station.packing.start(noa, "1001")


def test_a_supervisor_approves_a_weight_mismatch(station: AppContext) -> None:
    noa = packer(station)
    sid = _pack_all(station, noa)
    yossi = station.auth.authorize_override(
        action="pack weight order 1001", reason="scale tare off", badge="BADGE-1002", pin="2222"
    )
    closed = station.packing.close(
        noa, sid, weight_g=3000, box_code="OWN", approved_by=yossi, reason="scale tare off"
    )
    assert not closed.weight.ok and closed.box == "OWN"
    assert closed.weight.expected_g == 880  # own packaging: no tare, no dunnage
    with station.db.session() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "pack.weight_override")
        ).one()
    assert entry.actor == "Yossi (supervisor)" and entry.after == {"measured_g": 3000}


def test_box_choice(station: AppContext) -> None:
    noa = packer(station)
    sid = _pack_all(station, noa)
    suggestion = station.packing.suggested_box(sid)
    assert suggestion is not None and suggestion.code in ("S", "M", "L", "XL")
    with pytest.raises(Exception, match="Unknown box 'Q'"):
        station.packing.box("Q", sid)
    assert station.packing.box("own", sid).code == "OWN"


def test_orders_that_cannot_be_packed(station: AppContext) -> None:
    noa = packer(station)
    with station.db.session() as s:
        s.execute(update(Order).values(status=OrderStatus.CANCELLED))
    with pytest.raises(OrderNotPackable, match="was cancelled in the store"):
        station.packing.start(noa, "1001")
    with pytest.raises(NotFound, match="There is no order 4242"):
        station.packing.start(noa, "4242")


def test_two_stations_one_order(station: AppContext) -> None:
    noa = packer(station)
    station.packing.start(noa, "1001")
    other = PackingService(
        station.db, station.scans, station.settings.packing, station.labels, "pack-2"
    )
    with pytest.raises(OrderNotPackable, match="being packed at station test-station by Noa"):
        other.start(noa, "1001")


def test_resume_after_a_restart(station: AppContext) -> None:
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    for raw in (MUG_EAN, GAME_EAN, SOAP_EAN, "CMD:UNDO", SOAP_EAN):
        station.packing.scan(noa, sid, raw)
    # A new service, as after the process was killed: everything comes back from the database.
    fresh = PackingService(
        station.db, station.scans, station.settings.packing, station.labels, "test-station"
    )
    assert fresh.open_session() == sid
    view = fresh.start(noa, "1001")
    assert (view.session_id, view.resumed, view.packed) == (sid, True, 2)
    assert [(ln.sku, ln.packed) for ln in view.lines] == [("SKU-1000", 1), ("SKU-1001", 1)]
    assert fresh.scan(noa, sid, "CMD:UNDO").message == "Undone: Soap is 0 of 1."


def test_short_ship_goes_to_the_exceptions(station: AppContext) -> None:
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    station.packing.scan(noa, sid, MUG_EAN)
    station.packing.short_ship(noa, sid, "one mug broken")
    with station.db.session() as s:
        assert s.scalar(select(Order.status)) is OrderStatus.EXCEPTION
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "pack.short_ship")).one()
    assert entry.reason == "one mug broken" and entry.after == {"packed": 1, "total": 3}


def test_a_picker_cannot_pack(station: AppContext) -> None:
    from fulfillment_app.errors import PermissionDenied

    station.users.add(station.command_line_actor(), "Avi", Role.PICKER, "4444")
    avi = station.auth.login_with_pin("Avi", "4444")
    with pytest.raises(PermissionDenied):
        station.packing.start(avi, "1001")


def _fulfillment(args: list[str], tmp_path: Path, **kw):  # type: ignore[no-untyped-def]
    env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [str(Path(sys.executable).parent / "fulfillment"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        **kw,
    )


def test_pack_command(station: AppContext, tmp_path: Path) -> None:
    url = station.db.url.render_as_string(hide_password=False)
    scans = tmp_path / "scans.txt"
    scans.write_text(f"{MUG_EAN}\n{GAME_EAN}\n{MUG_EAN}\n{MUG_EAN}\n{SOAP_EAN}\n", encoding="utf-8")
    result = _fulfillment(
        [
            "--database",
            url,
            "pack",
            "--order",
            "1001",
            "--scans",
            str(scans),
            "--weight",
            "1100",
            "--box",
            "M",
            "--json",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["outcome"] for s in report["scans"]] == [
        "accepted",
        "wrong item",
        "accepted",
        "over-scan",
        "complete",
    ]
    assert report["closed"] and report["package"]["box"] == "M"
    assert report["package"]["weight"]["ok"]


@pytest.mark.parametrize("stop_after", [1, 7, 19])
def test_a_killed_packer_loses_no_scan(station: AppContext, tmp_path: Path, stop_after) -> None:  # type: ignore[no-untyped-def]
    """Kill a real child process (SIGKILL) at some point in its scanning, then resume."""
    with station.db.session() as s:  # a big order, so the child never runs out of soaps
        s.execute(update(OrderLine).where(OrderLine.sku == "SKU-1001").values(quantity=500))
    url = station.db.url.render_as_string(hide_password=False)
    child = f"""
import sys
from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
from pathlib import Path
ctx = AppContext.build(Settings(database=DatabaseSettings(url={url!r}),
                                station=StationSettings(name="test-station"),
                                data_dir=Path({str(station.settings.data_dir)!r}),
                                log_dir=Path({str(tmp_path)!r})))
actor = ctx.auth.login_with_pin("Noa", "3333")
sid = ctx.packing.start(actor, "1001").session_id
while True:
    reply = ctx.packing.scan(actor, sid, {SOAP_EAN!r})
    print(reply.message, flush=True)
"""
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    seen = 0
    while seen < stop_after:
        line = proc.stdout.readline()
        assert line, "the child stopped early"
        seen += 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The child went on scanning while we read: count every line it managed to print.
    reported = seen + proc.stdout.read().count("\n")
    proc.stdout.close()
    noa = packer(station)
    view = station.packing.start(noa, "1001")
    soap = next(ln for ln in view.lines if ln.sku == "SKU-1001")
    with station.db.session() as s:
        recorded = s.scalar(
            select(func.count()).select_from(ScanEvent).where(ScanEvent.outcome == "accepted")
        )
    # Every scan the child reported is there; at most one more finished as it was killed.
    assert view.resumed and reported <= soap.packed <= reported + 1 and soap.packed == recorded


def test_two_processes_race_for_one_order(station: AppContext, tmp_path: Path) -> None:
    """Two stations (two processes) start the same order at the same moment: one wins, the
    other is told who holds it."""
    url = station.db.url.render_as_string(hide_password=False)
    scans = tmp_path / "none.txt"
    scans.write_text("", encoding="utf-8")
    env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)}
    procs = [
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "fulfillment"),
                "--database",
                url,
                "--station",
                name,
                "pack",
                "--order",
                "1001",
                "--scans",
                str(scans),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("pack-1", "pack-2")
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, _, err in results if code == 1)
    assert "is being packed at station pack-" in loser


def _sgtin96(item: int, serial: int) -> str:
    """SGTIN-96 for company prefix 7290012 (partition 5: 24 + 20 bits), built bit by bit."""
    value = (0x30 << 88) | (1 << 85) | (5 << 82) | (7290012 << 58) | (item << 38) | serial
    return f"{value:024X}"


def test_rfid_bulk_verify(station: AppContext) -> None:
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    mug, soap, game = 34500, 34501, 34514  # item references of SKU-1000, 1001, 1014
    tags = {
        _sgtin96(mug, 1),
        _sgtin96(mug, 2),
        _sgtin96(soap, 7),
        _sgtin96(game, 1),
        "350646766781206510000011",
    }
    result = station.packing.rfid_verify(noa, sid, tags)
    assert (result.counted, result.complete, result.missing) == (3, True, [])
    assert result.extra == [_sgtin96(game, 1)]
    assert result.unknown == ["350646766781206510000011"]
    half = station.packing.rfid_verify(noa, sid, {_sgtin96(mug, 3)})
    assert half.counted == 0 and half.extra == [_sgtin96(mug, 3)]  # already complete


def test_close_writes_the_outbox_and_prints(database_url, tmp_path, printer_sim) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.config import DeviceSettings
    from fulfillment_app.db.models import OutboxEntry, Package, Store

    settings = make_settings(database_url, tmp_path).replace(
        labels=LabelSettings(company_prefix="7290012345", label_printer="labels"),
        devices={
            "labels": DeviceSettings(
                kind="printer", url=printer_sim.url, protocol="zpl", timeout_s=0.5
            )
        },
    )
    ctx = AppContext.build(settings)
    ctx.start()
    ctx.devices.start()
    try:
        admin = ctx.command_line_actor()
        ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
        with ctx.db.session() as s:
            store = Store(name="shop", platform="woocommerce", base_url="https://x.example")
            s.add(store)
            s.flush()
            order = Order(
                store_id=store.id,
                external_id="5001",
                number="1001",
                ship_to={"name": "דנה כהן", "address1": "הרצל 12", "city": "חיפה"},
            )
            order.lines = [OrderLine(sku="SKU-1001", name="Soap", quantity=1)]
            s.add(order)
        sid = ctx.packing.start(admin, "1001").session_id
        ctx.packing.scan(admin, sid, SOAP_EAN)
        closed = ctx.packing.close(
            admin, sid, weight_g=None, box_code="OWN", tracking="RR123456785IL"
        )
        assert any("printed on labels" in m for m in closed.messages), closed.messages
        with ctx.db.session() as s:
            entry = s.scalars(select(OutboxEntry)).one()
            package = s.scalars(select(Package)).one()
        assert entry.kind == "fulfillment" and entry.idempotency_key == f"package-{package.id}"
        assert entry.payload["order_external_id"] == "5001"
        assert entry.payload["lines"] == [{"external_id": None, "sku": "SKU-1001", "quantity": 1}]
        assert entry.payload["final"] is True  # the order's last package
        assert entry.payload["tracking"] == "RR123456785IL" and package.sscc == closed.sscc
        deadline = __import__("time").monotonic() + 5
        while printer_sim.job_count() < 1 and __import__("time").monotonic() < deadline:
            __import__("time").sleep(0.02)
        assert closed.sscc.encode() in printer_sim.jobs[0]  # the label carries the package's SSCC
    finally:
        ctx.close()


def test_supervisor_resolves_the_exceptions(station: AppContext) -> None:
    from fulfillment_app.errors import InvalidInput, PermissionDenied

    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    station.packing.scan(noa, sid, MUG_EAN)
    station.packing.short_ship(noa, sid, "one mug broken, no soap")
    with pytest.raises(PermissionDenied):
        station.exceptions.resolve_exception(noa, "1001", "pack-short")
    yossi = station.auth.login_with_pin("Yossi", "2222")
    message = station.exceptions.resolve_exception(yossi, "1001", "pack-short", "customer agreed")
    assert "ships short" in message
    with station.db.session() as s:
        order = s.scalars(select(Order)).one()
        assert order.status is OrderStatus.PICKED  # to packing, not planned for picking again
        assert [(ln.sku, ln.quantity) for ln in order.lines] == [("SKU-1000", 1), ("SKU-1001", 0)]
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "exception.pack-short")
        ).one()
    assert entry.before == {"lines": {"SKU-1000": 2, "SKU-1001": 1}}
    assert entry.reason == "customer agreed"
    # Packed again with what there is: one mug, and it closes.
    sid = station.packing.start(noa, "1001").session_id
    assert station.packing.scan(noa, sid, MUG_EAN).outcome == "complete"
    with pytest.raises(InvalidInput, match="not in the exceptions queue"):
        station.exceptions.resolve_exception(yossi, "1001", "cancel")


@pytest.mark.parametrize(
    ("resolution", "status"), [("wait", OrderStatus.ON_HOLD), ("cancel", OrderStatus.CANCELLED)]
)
def test_wait_for_stock_or_cancel(station: AppContext, resolution, status) -> None:  # type: ignore[no-untyped-def]
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    station.packing.short_ship(noa, sid, "out of soap")
    station.exceptions.resolve_exception(
        station.auth.login_with_pin("Yossi", "2222"), "1001", resolution
    )
    with station.db.session() as s:
        assert s.scalar(select(Order.status)) is status


def test_exceptions_commands(station: AppContext, tmp_path: Path) -> None:
    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    station.packing.short_ship(noa, sid, "soap missing")
    url = station.db.url.render_as_string(hide_password=False)
    listed = _fulfillment(["--database", url, "exceptions", "list"], tmp_path)
    assert listed.returncode == 0 and "1001" in listed.stdout and "soap missing" in listed.stdout
    resolved = _fulfillment(
        [
            "--database",
            url,
            "exceptions",
            "resolve",
            "1001",
            "--action",
            "wait",
            "--note",
            "stock on Monday",
        ],
        tmp_path,
    )
    assert resolved.returncode == 0 and "waits for stock" in resolved.stdout
    again = _fulfillment(["--database", url, "exceptions", "list"], tmp_path)
    assert "no orders wait" in again.stdout


def test_an_order_in_two_boxes(station: AppContext) -> None:
    from fulfillment_app.db.models import Package

    noa = packer(station)
    sid = station.packing.start(noa, "1001").session_id
    station.packing.scan(noa, sid, MUG_EAN)
    station.packing.scan(noa, sid, MUG_EAN)
    with pytest.raises(PackIncomplete, match="close this box and go on"):
        station.packing.close(noa, sid, weight_g=None, box_code="M")
    first = station.packing.close(noa, sid, weight_g=2 * 380 + 160 + 20, box_code="M", final=False)
    assert first.package_number == 1 and first.weight.ok  # this box only: two mugs
    # What went into the closed box cannot be undone any more.
    assert station.packing.scan(noa, sid, "CMD:UNDO").message == "Nothing to undo."
    with pytest.raises(PackIncomplete, match="Nothing has been scanned into this box"):
        station.packing.close(noa, sid, weight_g=None, box_code="S", final=False)
    station.packing.scan(noa, sid, SOAP_EAN)
    second = station.packing.close(noa, sid, weight_g=120 + 90 + 20, box_code="S")
    assert second.package_number == 2 and second.weight.ok
    with station.db.session() as s:
        packages = s.scalars(select(Package).order_by(Package.number)).all()
        assert [(p.box_code, p.number) for p in packages] == [("M", 1), ("S", 2)]
        in_first = s.scalar(
            select(func.sum(ScanEvent.quantity)).where(ScanEvent.package_id == packages[0].id)
        )
        assert in_first == 2
        assert s.scalar(select(Order.status)) is OrderStatus.PACKED
