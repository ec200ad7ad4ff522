"""The `[layout]` table of a spec as a pydantic model (the only layout module using pydantic).

The model checks *types* only. Ranges and cross-field rules (gap too large, focus not among the
streams, 26 tiles, ...) are checked by `plan_layout`, which raises `LayoutError` with the exact
spec key path and a message that says how to fix it. Every field has a description: the docs and
the JSON Schema are generated from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from recspec.spec import units

_WORD = BeforeValidator(units.word)
"""Names (presets, sides, corners, fits) are read case-insensitively, like units."""

Length = int | float | str
"""A size: int = pixels, float in (0, 1) = fraction, str `"25%"` = percentage."""

Coordinate = int | str
"""A custom-tile coordinate: int = pixels, str `"50%"` = percentage of the canvas axis."""


class CustomTile(BaseModel):
    """One `[[layout.tile]]` of the `custom` preset."""

    model_config = ConfigDict(extra="forbid", strict=True)

    stream: str | None = Field(
        default=None,
        description="Stream id shown in this tile. Leave out to fill the tile in join order.",
    )
    left: Coordinate = Field(
        description='Left edge: pixels (int) or a percentage of the canvas width ("50%").'
    )
    top: Coordinate = Field(
        description='Top edge: pixels (int) or a percentage of the canvas height ("50%").'
    )
    width: Coordinate = Field(
        description='Width: pixels (int) or a percentage of the canvas width ("50%").'
    )
    height: Coordinate = Field(
        description='Height: pixels (int) or a percentage of the canvas height ("50%").'
    )
    layer: int = Field(default=1, description="Stacking order; a higher layer is drawn on top.")
    fit: Annotated[Literal["crop", "fit"], _WORD] | None = Field(
        default=None,
        description="Override the layout's `fit` for this tile: crop (fill) or fit (letterbox).",
    )
    background: str | None = Field(
        default=None,
        description="Image URL shown while this tile's stream is absent (needs `stream`).",
    )
    whiteboard: bool = Field(
        default=False,
        description="This tile shows the recording's whiteboard (at most one tile).",
    )


class LayoutSpec(BaseModel):
    """How the mixed picture is laid out: a preset plus its options."""

    model_config = ConfigDict(extra="forbid", strict=True)

    preset: Annotated[str, _WORD] = Field(
        default="grid",
        description=(
            "Layout preset: grid, speaker, pip, side-by-side, stack, presentation, custom, or a "
            "ZEGO server-side layout: zego-grid, zego-horizontal, zego-vertical, zego-floating."
        ),
    )
    streams: list[str] = Field(
        default_factory=list,
        description="Stream ids in slot order (slot 1 first).",
    )
    tiles: int | None = Field(
        default=None,
        description=(
            "Number of tiles when stream ids are not known: tiles without a stream id are filled "
            "in join order. May exceed the number of `streams` (the rest are join-order tiles)."
        ),
    )
    gap: int = Field(default=0, description="Pixels between neighbouring tiles.")
    margin: int = Field(default=0, description="Pixels between the tile block and the canvas edge.")
    align: int = Field(
        default=2,
        description=(
            "Every coordinate and size is a multiple of this (1, 2, 4, 8 or 16). 2 keeps sizes "
            "even, which 4:2:0 video encoders need."
        ),
    )
    fit: Annotated[Literal["crop", "fit"], _WORD] = Field(
        default="crop",
        description=(
            "crop: fill the tile and cut the overflow; fit: show the whole picture with bars."
        ),
    )
    tile_aspect: str | None = Field(
        default=None,
        description=(
            'Aspect ratio of the source video, "W:H" such as "16:9", "9:16", "4:3" or "1:1". '
            "Default: the canvas aspect. grid sizes its tiles to it; speaker and pip size "
            "thumbnails and overlays with it."
        ),
    )
    tile_shape: Annotated[Literal["aspect", "cell"], _WORD] = Field(
        default="aspect",
        description=(
            "grid: `aspect` keeps tiles close to `tile_aspect` and centres the block (bars show "
            "the background); `cell` stretches tiles to fill every cell of the canvas."
        ),
    )
    max_rows: int | None = Field(default=None, description="grid: at most this many rows.")
    max_cols: int | None = Field(default=None, description="grid: at most this many columns.")
    last_row: Annotated[Literal["left", "center", "right", "justify"], _WORD] = Field(
        default="center",
        description=(
            "grid: where the tiles of a part-filled last row go; `justify` widens them to fill "
            "the row."
        ),
    )
    focus: str | None = Field(
        default=None,
        description=(
            "speaker/presentation/pip: stream id of the big tile (default: the first stream). "
            "zego-horizontal/vertical/floating: the big view (mix_max_resolution_stream_id)."
        ),
    )
    strip: Annotated[Literal["right", "left", "bottom", "top"], _WORD] = Field(
        default="right",
        description="speaker/presentation: the canvas side that holds the thumbnail strip.",
    )
    strip_size: Length = Field(
        default="20%",
        description=(
            "speaker/presentation: thickness of one thumbnail strip: pixels (int), a fraction "
            '(0.2) or a percentage ("20%") of the canvas width (side strips) or height.'
        ),
    )
    strip_capacity: int | None = Field(
        default=None,
        description=(
            "speaker/presentation: thumbnails per strip before wrapping to the next strip. "
            "Default: as many `tile_aspect` thumbnails as fit along the strip."
        ),
    )
    max_strips: int = Field(
        default=2,
        description="speaker/presentation: most strips; extra thumbnails shrink to fit them.",
    )
    strip_align: Annotated[Literal["start", "center", "end"], _WORD] = Field(
        default="start",
        description=(
            "speaker/presentation: where a part-filled strip's thumbnails sit. `start` keeps "
            "existing thumbnails still when someone joins."
        ),
    )
    corner: Annotated[Literal["bottom-right", "bottom-left", "top-right", "top-left"], _WORD] = (
        Field(
            default="bottom-right",
            description="pip: the corner the overlays start from.",
        )
    )
    overlay_size: Length = Field(
        default="25%",
        description=(
            'pip: overlay width: pixels (int), a fraction (0.25) or a percentage ("25%") of the '
            "canvas width; the height follows `tile_aspect`. Overlays shrink when many must fit."
        ),
    )
    overlay_margin: int = Field(
        default=16,
        description="pip: pixels between overlays, and between overlays and the main tile's edge.",
    )
    content_fit: Annotated[Literal["crop", "fit"], _WORD] = Field(
        default="fit",
        description="presentation: fit of the big (screen-share) tile; `fit` never cuts slides.",
    )
    backgrounds: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Image URL per stream id, shown while that stream is absent (background_image)."
        ),
    )
    tile: list[CustomTile] = Field(
        default_factory=list,
        description="custom: the tiles, from `[[layout.tile]]`, in slot order.",
    )
