"""SVG preview of a layout, drawn from the *compiled* start payload (what ZEGO will receive).

Drawing from the payload rather than the spec means the picture shows exactly the pixels sent,
whatever produced them (a preset, hand-written JSON). The output is standalone, deterministic
(same payload, same bytes) and safe: it is built with ElementTree, so every stream id is escaped,
and characters XML cannot hold are replaced, so a hostile id never becomes markup.

What is drawn: the canvas (its colour shows through gaps and margins), every view in paint order
(lower layers first) labelled with stream id, layer and pixel size, and, when a source aspect is
given, the zones that aspect loses: hatched bars for `fit` tiles, red overflow for `crop` tiles.
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
CANVAS_FILL = "#1f2329"
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


def _tile(group: ET.Element, tile: Tile, drawing: Drawing, aspect: tuple[int, int] | None) -> None:
    label = tile_label(tile, drawing)
    node = _sub(group, "g", id=f"view-{tile.index}")
    fill = "#f4f4f4" if tile.whiteboard else _colour(label)
    _sub(
        node,
        "rect",
        x=str(tile.left),
        y=str(tile.top),
        width=str(max(tile.width, 0)),
        height=str(max(tile.height, 0)),
        fill=fill,
        stroke="#ffffff",
        stroke_width="1",
    )
    lines = [short(label), f"{tile.width}\u00d7{tile.height} \u00b7 layer {tile.layer}"]
    if aspect is not None and not tile.whiteboard and tile.width > 0 and tile.height > 0:
        share = round(float(lost_share(tile.width, tile.height, aspect, tile.fill_mode)) * 100)
        lines.append(f"fit: {share}% bars" if tile.fill_mode == 2 else f"crop: {share}% cut")
        if tile.fill_mode == 2:
            _bars(node, tile, aspect)
    size = max(8, min(28, min(tile.width, tile.height) // 8))
    centre_x = Fraction(tile.left + tile.right, 2)
    first = Fraction(tile.top + tile.bottom, 2) - Fraction(size * (len(lines) - 1), 2)
    texts = _sub(node, "g", fill="#111111" if tile.whiteboard else "#ffffff")
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


def _overflow(group: ET.Element, tile: Tile, aspect: tuple[int, int]) -> None:
    """Outline, in red, the part of a `crop` tile's picture that is cut off."""
    pw, ph = picture_size(tile.width, tile.height, aspect, 1)
    if pw == tile.width and ph == tile.height:
        return
    x = Fraction(tile.left) - (pw - tile.width) / 2
    y = Fraction(tile.top) - (ph - tile.height) / 2
    _sub(
        group,
        "rect",
        x=_num(x),
        y=_num(y),
        width=_num(pw),
        height=_num(ph),
        fill="#e45756",
        fill_opacity="0.12",
        stroke="#e45756",
        stroke_dasharray="6 4",
        stroke_width="1",
        **{"class": "crop"},
    )


def _placeholder(svg: ET.Element, drawing: Drawing) -> None:
    name = SERVER_LAYOUTS.get(drawing.mix_mode, f"mix_mode {drawing.mix_mode}")
    size = max(10, min(36, drawing.width // 30))
    box = _sub(svg, "g", id="server-side", fill="#ffffff")
    _sub(
        box,
        "rect",
        x=str(drawing.width // 8),
        y=str(drawing.height // 4),
        width=str(drawing.width - drawing.width // 4),
        height=str(drawing.height // 2),
        fill="none",
        stroke="#ffffff",
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
        fill=CANVAS_FILL,
    )
    if not drawing.tiles:
        _placeholder(svg, drawing)
    else:
        views = _sub(svg, "g", id="views", clip_path="url(#canvas)")
        painted = drawing.in_paint_order()
        for tile in painted:
            _tile(views, tile, drawing, source_aspect)
        if source_aspect is not None:
            crops = _sub(svg, "g", id="crop-zones", clip_path="url(#canvas)")
            for tile in painted:
                if not tile.whiteboard and tile.fill_mode == 1 and min(tile.width, tile.height) > 0:
                    _overflow(crops, tile, source_aspect)
    body = ET.tostring(svg, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
