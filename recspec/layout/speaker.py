"""The `speaker` and `presentation` presets: one big tile plus strips of equal thumbnails.

Slot 1 is the big tile (the `focus` stream, else the first stream; with a whiteboard, the
whiteboard). The other slots become thumbnails in strips along one canvas side (`strip`).

Strip rules:
- A strip is `strip_size` thick (px, fraction or percentage of the canvas width for left/right
  strips, of the height for top/bottom strips), rounded to the nearest `align` unit.
- `strip_capacity` thumbnail cells split the strip's length into equal cells (leftover as
  symmetric margins); by default
  the capacity is how many `tile_aspect` thumbnails of that thickness fit along the strip,
  counted without gaps (a gap shrinks the thumbnails rather than opening a strip).
- When there are more thumbnails than one strip holds, a second strip opens on the inner side of
  the first; past `max_strips` strips, the capacity grows instead (thumbnails get shorter), but
  not under 16 px (RS411): then more strips open, the fewest that keep 16 px, filled evenly, while
  the big tile keeps 16 px across. The automatic capacity never makes cells under 16 px either.
- Thumbnails fill the outer strip first, in slot order, from the top (side strips) or the left.
  With `strip_align = "start"` (default) an existing thumbnail never moves when someone joins,
  unless a new strip opens.
- The big tile takes whatever is left; `gap` separates it from the strips and the strips from each
  other.

`presentation` is the same geometry for a shared screen or whiteboard: its big tile uses
`content_fit` (default `fit`, so slides are never cut); with a whiteboard the big tile is the
whiteboard view (`view_type` 2) and every stream is a thumbnail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from recspec.layout.frame import MIN_TILE_SIDE, Frame, Rect, Slot
from recspec.layout.partition import aligned_offset, place, run_length, spans
from recspec.layout.plan import LayoutError, View
from recspec.layout.preset import Preset, PresetOption
from recspec.layout.units import resolve_length, round_to

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec


def _strip_thickness(layout: LayoutSpec, frame: Frame, side_strip: bool) -> int:
    whole = frame.width if side_strip else frame.height
    exact = resolve_length(layout.strip_size, whole, ("layout", "strip_size"))
    return max(round_to(exact, frame.align), frame.align)


def _capacity(layout: LayoutSpec, frame: Frame, thickness: int, length: int, side: bool) -> int:
    """Thumbnails per strip, before `max_strips` is applied."""
    if layout.strip_capacity is not None:
        if layout.strip_capacity < 1:
            raise LayoutError(
                f"strip_capacity = {layout.strip_capacity}: a strip holds at least 1 thumbnail",
                ("layout", "strip_capacity"),
            )
        return layout.strip_capacity
    aw, ah = frame.aspect
    along = Fraction(thickness * ah, aw) if side else Fraction(thickness * aw, ah)
    along = max(along, Fraction(frame.align))
    # Counted without gaps, so a small gap shrinks the thumbnails a little instead of moving
    # one into a new strip (6 people at 1080p: gap 4 kept 4 of 5 thumbnails in the strip);
    # capped at what the gaps leave room for, and at what keeps cells at 16 px (RS411).
    fits = math.floor((length + frame.gap) / (frame.align + frame.gap))
    readable = _readable_cells(length, frame.gap)
    return max(1, min(math.floor(length / along), fits, readable or fits))


def _readable_cells(length: int, gap: int) -> int:
    """How many cells of at least MIN_TILE_SIDE px fit along `length` with `gap` between them.

    MIN_TILE_SIDE is a multiple of every align, so flooring a cell to align keeps it readable.
    """
    return (length + gap) // (MIN_TILE_SIDE + gap)


def _per_strip(
    layout: LayoutSpec, frame: Frame, thumbs: int, thickness: int, length: int, across: int
) -> int:
    """Thumbnails per strip: the capacity, grown to fit `max_strips` strips, unless growing
    pushes cells under MIN_TILE_SIDE; then more strips open (the fewest that keep it, filled
    evenly), as long as the big tile keeps MIN_TILE_SIDE across. An explicit `strip_capacity`
    is kept as given."""
    side = layout.strip in ("left", "right")
    capacity = _capacity(layout, frame, thickness, length, side)
    per_strip = max(capacity, math.ceil(thumbs / layout.max_strips))
    readable = _readable_cells(length, frame.gap)
    if per_strip <= readable or readable < max(capacity, 1):
        return per_strip
    strips = math.ceil(thumbs / readable)
    if across - strips * (thickness + frame.gap) < MIN_TILE_SIDE:
        return per_strip
    return max(capacity, math.ceil(thumbs / strips))  # as even as those strips allow


def strip_rects(layout: LayoutSpec, frame: Frame, thumbs: int) -> tuple[Rect, list[Rect]]:
    """The big tile and `thumbs` thumbnail rectangles (in slot order)."""
    block = frame.block
    if thumbs == 0:
        return block, []
    if layout.max_strips < 1:
        raise LayoutError(
            f"max_strips = {layout.max_strips}: allow at least 1 strip", ("layout", "max_strips")
        )
    side = layout.strip in ("left", "right")
    thickness = _strip_thickness(layout, frame, side)
    length = block.height if side else block.width
    across = block.width if side else block.height
    per_strip = _per_strip(layout, frame, thumbs, thickness, length, across)
    strips = math.ceil(thumbs / per_strip)
    big_across = across - strips * (thickness + frame.gap)
    if big_across < frame.align:
        raise LayoutError(
            f"{strips} strip(s) of {thickness} px with gap = {frame.gap} leave no room for the "
            f"big tile in {block.width}x{block.height} px: lower strip_size or raise "
            "strip_capacity",
            ("layout", "strip_size"),
        )
    try:
        cells = spans(length, per_strip, gap=frame.gap, align=frame.align)
    except ValueError:
        raise LayoutError(
            f"{per_strip} thumbnails do not fit along {length} px with gap = {frame.gap}: "
            "lower gap or strip_capacity, or raise max_strips",
            ("layout", "strip_capacity"),
        ) from None
    thumbs_left = thumbs
    rects: list[Rect] = []
    for index in range(strips):
        in_strip = min(per_strip, thumbs_left)
        thumbs_left -= in_strip
        sizes = [size for _, size in cells[:in_strip]]
        leftover = length - run_length(sizes, frame.gap)
        offset = aligned_offset(leftover, layout.strip_align, frame.align)
        # Strip 0 sits at the canvas edge; later strips stack inwards.
        outer = index * (thickness + frame.gap)
        if layout.strip == "right":
            at = block.right - outer - thickness
        elif layout.strip == "bottom":
            at = block.bottom - outer - thickness
        else:
            at = (block.left if side else block.top) + outer
        for position, size in place(sizes, gap=frame.gap, start=offset):
            if side:
                rects.append(Rect(at, block.top + position, thickness, size))
            else:
                rects.append(Rect(block.left + position, at, size, thickness))
    taken = strips * (thickness + frame.gap)
    if layout.strip == "right":
        big = Rect(block.left, block.top, block.width - taken, block.height)
    elif layout.strip == "left":
        big = Rect(block.left + taken, block.top, block.width - taken, block.height)
    elif layout.strip == "bottom":
        big = Rect(block.left, block.top, block.width, block.height - taken)
    else:
        big = Rect(block.left, block.top + taken, block.width, block.height - taken)
    return big, rects


def _build(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot], big_fit: str) -> list[View]:
    big, thumbs = strip_rects(layout, frame, len(slots) - 1)
    views = [frame.view(big, slots[0], fit=big_fit)]
    views.extend(frame.view(rect, slot) for rect, slot in zip(thumbs, slots[1:], strict=True))
    return views


def build_speaker(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Big tile with the layout's `fit`, thumbnails in strips."""
    return _build(layout, frame, slots, layout.fit)


