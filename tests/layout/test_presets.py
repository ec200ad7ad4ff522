"""Behaviour of each preset and the errors the engine raises, with the spec key they blame."""

from __future__ import annotations

from typing import Any

import pytest

from recspec.layout import (
    PRESETS,
    CustomTile,
    LayoutError,
    LayoutSpec,
    View,
    plan_layout,
    plans_by_count,
)


def rects(
    layout: LayoutSpec, width: int = 1280, height: int = 720, **kw: Any
) -> list[tuple[int, ...]]:
    plan = plan_layout(layout, width, height, **kw)
    return [(v.left, v.top, v.right, v.bottom) for v in plan.views]


def error(layout: LayoutSpec, width: int = 1280, height: int = 720, **kw: Any) -> LayoutError:
    with pytest.raises(LayoutError) as caught:
        plan_layout(layout, width, height, **kw)
    return caught.value


# --- View and plan -----------------------------------------------------------------------------


def test_view_payload_key_order_and_omissions() -> None:
    view = View(top=0, left=0, bottom=360, right=640, stream_id="a", fill_mode=2)
    assert list(view.to_payload()) == [
        "stream_id",
        "top",
        "left",
        "bottom",
        "right",
        "layer",
        "fill_mode",
    ]
    board = View(
        top=0, left=0, bottom=10, right=10, view_type=2, background_image="https://x/y.png"
    )
    assert list(board.to_payload()) == [
        "view_type",
        "top",
        "left",
        "bottom",
        "right",
        "layer",
        "background_image",
    ]


def test_width_is_right_minus_left() -> None:
    view = View(top=10, left=20, bottom=30, right=50)
    assert (view.width, view.height) == (30, 20)


# --- grid --------------------------------------------------------------------------------------


def test_grid_three_columns_even_split() -> None:
    # Equal tiles; the one leftover align unit is a 2 px margin on the end side.
    assert rects(LayoutSpec(tiles=9))[:3] == [
        (0, 0, 426, 240),
        (426, 0, 852, 240),
        (852, 0, 1278, 240),
    ]


def test_grid_align_1_split() -> None:
    assert rects(LayoutSpec(tiles=9, align=1))[:3] == [
        (1, 0, 427, 240),
        (427, 0, 853, 240),
        (853, 0, 1279, 240),
    ]


def test_grid_two_tiles_side_by_side_on_landscape_stacked_on_portrait() -> None:
    assert rects(LayoutSpec(tiles=2)) == [(0, 180, 640, 540), (640, 180, 1280, 540)]
    assert rects(LayoutSpec(tiles=2), 1080, 1920) == [(270, 0, 810, 960), (270, 960, 810, 1920)]


def test_grid_last_row_modes() -> None:
    centre = rects(LayoutSpec(tiles=3))
    assert centre[2] == (320, 360, 960, 720)
    assert rects(LayoutSpec(tiles=3, last_row="left"))[2] == (0, 360, 640, 720)
    assert rects(LayoutSpec(tiles=3, last_row="right"))[2] == (640, 360, 1280, 720)
    assert rects(LayoutSpec(tiles=3, last_row="justify"))[2] == (0, 360, 1280, 720)


def test_grid_portrait_sources_go_in_one_row() -> None:
    assert len({top for _, top, _, _ in rects(LayoutSpec(tiles=4, tile_aspect="9:16"))}) == 1


def test_grid_cell_shape_fills_the_canvas() -> None:
    assert rects(LayoutSpec(tiles=2, tile_shape="cell")) == [(0, 0, 640, 720), (640, 0, 1280, 720)]


def test_grid_max_rows_and_cols() -> None:
    assert len({t for _, t, _, _ in rects(LayoutSpec(tiles=6, max_rows=1))}) == 1
    assert len({x for x, _, _, _ in rects(LayoutSpec(tiles=6, max_cols=1))}) == 1
    err = error(LayoutSpec(tiles=7, max_rows=2, max_cols=3))
    assert err.path == ("layout", "max_rows") and "hold 6 tiles" in str(err)


def test_grid_gap_and_margin() -> None:
    out = rects(LayoutSpec(tiles=4, gap=8, margin=16, tile_shape="cell"))
    assert out == [
        (16, 16, 636, 356),
        (644, 16, 1264, 356),
        (16, 364, 636, 704),
        (644, 364, 1264, 704),
    ]


# --- speaker, presentation, pip ---------------------------------------------------------------


