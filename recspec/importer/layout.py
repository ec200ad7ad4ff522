"""A body's mix layout -> `[layout]`: ZEGO's own layouts by mix_mode, recspec's presets by
their exact views, `custom` tiles when no preset makes them (None: nothing a layout writes)."""

from __future__ import annotations

from typing import Any

from recspec.importer.units import is_int
from recspec.importer.views import FITS, read_views, with_defaults

#: Layout keys whose values come from the body (stream ids, URLs): never quoted in a comment,
#: where a credential's value could not be referenced.
_BODY_VALUES = frozenset({"streams", "tiles", "focus", "backgrounds", "tile"})


def layout_for(
    mix: dict[str, Any], width: int, height: int, whiteboard: bool, notes: list[str]
) -> dict[str, Any] | None:
    """The `[layout]` table for `mix` (a canonical mix_config) on a `width` x `height` canvas.

    Views that only write out ZEGO's defaults (no fill_mode, `view_type: 1`) stay raw, since
    no layout writes them so; `notes` then says which layout they are otherwise.
    """
    mode = mix.get("mix_mode")
    if not is_int(mode):
        return None
    if mode == 1:
        views = mix.get("mix_input_list")
        found = _views_layout(views, width, height, whiteboard)
        fixed = with_defaults(views) if found is None else None
        near = _views_layout(fixed, width, height, whiteboard) if fixed else None
        if near is not None:
            notes.append(_suggestion(near))
        return found
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


def _views_layout(views: Any, width: int, height: int, whiteboard: bool) -> dict[str, Any] | None:
    """The computed preset that makes `views` exactly, else custom tiles, else None."""
    from recspec.importer.presets import computed_layout
    from recspec.importer.tiles import custom_layout

    tiles = read_views(views)
    if tiles is None or not isinstance(views, list):
        return None
    found = computed_layout(tiles, views, width, height, whiteboard)
    return found or custom_layout(tiles, views, width, height, whiteboard)


def _suggestion(layout: dict[str, Any]) -> str:
    from recspec.importer.toml_writer import value

    options = ", ".join(
        f"{key} = {value(item)}" for key, item in layout.items() if key not in _BODY_VALUES
    )
    return (
        "mix_input_list stays under [payload]: its views write out ZEGO's defaults (view_type "
        "1) or leave them out (fill_mode), which no [layout] does. Otherwise they are "
        f"[layout] {options}, with the streams in view order."
    )
