"""A canonical start body -> the spec keys that say it: names for codes, human units.

Why only "what the spec can say exactly": each key is written when the compiler turns it back
into the very same field, and left out when it is the default the compiler would use anyway.
Whatever is left (a field no key writes, a value no unit spells) is not guessed here: the
round trip (`recspec.importer.roundtrip`) compiles these keys and puts the difference in
`[payload]`. Values are checked by type first, so an invalid body still gives a spec that loads.
"""

from __future__ import annotations

from typing import Any

from recspec.importer import units
from recspec.importer.secrets import Secrets
from recspec.importer.units import is_int

Table = dict[str, Any]
MEDIA = {1: "audio", 2: "video", 3: "audio+video", 4: "separate"}
CAMERA_OFF = {1: "last-frame", 2: "color", 3: "none"}
MUTE = {1: "record", 2: "drop"}
STREAM_MEDIA = {0: "default", 1: "audio", 2: "video", 3: "audio+video"}
FORMATS = frozenset({"mp4", "flv", "hls", "jpg", "mp3", "aac", "ogg"})
#: `[record] mode` when the body mixes but the spec may not build the mix itself (see `_mix`).
MODE_NOTE = (
    'mode = "single" and record_mode 2 (mixed) under [payload]: the body mixes without a '
    'mix_output_video_config, which [record] mode = "mixed" would always write'
)


def _dict(node: Any, key: str) -> Table:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def _put(table: Table, key: str, value: Any) -> None:
    if value is not None:
        table[key] = value


def _int(node: Table, key: str) -> int | None:
    value = node.get(key)
    return value if is_int(value) else None


def _str(node: Table, key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) else None


def _bool(node: Table, key: str) -> bool | None:
    value = node.get(key)
    return value if isinstance(value, bool) else None


def _code(node: Table, key: str, names: dict[int, str]) -> str | None:
    value = _int(node, key)
    return names.get(value) if value is not None else None


def _spelled(node: Table, key: str, spell: Any) -> Any:
    value = _int(node, key)
    return spell(value) if value is not None else None


def read_body(
    body: Table, target: str, secrets: Secrets, notes: list[str], explicit: bool
) -> Table:
    """The spec (as TOML-ready data, without `[payload]`) for the canonical `body` of the
    `target` dialect; `explicit` writes the `target` key."""
    spec: Table = {"version": 1}
    if explicit:
        spec["target"] = target
    spec["room"] = _room(body, target, secrets)
    rip = _dict(body, "record_input_params")
    record = _record(rip)
    spec["record"] = record
    board = _whiteboard(rip)
    if board is not None:
        spec["whiteboard"] = board
    layout, video, mode = _mix(rip, spec["room"].get("id"), board is not None, notes)
    if mode is not None:
        spec["record"] = {"mode": mode, **record}
    if layout is not None:
        spec["layout"] = layout
    if video is not None:
        spec["video"] = video
    spec["output"] = _output(_dict(body, "record_output_params"))
    spec["storage"] = _storage(_dict(body, "storage_params"), secrets)
    return {k: v for k, v in spec.items() if v != {} or k == "video"}


def _room(body: Table, target: str, secrets: Secrets) -> Table:
    room: Table = {"id": _str(body, "room_id") or ""}
    if target == "legacy":
        _put(room, "app_id", _int(body, "app_id"))
        token = _str(body, "access_token")
        if token is not None:
            room["access_token"] = secrets.at.get(("access_token",), token)
    return room


