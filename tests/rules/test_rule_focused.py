"""Focused tests for the rules with real logic: geometry, bitrate table, storage, whiteboard."""

from __future__ import annotations

from typing import Any

import pytest

from recspec.rules import check_payload, get_rule
from recspec.rules.canvas import BITRATE_TABLE, recommended_bitrate
from recspec.rules.examples import apply_example


def run(code: str, fragment: dict[str, Any]) -> list[tuple[str, str]]:
    """(pointer, message) of one rule's findings on BASE_PAYLOAD + fragment."""
    rule = get_rule(code)
    assert rule is not None
    return [(f.pointer, f.message) for _, f in check_payload(apply_example(fragment), [rule])]


def views(*rects: tuple[int, int, int, int], layer: int = 1) -> dict[str, Any]:
    """A fragment replacing the custom layout with (top, left, bottom, right) rectangles."""
    entries = [
        {"stream_id": f"s{i}", "top": t, "left": le, "bottom": b, "right": r, "layer": layer}
        for i, (t, le, b, r) in enumerate(rects)
    ]
    return {"record_input_params": {"mix_config": {"mix_input_list": entries}}}


def canvas(width: int, height: int, fps: int = 15, bitrate: int = 1130000) -> dict[str, Any]:
    video = {"width": width, "height": height, "fps": fps, "bitrate": bitrate}
    return {"record_input_params": {"mix_config": {"mix_output_video_config": video}}}


VIEWS = "/record_input_params/mix_config/mix_input_list"

# ---------------------------------------------------------------- canvas and view bounds


@pytest.mark.parametrize(
    ("width", "height", "dimension", "area"),
    [
        (1920, 1080, 0, 0),
        (1080, 1920, 0, 0),
        (1920, 1081, 0, 1),
        (1921, 100, 1, 0),
        (0, 720, 1, 0),
        (-2, 720, 1, 0),
        (1, 1, 0, 0),
    ],
)
def test_canvas_limits(width: int, height: int, dimension: int, area: int) -> None:
    fragment = canvas(width, height)
    assert len(run("RS303", fragment)) == dimension
    assert len(run("RS304", fragment)) == area


def test_view_exactly_filling_the_canvas_is_fine() -> None:
    assert run("RS408", views((0, 0, 720, 1280))) == []
    assert run("RS407", views((0, 0, 720, 1280))) == []


def test_view_outside_canvas_points_at_the_offending_edges() -> None:
    found = run("RS408", views((0, 0, 721, 1281)))
    assert [p for p, _ in found] == [f"{VIEWS}/0/right", f"{VIEWS}/0/bottom"]
    assert "1281" in found[0][1] and "1280" in found[0][1]


def test_view_starting_beyond_canvas_reports_left_and_top() -> None:
    found = run("RS408", views((800, 1300, 700, 1200)))
    assert [p for p, _ in found] == [f"{VIEWS}/0/left", f"{VIEWS}/0/top"]


def test_portrait_canvas_bounds() -> None:
    fragment = {**canvas(720, 1280, bitrate=1130000)}
    fragment["record_input_params"]["mix_config"]["mix_input_list"] = [
        {"stream_id": "a", "top": 0, "left": 0, "bottom": 1280, "right": 720, "layer": 1}
    ]
    assert run("RS408", fragment) == []
    fragment["record_input_params"]["mix_config"]["mix_input_list"][0]["right"] = 1280
    assert [p for p, _ in run("RS408", fragment)] == [f"{VIEWS}/0/right"]


def test_coordinate_range_is_per_field() -> None:
    found = run("RS406", views((-1, 0, 1921, 10)))
    assert [p for p, _ in found] == [f"{VIEWS}/0/top", f"{VIEWS}/0/bottom"]


def test_corner_order() -> None:
    found = run("RS407", views((100, 200, 50, 100)))
    assert [p for p, _ in found] == [f"{VIEWS}/0/top", f"{VIEWS}/0/left"]


