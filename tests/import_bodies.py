"""Hypothesis strategies of start bodies in both dialects, for `recspec import`'s round trip.

Bodies are drawn close to valid (the round trip is promised for valid bodies) but wide: every
field of the canonical model, human-unit values and awkward ones (a bitrate no unit spells, a
negative mute threshold, an odd canvas), layouts computed by every preset with random options
as well as hand-made views no preset makes (no fill_mode, explicit view_type 1, overlaps),
strings with quotes, control characters, `${env:...}` and non-ASCII text, and secrets that
reappear in other fields. The test keeps the drawn bodies that lint without errors.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from recspec.dialect.names import write
from recspec.layout import LayoutError, LayoutSpec, plan_layout
from recspec.payload.bitrates import recommended_bitrate

CHARS = st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF)
TEXT = st.text(CHARS, min_size=1, max_size=10)
IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    TEXT,
    st.sampled_from(['a"b', "x\\y", "${env:HOME}", "$${env:X:-y}z", "日本語", "tab\there", "*"]),
)
SECRETS = st.one_of(
    st.from_regex(r"[A-Za-z0-9/+]{4,24}", fullmatch=True),
    TEXT,
    st.sampled_from(["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG", "${env:NOT_A_REF}", "a"]),
)
URLS = st.builds(
    "https://cdn.example.com/{}.png?t={}".format,
    st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
    st.from_regex(r"[a-z0-9&=]{0,8}", fullmatch=True),
)
COLORS = st.integers(0, 0xFFFFFF).map(lambda rgb: rgb << 8)
SIZES = [(1280, 720), (640, 360), (1920, 1080), (1080, 1920), (848, 480), (960, 540), (1279, 719)]
COMPUTED = ["grid", "speaker", "pip", "side-by-side", "stack", "presentation"]


def maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: Any) -> None:
    """Set `target[key]` to a drawn value, or leave it out."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


def preset_views(
    draw: st.DrawFn, width: int, height: int, whiteboard: bool
) -> list[dict[str, Any]] | None:
    """The views a computed preset makes with random options (None when they do not build)."""
    count = draw(st.integers(1, 8))
    named = draw(st.integers(0, count))
    streams = draw(st.lists(IDS, min_size=named, max_size=named, unique=True))
    options: dict[str, Any] = {"preset": draw(st.sampled_from(COMPUTED)), "streams": streams}
    if count > named:
        options["tiles"] = count
    for key, values in {
        "gap": [0, 2, 4, 8, 12],
        "margin": [0, 4, 8, 16],
        "align": [2, 1, 4],
        "fit": ["crop", "fit"],
        "tile_aspect": ["16:9", "9:16", "4:3", "1:1"],
        "tile_shape": ["aspect", "cell"],
        "last_row": ["left", "center", "right", "justify"],
        "strip": ["right", "left", "bottom", "top"],
        "strip_size": ["20%", "25%", 0.3, 200],
        "strip_capacity": [2, 3, 4],
        "max_strips": [1, 2, 3],
        "strip_align": ["start", "center", "end"],
        "corner": ["bottom-right", "top-left", "top-right"],
        "overlay_size": ["25%", "30%", 320],
        "overlay_margin": [8, 16, 24],
        "content_fit": ["crop", "fit"],
    }.items():
        if draw(st.integers(0, 3)) == 0:
            options[key] = draw(st.sampled_from(values))
    if streams and draw(st.booleans()):
        options["backgrounds"] = {streams[0]: draw(URLS)}
    try:
        plan = plan_layout(LayoutSpec(**options), width, height, whiteboard=whiteboard)
    except LayoutError:
        return None
    return plan.mix_input_list()


def hand_views(draw: st.DrawFn, width: int, height: int, whiteboard: bool) -> list[dict[str, Any]]:
    """Views written by hand: anywhere in the canvas, optional keys present or not."""
    views = []
    for index in range(draw(st.integers(1, 5))):
        left = draw(st.integers(0, width - 1))
        top = draw(st.integers(0, height - 1))
        view: dict[str, Any] = {
            "top": top,
            "left": left,
            "bottom": draw(st.integers(top, height)),
            "right": draw(st.integers(left, width)),
            "layer": draw(st.integers(0, 3)),
        }
        if whiteboard and index == 0 and draw(st.booleans()):
            view["view_type"] = 2
        else:
            maybe(draw, view, "stream_id", IDS)
            maybe(draw, view, "fill_mode", st.sampled_from([1, 2]))
            maybe(draw, view, "view_type", st.just(1))
            if "stream_id" in view:
                maybe(draw, view, "background_image", URLS)
        views.append(view)
    return views


