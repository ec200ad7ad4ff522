"""Layout rules (RS4xx): mix_mode, mix_input_list views, their geometry and stacking."""

from __future__ import annotations

from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import (
    INPUT,
    MIX,
    VIEWS,
    as_int,
    canvas_size,
    mix_ignored,
    present,
    view_entries,
    views,
)
from recspec.rules.base import Finding, PayloadView, Rule, finding
from recspec.rules.overlap import overlap_size, overlaps

MAX_VIEWS = 25
MAX_COORD = 1920
MIN_VIEW_SIDE = 16


def _view(
    stream_id: str, top: int, left: int, bottom: int, right: int, layer: int = 1
) -> dict[str, object]:
    """A view for the examples below (same shape as in BASE_PAYLOAD)."""
    return {
        "stream_id": stream_id,
        "view_type": 1,
        "top": top,
        "left": left,
        "bottom": bottom,
        "right": right,
        "layer": layer,
    }


def _mix(fragment: dict[str, object]) -> dict[str, object]:
    """Wrap a mix_config fragment for an example."""
    return {"record_input_params": {"mix_config": fragment}}


def _check_list_required(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode != 2 or v.dict(*MIX) is None or v.mix_mode != 1:
        return
    entries = v.get(*VIEWS)
    if entries is None or entries == []:
        state = "missing" if entries is None else "empty"
        yield finding(
            VIEWS,
            f"mix_mode is 1 (custom layout) but mix_input_list is {state}; add one view per "
            "stream (top, left, bottom, right, layer), or use mix_mode 2 for a grid",
        )


def _check_list_no_effect(v: PayloadView) -> Iterator[Finding]:
    if mix_ignored(v) or not v.has(*VIEWS) or v.mix_mode in (1, -1):
        return
    yield finding(
        VIEWS,
        f"mix_input_list only applies to the custom layout (mix_mode 1) and mix_mode is "
        f"{v.mix_mode}; remove the list or set mix_mode to 1",
    )


def _check_max_resolution_no_effect(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "mix_max_resolution_stream_id")
    if mix_ignored(v) or not v.has(*path) or v.mix_mode in (3, 4, 5, -1):
        return
    yield finding(
        path,
        f"mix_max_resolution_stream_id only picks the big view of mix_mode 3, 4 or 5 and "
        f"mix_mode is {v.mix_mode}; remove it or switch to a layout with a big view",
    )


def _check_max_resolution_whiteboard(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "mix_max_resolution_stream_id")
    if mix_ignored(v) or not v.has(*path) or v.mix_mode not in (3, 4, 5):
        return
    if v.bool(*INPUT, "has_whiteboard") is True:
        yield finding(
            path,
            "with a whiteboard recorded the whiteboard always takes the big view, so "
            "mix_max_resolution_stream_id is ignored; remove it or use mix_mode 1 to place both",
        )


def _check_view_count(v: PayloadView) -> Iterator[Finding]:
    entries = v.list(*VIEWS)
    if entries is not None and len(entries) > MAX_VIEWS:
        yield finding(
            (*VIEWS, MAX_VIEWS),
            f"mix_input_list has {len(entries)} views; ZEGO shows at most {MAX_VIEWS} — remove "
            f"{len(entries) - MAX_VIEWS}",
        )


def _check_coordinate_range(v: PayloadView) -> Iterator[Finding]:
    for index, entry in view_entries(v):
        for key in ("top", "left", "bottom", "right"):
            value = as_int(entry.get(key))
            if value is not None and not 0 <= value <= MAX_COORD:
                yield finding(
                    (*VIEWS, index, key),
                    f"view {index + 1} {key} is {value}; ZEGO accepts 0 to {MAX_COORD} — "
                    "coordinates are canvas pixels from the top-left corner",
                )


def _check_corner_order(v: PayloadView) -> Iterator[Finding]:
    for view in views(v):
        if view.top > view.bottom:
            yield finding(
                (*view.path, "top"),
                f"{view.label} has top {view.top} below bottom {view.bottom}; top must not "
                "exceed bottom — swap them (y grows downwards)",
            )
        if view.left > view.right:
            yield finding(
                (*view.path, "left"),
                f"{view.label} has left {view.left} right of right {view.right}; left must not "
                "exceed right — swap them",
            )


def _check_inside_canvas(v: PayloadView) -> Iterator[Finding]:
    canvas = canvas_size(v)
    if canvas is None or canvas[0] <= 0 or canvas[1] <= 0:
        return
    width, height = canvas
    for view in views(v):
        key_x = "right" if view.right > width else "left" if view.left > width else None
        if key_x is not None:
            value = view.right if key_x == "right" else view.left
            yield finding(
                (*view.path, key_x),
                f"{view.label} {key_x} is {value}, beyond the canvas width {width}; keep views "
                f"inside the {width}x{height} canvas",
            )
        key_y = "bottom" if view.bottom > height else "top" if view.top > height else None
        if key_y is not None:
            value = view.bottom if key_y == "bottom" else view.top
            yield finding(
                (*view.path, key_y),
                f"{view.label} {key_y} is {value}, beyond the canvas height {height}; keep views "
                f"inside the {width}x{height} canvas",
            )


def _check_zero_area(v: PayloadView) -> Iterator[Finding]:
    for view in views(v):
        if view.width == 0 or view.height == 0:
            yield finding(
                view.path,
                f"{view.label} is {view.width}x{view.height} px and shows nothing; give it a "
                "size or remove it",
            )


def _check_overlap(v: PayloadView) -> Iterator[Finding]:
    """One finding per view that overlaps an earlier view on its layer (not one per pair)."""
    placed = [view for view in views(v) if view.width > 0 and view.height > 0]
    for later, hits in overlaps(placed, limit=MAX_VIEWS):
        earlier = hits[0]
        dx, dy = overlap_size(earlier, later)
        more = len(hits) - 1
        at_least = "at least " if len(hits) == MAX_VIEWS else ""
        others = f" (and {at_least}{more} other view{'s' if more > 1 else ''})" if more else ""
        yield finding(
            later.path,
            f"{later.label} overlaps {earlier.label} by {dx}x{dy} px{others} on the same layer "
            f"{later.layer}; which one is drawn on top is undefined — give the one in front a "
            "higher layer, or move them apart",
        )


def _check_too_small(v: PayloadView) -> Iterator[Finding]:
    for view in views(v):
        if 0 < view.width < MIN_VIEW_SIDE or 0 < view.height < MIN_VIEW_SIDE:
            yield finding(
                view.path,
                f"{view.label} is only {view.width}x{view.height} px; below {MIN_VIEW_SIDE} px a "
                "view is unrecognisable — make it larger or remove it",
            )


def _check_odd_view(v: PayloadView) -> Iterator[Finding]:
    for view in views(v):
        odd = [
            f"{name} {size}"
            for name, size in (("width", view.width), ("height", view.height))
            if size > 0 and size % 2
        ]
        if odd:
            yield finding(
                view.path,
                f"{view.label} has an odd {' and '.join(odd)}; H.264 4:2:0 works on 2x2 blocks, "
                "so an odd size blurs the edge — use even sizes",
            )


def _check_duplicate_stream(v: PayloadView) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, entry in view_entries(v):
        stream = entry.get("stream_id")
        if not present(stream):
            continue
        assert isinstance(stream, str)
        if stream in seen:
            yield finding(
                (*VIEWS, index, "stream_id"),
                f"stream {stream!r} is shown in views {seen[stream] + 1} and {index + 1}; a "
                "stream fills one view — fix the stream id or remove the duplicate view",
            )
        else:
            seen[stream] = index


def _check_background_without_stream(v: PayloadView) -> Iterator[Finding]:
    for index, entry in view_entries(v):
        if "background_image" in entry and not present(entry.get("stream_id")):
            yield finding(
                (*VIEWS, index, "background_image"),
                f"view {index + 1} has a background_image but no stream_id; the image is only "
                "shown for a view bound to a stream — add stream_id or remove the image",
            )


def _check_single_view(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode != 2 or v.mix_mode != 1:
        return
    entries = list(view_entries(v))
    if len(entries) != 1 or len(v.list(*VIEWS) or []) != 1:
        return
    index, entry = entries[0]
    if present(entry.get("stream_id")) or as_int(entry.get("view_type")) == 2:
        return
    yield finding(
        (*VIEWS, index),
        "the custom layout has one view without stream_id, so only the first stream to join "
        "is recorded; add a view per stream, or use mix_mode 2 to show every stream",
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS401",
        name="mix-input-list-required",
        severity=Severity.ERROR,
        summary="The custom layout (mix_mode 1) needs a non-empty mix_input_list.",
        why=(
            "With mix_mode 1 the views come only from mix_input_list (mandatory for MixMode 1 "
            "in the StartRecord reference); without views there is nothing to place and ZEGO "
            "rejects the layout."
        ),
        bad=_mix({"mix_input_list": None}),
        good=_mix({"mix_mode": 2, "mix_input_list": None}),
        source="[A] MixConfig.MixInputList; [U]; [L] seed mix_config.mix_input_list; reference "
        "§1.3, §2 rule 20",
        check=_check_list_required,
        needs=MIX,
    ),
    Rule(
        code="RS402",
        name="mix-input-list-no-effect",
        severity=Severity.WARNING,
        summary="mix_input_list only applies to the custom layout (mix_mode 1).",
        why=(
            "The built-in layouts (grid, horizontal, vertical, floating) compute the views "
            "themselves; ZEGO documents mix_input_list only for the custom layout, so with "
            "another mix_mode (the default is 2) the list is ignored."
        ),
        bad=_mix({"mix_mode": 2}),
        good=_mix({"mix_mode": 2, "mix_input_list": None}),
        source="[A] MixConfig.MixMode; reference §2 rule 30 (inferred)",
        check=_check_list_no_effect,
        needs=VIEWS,
    ),
    Rule(
        code="RS403",
        name="max-resolution-stream-no-effect",
        severity=Severity.WARNING,
        summary="mix_max_resolution_stream_id only applies to mix_mode 3, 4 and 5.",
        why=(
            "The legacy page: mix_max_resolution_stream_id 'mix_mode 设为 3、4、5 时,用于指定显示"
            "大画面的流 ID' — it picks the big view of the horizontal, vertical and floating "
            "layouts. The grid and custom layouts have no big view."
        ),
        bad=_mix({"mix_max_resolution_stream_id": "alice"}),
        good=_mix({"mix_mode": 3, "mix_input_list": None, "mix_max_resolution_stream_id": "alice"}),
        source="[L] seed mix_config.mix_max_resolution_stream_id; reference §1.3, §2 rules 25, 30",
        check=_check_max_resolution_no_effect,
        needs=(*MIX, "mix_max_resolution_stream_id"),
    ),
    Rule(
        code="RS404",
        name="max-resolution-stream-ignored-with-whiteboard",
        severity=Severity.WARNING,
        summary="With a whiteboard, mix_max_resolution_stream_id is ignored.",
        why=(
            "ZEGO's layout guide: when a whiteboard is recorded it always takes the big view of "
            "layouts 3, 4 and 5, and MixMaxResolutionStreamId is ignored."
        ),
        bad={
            "record_input_params": {
                "has_whiteboard": True,
                "whiteboard": [
                    {"horizontal_ratio": 16, "vertical_ratio": 9, "whiteboard_id": "wb-1"}
                ],
                "mix_config": {
                    "mix_mode": 3,
                    "mix_input_list": None,
                    "mix_max_resolution_stream_id": "alice",
                },
            }
        },
        good={
            "record_input_params": {
                "has_whiteboard": True,
                "whiteboard": [
                    {"horizontal_ratio": 16, "vertical_ratio": 9, "whiteboard_id": "wb-1"}
                ],
                "mix_config": {"mix_mode": 3, "mix_input_list": None},
            }
        },
        source="[G-lay] big view; [FAQ:custom-layout-failure]; reference §3, §2 rule 25",
        check=_check_max_resolution_whiteboard,
        needs=(*MIX, "mix_max_resolution_stream_id"),
    ),
    Rule(
        code="RS405",
        name="too-many-views",
        severity=Severity.ERROR,
        summary="mix_input_list may hold at most 25 views.",
        why=(
            "ZEGO's layout guide: every layout, the custom one included, shows at most 25 "
            "views; mixed recording takes at most 25 streams."
        ),
        bad=_mix({"mix_input_list": [_view(f"s{i}", 0, 0, 16, 16, i) for i in range(26)]}),
        good=_mix({"mix_input_list": [_view(f"s{i}", 0, 0, 16, 16, i) for i in range(25)]}),
        source="[G-lay]; [FAQ:recording-new-stream]; reference §1.3, §2 rules 21, 53",
        check=_check_view_count,
        needs=VIEWS,
    ),
    Rule(
        code="RS406",
        name="view-coordinate-range",
        severity=Severity.ERROR,
        summary="View coordinates (top, left, bottom, right) must be in [0, 1920].",
        why=(
            "The legacy page gives every corner coordinate '取值范围 [0, 1920]'. Negative or "
            "larger values are invalid parameters."
        ),
        bad=_mix({"mix_input_list": [_view("alice", -10, 0, 720, 1280)]}),
        good=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280)]}),
        source="[L] seed mix_input_list.top/left/bottom/right; reference §1.4, §2 rule 22",
        check=_check_coordinate_range,
        needs=VIEWS,
    ),
    Rule(
        code="RS407",
        name="view-corner-order",
        severity=Severity.ERROR,
        summary="A view's top must not exceed its bottom, nor its left its right.",
        why=(
            "The legacy page: top '不能超过 bottom 的值', left '不能超过 right 的值'. top/left "
            "are the upper-left corner and bottom/right the lower-right corner, not a width and "
            "height."
        ),
        bad=_mix({"mix_input_list": [_view("alice", 720, 0, 0, 1280)]}),
        good=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280)]}),
        source="[L] seed mix_input_list.top/left; reference §1.4, §2 rule 22",
        check=_check_corner_order,
        needs=VIEWS,
    ),
    Rule(
        code="RS408",
        name="view-outside-canvas",
        severity=Severity.ERROR,
        summary="Every view must lie inside the canvas.",
        why=(
            "The legacy page: bottom '不能超过画布的高' and right "
            "'不能超过画布的宽' — no corner may exceed the "
            "canvas height or width (mix_output_video_config). A 1080p layout on a 720p canvas "
            "is the usual cause."
        ),
        bad=_mix({"mix_input_list": [_view("alice", 0, 0, 1080, 1920)]}),
        good=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280)]}),
        source="[L] seed mix_input_list.top/left/bottom/right; reference §1.4, §2 rule 22",
        check=_check_inside_canvas,
        needs=VIEWS,
    ),
    Rule(
        code="RS409",
        name="view-zero-area",
        severity=Severity.WARNING,
        summary="A view with zero width or height shows nothing.",
        why=(
            "ZEGO allows top == bottom and left == right ('不能超过'), but such a view has no "
            "area: its stream is taken out of the picture, which is rarely what was meant."
        ),
        bad=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280), _view("bob", 0, 0, 0, 0)]}),
        good=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280)]}),
        source="[L] seed mix_input_list; reference §2 rule 22, §5 item 6",
        check=_check_zero_area,
        needs=VIEWS,
    ),
    Rule(
        code="RS410",
        name="view-overlap-same-layer",
        severity=Severity.WARNING,
        summary="Two views overlap on the same layer, so their stacking is undefined.",
        why=(
            "The legacy page: layer '当两个画面发生重叠时,数值大的显示在上方' — the larger "
            "layer is drawn on top. With equal layers ZEGO does not say which wins, so a "
            "picture-in-picture may end up hidden behind the main view."
        ),
        bad=_mix(
            {
                "mix_input_list": [
                    _view("alice", 0, 0, 720, 1280),
                    _view("bob", 480, 960, 700, 1260),
                ]
            }
        ),
        good=_mix(
            {
                "mix_input_list": [
                    _view("alice", 0, 0, 720, 1280),
                    _view("bob", 480, 960, 700, 1260, layer=2),
                ]
            }
        ),
        source="[L] seed mix_input_list.layer; reference §1.4 (stacking of equal layers "
        "undocumented)",
        check=_check_overlap,
        needs=VIEWS,
    ),
    Rule(
        code="RS411",
        name="view-too-small",
        severity=Severity.WARNING,
        summary="A view narrower or shorter than 16 px is unrecognisable.",
        why=(
            "Beyond the docs: a view under 16 px (one macroblock) shows a few smeared pixels; "
            "it is usually a unit mistake such as a fraction or percent used as pixels."
        ),
        bad=_mix(
            {
                "mix_input_list": [
                    _view("alice", 0, 0, 720, 1280, layer=1),
                    _view("bob", 0, 0, 9, 16, layer=2),
                ]
            }
        ),
        good=_mix(
            {
                "mix_input_list": [
                    _view("alice", 0, 0, 720, 1280, layer=1),
                    _view("bob", 0, 0, 90, 160, layer=2),
                ]
            }
        ),
        source="recspec (beyond the docs): H.264 16x16 macroblocks",
        check=_check_too_small,
        needs=VIEWS,
    ),
    Rule(
        code="RS412",
        name="odd-view-size",
        severity=Severity.INFO,
        summary="An odd view width or height does not suit H.264 4:2:0.",
        why=(
            "Beyond the docs: H.264 4:2:0 stores colour per 2x2 block, so a view with an odd "
            "size is scaled onto half-pixels and its edge blurs or bleeds into the neighbour."
        ),
        bad=_mix(
            {"mix_input_list": [_view("alice", 0, 0, 720, 641), _view("bob", 0, 641, 720, 1280)]}
        ),
        good=_mix(
            {"mix_input_list": [_view("alice", 0, 0, 720, 640), _view("bob", 0, 640, 720, 1280)]}
        ),
        source="recspec (beyond the docs): H.264 4:2:0 chroma subsampling",
        check=_check_odd_view,
        needs=VIEWS,
    ),
    Rule(
        code="RS413",
        name="duplicate-view-stream-id",
        severity=Severity.WARNING,
        summary="The same stream id is bound to two views.",
        why=(
            "Beyond the docs: a stream is placed in one view, so a repeated stream_id leaves the "
            "other view on the background colour — usually a copy-paste slip."
        ),
        bad=_mix(
            {"mix_input_list": [_view("alice", 0, 0, 720, 640), _view("alice", 0, 640, 720, 1280)]}
        ),
        good=_mix(
            {"mix_input_list": [_view("alice", 0, 0, 720, 640), _view("bob", 0, 640, 720, 1280)]}
        ),
        source="recspec (beyond the docs); [L] seed mix_input_list.stream_id",
        check=_check_duplicate_stream,
        needs=VIEWS,
    ),
    Rule(
        code="RS414",
        name="view-background-without-stream-id",
        severity=Severity.WARNING,
        summary="A view's background_image needs a stream_id.",
        why=(
            "The legacy page: background_image '仅当指定了 stream_id 时生效' — only when the view "
            "names a stream; a view filled in join order never shows it."
        ),
        bad=_mix(
            {
                "mix_input_list": [
                    {
                        "top": 0,
                        "left": 0,
                        "bottom": 720,
                        "right": 1280,
                        "layer": 1,
                        "background_image": "https://cdn.example.com/away.png",
                    },
                ]
            }
        ),
        good=_mix(
            {
                "mix_input_list": [
                    {
                        "stream_id": "alice",
                        "top": 0,
                        "left": 0,
                        "bottom": 720,
                        "right": 1280,
                        "layer": 1,
                        "background_image": "https://cdn.example.com/away.png",
                    },
                ]
            }
        ),
        source="[L] seed mix_input_list.background_image; reference §1.4, §2 rule 24",
        check=_check_background_without_stream,
        needs=VIEWS,
    ),
    Rule(
        code="RS415",
        name="single-view-custom-layout",
        severity=Severity.INFO,
        summary="A custom layout with one unnamed view records only the first stream.",
        why=(
            "ZEGO FAQ: with a single mix_input_list entry only the first stream to join is "
            "recorded, although the room may hold several. Add a view per expected stream."
        ),
        bad=_mix(
            {"mix_input_list": [{"top": 0, "left": 0, "bottom": 720, "right": 1280, "layer": 1}]}
        ),
        good=_mix({"mix_input_list": [_view("alice", 0, 0, 720, 1280)]}),
        source="[FAQ:single-layout-multi-stream-recording]; reference §2 rule 28",
        check=_check_single_view,
        needs=VIEWS,
    ),
)