def test_speaker_focus_is_big_and_first() -> None:
    plan = plan_layout(LayoutSpec(preset="speaker", streams=["a", "b", "c"], focus="b"), 1280, 720)
    assert [v.stream_id for v in plan.views] == ["b", "a", "c"]
    assert (plan.views[0].left, plan.views[0].right) == (0, 1024)
    assert plan.views[0].source == ("layout", "streams", 1)


@pytest.mark.parametrize(
    ("strip", "big"),
    [
        ("right", (0, 0, 1024, 720)),
        ("left", (256, 0, 1280, 720)),
        ("bottom", (0, 0, 1280, 576)),
        ("top", (0, 144, 1280, 720)),
    ],
)
def test_speaker_strip_sides(strip: str, big: tuple[int, ...]) -> None:
    assert (
        rects(LayoutSpec.model_validate({"preset": "speaker", "tiles": 3, "strip": strip}))[0]
        == big
    )


def test_speaker_wraps_to_a_second_strip() -> None:
    out = rects(LayoutSpec(preset="speaker", tiles=8))
    assert out[0] == (0, 0, 768, 720)
    assert out[6] == (768, 0, 1024, 144)  # 6th thumbnail opens the inner strip


def test_speaker_strip_size_pixels_and_fraction() -> None:
    assert rects(LayoutSpec(preset="speaker", tiles=2, strip_size=320))[0] == (0, 0, 960, 720)
    assert rects(LayoutSpec(preset="speaker", tiles=2, strip_size=0.25))[0] == (0, 0, 960, 720)
    assert error(LayoutSpec(preset="speaker", tiles=2, strip_size=1.5)).path == (
        "layout",
        "strip_size",
    )
    assert error(LayoutSpec(preset="speaker", tiles=2, strip_size="x%")).path == (
        "layout",
        "strip_size",
    )


def test_presentation_with_whiteboard() -> None:
    plan = plan_layout(
        LayoutSpec(preset="presentation", streams=["a", "b"]), 1280, 720, whiteboard=True
    )
    board = plan.views[0]
    assert board.view_type == 2 and board.stream_id is None and board.fill_mode is None
    assert [v.stream_id for v in plan.views[1:]] == ["a", "b"]
    assert sum(v.view_type == 2 for v in plan.views) == 1


def test_presentation_without_whiteboard_fits_the_share() -> None:
    plan = plan_layout(
        LayoutSpec(preset="presentation", streams=["a", "share"], focus="share"), 1280, 720
    )
    assert plan.views[0].stream_id == "share" and plan.views[0].fill_mode == 2
    assert plan.views[1].fill_mode == 1


def test_pip_overlays_in_corner_on_higher_layer() -> None:
    plan = plan_layout(LayoutSpec(preset="pip", streams=["host", "guest"]), 1280, 720)
    main, overlay = plan.views
    assert (main.left, main.top, main.right, main.bottom, main.layer) == (0, 0, 1280, 720, 1)
    assert (overlay.left, overlay.top, overlay.right, overlay.bottom, overlay.layer) == (
        944,
        524,
        1264,
        704,
        2,
    )
    top_left = rects(LayoutSpec(preset="pip", tiles=2, corner="top-left"))[1]
    assert top_left == (16, 16, 336, 196)


def test_pip_overlays_shrink_only_when_needed() -> None:
    plan = plan_layout(LayoutSpec(preset="pip", tiles=25), 1280, 720)
    widths = {v.width for v in plan.views[1:]}
    assert len(widths) == 1 and widths.pop() < 320


# --- side-by-side, stack -----------------------------------------------------------------------


def test_side_by_side_and_stack() -> None:
    assert rects(LayoutSpec(preset="side-by-side", tiles=3)) == [
        (0, 0, 426, 720),
        (426, 0, 852, 720),
        (852, 0, 1278, 720),
    ]
    assert rects(LayoutSpec(preset="stack", tiles=3, gap=6)) == [
        (0, 0, 1280, 236),
        (0, 242, 1280, 478),
        (0, 484, 1280, 720),
    ]


# --- custom ------------------------------------------------------------------------------------


def custom(*tiles: dict[str, Any], **kw: Any) -> LayoutSpec:
    return LayoutSpec(preset="custom", tile=[CustomTile(**t) for t in tiles], **kw)


def test_custom_percentages_meet_without_seams() -> None:
    third = "33.333%"
    layout = custom(
        {"left": 0, "top": 0, "width": third, "height": "100%", "stream": "a"},
        {"left": third, "top": 0, "width": third, "height": "100%"},
        {"left": "66.666%", "top": 0, "width": "33.334%", "height": "100%"},
    )
    assert rects(layout) == [(0, 0, 426, 720), (426, 0, 854, 720), (854, 0, 1280, 720)]


