"""Output rules (RS6xx): record_output_params — file rule, screenshots, callback, HLS limits."""

from __future__ import annotations

from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import INPUT, OUTPUT, http_url_problem, range_check
from recspec.rules.base import Finding, PayloadView, Rule, finding

_FORMAT = (*OUTPUT, "output_file_format")
_INTERVAL = (*OUTPUT, "snapshot_interval")


def _check_file_rule(v: PayloadView) -> Iterator[Finding]:
    path = (*OUTPUT, "output_file_rule")
    value = v.int(*path)
    if value is not None and value != 1:
        yield finding(
            path,
            f"output_file_rule is {value}; ZEGO only defines naming rule 1 — use 1 or omit it",
        )


def _check_interval_no_effect(v: PayloadView) -> Iterator[Finding]:
    if v.has(*_INTERVAL) and v.output_format != "jpg":
        yield finding(
            _INTERVAL,
            f'snapshot_interval only applies to screenshots (output_file_format "jpg") and the '
            f"format is {v.output_format!r}; remove it or switch to jpg",
        )


def _check_snapshot_audio_only(v: PayloadView) -> Iterator[Finding]:
    if v.output_format == "jpg" and v.stream_type == 1:
        yield finding(
            _FORMAT,
            'output_file_format is "jpg" (screenshots) but stream_type is 1 (audio only), '
            "which has no pictures; use stream_type 2 or 3, or another format",
        )


def _check_callback(v: PayloadView) -> Iterator[Finding]:
    path = (*OUTPUT, "callback_url")
    value = v.str(*path)
    if value is not None and (problem := http_url_problem("callback_url", value, "calls it")):
        yield finding(path, problem)


_HLS_ONLY = ("fragment_seconds", "realtime_upload_fragment")


def _check_hls_options(v: PayloadView) -> Iterator[Finding]:
    output = v.dict(*OUTPUT)
    if not output or output.keys().isdisjoint(_HLS_ONLY) or v.output_format == "hls":
        return
    for name in _HLS_ONLY:
        if name in output:
            yield finding(
                (*OUTPUT, name),
                f"{name} only applies to hls output, and output_file_format is "
                f"{v.output_format!r}; set output_file_format to hls or remove {name}",
            )


def _check_short_fragment_path(v: PayloadView) -> Iterator[Finding]:
    if v.bool(*OUTPUT, "short_fragment_path") and not v.bool(*OUTPUT, "realtime_upload_fragment"):
        yield finding(
            (*OUTPUT, "short_fragment_path"),
            "short_fragment_path only applies when realtime_upload_fragment is true; set "
            "realtime_upload_fragment to true or remove short_fragment_path",
        )


