"""The `custom` preset as the fallback layout: one `[[layout.tile]]` per view, in pixels.

Why pixels and not percentages: pixels say exactly what the body said, and the custom preset
checks them (inside the canvas, no two tiles overlapping on one layer, one whiteboard), so a
list it cannot rebuild exactly stays in `[payload]` instead of being bent into shape.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from recspec.importer.views import Tile


def custom_layout(
    tiles: list[Tile], views: list[Any], width: int, height: int, whiteboard: bool
) -> dict[str, Any] | None:
    """`preset = "custom"` with tiles that rebuild `views` exactly, or None."""
    from recspec.importer.presets import layout_defaults
    from recspec.layout import LayoutError, plan_layout

    edges = [e for t in tiles for e in (t.left, t.top, t.right, t.bottom)]
    even = all(e % 2 == 0 for e in (*edges, width, height))
    fits = [t.fit for t in tiles if t.fit is not None]
    fit = "fit" if fits.count("fit") > fits.count("crop") else "crop"
    written = [_tile(t, fit) for t in tiles]
    layout: dict[str, Any] = {"preset": "custom"}
    if not even:
        layout["align"] = 1
    if fit != "crop":
        layout["fit"] = fit
    layout["tile"] = written
    plain = {**layout_defaults(), **layout}
    plain["tile"] = [SimpleNamespace(**{**_TILE_DEFAULTS, **tile}) for tile in written]
    try:
        plan = plan_layout(SimpleNamespace(**plain), width, height, whiteboard=whiteboard)  # type: ignore[arg-type]
    except (LayoutError, ArithmeticError, ValueError):
        return None
    return layout if plan.mix_input_list() == views else None


_TILE_DEFAULTS: dict[str, Any] = {
    "stream": None,
    "layer": 1,
    "fit": None,
    "background": None,
    "whiteboard": False,
}


def _tile(tile: Tile, fit: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if tile.stream is not None:
        out["stream"] = tile.stream
    out.update(left=tile.left, top=tile.top, width=tile.width, height=tile.height)
    if tile.layer != 1:
        out["layer"] = tile.layer
    if tile.fit is not None and tile.fit != fit:
        out["fit"] = tile.fit
    if tile.background is not None:
        out["background"] = tile.background
    if tile.whiteboard:
        out["whiteboard"] = True
    return out
