"""SVG preview of a layout, drawn from the *compiled* start payload (what ZEGO will receive).

Drawing from the payload rather than the spec means the picture shows exactly the pixels sent,
whatever produced them (a preset, hand-written JSON). The output is standalone, deterministic
(same payload, same bytes) and safe: it is built with ElementTree, so every stream id is escaped,
and characters XML cannot hold are replaced, so a hostile id never becomes markup.

What is drawn: the canvas in the payload's background colour (it shows through gaps and margins),
every view in paint order (lower layers first) labelled with stream id, layer and pixel size, and,
when a source aspect is given, the zones that aspect loses: hatched bars for `fit` tiles, red
bands on the cut sides of `crop` tiles. Every mark of a view stays inside its own rectangle
(each view is clipped to it, labels are sized to fit), and touching views get different colours.
Server-side layouts (no views) get a labelled placeholder.
"""

from __future__ import annotations

import re
import zlib
from fractions import Fraction
from typing import Any
from xml.etree import ElementTree as ET

from recspec.layout.drawing import SERVER_LAYOUTS, Drawing, Tile, read_drawing, tile_label
from recspec.layout.fitting import lost_share, picture_size

SVG_NS = "http://www.w3.org/2000/svg"
#: Views closer than this (px) count as neighbours and never share a colour.
NEAR = 24
#: Average glyph width of the label font, in ems (Helvetica/Arial digits and lower case).
GLYPH_EM = 0.6
PALETTE = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#b279a2",
    "#e45756",
    "#72b7b2",
    "#9d755d",
    "#eeca3b",
    "#ff9da6",
    "#bab0ac",
)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_LABEL = 40


def clean_text(text: str) -> str:
    """Text safe for XML 1.0: characters XML cannot hold become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def short(label: str) -> str:
    """A stream id short enough for a tile label."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "\u2026"


def _num(value: Fraction | int) -> str:
    """A coordinate with at most two decimals, no trailing zeros (deterministic)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _colour(label: str) -> str:
    return PALETTE[zlib.crc32(label.encode("utf-8", "surrogatepass")) % len(PALETTE)]


def hex_colour(value: int) -> str:
    """The API's 0xRRGGBB00 integer as `#rrggbb`."""
    return f"#{(value >> 8) & 0xFFFFFF:06x}"


def _ink(value: int) -> str:
    """Black or white, whichever reads on the 0xRRGGBB00 colour `value`."""
    red, green, blue = (value >> 24) & 255, (value >> 16) & 255, (value >> 8) & 255
    return "#111111" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _near(a: Tile, b: Tile) -> bool:
    return (
        a.left - NEAR < b.right
        and b.left - NEAR < a.right
        and a.top - NEAR < b.bottom
        and b.top - NEAR < a.bottom
    )


def tile_colours(drawing: Drawing) -> dict[int, str]:
    """A fill per view: its label's colour unless a neighbour already has it, then the next
    free one in the palette (a view has at most 8 neighbours in any preset, the palette 10)."""
    colours: dict[int, str] = {}
    for tile in drawing.tiles:
        if tile.whiteboard:
            colours[tile.index] = "#f4f4f4"
            continue
        taken = {
            colours[other.index]
            for other in drawing.tiles
            if other.index in colours and _near(tile, other)
        }
        start = PALETTE.index(_colour(tile_label(tile, drawing)))
        ring = PALETTE[start:] + PALETTE[:start]
        colours[tile.index] = next((c for c in ring if c not in taken), ring[0])
    return colours


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