def test_view_checks_skip_malformed_entries() -> None:
    fragment = {
        "record_input_params": {
            "mix_config": {"mix_input_list": [{"top": "0", "left": 0}, 7, None, {"layer": 1}]}
        }
    }
    for code in ("RS406", "RS407", "RS408", "RS409", "RS410", "RS411", "RS412", "RS413"):
        assert run(code, fragment) == []


def test_too_many_views_points_at_the_first_extra() -> None:
    rects = [(0, 0, 16, 16)] * 30
    found = run("RS405", views(*rects))
    assert found == [(f"{VIEWS}/25", found[0][1])]
    assert "30 views" in found[0][1]


def test_zero_area_and_small_views() -> None:
    assert len(run("RS409", views((0, 0, 0, 100), (10, 10, 20, 10)))) == 2
    assert run("RS411", views((0, 0, 0, 100))) == []  # zero area is RS409's
    assert len(run("RS411", views((0, 0, 15, 100)))) == 1
    assert run("RS411", views((0, 0, 16, 16))) == []


def test_odd_view_sizes_only_for_sizes() -> None:
    assert run("RS412", views((1, 1, 11, 11))) == []  # odd offsets, even size
    assert "width 9 and height 9" in run("RS412", views((0, 0, 9, 9)))[0][1]


# ---------------------------------------------------------------- overlap


def test_touching_views_do_not_overlap() -> None:
    assert run("RS410", views((0, 0, 360, 640), (0, 640, 360, 1280), (360, 0, 720, 640))) == []


def test_overlap_on_same_layer_reported_once_per_view() -> None:
    found = run("RS410", views((0, 0, 400, 700), (300, 600, 720, 1280), (0, 0, 720, 1280)))
    assert [p for p, _ in found] == [f"{VIEWS}/1", f"{VIEWS}/2"]
    assert "100x100 px on the same layer 1" in found[0][1]
    assert "(and 1 other view)" in found[1][1]


def test_overlap_on_different_layers_is_fine() -> None:
    fragment = views((0, 0, 720, 1280), (500, 900, 700, 1260))
    fragment["record_input_params"]["mix_config"]["mix_input_list"][1]["layer"] = 2
    assert run("RS410", fragment) == []


def test_overlap_ignores_views_without_layer_or_area() -> None:
    fragment = views((0, 0, 720, 1280), (100, 100, 200, 200))
    del fragment["record_input_params"]["mix_config"]["mix_input_list"][1]["layer"]
    assert run("RS410", fragment) == []
    assert run("RS410", views((0, 0, 720, 1280), (100, 100, 100, 200))) == []


# ---------------------------------------------------------------- bitrate table


def test_table_matches_exact_entries() -> None:
    for width, height, fps, bps in BITRATE_TABLE:
        assert recommended_bitrate(width, height, fps)[3] == bps


@pytest.mark.parametrize(
    ("size", "fps", "expected"),
    [
        ((1080, 1920), 15, 2080000),  # portrait 1080p: same pixels as 1920x1080
        ((1280, 720), 20, 1130000),  # 20 fps is nearer 15 than 30 (log scale)
        ((1280, 720), 25, 1710000),
        ((800, 600), 15, 610000),  # 480000 px: nearest is 848x480
        ((640, 480), 5, 400000),  # nearest is the 10 fps entry
    ],
)
def test_nearest_entry(size: tuple[int, int], fps: int, expected: int) -> None:
    assert recommended_bitrate(*size, fps)[3] == expected


@pytest.mark.parametrize(
    ("bitrate", "fires"),
    [(564999, True), (565000, False), (3390000, False), (3390001, True), (1130000, False)],
)
def test_bitrate_thresholds(bitrate: int, fires: bool) -> None:
    found = run("RS311", canvas(1280, 720, 15, bitrate))
    assert bool(found) is fires
    if found:
        assert "1130000" in found[0][1]