def _check_hls_limits(v: PayloadView) -> Iterator[Finding]:
    if v.output_format != "hls" or not v.dialect.hls_limited:
        return
    if v.stream_type == 4:
        yield finding(
            _FORMAT,
            "hls output with stream_type 4 (separate audio and video files) was not supported "
            "by the legacy service; use mp4/flv or stream_type 3",
        )
    if v.record_mode == 1 and v.bool(*INPUT, "has_whiteboard") is True:
        yield finding(
            _FORMAT,
            "hls output did not support single-stream whiteboard recording in the legacy "
            "service; use mp4/flv, or record the whiteboard in mixed mode",
        )


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS601",
        name="output-file-rule",
        severity=Severity.ERROR,
        summary="output_file_rule must be 1, the only naming rule.",
        why=(
            "The only naming rule is 1 (default): single-stream "
            "TaskId_RoomId_UserId_StreamId_Type_UTC, mixed Taskid_RoomId_MixOutputStreamId_"
            "Type_UTC. Other values are invalid parameters."
        ),
        bad={"record_output_params": {"output_file_rule": 2}},
        good={"record_output_params": {"output_file_rule": 1}},
        source="[L] seed record_output_params.output_file_rule; [A] OutputFileRule; reference "
        "§1.6, §2 rule 37",
        check=_check_file_rule,
        needs=(*OUTPUT, "output_file_rule"),
    ),
    Rule(
        code="RS602",
        name="snapshot-interval-range",
        severity=Severity.ERROR,
        summary="snapshot_interval must be between 5 and 3600 seconds.",
        why="The legacy page: snapshot_interval '取值范围是 [5, 3600],默认值 10'.",
        bad={"record_output_params": {"output_file_format": "jpg", "snapshot_interval": 1}},
        good={"record_output_params": {"output_file_format": "jpg", "snapshot_interval": 5}},
        source="[L] seed record_output_params.snapshot_interval; reference §1.6, §2 rule 38",
        check=range_check(_INTERVAL, 5, 3600, "s"),
        needs=_INTERVAL,
    ),
    Rule(
        code="RS603",
        name="snapshot-interval-no-effect",
        severity=Severity.WARNING,
        summary="snapshot_interval only applies when output_file_format is jpg.",
        why=(
            "The legacy page: snapshot_interval is '录制文件格式为 “jpg” 时有效' — only for "
            "screenshot tasks. With mp4, flv, hls or mp3 it is ignored."
        ),
        bad={"record_output_params": {"snapshot_interval": 10}},
        good={"record_output_params": {"output_file_format": "jpg", "snapshot_interval": 10}},
        source="[L] seed record_output_params.snapshot_interval; reference §1.6, §2 rule 38",
        check=_check_interval_no_effect,
        needs=_INTERVAL,
    ),
    Rule(
        code="RS604",
        name="snapshot-audio-only",
        severity=Severity.ERROR,
        summary="Screenshots (jpg) are impossible with stream_type 1 (audio only).",
        why=(
            "ZEGO's screenshot guide: screenshots are not available when only audio is "
            "recorded (StreamType 1); there is no picture to capture."
        ),
        bad={
            "record_input_params": {"stream_type": 1},
            "record_output_params": {"output_file_format": "jpg"},
        },
        good={
            "record_input_params": {"stream_type": 3},
            "record_output_params": {"output_file_format": "jpg"},
        },
        source="[G-snap]; reference §2 rule 39",
        check=_check_snapshot_audio_only,
    ),
    Rule(
        code="RS605",
        name="callback-url-scheme",
        severity=Severity.ERROR,
        summary="callback_url must be an absolute http(s) URL.",
        why=(
            "The legacy page: callback_url 'URL 支持 HTTP 和 HTTPS 协议'. Any other value cannot "
            "receive ZEGO's callbacks, so task events are lost."
        ),
        bad={"record_output_params": {"callback_url": "example.com/zego/callback"}},
        good={"record_output_params": {"callback_url": "https://example.com/zego/callback"}},
        source="[L] seed record_output_params.callback_url; reference §1.6",
        check=_check_callback,
        needs=(*OUTPUT, "callback_url"),
    ),
    Rule(
        code="RS606",
        name="hls-unsupported-combination",
        severity=Severity.WARNING,
        summary="Legacy hls output supported neither stream_type 4 nor single-stream whiteboards.",
        why=(
            "ZEGO's legacy single-stream guide: HLS does not support single-stream whiteboard "
            "recording nor stream_type 4. Current guides no longer repeat it, so this is a "
            "warning, but the legacy service is the one this body is sent to."
        ),
        bad={
            "record_input_params": {"stream_type": 4},
            "record_output_params": {"output_file_format": "hls"},
        },
        good={
            "record_input_params": {"stream_type": 3},
            "record_output_params": {"output_file_format": "hls"},
        },
        source="[L-ss] legacy single-stream guide; reference §2 rule 13",
        check=_check_hls_limits,
    ),
    Rule(
        code="RS607",
        name="fragment-seconds-range",
        severity=Severity.ERROR,
        summary="fragment_seconds (HLS segment length) must be between 2 and 60 seconds.",
        why="StartRecord: FragmentSeconds 'value range [2, 60], default 15'. Other values are "
        "an invalid parameter.",
        bad={"record_output_params": {"output_file_format": "hls", "fragment_seconds": 90}},
        good={"record_output_params": {"output_file_format": "hls", "fragment_seconds": 10}},
        source="[A] RecordOutputParams.FragmentSeconds; reference §1.6, §2 rule 40",
        check=range_check((*OUTPUT, "fragment_seconds"), 2, 60, "s"),
        needs=(*OUTPUT, "fragment_seconds"),
        dialect="v2",
    ),
    Rule(
        code="RS608",
        name="hls-option-without-hls",
        severity=Severity.WARNING,
        summary="fragment_seconds and realtime_upload_fragment only apply to hls output.",
        why="StartRecord documents both for the hls format only; with mp4, flv, ... they are "
        "ignored, so the setting silently does nothing.",
        bad={"record_output_params": {"output_file_format": "mp4", "fragment_seconds": 10}},
        good={"record_output_params": {"output_file_format": "hls", "fragment_seconds": 10}},
        source="[A] RecordOutputParams.FragmentSeconds/RealtimeUploadFragment; reference §2 rule 40",
        check=_check_hls_options,
        needs_any=tuple((*OUTPUT, name) for name in _HLS_ONLY),
        dialect="v2",
    ),
    Rule(
        code="RS609",
        name="short-fragment-path-without-realtime-upload",
        severity=Severity.WARNING,
        summary="short_fragment_path only applies when realtime_upload_fragment is true.",
        why="StartRecord: ShortFragmentPath takes effect only with RealtimeUploadFragment = true.",
        bad={"record_output_params": {"output_file_format": "hls", "short_fragment_path": True}},
        good={
            "record_output_params": {
                "output_file_format": "hls",
                "realtime_upload_fragment": True,
                "short_fragment_path": True,
            }
        },
        source="[A] RecordOutputParams.ShortFragmentPath; reference §2 rule 40",
        check=_check_short_fragment_path,
        needs=(*OUTPUT, "short_fragment_path"),
        dialect="v2",
    ),
)