def _sub(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(
        parent, tag, {key.replace("_", "-"): value for key, value in attrs.items()}
    )


def _text(parent: ET.Element, x: Fraction | int, y: Fraction | int, size: int, text: str) -> None:
    node = _sub(parent, "text", x=_num(x), y=_num(y), font_size=str(size), text_anchor="middle")
    node.text = clean_text(text)


def _defs(svg: ET.Element) -> None:
    defs = _sub(svg, "defs")
    bars = _sub(
        defs,
        "pattern",
        id="bars",
        width="8",
        height="8",
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    _sub(bars, "rect", width="8", height="8", fill="#000000", fill_opacity="0.55")
    _sub(
        bars,
        "line",
        x1="0",
        y1="0",
        x2="0",
        y2="8",
        stroke="#ffffff",
        stroke_opacity="0.35",
        stroke_width="3",
    )
    clip = _sub(defs, "clipPath", id="canvas")
    _sub(clip, "rect", x="0", y="0", width="100%", height="100%")


def _tile(
    group: ET.Element, tile: Tile, drawing: Drawing, aspect: tuple[int, int] | None, fill: str
) -> None:
    label = tile_label(tile, drawing)
    node = _sub(group, "g", id=f"view-{tile.index}", clip_path=f"url(#clip-view-{tile.index})")
    box = {
        "x": str(tile.left),
        "y": str(tile.top),
        "width": str(max(tile.width, 0)),
        "height": str(max(tile.height, 0)),
    }
    _sub(_sub(group, "clipPath", id=f"clip-view-{tile.index}"), "rect", **box)
    # The outline is drawn inset by half its width, so it stays inside the view too.
    _sub(node, "rect", **box, fill=fill, stroke="#ffffff", stroke_width="2")
    lines = [short(label), f"{tile.width}\u00d7{tile.height} \u00b7 layer {tile.layer}"]
    if aspect is not None and not tile.whiteboard and tile.width > 0 and tile.height > 0:
        share = round(float(lost_share(tile.width, tile.height, aspect, tile.fill_mode)) * 100)
        lines.append(f"fit: {share}% bars" if tile.fill_mode == 2 else f"crop: {share}% cut")
        if tile.fill_mode == 2:
            _bars(node, tile, aspect)
        else:
            _cut(node, tile, aspect)
    lines, size = label_lines(lines, tile.width, tile.height)
    centre_x = Fraction(tile.left + tile.right, 2)
    first = Fraction(tile.top + tile.bottom, 2) - Fraction(size * (len(lines) - 1), 2)
    texts = _sub(node, "g", fill=_ink(int(fill[1:], 16) << 8))  # dark on light fills
    for offset, line in enumerate(lines):
        _text(texts, centre_x, first + offset * size + size // 3, size, line)


def _bars(node: ET.Element, tile: Tile, aspect: tuple[int, int]) -> None:
    """Hatch the letterbox or pillarbox bars of a `fit` tile."""
    pw, ph = picture_size(tile.width, tile.height, aspect, 2)
    bar_w = (tile.width - pw) / 2
    bar_h = (tile.height - ph) / 2
    if bar_w > 0:
        for x in (Fraction(tile.left), tile.right - bar_w):
            _sub(
                node,
                "rect",
                x=_num(x),
                y=str(tile.top),
                width=_num(bar_w),
                height=str(tile.height),
                fill="url(#bars)",
                **{"class": "bars"},
            )
    if bar_h > 0:
        for y in (Fraction(tile.top), tile.bottom - bar_h):
            _sub(
                node,
                "rect",
                x=str(tile.left),
                y=_num(y),
                width=str(tile.width),
                height=_num(bar_h),
                fill="url(#bars)",
                **{"class": "bars"},
            )


def _cut(node: ET.Element, tile: Tile, aspect: tuple[int, int]) -> None:
    """Shade, inside a `crop` tile, a band on each cut side: together the bands take the same
    share of the tile as the cut takes of the camera picture (so 20% cut shades 20%)."""
    pw, ph = picture_size(tile.width, tile.height, aspect, 1)
    cut_w = tile.width * (pw - tile.width) / (2 * pw)
    cut_h = tile.height * (ph - tile.height) / (2 * ph)
    bands: list[tuple[Fraction, Fraction, Fraction, Fraction]] = []
    if cut_w > 0:
        bands += [(Fraction(tile.left), Fraction(tile.top), cut_w, Fraction(tile.height))]
        bands += [(tile.right - cut_w, Fraction(tile.top), cut_w, Fraction(tile.height))]
    if cut_h > 0:
        bands += [(Fraction(tile.left), Fraction(tile.top), Fraction(tile.width), cut_h)]
        bands += [(Fraction(tile.left), tile.bottom - cut_h, Fraction(tile.width), cut_h)]
    for x, y, width, height in bands:
        _sub(
            node,
            "rect",
            x=_num(x),
            y=_num(y),
            width=_num(width),
            height=_num(height),
            fill="#e45756",
            fill_opacity="0.45",
            **{"class": "crop"},
        )


def _placeholder(svg: ET.Element, drawing: Drawing) -> None:
    name = SERVER_LAYOUTS.get(drawing.mix_mode, f"mix_mode {drawing.mix_mode}")
    size = max(10, min(36, drawing.width // 30))
    ink = _ink(drawing.background)
    box = _sub(svg, "g", id="server-side", fill=ink)
    _sub(
        box,
        "rect",
        x=str(drawing.width // 8),
        y=str(drawing.height // 4),
        width=str(drawing.width - drawing.width // 4),
        height=str(drawing.height // 2),
        fill="none",
        stroke=ink,
        stroke_dasharray="10 6",
        stroke_width="2",
    )
    lines = [
        f"ZEGO server-side layout: {name} (mix_mode {drawing.mix_mode})",
        "ZEGO places the views; their pixels are not documented",
    ]
    if drawing.big_view is not None:
        lines.append(f"big view: {short(drawing.big_view)}")
    top = Fraction(drawing.height, 2) - Fraction(size * (len(lines) - 1), 2)
    for offset, line in enumerate(lines):
        _text(box, Fraction(drawing.width, 2), top + offset * size * 3 // 2, size, line)


def render_svg(payload: dict[str, Any], *, source_aspect: tuple[int, int] | None = None) -> str:
    """A standalone SVG of the payload's layout. Raises ValueError on a malformed payload."""
    drawing = read_drawing(payload)
    if source_aspect is not None and (source_aspect[0] <= 0 or source_aspect[1] <= 0):
        raise ValueError(f"source_aspect {source_aspect} must be two positive numbers")
    width, height = str(drawing.width), str(drawing.height)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "font-family": "Helvetica, Arial, sans-serif",
        },
    )
    title = _sub(svg, "title")
    title.text = f"recspec layout preview: {width}\u00d7{height}, {len(drawing.tiles)} views"
    _defs(svg)
    _sub(
        svg,
        "rect",
        id="canvas-background",
        x="0",
        y="0",
        width=width,
        height=height,
        fill=hex_colour(drawing.background),
    )
    if not drawing.tiles:
        _placeholder(svg, drawing)
    else:
        views = _sub(svg, "g", id="views", clip_path="url(#canvas)")
        colours = tile_colours(drawing)
        for tile in drawing.in_paint_order():
            _tile(views, tile, drawing, source_aspect, colours[tile.index])
    body = ET.tostring(svg, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
