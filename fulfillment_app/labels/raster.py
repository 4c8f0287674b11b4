"""A carrier's PDF or image label as ZPL graphics (``^GF``) for a thermal printer.

Couriers hand their labels over as PDF or PNG. A thermal printer cannot read either, so each
page becomes a 1-bit picture at the printer's own resolution (203 or 300 dpi), fitted to the
label, and is sent as one ``^GFA`` field per page, deflated and in base64 (``:Z64:``).

PDF pages are drawn by poppler's ``pdftoppm`` in a child process, not by a Python library:
poppler is the renderer the label tests already check our own PDFs with, it adds no
dependency to the station, and a broken or hostile PDF costs at most a child that is stopped
after a time-out instead of the station's own process. Images are read with Pillow.

Carrier labels are line art (bars, text), so pixels are thresholded, not dithered: dithering
would leave grey speckles on the edges of the bars that a scanner reads as noise.
"""

from __future__ import annotations

import base64
import binascii
import io
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

from PIL import Image

from .barcodes import LabelError
from .zpl import graphic_field

PDF_TIMEOUT_S = 60
THRESHOLD = 160  # grey levels at or above are paper; a little above the middle keeps thin bars


def pdf_pages(data: bytes, dpi: float) -> list[Image.Image]:
    """Each page of the PDF ``data`` as a greyscale image at ``dpi``."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise LabelError(
            "Printing a PDF label on a thermal printer needs poppler (pdftoppm): install "
            "poppler-utils, or send carrier labels to a document printer."
        )
    with tempfile.TemporaryDirectory(prefix="carrier-label-") as folder:
        source = Path(folder) / "label.pdf"
        source.write_bytes(data)
        try:
            result = subprocess.run(  # noqa: S603 - a fixed program on our own temporary file
                [program, "-r", f"{dpi:g}", "-gray", "-png", str(source),
                 str(Path(folder) / "page")],
                capture_output=True, timeout=PDF_TIMEOUT_S, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise LabelError("The carrier's PDF label took too long to draw.") from None
        pages = sorted(Path(folder).glob("page*.png"))
        if result.returncode != 0 or not pages:
            raise LabelError("The carrier's label is not a PDF that can be printed.")
        images = []
        for page in pages:
            with Image.open(page) as image:
                images.append(image.convert("L"))
        return images


def image_pages(data: bytes) -> list[Image.Image]:
    """Each frame of an image label (PNG, GIF, TIFF: one or more pages) in greyscale."""
    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frame = _on_white(image)
            if "dpi" in image.info:
                frame.info["dpi"] = image.info["dpi"]
            frames.append(frame)
        return frames
    except (OSError, ValueError, Image.DecompressionBombError):
        raise LabelError("The carrier's label is not an image that can be printed.") from None


def at_dpi(page: Image.Image, dpi: int) -> Image.Image:
    """An image that says its resolution (a 300 dpi PNG on a 203 dpi printer) resized to the
    printer's, so it prints at its own size; one that does not is taken dot for dot."""
    own = page.info.get("dpi")
    try:
        source = float(own[0]) if own else 0.0
    except (TypeError, ValueError, IndexError):
        source = 0.0
    if source < 50 or abs(source - dpi) < 1:  # none (or nonsense), or the printer's own
        return page
    size = (max(1, round(page.width * dpi / source)), max(1, round(page.height * dpi / source)))
    return page.resize(size, Image.Resampling.LANCZOS)


def _on_white(image: Image.Image) -> Image.Image:
    """Greyscale with transparent parts as paper (a transparent PNG is black under "L")."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    return image.convert("L")


def crop(page: Image.Image) -> Image.Image:
    """``page`` without its blank margins: a label drawn on an A4 page (as some couriers send
    it) prints at its own size, not shrunk with the empty rest of the page."""
    ink = page.point(lambda v: 255 if v < THRESHOLD else 0).getbbox()
    return page.crop(ink) if ink else page


def fit(page: Image.Image, width: int, height: int) -> Image.Image:
    """``page`` cropped to its ink, turned to the label's orientation and scaled down (never
    up) to fit ``width`` x ``height`` dots, keeping its proportions."""
    page = crop(page)
    if (page.width > page.height) != (width > height) and page.width != page.height:
        page = page.rotate(90, expand=True)  # a landscape label on portrait stock
    factor = min(width / page.width, height / page.height, 1.0)
    if factor < 1.0:
        size = (max(1, round(page.width * factor)), max(1, round(page.height * factor)))
        page = page.resize(size, Image.Resampling.LANCZOS)
    return page


def one_bit(page: Image.Image, threshold: int = THRESHOLD) -> Image.Image:
    return page.point(lambda v: 255 if v >= threshold else 0).convert("1", dither=None)


def compressed_graphic_field(image: Image.Image) -> str:
    """``^GFA`` with the bitmap deflated and in base64 (``:Z64:``): a 4x6 label at 300 dpi
    is some tens of kilobytes instead of half a megabyte of hex, so it reaches the printer
    in a fraction of the time."""
    plain = graphic_field(image)  # ^GFA,total,total,row_bytes,HEX
    head, hex_data = plain.rsplit(",", 1)
    encoded = base64.b64encode(zlib.compress(bytes.fromhex(hex_data), 9))
    # The check is CRC-16-CCITT (XMODEM: polynomial 0x1021, start 0) of the base64 text.
    return f"{head},:Z64:{encoded.decode('ascii')}:{binascii.crc_hqx(encoded, 0):04X}"


def zpl_pages(pages: list[Image.Image], width: int, height: int) -> bytes:
    """One ZPL label per page, each picture centred on a ``width`` x ``height`` dot label."""
    out = []
    for page in pages:
        picture = one_bit(fit(page, width, height))
        x, y = (width - picture.width) // 2, (height - picture.height) // 2
        field = compressed_graphic_field(picture)
        out.append(f"^XA^PW{width}^LL{height}^LH0,0^FO{x},{y}{field}^FS^XZ")
    return "\n".join(out).encode("ascii")


def raster_label(data: bytes, fmt: str, *, dpi: int, width: int, height: int) -> bytes:
    """The PDF or image label ``data`` as ZPL for a ``width`` x ``height`` dot label."""
    if fmt == "pdf":
        pages = pdf_pages(data, dpi)
    else:
        pages = [at_dpi(page, dpi) for page in image_pages(data)]
    return zpl_pages(pages, width, height)


def image_to_pdf(data: bytes, dpi: int) -> bytes:
    """An image label as a PDF for a document printer, at its size printed at ``dpi``."""
    pages = image_pages(data)
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=float(dpi), save_all=True,
                  append_images=pages[1:])  # fmt: skip
    return buffer.getvalue()
