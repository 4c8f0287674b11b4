"""Labels for orders in the database: SSCCs never repeat, barcodes decode, printing queues."""

from __future__ import annotations

import threading

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from fulfillment_app.config import DeviceSettings, LabelSettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Order, OrderLine, Role, Store
from fulfillment_app.errors import ConfigError, NotFound, PermissionDenied
from fulfillment_app.gtin import gs1_check_digit
from fulfillment_app.scanning import Interpreter
from tests.conftest import make_settings
from tests.test_labels import pdf_images, zpl_image

LABELS = LabelSettings(company_name="Acme Trading Ltd.", company_prefix="7290012345",
                       street="HaMelacha 5", city="Netanya", label_printer="labels")  # fmt: skip


@pytest.fixture
def station(database_url, tmp_path, printer_sim):  # type: ignore[no-untyped-def]
    settings = make_settings(database_url, tmp_path).replace(
        labels=LABELS,
        devices={"labels": DeviceSettings(kind="printer", url=printer_sim.url, protocol="zpl",
                                          timeout_s=0.5)},
    )  # fmt: skip
    ctx = AppContext.build(settings)
    ctx.start()
    with ctx.db.session() as s:
        store = Store(name="shop", platform="woocommerce", base_url="https://shop.example")
        s.add(store)
        s.flush()
        order = Order(store_id=store.id, external_id="5001", number="1001", carrier="Israel Post",
                      ship_to={"first_name": "דנה", "last_name": "כהן",
                               "address_1": "רחוב הרצל 12", "city": "תל אביב-יפו",
                               "postcode": "6109101", "country": "IL"})  # fmt: skip
        order.lines = [OrderLine(sku="SKU-1000", name='ספל קרמיקה 350 מ"ל', quantity=2),
                       OrderLine(sku="SKU-1014", name="Board game", quantity=1)]  # fmt: skip
        s.add(order)
    yield ctx
    ctx.close()


def test_ssccs_never_repeat_across_threads(station: AppContext) -> None:
    taken: list[str] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(25):
            sscc = station.labels.next_sscc()
            with lock:
                taken.append(sscc)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(taken)) == len(taken) == 100
    for sscc in taken:
        assert len(sscc) == 18 and sscc.startswith("07290012345")
        assert gs1_check_digit(sscc[:-1]) == int(sscc[-1])
    assert sorted(int(s[11:17]) for s in taken) == list(range(1, 101))


def test_shipping_label_for_an_order_decodes(station: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    actor = station.command_line_actor()
    label, sscc = station.labels.shipping_label(actor, "#1001", weight_g=1250)
    rendered = station.labels.render(actor, "shipping", "1001", "zpl")
    assert rendered.sscc != sscc  # every label gets its own SSCC
    image = zpl_image(label, rendered.data, tmp_path)
    texts = [r.text for r in zxingcpp.read_barcodes(image) if r.symbology_identifier == "]C1"]
    assert texts == [f"(00){rendered.sscc}"]
    assert "^GFA" in rendered.data.decode()  # the Hebrew address, rasterised
    assert not rendered.warnings


def test_packing_slip_barcode_is_accepted_by_the_scanner(station: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rendered = station.labels.render(station.command_line_actor(), "packing-slip", "1001", "pdf")
    page = pdf_images(rendered.data, tmp_path, dpi=300)[0]
    (code,) = [r.bytes for r in zxingcpp.read_barcodes(page)]
    result = Interpreter().interpret(code)
    # The order's id, not its number: two stores may both have an order 1001.
    with station.db.session() as s:
        order_id = s.scalar(select(Order.id).where(Order.number == "1001"))
    assert (result.kind, result.value) == ("order", f"ID-{order_id}")


def test_print_goes_to_the_printer_or_waits_in_the_queue(station, printer_sim) -> None:  # type: ignore[no-untyped-def]
    station.devices.start()
    actor = station.command_line_actor()
    outcome, _ = station.labels.print(actor, "shipping", "1001")
    assert outcome.printed
    printer_sim.paper_out = True
    outcome, _ = station.labels.print(actor, "shipping", "1001")
    assert not outcome.printed and "out of labels" in outcome.message
    assert len(station.printing.pending()) == 1


def test_clear_errors(station: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    actor = station.command_line_actor()
    with pytest.raises(NotFound, match="There is no order 9999"):
        station.labels.render(actor, "shipping", "9999", "zpl")
    station.users.add(actor, "Avi", Role.PICKER, "1234")
    picker = station.auth.login_with_pin("Avi", "1234")
    with pytest.raises(PermissionDenied):
        station.labels.render(picker, "shipping", "1001", "zpl")
    from fulfillment_app.services.labels import LabelService

    unset = LabelService(station.db, LabelSettings(), station.printing)
    with pytest.raises(ConfigError, match=r"labels\.company_prefix"):
        unset.next_sscc()


def test_labels_commands(station: AppContext, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    fulfillment = str(__import__("pathlib").Path(sys.executable).parent / "fulfillment")
    env = {**os.environ, "FULFILLMENT_DATA_DIR": str(tmp_path)}
    out = tmp_path / "ship.png"
    sample = subprocess.run([fulfillment, "labels", "sample", "shipping", "--format", "png",
                             "--out", str(out)], capture_output=True, text=True, env=env,
                            check=False)  # fmt: skip
    assert sample.returncode == 0, sample.stderr
    codes = {r.symbology_identifier for r in zxingcpp.read_barcodes(Image.open(out))}
    assert codes == {"]C0", "]C1"}
    bad = subprocess.run([fulfillment, "labels", "sample", "packing-slip", "--format", "zpl",
                          "--out", str(tmp_path / "x")], capture_output=True, text=True, env=env,
                         check=False)  # fmt: skip
    assert bad.returncode == 1 and "use --format pdf" in bad.stderr
