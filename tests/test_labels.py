"""Labels and documents: every barcode decodes back to exactly the intended data with an
independent decoder (zxing-cpp), from ZPL rendered offline (zpl-renderer-js), from PDF
rendered by poppler, and from our PNG preview; Hebrew comes out in reading order."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from fulfillment_app.gtin import gs1_check_digit
from fulfillment_app.labels import text as textmod
from fulfillment_app.labels.documents import (
    Address,
    Shipment,
    build_sscc,
    command_sheet,
    shipping_label,
)
from fulfillment_app.labels.model import Barcode, Label, Symbology, Text
from fulfillment_app.labels.pdf import render_pdf
from fulfillment_app.labels.png import render_png
from fulfillment_app.labels.samples import SHIP_FROM, sample
from fulfillment_app.labels.zpl import graphic_field, gs1_128_field, render_zpl
from fulfillment_app.scanning.interpret import Command

ROOT = Path(__file__).resolve().parents[1]
RENDERER = ROOT / ".venv" / "node" / "node_modules"
GS = "\x1d"


def _tool_check() -> None:
    problems = []
    if shutil.which("node") is None:
        problems.append("node")
    if not (RENDERER / "zpl-renderer-js").exists():
        problems.append("zpl-renderer-js in .venv/node (scripts/test installs it)")
    if shutil.which("pdftoppm") is None:
        problems.append("pdftoppm (poppler-utils)")
    assert not problems, f"the label tests need: {', '.join(problems)}"


def zpl_image(label: Label, zpl: bytes, tmp_path: Path) -> Image.Image:
    _tool_check()
    src, out = tmp_path / "label.zpl", tmp_path / "label.png"
    src.write_bytes(zpl)
    mm = 25.4 / label.dpi
    result = subprocess.run(
        [
            "node",
            str(ROOT / "tests" / "tools" / "render_zpl.cjs"),
            str(src),
            str(out),
            str(label.width * mm),
            str(label.height * mm),
            str(round(label.dpi / 25.4)),
        ],
        env={**os.environ, "ZPL_RENDERER_DIR": str(RENDERER)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return Image.open(out)


def pdf_images(pdf: bytes, tmp_path: Path, dpi: int = 203) -> list[Image.Image]:
    _tool_check()
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(tmp_path / "doc.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    return [Image.open(p) for p in sorted(tmp_path.glob("page*.png"))]


def decoded(image: Image.Image) -> list[tuple[str, bytes]]:
    return sorted((r.symbology_identifier, r.bytes) for r in zxingcpp.read_barcodes(image))


def expected(label: Label, *, zpl: bool = False) -> list[tuple[str, bytes]]:
    """What each barcode on the label must decode to, with its AIM identifier."""
    out = []
    for e in label.elements:
        if not isinstance(e, Barcode):
            continue
        data = e.data.encode()
        if e.symbology is Symbology.GS1_128:
            out.append(("]C1", data))
        elif e.symbology is Symbology.CODE128:
            out.append(("]C0", data))
        elif e.symbology is Symbology.QR:
            out.append(("]Q1", data))
    return sorted(out)


THERMAL = ["shipping", "tote", "location", "badge"]


@pytest.mark.parametrize("kind", THERMAL)
def test_zpl_barcodes_decode_exactly(kind: str, tmp_path: Path) -> None:
    label = sample(kind)
    image = zpl_image(label, render_zpl(label), tmp_path)
    assert decoded(image) == expected(label)


@pytest.mark.parametrize("kind", [*THERMAL, "packing-slip", "pick-list", "command-sheet"])
def test_pdf_barcodes_decode_exactly(kind: str, tmp_path: Path) -> None:
    label = sample(kind)
    pages = pdf_images(render_pdf(label), tmp_path, dpi=300 if label.dpi == 72 else 203)
    assert len(pages) == 1
    assert decoded(pages[0]) == expected(label)


@pytest.mark.parametrize("kind", [*THERMAL, "packing-slip", "pick-list"])
def test_png_preview_barcodes_decode_exactly(kind: str) -> None:
    label = sample(kind, 300) if kind in THERMAL else sample(kind)
    image = Image.open(io.BytesIO(render_png(label)))
    if label.dpi == 72:  # a document page: enlarge the preview as a screen would
        image = image.resize((image.width * 3, image.height * 3), Image.Resampling.NEAREST)
    assert decoded(image) == expected(label)


def test_the_sscc_decodes_as_gs1_128_with_ai_00(tmp_path: Path) -> None:
    label = sample("shipping")
    image = zpl_image(label, render_zpl(label), tmp_path)
    gs1 = [r for r in zxingcpp.read_barcodes(image) if r.symbology_identifier == "]C1"]
    assert [r.text for r in gs1] == [f"(00){build_sscc(0, '7290012345', 1)}"]


@pytest.mark.parametrize(
    "data",
    [
        "00106141412345678908",
        "0109501101020917" + "10ABC12" + GS + "2110",
        "0109501101020917" + "17281231" + "10L-7/B",
        "0209501101020917" + "3712" + GS + "3103001250" + "400PO 77",
    ],
)
def test_gs1_128_element_strings_round_trip_through_zpl(data: str, tmp_path: Path) -> None:
    label = Label(812, 300).add(Barcode(40, 40, data, Symbology.GS1_128, 150, 2))
    image = zpl_image(label, render_zpl(label), tmp_path)
    assert decoded(image) == [("]C1", data.encode())]


def test_command_sheet_has_every_command(tmp_path: Path) -> None:
    label = command_sheet()
    image = pdf_images(render_pdf(label), tmp_path, dpi=300)[0]
    assert {data.decode() for _, data in decoded(image)} == {
        f"CMD:{c.value.upper()}" for c in Command
    }


# -- Hebrew --------------------------------------------------------------------------------------


def test_hebrew_is_rasterised_for_zpl_and_latin_uses_the_printer_font() -> None:
    zpl = render_zpl(sample("shipping")).decode()
    assert "^GFA," in zpl  # the Hebrew lines
    assert "^A0N" in zpl and "Order #1001" in zpl  # Latin stays text
    assert "דנה" not in zpl  # no Hebrew sent to a printer that cannot draw it


def test_visual_order_keeps_numbers_and_latin_words() -> None:
    assert textmod.visual("רחוב הרצל 12") == "12 לצרה בוחר"
    assert textmod.visual("תל אביב-יפו 6109101") == "6109101 ופי-ביבא לת"
    assert textmod.visual("Acme Ltd") == "Acme Ltd"
    assert textmod.base_rtl("רחוב הרצל 12") and not textmod.base_rtl("Ship to / משלוח אל")


def test_rasterised_hebrew_reads_right_to_left() -> None:
    """The first letter of a Hebrew word is drawn at the right: compare with the letter alone."""
    word = textmod.rasterise("דנה", 60)
    first = textmod.rasterise("ד", 60)
    columns = [
        x for x in range(word.width) if any(word.getpixel((x, y)) == 0 for y in range(word.height))
    ]
    rightmost = word.crop((max(columns) - first.width + 3, 0, max(columns) + 1, word.height))
    alone = first.crop((0, 0, first.width, first.height))

    def ink(im):
        return sum(1 for x in range(im.width) for y in range(im.height) if im.getpixel((x, y)) == 0)

    assert abs(ink(rightmost) - ink(alone)) <= ink(alone) * 0.25


def test_packing_slip_text_extracts(tmp_path: Path) -> None:
    _tool_check()
    (tmp_path / "slip.pdf").write_bytes(render_pdf(sample("packing-slip")))
    out = subprocess.run(
        ["pdftotext", str(tmp_path / "slip.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Packing slip — order 1001" in out and "SKU-1000" in out
    # Hebrew words come out whole and in reading order within each run of Hebrew.
    for word in ("הרצל", "קרמיקה", "ישראל"):
        assert word in out


# -- bad input still prints ----------------------------------------------------------------------


def test_missing_and_overlong_fields_still_print_with_warnings(tmp_path: Path) -> None:
    shipment = Shipment(
        order_number="#2002",
        ship_from=SHIP_FROM,
        ship_to=Address(name="Dr. " + "Verylongname " * 12, line1="", city="חיפה"),
        sscc=build_sscc(0, "7290012345", 2),
    )
    label = shipping_label(shipment)
    zpl = render_zpl(label)
    assert "the street is missing on the label" in label.warnings
    assert any(w.startswith("shortened to fit the label: Dr. Verylongname") for w in label.warnings)
    assert decoded(zpl_image(label, zpl, tmp_path)) == expected(label)


def test_unsupported_characters_never_crash() -> None:
    label = Label(406, 203).add(Text(10, 10, "😀 \x00 مرحبا Zürich ☃" * 3, 30, 380))
    for render in (render_zpl, render_png, render_pdf):
        assert render(label)


# -- SSCC and GS1-128 ----------------------------------------------------------------------------


def test_sscc_check_digit_and_limits() -> None:
    sscc = build_sscc(3, "0614141", 123456789)
    assert sscc == "306141411234567891" and len(sscc) == 18
    assert gs1_check_digit(sscc[:-1]) == int(sscc[-1])
    with pytest.raises(ValueError, match="does not fit"):
        build_sscc(0, "0614141", 10**9)


@given(st.text(alphabet="0123456789ABCXYZ-/" + GS, min_size=1, max_size=40))
def test_gs1_128_field_keeps_every_character(data: str) -> None:
    field = gs1_128_field(data)
    assert field.startswith(">;>8")
    body = field[4:].replace(">6", "", 1).replace(">8", GS).replace("><", ">")
    assert body == data


def test_graphic_field_matches_the_bitmap() -> None:
    image = Image.new("1", (10, 2), 1)
    image.putpixel((0, 0), 0)
    image.putpixel((9, 1), 0)
    assert graphic_field(image) == "^GFA,4,4,2,80000040"


def test_a_logo_prints_and_a_missing_one_is_reported(tmp_path: Path) -> None:
    from fulfillment_app.labels.model import Picture

    logo = tmp_path / "logo.png"
    image = Image.new("RGBA", (200, 100), (255, 255, 255, 0))
    image.paste((0, 0, 0, 255), (20, 20, 180, 80))
    image.save(logo)
    label = Label(406, 203).add(Picture(10, 10, str(logo), 100, 50))
    zpl = render_zpl(label).decode()
    assert "^GFA," in zpl and not label.warnings
    preview = Image.open(io.BytesIO(render_png(label)))
    assert preview.getpixel((60, 35)) == 0 and preview.getpixel((300, 150)) != 0
    assert render_pdf(label)
    missing = Label(406, 203).add(Picture(10, 10, str(tmp_path / "nope.png"), 100, 50))
    render_zpl(missing)
    assert missing.warnings == [
        f"the logo {tmp_path / 'nope.png'} cannot be read: printed without it"
    ]
