"""Pydantic models of the canonical start body: the legacy `start` fields plus StartRecord's (v2).

One body for both dialects (see `recspec.dialect`): fields are named as in the legacy `start`
page (snake_case), and fields that only v2 has are named the same way and marked
`x-only: v2` (app_id and access_token, which v2 sends in the query string, are `x-only:
legacy`). A v2 name that is not the field's PascalCase spelling is given as `x-v2`; codes that
only v2 accepts as `x-v2-values`. The edges read and write either dialect from this one shape.

Field names, order, types and requiredness follow the seed API page exactly; ranges and
cross-field constraints are lint rules (`recspec.rules`), so that a hand-written payload gets
every problem reported at once with a stable rule code instead of a first-error exception.

Types are strict (a string "1280" is not an Int, `true` is not 1). Enum fields accept only their
integer (or string) codes and keep readable names (`RecordMode.MIXED`). Dumping with
`exclude_unset=True` keeps the reference's field order and omits what the spec did not set.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from recspec.payload.enums import (
    FillMode,
    FrameFillMode,
    MixMode,
    MuteAudio,
    OutputFileRule,
    OutputFormat,
    RecordMode,
    SoundWaveType,
    StorageProvider,
    StreamMedia,
    StreamType,
    ViewType,
)

T = TypeVar("T")

#: `json_schema_extra` marks read by `recspec.payload.shape` (and shown in the JSON Schema).
V2_ONLY: dict[str, Any] = {"x-only": "v2"}
LEGACY_ONLY: dict[str, Any] = {"x-only": "legacy"}


def v2_name(name: str, **extra: Any) -> dict[str, Any]:
    """The field's StartRecord name, where it is not the PascalCase of the legacy name."""
    return {"x-v2": name, **extra}


INT64_MAX = 2**63 - 1
UINT32_MAX = 2**32 - 1


