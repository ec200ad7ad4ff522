"""Exact integer partitions of one axis: the arithmetic every preset is built from.

Why: hand-made or float layouts leave seams or overlaps (1280 / 3 = 426.67). Here every length is
split so that tiles + gaps + margins add up to the canvas *exactly*, in whole multiples of `align`
pixels (2 by default, because 4:2:0 encoders need even sizes).

Edge convention used everywhere in recspec: a span is `(start, size)`; its exclusive end is
`start + size`. In ZEGO terms `width = right - left` and `height = bottom - top`, so two tiles that
touch share the coordinate (`a.right == b.left`) and do not overlap.

Tie rule (balance first): tiles of one run are all the same size; when a length does not divide
evenly, the leftover `align`-sized units become equal margins on both sides of the run (the odd
unit on the *end* side, right or bottom) rather than making tiles unequal. 1280 into 3 at align 2
gives 426/426/426 starting at 0 with 2 px left at the end; 1280 - 8 into 2 at align 2 gives
636/636, and the README's 2x2 grid at 1280x720 with gap 8 is 632 + 8 + 632 with 4 px each side.
"""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]
"""`(start, size)` on one axis; the exclusive end is `start + size`."""


def split_units(total: int, parts: int) -> list[int]:
    """Split `total` units into `parts` sizes that differ by at most 1; extra units go first."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, extra = divmod(total, parts)
    return [base + 1 if index < extra else base for index in range(parts)]


def split_sides(total: int) -> tuple[int, int]:
    """Split leftover units between the start and end side; the odd unit goes to the end."""
    start = total // 2
    return start, total - start


def spans(
    length: int,
    count: int,
    *,
    gap: int = 0,
    start: int = 0,
    align: int = 1,
) -> list[Span]:
    """Place `count` equal tiles with `gap` between them, centred in `[start, start + length)`.

    All of `length`, `gap` and `start` must be multiples of `align` (the caller checks, so it can
    blame the right spec key). Raises ValueError when a tile would get no pixels.
    """
    usable = length - gap * (count - 1)
    if usable < count * align:
        raise ValueError(f"{length} px cannot hold {count} tiles with {gap} px gaps")
    size = usable // align // count * align
    leftover = usable - size * count
    return place([size] * count, gap=gap, start=start + aligned_offset(leftover, "center", align))


def place(sizes: Sequence[int], *, gap: int, start: int) -> list[Span]:
    """Lay sizes end to end from `start`, `gap` apart."""
    out: list[Span] = []
    cursor = start
    for size in sizes:
        out.append((cursor, size))
        cursor += size + gap
    return out


def run_length(sizes: Sequence[int], gap: int) -> int:
    """The length a run of tiles occupies, gaps included."""
    return sum(sizes) + gap * max(len(sizes) - 1, 0)


def aligned_offset(leftover: int, mode: str, align: int) -> int:
    """Where a shorter run starts inside a longer line: `start`, `center` or `end`.

    Centring splits the leftover in `align` units; the odd unit goes to the end side.
    """
    if mode in ("start", "left"):
        return 0
    if mode in ("end", "right"):
        return leftover
    before, _ = split_sides(leftover // align)
    return before * align
