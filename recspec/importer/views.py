"""A body's `mix_input_list`, read for layout recovery: which views a preset could have made.

Why a separate reading: every preset builds its views the same way (`Frame.view`), so a view
with an explicit `view_type: 1`, a camera view without `fill_mode` or a whiteboard view with a
stream id is something no `[layout]` writes, and the whole list stays in `[payload]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recspec.importer.units import is_int

_VIEW_KEYS = frozenset(
    {
        "stream_id",
        "view_type",
        "top",
        "left",
        "bottom",
        "right",
        "layer",
        "fill_mode",
        "background_image",
    }
)
FITS = {1: "crop", 2: "fit"}


@dataclass(frozen=True, slots=True)
class Tile:
    """One view as a layout sees it: a rectangle (exclusive right/bottom) and its contents."""

    left: int
    top: int
    right: int
    bottom: int
    layer: int
    stream: str | None
    fit: str | None  #: None for the whiteboard view
    background: str | None
    whiteboard: bool

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def read_views(views: Any) -> list[Tile] | None:
    """The views as tiles, or None when some view is not one a layout could write."""
    if not isinstance(views, list) or not views:
        return None
    tiles: list[Tile] = []
    for view in views:
        tile = _tile(view)
        if tile is None:
            return None
        tiles.append(tile)
    return tiles


def _tile(view: Any) -> Tile | None:
    if not isinstance(view, dict) or not view.keys() <= _VIEW_KEYS:
        return None
    edges = [view.get(key) for key in ("left", "top", "right", "bottom", "layer")]
    ints = [edge for edge in edges if is_int(edge)]
    if len(ints) != len(edges):
        return None
    left, top, right, bottom, layer = ints
    stream = view.get("stream_id")
    background = view.get("background_image")
    if "view_type" in view:  # the layouts write view_type only for the whiteboard (2)
        if not is_int(view["view_type"]) or view["view_type"] != 2:
            return None
        if {"stream_id", "fill_mode", "background_image"} & view.keys():
            return None
        return Tile(left, top, right, bottom, layer, None, None, None, True)
    fill = view.get("fill_mode")
    if not is_int(fill) or fill not in FITS:
        return None
    if stream is not None and not isinstance(stream, str):
        return None
    if background is not None and not isinstance(background, str):
        return None
    return Tile(left, top, right, bottom, layer, stream, FITS[fill], background, False)


def uniform(values: list[str | None]) -> str | None:
    """The one value all of `values` share (None when they differ or there are none)."""
    return values[0] if values and all(v == values[0] for v in values) else None
