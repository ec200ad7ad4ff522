"""Input rules (RS2xx): record_input_params ranges, mode-dependent fields and no-effect settings."""

from __future__ import annotations

from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import INPUT, MIX, color_problem, range_check
from recspec.rules.base import Finding, PayloadView, Rule, finding

_FILL_COLOR = (*INPUT, "fill_frame", "frame_fill_color")
_MUTE = (*INPUT, "record_mute_audio")
_SPLIT = (*INPUT, "record_mute_audio_split_threshold")


def _check_mix_config_required(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode == 2 and not v.has(*MIX):
        yield finding(
            MIX,
            "record_mode is 2 (mixed) but mix_config is missing; add mix_config with "
            "mix_output_stream_id and mix_output_video_config",
        )


def _check_mix_config_in_single(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode == 1 and v.has(*MIX):
        yield finding(
            MIX,
            "mix_config has no effect with record_mode 1 (single-stream); remove it, or set "
            "record_mode to 2 for one mixed file",
        )


def _check_stream_list_in_mixed(v: PayloadView) -> Iterator[Finding]:
    path = (*INPUT, "record_stream_list")
    if v.record_mode == 2 and v.has(*path):
        yield finding(
            path,
            "record_stream_list only applies to single-stream recording (record_mode 1); in "
            "mixed mode choose streams with mix_input_list[].stream_id — remove it",
        )


def _check_duplicate_record_stream(v: PayloadView) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, entry in enumerate(v.list(*INPUT, "record_stream_list") or []):
        stream = entry.get("stream_id") if isinstance(entry, dict) else None
        if not isinstance(stream, str):
            continue
        if stream in seen:
            yield finding(
                (*INPUT, "record_stream_list", index, "stream_id"),
                f"stream {stream!r} is listed twice in record_stream_list (entries "
                f"{seen[stream] + 1} and {index + 1}); remove the duplicate",
            )
        else:
            seen[stream] = index


def _check_fill_frame_in_single(v: PayloadView) -> Iterator[Finding]:
    path = (*INPUT, "fill_frame")
    if v.record_mode == 1 and v.has(*path):
        yield finding(
            path,
            "fill_frame only applies to mixed recording (record_mode 2); it has no effect in "
            "single-stream mode — remove it",
        )


def _check_fill_color_without_mode(v: PayloadView) -> Iterator[Finding]:
    if not v.has(*_FILL_COLOR):
        return
    mode = v.get(*INPUT, "fill_frame", "frame_fill_mode")
    if mode != 2:
        shown = "absent (default 1)" if mode is None else repr(mode)
        yield finding(
            _FILL_COLOR,
            f"frame_fill_color only applies when frame_fill_mode is 2, and frame_fill_mode is "
            f"{shown}; set frame_fill_mode to 2 or remove frame_fill_color",
        )


def _check_fill_color_format(v: PayloadView) -> Iterator[Finding]:
    value = v.int(*_FILL_COLOR)
    if value is not None and (problem := color_problem("frame_fill_color", value)):
        yield finding(_FILL_COLOR, problem)


def _mute_applies(v: PayloadView) -> bool:
    """record_mute_audio (and its split threshold) act only on single-stream audio-only mp3."""
    return v.record_mode == 1 and v.stream_type == 1 and v.output_format == "mp3"


def _mute_context(v: PayloadView) -> str:
    fmt = v.output_format or "?"
    return f"record_mode {v.record_mode}, stream_type {v.stream_type}, format {fmt!r}"


def _check_mute_no_effect(v: PayloadView) -> Iterator[Finding]:
    if v.has(*_MUTE) and not _mute_applies(v):
        yield finding(
            _MUTE,
            f"record_mute_audio only takes effect for single-stream (record_mode 1), audio-only "
            f"(stream_type 1) mp3 recordings, here {_mute_context(v)}; remove it",
        )


def _check_split_no_effect(v: PayloadView) -> Iterator[Finding]:
    if v.has(*_SPLIT) and not _mute_applies(v):
        yield finding(
            _SPLIT,
            f"record_mute_audio_split_threshold only takes effect for single-stream, "
            f"audio-only mp3 recordings, here {_mute_context(v)}; remove it",
        )


def _check_split_needs_drop(v: PayloadView) -> Iterator[Finding]:
    if not v.has(*_SPLIT) or not _mute_applies(v):
        return
    mute = v.get(*_MUTE)
    if mute != 2:
        shown = "absent (default 1)" if mute is None else repr(mute)
        yield finding(
            _SPLIT,
            f"record_mute_audio_split_threshold only takes effect when record_mute_audio is 2, "
            f"and record_mute_audio is {shown}; set record_mute_audio to 2 or remove the threshold",
        )


def _check_split_negative(v: PayloadView) -> Iterator[Finding]:
    value = v.int(*_SPLIT)
    if value is not None and value < 0:
        yield finding(
            _SPLIT,
            f"record_mute_audio_split_threshold is {value}; a negative threshold means 'never "
            "split', the same as leaving it out — remove it, or use 0 or more seconds",
        )


def _check_fill_blank_no_effect(v: PayloadView) -> Iterator[Finding]:
    path = (*INPUT, "fill_blank")
    if v.bool(*path) is True and v.record_mode == 1 and v.stream_type == 2:
        yield finding(
            path,
            "fill_blank pads single-stream recordings with silent audio only, and stream_type 2 "
            "records no audio, so it has no effect; remove it or record audio too",
        )


def _check_resume_in_mixed_mode(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode == 2 and v.has(*INPUT, "resume_without_interruption"):
        yield finding(
            (*INPUT, "resume_without_interruption"),
            "resume_without_interruption only applies to single-stream recording (record_mode "
            "1); a mixed recording is one file anyway — remove it",
        )


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS201",
        name="max-idle-time-range",
        severity=Severity.ERROR,
        summary="max_idle_time must be between 5 and 4294967295 s (StartRecord v2: 86400 s).",
        why=(
            "The legacy start page says max_idle_time '需大于等于 5,且小于等于 4294967295' "
            "(at least 5, at most 4294967295). A value outside the range is an invalid "
            "parameter and the task is not created. The newer StartRecord API caps it at "
            "86400 (24 h); the legacy body allows the full uint32 range."
        ),
        bad={"record_input_params": {"max_idle_time": 2}},
        good={"record_input_params": {"max_idle_time": 30}},
        source="[L] seed record_input_params.max_idle_time; reference §1.2, §2 rule 43",
        check=range_check((*INPUT, "max_idle_time"), 5, lambda api: api.max_idle_time, "s"),
        needs=(*INPUT, "max_idle_time"),
    ),
    Rule(
        code="RS202",
        name="max-record-time-range",
        severity=Severity.ERROR,
        summary="max_record_time must be between 300 and 86400 seconds (24 h).",
        why=(
            "The legacy start page: max_record_time '需大于等于 300,且小于等于 86400(24 小时)'. "
            "Every task stops after 24 h anyway; ZEGO support can raise the cap to 48 h for an "
            "account, in which case ignore this rule."
        ),
        bad={"record_input_params": {"max_record_time": 172800}},
        good={"record_input_params": {"max_record_time": 7200}},
        source="[L] seed record_input_params.max_record_time; reference §1.2, §2 rule 44",
        check=range_check((*INPUT, "max_record_time"), 300, 86400, "s"),
        needs=(*INPUT, "max_record_time"),
    ),
    Rule(
        code="RS203",
        name="mix-config-required",
        severity=Severity.ERROR,
        summary="Mixed recording (record_mode 2) needs mix_config.",
        why=(
            "Mixed recording composes every stream into one picture; without mix_config there "
            "is no output stream id and no canvas, so ZEGO rejects the request. The legacy "
            "page lost this field's description cell; the StartRecord reference states it "
            "(required when RecordMode is 2), and the legacy page marks mix_config's own "
            "mix_output_stream_id and mix_output_video_config required."
        ),
        bad={"record_input_params": {"mix_config": None}},
        good={"record_input_params": {"record_mode": 1, "mix_config": None}},
        source="[A] RecordInputParams.MixConfig; [L] seed mix_config (inferred same); "
        "reference §1.2, §2 rule 1",
        check=_check_mix_config_required,
    ),
    Rule(
        code="RS204",
        name="mix-config-in-single-mode",
        severity=Severity.WARNING,
        summary="mix_config has no effect in single-stream mode.",
        why=(
            "Single-stream recording (record_mode 1) writes one file per stream and never mixes, "
            "so a mix_config is ignored. Usually the author meant record_mode 2."
        ),
        bad={"record_input_params": {"record_mode": 1}},
        good={"record_input_params": {"record_mode": 1, "mix_config": None}},
        source="[A] RecordInputParams.MixConfig; reference §2 rule 1 (inferred: ignored)",
        check=_check_mix_config_in_single,
        needs=MIX,
    ),
    Rule(
        code="RS205",
        name="record-stream-list-in-mixed-mode",
        severity=Severity.WARNING,
        summary="record_stream_list only applies to single-stream recording.",
        why=(
            "ZEGO: RecordStreamList applies to single-stream mode only. In "
            "mixed mode the streams shown are chosen by the layout (mix_input_list[].stream_id), "
            "so the list is ignored and the recording may contain streams you meant to leave out."
        ),
        bad={"record_input_params": {"record_stream_list": [{"stream_id": "alice"}]}},
        good={
            "record_input_params": {
                "record_mode": 1,
                "mix_config": None,
                "record_stream_list": [{"stream_id": "alice"}],
            }
        },
        source="[A] RecordInputParams.RecordStreamList; [L] seed record_stream_list; "
        "reference §1.2, §2 rule 4",
        check=_check_stream_list_in_mixed,
        needs=(*INPUT, "record_stream_list"),
    ),
    Rule(
        code="RS206",
        name="duplicate-record-stream-id",
        severity=Severity.WARNING,
        summary="A stream id appears twice in record_stream_list.",
        why=(
            "Beyond the docs: each stream is recorded once however often it is listed, so a "
            "duplicate usually hides a typo for a stream you meant to record."
        ),
        bad={
            "record_input_params": {
                "record_mode": 1,
                "mix_config": None,
                "record_stream_list": [{"stream_id": "alice"}, {"stream_id": "alice"}],
            }
        },
        good={
            "record_input_params": {
                "record_mode": 1,
                "mix_config": None,
                "record_stream_list": [{"stream_id": "alice"}, {"stream_id": "bob"}],
            }
        },
        source="recspec (beyond the docs); [L] seed record_stream_list",
        check=_check_duplicate_record_stream,
        needs=(*INPUT, "record_stream_list"),
    ),
    Rule(
        code="RS207",
        name="fill-frame-in-single-mode",
        severity=Severity.WARNING,
        summary="fill_frame only applies to mixed recording.",
        why=(
            "The legacy page: fill_frame (what to show when a camera is switched off while audio "
            "continues) '仅适用于混流录制' — only for mixed recording. In single-stream mode it "
            "is ignored."
        ),
        bad={
            "record_input_params": {
                "record_mode": 1,
                "mix_config": None,
                "fill_frame": {"frame_fill_mode": 1},
            }
        },
        good={"record_input_params": {"fill_frame": {"frame_fill_mode": 1}}},
        source="[L] seed record_input_params.fill_frame; reference §1.2, §2 rule 5",
        check=_check_fill_frame_in_single,
        needs=(*INPUT, "fill_frame"),
    ),
    Rule(
        code="RS208",
        name="frame-fill-color-without-color-mode",
        severity=Severity.WARNING,
        summary="frame_fill_color only applies when frame_fill_mode is 2.",
        why=(
            "The legacy page: frame_fill_color 'frame_fill_mode 设置为 2 时有效'. With the default "
            "mode 1 (repeat the last frame) or 3 (no fill) the colour is never used."
        ),
        bad={"record_input_params": {"fill_frame": {"frame_fill_color": 0x1A1A1A00}}},
        good={
            "record_input_params": {
                "fill_frame": {"frame_fill_mode": 2, "frame_fill_color": 0x1A1A1A00}
            }
        },
        source="[L] seed fill_frame.frame_fill_color; reference §1.2, §2 rule 5",
        check=_check_fill_color_without_mode,
        needs=(*INPUT, "fill_frame"),
    ),
    Rule(
        code="RS209",
        name="frame-fill-color-format",
        severity=Severity.ERROR,
        summary="frame_fill_color must be an unsigned 32-bit 0xRRGGBB00 value.",
        why=(
            "The legacy page: '前三个字节为 RGB 颜色值,第四个字节固定为 0,即 0xRRGGBB00' — the "
            "low byte is fixed at 0. A colour written as 0xRRGGBB (as in CSS) has its bytes "
            "shifted, so ZEGO reads a different colour or rejects the value."
        ),
        bad={
            "record_input_params": {
                "fill_frame": {"frame_fill_mode": 2, "frame_fill_color": 0x1A1A1A}
            }
        },
        good={
            "record_input_params": {
                "fill_frame": {"frame_fill_mode": 2, "frame_fill_color": 0x1A1A1A00}
            }
        },
        source="[L] seed fill_frame.frame_fill_color; reference §1.2, §2 rule 34, §5 item 8 "
        "(uint32 inferred)",
        check=_check_fill_color_format,
        needs=(*INPUT, "fill_frame"),
    ),
    Rule(
        code="RS210",
        name="record-mute-audio-no-effect",
        severity=Severity.WARNING,
        summary="record_mute_audio only acts on single-stream, audio-only mp3 recordings.",
        why=(
            "The legacy page: record_mute_audio applies '仅当单流录制、只录制音频且输出文件格式为 "
            "mp3' — only single-stream (record_mode 1), audio only (stream_type 1) and mp3 output. "
            "Anywhere else ZEGO ignores it."
        ),
        bad={"record_input_params": {"record_mute_audio": 2}},
        good={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 1,
                "mix_config": None,
                "record_mute_audio": 2,
            },
            "record_output_params": {"output_file_format": "mp3"},
        },
        source="[L] seed record_input_params.record_mute_audio; reference §1.2, §2 rule 7",
        check=_check_mute_no_effect,
        needs=_MUTE,
    ),
    Rule(
        code="RS211",
        name="mute-split-threshold-no-effect",
        severity=Severity.WARNING,
        summary="record_mute_audio_split_threshold only acts on single-stream audio-only mp3.",
        why=(
            "The legacy page: the split threshold applies "
            "'仅当单流录制、只录制音频、输出文件格式为 mp3 且 record_mute_audio 为 2 时生效'. "
            "Outside single-stream audio-only mp3 recordings the files are never split on "
            "silence."
        ),
        bad={"record_input_params": {"record_mute_audio_split_threshold": 10}},
        good={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 1,
                "mix_config": None,
                "record_mute_audio": 2,
                "record_mute_audio_split_threshold": 10,
            },
            "record_output_params": {"output_file_format": "mp3"},
        },
        source="[L] seed record_input_params.record_mute_audio_split_threshold; reference "
        "§1.2, §2 rule 8",
        check=_check_split_no_effect,
        needs=_SPLIT,
    ),
    Rule(
        code="RS212",
        name="mute-split-threshold-needs-drop-mode",
        severity=Severity.WARNING,
        summary="record_mute_audio_split_threshold needs record_mute_audio 2.",
        why=(
            "The split threshold only works when muted frames are dropped (record_mute_audio 2, "
            "'且 record_mute_audio 为 2 时生效'). With the default 1 muted audio is recorded and "
            "nothing is split."
        ),
        bad={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 1,
                "mix_config": None,
                "record_mute_audio_split_threshold": 10,
            },
            "record_output_params": {"output_file_format": "mp3"},
        },
        good={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 1,
                "mix_config": None,
                "record_mute_audio": 2,
                "record_mute_audio_split_threshold": 10,
            },
            "record_output_params": {"output_file_format": "mp3"},
        },
        source="[L] seed record_input_params.record_mute_audio_split_threshold; reference §2 "
        "rule 8",
        check=_check_split_needs_drop,
        needs=_SPLIT,
    ),
    Rule(
        code="RS213",
        name="mute-split-threshold-negative",
        severity=Severity.INFO,
        summary="A negative record_mute_audio_split_threshold is the same as leaving it out.",
        why=(
            "The legacy page: '指定为 0 时遇静音即分片,不指定或者指定为负数时表示不分片' "
            "— 0 splits at every silence, absent or negative never splits. A negative value "
            "reads like a setting but does nothing."
        ),
        bad={"record_input_params": {"record_mute_audio_split_threshold": -1}},
        good={"record_input_params": {"record_mute_audio_split_threshold": None}},
        source="[L] seed record_input_params.record_mute_audio_split_threshold; reference §2 "
        "rule 8",
        check=_check_split_negative,
        needs=_SPLIT,
    ),
    Rule(
        code="RS214",
        name="fill-blank-no-effect",
        severity=Severity.WARNING,
        summary="fill_blank does nothing for single-stream video-only recordings.",
        why=(
            "In single-stream mode fill_blank pads an interrupted stream with silent audio only; "
            "ZEGO notes this is impossible when StreamType is 2 (video only). The setting is "
            "ignored and a re-publish still starts a new file."
        ),
        bad={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 2,
                "mix_config": None,
                "fill_blank": True,
            }
        },
        good={
            "record_input_params": {
                "record_mode": 1,
                "stream_type": 3,
                "mix_config": None,
                "fill_blank": True,
            }
        },
        source="[A] RecordInputParams.FillBlank; [L] seed fill_blank; reference §1.2",
        check=_check_fill_blank_no_effect,
        needs=(*INPUT, "fill_blank"),
    ),
    Rule(
        code="RS215",
        name="resume-without-interruption-in-mixed-mode",
        severity=Severity.WARNING,
        summary="resume_without_interruption only applies to single-stream recording.",
        why="StartRecord: ResumeWithoutInterruption is for single-stream recording only.",
        bad={"record_input_params": {"resume_without_interruption": True}},
        good={
            "record_input_params": {
                "record_mode": 1,
                "mix_config": None,
                "resume_without_interruption": True,
            }
        },
        source="[A] RecordInputParams.ResumeWithoutInterruption; reference §2 rule 9",
        check=_check_resume_in_mixed_mode,
        needs=(*INPUT, "resume_without_interruption"),
        dialect="v2",
    ),
)