def test_bitrate_rule_skips_audio_only_and_invalid_values() -> None:
    audio_only = canvas(1280, 720, 15, 10000)
    audio_only["record_input_params"]["stream_type"] = 1
    assert run("RS311", audio_only) == []
    assert run("RS311", canvas(1280, 720, 60, 10000)) == []  # fps is RS305's
    assert run("RS311", canvas(0, 720, 15, 10000)) == []  # size is RS303's
    assert run("RS311", canvas(1280, 720, 15, 0)) == []  # positivity is RS306's


# ---------------------------------------------------------------- colours and URLs


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (0, True),
        (0xFFFFFF00, True),
        (0x1A1A1A00, True),
        (0xFFFFFF, False),
        (-1, False),
        (0x1_0000_0000, False),
        (0xFFFFFFFF, False),
    ],
)
def test_colour_format(value: int, ok: bool) -> None:
    fragment = {"record_input_params": {"mix_config": {"mix_output_background_color": value}}}
    assert (run("RS308", fragment) == []) is ok


def test_colour_hint_suggests_shifted_value() -> None:
    fragment = {"record_input_params": {"mix_config": {"mix_output_background_color": 0x1A2B3C}}}
    assert f"#1A2B3C, write {0x1A2B3C00} (0x1A2B3C00)" in run("RS308", fragment)[0][1]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://cdn.example.com/a.png", True),
        ("HTTP://cdn.example.com/a.png", True),
        ("ftp://cdn.example.com/a.png", False),
        ("//cdn.example.com/a.png", False),
        ("cdn.example.com/a.png", False),
        ("https:///a.png", False),
        ("", False),
    ],
)
def test_image_urls(url: str, ok: bool) -> None:
    fragment = {"record_input_params": {"mix_config": {"mix_output_watermark_image": url}}}
    assert (run("RS309", fragment) == []) is ok


def test_per_view_background_url_is_checked() -> None:
    fragment = views((0, 0, 720, 1280))
    fragment["record_input_params"]["mix_config"]["mix_input_list"][0]["background_image"] = "x"
    assert [p for p, _ in run("RS309", fragment)] == [f"{VIEWS}/0/background_image"]


# ---------------------------------------------------------------- storage by provider


@pytest.mark.parametrize("provider", [1, 2, 3, 4, 7])
def test_object_storage_needs_all_four(provider: int) -> None:
    fragment = {"storage_params": {"storage_provider": provider, "region": "", "bucket_name": None}}
    found = run("RS701", fragment)
    assert [p for p, _ in found] == ["/storage_params/region", "/storage_params/bucket_name"]
    assert "empty" in found[0][1] and "missing" in found[1][1]


@pytest.mark.parametrize("provider", [5, 6])
def test_vod_providers_do_not_need_flat_fields(provider: int) -> None:
    fragment = {"storage_params": {"storage_provider": provider, "region": None}}
    assert run("RS701", fragment) == []


def test_aliyun_vod_each_missing_field() -> None:
    fragment = {"storage_params": {"storage_provider": 5, "aliyun_vod_params": {"region": "cn"}}}
    found = run("RS702", fragment)
    assert [p.rsplit("/", 1)[1] for p, _ in found] == [
        "access_key",
        "secret_key",
        "title",
        "storage_location",
    ]


def test_tencent_vod_missing_object_and_fields() -> None:
    assert [p for p, _ in run("RS703", {"storage_params": {"storage_provider": 6}})] == [
        "/storage_params/tencentyun_vod_params"
    ]
    fragment = {"storage_params": {"storage_provider": 6, "tencentyun_vod_params": {}}}
    assert len(run("RS703", fragment)) == 3


@pytest.mark.parametrize(
    ("provider", "fmt", "fires"),
    [
        (5, "mp4", False),
        (5, "flv", False),
        (5, "mp3", True),
        (6, "jpg", True),
        (6, "hls", True),
        (1, "hls", False),
    ],
)
def test_vod_formats(provider: int, fmt: str, fires: bool) -> None:
    fragment = {
        "storage_params": {"storage_provider": provider},
        "record_output_params": {"output_file_format": fmt},
    }
    assert bool(run("RS704", fragment)) is fires


