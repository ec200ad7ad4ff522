"""The exact axis partition: sizes add up, differ by at most one unit, extra units go first."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.layout.partition import aligned_offset, spans, split_sides, split_units


def test_1280_into_3_columns_align_1() -> None:
    assert spans(1280, 3) == [(0, 427), (427, 427), (854, 426)]


def test_1280_into_3_columns_align_2() -> None:
    assert spans(1280, 3, align=2) == [(0, 428), (428, 426), (854, 426)]


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
    assert sum(sizes) + gap * (parts - 1) == length
    assert max(sizes) - min(sizes) <= align
    assert sizes == sorted(sizes, reverse=True)  # extra units go to the first parts
    assert all(start % align == 0 and size % align == 0 for start, size in cuts)
    assert cuts[-1][0] + cuts[-1][1] == length


def test_split_units_sum() -> None:
    assert split_units(10, 4) == [3, 3, 2, 2]
