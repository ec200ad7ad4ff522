"""Which earlier views on the same layer a view overlaps, without comparing every pair.

A body may hold thousands of views (a hostile or generated one); comparing each with every
earlier one is quadratic and took seconds. Views are hashed into cells the size of a typical
view, so each view is compared only with views that share a cell (or with the few views too
large to hash), in list order, and counting stops once a finding has enough to say.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial

from recspec.rules._helpers import View

#: Up to this many views, comparing every pair is quicker than building the index.
SMALL = 32

#: A view covering more cells than this is kept in a list checked against every later view.
MAX_CELLS_PER_VIEW = 16


def overlap_size(a: View, b: View) -> tuple[int, int]:
    """Width and height of the intersection (zero or negative when they do not overlap)."""
    return (
        min(a.right, b.right) - max(a.left, b.left),
        min(a.bottom, b.bottom) - max(a.top, b.top),
    )


def _intersects(a: View, b: View) -> bool:
    """`overlap_size` both positive, for views of positive size, in a few comparisons: most
    pairs of a layout lie side by side and fail the first or second one."""
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


class _LayerIndex:
    """The views placed so far on one layer, by cell; lists stay sorted by list position."""

    def __init__(self, cell_width: int, cell_height: int) -> None:
        self._cw = cell_width
        self._ch = cell_height
        self._cells: dict[tuple[int, int], list[int]] = {}
        self._large: list[int] = []

    def _cells_of(self, view: View) -> list[tuple[int, int]] | None:
        x0, x1 = view.left // self._cw, (view.right - 1) // self._cw
        y0, y1 = view.top // self._ch, (view.bottom - 1) // self._ch
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS_PER_VIEW:  # arithmetic: corners may be huge
            return None
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def candidates(self, view: View) -> Iterator[int]:
        """Positions of earlier views that may overlap `view`, ascending, each once."""
        cells = self._cells_of(view)
        if cells is None:
            lists: Iterable[list[int]] = [*self._cells.values(), self._large]
        else:
            lists = [self._cells.get(cell, []) for cell in cells] + [self._large]
        last = -1
        for position in heapq.merge(*lists):
            if position != last:
                last = position
                yield position

    def add(self, position: int, view: View) -> None:
        cells = self._cells_of(view)
        if cells is None:
            self._large.append(position)
            return
        for cell in cells:
            self._cells.setdefault(cell, []).append(position)


class _LayerList:
    """The views placed so far on one layer, all candidates: for a few views, quicker than
    building the index."""

    def __init__(self) -> None:
        self._positions: list[int] = []

    def candidates(self, view: View) -> Iterator[int]:
        return iter(self._positions)

    def add(self, position: int, view: View) -> None:
        self._positions.append(position)


def overlaps(placed: Sequence[View], limit: int) -> Iterator[tuple[View, list[View]]]:
    """Each view (all of positive size) with the earlier views on its layer that it overlaps,
    in list order.

    At most `limit` earlier views are listed per view; views without a layer never overlap.
    """
    if len(placed) <= SMALL:
        make: Callable[[], _LayerList | _LayerIndex] = _LayerList
    else:
        middle = (len(placed) - 1) // 2  # the lower median (statistics costs 3 ms to import)
        width = max(1, sorted(view.width for view in placed)[middle])
        height = max(1, sorted(view.height for view in placed)[middle])
        make = partial(_LayerIndex, width, height)
    layers: dict[int, _LayerList | _LayerIndex] = {}
    for position, later in enumerate(placed):
        if later.layer is None:
            continue
        earlier = layers.get(later.layer)
        if earlier is None:  # not setdefault: it would build an index per view
            earlier = layers[later.layer] = make()
        hits: list[View] = []
        for candidate in earlier.candidates(later):
            if _intersects(placed[candidate], later):
                hits.append(placed[candidate])
                if len(hits) == limit:
                    break
        if hits:
            yield later, hits
        earlier.add(position, later)
