"""A body's mix layout -> `[layout]`: ZEGO's own layouts by mix_mode, recspec's presets by
their exact views, `custom` tiles when no preset makes them (None: nothing a layout writes)."""

from __future__ import annotations

from typing import Any

from recspec.importer.units import is_int
from recspec.importer.views import FITS, read_views


def layout_for(
    mix: dict[str, Any], width: int, height: int, whiteboard: bool
) -> dict[str, Any] | None:
    """The `[layout]` table for `mix` (a canonical mix_config) on a `width` x `height` canvas."""
    mode = mix.get("mix_mode")
    if not is_int(mode):
        return None
    if mode == 1:
        from recspec.importer.presets import computed_layout
        from recspec.importer.tiles import custom_layout

        views = mix.get("mix_input_list")
        tiles = read_views(views)
        if tiles is None or not isinstance(views, list):
            return None
        found = computed_layout(tiles, views, width, height, whiteboard)
        return found or custom_layout(tiles, views, width, height, whiteboard)
    from recspec.layout.registry import PRESETS

    preset = next((p for p in PRESETS.values() if p.server_side and p.mix_mode == mode), None)
    if preset is None:
        return None
    layout: dict[str, Any] = {"preset": preset.name}
    focus = mix.get("mix_max_resolution_stream_id")
    if preset.uses_focus and isinstance(focus, str) and focus and not whiteboard:
        layout["focus"] = focus  # with a whiteboard ZEGO gives it the big view: no focus
    fill = mix.get("fill_mode")
    if is_int(fill) and fill in FITS:
        layout["fit"] = FITS[fill]
    return layout
