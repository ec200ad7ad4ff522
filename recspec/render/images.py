"""Where the body puts images, drawn into the preview: the canvas background image, the
watermark (its box, when the body gives one) and each view's placeholder image.

Why: a person signing off a layout should see that the logo sits over the guest's face, or that
a view shows an image while its stream is absent, without reading URLs. Each image is an
outlined box over exactly the area ZEGO gives it, labelled with what it is; the URL itself is
never drawn (signed URLs carry tokens). Labels sit on a dark plate so they read on any colour.
"""

from __future__ import annotations

from fractions import Fraction
from xml.etree import ElementTree as ET

from recspec.layout.drawing import Drawing, Tile
from recspec.render.svgkit import element, label_lines, text_at

PLATE = "#000000"
PLATE_OPACITY = "0.55"
LINE = "#ffffff"
DASH = "8 5"
PLACEHOLDER_LABELS = {"own": "placeholder image", "default": "default placeholder"}


def background_under_views(svg: ET.Element, defs: ET.Element, drawing: Drawing) -> None:
    """The background image fills the canvas under the views: a faint texture where it shows."""
    if not drawing.background_image:
        return
    pattern = element(
        defs,
        "pattern",
        id="image-texture",
        width="24",
        height="24",
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(-30)",
    )
    element(pattern, "rect", width="24", height="12", fill=LINE, fill_opacity="0.12")
    group = element(svg, "g", id="background-image", **{"class": "image"})
    element(
        group,
        "rect",
        x="0",
        y="0",
        width=str(drawing.width),
        height=str(drawing.height),
        fill="url(#image-texture)",
    )


def placeholder_in_view(node: ET.Element, tile: Tile, colour: str) -> str | None:
    """A dashed outline just inside a view that shows an image while its stream is absent;
    returns the label line for the view (None when it shows none)."""
    if tile.placeholder is None or tile.width < 8 or tile.height < 8:
        return None
    inset = 3
    element(
        node,
        "rect",
        x=str(tile.left + inset),
        y=str(tile.top + inset),
        width=str(tile.width - 2 * inset),
        height=str(tile.height - 2 * inset),
        fill="none",
        stroke=colour,
        stroke_width="2",
        stroke_dasharray=DASH,
        **{"class": "placeholder"},
    )
    return PLACEHOLDER_LABELS[tile.placeholder]


def over_views(svg: ET.Element, drawing: Drawing) -> None:
    """The watermark box (drawn over everything, as ZEGO mixes it) and the tags that name the
    canvas-wide images, which the views would otherwise hide."""
    size = max(10, min(18, drawing.width // 64))
    if drawing.background_image:
        group = element(svg, "g", id="background-image-mark", **{"class": "image"})
        _outline(group, 1, 1, drawing.width - 2, drawing.height - 2)
        _tag(group, "background image (under the views)", size, drawing.height - 2 * size, drawing)
    if drawing.watermark_box is not None:
        left, top, right, bottom = drawing.watermark_box
        right, bottom = min(right, drawing.width), min(bottom, drawing.height)
        group = element(svg, "g", id="watermark", **{"class": "image"})
        width, height = max(right - left, 0), max(bottom - top, 0)
        _outline(group, left, top, width, height, plate=True)
        label = "watermark" if drawing.watermark else "watermark box (no image)"
        lines, font = label_lines([label], width, height)
        if lines and font >= 6:
            middle = Fraction(top + bottom, 2) + font // 3
            text_at(element(group, "g", fill=LINE), Fraction(left + right, 2), middle, font, label)
    elif drawing.watermark:
        group = element(svg, "g", id="watermark", **{"class": "image"})
        _tag(group, "watermark: the body gives no box, ZEGO places it", size, 0, drawing)


def _outline(
    parent: ET.Element, x: int, y: int, width: int, height: int, *, plate: bool = False
) -> None:
    """A dashed white line with a dark edge under it, so it reads on light and dark fills."""
    for stroke, dash in ((PLATE, ""), (LINE, DASH)):
        attrs = {"stroke_dasharray": dash} if dash else {"stroke_opacity": PLATE_OPACITY}
        element(
            parent,
            "rect",
            x=str(x),
            y=str(y),
            width=str(width),
            height=str(height),
            fill=PLATE if plate and not dash else "none",
            fill_opacity="0.35",
            stroke=stroke,
            stroke_width="3" if not dash else "1.5",
            **attrs,
        )


def _tag(parent: ET.Element, label: str, size: int, top: int, drawing: Drawing) -> None:
    """A label on a dark plate in the canvas's left corner (top or bottom), inside the canvas."""
    width = min(drawing.width, int(size * 0.6 * len(label)) + size)
    height = min(drawing.height, 2 * size)
    top = max(0, min(top, drawing.height - height))
    element(
        parent,
        "rect",
        x="0",
        y=str(top),
        width=str(width),
        height=str(height),
        fill=PLATE,
        fill_opacity=PLATE_OPACITY,
    )
    lines, font = label_lines([label], width, height)
    if lines and font >= 6:
        baseline = Fraction(top) + Fraction(height, 2) + Fraction(font, 3)
        text_at(element(parent, "g", fill=LINE), Fraction(width, 2), baseline, font, label)
