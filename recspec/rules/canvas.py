"""Canvas rules (RS3xx): mix_config's output stream, video and audio settings, colours, images."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import (
    INPUT,
    MIX,
    VIDEO,
    canvas_size,
    color_problem,
    http_url_problem,
    mix_ignored,
    range_check,
    view_entries,
)
from recspec.rules.base import Finding, PayloadView, Rule, finding

MAX_SIDE = 1920
MAX_AREA = 1920 * 1080

#: ZEGO's recommended (width, height, fps, communication bitrate in bps) for mixed output
#: ([G-mix], reference §1.5). Live streaming uses about twice these values.
BITRATE_TABLE: tuple[tuple[int, int, int, int], ...] = (
    (160, 120, 15, 65000),
    (120, 120, 15, 50000),
    (320, 180, 15, 140000),
    (180, 180, 15, 100000),
    (240, 180, 15, 120000),
    (320, 240, 15, 200000),
    (240, 240, 15, 140000),
    (424, 240, 15, 220000),
    (640, 360, 15, 400000),
    (360, 360, 15, 260000),
    (640, 360, 30, 600000),
    (360, 360, 30, 400000),
    (480, 360, 15, 320000),
    (480, 360, 30, 490000),
    (640, 480, 15, 500000),
    (480, 480, 15, 400000),
    (640, 480, 30, 750000),
    (480, 480, 30, 600000),
    (848, 480, 15, 610000),
    (848, 480, 30, 930000),
    (640, 480, 10, 400000),
    (1280, 720, 15, 1130000),
    (1280, 720, 30, 1710000),
    (960, 720, 15, 910000),
    (960, 720, 30, 1380000),
    (1920, 1080, 15, 2080000),
    (1920, 1080, 30, 3150000),
)
LOW_FACTOR = 0.5
HIGH_FACTOR = 3.0


@functools.lru_cache(maxsize=1024)
def recommended_bitrate(width: int, height: int, fps: int) -> tuple[int, int, int, int]:
    """The table entry nearest to (width*height, fps), distances measured as log ratios.

    Memoised: payloads use a handful of canvas sizes, and the search costs 54 logarithms.
    """
    import math  # only mixed payloads get here, and once per canvas

    pixels = width * height

    def distance(entry: tuple[int, int, int, int]) -> float:
        w, h, f, _ = entry
        return abs(math.log(pixels / (w * h))) + abs(math.log(fps / f))

    return min(BITRATE_TABLE, key=distance)


def _check_stream_id_required(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "mix_output_stream_id")
    if v.record_mode != 2 or v.dict(*MIX) is None:
        return
    value = v.get(*path)
    if value is None:
        yield finding(
            path,
            "mix_config has no mix_output_stream_id; mixed recording needs it (it names the "
            'output stream and the file) — add e.g. mix_output_stream_id = "<room>-mix"',
        )
    elif isinstance(value, str) and not value.strip():
        yield finding(
            path, "mix_output_stream_id is empty; give the mixed output stream a non-empty id"
        )


def _check_video_config_required(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode != 2 or v.dict(*MIX) is None or v.has(*VIDEO):
        return
    if v.stream_type in v.dialect.video_config_stream_types:
        yield finding(
            VIDEO,
            f"mix_config has no mix_output_video_config; {v.dialect.title} requires the canvas "
            "(width, height, fps, bitrate) here — add e.g. 1280x720, 15 fps, 1130000 bps",
        )


def _check_dimensions(v: PayloadView) -> Iterator[Finding]:
    for side in ("width", "height"):
        value = v.int(*VIDEO, side)
        if value is not None and not 1 <= value <= MAX_SIDE:
            fix = f"use {MAX_SIDE} or less" if value > MAX_SIDE else "use a positive size"
            yield finding(
                (*VIDEO, side),
                f"canvas {side} is {value}; it must be between 1 and {MAX_SIDE} px — {fix}",
            )


def _check_area(v: PayloadView) -> Iterator[Finding]:
    canvas = canvas_size(v)
    if canvas is None:
        return
    width, height = canvas
    if 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and width * height > MAX_AREA:
        yield finding(
            (*VIDEO, "width"),
            f"canvas is {width}x{height} = {width * height} pixels; ZEGO accepts at most "
            f"1920x1080 = {MAX_AREA} — use e.g. 1920x1080 or 1080x1920",
        )


def _check_video_bitrate(v: PayloadView) -> Iterator[Finding]:
    path = (*VIDEO, "bitrate")
    value = v.int(*path)
    if value is not None and value <= 0:
        yield finding(
            path,
            f"video bitrate is {value}; it is in bps and must be positive — e.g. 1500000 "
            "for 1.5 Mbps",
        )


def _check_audio_bitrate(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "mix_output_audio_config", "bitrate")
    value = v.int(*path)
    if value is not None and value <= 0:
        yield finding(
            path,
            f"audio bitrate is {value}; it is in bps and must be positive — omit it for the "
            "default 48000",
        )


def _check_background_color(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "mix_output_background_color")
    value = v.int(*path)
    if value is not None and (problem := color_problem("mix_output_background_color", value)):
        yield finding(path, problem)


_IMAGE_FIELDS = (
    "mix_output_background_image",
    "mix_output_watermark_image",
    "default_mix_stream_background_image",
)


def _check_image_urls(v: PayloadView) -> Iterator[Finding]:
    mix = v.dict(*MIX) or {}  # looked up once; paths are built only for a finding
    for name in _IMAGE_FIELDS:
        value = mix.get(name)
        if isinstance(value, str) and (problem := http_url_problem(name, value)):
            yield finding((*MIX, name), problem)
    for index, entry in view_entries(v):
        value = entry.get("background_image")
        if isinstance(value, str) and (problem := http_url_problem("background_image", value)):
            yield finding((*MIX, "mix_input_list", index, "background_image"), problem)


def _check_default_background(v: PayloadView) -> Iterator[Finding]:
    path = (*MIX, "default_mix_stream_background_image")
    if mix_ignored(v) or not v.has(*path):
        return
    if v.bool(*INPUT, "fill_blank") is not True:
        yield finding(
            path,
            "default_mix_stream_background_image is only shown when fill_blank is true, and "
            "fill_blank is not set; set record_input_params.fill_blank = true or remove the image",
        )


def _check_bitrate_table(v: PayloadView) -> Iterator[Finding]:
    canvas, bitrate = canvas_size(v), v.int(*VIDEO, "bitrate")
    fps = v.get(*VIDEO, "fps")
    fps = 15 if fps is None else fps
    if canvas is None or bitrate is None or bitrate <= 0 or v.stream_type == 1:
        return
    width, height = canvas
    if not (isinstance(fps, int) and 5 <= fps <= 30 and width > 0 and height > 0):
        return
    w, h, f, recommended = recommended_bitrate(width, height, fps)
    ratio = bitrate / recommended
    if LOW_FACTOR <= ratio <= HIGH_FACTOR:
        return
    effect = (
        "the picture will be blocky"
        if ratio < LOW_FACTOR
        else "files grow with little visible gain"
    )
    yield finding(
        (*VIDEO, "bitrate"),
        f"bitrate is {bitrate} bps for {width}x{height} at {fps} fps, {ratio:.2f}x ZEGO's "
        f"recommended {recommended} bps ({w}x{h} at {f} fps); {effect} — use about "
        f"{recommended} (about twice that for live streaming)",
    )


def _check_odd_canvas(v: PayloadView) -> Iterator[Finding]:
    canvas = canvas_size(v)
    if canvas is None:
        return
    for side, value in zip(("width", "height"), canvas, strict=True):
        if value > 0 and value % 2:
            yield finding(
                (*VIDEO, side),
                f"canvas {side} is {value}, an odd number; H.264 with 4:2:0 chroma needs even "
                f"sizes, so the encoder pads or crops a pixel — use {value + 1} or {value - 1}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS301",
        name="mix-output-stream-id-required",
        severity=Severity.ERROR,
        summary="Mixed recording needs a non-empty mix_output_stream_id.",
        why=(
            "The legacy page marks mix_config.mix_output_stream_id required (是否必选: 是): it is "
            "the id of the mixed output stream and becomes part of the file name "
            "(output_file_rule). Without it ZEGO rejects the request."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_stream_id": None}}},
        good={"record_input_params": {"mix_config": {"mix_output_stream_id": "class-101-mix"}}},
        source="[L] seed mix_config.mix_output_stream_id; reference §1.3",
        check=_check_stream_id_required,
        needs=MIX,
    ),
    Rule(
        code="RS302",
        name="mix-output-video-config-required",
        severity=Severity.ERROR,
        summary="Mixed recording needs mix_output_video_config (v2: unless audio only).",
        why=(
            "The legacy page marks mix_output_video_config required (是否必选: 是). The newer "
            "StartRecord API only requires it when video is recorded (StreamType 2, 3 or 4); "
            "the seed wins for the legacy body, so there it is required even for audio-only mixes."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": None}}},
        good={
            "record_input_params": {
                "mix_config": {
                    "mix_output_video_config": {
                        "width": 1280,
                        "height": 720,
                        "fps": 15,
                        "bitrate": 1130000,
                    }
                }
            }
        },
        source="[L] seed mix_config.mix_output_video_config (required); [A] requires it only "
        "for StreamType 2/3/4 — seed wins; reference §1.3, §2 rule 3",
        check=_check_video_config_required,
        needs=MIX,
    ),
    Rule(
        code="RS303",
        name="canvas-dimension-range",
        severity=Severity.ERROR,
        summary="Canvas width and height must be between 1 and 1920 px.",
        why=(
            "The legacy page: width 'width 取值小于或等于 1920' and likewise height, '否则会报错' "
            "(otherwise an error). A zero or negative size cannot be encoded at all."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": {"width": 2560}}}},
        good={"record_input_params": {"mix_config": {"mix_output_video_config": {"width": 1280}}}},
        source="[L] seed mix_output_video_config.width/height; reference §1.5, §2 rule 31",
        check=_check_dimensions,
        needs=VIDEO,
    ),
    Rule(
        code="RS304",
        name="canvas-area-limit",
        severity=Severity.ERROR,
        summary="Canvas width x height must not exceed 1920 x 1080 pixels.",
        why=(
            "The legacy page: 'width 和 height 的乘积不能超过 1920 * 1080,否则会报错' — the "
            "product may not exceed 2073600 pixels. Portrait 1080x1920 is fine; 1920x1920 is not."
        ),
        bad={
            "record_input_params": {
                "mix_config": {"mix_output_video_config": {"width": 1920, "height": 1920}}
            }
        },
        good={
            "record_input_params": {
                "mix_config": {"mix_output_video_config": {"width": 1920, "height": 1080}}
            }
        },
        source="[L] seed mix_output_video_config.width/height; reference §1.5, §2 rule 31",
        check=_check_area,
        needs=VIDEO,
    ),
    Rule(
        code="RS305",
        name="fps-range",
        severity=Severity.ERROR,
        summary="Mixed output fps must be between 5 and 30.",
        why="The legacy page: fps '默认 15,有效范围 [5,30]'. Anything else is rejected.",
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": {"fps": 60}}}},
        good={"record_input_params": {"mix_config": {"mix_output_video_config": {"fps": 30}}}},
        source="[L] seed mix_output_video_config.fps; reference §1.5, §2 rule 32",
        check=range_check((*VIDEO, "fps"), 5, 30),
        needs=VIDEO,
    ),
    Rule(
        code="RS306",
        name="video-bitrate-positive",
        severity=Severity.ERROR,
        summary="Mixed output video bitrate must be a positive number of bps.",
        why=(
            "The legacy page gives bitrate in bps ('要设置码率为 1.5 Mbps 时,需要设置设置此参数为 "
            "1500*1000'). No range is documented, but zero or a negative rate cannot encode video."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": {"bitrate": 0}}}},
        good={
            "record_input_params": {"mix_config": {"mix_output_video_config": {"bitrate": 1130000}}}
        },
        source="[L] seed mix_output_video_config.bitrate; reference §1.5, §2 rule 33 "
        "(positivity inferred)",
        check=_check_video_bitrate,
        needs=VIDEO,
    ),
    Rule(
        code="RS307",
        name="audio-bitrate-positive",
        severity=Severity.ERROR,
        summary="Mixed output audio bitrate must be a positive number of bps.",
        why=(
            "The legacy page: mix_output_audio_config.bitrate is the audio bitrate, default "
            "48000 bps. No range is documented, but zero or a negative rate cannot encode audio."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_audio_config": {"bitrate": -1}}}},
        good={
            "record_input_params": {"mix_config": {"mix_output_audio_config": {"bitrate": 48000}}}
        },
        source="[L] seed mix_output_audio_config.bitrate; reference §1.3, §2 rule 33 "
        "(positivity inferred)",
        check=_check_audio_bitrate,
        needs=MIX,
    ),
    Rule(
        code="RS308",
        name="background-color-format",
        severity=Severity.ERROR,
        summary="mix_output_background_color must be an unsigned 32-bit 0xRRGGBB00 value.",
        why=(
            "The legacy page: '前三个字节为 RGB 颜色值,第四个字节固定为 0,即 0xRRGGBB00'. "
            "A CSS-style 0xRRGGBB has its bytes shifted, so the canvas shows another colour "
            "or is rejected."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_background_color": 0xFFFFFF}}},
        good={"record_input_params": {"mix_config": {"mix_output_background_color": 0xFFFFFF00}}},
        source="[L] seed mix_config.mix_output_background_color; reference §1.3, §2 rule 34, "
        "§5 item 8 (uint32 inferred)",
        check=_check_background_color,
        needs=MIX,
    ),
    Rule(
        code="RS309",
        name="image-url-scheme",
        severity=Severity.ERROR,
        summary="Background and watermark images must be absolute http(s) URLs.",
        why=(
            "ZEGO downloads background, watermark and per-view images over HTTP or HTTPS; a "
            "file path, data: URI or other scheme cannot be fetched and the image is silently "
            "dropped (the StartRecord reference: a failed download is ignored), so the "
            "mistake only shows in the recording."
        ),
        bad={
            "record_input_params": {
                "mix_config": {"mix_output_background_image": "file:///srv/bg.png"}
            }
        },
        good={
            "record_input_params": {
                "mix_config": {"mix_output_background_image": "https://cdn.example.com/bg.png"}
            }
        },
        source="[L] seed mix_config images, mix_input_list.background_image; [A] 'http/https'; "
        "reference §1.3, §1.4, §2 rule 35",
        check=_check_image_urls,
        needs=MIX,
    ),
    Rule(
        code="RS310",
        name="default-background-without-fill-blank",
        severity=Severity.WARNING,
        summary="default_mix_stream_background_image is only shown when fill_blank is true.",
        why=(
            "The legacy page: '当 fill_blank 为 true 时,指定流不存在或者流中断时会显示该背景图' "
            "— the image appears only with fill_blank true. (The current StartRecord docs "
            "also require FrameFillMode 3; the seed wins for the legacy body.)"
        ),
        bad={
            "record_input_params": {
                "mix_config": {
                    "default_mix_stream_background_image": "https://cdn.example.com/away.png"
                }
            }
        },
        good={
            "record_input_params": {
                "fill_blank": True,
                "mix_config": {
                    "default_mix_stream_background_image": "https://cdn.example.com/away.png"
                },
            }
        },
        source="[L] seed mix_config.default_mix_stream_background_image; [A] adds FrameFillMode "
        "3 — seed wins; reference §1.3, §2 rule 29",
        check=_check_default_background,
        needs=MIX,
    ),
    Rule(
        code="RS311",
        name="bitrate-off-recommendation",
        severity=Severity.WARNING,
        summary="Video bitrate is far from ZEGO's recommendation for the canvas and fps.",
        why=(
            "ZEGO's mixed-stream guide gives a recommended bitrate per resolution and frame rate "
            "(e.g. 1280x720 at 15 fps: 1130000 bps for communication, about twice for live). "
            "Below half the recommendation the mixed picture turns blocky; above three times it "
            "the files grow with little visible gain. recspec compares with the nearest table "
            "entry by pixel count and fps."
        ),
        bad={
            "record_input_params": {"mix_config": {"mix_output_video_config": {"bitrate": 200000}}}
        },
        good={
            "record_input_params": {"mix_config": {"mix_output_video_config": {"bitrate": 1500000}}}
        },
        source="[G-mix] recommended resolution/bitrate table (comm bps); reference §1.5",
        check=_check_bitrate_table,
        needs=VIDEO,
    ),
    Rule(
        code="RS312",
        name="odd-canvas-size",
        severity=Severity.INFO,
        summary="An odd canvas width or height does not suit H.264 4:2:0.",
        why=(
            "Beyond the docs: H.264 with 4:2:0 chroma subsampling codes colour per 2x2 pixel "
            "block, so encoders need even frame sizes and pad or crop an odd one, blurring or "
            "losing the edge pixel."
        ),
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": {"height": 721}}}},
        good={"record_input_params": {"mix_config": {"mix_output_video_config": {"height": 720}}}},
        source="recspec (beyond the docs): H.264 4:2:0 frame sizes; reference §5 item 5",
        check=_check_odd_canvas,
        needs=VIDEO,
    ),
)
