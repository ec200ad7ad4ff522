"""recspec's layout engine: presets -> exact integer rectangles for ZEGO's `mix_input_list`.

Everything here is pure (no I/O, integers only) and importing it does no work. Only
`recspec.layout.spec` imports pydantic; `LayoutSpec` and `CustomTile` are loaded from it lazily
so code that only needs geometry (or the CLI's `--help`) stays fast.

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

from typing import TYPE_CHECKING, Any

from recspec.layout.engine import MAX_VIEWS, find_preset, plan_layout, plans_by_count
from recspec.layout.plan import LayoutError, LayoutPlan, SpecPath, View
from recspec.layout.preset import COMMON_OPTIONS, COMMON_TIE_RULES, Preset, PresetOption
from recspec.layout.registry import PRESETS

if TYPE_CHECKING:
    from recspec.layout.spec import CustomTile, LayoutSpec

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
    if name in {"LayoutSpec", "CustomTile"}:
        from recspec.layout import spec

        return getattr(spec, name)
    raise AttributeError(f"module 'recspec.layout' has no attribute {name!r}")
