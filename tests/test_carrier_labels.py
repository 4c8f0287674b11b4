"""Carrier labels on the station's printers: a courier's PDF or PNG label becomes ZPL
graphics at the printer's resolution whose barcode still decodes; ZPL goes as given."""

from __future__ import annotations

import base64
import binascii
import io
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from fulfillment_app.errors import InvalidInput
from fulfillment_app.labels.documents import A4
from fulfillment_app.labels.model import Barcode, Label, Text
from fulfillment_app.labels.pdf import render_pdf
from fulfillment_app.labels.png import render_image
from fulfillment_app.labels.raster import compressed_graphic_field
from fulfillment_app.labels.zpl import graphic_field
from fulfillment_app.services.carrier_labels import carrier_label_job
from tests.test_labels import decoded, zpl_image

TRACKING = "HFD1234567890"


def courier_label(dpi: int = 203, width_mm: float = 100, height_mm: float = 150) -> Label:
    """A label as a courier draws it: its own size and resolution, a Code 128 barcode."""
    label = Label(round(width_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi), dpi)
    return label.add(
        Text(20, 20, "HFD Express  |  משלוח", height=40, max_width=label.width - 40),
        Barcode(40, 120, TRACKING, module=3 if dpi >= 203 else 2, height=160),
    )


def stock(dpi: int) -> Label:
    return Label.of_size("4x6", dpi)  # the station's label roll the ZPL is drawn on


def test_pdf_and_png_labels_become_zpl_graphics_that_decode(tmp_path: Path) -> None:
    (tmp_path / "pdf").mkdir()
    (tmp_path / "png").mkdir()
    (tmp_path / "a4").mkdir()
    # A PDF drawn at 300 dpi by the courier, printed on a 203 dpi printer.
    pdf = render_pdf(courier_label(300))
    zpl = carrier_label_job(SimpleNamespace(data=pdf, format="pdf"), dpi=203).decode()
    assert zpl.startswith("^XA^PW812^LL1218") and "^GFA," in zpl and zpl.count("^XA") == 1
    assert decoded(zpl_image(stock(203), zpl.encode(), tmp_path / "pdf")) == [
        ("]C0", TRACKING.encode())
    ]
    # A label drawn on an A4 page prints at its own size, the empty rest of the page left off.
    page = Label.of_size(A4, 203)
    page.add(*courier_label(203).elements)
    zpl = carrier_label_job(SimpleNamespace(data=render_pdf(page), format="pdf"), dpi=203)
    assert decoded(zpl_image(stock(203), zpl, tmp_path / "a4")) == [("]C0", TRACKING.encode())]
    # A two-page PDF gives two labels.
    two = render_pdf([courier_label(203), courier_label(203)])
    assert carrier_label_job(SimpleNamespace(data=two, format="pdf"), dpi=203).count(b"^XA") == 2

    # A landscape PNG (grey, anti-aliased) on a 300 dpi printer: turned to the roll, fitted.
    image = render_image(courier_label(300, 150, 100)).convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    zpl = carrier_label_job(SimpleNamespace(data=buffer.getvalue(), format="png"), dpi=300)
    assert zpl.startswith(b"^XA^PW1200^LL1800")
    assert decoded(zpl_image(stock(300), zpl, tmp_path / "png")) == [("]C0", TRACKING.encode())]


def test_zpl_goes_as_given_and_documents_printers_get_pdf() -> None:
    zpl = b"^XA^FO50,50^BCN,100,Y,N,N^FDHFD1^FS^XZ"
    assert carrier_label_job(SimpleNamespace(data=zpl, format="zpl"), dpi=203) == zpl
    pdf = render_pdf(courier_label())
    assert carrier_label_job(SimpleNamespace(data=pdf, format="pdf"), dpi=203,
                             printer_language="pdf") == pdf  # fmt: skip
    png = io.BytesIO()
    Image.new("L", (200, 100), 255).save(png, format="PNG")
    as_pdf = carrier_label_job(
        SimpleNamespace(data=png.getvalue(), format="png"), dpi=203, printer_language="pdf"
    )
    assert as_pdf.startswith(b"%PDF")
    with pytest.raises(InvalidInput, match="thermal label printer"):
        carrier_label_job(SimpleNamespace(data=zpl, format="zpl"), dpi=203,
                          printer_language="pdf")  # fmt: skip
    with pytest.raises(InvalidInput, match="not a PDF"):
        carrier_label_job(SimpleNamespace(data=b"%PDF-1.4 broken", format="pdf"), dpi=203)
    with pytest.raises(InvalidInput, match="not an image"):
        carrier_label_job(SimpleNamespace(data=b"nonsense", format="png"), dpi=203)
    with pytest.raises(InvalidInput, match="gif label"):
        carrier_label_job(SimpleNamespace(data=b"GIF89a", format="gif"), dpi=203)


def test_compressed_graphic_fields_hold_the_bitmap_and_its_check() -> None:
    image = Image.new("1", (83, 20), 1)
    ImageDraw.Draw(image).rectangle([5, 3, 60, 15], fill=0)
    head, tail = compressed_graphic_field(image).split(":Z64:")
    packed, check = tail.split(":")
    plain = graphic_field(image)
    assert head == plain.rsplit(",", 1)[0] + ","
    assert zlib.decompress(base64.b64decode(packed)) == bytes.fromhex(plain.rsplit(",", 1)[1])
    assert int(check, 16) == binascii.crc_hqx(packed.encode(), 0)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["png", "zpl", "pdf"]))
def test_any_bytes_from_a_courier_print_or_give_a_sentence(data: bytes, fmt: str) -> None:
    label = SimpleNamespace(data=data, format=fmt)
    try:
        out = carrier_label_job(label, dpi=203)
    except InvalidInput as exc:
        assert str(exc).endswith(".") and "Traceback" not in str(exc)
    else:
        assert out == data if fmt == "zpl" else out.startswith(b"^XA")
