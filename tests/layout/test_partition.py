"""The exact axis partition: sizes add up, differ by at most one unit, extra units go first."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.layout.partition import aligned_offset, spans, split_sides, split_units


def test_1280_into_3_columns_align_1() -> None:
    # Equal tiles; the 2 leftover pixels are equal margins, 1 px each side.
    assert spans(1280, 3) == [(1, 426), (427, 426), (853, 426)]


def test_1280_into_3_columns_align_2() -> None:
    # One leftover align unit: the odd unit goes to the end side.
    assert spans(1280, 3, align=2) == [(0, 426), (426, 426), (852, 426)]


def test_readme_grid_is_balanced() -> None:
    # The README's 2x2 grid at 1280x720, gap 8: 632 + 8 + 632 with 4 px each side
    # (it was 634 and 632 with 2 px left and 4 px right).
    from recspec.layout import LayoutSpec, plan_layout

    plan = plan_layout(LayoutSpec(tiles=4, gap=8), 1280, 720)
    assert [(v.left, v.right) for v in plan.views] == [(4, 636), (644, 1276)] * 2


def test_720_into_3_rows_is_even() -> None:
    assert spans(720, 3, align=2) == [(0, 240), (240, 240), (480, 240)]


def test_gap_and_start_offset() -> None:
    assert spans(100, 2, gap=10, start=20) == [(20, 45), (75, 45)]


def test_edges_are_exclusive() -> None:
    """A span (start, size) ends at start + size, where the next one begins."""
    cuts = spans(1280, 3, align=2)
    for (start, size), (next_start, _) in itertools.pairwise(cuts):
        assert start + size == next_start


def test_split_sides_puts_the_odd_unit_at_the_end() -> None:
    assert split_sides(5) == (2, 3)
    assert aligned_offset(10, "center", 2) == 4
    assert aligned_offset(10, "start", 2) == 0
    assert aligned_offset(10, "end", 2) == 10


@settings(max_examples=200, deadline=None)
@given(
    units=st.integers(min_value=1, max_value=2000),
    parts=st.integers(min_value=1, max_value=25),
    gap_units=st.integers(min_value=0, max_value=10),
    align=st.sampled_from([1, 2, 4, 8, 16]),
)
def test_spans_are_exact(units: int, parts: int, gap_units: int, align: int) -> None:
    length = units * align
    gap = gap_units * align
    if length - gap * (parts - 1) < parts * align:
        return
    cuts = spans(length, parts, gap=gap, align=align)
    sizes = [size for _, size in cuts]
    assert len(set(sizes)) == 1  # tiles of one run are equal
    before = cuts[0][0]
    after = length - (cuts[-1][0] + cuts[-1][1])
    assert before + sum(sizes) + gap * (parts - 1) + after == length
    assert 0 <= before <= after <= before + align  # symmetric margins, odd unit at the end
    assert before + after < parts * align  # only what equal tiles cannot take
    assert all(start % align == 0 and size % align == 0 for start, size in cuts)


def test_split_units_sum() -> None:
    assert split_units(10, 4) == [3, 3, 2, 2]
