"""The `custom` preset: tiles written by hand in `[[layout.tile]]`, in pixels or percentages.

Percentages are resolved as *edges*, not sizes: `right = round(left% + width%)` of the canvas, so
two tiles that touch in percentages ("0%" + "50%" and "50%" + "50%") touch in pixels too, with no
seam or overlap. Each edge rounds to the nearest `align` multiple (halves up). Pixel values must
already be multiples of `align`. `gap` and `margin` do not apply: the tiles say where they go.

Checked here (each error names the tile key to fix): inside the canvas, not empty, at most one
whiteboard tile (and only when the recording has a whiteboard), no stream twice, and no two tiles
overlapping on the same layer (ZEGO's draw order would be undefined).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from recspec.layout.frame import Frame, Rect, Slot
from recspec.layout.plan import LayoutError, SpecPath, View
from recspec.layout.preset import Preset, PresetOption
from recspec.layout.units import parse_percent, round_to

if TYPE_CHECKING:
    from recspec.layout.spec import CustomTile, LayoutSpec


def _exact(value: int | str, whole: int, align: int, path: SpecPath) -> Fraction:
    if isinstance(value, bool):
        raise LayoutError("expected pixels or a percentage, not true/false", path)
    if isinstance(value, int):
        if value < 0:
            raise LayoutError(f"{value} px is negative", path)
        if value % align:
            lower = value - value % align
            raise LayoutError(
                f"{value} px is not a multiple of align = {align}: use {lower} or "
                f"{lower + align}, or set align = 1",
                path,
            )
        return Fraction(value)
    return parse_percent(value, path) * whole


def tile_rect(tile: CustomTile, index: int, frame: Frame) -> Rect:
    """Resolve one tile to pixels and check it lies inside the canvas."""
    path: SpecPath = ("layout", "tile", index)
    align = frame.align
    left = _exact(tile.left, frame.width, align, (*path, "left"))
    top = _exact(tile.top, frame.height, align, (*path, "top"))
    width = _exact(tile.width, frame.width, align, (*path, "width"))
    height = _exact(tile.height, frame.height, align, (*path, "height"))
    x0, x1 = round_to(left, align), round_to(left + width, align)
    y0, y1 = round_to(top, align), round_to(top + height, align)
    name = f"tile {index + 1}"
    if x1 <= x0:
        raise LayoutError(f"{name} is less than {align} px wide: make it wider", (*path, "width"))
    if y1 <= y0:
        raise LayoutError(f"{name} is less than {align} px tall: make it taller", (*path, "height"))
    if x1 > frame.width:
        key = "left" if x0 >= frame.width else "width"
        raise LayoutError(
            f"{name} ends at x = {x1}, past the {frame.width} px canvas: reduce its {key}",
            (*path, key),
        )
    if y1 > frame.height:
        key = "top" if y0 >= frame.height else "height"
        raise LayoutError(
            f"{name} ends at y = {y1}, past the {frame.height} px canvas: reduce its {key}",
            (*path, key),
        )
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _overlap(a: Rect, b: Rect) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def build(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Resolve the first `len(slots)` tiles; reject same-layer overlaps."""
    views: list[View] = []
    placed: list[tuple[Rect, int]] = []
    for index, slot in enumerate(slots):
        tile = layout.tile[index]
        if tile.layer < 0:
            raise LayoutError(
                f"tile {index + 1} has layer {tile.layer}: layers start at 0",
                ("layout", "tile", index, "layer"),
            )
        rect = tile_rect(tile, index, frame)
        for other, (other_rect, other_layer) in enumerate(placed):
            if other_layer == tile.layer and _overlap(rect, other_rect):
                raise LayoutError(
                    f"tile {index + 1} overlaps tile {other + 1} on layer {tile.layer}: ZEGO's "
                    "draw order is then undefined; give one of them a higher layer",
                    ("layout", "tile", index),
                )
        placed.append((rect, tile.layer))
        views.append(frame.view(rect, slot, layer=tile.layer))
    return views


PRESET = Preset(
    name="custom",
    mix_mode=1,
    summary='Hand-placed tiles from [[layout.tile]], in pixels or percentages ("50%").',
    options=(
        PresetOption(
            "tile",
            "[]",
            "Tiles: stream, left, top, width, height (px or %), layer = 1, fit, background, "
            "whiteboard = false.",
        ),
    ),
    tie_rules=(
        "Percentages resolve as edges (right = round(left + width)), each rounded to the "
        "nearest align multiple, halves up; tiles that touch in % touch in px.",
        "Pixel values must be multiples of align; gap and margin are not applied.",
        "Tiles on the same layer must not overlap.",
    ),
    build=build,
)
