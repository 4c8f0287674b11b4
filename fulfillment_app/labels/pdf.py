"""PDF with reportlab: labels on pages of their own size, documents on A4 or Letter.

reportlab draws glyphs in the order given, so right-to-left text is handed over in visual
order (python-bidi). Text extracted from the PDF therefore comes out in visual order too.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import text as textmod
from .barcodes import human_readable, is_linear, linear_modules, matrix_modules
from .model import Align, Barcode, Box, Label, Picture, Text

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
_registered = False


def _register_fonts() -> None:
    global _registered  # registering with reportlab is process-wide and idempotent
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(textmod.FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(textmod.FONTS / "DejaVuSans-Bold.ttf")))
        _registered = True


def render_pdf(labels: Label | list[Label], *, title: str = "") -> bytes:
    """One page per label, each page the size of its label."""
    _register_fonts()
    pages = labels if isinstance(labels, list) else [labels]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=1)
    pdf.setTitle(title)
    for label in pages:
        scale = 72 / label.dpi  # dots to points
        pdf.setPageSize((label.width * scale, label.height * scale))
        page = _Page(pdf, label, scale)
        for element in label.elements:
            if isinstance(element, Text):
                page.text(element)
            elif isinstance(element, Barcode):
                page.barcode(element)
            elif isinstance(element, Picture):
                page.picture(element)
            elif isinstance(element, Box):
                page.box(element)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class _Page:
    def __init__(self, pdf: canvas.Canvas, label: Label, scale: float):
        self.pdf, self.label, self.k = pdf, label, scale

    def _y(self, y_dots: float) -> float:
        """Top-left dots to PDF points from the bottom."""
        return (self.label.height - y_dots) * self.k

    def text(self, t: Text) -> None:
        fitted = textmod.fit(t.text, t.height, t.max_width, t.max_lines, t.bold)
        if fitted.shortened:
            self.label.warnings.append(f"shortened to fit the label: {t.text[:60]}")
        font = FONT_BOLD if t.bold else FONT
        size = fitted.size * 0.8  # the font's em: cap height plus descent fit the line box
        for i, line in enumerate(fitted.lines):
            shown = textmod.visual(line)
            width = pdfmetrics.stringWidth(shown, font, size * self.k) / self.k
            x = t.x
            if t.max_width is not None:
                if t.align is Align.CENTER:
                    x = t.x + max(0, (t.max_width - width) / 2)
                elif textmod.base_rtl(line):
                    x = t.x + max(0, t.max_width - width)
            baseline = t.y + i * fitted.size * 1.2 + fitted.size * 0.8
            self.pdf.setFont(font, size * self.k)
            self.pdf.drawString(x * self.k, self._y(baseline), shown)

    def barcode(self, b: Barcode) -> None:
        k = self.k
        self.pdf.setFillGray(0)
        if is_linear(b):
            modules = linear_modules(b)
            run_start = None
            for i, bit in enumerate(modules + "0"):  # draw runs of bars as one rectangle
                if bit == "1" and run_start is None:
                    run_start = i
                elif bit == "0" and run_start is not None:
                    x = b.x + run_start * b.module
                    self.pdf.rect(x * k, self._y(b.y + b.height), (i - run_start) * b.module * k,
                                  b.height * k, stroke=0, fill=1)  # fmt: skip
                    run_start = None
            if b.human_readable:
                size = max(12, int(b.height * 0.22))
                self.pdf.setFont(FONT, size * 0.8 * k)
                centre = (b.x + len(modules) * b.module / 2) * k
                self.pdf.drawCentredString(
                    centre, self._y(b.y + b.height + size), human_readable(b)
                )
            return
        scale = max(1, b.module + 1)
        for r, row in enumerate(matrix_modules(b)):
            for c, dark in enumerate(row):
                if dark:
                    self.pdf.rect((b.x + c * scale) * k, self._y(b.y + (r + 1) * scale),
                                  scale * k, scale * k, stroke=0, fill=1)  # fmt: skip

    def picture(self, p: Picture) -> None:
        logo = textmod.load_picture(p, self.label)
        if logo is not None:
            k = self.k
            self.pdf.drawImage(ImageReader(logo), p.x * k, self._y(p.y + logo.height),
                               logo.width * k, logo.height * k)  # fmt: skip

    def box(self, box: Box) -> None:
        t = min(box.thickness, box.width, box.height)
        k = self.k
        self.pdf.setLineWidth(t * k)
        self.pdf.rect((box.x + t / 2) * k, self._y(box.y + box.height - t / 2),
                      (box.width - t) * k, (box.height - t) * k, stroke=1, fill=0)  # fmt: skip
