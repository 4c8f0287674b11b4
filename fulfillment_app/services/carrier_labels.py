"""The carrier's label as the station's printer takes it.

ZPL from the courier goes to a thermal printer as it is. A PDF or image label is rasterised to
the printer's resolution and sent as ``^GF`` graphics, one label per page; on a document
printer a PDF goes as it is and an image becomes a PDF page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..errors import InvalidInput
from ..labels.barcodes import LabelError
from ..labels.model import SIZES

LANGUAGES = ("zpl", "pdf")
FORMATS = ("zpl", "pdf", "png")


class LabelData(Protocol):
    """What a carrier hands over (``carriers.base.Label``)."""

    data: bytes
    format: str


def carrier_label_job(
    label: LabelData, *, dpi: int, printer_language: str = "zpl", size: str = "4x6"
) -> bytes:
    """The bytes to queue for a printer speaking ``printer_language`` ("zpl" for a thermal
    label printer at ``dpi``, "pdf" for a document printer), the label being ``size``
    (labels.shipping_size) on a thermal printer."""
    fmt = (label.format or "").lower()
    if fmt not in FORMATS:
        raise InvalidInput(
            f"The carrier sent a {fmt or 'nameless'} label; only ZPL, PDF and PNG labels print."
        )
    if not label.data:
        raise InvalidInput("The carrier sent an empty label: print it again from the order.")
    if printer_language == "pdf":
        if fmt == "pdf":
            return label.data
        if fmt == "zpl":
            raise InvalidInput(
                "This carrier sends ZPL labels: set a thermal label printer for them, not a "
                "document printer."
            )
        from ..labels.raster import image_to_pdf

        return _raster(lambda: image_to_pdf(label.data, dpi))
    if printer_language != "zpl":
        raise InvalidInput(
            f"Carrier labels print in ZPL or PDF, not {printer_language}: check the printer."
        )
    if fmt == "zpl":
        return label.data
    if dpi not in (203, 300):
        raise InvalidInput(f"A label printer prints at 203 or 300 dpi, not {dpi}.")
    stock = SIZES.get(size)
    if stock is None:
        raise InvalidInput(f"Labels are {', '.join(SIZES)}, not {size}.")
    width, height = stock.dots(dpi)
    from ..labels.raster import raster_label  # Pillow loads when a label is printed

    return _raster(lambda: raster_label(label.data, fmt, dpi=dpi, width=width, height=height))


def _raster(make: Callable[[], bytes]) -> bytes:
    try:
        return make()
    except LabelError as exc:
        raise InvalidInput(str(exc)) from None
