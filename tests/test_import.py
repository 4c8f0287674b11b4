"""Importing products and locations: bad rows reported by line, good rows kept, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, Location, Product, ProductBarcode, Stock
from fulfillment_app.errors import ImportFileError
from fulfillment_app.services.catalogue import (
    PRODUCT_COLUMNS,
    PRODUCT_OPTIONAL,
    _parse_location,
    _parse_product,
    parse_barcode,
)
from fulfillment_app.services.csvfile import CsvRows, RowError

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(context: AppContext) -> tuple:  # type: ignore[type-arg]
    with context.db.session() as s:
        return (
            sorted(
                s.execute(
                    select(
                        Product.sku,
                        Product.name,
                        Product.weight_g,
                        Product.length_mm,
                        Product.updated_at,
                    )
                ).all()
            ),
            sorted(s.execute(select(ProductBarcode.code, ProductBarcode.product_id)).all()),
            sorted(s.execute(select(Location.code, Location.zone, Location.x)).all()),
            sorted(s.execute(select(Stock.product_id, Stock.location_id)).all()),
        )


def test_sample_files_import_and_reimport_changes_nothing(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    locations = context.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    products = context.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    assert (locations.created, locations.errors) == (240, [])
    assert (products.created, products.errors, products.warnings) == (20, [], [])
    first = snapshot(context)
    with context.db.session() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))

    again_l = context.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    again_p = context.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    assert (again_l.unchanged, again_l.created, again_l.updated) == (240, 0, 0)
    assert (again_p.unchanged, again_p.created, again_p.updated) == (20, 0, 0)
    assert snapshot(context) == first
    with context.db.session() as s:  # nothing changed, so nothing to audit
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits


def test_products_get_barcodes_locations_and_hebrew_names(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    context.catalogue.import_locations(admin, RESOURCES / "sample-locations.csv")
    context.catalogue.import_products(admin, RESOURCES / "sample-products.csv")
    with context.db.session() as s:
        mug = s.scalars(select(Product).where(Product.sku == "SKU-1000")).one()
        assert mug.name == 'ספל קרמיקה 350 מ"ל'
        assert mug.weight_g == 380 and mug.length_mm == 205
        codes = sorted((b.code, b.kind) for b in mug.barcodes)
        # EAN-13 and UPC-A both stored as GTIN-14.
        assert codes == [("00084100000009", "gtin"), ("07290012345005", "gtin")]
        location = s.scalar(
            select(Location.code)
            .join(Stock, Stock.location_id == Location.id)
            .where(Stock.product_id == mug.id)
        )
        assert location == "A-01-01-1"


BAD_PRODUCTS = """sku,name,barcode,weight_g,length_mm,location
GOOD-1,Mug,4006381333931,350,100,
,No SKU,,10,,
GOOD-2,שמן זית,,,,
BAD-W,Soap,,heavy,,
BAD-CD,Tea,4006381333932,80,,
BAD-NEG,Cup,,-5,,
GOOD-1,Mug again,,350,,
BAD-DUPBC,Other mug,4006381333931,350,,
BAD-DIM,Box,,100,1e9,
BAD-EXTRA,Lamp,,100,,,surplus
GOOD-3,"Multi
line name",96385074,120,,Z-99
BAD-NAN,Pan,,nan,,
"""


def test_bad_rows_are_reported_by_line_and_good_rows_kept(
    context: AppContext, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    report = context.catalogue.import_products(admin, write(tmp_path, "p.csv", BAD_PRODUCTS))
    errors = {p.line: p.message for p in report.errors}
    assert errors == {
        3: "sku is empty",
        5: "weight_g 'heavy' is not a number (digits 0-9 and a dot)",
        6: "barcode 4006381333932 has a wrong check digit (expected 1)",
        7: "weight_g -5 is outside 0 to 1,000,000",
        8: "GOOD-1 appears again (first on line 2)",
        9: "barcode 04006381333931 is also on line 2",
        10: "length_mm '1e9' is not a number (digits 0-9 and a dot)",
        11: "more values than columns in the header (a stray separator?)",
        14: "weight_g 'nan' is not a number (digits 0-9 and a dot)",
    }
    assert report.rows == 12 and report.created == 3
    warnings = [str(w) for w in report.warnings]
    assert "line 4: no weight: packing cannot check it" in warnings
    assert "line 4: no barcode: scan the SKU instead" in warnings
    assert any(w.startswith("line 12: unknown location Z-99") for w in warnings)
    with context.db.session() as s:
        assert sorted(s.scalars(select(Product.sku))) == ["GOOD-1", "GOOD-2", "GOOD-3"]
        # A line break typed in a spreadsheet cell becomes a space.
        assert s.scalars(select(Product.name).where(Product.sku == "GOOD-3")).one() == (
            "Multi line name"
        )


def test_changed_rows_are_updated_and_audited(context: AppContext, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    header = "sku,name,barcode,weight_g\n"
    context.catalogue.import_products(
        admin, write(tmp_path, "a.csv", header + "A,Mug,4006381333931,350\nB,Cup,,90\n")
    )
    report = context.catalogue.import_products(
        admin, write(tmp_path, "b.csv", header + "A,Mug,4006381333931,360\nB,Cup,96385074,90\n")
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    with context.db.session() as s:
        assert s.scalars(select(Product.weight_g).where(Product.sku == "A")).one() == 360
        # A barcode added to an existing product is imported too.
        assert s.scalar(select(func.count()).select_from(ProductBarcode)) == 2
        entry = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "import.products")
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry.after["updated"] == 1 and entry.target_id == "b.csv"


def test_a_barcode_of_another_product_is_refused(context: AppContext, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    header = "sku,name,barcode,weight_g\n"
    context.catalogue.import_products(
        admin, write(tmp_path, "a.csv", header + "A,Mug,96385074,1\n")
    )
    report = context.catalogue.import_products(
        admin, write(tmp_path, "b.csv", header + "B,Cup,96385074,1\n")
    )
    assert [str(e) for e in report.errors] == [
        "line 2: barcode 00000096385074 already belongs to SKU A"
    ]


def test_extra_barcode_columns_and_semicolons_and_bom(context: AppContext, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "\ufeffSKU;Name;Barcode;Weight_g;barcode_2;Barcodes\n"
        "A;Mug;4006381333931;350;INT-77;96385074|036000291452\n"
    )
    report = context.catalogue.import_products(admin, write(tmp_path, "excel.csv", text))
    assert report.errors == [] and report.created == 1
    with context.db.session() as s:
        assert sorted(s.scalars(select(ProductBarcode.code))) == [
            "00000096385074",
            "00036000291452",
            "04006381333931",
            "INT-77",
        ]


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("sku,name\nA,b\n", "utf-8", "lacks the column(s) barcode, weight_g"),
        ("", "utf-8", "is empty"),
        ("sku,name,barcode,weight_g\nA,Caf\u00e9,,1\n", "latin-1", "not UTF-8 text (line 2)"),
        ("sku,name,barcode,weight_g,sku\n", "utf-8", "names the column(s) sku twice"),
    ],
)
def test_unusable_files_are_one_clear_error(
    context, admin, tmp_path, content, encoding, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        context.catalogue.import_products(admin, write(tmp_path, "f.csv", content, encoding))


def test_missing_file(context: AppContext, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match="There is no file"):
        context.catalogue.import_products(admin, tmp_path / "nope.csv")


def test_locations_from_codes_or_columns(context: AppContext, admin, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "code,pick_sequence\nA-01-02-3,5\nDOCK,\nB 1,\nA-01-02-3,\nC-1-1-1,x\n"
    report = context.catalogue.import_locations(admin, write(tmp_path, "l.csv", text))
    assert {p.line: p.message for p in report.errors} == {
        4: "location code 'B 1' contains spaces",
        5: "A-01-02-3 appears again (first on line 2)",
        6: "pick_sequence 'x' is not a whole number (digits 0-9 only)",
    }
    with context.db.session() as s:
        a = s.scalars(select(Location).where(Location.code == "A-01-02-3")).one()
        assert (a.zone, a.aisle, a.bay, a.level, a.pick_sequence) == ("A", "01", "02", "3", 5)
        dock = s.scalars(select(Location).where(Location.code == "DOCK")).one()
        assert dock.zone is None


def test_the_packer_screen_cannot_import(context: AppContext, admin) -> None:  # type: ignore[no-untyped-def]
    from fulfillment_app.db.models import Role
    from fulfillment_app.errors import PermissionDenied

    context.users.add(admin, "Noa", Role.PACKER, "1234")
    noa = context.auth.login_with_pin("Noa", "1234")
    with pytest.raises(PermissionDenied):
        context.catalogue.import_locations(noa, RESOURCES / "sample-locations.csv")


# -- property-based: the parsers never fail other than with a row or file error ----------------

cells = st.text(st.characters(codec="utf-8"), max_size=40)


@given(
    st.dictionaries(
        st.sampled_from([*PRODUCT_COLUMNS, *PRODUCT_OPTIONAL, "barcode2"]),
        cells,
    )
)
def test_product_row_parser_never_crashes(row: dict[str, str]) -> None:
    try:
        parsed = _parse_product(1, {k: v.strip() for k, v in row.items()})
    except RowError as exc:
        assert str(exc)
        return
    assert parsed.values["sku"] and parsed.values["name"]
    w = parsed.values["weight_g"]
    assert w is None or 0 < w <= 1_000_000


@given(
    st.dictionaries(st.sampled_from(["code", "x", "y", "pick_sequence", "zone"]), cells),
    st.booleans(),
)
def test_location_row_parser_never_crashes(row: dict[str, str], split: bool) -> None:
    try:
        values = _parse_location({k: v.strip() for k, v in row.items()}, split)
    except RowError:
        return
    assert values["code"] and not any(ch.isspace() for ch in values["code"])


@given(st.text(max_size=30))
def test_barcode_parser_accepts_only_valid_gtins(raw: str) -> None:
    try:
        code, kind = parse_barcode(raw)
    except RowError:
        return
    if kind == "gtin":
        from fulfillment_app.gtin import has_valid_check_digit

        assert len(code) == 14 and has_valid_check_digit(code)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(st.binary(max_size=300))
def test_any_file_content_gives_rows_or_a_file_error(tmp_path, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fuzz.csv"
    path.write_bytes(b"sku,name,barcode,weight_g\n" + data)
    try:
        with CsvRows(path, ("sku", "name", "barcode", "weight_g")) as rows:
            for line, row in rows:
                assert line >= 2 and isinstance(row, (dict, RowError))
    except ImportFileError as exc:
        assert str(exc)
