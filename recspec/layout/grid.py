"""The `grid` preset: equal tiles in rows and columns, sized for the declared source aspect.

How rows x cols is chosen: every candidate grid (cols = 1..n, rows = ceil(n / cols), within
`max_rows`/`max_cols`) is scored by the total area a `tile_aspect` picture would cover if scaled to
fit its cell; the best score wins. Ties go to fewer empty cells, then to the grid shaped like the
canvas (more columns on a landscape or square canvas, more rows on a portrait one).

With `tile_shape = "aspect"` (default) the block of tiles is the rounded size of those ideal
pictures, centred in the canvas; the rest shows the background. With `"cell"` the tiles stretch to
fill the canvas inside the margin.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from recspec.layout.frame import MIN_TILE_SIDE, Frame, Rect, Slot
from recspec.layout.partition import aligned_offset, place, run_length, spans, split_sides
from recspec.layout.plan import LayoutError, View
from recspec.layout.preset import Preset, PresetOption
from recspec.layout.units import round_to

if TYPE_CHECKING:
    from recspec.layout.spec import LayoutSpec


def _fitted(
    cell_w: Fraction, cell_h: Fraction, aspect: tuple[int, int]
) -> tuple[Fraction, Fraction]:
    """The largest `aspect` rectangle inside a cell (exact)."""
    aw, ah = aspect
    if cell_w * ah <= cell_h * aw:
        return cell_w, cell_w * ah / aw
    return cell_h * aw / ah, cell_h


def _fitted_area(
    usable_w: int, usable_h: int, rows: int, cols: int, aspect: tuple[int, int]
) -> Fraction:
    """The area of the largest `aspect` picture inside one cell of a rows x cols grid (exact).

    `_fitted` in closed form: one Fraction per candidate grid instead of seven.
    """
    aw, ah = aspect
    if usable_w * ah * rows <= usable_h * aw * cols:  # the cell's width limits the picture
        return Fraction(usable_w * usable_w * ah, cols * cols * aw)
    return Fraction(usable_h * usable_h * aw, rows * rows * ah)


def rank_grids(
    count: int,
    block: Rect,
    gap: int,
    align: int,
    aspect: tuple[int, int],
    max_rows: int | None = None,
    max_cols: int | None = None,
) -> list[tuple[int, int]]:
    """Every `(rows, cols)` that can hold `count` tiles, best first (module docstring)."""
    ranked: list[tuple[tuple[Fraction, int, int], int, int]] = []
    landscape = block.width >= block.height
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        if (max_rows is not None and rows > max_rows) or (max_cols is not None and cols > max_cols):
            continue
        usable_w = block.width - gap * (cols - 1)
        usable_h = block.height - gap * (rows - 1)
        if usable_w < cols * align or usable_h < rows * align:
            continue
        # Every candidate shows `count` pictures, so one picture's area ranks them.
        area = _fitted_area(usable_w, usable_h, rows, cols, aspect)
        shape = cols if landscape else rows
        ranked.append(((area, -(rows * cols - count), shape), rows, cols))
    if not ranked:
        if max_rows is not None and max_cols is not None and max_rows * max_cols < count:
            raise LayoutError(
                f"max_rows = {max_rows} and max_cols = {max_cols} hold {max_rows * max_cols} "
                f"tiles, but {count} are needed: raise one of them",
                ("layout", "max_rows"),
            )
        raise LayoutError(
            f"{count} tiles do not fit in {block.width}x{block.height} px with gap = {gap}: "
            "lower gap or margin, or allow more rows/columns",
            ("layout", "gap"),
        )
    ranked.sort(key=lambda entry: entry[0], reverse=True)
    return [(rows, cols) for _, rows, cols in ranked]


def choose_grid(
    count: int,
    block: Rect,
    gap: int,
    align: int,
    aspect: tuple[int, int],
    max_rows: int | None = None,
    max_cols: int | None = None,
) -> tuple[int, int]:
    """The best `(rows, cols)` for `count` tiles by area alone (see `rank_grids`)."""
    return rank_grids(count, block, gap, align, aspect, max_rows, max_cols)[0]


def _block_size(frame: Frame, rows: int, cols: int, shape: str) -> tuple[int, int]:
    """The tile block's width and height (gaps included), a multiple of align, within the block."""
    block = frame.block
    if shape == "cell":
        return block.width, block.height
    gaps_w = frame.gap * (cols - 1)
    gaps_h = frame.gap * (rows - 1)
    w, h = _fitted(
        Fraction(block.width - gaps_w, cols), Fraction(block.height - gaps_h, rows), frame.aspect
    )
    need_w = min(block.width, max(round_to(w * cols, frame.align), cols * frame.align) + gaps_w)
    need_h = min(block.height, max(round_to(h * rows, frame.align), rows * frame.align) + gaps_h)
    # Trim to what equal tiles fill, so the block's own centring is the only one (balanced
    # margins: the README's 2x2 at 1280x720, gap 8 is 4 + 632 + 8 + 632 + 4).
    unit_w, unit_h = cols * frame.align, rows * frame.align
    need_w = (need_w - gaps_w) // unit_w * unit_w + gaps_w if need_w - gaps_w >= unit_w else need_w
    need_h = (need_h - gaps_h) // unit_h * unit_h + gaps_h if need_h - gaps_h >= unit_h else need_h
    return need_w, need_h


