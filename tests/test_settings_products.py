"""The admins' list of products missing data, edited in place on the screen and saved
through the catalogue's service on both databases; and the barcode list parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fulfillment_app import gtin
from fulfillment_app.config import UISettings
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Location, Product, ProductBarcode, Role, Stock
from fulfillment_app.errors import InvalidInput, PermissionDenied
from fulfillment_app.services.permissions import Actor
from fulfillment_app.services.product_data import format_barcodes, parse_barcodes
from fulfillment_app.ui.settings_products_view import PROBLEM_COLUMN, SettingsProductsView
from fulfillment_app.ui.sounds import SoundPlayer
from fulfillment_app.ui.tasks import TaskRunner

TIMEOUT = 10_000
ITEM = "729000000001" + str(gtin.gs1_check_digit("729000000001"))  # EAN-13
CASE = "1729000000001" + str(gtin.gs1_check_digit("1729000000001"))  # GTIN-14, a case of 6
BAD = ITEM[:-1] + str((int(ITEM[-1]) + 1) % 10)  # one digit off
WEIGHT, LOCATION, BARCODES = 2, 6, 7  # columns


def _seed(ctx: AppContext) -> None:
    with ctx.db.session() as session:
        session.add(Location(code="A-01-01-1", zone="A"))
        # From store sync: nothing known but its SKU and name.
        session.add(Product(sku="SKU-NEW", name="Travel mug", is_placeholder=True))
        complete = Product(sku="SKU-OK", name="Plate", weight_g=500)
        complete.barcodes = [ProductBarcode(code="OK-1", kind="other")]
        session.add(complete)
        session.add(Product(sku="SKU-NOWEIGHT", name="Bowl"))
        session.flush()
        location = session.scalars(select(Location)).one()
        for product in session.scalars(select(Product).where(Product.sku != "SKU-NEW")):
            session.add(Stock(product_id=product.id, location_id=location.id, quantity=3))


def test_an_admin_completes_a_product_in_place(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    _seed(context)
    packer = Actor(name="Noa", role=Role.PACKER, station="test-station")
    with pytest.raises(PermissionDenied):
        context.catalogue.missing_data.edit(packer, "SKU-NEW", "weight_g", "250")
    runner, sounds = TaskRunner(), SoundPlayer(UISettings(sounds=False))
    view = SettingsProductsView(context, runner, sounds)
    qtbot.addWidget(view)
    table = view.table

    def cell(sku: str, column: int) -> str:
        row = view.row_of(sku)
        assert row is not None
        return table.item(row, column).text()

    def edit(sku: str, column: int, text: str) -> None:
        row = view.row_of(sku)
        assert row is not None
        table.item(row, column).setText(text)  # as the cell's editor commits it

    try:
        view.activate(context.command_line_actor())
        qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=TIMEOUT)
        assert view.row_of("SKU-NEW") == 0  # the placeholder first; the complete one absent
        assert "from store sync" in cell("SKU-NEW", 8) and "weight" in cell("SKU-NEW", 8)

        edit("SKU-NEW", WEIGHT, "-5")
        qtbot.waitUntil(lambda: "above 0" in cell("SKU-NEW", PROBLEM_COLUMN), timeout=TIMEOUT)
        assert view.message.outcome == "bad" and sounds.played[-1] == "invalid"
        edit("SKU-NEW", WEIGHT, "250")
        qtbot.waitUntil(lambda: "saved" in view.message.text(), timeout=TIMEOUT)
        assert cell("SKU-NEW", PROBLEM_COLUMN) == "" and "weight" not in cell("SKU-NEW", 8)

        edit("SKU-NEW", BARCODES, f"{BAD}, {CASE} ×6")
        qtbot.waitUntil(lambda: "check digit" in view.message.text(), timeout=TIMEOUT)
        assert "check digit" in cell("SKU-NEW", PROBLEM_COLUMN)
        assert "check digit" in table.item(view.row_of("SKU-NEW"), BARCODES).toolTip()
        edit("SKU-NEW", BARCODES, "OK-1")
        qtbot.waitUntil(lambda: "belongs to SKU SKU-OK" in view.message.text(), timeout=TIMEOUT)
        edit("SKU-NEW", BARCODES, f"{ITEM}, {CASE} x 6")
        qtbot.waitUntil(lambda: "×6" in cell("SKU-NEW", BARCODES), timeout=TIMEOUT)

        edit("SKU-NEW", LOCATION, "Z-99")
        qtbot.waitUntil(lambda: "no location Z-99" in view.message.text(), timeout=TIMEOUT)
        edit("SKU-NEW", LOCATION, "A-01-01-1")
        qtbot.waitUntil(lambda: view.row_of("SKU-NEW") is None, timeout=TIMEOUT)  # complete
        assert table.rowCount() == 1 and "complete" in view.message.text()

        with context.db.session() as session:
            product = session.scalars(select(Product).where(Product.sku == "SKU-NEW")).one()
            assert product.weight_g == 250 and not product.is_placeholder
            assert {(b.code, b.quantity) for b in product.barcodes} == {
                (gtin.normalise_gtin(ITEM), 1),
                (CASE, 6),
            }
            audited = [
                (e.before, e.after)
                for e in session.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.action == "product.edit", AuditEntry.target_id == "SKU-NEW")
                    .order_by(AuditEntry.id)
                )
            ]
        assert audited == [
            ({"weight_g": None}, {"weight_g": 250.0}),
            ({"barcodes": ""}, {"barcodes": f"{gtin.normalise_gtin(ITEM)}, {CASE} ×6"}),
            ({"location": None}, {"location": "A-01-01-1"}),
        ]
    finally:
        runner.shutdown()


_CODE = st.text(
    st.characters(codec="ascii", categories=("L", "N", "P", "S"), exclude_characters=",;*"),
    min_size=1,
    max_size=20,
).filter(lambda c: not gtin.is_gtin_shaped(c))


@given(st.lists(st.tuples(_CODE, st.integers(1, 10_000)), unique_by=lambda t: t[0], min_size=1))
def test_barcode_lists_read_back_as_written(barcodes: list[tuple[str, int]]) -> None:
    assert parse_barcodes(format_barcodes(barcodes)) == barcodes


@given(st.text(max_size=60))
def test_any_typed_barcode_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        parsed = parse_barcodes(text)
    except InvalidInput as exc:
        assert str(exc).endswith(".") and "\n" not in str(exc)
    else:
        assert parsed and all(1 <= qty <= 10_000 for _code, qty in parsed)