def test_custom_docs_example() -> None:
    layout = custom(
        {"left": 0, "top": 0, "width": 540, "height": 720},
        {"left": 540, "top": 0, "width": 540, "height": 360},
        {"left": 540, "top": 360, "width": 540, "height": 360},
    )
    assert rects(layout, 1080, 720) == [
        (0, 0, 540, 720),
        (540, 0, 1080, 360),
        (540, 360, 1080, 720),
    ]


def test_custom_tile_fields() -> None:
    layout = custom(
        {
            "left": 0,
            "top": 0,
            "width": "100%",
            "height": "100%",
            "stream": "a",
            "fit": "fit",
            "background": "https://e.com/a.png",
        },
        {"left": 16, "top": 16, "width": 320, "height": 180, "layer": 2, "whiteboard": True},
    )
    plan = plan_layout(layout, 1280, 720, whiteboard=True)
    assert plan.views[0].to_payload() == {
        "stream_id": "a",
        "top": 0,
        "left": 0,
        "bottom": 720,
        "right": 1280,
        "layer": 1,
        "fill_mode": 2,
        "background_image": "https://e.com/a.png",
    }
    assert plan.views[1].view_type == 2 and plan.views[1].source == ("layout", "tile", 1)


@pytest.mark.parametrize(
    ("tiles", "path", "text"),
    [
        (
            [{"left": 0, "top": 0, "width": 1290, "height": 10}],
            ("layout", "tile", 0, "width"),
            "past",
        ),
        (
            [{"left": 3, "top": 0, "width": 10, "height": 10}],
            ("layout", "tile", 0, "left"),
            "multiple",
        ),
        (
            [{"left": 0, "top": 0, "width": "50", "height": 10}],
            ("layout", "tile", 0, "width"),
            "percentage",
        ),
        ([{"left": 0, "top": 0, "width": 0, "height": 10}], ("layout", "tile", 0, "width"), "wide"),
        (
            [
                {"left": 0, "top": 0, "width": 100, "height": 100},
                {"left": 50, "top": 50, "width": 100, "height": 100},
            ],
            ("layout", "tile", 1),
            "overlaps tile 1",
        ),
        (
            [{"left": 0, "top": 0, "width": 10, "height": 10, "whiteboard": True}],
            ("layout", "tile", 0, "whiteboard"),
            "has none",
        ),
        (
            [{"left": 0, "top": 0, "width": 10, "height": 10, "background": "https://x"}],
            ("layout", "tile", 0, "background"),
            "no stream",
        ),
    ],
)
def test_custom_errors(tiles: list[dict[str, Any]], path: tuple[Any, ...], text: str) -> None:
    err = error(custom(*tiles))
    assert err.path == path and text in str(err)


def test_custom_overlap_on_other_layer_is_fine() -> None:
    layout = custom(
        {"left": 0, "top": 0, "width": 100, "height": 100},
        {"left": 50, "top": 50, "width": 100, "height": 100, "layer": 2},
    )
    assert len(rects(layout)) == 2


# --- server-side -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "mode"),
    [("zego-grid", 2), ("zego-horizontal", 3), ("zego-vertical", 4), ("zego-floating", 5)],
)
def test_server_side_presets(name: str, mode: int) -> None:
    focus = None if name == "zego-grid" else "b"
    plan = plan_layout(LayoutSpec(preset=name, streams=["a", "b"], focus=focus), 1280, 720)
    assert plan.mix_mode == mode and plan.views == () and plan.big_view_stream == focus


def test_server_side_focus_errors() -> None:
    assert error(LayoutSpec(preset="zego-grid", focus="a")).path == ("layout", "focus")
    err = error(LayoutSpec(preset="zego-floating", focus="a"), whiteboard=True)
    assert err.path == ("layout", "focus") and "whiteboard" in str(err)