def grid_rects(
    count: int,
    frame: Frame,
    rows: int,
    cols: int,
    *,
    last_row: str = "center",
    shape: str = "aspect",
) -> list[Rect]:
    """Rectangles for `count` tiles in a rows x cols grid, row by row, left to right."""
    block = frame.block
    align, gap = frame.align, frame.gap
    need_w, need_h = _block_size(frame, rows, cols, shape)
    before_x, _ = split_sides((block.width - need_w) // align)
    before_y, _ = split_sides((block.height - need_h) // align)
    left = block.left + before_x * align
    top = block.top + before_y * align
    columns = spans(need_w, cols, gap=gap, start=left, align=align)
    row_spans = spans(need_h, rows, gap=gap, start=top, align=align)
    rects: list[Rect] = []
    for row, (y, height) in enumerate(row_spans):
        in_row = min(cols, count - row * cols)
        if in_row <= 0:
            break
        if in_row == cols:
            xs = columns
        elif last_row == "justify":
            xs = spans(need_w, in_row, gap=gap, start=left, align=align)
        else:
            sizes = [size for _, size in columns[:in_row]]
            mode = {"left": "start", "right": "end"}.get(last_row, "center")
            offset = aligned_offset(need_w - run_length(sizes, gap), mode, align)
            xs = place(sizes, gap=gap, start=left + offset)
        rects.extend(Rect(x, y, width, height) for x, width in xs)
    return rects


def build(layout: LayoutSpec, frame: Frame, slots: Sequence[Slot]) -> list[View]:
    """Lay the slots out row by row, left to right."""
    ranked = rank_grids(
        len(slots),
        frame.block,
        frame.gap,
        frame.align,
        frame.aspect,
        layout.max_rows,
        layout.max_cols,
    )
    rects: list[Rect] = []
    block, gap = frame.block, frame.gap
    for rows, cols in ranked:  # the best grid, unless its tiles are under 16 px (RS411)
        cell_w = (block.width - gap * (cols - 1)) // cols
        cell_h = (block.height - gap * (rows - 1)) // rows
        if rects and min(cell_w, cell_h) < MIN_TILE_SIDE:
            continue  # tiles never exceed their cells
        found = grid_rects(
            len(slots), frame, rows, cols, last_row=layout.last_row, shape=layout.tile_shape
        )
        rects = rects or found
        if min(min(rect.width, rect.height) for rect in found) >= MIN_TILE_SIDE:
            rects = found
            break
    return [frame.view(rect, slot) for rect, slot in zip(rects, slots, strict=True)]


PRESET = Preset(
    name="grid",
    mix_mode=1,
    summary="Equal tiles in rows and columns, sized so the declared source aspect shows largest.",
    options=(
        PresetOption("tile_aspect", "canvas aspect", 'Source aspect: "16:9", "9:16", "4:3".'),
        PresetOption("tile_shape", '"aspect"', "aspect: tiles keep tile_aspect; cell: fill cells."),
        PresetOption("max_rows", "none", "At most this many rows."),
        PresetOption("max_cols", "none", "At most this many columns."),
        PresetOption("last_row", '"center"', "left, center, right or justify a part-filled row."),
    ),
    tie_rules=(
        "rows x cols maximises the area of tile_aspect pictures fitted into the cells, among "
        "the grids whose tiles are all at least 16 px both ways when there are any.",
        "Equal scores: fewer empty cells wins, then more columns on a landscape or square canvas "
        "(more rows on a portrait one). 2 tiles on 1280x720 sit side by side.",
        "Tiles fill row by row, left to right; a part-filled last row is centred by default "
        "(odd align unit to the right).",
        "tile_shape = aspect: the block is the ideal size rounded to the nearest align unit "
        "(halves up), then centred; tiles in a row differ by at most one align unit.",
    ),
    build=build,
)
