"""The `side-by-side` and `stack` presets: one row of columns, or one column of rows.

Each tile takes the full block height (side-by-side) or width (stack); the other axis is split
into equal tiles; what equal tiles cannot take becomes symmetric margins (`partition.spans`).
When one line would make tiles thinner than `MIN_TILE_SIDE` (the size the linter warns about,
RS411), the tiles wrap into as few further lines as keep them at least that big, so a preset never
emits a view its own linter flags when a readable one exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from recspec.layout.frame import MIN_TILE_SIDE, Frame, Rect, Slot
from recspec.layout.partition import spans
from recspec.layout.plan import LayoutError, View
from recspec.layout.preset import Preset

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec


def line_rects(count: int, frame: Frame, *, across: bool) -> list[Rect]:
    """`count` tiles in rows (`across=True`, each row left to right) or columns (top to bottom).

    One line unless that makes tiles thinner than MIN_TILE_SIDE; then the fewest lines that do
    not. Extra lines fill in slot order (a stack fills its left column first); the last line is
    shorter and starts where the others do.
    """
    block = frame.block
    length, breadth = (block.width, block.height) if across else (block.height, block.width)
    lines = line_count(count, length, breadth, frame)
    per_line = -(-count // lines)
    try:
        along = spans(
            length,
            per_line,
            gap=frame.gap,
            start=block.left if across else block.top,
            align=frame.align,
        )
        side = spans(
            breadth,
            lines,
            gap=frame.gap,
            start=block.top if across else block.left,
            align=frame.align,
        )
    except ValueError:
        raise LayoutError(
            f"{count} tiles do not fit along {length} px with gap = {frame.gap}: lower gap or "
            "margin, or use grid",
            ("layout", "gap"),
        ) from None
    rects: list[Rect] = []
    for index in range(count):
        (start, size), (cross, thickness) = along[index % per_line], side[index // per_line]
        if across:
            rects.append(Rect(start, cross, size, thickness))
        else:
            rects.append(Rect(cross, start, thickness, size))
    return rects


def line_count(count: int, length: int, breadth: int, frame: Frame) -> int:
    """The fewest lines whose tiles are at least MIN_TILE_SIDE both ways (1 when none are)."""
    for lines in range(1, count + 1):
        per_line = -(-count // lines)
        along = (length - frame.gap * (per_line - 1)) // per_line
        if along >= MIN_TILE_SIDE:
            across = (breadth - frame.gap * (lines - 1)) // lines
            return lines if across >= MIN_TILE_SIDE else 1
    return 1


def build_side_by_side(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Columns, left to right in slot order."""
    rects = line_rects(len(slots), frame, across=True)
    return [frame.view(rect, slot) for rect, slot in zip(rects, slots, strict=True)]


def build_stack(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Rows, top to bottom in slot order."""
    rects = line_rects(len(slots), frame, across=False)
    return [frame.view(rect, slot) for rect, slot in zip(rects, slots, strict=True)]


SIDE_BY_SIDE = Preset(
    name="side-by-side",
    mix_mode=1,
    summary="Full-height columns, left to right.",
    options=(),
    tie_rules=(
        "Columns are equal; what equal columns cannot take becomes margins at both sides "
        "(the odd align unit on the right).",
        "Columns narrower than 16 px wrap into further rows (the fewest that keep 16 px), "
        "filled top row first.",
    ),
    build=build_side_by_side,
)

STACK = Preset(
    name="stack",
    mix_mode=1,
    summary="Full-width rows, top to bottom.",
    options=(),
    tie_rules=(
        "Rows are equal; what equal rows cannot take becomes margins at top and bottom "
        "(the odd align unit at the bottom).",
        "Rows lower than 16 px wrap into further columns (the fewest that keep 16 px), "
        "filled left column first.",
    ),
    build=build_stack,
)
