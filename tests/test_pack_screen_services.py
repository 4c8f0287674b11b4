"""What the pack screen asks of the services: the order told apart by store and slip code,
each line's location, barcode and image, per-line scan replies, next order and cart/tote
starts, the weight shown before weighing, the override that never takes a badge alone, the
supervisor's short close, printing apart from the close, label preview and reprint, product
images cached at import, and the demo's scale following the box."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app.config import LabelSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import (
    AuditEntry,
    Order,
    OrderChange,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickBatchOrder,
    PickBatchStatus,
    Product,
    ProductBarcode,
    Role,
    Store,
)
from fulfillment_app.errors import InvalidInput, NotFound
from fulfillment_app.services.auth import PinNeeded
from fulfillment_app.services.images import cache_images, cached_path, local_image
from fulfillment_app.services.packing import SHORT_SHIP_REASONS, PackIncomplete
from tests.conftest import make_settings

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
MUG_EAN, SOAP_EAN = "7290012345005", "7290012345012"  # SKU-1000 380 g, SKU-1001 120 g
SOAP_CASE = "17290012345019"  # a case of 6 soaps
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _order(s, number: str, store: Store | None, lines: dict[str, int]) -> Order:  # type: ignore[no-untyped-def]
    names = {"SKU-1000": "Mug", "SKU-1001": "Soap", "SKU-1002": "Notebook"}
    order = Order(
        store_id=store.id if store else None,
        external_id=f"{store.name if store else 'x'}-{number}",
        number=number,
        ship_to={"name": "Dana Cohen", "address1": "Herzl 12", "city": "Haifa"},
    )
    order.lines = [OrderLine(sku=sku, name=names[sku], quantity=n) for sku, n in lines.items()]
    s.add(order)
    s.flush()
    return order


@pytest.fixture
def station(database_url: str, tmp_path: Path) -> Iterator[AppContext]:
    settings = make_settings(database_url, tmp_path).replace(
        labels=LabelSettings(company_prefix="7290012345")
    )
    ctx = AppContext.build(settings)
    ctx.start()
    admin = ctx.command_line_actor()
    ctx.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    ctx.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    ctx.users.add(admin, "Noa", Role.PACKER, "3333")
    ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
    yield ctx
    ctx.close()


def test_the_pack_screens_view_of_an_order(station: AppContext, tmp_path: Path) -> None:
    """Two stores with order 1001: the slip code names one; lines carry what the screen
    shows; a case counts its pieces and the reply names the row to repaint."""
    picture = tmp_path / "mug.png"
    picture.write_bytes(PNG_1PX)
    with station.db.session() as s:
        web, market = (
            Store(name="web", platform="woocommerce", base_url="https://w.example"),
            (Store(name="market", platform="shopify", base_url="https://m.example")),
        )
        s.add_all([web, market])
        s.flush()
        _order(s, "1001", web, {"SKU-1000": 1, "SKU-1001": 6})
        theirs = _order(s, "1001", market, {"SKU-1002": 1}).id
        mug = s.scalars(select(Product).where(Product.sku == "SKU-1000")).one()
        mug.image_url = str(picture)
        soap = s.scalars(select(Product).where(Product.sku == "SKU-1001")).one()
        soap.image_url = "https://images.example/soap.png"  # not cached: no image
        s.add(ProductBarcode(product_id=soap.id, code=SOAP_CASE, kind="gtin", quantity=6))
    noa = station.auth.login_with_pin("Noa", "3333")
    # The old slip code is ambiguous here, and says in which stores.
    with pytest.raises(InvalidInput, match=r"more than one store \(market, web\)"):
        station.packing.start(noa, "ORD:1001")
    view = station.packing.start(noa, f"ORD:ID-{theirs}")
    assert (view.store, view.order_id, view.slip_code) == ("market", theirs, f"ORD:ID-{theirs}")
    station.packing.short_ship(noa, view.session_id, "item damaged")
    view = station.packing.start(noa, "web/1001")
    assert view.store == "web" and view.box_number == 1 and view.totes == []
    mug_line, soap_line = view.lines
    assert (mug_line.location, mug_line.barcode, mug_line.image) == (
        "A-01-01-1",
        MUG_EAN,
        str(picture),
    )
    assert (soap_line.barcode, soap_line.image) == (SOAP_EAN, None)  # the piece, not the case
    # The packing slip's barcode carries the unambiguous id.
    slip = station.labels.packing_slip(noa, f"ID-{view.order_id}")
    assert f"ORD:ID-{view.order_id}" in [getattr(e, "data", None) for e in slip.elements]

    sid = view.session_id
    case = station.packing.scan(noa, sid, SOAP_CASE)
    assert case.outcome == "accepted" and case.message.startswith("+6 ")
    assert (case.line_id, case.line_packed, case.counted) == (soap_line.line_id, 6, 6)
    over = station.packing.scan(noa, sid, SOAP_EAN)
    assert over.outcome == "over-scan" and (over.line_id, over.counted) == (soap_line.line_id, 0)
    undo = station.packing.scan(noa, sid, "CMD:UNDO")
    assert (undo.line_id, undo.line_packed, undo.counted, undo.packed) == (
        soap_line.line_id,
        0,
        -6,
        0,
    )
    station.packing.scan(noa, sid, SOAP_CASE)
    # The weight to expect, shown before weighing; listeners (the demo's scale) hear it.
    heard = []
    station.packing.on_expected_weight(heard.append)
    done = station.packing.scan(noa, sid, MUG_EAN)
    assert done.outcome == "complete" and heard and heard[-1].expected_g > 380 + 6 * 120
    expected = station.packing.expected_weight(sid, "OWN")
    assert (expected.box, expected.expected_g, expected.tolerance_g) == ("OWN", 1100, 55)
    assert station.packing.view(sid).in_box == 7


def test_next_order_and_carts(station: AppContext) -> None:
    """Without carts, the oldest open order; with carts, the oldest whose carts are all
    picked. A cart code takes its first waiting order, a tote its slot."""
    noa = station.auth.login_with_pin("Noa", "3333")
    with station.db.session() as s:
        first = _order(s, "2001", None, {"SKU-1000": 1}).id
        second = _order(s, "2002", None, {"SKU-1001": 1}).id
        third = _order(s, "2003", None, {"SKU-1002": 1}).id
        s.add(OrderChange(order_id=first, kind="edited", detail="The store changed it."))
    # 2001 has a store change waiting for a supervisor: not offered.
    view = station.packing.next_order(noa)
    assert view is not None and view.order_number == "2002" and view.order_id == second
    assert station.packing.next_order(noa).session_id == view.session_id  # resumes it
    station.packing.short_ship(noa, view.session_id, SHORT_SHIP_REASONS[0])

    with station.db.session() as s:
        orders = {o.number: o for o in s.scalars(select(Order))}
        for number in ("2003", "2004"):
            if number not in orders:
                orders[number] = _order(s, number, None, {"SKU-1001": 1})
            orders[number].status = OrderStatus.PICKED
        done = PickBatch(zone="A", status=PickBatchStatus.DONE, method="cart", picker="Avi")
        busy = PickBatch(zone="B", status=PickBatchStatus.PICKING, method="cart", picker="Eli")
        s.add_all([done, busy])
        s.flush()
        s.add_all(
            [
                PickBatchOrder(batch_id=done.id, order_id=orders["2003"].id, slot=1),
                PickBatchOrder(batch_id=done.id, order_id=orders["2004"].id, slot=2),
                PickBatchOrder(batch_id=busy.id, order_id=orders["2003"].id, slot=4),
            ]
        )
        done_id, busy_id, fourth = done.id, busy.id, orders["2004"].id
    # Carts are in use now: open orders wait for picking; 2003 waits for zone B.
    view = station.packing.next_order(noa)
    assert view is not None and view.order_id == fourth
    assert [(t.batch_id, t.zone, t.slot, t.state) for t in view.totes] == [
        (done_id, "A", 2, "picked")
    ]
    station.packing.short_ship(noa, view.session_id, "item missing")
    assert station.packing.next_order(noa) is None
    # The cart's first order waiting; the picked part and the part still being picked.
    view = station.packing.start(noa, f"CART-{done_id}")
    assert view.order_id == third
    assert [(t.zone, t.slot, t.state) for t in view.totes] == [
        ("A", 1, "picked"),
        ("B", 4, "picking"),
    ]
    assert station.packing.start(noa, "TOTE-01").session_id == view.session_id
    with pytest.raises(NotFound, match="tote 2"):
        station.packing.start(noa, "TOTE-02")  # sent to the exceptions above
    with pytest.raises(InvalidInput, match=f"Cart {busy_id} is not picked yet"):
        station.packing.start(noa, f"CART-{busy_id}")


def test_override_short_close_and_documents(database_url: str, tmp_path: Path, printer_sim) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.config import DeviceSettings

    settings = make_settings(database_url, tmp_path)
    settings = settings.replace(
        # Supervisors sign in by badge alone here: an override still asks for the PIN.
        security=dataclasses.replace(settings.security, badge_needs_pin=()),
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
        ctx.users.add(admin, "Noa", Role.PACKER, "3333")
        ctx.users.add(admin, "Yossi", Role.SUPERVISOR, "2222", "BADGE-1002")
        with ctx.db.session() as s:
            _order(s, "3001", None, {"SKU-1000": 2, "SKU-1001": 1})
        noa = ctx.auth.login_with_pin("Noa", "3333")
        # A badge alone never approves an override.
        asked = ctx.auth.authorize_override(
            action="pack.short 3001", reason="soap out of stock", badge="BADGE-1002"
        )
        assert asked == PinNeeded(name="Yossi", role=Role.SUPERVISOR)
        yossi = ctx.auth.authorize_override(
            action="pack.short 3001", reason="soap out of stock", badge="BADGE-1002", pin="2222"
        )
        view = ctx.packing.start(noa, "3001")
        sid = view.session_id
        ctx.packing.scan(noa, sid, MUG_EAN)
        first = ctx.packing.close(
            noa, sid, weight_g=None, box_code="OWN", final=False, print_documents=False
        )
        assert (first.final, first.remaining) == (False, 2)
        after = ctx.packing.view(sid)
        assert (after.box_number, after.in_box, after.packed) == (2, 0, 1)
        ctx.packing.scan(noa, sid, MUG_EAN)
        with pytest.raises(PackIncomplete, match=r"Still missing: Soap \(1\)"):
            ctx.packing.close(noa, sid, weight_g=None, box_code="OWN")
        with pytest.raises(PackIncomplete, match="supervisor"):
            ctx.packing.close(noa, sid, weight_g=None, box_code="OWN", allow_short=True)
        closed = ctx.packing.close(
            noa,
            sid,
            weight_g=None,
            box_code="OWN",
            approved_by=yossi,
            reason="soap out of stock",
            allow_short=True,
            print_documents=False,
        )
        assert closed.final and closed.short == {"SKU-1001": 1} and closed.package_number == 2
        assert printer_sim.job_count() == 0  # printing is the screen's next call, in its lane
        (outcome,) = ctx.packing.print_documents(noa, closed.package_id)
        assert outcome.printed, outcome.message
        preview = ctx.packing.label_preview(noa, closed.package_id, height_px=300)
        assert preview.startswith(b"\x89PNG")
        again = ctx.packing.reprint(noa, closed.package_id, "label")
        assert again.printed
        with ctx.db.session() as s:
            actions = {e.action: e for e in s.scalars(select(AuditEntry))}
            status = s.scalar(select(Order.status).where(Order.number == "3001"))
        assert status is OrderStatus.PACKED
        assert actions["override.badge_alone"].reason.startswith("badge without PIN")
        short = actions["pack.short_close"]
        assert short.actor.startswith("Yossi") and short.after["short"] == {"SKU-1001": 1}
        assert actions["pack.reprint"].after["what"] == "label"
        assert closed.sscc and closed.sscc.encode() in printer_sim.jobs[-1]
    finally:
        ctx.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # closing the server joins its request threads


class _Images(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        kinds = {"/a.png": ("image/png", PNG_1PX), "/page": ("text/html", b"<html></html>")}
        kind, body = kinds.get(self.path, ("image/png", b"x" * (6 * 1024 * 1024)))
        if self.path == "/missing":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


def test_product_images_at_import(sqlite_context: AppContext, tmp_path: Path) -> None:
    server = _Server(("127.0.0.1", 0), _Images)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        (tmp_path / "pics").mkdir()
        (tmp_path / "pics" / "soap.png").write_bytes(PNG_1PX)
        csv = tmp_path / "products.csv"
        csv.write_text(
            "sku,name,barcode,weight_g,image\n"
            f"SKU-9001,Mug,,100,{base}/a.png\n"
            "SKU-9002,Soap,,100,pics/soap.png\n"
            f"SKU-9003,Page,,100,{base}/page\n"
            f"SKU-9004,Huge,,100,{base}/huge.png\n"
            f"SKU-9005,Gone,,100,{base}/missing\n",
            encoding="utf-8",
        )
        admin = sqlite_context.command_line_actor()
        report = sqlite_context.catalogue.import_products(admin, csv)
        assert report.created == 5 and not report.errors
        cache = tmp_path / "images"
        images = sqlite_context.catalogue.cache_images(admin, cache)
        assert images.cached == 1 and len(images.failed) == 3
        failed = " ".join(images.failed)
        assert "not an image" in failed and "larger than 5 MB" in failed and "404" in failed
        again = cache_images([f"{base}/a.png"], cache)
        assert (again.cached, again.present) == (0, 1)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    with sqlite_context.db.session() as s:
        refs = dict(s.execute(select(Product.sku, Product.image_url)).all())
    assert refs["SKU-9002"] == str((tmp_path / "pics" / "soap.png").resolve())
    assert local_image(refs["SKU-9001"], cache) == cached_path(f"{base}/a.png", cache)
    assert local_image(refs["SKU-9002"], cache) == tmp_path / "pics" / "soap.png"
    assert local_image(refs["SKU-9003"], cache) is None  # never fetched on the scan path
    assert local_image("/no/such/file.png", cache) is None


def test_the_demo_scale_follows_the_box(sqlite_context: AppContext, tmp_path: Path) -> None:
    from fulfillment_app.demo import DemoDevices, demo_labels, seed

    # The demo's closes have an SSCC and a printer: a label to preview and print.
    labels = demo_labels(LabelSettings(label_printer="office"))
    assert labels.company_prefix and labels.label_printer == "office"

    devices = DemoDevices(tmp_path / "devices")
    try:
        seed(sqlite_context)
        devices.follow(sqlite_context)
        with sqlite_context.db.session() as s:
            _order(s, "4001", None, {"SKU-1001": 1})
        noa = sqlite_context.auth.login_with_pin("Noa", "3333")
        view = sqlite_context.packing.next_order(noa)  # the demo shop does not pick in carts
        assert view is not None and view.order_number == "4001"
        assert view.lines[0].image and Path(view.lines[0].image).is_file()
        sqlite_context.packing.scan(noa, view.session_id, SOAP_EAN)
        expected = sqlite_context.packing.expected_weight(view.session_id)
        assert devices.scale.grams == round(expected.expected_g)
        check = sqlite_context.packing.check_weight(
            view.session_id,
            devices.scale.grams,
            sqlite_context.packing.box(expected.box, view.session_id),
        )
        assert check.ok
    finally:
        devices.close()


@given(
    st.from_regex(r"[0-9]{13}", fullmatch=True),
    st.integers(min_value=1, max_value=10**12),
)
def test_codes_shown_on_screen_scan_back(body: str, order_id: int) -> None:
    """The barcode a new user types from the screen, and the slip's code, read back as what
    they name (the GTIN as stored; the order's id)."""
    from fulfillment_app.gtin import gs1_check_digit, normalise_gtin
    from fulfillment_app.scanning import Interpreter
    from fulfillment_app.services.orders import slip_code
    from fulfillment_app.services.pack_lines import printed_gtin

    stored = normalise_gtin(body + str(gs1_check_digit(body)))
    shown = printed_gtin(stored)
    assert len(shown) in (12, 13, 14) and normalise_gtin(shown) == stored
    assert Interpreter().interpret(shown).gtin == stored
    scan = Interpreter().interpret(slip_code(order_id))
    assert (scan.kind, scan.value) == ("order", f"ID-{order_id}")
