"""A body's `mix_input_list`, read for layout recovery: which views a preset could have made.

Why a separate reading: every preset builds its views the same way (`Frame.view`), so a view
with an explicit `view_type: 1`, a camera view without `fill_mode` or a whiteboard view with a
stream id is something no `[layout]` writes, and the whole list stays in `[payload]`. `Views`
measures what the preset search tries: the gaps and margins the views show, the aligns that
divide every coordinate, the source aspects worth trying, the spellings of a thickness.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
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
#: Source aspects tried as `tile_aspect` besides the canvas's and the views' own.
ASPECTS = ("16:9", "4:3", "1:1", "9:16", "3:4")
#: `align` values, the default first.
ALIGNS = (2, 1, 4, 8, 16)


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


def with_defaults(views: Any) -> list[Any] | None:
    """`views` as a layout would write them, where they differ only by ZEGO's defaults: a
    missing camera `fill_mode` is 1 (crop), an explicit `view_type: 1` is left out. None when
    nothing changes (or the list is not one of objects)."""
    if not isinstance(views, list) or not all(isinstance(v, dict) for v in views):
        return None
    fixed = []
    for view in views:
        view = dict(view)
        if view.get("view_type") == 1 and is_int(view["view_type"]):
            del view["view_type"]
        if "view_type" not in view and "fill_mode" not in view:
            view["fill_mode"] = 1
        fixed.append(view)
    return fixed if fixed != views else None


def uniform(values: list[str | None]) -> str | None:
    """The one value all of `values` share (None when they differ or there are none)."""
    return values[0] if values and all(v == values[0] for v in values) else None


class Views:
    """What the search reads off the views: canvas, slots, the base keys every preset shares."""

    def __init__(self, tiles: list[Tile], width: int, height: int, whiteboard: bool) -> None:
        self.tiles, self.width, self.height, self.whiteboard = tiles, width, height, whiteboard
        self.slots = tiles[1:] if whiteboard else tiles
        self.base: dict[str, Any] = {}
        edges = [e for t in tiles for e in (t.left, t.top, t.right, t.bottom)]
        self.aligns = [
            a
            for a in ALIGNS
            if width % a == 0 and height % a == 0 and all(e % a == 0 for e in edges)
        ]
        self.margins = unique(
            [0]
            + [
                m
                for m in (
                    min(t.left for t in tiles),
                    min(t.top for t in tiles),
                    width - max(t.right for t in tiles),
                    height - max(t.bottom for t in tiles),
                )
                if m >= 0
            ]
        )
        self.aspects: list[str | None] = [None, *ASPECTS]
        for t in (self.slots[0], self.slots[-1]) if self.slots else ():
            if t.width > 0 and t.height > 0:
                divisor = math.gcd(t.width, t.height)
                self.aspects.append(f"{t.width // divisor}:{t.height // divisor}")
        self.aspects = unique(self.aspects)

    def layers(self, *wanted: int) -> bool:
        """Whether the first tile has layer wanted[0] and every other tile wanted[-1]."""
        return self.tiles[0].layer == wanted[0] and all(
            t.layer == wanted[-1] for t in self.tiles[1:]
        )

    def gaps(self) -> list[int]:
        """0, then the three smallest distances between tiles that face each other."""
        found: set[int] = set()
        for a in self.tiles:
            for b in self.tiles:
                if a.top < b.bottom and b.top < a.bottom and b.left >= a.right:
                    found.add(b.left - a.right)
                if a.left < b.right and b.left < a.right and b.top >= a.bottom:
                    found.add(b.top - a.bottom)
        return unique([0, *sorted(found)[:3]])


def unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def read_slots(tiles: list[Tile], whiteboard: bool) -> dict[str, Any] | None:
    """`streams`, `tiles` and `backgrounds` for views in slot order, or None when no computed
    preset orders them so (a whiteboard not first, a named view after a join-order one)."""
    if whiteboard != (bool(tiles) and tiles[0].whiteboard):
        return None
    slots = tiles[1:] if whiteboard else tiles
    if any(t.whiteboard for t in slots):
        return None
    named = [t.stream for t in itertools.takewhile(lambda t: t.stream is not None, slots)]
    rest = slots[len(named) :]
    if any(t.stream is not None or t.background is not None for t in rest):
        return None
    if len(set(named)) != len(named) or "" in named:
        return None
    base: dict[str, Any] = {}
    if named:
        base["streams"] = named
    if rest:
        base["tiles"] = len(slots)
    backgrounds = {t.stream: t.background for t in slots if t.background is not None}
    if backgrounds:
        base["backgrounds"] = backgrounds
    return base


def lengths(size: int, whole: int, aligns: list[int], default: Any) -> list[Any]:
    """Spellings of a thickness: the default, the whole percentage that rounds to `size`
    (the one nearest the exact share), then `size` pixels."""
    from recspec.layout.units import round_to

    best: tuple[Fraction, int] | None = None
    for percent in range(1, 101):
        exact = Fraction(percent * whole, 100)
        if any(max(round_to(exact, a), a) == size for a in aligns):
            key = (abs(exact - size), percent)
            best = key if best is None or key < best else best
    found = [default, *([f"{best[1]}%"] if best else []), size]
    return unique(found)
