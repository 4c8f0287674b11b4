"""ZPL II for Zebra and compatible thermal printers.

Latin text uses the resident scalable font (``^A0``, UTF-8 with ``^CI28``); Hebrew, Arabic and
anything else the resident fonts lack is rasterised and sent as a graphic field (``^GFA``).
GS1-128 is Code 128 with FNC1 (``>8``) and explicit subsets (start C, then B), so every
printer encodes exactly the intended element string.
"""

from __future__ import annotations

from PIL import Image

from . import text as textmod
from .model import Align, Barcode, Box, Label, Picture, Symbology, Text

GS = "\x1d"
_INVERT = bytes(255 - i for i in range(256))


def render_zpl(label: Label) -> bytes:
    out = [f"^XA^CI28^PW{label.width}^LL{label.height}^LH0,0"]
    for element in label.elements:
        if isinstance(element, Text):
            out.extend(_text(element, label))
        elif isinstance(element, Barcode):
            out.append(_barcode(element))
        elif isinstance(element, Picture):
            image = textmod.load_picture(element, label)
            if image is not None:
                out.append(f"^FO{element.x},{element.y}" + graphic_field(image) + "^FS")
        elif isinstance(element, Box):
            out.append(
                f"^FO{element.x},{element.y}^GB{element.width},{element.height},"
                f"{min(element.thickness, element.width, element.height)}^FS"
            )
    out.append("^XZ")
    return "\n".join(out).encode("utf-8")


def _escape(data: str) -> str:
    """Field data under ``^FH``: the characters ZPL treats as commands become hex escapes."""
    return data.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def _text(t: Text, label: Label) -> list[str]:
    fitted = textmod.fit(t.text, t.height, t.max_width, t.max_lines, t.bold)
    if fitted.shortened:
        label.warnings.append(f"shortened to fit the label: {t.text[:60]}")
    commands = []
    line_height = int(fitted.size * 1.2)
    for i, line in enumerate(fitted.lines):
        y = t.y + i * line_height
        picture = (
            textmod.rasterise(line, fitted.size, t.bold) if textmod.needs_raster(line) else None
        )
        x = t.x
        if t.max_width is not None and (t.align is Align.CENTER or textmod.base_rtl(line)):
            width = picture.width if picture else textmod.text_width(line, fitted.size, t.bold)
            spare = max(0, t.max_width - width)
            x = t.x + (spare // 2 if t.align is Align.CENTER else spare)
        if picture is not None:
            commands.append(f"^FO{x},{y}" + graphic_field(picture) + "^FS")
        else:
            # The resident font's glyphs are narrower than DejaVu's: use its own width.
            commands.append(f"^FO{x},{y}^A0N,{fitted.size},{fitted.size}^FH^FD{_escape(line)}^FS")
    return commands


def graphic_field(image: Image.Image) -> str:
    """``^GFA`` for a 1-bit image: black pixels are printed dots."""
    source = image.convert("1")
    width, height = source.size
    row_bytes = (width + 7) // 8
    # Pad each row to whole bytes with white, or the padding bits would print as a black edge.
    bitmap = Image.new("1", (row_bytes * 8, height), 1)
    bitmap.paste(source, (0, 0))
    # PIL's "1" mode packs 8 pixels a byte, MSB first, with 1 = white: invert for ZPL.
    data = bitmap.tobytes().translate(_INVERT)
    total = row_bytes * height
    return f"^GFA,{total},{total},{row_bytes},{data.hex().upper()}"


def gs1_128_field(element_string: str) -> str:
    """``^FD`` data for GS1-128: start C with FNC1, the leading digits in pairs (subset C),
    and from the first letter or odd digit on, subset B to the end; GS becomes FNC1 (``>8``).

    Staying in B costs a few modules on mixed data, but avoids the switch back to C (``>5``),
    which not every ZPL implementation encodes correctly (seen in the zebrash renderer)."""
    digits = 0
    while digits < len(element_string) and element_string[digits].isdigit():
        digits += 1
    digits -= digits % 2
    head, tail = element_string[:digits], element_string[digits:]
    out = ">;>8" + head
    if tail:
        out += ">6" + "".join(">8" if ch == GS else "><" if ch == ">" else ch for ch in tail)
    return out


def _barcode(b: Barcode) -> str:
    hr = "Y" if b.human_readable else "N"
    head = f"^FO{b.x},{b.y}^BY{b.module}"
    if b.symbology is Symbology.CODE128:
        return f"{head}^BCN,{b.height},{hr},N,N^FH^FD{_escape(b.data)}^FS"
    if b.symbology is Symbology.GS1_128:
        return f"{head}^BCN,{b.height},{hr},N,N^FH^FD{_escape(gs1_128_field(b.data))}^FS"
    if b.symbology in (Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX):
        # Escape character ~ is replaced by _ via ^BX's escape parameter: "_1" is FNC1.
        data = b.data.replace("_", "__")
        if b.symbology is Symbology.GS1_DATAMATRIX:
            data = "_1" + data.replace(GS, "_1")
        return f"^FO{b.x},{b.y}^BXN,{b.module * 2},200,,,,_^FD{data}^FS"
    # QR: model 2, error correction Q, automatic data mode.
    return f"^FO{b.x},{b.y}^BQN,2,{max(1, b.module + 1)}^FDQA,{b.data}^FS"
