"""Layout recovery: which recspec preset, with which options, computes a body's views.

Why search rather than fit formulas: the presets' rounding, centring and wrapping rules live in
`recspec.layout` and nowhere else, so the only exact test of "this preset makes these views" is
to run it. The views say most options outright (stream ids, fits, the gap between neighbours,
the strip side, the overlay corner); the rest get a few candidates each (margins seen at the
canvas edges, aligns that divide every coordinate, common source aspects, the percentage that
rounds to a strip's thickness). Every combination is ranked by how many options differ from
their defaults, and the cheapest one whose plan equals the views wins, so the spec names only
the options that matter. Ties go to the registry's order (presentation before speaker when the
big tile is the whiteboard: that is what presentation is for).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from recspec.importer.views import Tile, Views, lengths, read_slots, uniform, unique

Options = dict[str, list[Any]]
#: Plans tried at most per body (~50 µs each): a list no preset makes costs at most ~0.2 s.
BUDGET = 4000


def _fits(views: Views, big_own_fit: bool) -> Options | None:
    """`fit` (and presentation's `content_fit`): what the views' fill modes say, or None."""
    slots = views.slots
    if big_own_fit and not views.whiteboard and slots:
        thumbs = uniform([t.fit for t in slots[1:]]) if len(slots) > 1 else "crop"
        return None if thumbs is None else {"fit": [thumbs], "content_fit": [slots[0].fit]}
    fit = uniform([t.fit for t in slots]) if slots else "crop"
    return None if fit is None else {"fit": [fit]}


def _common(views: Views, gaps: list[int], margins: list[int]) -> Options:
    return {"gap": gaps, "margin": margins, "align": views.aligns}


def grid(views: Views) -> Options | None:
    fits = _fits(views, False)
    tiles = views.tiles
    if fits is None or not views.layers(1) or len({t.height for t in tiles}) != 1:
        return None
    rows: dict[int, list[Tile]] = {}
    for t in tiles:
        rows.setdefault(t.top, []).append(t)
    ordered = [sorted(row, key=lambda t: t.left) for _, row in sorted(rows.items())]
    cols = max(len(row) for row in ordered)
    if len(ordered[0]) > 1:
        gaps = [ordered[0][1].left - ordered[0][0].right]
    else:
        gaps = [ordered[1][0].top - ordered[0][0].bottom] if len(ordered) > 1 else [0]
    return {
        **_common(views, gaps, views.margins),
        **fits,
        "tile_aspect": views.aspects,
        "tile_shape": ["aspect", "cell"],
        "max_rows": [None, len(ordered)],
        "max_cols": [None, cols],
        "last_row": ["center", "left", "right", "justify"]
        if len(ordered[-1]) < cols
        else ["center"],
    }


def strips(views: Views, big_own_fit: bool) -> Options | None:
    """speaker and presentation: the big tile first, thumbnails in strips on one side."""
    fits = _fits(views, big_own_fit)
    if fits is None or not views.layers(1):
        return None
    big, thumbs = views.tiles[0], views.tiles[1:]
    if not thumbs:
        return {**_common(views, [0], unique([0, big.left])), **fits}
    first = thumbs[0]
    side = {
        "right": first.left >= big.right,
        "left": first.right <= big.left,
        "bottom": first.top >= big.bottom,
        "top": first.bottom <= big.top,
    }
    strip = next((name for name, yes in side.items() if yes), None)
    if strip is None:
        return None
    across = strip in ("left", "right")
    at = [t.left if across else t.top for t in thumbs]
    gap = {
        "right": min(at) - big.right,
        "left": big.left - max(t.right for t in thumbs),
        "bottom": min(at) - big.bottom,
        "top": big.top - max(t.bottom for t in thumbs),
    }[strip]
    thickness = first.width if across else first.height
    whole = views.width if across else views.height
    per_strip = max(at.count(value) for value in set(at))
    count = len(set(at))
    return {
        **_common(views, [gap], [big.top if across else big.left]),
        **fits,
        "strip": [strip],
        "strip_size": lengths(thickness, whole, views.aligns, "20%"),
        "strip_capacity": [None, per_strip],
        "max_strips": unique([2, count]),
        "strip_align": ["start", "center", "end"],
        "tile_aspect": views.aspects,
    }


def pip(views: Views) -> Options | None:
    fits = _fits(views, False)
    if fits is None or not views.layers(1, 2):
        return None
    main, overlays = views.tiles[0], views.tiles[1:]
    common = _common(views, [0], unique([0, main.left]))
    if not overlays:
        return {**common, **fits}
    first = overlays[0]
    right = first.left + first.right > main.left + main.right
    bottom = first.top + first.bottom > main.top + main.bottom
    spacing = main.right - first.right if right else first.left - main.left
    return {
        **common,
        **fits,
        "corner": [f"{'bottom' if bottom else 'top'}-{'right' if right else 'left'}"],
        "overlay_size": lengths(first.width, views.width, views.aligns, "25%"),
        "overlay_margin": unique([16, spacing]),
        "tile_aspect": views.aspects,
    }


def lines(views: Views) -> Options | None:
    fits = _fits(views, False)
    if fits is None or not views.layers(1):
        return None
    return {**_common(views, views.gaps(), views.margins), **fits}


def generic(views: Views) -> Options | None:
    """A preset this module has no reading for (a newer one): the common options only."""
    fits = _fits(views, False)
    if fits is None:
        return None
    return {**_common(views, views.gaps(), views.margins), **fits, "tile_aspect": views.aspects}


READERS: dict[str, Callable[[Views], Options | None]] = {
    "grid": grid,
    "speaker": lambda views: strips(views, False),
    "presentation": lambda views: strips(views, True),
    "pip": pip,
    "side-by-side": lines,
    "stack": lines,
}


def computed_layout(
    tiles: list[Tile], views: list[Any], width: int, height: int, whiteboard: bool
) -> dict[str, Any] | None:
    """The cheapest computed preset (and options) whose plan is exactly `views`, or None."""
    from recspec.layout import LayoutError, plan_layout
    from recspec.layout.registry import PRESETS

    base = read_slots(tiles, whiteboard)
    if base is None:
        return None
    shape = Views(tiles, width, height, whiteboard)
    defaults = layout_defaults()
    names = [n for n, p in PRESETS.items() if not p.server_side and n != "custom"]
    if whiteboard and "presentation" in names and "speaker" in names:
        names.remove("presentation")
        names.insert(names.index("speaker"), "presentation")
    ranked: list[tuple[int, int, int, str, dict[str, Any]]] = []
    for rank, name in enumerate(names):
        options = READERS.get(name, generic)(shape)
        if options is None:
            continue
        keys = list(options)
        for index, values in enumerate(itertools.product(*options.values())):
            combo = dict(zip(keys, values, strict=True))
            cost = sum(combo[k] != defaults[k] for k in keys)
            ranked.append((cost, rank, index, name, combo))
    ranked.sort(key=lambda entry: entry[:3])
    for _, _, _, name, combo in ranked[:BUDGET]:
        layout = SimpleNamespace(**{**defaults, **base, **combo, "preset": name})
        try:
            plan = plan_layout(layout, width, height, whiteboard=whiteboard)  # type: ignore[arg-type]
        except (LayoutError, ArithmeticError, ValueError):
            continue
        if plan.mix_mode == 1 and plan.mix_input_list() == views:
            chosen = {k: v for k, v in combo.items() if v != defaults[k]}
            return ordered({"preset": name, **base, **chosen})
    return None


def layout_defaults() -> dict[str, Any]:
    """Every `[layout]` key's default, as `plan_layout` reads it."""
    from recspec.layout.spec import LayoutSpec

    return {
        name: field.get_default(call_default_factory=True)
        for name, field in LayoutSpec.model_fields.items()
    }


def ordered(layout: dict[str, Any]) -> dict[str, Any]:
    """`layout` with its keys in the spec reference's order (preset, streams, tiles, ...)."""
    from recspec.layout.spec import LayoutSpec

    order = {name: index for index, name in enumerate(LayoutSpec.model_fields)}
    return dict(sorted(layout.items(), key=lambda item: order.get(item[0], len(order))))