def build_presentation(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Big screen-share or whiteboard tile with `content_fit`, cameras in strips."""
    return _build(layout, frame, slots, layout.content_fit)


_STRIP_OPTIONS = (
    PresetOption("focus", "first stream", "Stream id of the big tile."),
    PresetOption("strip", '"right"', "Side of the thumbnail strip: right, left, bottom or top."),
    PresetOption("strip_size", '"20%"', "Strip thickness: px, fraction or percentage."),
    PresetOption("strip_capacity", "auto", "Thumbnails per strip before wrapping."),
    PresetOption("max_strips", "2", "Most strips; past it thumbnails get shorter."),
    PresetOption("strip_align", '"start"', "start, center or end of a part-filled strip."),
    PresetOption("tile_aspect", "canvas aspect", "Thumbnail aspect for the automatic capacity."),
)

_STRIP_TIES = (
    "Strip thickness rounds to the nearest align unit (halves up).",
    "Thumbnail cells are equal; what equal cells cannot take of the strip length becomes "
    "margins at both ends (the odd align unit at the end).",
    "Thumbnails fill the outer strip first, top to bottom or left to right, in slot order.",
    "Automatic capacity = floor(length / thumbnail length), counted without gaps so a gap "
    "shrinks thumbnails instead of opening a strip (at most what the gaps leave room for and "
    "what keeps cells 16 px long, at least 1); with more than max_strips strips needed, "
    "capacity = ceil(thumbnails / max_strips).",
    "Thumbnails never get shorter than 16 px to respect max_strips: more strips open instead "
    "(the fewest that keep 16 px, capacity = ceil(thumbnails / strips)) while the big tile "
    "keeps 16 px across; an explicit strip_capacity is kept as written.",
)

SPEAKER = Preset(
    name="speaker",
    mix_mode=1,
    summary="One big tile (the focus stream) and a strip of equal thumbnails.",
    options=_STRIP_OPTIONS,
    tie_rules=_STRIP_TIES,
    build=build_speaker,
    uses_focus=True,
)

PRESENTATION = Preset(
    name="presentation",
    mix_mode=1,
    summary=(
        "A big shared screen or whiteboard (view_type 2 when the recording has one) and the "
        "cameras in a strip."
    ),
    options=(
        *_STRIP_OPTIONS,
        PresetOption("content_fit", '"fit"', "Fit of the big tile; fit never cuts slides."),
    ),
    tie_rules=(
        *_STRIP_TIES,
        "With a whiteboard the big tile is the whiteboard and every stream is a thumbnail; "
        "without one the big tile is the focus stream (else the first).",
    ),
    build=build_presentation,
    uses_focus=True,
)