def mix_config(
    draw: st.DrawFn, v2: bool, whiteboard: bool, audio_only: bool, room: str
) -> dict[str, Any]:
    mix: dict[str, Any] = {}
    mode = draw(st.integers(1, 5))
    mix["mix_mode"] = mode
    width, height = draw(st.sampled_from(SIZES))
    if mode == 1:
        views = preset_views(draw, width, height, whiteboard) if draw(st.booleans()) else None
        mix["mix_input_list"] = views or hand_views(draw, width, height, whiteboard)
    else:
        maybe(draw, mix, "mix_max_resolution_stream_id", IDS)
        if v2:
            maybe(draw, mix, "fill_mode", st.sampled_from([1, 2]))
    mix["mix_output_stream_id"] = draw(st.sampled_from([f"{room}-mix"]) | IDS)
    if not (v2 and audio_only and draw(st.booleans())):
        fps = draw(st.integers(5, 30))
        bitrate = draw(
            st.sampled_from([recommended_bitrate(width, height, fps), 1_500_000, 1_234_567])
            | st.integers(1, 8_000_000)
        )
        mix["mix_output_video_config"] = {
            "width": width,
            "height": height,
            "fps": fps,
            "bitrate": bitrate,
        }
    maybe(draw, mix, "mix_output_audio_config", st.builds(dict, bitrate=st.integers(1, 320_000)))
    maybe(draw, mix, "mix_output_background_color", COLORS)
    maybe(draw, mix, "mix_output_background_image", URLS)
    maybe(draw, mix, "mix_output_watermark_image", URLS)
    maybe(draw, mix, "default_mix_stream_background_image", URLS)
    if v2:
        if draw(st.booleans()):
            left, top = draw(st.integers(0, width - 2)), draw(st.integers(0, height - 2))
            mix["mix_output_watermark_image_config"] = {
                "left": left,
                "top": top,
                "right": draw(st.integers(left + 1, width)),
                "bottom": draw(st.integers(top + 1, height)),
            }
        maybe(draw, mix, "is_always_mix", st.booleans())
        if draw(st.booleans()):
            mix["mix_output_watermark_timestamp_config"] = {"font_size": draw(st.integers(12, 100))}
        if draw(st.booleans()):
            mix["record_sound_wave"] = True
            maybe(draw, mix, "sound_wave_type", st.sampled_from([0, 1]))
        if draw(st.booleans()):
            ids = draw(st.lists(IDS | st.just(""), min_size=1, max_size=3, unique=True))
            mix["stream_config_list"] = [
                {"stream_id": i, "stream_type": draw(st.integers(0, 3))} for i in ids
            ]
        maybe(draw, mix, "clear_input_stream_timeout", st.integers(0, 120_000))
    return mix


def input_params(draw: st.DrawFn, v2: bool, room: str) -> dict[str, Any]:
    mixed = draw(st.booleans())
    rip: dict[str, Any] = {"record_mode": 2 if mixed else 1}
    maybe(draw, rip, "stream_type", st.integers(1, 4))
    audio_only = rip.get("stream_type") == 1
    if v2:
        maybe(draw, rip, "client_task_id", IDS)
    if not mixed:
        maybe(draw, rip, "record_stream_list", st.lists(st.builds(dict, stream_id=IDS), max_size=3))
    maybe(draw, rip, "fill_blank", st.booleans())
    if mixed and draw(st.booleans()):
        rip["fill_frame"] = {"frame_fill_mode": draw(st.integers(1, 3))}
        if rip["fill_frame"]["frame_fill_mode"] == 2:
            maybe(draw, rip["fill_frame"], "frame_fill_color", COLORS)
    if not mixed and draw(st.booleans()):
        rip["record_mute_audio"] = draw(st.sampled_from([1, 2]))
        maybe(draw, rip, "record_mute_audio_split_threshold", st.integers(-5, 600))
    whiteboard = not audio_only and draw(st.integers(0, 3)) == 0
    if whiteboard:
        board: dict[str, Any] = {
            "horizontal_ratio": draw(st.integers(1, 32)),
            "vertical_ratio": draw(st.integers(1, 32)),
        }
        if draw(st.booleans()):
            board["width"], board["height"] = draw(st.sampled_from(SIZES))
        maybe(draw, board, "whiteboard_id", IDS)
        maybe(draw, board, "is_ppt_animation", st.booleans())
        maybe(draw, board, "ppt_animation_fps", st.integers(1, 30))
        if v2:
            maybe(draw, board, "background_color", COLORS)
        rip["has_whiteboard"] = True
        rip["whiteboard"] = [board]
    maybe(draw, rip, "max_idle_time", st.integers(5, 86400 if v2 else 4294967295))
    maybe(draw, rip, "max_record_time", st.integers(300, 86400))
    if v2 and not mixed:
        maybe(draw, rip, "resume_without_interruption", st.booleans())
    if mixed or draw(st.integers(0, 5)) == 0:
        rip["mix_config"] = mix_config(draw, v2, whiteboard, audio_only, room)
    return rip


