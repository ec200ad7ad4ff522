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
Images go where the body puts them (`recspec.render.images`): the background image under the
views, the watermark box over them, placeholder images inside their views.
Server-side layouts (no views) get a labelled placeholder.
"""

from __future__ import annotations

import zlib
from fractions import Fraction
from typing import Any
from xml.etree import ElementTree as ET

from recspec.layout.drawing import SERVER_LAYOUTS, Drawing, Tile, read_drawing, tile_label
from recspec.layout.fitting import lost_share, picture_size
from recspec.render import images
from recspec.render.svgkit import SVG_NS, element, hex_colour, ink, label_lines, num, text_at

#: Views closer than this (px) count as neighbours and never share a colour.
NEAR = 24
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
MAX_LABEL = 40


def short(label: str) -> str:
    """A stream id short enough for a tile label."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "\u2026"


def _colour(label: str) -> str:
    return PALETTE[zlib.crc32(label.encode("utf-8", "surrogatepass")) % len(PALETTE)]


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


def _defs(svg: ET.Element) -> ET.Element:
    defs = element(svg, "defs")
    bars = element(
        defs,
        "pattern",
        id="bars",
        width="8",
        height="8",
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    element(bars, "rect", width="8", height="8", fill="#000000", fill_opacity="0.55")
    element(
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
    clip = element(defs, "clipPath", id="canvas")
    element(clip, "rect", x="0", y="0", width="100%", height="100%")
    return defs


def _tile(
    group: ET.Element, tile: Tile, drawing: Drawing, aspect: tuple[int, int] | None, fill: str
) -> None:
    label = tile_label(tile, drawing)
    node = element(group, "g", id=f"view-{tile.index}", clip_path=f"url(#clip-view-{tile.index})")
    box = {
        "x": str(tile.left),
        "y": str(tile.top),
        "width": str(max(tile.width, 0)),
        "height": str(max(tile.height, 0)),
    }
    element(element(group, "clipPath", id=f"clip-view-{tile.index}"), "rect", **box)
    # The outline is drawn inset by half its width, so it stays inside the view too.
    element(node, "rect", **box, fill=fill, stroke="#ffffff", stroke_width="2")
    lines = [short(label), f"{tile.width}\u00d7{tile.height} \u00b7 layer {tile.layer}"]
    placeholder = images.placeholder_in_view(node, tile, ink(int(fill[1:], 16) << 8))
    if placeholder is not None:
        lines.append(placeholder)
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
    texts = element(node, "g", fill=ink(int(fill[1:], 16) << 8))  # dark on light fills
    for offset, line in enumerate(lines):
        text_at(texts, centre_x, first + offset * size + size // 3, size, line)


def _bars(node: ET.Element, tile: Tile, aspect: tuple[int, int]) -> None:
    """Hatch the letterbox or pillarbox bars of a `fit` tile."""
    pw, ph = picture_size(tile.width, tile.height, aspect, 2)
    bar_w = (tile.width - pw) / 2
    bar_h = (tile.height - ph) / 2
    if bar_w > 0:
        for x in (Fraction(tile.left), tile.right - bar_w):
            element(
                node,
                "rect",
                x=num(x),
                y=str(tile.top),
                width=num(bar_w),
                height=str(tile.height),
                fill="url(#bars)",
                **{"class": "bars"},
            )
    if bar_h > 0:
        for y in (Fraction(tile.top), tile.bottom - bar_h):
            element(
                node,
                "rect",
                x=str(tile.left),
                y=num(y),
                width=str(tile.width),
                height=num(bar_h),
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
        element(
            node,
            "rect",
            x=num(x),
            y=num(y),
            width=num(width),
            height=num(height),
            fill="#e45756",
            fill_opacity="0.45",
            **{"class": "crop"},
        )


def _placeholder(svg: ET.Element, drawing: Drawing) -> None:
    name = SERVER_LAYOUTS.get(drawing.mix_mode, f"mix_mode {drawing.mix_mode}")
    size = max(10, min(36, drawing.width // 30))
    colour = ink(drawing.background)
    box = element(svg, "g", id="server-side", fill=colour)
    element(
        box,
        "rect",
        x=str(drawing.width // 8),
        y=str(drawing.height // 4),
        width=str(drawing.width - drawing.width // 4),
        height=str(drawing.height // 2),
        fill="none",
        stroke=colour,
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
        text_at(box, Fraction(drawing.width, 2), top + offset * size * 3 // 2, size, line)


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
    title = element(svg, "title")
    title.text = f"recspec layout preview: {width}\u00d7{height}, {len(drawing.tiles)} views"
    defs = _defs(svg)
    element(
        svg,
        "rect",
        id="canvas-background",
        x="0",
        y="0",
        width=width,
        height=height,
        fill=hex_colour(drawing.background),
    )
    images.background_under_views(svg, defs, drawing)
    if not drawing.tiles:
        _placeholder(svg, drawing)
    else:
        views = element(svg, "g", id="views", clip_path="url(#canvas)")
        colours = tile_colours(drawing)
        for tile in drawing.in_paint_order():
            _tile(views, tile, drawing, source_aspect, colours[tile.index])
    images.over_views(svg, drawing)
    body = ET.tostring(svg, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
