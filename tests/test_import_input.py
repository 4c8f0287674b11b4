"""Bad input to imports and typed numbers: a sentence with the line, never a crash or a
silent swallow; names that cannot reorder themselves; the same results read a chunk at a time."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from fulfillment_app import cli
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import Product
from fulfillment_app.errors import ImportFileError, InvalidInput
from fulfillment_app.services import catalogue
from fulfillment_app.services.csvfile import MAX_LINE_CHARS, CsvRows, RowError
from fulfillment_app.text import BIDI_CONTROLS, clean_name, parse_number, parse_weight_g

HEADER = "sku,name,barcode,weight_g\n"


def write(tmp_path: Path, text: str, name: str = "p.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def product_count(context: AppContext) -> int:
    with context.db.session() as s:
        return s.scalar(select(func.count()).select_from(Product)) or 0


# -- the file ----------------------------------------------------------------------------------


def test_a_header_field_over_128_kb_is_a_sentence_not_a_crash(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "sku,name,barcode,weight_g," + '"' + "x" * 200_000 + '"\nA,B,,1\n')
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert cli.main(["--database", database, "db", "upgrade"]) == 0
    capsys.readouterr()
    code = cli.main(["--database", database, "import", "products", str(path)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR, err
    assert "p.csv line 1: a value is longer than 131,072 characters" in err


def test_an_endless_file_without_line_breaks_is_refused_in_bounded_memory(
    context: AppContext, admin
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match=r"zero line 1: the line is longer than 1,048,576"):
        context.catalogue.import_products(admin, Path("/dev/zero"))


def test_a_quote_never_closed_is_reported_with_its_line_and_nothing_is_imported(
    context: AppContext, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + 'A,Apple,,10\nB,"Banana,,20\nC,Cherry,,30\n'
    with pytest.raises(ImportFileError, match=r"p.csv line 3: a quote \(\"\) opened on this line"):
        context.catalogue.import_products(admin, write(tmp_path, text))
    assert product_count(context) == 0


def test_a_stray_quote_inside_a_row_rejects_that_row_only(
    context: AppContext, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + 'A,Apple,,10\nB,"Banana" split,,20\nC,Cherry,,30\n'
    report = context.catalogue.import_products(admin, write(tmp_path, text))
    assert [p.line for p in report.errors] == [3]
    assert "quotes" in report.errors[0].message
    assert report.created == 2


def test_a_file_that_is_not_utf8_names_the_line_even_far_into_the_file(
    context: AppContext, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.csv"
    rows = "".join(f"S{i},Name {i},,1\n" for i in range(5000))
    path.write_bytes(HEADER.encode() + rows.encode() + "Z,Caf\u00e9,,1\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match=r"not UTF-8 text \(line 5002\)"):
        context.catalogue.import_products(admin, path)
    assert product_count(context) == 0


# -- a chunk at a time, the same report -------------------------------------------------------


def test_reports_are_the_same_read_a_few_rows_at_a_time(
    context: AppContext, admin, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Duplicates of SKUs and barcodes across chunk boundaries are found as in one piece."""
    text = HEADER + (
        "A,Apple,04006381333931,10\n"  # 2
        "B,Banana,,20\n"  # 3
        "C,Cherry,96385074,30\n"  # 4
        "A,Apple again,,10\n"  # 5: the SKU of line 2
        "D,Date,04006381333931,5\n"  # 6: the barcode of line 2
        "E,Elder,96385074,5\n"  # 7: the barcode of line 4
        "F,Fig,x y,5\n"  # 8: bad barcode
        "G,Grape,,5\n"  # 9
    )
    path = write(tmp_path, text)
    monkeypatch.setattr(catalogue, "CHUNK_ROWS", 2)
    chunked = context.catalogue.import_products(admin, path)
    assert {p.line: p.message for p in chunked.errors} == {
        5: "A appears again (first on line 2)",
        6: "barcode 04006381333931 is also on line 2",
        7: "barcode 00000096385074 is also on line 4",
        8: "barcode 'x y' is not a printable code without spaces",
    }
    assert chunked.created == 4
    monkeypatch.undo()
    # Again in one piece: now the barcodes belonged to A and C before the import.
    again = context.catalogue.import_products(admin, path)
    assert {p.line: p.message for p in again.errors} == {
        5: "A appears again (first on line 2)",
        6: "barcode 04006381333931 already belongs to SKU A",
        7: "barcode 00000096385074 already belongs to SKU C",
        8: "barcode 'x y' is not a printable code without spaces",
    }
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    # A barcode another product owned before the import is still told apart.
    other = write(tmp_path, HEADER + "H,Hazel,,1\nZ,Zed,04006381333931,1\n", "o.csv")
    report = context.catalogue.import_products(admin, other)
    assert [p.message for p in report.errors] == ["barcode 04006381333931 already belongs to SKU A"]


