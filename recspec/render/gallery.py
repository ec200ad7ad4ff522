"""The presets gallery's data: each layout drawn at typical participant counts, plus its docs.

Every built-in preset is drawn on the default 1280x720 canvas; every `[layout]` found in the
specs given to `recspec docs` is drawn on that spec's own canvas, so a team can document its
own arrangements. Pictures come from `render_svg`, i.e. from the exact `mix_input_list` the
compiler would send, and one case per layout also shows that list as JSON.

Everything returned is plain data (str, int, bool, list, dict) so that templates, including
sandboxed user templates, never touch live Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd
from typing import TYPE_CHECKING, Any

from recspec.layout import (
    COMMON_OPTIONS,
    COMMON_TIE_RULES,
    MAX_VIEWS,
    PRESETS,
    LayoutError,
    LayoutPlan,
    Preset,
    plans_by_count,
)
from recspec.render.escaping import safe_json, toml_value
from recspec.render.svg import render_svg

if TYPE_CHECKING:
    from recspec.layout import LayoutSpec

COUNTS: tuple[int, ...] = (1, 2, 3, 4, 6, 9, MAX_VIEWS)
"""Typical participant counts drawn for every layout (25 is ZEGO's maximum)."""

CANVAS = (1280, 720)
"""The built-in presets' canvas: the spec language's default resolution, 720p."""

EXAMPLE_COUNT = 4
"""The case whose `mix_input_list` is printed (or the largest drawable count below it)."""

#: The `custom` preset has no tiles of its own; the gallery draws this sample.
CUSTOM_SAMPLE: tuple[dict[str, Any], ...] = (
    {"left": 0, "top": 0, "width": "75%", "height": "100%"},
    {"left": "75%", "top": 0, "width": "25%", "height": "25%"},
    {"left": "75%", "top": "25%", "width": "25%", "height": "25%"},
    {"left": "75%", "top": "50%", "width": "25%", "height": "25%"},
    {"left": "75%", "top": "75%", "width": "25%", "height": "25%"},
)


@dataclass(frozen=True, slots=True)
class LayoutSource:
    """A layout to document: a built-in preset, or the `[layout]` of a user spec."""

    key: str  # unique, file-name safe: "grid", "layout-team-standup"
    title: str  # what the heading says (user specs: the file path)
    layout: LayoutSpec
    width: int
    height: int
    whiteboard: bool = False
    origin: str = "built-in"  # "built-in" or the spec's path
    own_count: int | None = None  # participants in the spec itself
    compiled_list: list[dict[str, Any]] | None = None  # the spec's compiled mix_input_list
    background: int | None = None  # the spec's mix_output_background_color (0xRRGGBB00)
    #: the spec's image fields of mix_config (and record_input_params.fill_blank), so the
    #: pictures show where its images go; URLs are only tested for presence, never drawn
    images: tuple[tuple[str, Any], ...] = ()


def builtin_sources() -> list[LayoutSource]:
    """One source per built-in preset, in registry order."""
    from recspec.layout import CustomTile, LayoutSpec

    sources: list[LayoutSource] = []
    for name in PRESETS:
        if name == "custom":
            tiles = [CustomTile.model_validate(tile) for tile in CUSTOM_SAMPLE]
            layout = LayoutSpec(preset=name, tile=tiles)
            own = len(tiles)
        else:
            layout = LayoutSpec(preset=name)
            own = None
        sources.append(LayoutSource(name, name, layout, *CANVAS, own_count=own))
    return sources


def slug(text: str) -> str:
    """A lower-case, file-name and anchor safe form of `text`."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned or "layout"


def _aspect(layout: LayoutSpec, width: int, height: int) -> tuple[int, int]:
    if layout.tile_aspect:
        left, _, right = layout.tile_aspect.partition(":")
        if left.strip().isdigit() and right.strip().isdigit() and int(left) and int(right):
            return int(left), int(right)
    divisor = gcd(width, height)
    return width // divisor, height // divisor


def _payload(
    plan: LayoutPlan,
    width: int,
    height: int,
    background: int | None = None,
    images: tuple[tuple[str, Any], ...] = (),
) -> dict[str, Any]:
    """The part of a start payload that `render_svg` reads."""
    fields = dict(images)
    params: dict[str, Any] = {}
    if "fill_blank" in fields:
        params["fill_blank"] = fields.pop("fill_blank")
    mix: dict[str, Any] = {"mix_mode": plan.mix_mode, **fields}
    if background is not None:
        mix["mix_output_background_color"] = background
    if plan.views:
        mix["mix_input_list"] = plan.mix_input_list()
    if plan.big_view_stream:
        mix["mix_max_resolution_stream_id"] = plan.big_view_stream
    mix["mix_output_video_config"] = {"width": width, "height": height}
    return {"record_input_params": {**params, "mix_config": mix}}


def _inline(svg: str, prefix: str) -> str:
    """The SVG without its XML declaration, ids prefixed so many can share one HTML page.

    Only tags are rewritten: in render_svg's output every `<` outside a tag is escaped, so
    text (stream ids) is never touched.
    """
    body = svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg.strip()

    def tag(match: re.Match[str]) -> str:
        text = re.sub(r'(\sid=")([^"]*)"', lambda m: f'{m[1]}{prefix}-{m[2]}"', match[0])
        return re.sub(r"url\(#([^)]*)\)", lambda m: f"url(#{prefix}-{m[1]})", text)

    return re.sub(r"<[^>]*>", tag, body)


def _options(preset: Preset) -> list[dict[str, str]]:
    return [{"key": o.key, "default": o.default, "doc": o.doc} for o in preset.options]


def _settings(source: LayoutSource) -> list[dict[str, str]]:
    """The `[layout]` keys a user spec sets, as TOML values (for its gallery entry)."""
    if source.origin == "built-in":
        return []
    layout = source.layout
    rows: list[dict[str, str]] = []
    for key in type(layout).model_fields:
        if key not in layout.model_fields_set or key == "tile":
            continue
        rows.append({"key": key, "value": toml_value(getattr(layout, key))})
    return rows


def _sample(source: LayoutSource) -> str:
    """TOML of a custom layout's tiles (the built-in sample, or the spec's own tiles)."""
    if source.layout.preset != "custom":
        return ""
    blocks = []
    for tile in source.layout.tile:
        lines = ["[[layout.tile]]"]
        for key in type(tile).model_fields:
            if key in tile.model_fields_set:
                lines.append(f"{key} = {toml_value(getattr(tile, key))}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _counts(source: LayoutSource) -> list[int]:
    counts = list(COUNTS)
    if source.own_count is not None and source.own_count not in counts:
        counts.append(source.own_count)
    return sorted(counts)


def describe(source: LayoutSource, image_dir: str = "img") -> dict[str, Any]:
    """Everything the gallery shows about one layout, as plain data."""
    preset = PRESETS[source.layout.preset]
    aspect = _aspect(source.layout, source.width, source.height)
    settings = _settings(source)
    cases: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    plans: dict[int, LayoutPlan] = {}
    for count in _counts(source):
        try:
            plan = plans_by_count(
                source.layout, source.width, source.height, [count], whiteboard=source.whiteboard
            )[count]
        except LayoutError as exc:
            skipped.append({"count": count, "reason": str(exc)})
            continue
        plans[count] = plan
    drawn = list(plans) if not preset.server_side else list(plans)[:1]
    for count in drawn:
        plan = plans[count]
        payload = _payload(plan, source.width, source.height, source.background, source.images)
        svg = render_svg(payload, source_aspect=aspect)
        anchor = f"{source.key}-{count}"
        if preset.server_side:
            label = f"any count, 1 to {MAX_VIEWS}"
        else:
            label = f"{count} participant" + ("s" if count != 1 else "")
            if count == source.own_count:
                label += " (every tile)" if source.origin == "built-in" else " (as in the spec)"
        cases.append(
            {
                "count": count,
                "label": label,
                "anchor": anchor,
                "svg": _inline(svg, anchor),
                "svg_file": svg,
                "image": f"{image_dir}/{anchor}.svg",
                "views": len(plan.views),
            }
        )
    return {
        "key": source.key,
        "title": source.title,
        "preset": preset.name,
        "origin": source.origin,
        "builtin": source.origin == "built-in",
        "summary": preset.summary,
        "mix_mode": preset.mix_mode,
        "server_side": preset.server_side,
        "canvas": f"{source.width}x{source.height}",
        "whiteboard": source.whiteboard,
        "options": _options(preset),
        "tie_rules": list(preset.tie_rules),
        "common": not preset.server_side and preset.name != "custom",
        "settings": settings,
        "settings_toml": "\n".join(
            ["[layout]", *(f"{row['key']} = {row['value']}" for row in settings)]
        )
        if settings
        else "",
        "sample": _sample(source),
        "cases": cases,
        "skipped": skipped,
        "example": _example(source, preset, plans),
    }


def _example(
    source: LayoutSource, preset: Preset, plans: dict[int, LayoutPlan]
) -> dict[str, Any] | None:
    """The exact JSON for one case: `mix_input_list`, or `mix_mode` for server-side layouts."""
    if source.compiled_list is not None:
        count = len(source.compiled_list)
        return {
            "count": count,
            "field": "mix_input_list",
            "what": f"as compiled from {source.origin}",
            "json": safe_json(source.compiled_list),
        }
    if not plans:
        return None
    if preset.server_side:
        plan = next(iter(plans.values()))
        mix: dict[str, Any] = {"mix_mode": plan.mix_mode}
        if plan.big_view_stream:
            mix["mix_max_resolution_stream_id"] = plan.big_view_stream
        return {
            "count": None,
            "field": "mix_config",
            "what": "ZEGO places the views: no mix_input_list is sent",
            "json": safe_json(mix),
        }
    below = [count for count in plans if count <= EXAMPLE_COUNT]
    count = max(below) if below else min(plans)
    plan = plans[count]
    return {
        "count": count,
        "field": "mix_input_list",
        "what": f"{count} participant" + ("s" if count != 1 else ""),
        "json": safe_json(plan.mix_input_list()),
    }


def gallery(sources: Sequence[LayoutSource], image_dir: str = "img") -> dict[str, Any]:
    """The presets page context: common options and rules, then one entry per layout."""
    return {
        "canvas": f"{CANVAS[0]}x{CANVAS[1]}",
        "counts": list(COUNTS),
        "max_views": MAX_VIEWS,
        "common_options": [
            {"key": o.key, "default": o.default, "doc": o.doc} for o in COMMON_OPTIONS
        ],
        "common_tie_rules": list(COMMON_TIE_RULES),
        "layouts": [describe(source, image_dir) for source in sources],
    }
