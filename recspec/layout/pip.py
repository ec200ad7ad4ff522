"""The `pip` preset: one full-block main tile and small overlays floating in a corner.

Slot 1 (the `focus` stream, else the first) fills the block on layer 1. The other slots are
overlays on layer 2, `overlay_size` wide (px, fraction or percentage of the canvas width) with the
height given by `tile_aspect`. They start in `corner`, `overlay_margin` px in from the main tile's
edges, run along the bottom (or top) edge towards the other corner, and wrap to a new row further
in. Overlays keep their place when another joins; they only shrink when the rows no longer fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from recspec.layout.frame import Frame, Rect, Slot
from recspec.layout.plan import LayoutError, View
from recspec.layout.preset import Preset, PresetOption
from recspec.layout.units import floor_to, resolve_length, round_to

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec


def _height_for(width: int, frame: Frame, limit: int) -> int:
    aw, ah = frame.aspect
    return min(max(round_to(Fraction(width * ah, aw), frame.align), frame.align), limit)


def overlay_size(
    count: int, wanted: int, room_w: int, room_h: int, spacing: int, frame: Frame
) -> tuple[int, int, int]:
    """`(width, height, per_row)` of `count` overlays: as wide as wanted, shrunk only to fit."""
    align = frame.align
    aw, ah = frame.aspect
    width = min(wanted, floor_to(room_w, align))
    per_row = max(1, min(count, (room_w + spacing) // (width + spacing)))
    rows = math.ceil(count / per_row)
    height = _height_for(width, frame, room_h)
    if rows * height + (rows - 1) * spacing <= room_h:
        return width, height, per_row
    best: tuple[int, int, int] | None = None
    for per_row in range(1, count + 1):
        rows = math.ceil(count / per_row)
        max_w = Fraction(room_w - (per_row - 1) * spacing, per_row)
        max_h = Fraction(room_h - (rows - 1) * spacing, rows)
        if max_w < align or max_h < align:
            continue
        width = floor_to(min(Fraction(wanted), max_w, max_h * aw / ah), align)
        if width < align:
            continue
        height = _height_for(width, frame, floor_to(max_h, align))
        if best is None or width > best[0]:
            best = (width, height, per_row)
    if best is None:
        raise LayoutError(
            f"{count} overlays do not fit in {room_w}x{room_h} px: lower overlay_margin or use "
            "fewer tiles",
            ("layout", "overlay_margin"),
        )
    return best


def pip_rects(layout: LayoutSpec, frame: Frame, overlays: int) -> tuple[Rect, list[Rect]]:
    """The main tile and `overlays` overlay rectangles (in slot order)."""
    main = frame.block
    if overlays == 0:
        return main, []
    spacing = layout.overlay_margin
    room_w = main.width - 2 * spacing
    room_h = main.height - 2 * spacing
    if room_w < frame.align or room_h < frame.align:
        raise LayoutError(
            f"overlay_margin = {spacing} leaves no room for overlays in {main.width}x"
            f"{main.height} px: lower it",
            ("layout", "overlay_margin"),
        )
    exact = resolve_length(layout.overlay_size, frame.width, ("layout", "overlay_size"))
    wanted = max(round_to(exact, frame.align), frame.align)
    width, height, per_row = overlay_size(overlays, wanted, room_w, room_h, spacing, frame)
    from_right = layout.corner.endswith("right")
    from_bottom = layout.corner.startswith("bottom")
    rects: list[Rect] = []
    for index in range(overlays):
        row, col = divmod(index, per_row)
        dx = spacing + col * (width + spacing)
        dy = spacing + row * (height + spacing)
        left = main.right - dx - width if from_right else main.left + dx
        top = main.bottom - dy - height if from_bottom else main.top + dy
        rects.append(Rect(left, top, width, height))
    return main, rects


def build(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Main tile on layer 1, overlays on layer 2."""
    main, overlays = pip_rects(layout, frame, len(slots) - 1)
    views = [frame.view(main, slots[0])]
    views.extend(
        frame.view(rect, slot, layer=2) for rect, slot in zip(overlays, slots[1:], strict=True)
    )
    return views


PRESET = Preset(
    name="pip",
    mix_mode=1,
    summary="A full-canvas main tile with small overlays in one corner, on a higher layer.",
    options=(
        PresetOption("focus", "first stream", "Stream id of the main tile."),
        PresetOption("corner", '"bottom-right"', "Corner the overlays start from."),
        PresetOption("overlay_size", '"25%"', "Overlay width: px, fraction or percentage."),
        PresetOption("overlay_margin", "16", "Px between overlays and from the main tile's edge."),
        PresetOption("tile_aspect", "canvas aspect", "Overlay aspect (height from width)."),
    ),
    tie_rules=(
        "Overlay width rounds to the nearest align unit (halves up); height = width x aspect, "
        "rounded the same way.",
        "Overlays fill a row from the corner towards the other side, then start a new row "
        "further in; gap is not used (overlay_margin spaces them).",
        "When the rows do not fit, overlays shrink to the largest width that fits; equal "
        "widths prefer fewer overlays per row.",
    ),
    build=build,
    uses_focus=True,
)