def test_a_report_lists_the_first_problems_and_counts_the_rest(
    context: AppContext, admin, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(catalogue, "MAX_LISTED_PROBLEMS", 3)
    text = HEADER + "".join(f"S{i},,,1\n" for i in range(10))
    report = context.catalogue.import_products(admin, write(tmp_path, text))
    assert len(report.errors) == 3 and report.rejected == 10
    assert "10 rejected" in report.summary()


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weight", ["\u0661\u0662", "1_000", "1e-300", "1e3", "nan", "inf", "-5", "0", "1e308", "0x10"]
)
def test_weights_in_files_are_plain_ascii_decimals_in_bounds(
    context: AppContext, admin, tmp_path, weight: str
) -> None:  # type: ignore[no-untyped-def]
    report = context.catalogue.import_products(
        admin, write(tmp_path, HEADER + f"A,Apple,,{weight}\n")
    )
    assert [p.line for p in report.errors] == [2] and report.created == 0


@pytest.mark.parametrize("weight", ["-5", "nan", "inf", "1e308", "\u0661\u0662", "1_000"])
def test_pack_weight_refuses_what_is_not_a_weight(capsys, weight: str) -> None:  # type: ignore[no-untyped-def]
    status = cli.main(["pack", "--order", "1001", "--scans", "-", "--weight", weight])
    assert status == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "the weight" in err and "nan g" not in err and "Traceback" not in err


ascii_decimal = st.from_regex(r"\A[+-]?([0-9]{1,12}(\.[0-9]{0,6})?|\.[0-9]{1,6})\Z")


@given(st.one_of(ascii_decimal, st.text(max_size=20)))
def test_parse_number_takes_only_ascii_decimals_within_bounds(text: str) -> None:
    try:
        number = parse_number(text, what="x", minimum=-1000, maximum=1000)
    except InvalidInput as exc:
        assert str(exc).startswith("x ")
        return
    assert math.isfinite(number) and -1000 <= number <= 1000
    assert all(ch in "0123456789.+- \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0" for ch in text) or (
        text.strip() != text
    )
    assert float(text.strip()) == number


@given(st.integers(min_value=1, max_value=999_999), st.integers(0, 999))
def test_every_sane_weight_is_read_exactly(grams: int, thousandths: int) -> None:
    assert parse_weight_g(f"{grams}.{thousandths:03d}") == float(f"{grams}.{thousandths:03d}")


# -- names ------------------------------------------------------------------------------------


def test_bidi_overrides_are_taken_out_of_imported_names(
    context: AppContext, admin, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "A,\u202eevil\u202c name,,1\nB\u202e,Bad sku,,1\nC,Tab\u0007bell,,1\n"
    report = context.catalogue.import_products(admin, write(tmp_path, text))
    assert {p.line: p.message for p in report.errors} == {
        3: "sku contains control characters",
        4: "name contains control characters",
    }
    with context.db.session() as s:
        assert s.scalar(select(Product.name).where(Product.sku == "A")) == "evil name"


@given(st.text(max_size=60))
def test_clean_name_leaves_no_override_or_control_character(value: str) -> None:
    try:
        name = clean_name(value, max_len=50)
    except InvalidInput as exc:
        assert str(exc).endswith(".")
        return
    assert name and len(name) <= 50 and name == name.strip()
    assert not any(ch in BIDI_CONTROLS for ch in name)
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)


def test_clean_name_keeps_hebrew_with_its_marks() -> None:
    assert clean_name("  שלום\u200f  עולם ") == "שלום\u200f עולם"


# -- the reader, property-based ---------------------------------------------------------------

cell = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=15)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(st.lists(st.lists(cell, min_size=3, max_size=3), max_size=12), st.sampled_from([",", ";"]))
def test_what_a_spreadsheet_writes_is_read_back_with_its_line_numbers(
    tmp_path, rows: list[list[str]], delimiter: str
) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["a", "b", "c"])
    expected, line = [], 2
    for row in rows:
        start = buffer.tell()
        writer.writerow(row)
        if any(v.strip() for v in row):
            expected.append((line, {h: v.strip() for h, v in zip("abc", row, strict=True)}))
        line += len(re.findall(r"\r\n|\r|\n", buffer.getvalue()[start:]))
    path = tmp_path / "rt.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    with CsvRows(path, ("a", "b", "c")) as reader:
        assert list(reader) == expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(st.text(st.sampled_from('ab,;"\n\r '), max_size=80))
def test_any_quoting_gives_rows_row_errors_or_one_file_error(tmp_path, body: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "q.csv"
    path.write_text("a,b\n" + body, encoding="utf-8", newline="")
    try:
        with CsvRows(path, ("a", "b")) as reader:
            for line, row in reader:
                assert 2 <= line <= body.count("\n") + body.count("\r") + 2
                assert isinstance(row, (dict, RowError))
    except ImportFileError as exc:
        assert "q.csv" in str(exc)


def test_limits_are_what_the_messages_say() -> None:
    assert MAX_LINE_CHARS == 1_048_576
