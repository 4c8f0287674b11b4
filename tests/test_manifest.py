"""The end-of-day manifest: a carrier's created shipments not yet on a manifest, numbered per
carrier, as a PDF whose barcodes decode to the tracking numbers; later shipments go on the
next one; printed on the document printer through the print queue; and the command."""

from __future__ import annotations

import json
import subprocess
import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from fulfillment_app.cli import main
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    Carrier,
    Manifest,
    Order,
    Package,
    PackSession,
    PrintJob,
    Shipment,
    ShipmentStatus,
)
from fulfillment_app.errors import InvalidInput, NotFound
from fulfillment_app.labels.manifest import ManifestDoc, ManifestLine, manifest_pages
from fulfillment_app.services.manifest import ManifestService
from fulfillment_app.services.printing import PrintQueue
from tests.conftest import make_settings
from tests.test_labels import decoded, pdf_images

RECIPIENTS = [("נועה לוי", "תל אביב"), ("Dana Cohen", "Haifa"), ("יוסי מזרחי", "ירושלים")]


def ship(
    context: AppContext,
    carrier: str,
    count: int,
    *,
    status: ShipmentStatus = ShipmentStatus.CREATED,
    cod: Decimal | None = None,
) -> list[str]:
    """``count`` packed orders with a shipment each at ``carrier``; their tracking numbers."""
    made = []
    with context.db.session() as s:
        carrier_row = s.scalar(select(Carrier).where(Carrier.name == carrier))
        if carrier_row is None:
            carrier_row = Carrier(name=carrier, kind="manual")
            s.add(carrier_row)
            s.flush()
        start = s.scalar(select(Order.id).order_by(Order.id.desc()).limit(1)) or 0
        for i in range(count):
            n = start + i + 1
            name, city = RECIPIENTS[n % len(RECIPIENTS)]
            order = Order(external_id=f"o{n}", number=f"#{1000 + n}", customer_name=name,
                          ship_to={"name": name, "city": city, "address1": "הרצל 12"})  # fmt: skip
            s.add(order)
            s.flush()
            session = PackSession(order_id=order.id, station="test-station", user_name="Avi")
            s.add(session)
            s.flush()
            package = Package(order_id=order.id, pack_session_id=session.id, number=1,
                              box_code="M", weight_g=1250.0 + n)  # fmt: skip
            s.add(package)
            s.flush()
            tracking = f"HFD{n:09d}"
            s.add(
                Shipment(
                    package_id=package.id,
                    order_id=order.id,
                    carrier_id=carrier_row.id,
                    reference=f"PKG-{package.id}",
                    status=status,
                    tracking_number=tracking if status is ShipmentStatus.CREATED else None,
                    cod_amount=cod,
                )
            )
            made.append(tracking)
    return made


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "manifest.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", str(tmp_path / "manifest.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


def test_manifests_list_each_shipment_once_and_number_per_carrier(
    context: AppContext, tmp_path: Path
) -> None:
    actor = context.command_line_actor()
    first = ship(context, "HFD", 2) + ship(context, "HFD", 1, cod=Decimal("149.90"))
    ship(context, "HFD", 1, status=ShipmentStatus.WAITING)  # not created yet: not listed
    cheetah = ship(context, "Cheetah", 1)
    service = ManifestService(context.db, context.settings.labels, context.printing)

    one = service.create(actor, "HFD")
    assert (one.number, one.shipments, set(one.tracking_numbers)) == (1, 3, set(first))
    pages = pdf_images(one.pdf, tmp_path, dpi=300)
    assert len(pages) == 1
    found = {data.decode() for _, data in decoded(pages[0])}
    assert set(first) <= found  # the driver scans every tracking number off the page
    text = pdf_text(one.pdf, tmp_path)
    assert "Manifest 1 — HFD" in text and "PKG-" in text and "149.90 ILS" in text
    assert "3 shipments, 3 parcels" in text and "Haifa" in text and "לוי" in text

    with pytest.raises(InvalidInput, match="No HFD shipment waits for a manifest"):
        service.create(actor, "HFD")
    later = ship(context, "HFD", 1)
    two = service.create(actor, "HFD")
    assert (two.number, two.tracking_numbers) == (2, tuple(later))
    assert service.create(actor, "Cheetah").number == 1  # numbered per carrier
    assert service.render(actor, "HFD", 1).tracking_numbers == one.tracking_numbers
    with pytest.raises(NotFound):
        service.render(actor, "HFD", 9)
    with pytest.raises(NotFound, match="no carrier DHL"):
        service.create(actor, "DHL")
    with context.db.session() as s:
        on = dict(s.execute(select(Shipment.tracking_number, Shipment.manifest_id)).all())
    assert on[cheetah[0]] is not None and None in on.values()  # the waiting one is on none

    # Printed on the document printer through the print queue (what reaches the device).
    sent: list[tuple[str, bytes]] = []
    queue = PrintQueue(context.db, lambda printer, data: sent.append((printer, data)), "st")
    ship(context, "HFD", 2)
    settings = context.settings.labels.__class__(document_printer="office")
    outcome, third = ManifestService(context.db, settings, queue).print(actor, "HFD")
    assert third.number == 3 and outcome.printed and sent == [("office", third.pdf)]
    with context.db.session() as s:
        job = s.scalar(select(PrintJob).order_by(PrintJob.id.desc()))
        assert job is not None and job.description == "manifest 3 for HFD"
        printed = s.scalar(select(Manifest.printed_at).where(Manifest.number == 3))
        assert printed is not None


def test_a_long_manifest_runs_over_pages_with_totals_on_the_last() -> None:
    lines = [
        ManifestLine(f"RR{i:08d}IL", f"PKG-{i}", "שרה", "חיפה", cod=Decimal("10"), currency="ILS")
        for i in range(25)
    ]
    pages = manifest_pages(ManifestDoc("Israel Post", 7, datetime(2026, 1, 2, tzinfo=UTC),
                                       "Shop", lines))  # fmt: skip
    assert len(pages) == 3
    texts = [[e.text for e in p.elements if hasattr(e, "text")] for p in pages]
    assert "Page 3 of 3" in texts[2]
    assert any("25 shipments, 25 parcels; cash to collect 250.00 ILS" in t for t in texts[2])
    assert not any("cash to collect" in t for t in texts[0])


def test_the_manifest_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    (tmp_path / "cli.sqlite3").touch()
    base = ["--database", url, "--station", "cli"]
    assert main([*base, "db", "upgrade"]) == 0
    context = AppContext.build(make_settings(url, tmp_path))
    context.start()
    try:
        tracking = ship(context, "HFD", 2)
    finally:
        context.close()
    capsys.readouterr()
    out = tmp_path / "m.pdf"
    assert main([*base, "manifest", "--carrier", "HFD", "--out", str(out), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["number"] == 1 and answer["tracking_numbers"] == tracking
    assert out.read_bytes().startswith(b"%PDF")
    assert main([*base, "manifest", "--carrier", "HFD", "--out", str(out)]) == 1
    assert "No HFD shipment waits" in capsys.readouterr().err
    assert main([*base, "manifest", "--carrier", "HFD", "--number", "1", "--out", str(out)]) == 0
    assert "HFD manifest 1: 2 shipments" in capsys.readouterr().out


def test_stations_making_manifests_at_once_list_each_shipment_once(context: AppContext) -> None:
    tracking = ship(context, "HFD", 30)
    actor = context.command_line_actor()
    service = ManifestService(context.db, context.settings.labels)
    results, refused = [], []
    start = threading.Barrier(4)

    def make() -> None:
        start.wait()
        try:
            results.append(service.create(actor, "HFD"))
        except InvalidInput as exc:
            refused.append(str(exc))

    threads = [threading.Thread(target=make) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    listed = [n for r in results for n in r.tracking_numbers]
    assert sorted(listed) == sorted(tracking)  # every shipment on exactly one manifest
    assert sorted(r.number for r in results) == list(range(1, len(results) + 1))
    assert all("No HFD shipment waits" in text for text in refused)
