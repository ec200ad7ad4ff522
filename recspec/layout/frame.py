"""The validated inputs every preset shares: canvas, spacing, alignment, fill, and slots.

A preset receives a `Frame` (numbers already checked) and a sequence of `Slot`s in slot order, and
returns `View`s. Keeping validation here means presets contain geometry only.
"""

from __future__ import annotations

from recspec.layout.plan import SpecPath, View
from recspec.values import Value

FILL_MODES = {"crop": 1, "fit": 2}
"""Spec `fit` value -> ZEGO `fill_mode`."""

MIN_TILE_SIDE = 16
"""Thinner tiles are unrecognisable; mirrors `recspec.rules.layout.MIN_VIEW_SIDE` (RS411, a test
pins it). Presets re-flow to stay at or above it when they can (`recspec.layout.readable`)."""


class Rect(Value):
    """A rectangle as `(left, top, width, height)`; right/bottom edges are exclusive."""

    __slots__ = ("height", "left", "top", "width")

    def __init__(self, left: int, top: int, width: int, height: int) -> None:
        self.left = left
        self.top = top
        self.width = width
        self.height = height

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


class Slot(Value):
    """What goes into one tile: a stream (or None = join order) or the whiteboard."""

    __slots__ = ("background", "fill", "source", "stream_id", "whiteboard")

    def __init__(
        self,
        stream_id: str | None,
        source: SpecPath,
        background: str | None = None,
        whiteboard: bool = False,
        fill: str | None = None,
    ) -> None:
        self.stream_id = stream_id
        self.source = source
        self.background = background
        self.whiteboard = whiteboard
        self.fill = fill

    """Per-slot fit override (custom tiles); None = the preset's choice."""


class Frame(Value):
    """Canvas size and the common spacing options, all multiples of `align`."""

    __slots__ = ("align", "aspect", "fit", "gap", "height", "margin", "width")

    def __init__(
        self,
        width: int,
        height: int,
        gap: int,
        margin: int,
        align: int,
        fit: str,
        aspect: tuple[int, int],
    ) -> None:
        self.width = width
        self.height = height
        self.gap = gap
        self.margin = margin
        self.align = align
        self.fit = fit
        self.aspect = aspect

    """Declared source aspect `(w, h)`; the canvas aspect when the spec leaves it out."""

    @property
    def block(self) -> Rect:
        """The canvas minus the margin: where tiles go."""
        return Rect(
            self.margin,
            self.margin,
            self.width - 2 * self.margin,
            self.height - 2 * self.margin,
        )

    def view(self, rect: Rect, slot: Slot, *, layer: int = 1, fit: str | None = None) -> View:
        """Turn a rectangle and its slot into a payload view.

        The whiteboard view carries no stream id and no fill mode (ZEGO draws the board itself).
        """
        if slot.whiteboard:
            return View(
                top=rect.top,
                left=rect.left,
                bottom=rect.bottom,
                right=rect.right,
                layer=layer,
                view_type=2,
                source=slot.source,
            )
        chosen = slot.fill or fit or self.fit
        return View(
            top=rect.top,
            left=rect.left,
            bottom=rect.bottom,
            right=rect.right,
            layer=layer,
            stream_id=slot.stream_id,
            fill_mode=FILL_MODES[chosen],
            background_image=slot.background,
            source=slot.source,
        )