def test_vod_params_with_wrong_vod_provider() -> None:
    fragment = {"storage_params": {"storage_provider": 5, "tencentyun_vod_params": {}}}
    assert [p for p, _ in run("RS705", fragment)] == ["/storage_params/tencentyun_vod_params"]


def test_provider_specific_hints_only_for_their_provider() -> None:
    assert run("RS706", {"storage_params": {"region": "cn-hangzhou"}}) == []  # provider 1
    assert run("RS707", {"storage_params": {"bucket_name": "plain"}}) == []
    temp = {"storage_params": {"storage_provider": 2, "access_key_id": "ASIAXXXX"}}
    assert run("RS708", temp) == []  # an ASIA prefix means nothing for OSS


# ---------------------------------------------------------------- whiteboard

BOARD = {"horizontal_ratio": 16, "vertical_ratio": 9, "whiteboard_id": "wb"}


def test_whiteboard_required_when_empty_list() -> None:
    found = run("RS501", {"record_input_params": {"has_whiteboard": True, "whiteboard": []}})
    assert "empty" in found[0][1]


def test_whiteboard_audio_only_in_single_mode_too() -> None:
    fragment = {
        "record_input_params": {
            "record_mode": 1,
            "mix_config": None,
            "stream_type": 1,
            "has_whiteboard": True,
            "whiteboard": [BOARD],
        }
    }
    assert [p for p, _ in run("RS503", fragment)] == ["/record_input_params/has_whiteboard"]


def test_whiteboard_size_is_fine_in_single_mode() -> None:
    fragment = {
        "record_input_params": {
            "record_mode": 1,
            "mix_config": None,
            "has_whiteboard": True,
            "whiteboard": [{**BOARD, "width": 1920, "height": 1080}],
        }
    }
    assert run("RS505", fragment) == []


def test_whiteboard_views() -> None:
    board_view = {"view_type": 2, "top": 0, "left": 0, "bottom": 360, "right": 640, "layer": 1}
    two = {
        "record_input_params": {
            "has_whiteboard": True,
            "whiteboard": [BOARD],
            "mix_config": {"mix_input_list": [board_view, board_view, board_view]},
        }
    }
    assert [p for p, _ in run("RS510", two)] == [f"{VIEWS}/1/view_type", f"{VIEWS}/2/view_type"]
    two["record_input_params"]["has_whiteboard"] = False
    assert len(run("RS511", two)) == 3


def test_whiteboard_without_view_only_in_custom_layout() -> None:
    fragment = {"record_input_params": {"has_whiteboard": True, "whiteboard": [BOARD]}}
    assert len(run("RS512", fragment)) == 1
    fragment["record_input_params"]["mix_config"] = {"mix_mode": 2, "mix_input_list": None}
    assert run("RS512", fragment) == []


# ---------------------------------------------------------------- mode-dependent no-effect rules


def test_no_effect_rules_inside_mix_config_stay_quiet_in_single_mode() -> None:
    fragment = {
        "record_input_params": {
            "record_mode": 1,
            "mix_config": {"mix_mode": 2, "mix_max_resolution_stream_id": "a"},
        }
    }
    assert run("RS204", fragment)
    assert run("RS402", fragment) == []
    assert run("RS403", fragment) == []


def test_mute_rules_partition() -> None:
    single_mp3: dict[str, Any] = {
        "record_input_params": {"record_mode": 1, "stream_type": 1, "mix_config": None},
        "record_output_params": {"output_file_format": "mp3"},
    }
    single_mp3["record_input_params"]["record_mute_audio_split_threshold"] = 0
    assert run("RS211", single_mp3) == []
    assert len(run("RS212", single_mp3)) == 1
    single_mp3["record_input_params"]["record_mute_audio"] = 2
    assert run("RS212", single_mp3) == []
    assert run("RS213", single_mp3) == []  # 0 splits at every silence: meaningful
