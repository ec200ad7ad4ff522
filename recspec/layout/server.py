"""ZEGO's server-side presets (`mix_mode` 2..5): recspec computes no views, ZEGO places them.

ZEGO documents only the shape of these layouts ([G-lay]): grid tiles equal views and grows by
column first; horizontal puts small views along the top (at most two rows of eight, then down
the right edge); vertical puts them down the right (two columns of eight, then along the bottom);
floating lays them over a full-canvas big view from the bottom-right corner. The big view is
`mix_max_resolution_stream_id` (recspec's `focus`), else the first stream to join; a whiteboard,
when present, always takes it. Exact pixels are not documented, so previews show a placeholder.
"""

from __future__ import annotations

from recspec.layout.preset import Preset, PresetOption

_FOCUS = PresetOption("focus", "first to join", "The big view (mix_max_resolution_stream_id).")
_TIES = ("ZEGO decides the pixels; recspec emits no mix_input_list.",)

ZEGO_GRID = Preset(
    name="zego-grid",
    mix_mode=2,
    summary="ZEGO's own equal-division grid (mix_mode 2); grows by column first, up to 25 views.",
    options=(),
    tie_rules=(*_TIES, "A whiteboard, if present, takes view 1."),
)

ZEGO_HORIZONTAL = Preset(
    name="zego-horizontal",
    mix_mode=3,
    summary="ZEGO's horizontal layout (mix_mode 3): a big view and small views along the top.",
    options=(_FOCUS,),
    tie_rules=_TIES,
    uses_focus=True,
)

ZEGO_VERTICAL = Preset(
    name="zego-vertical",
    mix_mode=4,
    summary="ZEGO's vertical layout (mix_mode 4): a big view and small views down the right.",
    options=(_FOCUS,),
    tie_rules=_TIES,
    uses_focus=True,
)

ZEGO_FLOATING = Preset(
    name="zego-floating",
    mix_mode=5,
    summary="ZEGO's floating layout (mix_mode 5): small views over a full-canvas big view.",
    options=(_FOCUS,),
    tie_rules=_TIES,
    uses_focus=True,
)
