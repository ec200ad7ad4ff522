"""From a `[layout]` table and a canvas to a `LayoutPlan`: validation, slot order, preset dispatch.

Slot order (who goes where) is decided here, once, so every preset and every participant count
agrees on it:

1. the whiteboard, when the recording has one (computed presets only);
2. the `focus` stream, for presets with a big tile (speaker, pip, presentation);
3. the other `streams`, in the order written;
4. anonymous join-order tiles (no stream id) up to `tiles`.

`plans_by_count` takes the first N participants of that order for each N, so a participant keeps
its slot number as others join or leave, and the geometry of each preset decides how far its
rectangle moves (see each preset's tie rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from recspec.layout.frame import Frame, Slot
from recspec.layout.plan import LayoutError, LayoutPlan, View
from recspec.layout.preset import Preset
from recspec.layout.registry import PRESETS
from recspec.layout.units import parse_aspect

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec

MAX_VIEWS = 25
"""ZEGO draws at most 25 views in every layout ([G-lay])."""

ALIGNS = (1, 2, 4, 8, 16)

_WHITEBOARD = Slot(None, ("layout", "preset"), whiteboard=True)


def find_preset(name: str) -> Preset:
    """The preset called `name`, or a LayoutError that suggests the closest name."""
    preset = PRESETS.get(name)
    if preset is not None:
        return preset
    import difflib  # only for a name that is not a preset

    close = difflib.get_close_matches(name, list(PRESETS), n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise LayoutError(
        f"unknown layout preset {name!r}: {hint}choose one of {', '.join(PRESETS)}",
        ("layout", "preset"),
    )


def _multiple(value: int, align: int, key: str, what: str) -> None:
    if value < 0:
        raise LayoutError(f"{key} = {value}: {what} cannot be negative", ("layout", key))
    if value % align:
        lower = value - value % align
        raise LayoutError(
            f"{key} = {value} is not a multiple of align = {align}: use {lower} or "
            f"{lower + align}, or set align = 1",
            ("layout", key),
        )


def make_frame(layout: LayoutSpec, width: int, height: int, preset: Preset) -> Frame:
    """Check the canvas and the common spacing options; resolve the source aspect."""
    align = layout.align
    if align not in ALIGNS:
        raise LayoutError(f"align = {align}: choose 1, 2, 4, 8 or 16", ("layout", "align"))
    if width <= 0 or height <= 0:
        raise LayoutError(f"the canvas {width}x{height} is empty", ("layout",))
    if width % align or height % align:
        raise LayoutError(
            f"the {width}x{height} canvas is not a multiple of align = {align}: use a "
            "resolution whose sides are multiples of it, or a smaller align",
            ("layout", "align"),
        )
    _multiple(layout.gap, align, "gap", "a gap")
    _multiple(layout.margin, align, "margin", "a margin")
    if preset.name == "pip":
        _multiple(layout.overlay_margin, align, "overlay_margin", "a margin")
    if preset.name != "custom" and 2 * layout.margin + align > min(width, height):
        raise LayoutError(
            f"margin = {layout.margin} leaves no room for tiles on a {width}x{height} canvas",
            ("layout", "margin"),
        )
    if layout.tile_aspect is not None:
        aspect = parse_aspect(layout.tile_aspect, ("layout", "tile_aspect"))
    else:
        aspect = parse_aspect(f"{width}:{height}", ("layout",))
    return Frame(width, height, layout.gap, layout.margin, align, layout.fit, aspect)


def _check_limit(count: int, whiteboard: bool, path: tuple[str | int, ...]) -> None:
    limit = MAX_VIEWS - 1 if whiteboard else MAX_VIEWS
    if count > limit:
        reason = (
            "ZEGO shows at most 25 views and the whiteboard takes one"
            if whiteboard
            else "ZEGO shows at most 25 views"
        )
        raise LayoutError(f"at most {limit} tiles, not {count}: {reason}", path)


def _custom_slots(layout: LayoutSpec, whiteboard: bool) -> list[Slot]:
    if layout.streams or layout.tiles is not None:
        key = "streams" if layout.streams else "tiles"
        raise LayoutError(
            f"custom takes its tiles from [[layout.tile]]: remove `{key}` and set `stream` "
            "on each tile",
            ("layout", key),
        )
    if not layout.tile:
        raise LayoutError(
            "custom needs at least one [[layout.tile]] with left, top, width and height",
            ("layout", "tile"),
        )
    if len(layout.tile) > MAX_VIEWS:
        raise LayoutError(
            f"at most 25 tiles, not {len(layout.tile)}: ZEGO shows at most 25 views",
            ("layout", "tile", MAX_VIEWS),
        )
    slots: list[Slot] = []
    seen: dict[str, int] = {}
    board: int | None = None
    for index, tile in enumerate(layout.tile):
        path = ("layout", "tile", index)
        if tile.whiteboard:
            if not whiteboard:
                raise LayoutError(
                    f"tile {index + 1} shows the whiteboard, but the recording has none: "
                    "enable the whiteboard or remove `whiteboard = true`",
                    (*path, "whiteboard"),
                )
            if board is not None:
                raise LayoutError(
                    f"tiles {board + 1} and {index + 1} both show the whiteboard: ZEGO allows "
                    "one whiteboard view",
                    (*path, "whiteboard"),
                )
            if tile.stream is not None:
                raise LayoutError(
                    f"tile {index + 1} shows the whiteboard, so it cannot also name stream "
                    f"{tile.stream!r}: remove one",
                    (*path, "stream"),
                )
            board = index
            slots.append(Slot(None, path, whiteboard=True))
            continue
        if tile.stream is not None:
            if not tile.stream:
                raise LayoutError(f"tile {index + 1} has an empty stream id", (*path, "stream"))
            if tile.stream in seen:
                raise LayoutError(
                    f"stream {tile.stream!r} is in tiles {seen[tile.stream] + 1} and "
                    f"{index + 1}: show each stream once",
                    (*path, "stream"),
                )
            seen[tile.stream] = index
        elif tile.background is not None:
            raise LayoutError(
                f"tile {index + 1} has a background but no stream: ZEGO shows a tile's "
                "background only when it names a stream",
                (*path, "background"),
            )
        slots.append(Slot(tile.stream, path, tile.background, fill=tile.fit))
    return slots


def _participants(layout: LayoutSpec, preset: Preset) -> list[Slot]:
    """Named streams (focus first when the preset has a big tile), then join-order tiles."""
    seen: dict[str, int] = {}
    for index, stream in enumerate(layout.streams):
        if not stream:
            raise LayoutError(f"stream {index + 1} is an empty id", ("layout", "streams", index))
        if stream in seen:
            raise LayoutError(
                f"stream {stream!r} is listed twice (entries {seen[stream] + 1} and {index + 1})",
                ("layout", "streams", index),
            )
        seen[stream] = index
    if len(layout.streams) > MAX_VIEWS:
        raise LayoutError(
            f"at most 25 streams, not {len(layout.streams)}: ZEGO shows at most 25 views",
            ("layout", "streams", MAX_VIEWS),
        )
    if layout.tiles is not None:
        if layout.tiles > MAX_VIEWS:
            raise LayoutError(
                f"at most 25 tiles, not {layout.tiles}: ZEGO shows at most 25 views",
                ("layout", "tiles"),
            )
        if layout.tiles < 1:
            raise LayoutError(f"tiles = {layout.tiles}: use 1 to 25", ("layout", "tiles"))
        if layout.tiles < len(layout.streams):
            raise LayoutError(
                f"tiles = {layout.tiles} but {len(layout.streams)} streams are listed: raise "
                f"tiles to at least {len(layout.streams)}, or remove it",
                ("layout", "tiles"),
            )
    for stream in layout.backgrounds:
        if stream not in seen:
            raise LayoutError(
                f"backgrounds names {stream!r}, which is not in `streams`: a background shows "
                "only on a tile with that stream id",
                ("layout", "backgrounds", stream),
            )
    if layout.focus is not None:
        if not preset.uses_focus:
            users = ", ".join(name for name, p in PRESETS.items() if p.uses_focus)
            raise LayoutError(
                f"preset {preset.name} has no big tile, so `focus` would be ignored: remove it "
                f"or use one of {users}",
                ("layout", "focus"),
            )
        if layout.streams and layout.focus not in seen:
            raise LayoutError(
                f"focus {layout.focus!r} is not in `streams`: add it there or fix the id",
                ("layout", "focus"),
            )
    named = [
        Slot(stream, ("layout", "streams", index), layout.backgrounds.get(stream))
        for index, stream in enumerate(layout.streams)
    ]
    if layout.focus is not None and layout.focus in seen:
        named.insert(0, named.pop(seen[layout.focus]))
    total = layout.tiles if layout.tiles is not None else len(named)
    anonymous = [Slot(None, ("layout", "tiles"))] * (total - len(named))
    return named + anonymous


def _server_plan(layout: LayoutSpec, preset: Preset, whiteboard: bool) -> LayoutPlan:
    if layout.tile:
        raise LayoutError(
            f"[[layout.tile]] is only read by preset custom, not {preset.name}",
            ("layout", "tile"),
        )
    participants = _participants(layout, preset)
    _check_limit(len(participants), False, ("layout", "tiles"))
    if layout.focus is not None and whiteboard:
        raise LayoutError(
            "ZEGO gives the big view to the whiteboard when the recording has one, so `focus` "
            "would be ignored: remove it",
            ("layout", "focus"),
        )
    return LayoutPlan(mix_mode=preset.mix_mode, big_view_stream=layout.focus)


def _computed_plan(
    layout: LayoutSpec, preset: Preset, frame: Frame, slots: Sequence[Slot]
) -> LayoutPlan:
    if preset.build is None:  # pragma: no cover - callers route server presets elsewhere
        raise AssertionError(preset.name)
    if not slots:
        raise LayoutError(
            "no tiles: list stream ids in `streams` or set `tiles = N`", ("layout", "streams")
        )
    views: list[View] = preset.build(layout, frame, slots)
    return LayoutPlan(mix_mode=1, views=tuple(views))


def _full_order(
    layout: LayoutSpec, preset: Preset, whiteboard: bool
) -> tuple[list[Slot], list[Slot]]:
    """`(prefix, participants)`: the whiteboard slot (if any) and the participant slots."""
    if preset.name != "custom" and layout.tile:
        raise LayoutError(
            f"[[layout.tile]] is only read by preset custom, not {preset.name}",
            ("layout", "tile"),
        )
    participants = _participants(layout, preset)
    prefix = [_WHITEBOARD] if whiteboard else []
    return prefix, participants


def plan_layout(
    layout: LayoutSpec, width: int, height: int, *, whiteboard: bool = False
) -> LayoutPlan:
    """Lay out `layout` on a `width` x `height` canvas. Raises LayoutError naming the spec key.

    `whiteboard=True` means the recording has a whiteboard: computed presets give it slot 1
    (`view_type` 2); custom layouts place it with `whiteboard = true` on one tile.
    """
    preset = find_preset(layout.preset)
    if preset.build is None:
        return _server_plan(layout, preset, whiteboard)
    frame = make_frame(layout, width, height, preset)
    if preset.name == "custom":
        return _computed_plan(layout, preset, frame, _custom_slots(layout, whiteboard))
    prefix, participants = _full_order(layout, preset, whiteboard)
    _check_limit(len(participants), whiteboard, _count_path(layout))
    return _computed_plan(layout, preset, frame, prefix + participants)


def _count_path(layout: LayoutSpec) -> tuple[str | int, ...]:
    return ("layout", "tiles") if layout.tiles is not None else ("layout", "streams")


def plans_by_count(
    layout: LayoutSpec,
    width: int,
    height: int,
    counts: Iterable[int],
    *,
    whiteboard: bool = False,
) -> dict[int, LayoutPlan]:
    """One plan per participant count, in the order given (duplicates dropped).

    Count N shows the first N participants of the slot order (module docstring); counts beyond
    the listed streams add join-order tiles. For custom, count N uses the first N tiles.
    """
    preset = find_preset(layout.preset)
    plans: dict[int, LayoutPlan] = {}
    wanted = list(dict.fromkeys(counts))
    for count in wanted:
        if count < 1:
            raise LayoutError(f"participant count {count}: counts start at 1", ("layout",))
    if preset.build is None:
        for count in wanted:
            _check_limit(count, False, ("layout",))
        plan = _server_plan(layout, preset, whiteboard)
        return dict.fromkeys(wanted, plan)
    frame = make_frame(layout, width, height, preset)
    if preset.name == "custom":
        tiles = _custom_slots(layout, whiteboard)
        for count in wanted:
            if count > len(tiles):
                raise LayoutError(
                    f"count {count} needs {count} tiles, but [[layout.tile]] has {len(tiles)}",
                    ("layout", "tile"),
                )
            plans[count] = _computed_plan(layout, preset, frame, tiles[:count])
        return plans
    prefix, participants = _full_order(layout, preset, whiteboard)
    for count in wanted:
        _check_limit(count, whiteboard, ("layout",))
        chosen = participants[:count]
        chosen += [Slot(None, ("layout", "tiles"))] * (count - len(chosen))
        plans[count] = _computed_plan(layout, preset, frame, prefix + chosen)
    return plans
