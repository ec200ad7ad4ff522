"""The result of laying out a spec: views (ZEGO `mix_input_list` items) and the mix mode.

Plain frozen dataclasses, no pydantic, so the geometry imports fast and plans are hashable and
comparable (golden and determinism tests compare them directly).

Edge convention: `right` and `bottom` are exclusive edges, so `width = right - left` and
`height = bottom - top`; two tiles that touch share a coordinate.
"""

from __future__ import annotations

from recspec.values import Value

SpecPath = tuple[str | int, ...]
"""A key path into the spec, e.g. `("layout", "tile", 2, "width")`."""


class LayoutError(ValueError):
    """A layout that cannot be built. `path` names the spec key to fix; the message says how."""

    def __init__(self, message: str, path: SpecPath = ("layout",)) -> None:
        super().__init__(message)
        self.path: SpecPath = path


class View(Value):
    """One rectangle of the mixed picture, in canvas pixels (origin top-left, y down)."""

    __slots__ = (
        "background_image",
        "bottom",
        "fill_mode",
        "layer",
        "left",
        "right",
        "source",
        "stream_id",
        "top",
        "view_type",
    )

    def __init__(
        self,
        top: int,
        left: int,
        bottom: int,
        right: int,
        layer: int = 1,
        stream_id: str | None = None,
        view_type: int = 1,
        fill_mode: int | None = None,
        background_image: str | None = None,
        source: SpecPath = (),
    ) -> None:
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
        self.layer = layer
        self.stream_id = stream_id
        self.view_type = view_type
        self.fill_mode = fill_mode
        self.background_image = background_image
        self.source = source

    @property
    def width(self) -> int:
        """`right - left` (right is exclusive)."""
        return self.right - self.left

    @property
    def height(self) -> int:
        """`bottom - top` (bottom is exclusive)."""
        return self.bottom - self.top

    def to_payload(self) -> dict[str, object]:
        """The exact legacy `mix_input_list` item; None values and the default view_type omitted."""
        item: dict[str, object] = {}
        if self.stream_id is not None:
            item["stream_id"] = self.stream_id
        if self.view_type != 1:
            item["view_type"] = self.view_type
        item["top"] = self.top
        item["left"] = self.left
        item["bottom"] = self.bottom
        item["right"] = self.right
        item["layer"] = self.layer
        if self.fill_mode is not None:
            item["fill_mode"] = self.fill_mode
        if self.background_image is not None:
            item["background_image"] = self.background_image
        return item


class LayoutPlan(Value):
    """What the compiler writes into `mix_config`.

    `mix_mode` 1 means a custom list (`views`, every recspec-computed preset); 2..5 are ZEGO's
    server-side grid, horizontal, vertical and floating layouts, which carry no views.
    `big_view_stream` becomes `mix_max_resolution_stream_id` (server-side 3/4/5 only).
    """

    __slots__ = ("big_view_stream", "mix_mode", "views")

    def __init__(
        self, mix_mode: int, views: tuple[View, ...] = (), big_view_stream: str | None = None
    ) -> None:
        self.mix_mode = mix_mode
        self.views = views
        self.big_view_stream = big_view_stream

    def mix_input_list(self) -> list[dict[str, object]]:
        """The views as payload items, in slot order."""
        return [view.to_payload() for view in self.views]
