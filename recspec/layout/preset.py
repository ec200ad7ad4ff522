"""What a preset is: a name, its docs (options, defaults, tie rules) and a pure build function.

The docs generator reads these records, so every rule that decides a pixel is written here in
words as well as in code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from recspec.layout.frame import Frame, Slot
from recspec.layout.plan import View
from recspec.values import Value

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec

Build = Callable[["LayoutSpec", Frame, Sequence[Slot]], list[View]]
"""`(layout, frame, slots) -> views`; slots come in slot order (the big tile first)."""


class PresetOption(Value):
    """One `[layout]` key a preset reads, with its default as written in a spec."""

    __slots__ = ("default", "doc", "key")

    def __init__(self, key: str, default: str, doc: str) -> None:
        self.key = key
        self.default = default
        self.doc = doc


class Preset(Value):
    """A layout preset. `build` is None for ZEGO server-side presets (no views to compute)."""

    __slots__ = ("build", "mix_mode", "name", "options", "summary", "tie_rules", "uses_focus")

    def __init__(
        self,
        name: str,
        mix_mode: int,
        summary: str,
        options: tuple[PresetOption, ...],
        tie_rules: tuple[str, ...],
        build: Build | None = None,
        uses_focus: bool = False,
    ) -> None:
        self.name = name
        self.mix_mode = mix_mode
        self.summary = summary
        self.options = options
        self.tie_rules = tie_rules
        self.build = build
        self.uses_focus = uses_focus

    """True when `focus` means something for this preset (a big tile or big view)."""

    @property
    def server_side(self) -> bool:
        """ZEGO places the views itself (mix_mode 2..5)."""
        return self.build is None

    @property
    def reads(self) -> frozenset[str]:
        """Every `[layout]` key this preset uses; any other key written is a no-op (RS809)."""
        if self.server_side:
            common = SERVER_KEYS
        elif self.name == "custom":
            common = CUSTOM_KEYS
        else:
            # tile_aspect: the source aspect, which previews use to shade what a tile crops
            common = frozenset({"tile_aspect", *(option.key for option in COMMON_OPTIONS)})
        return frozenset({"preset", *common, *(option.key for option in self.options)})


COMMON_OPTIONS: tuple[PresetOption, ...] = (
    PresetOption("streams", "[]", "Stream ids in slot order."),
    PresetOption("tiles", "len(streams)", "Tile count; tiles beyond `streams` fill in join order."),
    PresetOption("gap", "0", "Pixels between neighbouring tiles."),
    PresetOption("margin", "0", "Pixels between the tile block and the canvas edge."),
    PresetOption("align", "2", "Every coordinate and size is a multiple of it (1, 2, 4, 8, 16)."),
    PresetOption("fit", '"crop"', "crop (fill_mode 1) or fit (fill_mode 2) for every tile."),
    PresetOption("backgrounds", "{}", "Image URL per stream id, shown while it is absent."),
)
"""Options every recspec-computed preset reads."""

SERVER_KEYS = frozenset({"streams", "tiles", "fit"})
"""What ZEGO's own layouts read: the participants and (v2) one fill mode for all views."""

CUSTOM_KEYS = frozenset({"align", "fit"})
"""custom reads its `[[layout.tile]]` list, the alignment and the default fit of a tile."""

COMMON_TIE_RULES: tuple[str, ...] = (
    "Tiles of one run are equal; leftover `align` units become symmetric margins before they "
    "make tiles unequal (1280 px into 3 columns at align 2: 426/426/426, 2 px on the right; "
    "a 2x2 grid at 1280x720 with gap 8: 4 + 632 + 8 + 632 + 4).",
    "Centring puts the odd `align` unit on the right or bottom side.",
    "right and bottom are exclusive edges: width = right - left, height = bottom - top.",
    "With a whiteboard, the whiteboard takes slot 1 (the big tile, or the first grid tile).",
)
