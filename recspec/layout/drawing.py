"""Reading a compiled start payload back into a drawing model (canvas, mix mode, tiles).

Shared by the SVG and ASCII previews. Previews may run on hand-written JSON, so every field is
checked and a clear ValueError names the first one that is missing or not a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SERVER_LAYOUTS = {2: "grid", 3: "horizontal", 4: "vertical", 5: "floating"}
"""ZEGO mix_mode -> name of its server-side layout."""


@dataclass(frozen=True, slots=True)
class Tile:
    """One mix_input_list item, reduced to what a drawing needs."""

    index: int
    left: int
    top: int
    right: int
    bottom: int
    layer: int
    stream_id: str | None
    whiteboard: bool
    fill_mode: int
    placeholder: str | None = None
    """"own" (its background_image) or "default" (the mix's default image): what ZEGO shows in
    this view while its stream is absent; None when nothing is."""

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Drawing:
    """Canvas, mix mode, big-view stream and tiles (in list order)."""

    width: int
    height: int
    mix_mode: int
    big_view: str | None
    tiles: tuple[Tile, ...]
    background: int = 0  # mix_output_background_color, 0xRRGGBB00; ZEGO's default is black
    background_image: bool = False  # mix_output_background_image: fills the canvas, under views
    watermark: bool = False  # mix_output_watermark_image
    #: mix_output_watermark_image_config as (left, top, right, bottom); None: not placed
    watermark_box: tuple[int, int, int, int] | None = None

    def in_paint_order(self) -> list[Tile]:
        """Lower layers first; equal layers in list order."""
        return sorted(self.tiles, key=lambda tile: (tile.layer, tile.index))


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} must be an integer, not {value!r}")
    return value


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"the payload has no {where} object")
    return value


def read_drawing(payload: dict[str, Any]) -> Drawing:
    """Canvas and views of a legacy start payload (record_input_params.mix_config...)."""
    params = _dict(payload.get("record_input_params"), "record_input_params")
    mix = _dict(params.get("mix_config"), "record_input_params.mix_config")
    video = _dict(mix.get("mix_output_video_config"), "mix_config.mix_output_video_config")
    width = _int(video.get("width"), "mix_output_video_config.width")
    height = _int(video.get("height"), "mix_output_video_config.height")
    if width <= 0 or height <= 0:
        raise ValueError(f"the canvas {width}x{height} is empty")
    items = mix.get("mix_input_list") or []
    if not isinstance(items, list):
        raise ValueError("mix_config.mix_input_list must be a list")
    # Images are URLs: only whether one is set is read, so no URL (or token in it) is drawn.
    blank = params.get("fill_blank") is True
    default = "default" if blank and _url(mix.get("default_mix_stream_background_image")) else None
    tiles: list[Tile] = []
    for index, item in enumerate(items):
        where = f"mix_input_list[{index}]"
        entry = _dict(item, where)
        stream = entry.get("stream_id")
        # ZEGO shows an image for an absent *named* stream: a view's own one needs stream_id
        # (RS414), and the default is for "the specified stream" when fill_blank is true.
        own = "own" if _url(entry.get("background_image")) else default
        tiles.append(
            Tile(
                index=index,
                left=_int(entry.get("left"), f"{where}.left"),
                top=_int(entry.get("top"), f"{where}.top"),
                right=_int(entry.get("right"), f"{where}.right"),
                bottom=_int(entry.get("bottom"), f"{where}.bottom"),
                layer=_int(entry.get("layer", 1), f"{where}.layer"),
                stream_id=str(stream) if stream is not None else None,
                whiteboard=entry.get("view_type") == 2,
                fill_mode=2 if entry.get("fill_mode") == 2 else 1,
                placeholder=None if stream is None or entry.get("view_type") == 2 else own,
            )
        )
    mode = mix.get("mix_mode", 2)
    big = mix.get("mix_max_resolution_stream_id")
    colour = mix.get("mix_output_background_color", 0)
    return Drawing(
        background=colour if isinstance(colour, int) and not isinstance(colour, bool) else 0,
        width=width,
        height=height,
        mix_mode=mode if isinstance(mode, int) and not isinstance(mode, bool) else 2,
        big_view=str(big) if big is not None else None,
        tiles=tuple(tiles),
        background_image=_url(mix.get("mix_output_background_image")),
        watermark=_url(mix.get("mix_output_watermark_image")),
        watermark_box=_box(mix.get("mix_output_watermark_image_config")),
    )


def _url(value: Any) -> bool:
    """An image is set: a non-empty string (the linter judges the URL itself, RS309)."""
    return isinstance(value, str) and bool(value.strip())


def _box(value: Any) -> tuple[int, int, int, int] | None:
    """The watermark box as (left, top, right, bottom), or None when it is not four integers
    with the corners in order (the linter explains which, RS313)."""
    if not isinstance(value, dict):
        return None
    sides = [value.get(side) for side in ("left", "top", "right", "bottom")]
    ints = [v for v in sides if isinstance(v, int) and not isinstance(v, bool)]
    if len(ints) != 4:
        return None
    left, top, right, bottom = ints
    return (left, top, right, bottom) if left < right and top < bottom else None


def tile_label(tile: Tile, drawing: Drawing) -> str:
    """The stream id, `whiteboard`, or `join #k` for the k-th tile filled in join order."""
    if tile.whiteboard:
        return "whiteboard"
    if tile.stream_id is not None:
        return tile.stream_id
    anonymous = [t for t in drawing.tiles if t.stream_id is None and not t.whiteboard]
    return f"join #{anonymous.index(tile) + 1}"
