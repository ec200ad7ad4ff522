"""Every layout preset by name, in the order the docs list them."""

from __future__ import annotations

from types import MappingProxyType

from recspec.layout import custom, grid, lines, pip, server, speaker
from recspec.layout.preset import Preset

PRESETS: MappingProxyType[str, Preset] = MappingProxyType(
    {
        preset.name: preset
        for preset in (
            grid.PRESET,
            speaker.SPEAKER,
            pip.PRESET,
            lines.SIDE_BY_SIDE,
            lines.STACK,
            speaker.PRESENTATION,
            custom.PRESET,
            server.ZEGO_GRID,
            server.ZEGO_HORIZONTAL,
            server.ZEGO_VERTICAL,
            server.ZEGO_FLOATING,
        )
    }
)
"""name -> Preset (name, mix_mode, summary, options, tie_rules, build)."""