def storage_params(draw: st.DrawFn, v2: bool, fmt: str | None) -> dict[str, Any]:
    vod_ok = fmt in (None, "mp4", "flv")
    providers = [p for p in range(1, 11 if v2 else 8) if vod_ok or p not in (5, 6)]
    provider = draw(st.sampled_from(providers))
    params: dict[str, Any] = {"storage_provider": provider}
    if provider == 5:
        params["aliyun_vod_params"] = {
            "region": "cn-shanghai",
            "access_key": draw(SECRETS),
            "secret_key": draw(SECRETS),
            "title": draw(IDS),
            "storage_location": "x.oss-cn-shanghai.aliyuncs.com",
        }
    elif provider == 6:
        params["tencentyun_vod_params"] = {
            "access_key_id": draw(SECRETS),
            "access_key_secret": draw(SECRETS),
            "region": "ap-shanghai",
        }
        maybe(draw, params["tencentyun_vod_params"], "sub_app_id", st.integers(1, 2**40))
    else:
        params["region"] = {2: "oss-cn-hangzhou", 4: "z0"}.get(provider, "us-east-1")
        params["bucket_name"] = draw(IDS)
        params["access_key_id"] = draw(SECRETS)
        params["access_key_secret"] = draw(SECRETS)
        if provider == 10:
            params["end_point"] = "https://nyc3.digitaloceanspaces.com"
            maybe(draw, params, "s3_force_path_style", st.booleans())
    return params


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """(dialect, a start body written in that dialect)."""
    dialect = draw(st.sampled_from(["legacy", "v2"]))
    v2 = dialect == "v2"
    body: dict[str, Any] = {}
    if not v2:
        body["app_id"] = draw(st.integers(1, 2**53))
        body["access_token"] = draw(SECRETS)
    body["room_id"] = draw(IDS)
    body["record_input_params"] = input_params(draw, v2, body["room_id"])
    fmt = None
    if draw(st.booleans()):
        output: dict[str, Any] = {}
        formats = ["mp4", "flv", "hls", "mp3", *(["aac", "ogg"] if v2 else [])]
        if body["record_input_params"].get("stream_type") != 1:
            formats.append("jpg")
        maybe(draw, output, "output_file_format", st.sampled_from(formats))
        fmt = output.get("output_file_format")
        if fmt == "jpg":
            maybe(draw, output, "snapshot_interval", st.integers(5, 3600))
        maybe(draw, output, "output_folder", IDS)
        maybe(draw, output, "output_file_rule", st.just(1))
        maybe(draw, output, "callback_url", URLS)
        if v2 and fmt == "hls":
            maybe(draw, output, "fragment_seconds", st.integers(2, 60))
            maybe(draw, output, "realtime_upload_fragment", st.booleans())
            maybe(draw, output, "short_fragment_path", st.booleans())
        body["record_output_params"] = output
    body["storage_params"] = storage_params(draw, v2, fmt)
    if draw(st.integers(0, 5)) == 0:  # a credential that reappears in another field
        secret = body["storage_params"].get("access_key_id")
        if isinstance(secret, str):
            body["record_output_params"] = {
                **body.get("record_output_params", {}),
                "callback_url": f"https://hooks.example.com/cb?key={secret}",
            }
    return dialect, write(body, dialect)
