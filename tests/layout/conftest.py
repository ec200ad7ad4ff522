"""Shared checks for layout tests: the invariants every plan must satisfy."""

from __future__ import annotations

from recspec.layout import LayoutPlan, View


def overlaps(a: View, b: View) -> bool:
    """True when two views share at least one pixel (right/bottom are exclusive)."""
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def separation(a: View, b: View) -> int:
    """The px between two non-overlapping views along the axis that separates them."""
    horizontal = max(b.left - a.right, a.left - b.right)
    vertical = max(b.top - a.bottom, a.top - b.bottom)
    return max(horizontal, vertical)


def assert_valid_plan(
    plan: LayoutPlan,
    width: int,
    height: int,
    *,
    align: int,
    margin: int = 0,
    spacing: dict[int, int] | None = None,
) -> None:
    """Inside the canvas and the margin, aligned, no same-layer overlap, spacing per layer kept."""
    assert plan.mix_mode == 1
    assert len(plan.views) <= 25
    assert sum(1 for view in plan.views if view.view_type == 2) <= 1
    for view in plan.views:
        assert margin <= view.left < view.right <= width - margin, view
        assert margin <= view.top < view.bottom <= height - margin, view
        for value in (view.left, view.top, view.right, view.bottom):
            assert value % align == 0, (view, align)
        assert view.width == view.right - view.left
        if view.view_type == 2:
            assert view.stream_id is None
        else:
            assert view.fill_mode in (1, 2)
    for index, first in enumerate(plan.views):
        for second in plan.views[index + 1 :]:
            if first.layer != second.layer:
                continue
            assert not overlaps(first, second), (first, second)
            if spacing is not None:
                assert separation(first, second) >= spacing.get(first.layer, 0), (first, second)


def area(plan: LayoutPlan) -> int:
    return sum(view.width * view.height for view in plan.views)


def bounding_area(plan: LayoutPlan) -> int:
    left = min(view.left for view in plan.views)
    top = min(view.top for view in plan.views)
    right = max(view.right for view in plan.views)
    bottom = max(view.bottom for view in plan.views)
    return (right - left) * (bottom - top)
