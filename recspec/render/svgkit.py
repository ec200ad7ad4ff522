"""SVG building blocks shared by the preview's views and its image marks: safe text, numbers,
elements, ink colours and label fitting.

Why a module of its own: `svg` draws views and `images` draws where images go; both need the
same escaping and label sizing, so neither imports the other.
"""

from __future__ import annotations

import re
from fractions import Fraction
from xml.etree import ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
#: Average glyph width of the label font, in ems (Helvetica/Arial digits and lower case).
GLYPH_EM = 0.6
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(text: str) -> str:
    """Text safe for XML 1.0: characters XML cannot hold become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def num(value: Fraction | int) -> str:
    """A coordinate with at most two decimals, no trailing zeros (deterministic)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def hex_colour(value: int) -> str:
    """The API's 0xRRGGBB00 integer as `#rrggbb`."""
    return f"#{(value >> 8) & 0xFFFFFF:06x}"


def ink(value: int) -> str:
    """Black or white, whichever reads on the 0xRRGGBB00 colour `value`."""
    red, green, blue = (value >> 24) & 255, (value >> 16) & 255, (value >> 8) & 255
    return "#111111" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def label_lines(lines: list[str], width: int, height: int) -> tuple[list[str], int]:
    """The lines that fit a `width` x `height` view and their font size (6..28 px): the
    size shrinks with the view, and the last lines go first when even 6 px is too big."""
    while lines:
        longest = max(len(line) for line in lines)
        size = min(28, height // (len(lines) + 1), int((width - 4) / (GLYPH_EM * longest)))
        if size >= 6 or len(lines) == 1:
            return lines, max(size, 1)
        lines = lines[:-1]
    return lines, 1


def element(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(
        parent, tag, {key.replace("_", "-"): value for key, value in attrs.items()}
    )


def text_at(parent: ET.Element, x: Fraction | int, y: Fraction | int, size: int, text: str) -> None:
    node = element(parent, "text", x=num(x), y=num(y), font_size=str(size), text_anchor="middle")
    node.text = clean_text(text)