def _record(rip: Table) -> Table:
    record: Table = {}
    _put(record, "media", _code(rip, "stream_type", MEDIA))
    _put(record, "max_idle", _spelled(rip, "max_idle_time", units.duration))
    _put(record, "max_duration", _spelled(rip, "max_record_time", units.duration))
    _put(record, "fill_blank", _bool(rip, "fill_blank"))
    streams = rip.get("record_stream_list")
    if isinstance(streams, list) and all(
        isinstance(s, dict) and s.keys() == {"stream_id"} and isinstance(s["stream_id"], str)
        for s in streams
    ):
        record["streams"] = [s["stream_id"] for s in streams]
    frame = _dict(rip, "fill_frame")
    _put(record, "camera_off", _code(frame, "frame_fill_mode", CAMERA_OFF))
    _put(record, "camera_off_color", units.color(frame.get("frame_fill_color")))
    _put(record, "mute_audio", _code(rip, "record_mute_audio", MUTE))
    _put(record, "mute_split", _spelled(rip, "record_mute_audio_split_threshold", units.duration))
    _put(record, "client_task_id", _str(rip, "client_task_id"))
    _put(record, "resume_without_interruption", _bool(rip, "resume_without_interruption"))
    mix = _dict(rip, "mix_config")
    if mix.get("record_sound_wave") is True:
        _put(record, "sound_wave", _code(mix, "sound_wave_type", {0: "stream", 1: "user"}))
    _put(record, "stream_media", _stream_media(mix.get("stream_config_list")))
    return record


def _stream_media(items: Any) -> Table | None:
    if not isinstance(items, list):
        return None
    media: Table = {}
    for item in items:
        if not isinstance(item, dict) or item.keys() != {"stream_id", "stream_type"}:
            return None
        stream, kind = item["stream_id"], item["stream_type"]
        if not isinstance(stream, str) or stream == "*" or not is_int(kind):
            return None
        key = stream or "*"
        if key in media or kind not in STREAM_MEDIA:
            return None
        media[key] = STREAM_MEDIA[kind]
    return media


def _whiteboard(rip: Table) -> Table | None:
    boards = rip.get("whiteboard")
    if rip.get("has_whiteboard") is not True or not isinstance(boards, list) or len(boards) != 1:
        return None
    entry = boards[0] if isinstance(boards[0], dict) else {}
    ratio = units.ratio(entry.get("horizontal_ratio"), entry.get("vertical_ratio"))
    if ratio is None:
        return None
    board: Table = {"ratio": ratio}
    _put(board, "id", _str(entry, "whiteboard_id"))
    width, height = _int(entry, "width"), _int(entry, "height")
    if width is not None and height is not None:
        _put(board, "size", units.resolution(width, height, named=False))
    _put(board, "ppt_animation", _bool(entry, "is_ppt_animation"))
    _put(board, "ppt_animation_fps", _int(entry, "ppt_animation_fps"))
    _put(board, "background", units.color(entry.get("background_color")))
    return board


def _canvas(mix: Table) -> tuple[int, int, int, int] | None:
    config = _dict(mix, "mix_output_video_config")
    sizes = [config.get(key) for key in ("width", "height", "fps", "bitrate")]
    ints = [size for size in sizes if is_int(size)]
    if len(ints) != len(sizes):
        return None
    width, height, fps, bps = ints
    return (width, height, fps, bps) if units.resolution(width, height) else None


def _mix(
    rip: Table, room: str | None, whiteboard: bool, notes: list[str]
) -> tuple[Table | None, Table | None, str | None]:
    """`[layout]`, `[video]` and `[record] mode` for the mix (each None when not written).

    The compiler writes a whole canvas (mix_output_video_config) whenever it builds a mix, so
    a mix_config without one is left to `[payload]`, and a mixed body says `mode = "single"`
    (overridden there) so that nothing builds it.
    """
    from recspec.importer.layout import layout_for

    mixed = rip.get("record_mode") == 2
    mix = rip.get("mix_config")
    canvas = _canvas(mix) if isinstance(mix, dict) else None
    if not isinstance(mix, dict) or canvas is None:
        if mixed:
            notes.append(MODE_NOTE)
            return None, None, "single"
        return None, None, None
    width, height, fps, bps = canvas
    layout = layout_for(mix, width, height, whiteboard, notes)
    video = _video(mix, room, width, height, fps, bps)
    if layout is not None:
        return layout, video or None, None if mixed else "single"
    return None, video or (None if mixed else {}), "mixed" if mixed else None


