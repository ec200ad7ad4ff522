"""The `side-by-side` and `stack` presets: one row of columns, or one column of rows.

Each tile takes the full block height (side-by-side) or width (stack); the other axis is split
into equal tiles; what equal tiles cannot take becomes symmetric margins (`partition.spans`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from recspec.layout.frame import Frame, Rect, Slot
from recspec.layout.partition import spans
from recspec.layout.plan import LayoutError, View
from recspec.layout.preset import Preset

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec


def line_rects(count: int, frame: Frame, *, across: bool) -> list[Rect]:
    """`count` tiles in one row (`across=True`) or one column."""
    block = frame.block
    length = block.width if across else block.height
    try:
        cuts = spans(
            length,
            count,
            gap=frame.gap,
            start=block.left if across else block.top,
            align=frame.align,
        )
    except ValueError:
        raise LayoutError(
            f"{count} tiles do not fit along {length} px with gap = {frame.gap}: lower gap or "
            "margin, or use grid",
            ("layout", "gap"),
        ) from None
    if across:
        return [Rect(start, block.top, size, block.height) for start, size in cuts]
    return [Rect(block.left, start, block.width, size) for start, size in cuts]


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
    tie_rules=("Column widths differ by at most one align unit; the leftmost are wider.",),
    build=build_side_by_side,
)

STACK = Preset(
    name="stack",
    mix_mode=1,
    summary="Full-width rows, top to bottom.",
    options=(),
    tie_rules=("Row heights differ by at most one align unit; the top ones are taller.",),
    build=build_stack,
)
