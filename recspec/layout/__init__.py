"""recspec's layout engine: presets -> exact integer rectangles for ZEGO's `mix_input_list`.

Everything here is pure (no I/O, integers only) and importing it does no work: the names below
load their module on first use. Only `recspec.layout.spec` imports pydantic, so code that only
needs geometry (or a single-stream spec, which plans nothing) stays fast.

Conventions that hold for every preset:

- Edges: `right` and `bottom` are exclusive, so `width = right - left`, `height = bottom - top`.
- Exact partition: tiles + gaps + margins add up to the canvas, every coordinate and size is a
  multiple of `align` (default 2); tiles of one run are equal and leftover `align` units become
  symmetric margins (1280 px into 3 columns at align 2: 426/426/426, 2 px on the right).
- Slot order: whiteboard (if any), focus stream (presets with a big tile), the other streams in
  order, then anonymous join-order tiles. `plans_by_count` keeps that order for every count.
- At most 25 views (ZEGO's limit), at most one whiteboard view (`view_type` 2).

`PRESETS` lists every preset with its options, defaults and tie rules, for the docs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recspec.layout.engine import MAX_VIEWS, find_preset, plan_layout, plans_by_count
    from recspec.layout.plan import LayoutError, LayoutPlan, SpecPath, View
    from recspec.layout.preset import COMMON_OPTIONS, COMMON_TIE_RULES, Preset, PresetOption
    from recspec.layout.registry import PRESETS
    from recspec.layout.spec import CustomTile, LayoutSpec

#: public name -> the module that defines it. Loaded on first use, so importing one submodule
#: (`recspec.layout.plan` for `LayoutError`) does not build every preset.
_HOMES = {
    "MAX_VIEWS": "engine",
    "find_preset": "engine",
    "plan_layout": "engine",
    "plans_by_count": "engine",
    "LayoutError": "plan",
    "LayoutPlan": "plan",
    "SpecPath": "plan",
    "View": "plan",
    "COMMON_OPTIONS": "preset",
    "COMMON_TIE_RULES": "preset",
    "Preset": "preset",
    "PresetOption": "preset",
    "PRESETS": "registry",
    "CustomTile": "spec",
    "LayoutSpec": "spec",
}

__all__ = [
    "COMMON_OPTIONS",
    "COMMON_TIE_RULES",
    "MAX_VIEWS",
    "PRESETS",
    "CustomTile",
    "LayoutError",
    "LayoutPlan",
    "LayoutSpec",
    "Preset",
    "PresetOption",
    "SpecPath",
    "View",
    "find_preset",
    "plan_layout",
    "plans_by_count",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'recspec.layout' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"recspec.layout.{home}"), name)
    globals()[name] = value
    return value