def _strict_int(value: Any) -> Any:
    """Let enum validation see only true integers (not bools, floats or numeric strings)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _not_null(value: Any) -> Any:
    """Optional means "may be absent", not "may be null": a Go server reads null as 0."""
    if value is None:
        raise PydanticCustomError("null_forbidden", "null is not a value; omit the field instead")
    return value


#: An optional field: absent is fine, an explicit null is an error.
Opt = Annotated[T | None, BeforeValidator(_not_null)]


def _strict_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


#: Integer-coded enum fields: strict int in, readable IntEnum inside, plain int out.
_INT_CODE = BeforeValidator(_strict_int)
RecordModeCode = Annotated[
    RecordMode,
    Field(strict=False, description="1 = single-stream, 2 = mixed-stream recording."),
    _INT_CODE,
]
StreamTypeCode = Annotated[
    StreamType,
    Field(strict=False, description="1 audio, 2 video, 3 audio+video (default), 4 separate files."),
    _INT_CODE,
]
MixModeCode = Annotated[
    MixMode,
    Field(
        strict=False,
        description="1 custom, 2 grid (default), 3 horizontal, 4 vertical, 5 floating.",
    ),
    _INT_CODE,
]
ViewTypeCode = Annotated[
    ViewType, Field(strict=False, description="1 audio/video (default), 2 whiteboard."), _INT_CODE
]
FillModeCode = Annotated[
    FillMode,
    Field(strict=False, description="1 crop (default), 2 scale to fit with black borders."),
    _INT_CODE,
]
FrameFillModeCode = Annotated[
    FrameFillMode,
    Field(strict=False, description="1 last frame (default), 2 frame_fill_color, 3 none."),
    _INT_CODE,
]
MuteAudioCode = Annotated[
    MuteAudio,
    Field(strict=False, description="1 record muted audio frames (default), 2 drop them."),
    _INT_CODE,
]
StorageProviderCode = Annotated[
    StorageProvider,
    Field(
        strict=False,
        description="1 S3, 2 OSS, 3 COS, 4 Kodo, 5 Aliyun VOD, 6 Tencent VOD, 7 OBS; v2 only: "
        "8 Google Cloud Storage, 9 China Mobile EOS, 10 any S3-compatible service.",
    ),
    _INT_CODE,
]
SoundWaveTypeCode = Annotated[
    SoundWaveType,
    Field(strict=False, description="0 keyed by stream ID (default), 1 keyed by user ID."),
    _INT_CODE,
]
StreamMediaCode = Annotated[
    StreamMedia,
    Field(strict=False, description="0 default, 1 audio, 2 video, 3 audio+video."),
    _INT_CODE,
]
OutputFileRuleCode = Annotated[
    OutputFileRule, Field(strict=False, description="File naming rule; only 1 exists."), _INT_CODE
]
OutputFormatCode = Annotated[
    OutputFormat,
    Field(
        strict=False,
        description='"mp4" (default), "flv", "hls", "jpg" (screenshots), "mp3"; v2 only: "aac", "ogg".',
    ),
    BeforeValidator(_strict_str),
]

Int64 = Annotated[int, Field(le=INT64_MAX, ge=-INT64_MAX - 1)]
Color = Annotated[
    int, Field(description="0xRRGGBB00: three RGB bytes and a zero byte (unsigned 32-bit).")
]


class _Model(BaseModel):
    model_config = ConfigDict(
        strict=True, extra="forbid", use_enum_values=False, validate_default=False
    )


class RecordStream(_Model):
    stream_id: str = Field(description="ID of a stream to record.")


class FillFrame(_Model):
    frame_fill_mode: Opt[FrameFillModeCode] = None
    frame_fill_color: Opt[Color] = Field(
        None, description="Fill colour when frame_fill_mode is 2; default black."
    )


class Whiteboard(_Model):
    horizontal_ratio: int = Field(
        description="Width term of the original whiteboard's aspect ratio, e.g. 16."
    )
    vertical_ratio: int = Field(description="Height term of the whiteboard's aspect ratio, e.g. 9.")
    width: Opt[int] = Field(
        None, description="Whiteboard video width (single-stream only); default 1280."
    )
    height: Opt[int] = Field(
        None, description="Whiteboard video height (single-stream only); default 720."
    )
    whiteboard_id: Opt[str] = Field(
        None, description="Whiteboard to record now; else set later via UpdateWhiteboard."
    )
    background_color: Opt[Color] = Field(
        None,
        description="Whiteboard background 0xRRGGBB00; default white.",
        json_schema_extra=V2_ONLY,
    )
    is_ppt_animation: Opt[bool] = Field(
        None,
        description="Record PPT animations (paid feature); default false.",
        json_schema_extra=v2_name("IsPPTAnimation"),
    )
    ppt_animation_fps: Opt[int] = Field(
        None,
        description="PPT animation frame rate, [1, 30]; default 15.",
        json_schema_extra=v2_name("PPTAnimationFps"),
    )


class MixInput(_Model):
    stream_id: Opt[str] = Field(
        None, description="Stream shown in this view; unset = filled in join order."
    )
    view_type: Opt[ViewTypeCode] = None
    top: int = Field(
        description="y of the top-left corner, [0, 1920], <= bottom and the canvas height."
    )
    left: int = Field(
        description="x of the top-left corner, [0, 1920], <= right and the canvas width."
    )
    bottom: int = Field(
        description="y of the bottom-right corner, [0, 1920], <= the canvas height."
    )
    right: int = Field(description="x of the bottom-right corner, [0, 1920], <= the canvas width.")
    layer: int = Field(description="Stacking order; the larger value is drawn on top.")
    fill_mode: Opt[FillModeCode] = None
    background_image: Opt[str] = Field(
        None, description="Image URL shown while this view's stream is absent."
    )


class VideoConfig(_Model):
    width: int = Field(description="Canvas width in px, <= 1920; width*height <= 1920*1080.")
    height: int = Field(description="Canvas height in px, <= 1920; width*height <= 1920*1080.")
    fps: int = Field(description="Frame rate, [5, 30]; 15 recommended.")
    bitrate: int = Field(description="Video bitrate in bps, e.g. 1500000 for 1.5 Mbps.")


class AudioConfig(_Model):
    bitrate: Opt[int] = Field(None, description="Audio bitrate in bps; default 48000.")


class WatermarkBox(_Model):
    left: int = Field(description="x of the box's left edge, [0, 1920], <= right.")
    top: int = Field(description="y of the box's top edge, [0, 1920], <= bottom.")
    right: int = Field(description="x of the box's right edge, [0, 1920], <= the canvas width.")
    bottom: int = Field(description="y of the box's bottom edge, [0, 1920], <= the canvas height.")


class TimestampWatermark(_Model):
    font_size: int = Field(description="Font size of the time watermark in px, [12, 100].")


class StreamConfig(_Model):
    stream_id: str = Field(description="Stream ID; empty sets the default for unlisted streams.")
    stream_type: Opt[StreamMediaCode] = None


class MixConfig(_Model):
    mix_mode: Opt[MixModeCode] = None
    mix_input_list: Opt[list[MixInput]] = Field(
        None, description="Views of the custom layout (mix_mode 1), at most 25."
    )
    fill_mode: Opt[FillModeCode] = Field(
        None,
        description="Server-side layouts (mix_mode 2-5): 1 crop (default), 2 scale to fit.",
        json_schema_extra=V2_ONLY,
    )
    mix_output_stream_id: str = Field(description="Mixed output stream ID; part of the file name.")
    mix_output_video_config: Opt[VideoConfig] = Field(
        None,
        description="Canvas size, frame rate and bitrate (legacy: always required; v2: "
        "required unless audio only).",
    )
    mix_output_audio_config: Opt[AudioConfig] = Field(None, description="Audio bitrate of the mix.")
    mix_output_background_color: Opt[Color] = Field(
        None, description="Canvas colour 0xRRGGBB00; default black."
    )
    mix_output_background_image: Opt[str] = Field(
        None, description="Canvas background image URL (http/https)."
    )
    mix_max_resolution_stream_id: Opt[str] = Field(
        None, description="Stream in the big view (mix_mode 3, 4, 5)."
    )
    mix_output_watermark_image: Opt[str] = Field(
        None, description="Watermark image URL (http/https)."
    )
    mix_output_watermark_image_config: Opt[WatermarkBox] = Field(
        None, description="Where the watermark image is drawn.", json_schema_extra=V2_ONLY
    )
    default_mix_stream_background_image: Opt[str] = Field(
        None, description="Image URL for absent streams (mixed mode, fill_blank true)."
    )
    is_always_mix: Opt[bool] = Field(
        None,
        description="Start mixing at once instead of waiting for a publisher; default false.",
        json_schema_extra=V2_ONLY,
    )
    mix_output_watermark_timestamp_config: Opt[TimestampWatermark] = Field(
        None, description="A time watermark in the top-right corner.", json_schema_extra=V2_ONLY
    )
    record_sound_wave: Opt[bool] = Field(
        None,
        description="Write every stream's per-second volume to a .sw side file.",
        json_schema_extra=V2_ONLY,
    )
    sound_wave_type: Opt[SoundWaveTypeCode] = Field(
        None, description="0 keyed by stream ID (default), 1 by user ID.", json_schema_extra=V2_ONLY
    )
    stream_config_list: Opt[list[StreamConfig]] = Field(
        None, description="Per-stream media in the mixed recording.", json_schema_extra=V2_ONLY
    )
    clear_input_stream_timeout: Opt[int] = Field(
        None,
        description="Milliseconds to wait for input streams before mixing starts anyway.",
        json_schema_extra=V2_ONLY,
    )


class RecordInputParams(_Model):
    record_mode: RecordModeCode = Field(
        description="1 = single-stream, 2 = mixed-stream recording."
    )
    stream_type: Opt[StreamTypeCode] = None
    client_task_id: Opt[str] = Field(
        None,
        description="Idempotency key: an existing task with this ID is returned, not duplicated.",
        json_schema_extra=V2_ONLY,
    )
    record_stream_list: Opt[list[RecordStream]] = Field(
        None, description="Streams to record (single-stream mode); absent = every stream."
    )
    fill_blank: Opt[bool] = Field(None, description="Pad interrupted streams; default false.")
    fill_frame: Opt[FillFrame] = Field(
        None, description="Picture while a camera is off (mixed mode)."
    )
    record_mute_audio: Opt[MuteAudioCode] = None
    record_mute_audio_split_threshold: Opt[int] = Field(
        None,
        description="Seconds of silence that split the file; 0 = every silence; negative = never.",
    )
    has_whiteboard: Opt[bool] = Field(None, description="Record the whiteboard; default false.")
    whiteboard: Opt[list[Whiteboard]] = Field(
        None, description="The whiteboard (one entry) when has_whiteboard."
    )
    max_idle_time: Opt[int] = Field(
        None,
        description="Stop after this many seconds with no stream; legacy [5, 4294967295], "
        "v2 [5, 86400].",
    )
    max_record_time: Opt[int] = Field(
        None, description="Longest recording in seconds; [300, 86400]."
    )
    resume_without_interruption: Opt[bool] = Field(
        None,
        description="Single-stream: keep writing one file per stream across reconnects.",
        json_schema_extra=V2_ONLY,
    )
    mix_config: Opt[MixConfig] = Field(
        None, description="Mixing parameters; required when record_mode is 2."
    )


class RecordOutputParams(_Model):
    output_file_format: Opt[OutputFormatCode] = Field(
        None, json_schema_extra={"x-v2-values": ["aac", "ogg"]}
    )
    output_folder: Opt[str] = Field(
        None, description="Output folder in the storage bucket; default the root."
    )
    output_file_rule: Opt[OutputFileRuleCode] = None
    snapshot_interval: Opt[int] = Field(
        None, description="Seconds between screenshots (jpg only); [5, 3600]."
    )
    callback_url: Opt[str] = Field(None, description="Per-task callback URL (http/https).")
    fragment_seconds: Opt[int] = Field(
        None,
        description="hls: segment length in seconds, [2, 60]; default 15.",
        json_schema_extra=V2_ONLY,
    )
    realtime_upload_fragment: Opt[bool] = Field(
        None, description="hls: upload segments while recording.", json_schema_extra=V2_ONLY
    )
    short_fragment_path: Opt[bool] = Field(
        None,
        description="hls with real-time upload: bare segment names in the M3U8.",
        json_schema_extra=V2_ONLY,
    )


class AliyunVodParams(_Model):
    region: str = Field(description="Aliyun VOD region, e.g. cn-shanghai.")
    access_key: str = Field(
        description="Aliyun VOD access key.", json_schema_extra=v2_name("AccessKeyId")
    )
    secret_key: str = Field(
        description="Aliyun VOD secret key (write-only recommended).",
        json_schema_extra=v2_name("AccessKeySecret"),
    )
    title: str = Field(description="VOD video title.")
    storage_location: str = Field(description="Fixed storage location given by Aliyun VOD.")


class TencentVodParams(_Model):
    access_key_id: str = Field(
        description="Tencent VOD SecretId.", json_schema_extra=v2_name("SecretId")
    )
    access_key_secret: str = Field(
        description="Tencent VOD SecretKey (write-only recommended).",
        json_schema_extra=v2_name("SecretKey"),
    )
    region: str = Field(description="Tencent VOD region, e.g. ap-shanghai.")
    sub_app_id: Opt[Int64] = Field(None, description="VOD sub-application ID.")


class StorageParams(_Model):
    storage_provider: StorageProviderCode = Field(
        description="1 S3, 2 OSS, 3 COS, 4 Kodo, 5 Aliyun VOD, 6 Tencent VOD, 7 OBS; v2 only: "
        "8 GCS, 9 EOS, 10 S3-compatible.",
        json_schema_extra=v2_name("Vendor", **{"x-v2-values": [8, 9, 10]}),
    )
    region: Opt[str] = Field(None, description="Bucket region (providers 1-4, 7, 9, 10).")
    bucket_name: Opt[str] = Field(
        None, description="Bucket name (object storage).", json_schema_extra=v2_name("Bucket")
    )
    access_key_id: Opt[str] = Field(
        None, description="Storage access key ID (write-only recommended)."
    )
    access_key_secret: Opt[str] = Field(None, description="Storage secret key.")
    end_point: Opt[str] = Field(
        None,
        description="Address of the S3-compatible service (vendor 10).",
        json_schema_extra=V2_ONLY,
    )
    s3_force_path_style: Opt[bool] = Field(
        None,
        description="Vendor 10: path-style bucket addressing; default false.",
        json_schema_extra=V2_ONLY,
    )
    aliyun_vod_params: Opt[AliyunVodParams] = Field(
        None,
        description="Aliyun VOD settings (provider 5).",
        json_schema_extra=v2_name("AlibabaCloudVodParams"),
    )
    tencentyun_vod_params: Opt[TencentVodParams] = Field(
        None,
        description="Tencent VOD settings (provider 6).",
        json_schema_extra=v2_name("TencentCloudVodParams"),
    )


class StartPayload(_Model):
    """The canonical start body: legacy `/start` names, StartRecord (v2) fields marked."""

    app_id: Int64 = Field(
        description="ZEGO AppID (Int64); v2 sends AppId in the query string.",
        json_schema_extra=LEGACY_ONLY,
    )
    access_token: str = Field(
        description="Token from the access_token API (valid 2 h); v2 signs the query string.",
        json_schema_extra=LEGACY_ONLY,
    )
    room_id: str = Field(description="Room to record.")
    record_input_params: RecordInputParams = Field(description="What to record and how.")
    record_output_params: Opt[RecordOutputParams] = Field(
        None, description="File format, folder, callbacks."
    )
    storage_params: StorageParams = Field(description="Where the files go.")


def dump(payload: StartPayload) -> dict[str, Any]:
    """The payload as plain JSON data: reference field order, only what was set, codes as ints."""
    return payload.model_dump(mode="json", exclude_unset=True)
