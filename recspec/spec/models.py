"""The TOML spec language (v1) as pydantic models: human names and units, every key documented.

Key names are a public contract (see `shared/spec/design.md`): extend, never rename. Every field
has a description; `recspec schema spec` and the docs' spec reference are generated from them.
Values stay in human units here (`"720p"`, `"1.5Mbps"`, `"60s"`, `"#1A1A1A"`); validators only
check that they parse. The compiler converts them to the API's integers.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from recspec.layout.spec import LayoutSpec
from recspec.spec import units
from recspec.spec.units import PROVIDERS

__all__ = ["PROVIDERS", "Spec"]


def _checked(parser: Any) -> Any:
    """A validator that keeps the value when `parser` accepts it (`recspec.spec.shape` reads
    `parser` from this closure, so the pydantic-free validator runs the same check)."""

    def check(value: Any) -> Any:
        parser(value)
        return value

    return check


_WORD = BeforeValidator(units.word)
"""Names (modes, formats, presets, ...) are read case-insensitively, like units."""

Resolution = Annotated[str, AfterValidator(_checked(units.parse_resolution))]
Bitrate = Annotated[int | str, AfterValidator(_checked(units.parse_bitrate))]
Duration = Annotated[int | str, AfterValidator(_checked(units.parse_duration))]
Milliseconds = Annotated[int | str, AfterValidator(_checked(units.parse_milliseconds))]
Color = Annotated[str, AfterValidator(_checked(units.parse_color))]
Ratio = Annotated[str, AfterValidator(_checked(units.parse_ratio))]
#: An integer ID that may also be written as a string of digits or an `${env:...}` reference.
IntId = Annotated[
    int,
    BeforeValidator(units.digits_to_int),
    WithJsonSchema(
        {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\s*\d+\s*$|\$\{env:"}]}
    ),
]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class RoomSpec(_Table):
    """`[room]`: which ZEGO app and room to record."""

    id: str = Field(description="Room ID to record. -> room_id")
    app_id: IntId | None = Field(
        None,
        description='ZEGO AppID; an integer, or a string of digits such as "${env:ZEGO_APP_ID}". '
        "Required for target legacy; v2 sends AppId in the query string. -> app_id",
    )
    access_token: str | None = Field(
        None,
        description='Token from the access_token API; use "${env:ZEGO_ACCESS_TOKEN}". Required '
        "for target legacy; v2 signs the request instead. -> access_token",
    )


class RecordSpec(_Table):
    """`[record]`: what to record."""

    mode: Annotated[Literal["single", "mixed"], _WORD] | None = Field(
        None,
        description='"single" (a file per stream) or "mixed" (one file). Default: "mixed" when '
        '[layout] is present, else "single". -> record_input_params.record_mode',
    )
    media: Annotated[Literal["audio", "video", "audio+video", "separate"], _WORD] | None = Field(
        None,
        description='"audio", "video", "audio+video" (API default) or "separate" (video and .aac '
        "files). -> record_input_params.stream_type",
    )
    max_idle: Duration | None = Field(
        None,
        description='Stop after this long with no stream, e.g. "60s" (API default 30s). '
        "-> record_input_params.max_idle_time",
    )
    max_duration: Duration | None = Field(
        None,
        description='Longest recording, e.g. "2h" (API default 24h). -> record_input_params.max_record_time',
    )
    fill_blank: bool | None = Field(
        None,
        description="Pad interrupted streams instead of splitting files. -> record_input_params.fill_blank",
    )
    streams: list[str] | None = Field(
        None,
        description="Streams to record in single mode (default: all). "
        "-> record_input_params.record_stream_list[].stream_id",
    )
    camera_off: Annotated[Literal["last-frame", "color", "none"], _WORD] | None = Field(
        None,
        description='Mixed mode: what a view shows while a camera is off: "last-frame" (API default), '
        '"color" or "none". -> record_input_params.fill_frame.frame_fill_mode',
    )
    camera_off_color: Color | None = Field(
        None,
        description='Colour for camera_off = "color", "#RRGGBB". -> record_input_params.fill_frame.frame_fill_color',
    )
    mute_audio: Annotated[Literal["record", "drop"], _WORD] | None = Field(
        None,
        description='Single-stream audio-only mp3: "record" (API default) or "drop" muted audio frames. '
        "-> record_input_params.record_mute_audio",
    )
    mute_split: Duration | None = Field(
        None,
        description='With mute_audio = "drop": silence that starts a new file, e.g. "10s" (0 = every '
        "silence). -> record_input_params.record_mute_audio_split_threshold",
    )
    client_task_id: str | None = Field(
        None,
        description="v2 only: idempotency key; starting twice with the same ID returns the "
        "existing task. -> record_input_params.client_task_id",
    )
    resume_without_interruption: bool | None = Field(
        None,
        description="v2 only, single mode: keep one file per stream across reconnects. "
        "-> record_input_params.resume_without_interruption",
    )
    sound_wave: Annotated[Literal["stream", "user"], _WORD] | None = Field(
        None,
        description="v2 only, mixed mode: write every stream's per-second volume to a .sw side "
        'file, keyed by "stream" ID or "user" ID. -> mix_config.record_sound_wave / sound_wave_type',
    )
    stream_media: (
        dict[str, Annotated[Literal["default", "audio", "video", "audio+video"], _WORD]] | None
    ) = Field(
        None,
        description='v2 only, mixed mode: what to record of each stream, e.g. { alice = "audio" }; '
        'the key "*" sets the default for unlisted streams. -> mix_config.stream_config_list',
    )


class WhiteboardSpec(_Table):
    """`[whiteboard]`: record a whiteboard (its presence sets has_whiteboard = true)."""

    ratio: Ratio = Field(
        description='Aspect ratio of the original whiteboard, e.g. "16:9". '
        "-> record_input_params.whiteboard[0].horizontal_ratio / vertical_ratio"
    )
    id: str | None = Field(
        None, description="Whiteboard ID to record right away. -> whiteboard[0].whiteboard_id"
    )
    size: Resolution | None = Field(
        None,
        description='Single-stream only: whiteboard video size, e.g. "1280x720". -> whiteboard[0].width / height',
    )
    ppt_animation: bool | None = Field(
        None,
        description="Record PPT animations (paid ZEGO feature). -> whiteboard[0].is_ppt_animation",
    )
    ppt_animation_fps: int | None = Field(
        None,
        description="Frame rate of PPT animations, 1 to 30. -> whiteboard[0].ppt_animation_fps",
    )
    background: Color | None = Field(
        None,
        description='v2 only: whiteboard background "#RRGGBB" (API default white). '
        "-> whiteboard[0].background_color",
    )


class WatermarkBoxSpec(_Table):
    """`[video] watermark_box`: where the watermark image is drawn, in canvas pixels."""

    left: int = Field(
        description="x of the box's left edge. -> mix_output_watermark_image_config.left"
    )
    top: int = Field(
        description="y of the box's top edge. -> mix_output_watermark_image_config.top"
    )
    right: int = Field(
        description="x of the box's right edge (exclusive). -> mix_output_watermark_image_config.right"
    )
    bottom: int = Field(
        description="y of the box's bottom edge (exclusive). -> mix_output_watermark_image_config.bottom"
    )


class VideoSpec(_Table):
    """`[video]`: the mixed output canvas (mixed mode)."""

    resolution: Resolution = Field(
        "720p",
        description='"360p", "480p", "540p", "720p" (default), "1080p" or "WIDTHxHEIGHT" such as '
        '"1080x1920" for portrait. -> mix_config.mix_output_video_config.width / height',
    )
    fps: int = Field(
        15, description="Frame rate, 5 to 30 (default 15). -> mix_output_video_config.fps"
    )
    bitrate: Bitrate | None = Field(
        None,
        description='Video bitrate: "1.5Mbps", "800kbps" or bps. Default: ZEGO\'s recommended bitrate '
        "for the resolution and fps. -> mix_output_video_config.bitrate",
    )
    background: Color | None = Field(
        None,
        description='Canvas colour "#RRGGBB" (API default black). -> mix_config.mix_output_background_color',
    )
    background_image: str | None = Field(
        None,
        description="Canvas background image URL (http/https). -> mix_config.mix_output_background_image",
    )
    watermark: str | None = Field(
        None,
        description="Watermark image URL (http/https). -> mix_config.mix_output_watermark_image",
    )
    placeholder_image: str | None = Field(
        None,
        description="Image shown for absent streams (needs fill_blank). "
        "-> mix_config.default_mix_stream_background_image",
    )
    audio_bitrate: Bitrate | None = Field(
        None,
        description='Audio bitrate of the mix, e.g. "48kbps" (API default 48000). '
        "-> mix_config.mix_output_audio_config.bitrate",
    )
    stream_id: str | None = Field(
        None,
        description='Mixed output stream ID. Default: "<room id>-mix". -> mix_config.mix_output_stream_id',
    )
    watermark_box: WatermarkBoxSpec | None = Field(
        None,
        description="v2 only: the watermark's box, { left = 20, top = 20, right = 220, bottom = 80 }. "
        "-> mix_config.mix_output_watermark_image_config",
    )
    time_watermark_size: int | None = Field(
        None,
        description="v2 only: show the time in the top-right corner at this font size, 12 to 100 "
        "px. -> mix_config.mix_output_watermark_timestamp_config.font_size",
    )
    always_mix: bool | None = Field(
        None,
        description="v2 only: start mixing at once instead of waiting for a publisher. "
        "-> mix_config.is_always_mix",
    )
    input_timeout: Milliseconds | None = Field(
        None,
        description="v2 only: wait this long for input streams before mixing starts anyway, e.g. "
        '"3s" or "500ms" (integers are ms). -> mix_config.clear_input_stream_timeout',
    )


class OutputSpec(_Table):
    """`[output]`: files and callbacks."""

    format: Annotated[Literal["mp4", "flv", "hls", "jpg", "mp3", "aac", "ogg"], _WORD] | None = (
        Field(
            None,
            description='"mp4" (API default), "flv", "hls", "jpg" (screenshots), "mp3"; v2 only: "aac", '
            '"ogg". -> record_output_params.output_file_format',
        )
    )
    folder: str | None = Field(
        None, description='Folder in the bucket, e.g. "record/". -> output_folder'
    )
    snapshot_interval: Duration | None = Field(
        None,
        description='jpg only: time between screenshots, "5s" to "1h" (API default 10s). -> snapshot_interval',
    )
    callback_url: str | None = Field(
        None, description="Per-task callback URL (http/https). -> callback_url"
    )
    fragment: Duration | None = Field(
        None,
        description='v2 only, hls: segment length, "2s" to "60s" (API default 15s). -> fragment_seconds',
    )
    realtime_upload: bool | None = Field(
        None,
        description="v2 only, hls: upload segments while recording. -> realtime_upload_fragment",
    )
    short_fragment_path: bool | None = Field(
        None,
        description="v2 only, hls with realtime_upload: bare segment names in the M3U8. "
        "-> short_fragment_path",
    )


class StorageSpec(_Table):
    """`[storage]`: where ZEGO uploads the files."""

    provider: Annotated[
        Literal[
            "s3",
            "oss",
            "cos",
            "kodo",
            "aliyun-vod",
            "tencent-vod",
            "obs",
            "gcs",
            "eos",
            "s3-compatible",
        ],
        BeforeValidator(units.provider_name),
    ] = Field(
        description="s3, oss, cos, kodo, aliyun-vod, tencent-vod or obs; v2 only: gcs (Google Cloud "
        "Storage), eos (China Mobile EOS), s3-compatible (any S3-protocol service, with "
        "endpoint). -> storage_params.storage_provider"
    )
    region: str | None = Field(
        None,
        description="Bucket region (e.g. us-east-1, oss-cn-hangzhou, ap-beijing, z0, cn-north-4); for VOD "
        "providers the VOD region. -> region (or the VOD block's region)",
    )
    bucket: str | None = Field(
        None, description="Bucket name (not for VOD providers). -> bucket_name"
    )
    access_key_id: str | None = Field(
        None,
        description='Access key ID; use "${env:NAME}". -> access_key_id (aliyun-vod: access_key)',
    )
    access_key_secret: str | None = Field(
        None,
        description='Secret key; use "${env:NAME}". -> access_key_secret (aliyun-vod: secret_key)',
    )
    title: str | None = Field(
        None, description="aliyun-vod: video title. -> aliyun_vod_params.title"
    )
    storage_location: str | None = Field(
        None,
        description="aliyun-vod: fixed storage location from Aliyun VOD. -> aliyun_vod_params.storage_location",
    )
    sub_app_id: IntId | None = Field(
        None, description="tencent-vod: VOD sub-application ID. -> tencentyun_vod_params.sub_app_id"
    )
    endpoint: str | None = Field(
        None,
        description="s3-compatible (v2 only): the service's address, e.g. "
        '"https://nyc3.digitaloceanspaces.com". -> end_point',
    )
    force_path_style: bool | None = Field(
        None,
        description="s3-compatible (v2 only): path-style bucket addressing. -> s3_force_path_style",
    )


class Spec(_Table):
    """A recording spec: one TOML file that compiles to one start payload."""

    model_config = ConfigDict(extra="forbid", strict=True, title="recspec spec")

    version: Literal[1] = Field(1, description="Spec language version; only 1 exists.")
    target: Annotated[Literal["legacy", "v2"], _WORD] | None = Field(
        None,
        description='The API to compile for: "legacy" (the original `start` body, the default) or '
        '"v2" (StartRecord). `recspec compile --target` wins over it, and it over the '
        "configuration's `target`.",
    )
    extends: str | list[str] | None = Field(
        None,
        description="Base spec(s) to deep-merge first, relative to this file; later wins, arrays replace.",
    )
    room: RoomSpec = Field(description="Which app and room to record.")
    record: RecordSpec = Field(default_factory=lambda: RecordSpec(), description="What to record.")
    whiteboard: WhiteboardSpec | None = Field(None, description="Record a whiteboard.")
    layout: LayoutSpec | None = Field(
        None, description="Mixed layout: a preset computed into exact views."
    )
    video: VideoSpec = Field(
        default_factory=lambda: VideoSpec(), description="Mixed output canvas."
    )
    output: OutputSpec = Field(default_factory=lambda: OutputSpec(), description="Output files.")
    storage: StorageSpec = Field(description="Where the files go.")
    payload: dict[str, Any] | None = Field(
        None, description="Escape hatch: raw start-payload fields deep-merged last (still linted)."
    )