def _video(mix: Table, room: str | None, width: int, height: int, fps: int, bps: int) -> Table:
    from recspec.payload.bitrates import recommended_bitrate

    video: Table = {}
    resolution = units.resolution(width, height)
    if resolution != "720p":
        video["resolution"] = resolution
    if fps != 15:
        video["fps"] = fps
    if bps != recommended_bitrate(width, height, fps):
        video["bitrate"] = units.bitrate(bps)
    _put(video, "background", units.color(mix.get("mix_output_background_color")))
    _put(video, "background_image", _str(mix, "mix_output_background_image"))
    _put(video, "watermark", _str(mix, "mix_output_watermark_image"))
    _put(video, "placeholder_image", _str(mix, "default_mix_stream_background_image"))
    audio = _dict(mix, "mix_output_audio_config")
    if audio.keys() == {"bitrate"} and is_int(audio["bitrate"]):
        video["audio_bitrate"] = units.bitrate(audio["bitrate"])
    stream = _str(mix, "mix_output_stream_id")
    if stream is not None and stream != f"{room}-mix":
        video["stream_id"] = stream
    box = _dict(mix, "mix_output_watermark_image_config")
    sides = ("left", "top", "right", "bottom")
    if box.keys() == set(sides) and all(is_int(box[side]) for side in sides):
        video["watermark_box"] = {side: box[side] for side in sides}
    stamp = _dict(mix, "mix_output_watermark_timestamp_config")
    if stamp.keys() == {"font_size"} and is_int(stamp["font_size"]):
        video["time_watermark_size"] = stamp["font_size"]
    _put(video, "always_mix", _bool(mix, "is_always_mix"))
    _put(video, "input_timeout", _spelled(mix, "clear_input_stream_timeout", units.milliseconds))
    return video


def _output(rop: Table) -> Table:
    output: Table = {}
    fmt = _str(rop, "output_file_format")
    _put(output, "format", fmt if fmt in FORMATS else None)
    _put(output, "folder", _str(rop, "output_folder"))
    _put(output, "snapshot_interval", _spelled(rop, "snapshot_interval", units.duration))
    _put(output, "callback_url", _str(rop, "callback_url"))
    _put(output, "fragment", _spelled(rop, "fragment_seconds", units.duration))
    _put(output, "realtime_upload", _bool(rop, "realtime_upload_fragment"))
    _put(output, "short_fragment_path", _bool(rop, "short_fragment_path"))
    return output


def _storage(params: Table, secrets: Secrets) -> Table:
    from recspec.spec.units import PROVIDERS

    names = {code: name for name, code in PROVIDERS.items()}
    code = _int(params, "storage_provider")
    name = names.get(code) if code is not None else None
    storage: Table = {"provider": name or "s3"}

    def credential(*path: str) -> str | None:
        node = params
        for step in path[:-1]:
            node = _dict(node, step)
        value = _str(node, path[-1])
        return secrets.at.get(("storage_params", *path), value) if value is not None else None

    if code == 5:
        vod = _dict(params, "aliyun_vod_params")
        _put(storage, "region", _str(vod, "region"))
        _put(storage, "access_key_id", credential("aliyun_vod_params", "access_key"))
        _put(storage, "access_key_secret", credential("aliyun_vod_params", "secret_key"))
        _put(storage, "title", _str(vod, "title"))
        _put(storage, "storage_location", _str(vod, "storage_location"))
    elif code == 6:
        vod = _dict(params, "tencentyun_vod_params")
        _put(storage, "region", _str(vod, "region"))
        _put(storage, "access_key_id", credential("tencentyun_vod_params", "access_key_id"))
        _put(storage, "access_key_secret", credential("tencentyun_vod_params", "access_key_secret"))
        _put(storage, "sub_app_id", _int(vod, "sub_app_id"))
    elif name is not None:
        _put(storage, "region", _str(params, "region"))
        _put(storage, "bucket", _str(params, "bucket_name"))
        _put(storage, "access_key_id", credential("access_key_id"))
        _put(storage, "access_key_secret", credential("access_key_secret"))
        if code == 10:  # elsewhere the compiler would warn (RS809): left to [payload]
            _put(storage, "endpoint", _str(params, "end_point"))
            _put(storage, "force_path_style", _bool(params, "s3_force_path_style"))
    return storage