# --- common validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "path", "text"),
    [
        ({"tiles": 26}, ("layout", "tiles"), "ZEGO shows at most 25 views"),
        ({"streams": [f"s{i}" for i in range(26)]}, ("layout", "streams", 25), "at most 25"),
        ({"tiles": 0}, ("layout", "tiles"), "1 to 25"),
        ({"tiles": 2, "streams": ["a", "b", "c"]}, ("layout", "tiles"), "at least 3"),
        ({"streams": ["a", "a"]}, ("layout", "streams", 1), "twice"),
        ({"streams": ["a", ""]}, ("layout", "streams", 1), "empty"),
        ({"tiles": 2, "gap": 5}, ("layout", "gap"), "use 4 or 6"),
        ({"tiles": 2, "margin": -2}, ("layout", "margin"), "negative"),
        ({"tiles": 2, "margin": 360}, ("layout", "margin"), "no room"),
        ({"tiles": 2, "align": 3}, ("layout", "align"), "1, 2, 4, 8 or 16"),
        ({"tiles": 2, "tile_aspect": "wide"}, ("layout", "tile_aspect"), "W:H"),
        ({"tiles": 2, "focus": "a"}, ("layout", "focus"), "no big tile"),
        ({"preset": "speaker", "streams": ["a"], "focus": "b"}, ("layout", "focus"), "not in"),
        ({"preset": "gird", "tiles": 2}, ("layout", "preset"), 'did you mean "grid"'),
        (
            {"streams": ["a"], "backgrounds": {"b": "https://x"}},
            ("layout", "backgrounds", "b"),
            "not in",
        ),
        ({}, ("layout", "streams"), "no tiles"),
        (
            {"tiles": 2, "tile": [{"left": 0, "top": 0, "width": 2, "height": 2}]},
            ("layout", "tile"),
            "custom",
        ),
    ],
)
def test_errors_name_the_key(options: dict[str, Any], path: tuple[Any, ...], text: str) -> None:
    err = error(LayoutSpec(**options))
    assert err.path == path
    assert text in str(err)


def test_odd_canvas_with_align_2_is_refused() -> None:
    err = error(LayoutSpec(tiles=2), 1281, 720)
    assert err.path == ("layout", "align") and "1281x720" in str(err)
    assert rects(LayoutSpec(tiles=2, align=1), 1281, 720)


def test_whiteboard_takes_one_of_25_views() -> None:
    err = error(LayoutSpec(tiles=25), whiteboard=True)
    assert "at most 24" in str(err)
    plan = plan_layout(LayoutSpec(tiles=3), 1280, 720, whiteboard=True)
    assert plan.views[0].view_type == 2 and len(plan.views) == 4


def test_backgrounds_reach_their_stream() -> None:
    plan = plan_layout(
        LayoutSpec(streams=["a", "b"], backgrounds={"b": "https://x/b.png"}), 1280, 720
    )
    assert [v.background_image for v in plan.views] == [None, "https://x/b.png"]


def test_sources_point_at_spec_keys() -> None:
    plan = plan_layout(LayoutSpec(streams=["a"], tiles=2), 1280, 720)
    assert [v.source for v in plan.views] == [("layout", "streams", 0), ("layout", "tiles")]


def test_plans_by_count_custom_and_bad_counts() -> None:
    layout = LayoutSpec(
        preset="custom",
        tile=[
            CustomTile(left=0, top=0, width="50%", height="100%"),
            CustomTile(left="50%", top=0, width="50%", height="100%"),
        ],
    )
    plans = plans_by_count(layout, 1280, 720, [2, 1, 2])
    assert list(plans) == [2, 1] and len(plans[1].views) == 1
    with pytest.raises(LayoutError):
        plans_by_count(layout, 1280, 720, [3])
    with pytest.raises(LayoutError):
        plans_by_count(LayoutSpec(), 1280, 720, [0])
    with pytest.raises(LayoutError, match="at most 25"):
        plans_by_count(LayoutSpec(), 1280, 720, [26])


def test_plans_by_count_server_side() -> None:
    plans = plans_by_count(LayoutSpec(preset="zego-vertical", focus="a"), 1280, 720, [1, 5])
    assert plans[1] == plans[5] and plans[5].mix_mode == 4


def test_every_preset_is_registered_with_docs() -> None:
    fields = LayoutSpec.model_fields
    assert set(PRESETS) == {
        "grid",
        "speaker",
        "pip",
        "side-by-side",
        "stack",
        "presentation",
        "custom",
        "zego-grid",
        "zego-horizontal",
        "zego-vertical",
        "zego-floating",
    }
    for preset in PRESETS.values():
        assert preset.summary and preset.tie_rules
        for option in preset.options:
            assert option.key in fields, option.key
    for name, field in fields.items():
        assert field.description, name


def test_spec_model_is_strict_and_closed() -> None:
    with pytest.raises(ValueError):
        LayoutSpec.model_validate({"preset": "grid", "colour": "red"})
    with pytest.raises(ValueError):
        LayoutSpec.model_validate({"gap": "8"})
    spec = LayoutSpec.model_validate(
        {"preset": "custom", "tile": [{"left": 0, "top": "10%", "width": "50%", "height": 10}]}
    )
    assert spec.tile[0].top == "10%"
