"""When a computed preset cannot keep every view at 16 px: one finding that says what to change.

Why: presets re-flow to stay readable when they can (lines wrap, strips multiply, grids pick
another rows x cols), but 25 streams on a 160x90 canvas have no readable arrangement. The linter
would then flag each thumbnail (RS411, "make it larger or remove it"), advice a person cannot
follow for a computed view. `advice` instead tries the spec's own knobs (fewer tiles, a smaller
gap, margin or overlay margin, a larger canvas, the grid preset), keeps only the ones that are
verified to give readable views, and phrases them for the `[layout]` table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recspec.layout.engine import plan_layout, plans_by_count
from recspec.layout.frame import MIN_TILE_SIDE
from recspec.layout.plan import LayoutError, LayoutPlan, View
from recspec.layout.registry import PRESETS

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec

MAX_SIDE = 1920
MAX_AREA = 1920 * 1080
"""ZEGO's largest canvas (RS301, RS302): a larger canvas is only suggested within it."""


def smallest(plan: LayoutPlan) -> View | None:
    """The thinnest view under MIN_TILE_SIDE px, or None when every view is readable."""
    small = [view for view in plan.views if min(view.width, view.height) < MIN_TILE_SIDE]
    return min(small, key=lambda view: min(view.width, view.height), default=None)


def _readable(layout: LayoutSpec, width: int, height: int, whiteboard: bool) -> bool:
    try:
        return smallest(plan_layout(layout, width, height, whiteboard=whiteboard)) is None
    except LayoutError:
        return False


def _fewer_tiles(layout: LayoutSpec, width: int, height: int, whiteboard: bool) -> str | None:
    count = layout.tiles if layout.tiles is not None else len(layout.streams)
    for shown in range(count - 1, 0, -1):  # the most that stay readable
        try:
            plan = plans_by_count(layout, width, height, [shown], whiteboard=whiteboard)[shown]
        except LayoutError:
            return None
        if smallest(plan) is None:
            noun = "tiles" if layout.tiles is not None else "streams"
            return f"at most {shown} {noun if shown > 1 else noun[:-1]}"
    return None


def _smaller(layout: LayoutSpec, key: str, width: int, height: int, whiteboard: bool) -> str | None:
    """The largest lower value of `key` that gives readable views (None when even the least
    does not: tiles only grow as spacing shrinks, so that one is tried first)."""
    value: int | None = getattr(layout, key)
    step, least = (1, 1) if key == "strip_capacity" else (layout.align, 0)
    if value is None or value <= least:
        return None
    if not _readable(_with(layout, **{key: least}), width, height, whiteboard):
        return None
    for lower in range(value - step, least - 1, -step):
        if _readable(_with(layout, **{key: lower}), width, height, whiteboard):
            return f"{key} = {lower}"
    return None  # pragma: no cover - `least` was readable


def _larger_canvas(layout: LayoutSpec, width: int, height: int, whiteboard: bool) -> str | None:
    """The smallest whole multiple of the canvas (same shape) within ZEGO's limits that works."""
    for factor in range(2, MAX_SIDE // max(width, height) + 1):
        w, h = width * factor, height * factor
        if w * h > MAX_AREA:
            break
        if _readable(layout, w, h, whiteboard):
            return f'a {w}x{h} canvas (`video.resolution = "{w}x{h}"`)'
    return None


def _grid(layout: LayoutSpec, width: int, height: int, whiteboard: bool) -> str | None:
    if layout.preset == "grid":
        return None
    grid = _with(layout, preset="grid", focus=None)
    return 'preset = "grid"' if _readable(grid, width, height, whiteboard) else None


def _with(layout: LayoutSpec, **changes: object) -> LayoutSpec:
    """A copy with `changes`: a pydantic `LayoutSpec` or the compiler's plain `SpecNode`."""
    if hasattr(layout, "model_copy"):
        return layout.model_copy(update=changes)
    copied: LayoutSpec = type(layout)(**{**vars(layout), **changes})
    return copied


def advice(layout: LayoutSpec, width: int, height: int, *, whiteboard: bool = False) -> str | None:
    """The RS411 message for `layout` at `[layout]`, or None when its views are all readable
    (or it is a hand-placed or server-side layout, whose views are the spec's own)."""
    preset = PRESETS.get(layout.preset)
    if preset is None or preset.build is None or preset.name == "custom":
        return None
    try:
        plan = plan_layout(layout, width, height, whiteboard=whiteboard)
    except LayoutError:
        return None
    thin = smallest(plan)
    if thin is None:
        return None
    knobs = {
        "pip": ["margin", "overlay_margin"],
        "speaker": ["gap", "margin", "strip_capacity"],
        "presentation": ["gap", "margin", "strip_capacity"],
    }.get(preset.name, ["gap", "margin"])
    options = [
        _fewer_tiles(layout, width, height, whiteboard),
        *(_smaller(layout, key, width, height, whiteboard) for key in knobs),
        _larger_canvas(layout, width, height, whiteboard),
        _grid(layout, width, height, whiteboard),
    ]
    chosen = [option for option in options if option]
    if not chosen:
        fix = "use fewer tiles and a larger canvas together"
    elif len(chosen) == 1:
        fix = f"use {chosen[0]}"
    else:
        fix = f"use {', '.join(chosen[:-1])}, or {chosen[-1]}"
    count = len(plan.views)
    return (
        f"{preset.name} cannot keep {count} views at {MIN_TILE_SIDE} px or more on the "
        f"{width}x{height} canvas: the smallest is {thin.width}x{thin.height} px, "
        f"unrecognisable — {fix}"
    )
