"""The cell index behind RS410 finds exactly the overlaps a comparison of every pair finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.rules._helpers import View
from recspec.rules.overlap import overlap_size, overlaps


@st.composite
def _views(draw: st.DrawFn) -> list[View]:
    count = draw(st.integers(0, 80))
    result = []
    for index in range(count):
        left = draw(st.integers(-50, 2000))
        top = draw(st.integers(-50, 1200))
        width = draw(st.one_of(st.integers(1, 40), st.integers(1, 2500), st.just(10**40)))
        height = draw(st.one_of(st.integers(1, 40), st.integers(1, 1500)))
        layer = draw(st.one_of(st.none(), st.integers(1, 3)))
        result.append(View(index, top, left, top + height, left + width, layer, {}))
    return result


def _brute_force(placed: list[View], limit: int) -> list[tuple[View, list[View]]]:
    found = []
    for j, later in enumerate(placed):
        hits = []
        for earlier in placed[:j]:
            if later.layer is None or earlier.layer != later.layer:
                continue
            dx, dy = overlap_size(earlier, later)
            if dx > 0 and dy > 0:
                hits.append(earlier)
        if hits:
            found.append((later, hits[:limit]))
    return found


@settings(max_examples=300, deadline=None)
@given(_views(), st.integers(1, 30))
def test_index_matches_every_pair(placed: list[View], limit: int) -> None:
    assert list(overlaps(placed, limit)) == _brute_force(placed, limit)


def test_counting_stops_at_the_limit_for_thousands_of_identical_views() -> None:
    same = [View(i, 0, 0, 720, 1280, 1, {}) for i in range(3000)]
    found = list(overlaps(same, limit=25))
    assert len(found) == 2999
    assert [len(hits) for _, hits in found[:3]] == [1, 2, 3]
    assert all(len(hits) == 25 for _, hits in found[30:])
