"""Mixing rules (RS313-RS317): the StartRecord (v2) mix settings: watermark box, time watermark,
sound-wave side file, per-stream media and the server-side layouts' fill mode.

The fields exist only in StartRecord; in a legacy body RS109 reports them, and these rules still
say whether the values would make sense.
"""

from __future__ import annotations

from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import MIX, canvas_size, range_check
from recspec.rules.base import Finding, PayloadView, Rule, finding

_BOX = (*MIX, "mix_output_watermark_image_config")
_CLOCK = (*MIX, "mix_output_watermark_timestamp_config")
_SIDES = ("left", "top", "right", "bottom")


def _check_watermark_box(v: PayloadView) -> Iterator[Finding]:
    box = v.dict(*_BOX)
    if box is None:
        return
    values = {side: box.get(side) for side in _SIDES}
    for side, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 1920:
            yield finding(
                (*_BOX, side), f"watermark box {side} is {value}; it must be in [0, 1920]"
            )
    left, top, right, bottom = (values[s] for s in _SIDES)
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in values.values()):
        return
    assert isinstance(left, int) and isinstance(top, int)
    assert isinstance(right, int) and isinstance(bottom, int)
    if left > right or top > bottom:
        yield finding(
            _BOX,
            f"watermark box ({left}, {top}) to ({right}, {bottom}) has its corners swapped; "
            "left must not exceed right, nor top bottom",
        )
        return
    canvas = canvas_size(v)
    if canvas and (right > canvas[0] or bottom > canvas[1]):
        yield finding(
            _BOX,
            f"watermark box reaches ({right}, {bottom}), outside the {canvas[0]}x{canvas[1]} "
            "canvas; keep right <= width and bottom <= height",
        )


def _check_sound_wave_type(v: PayloadView) -> Iterator[Finding]:
    if v.has(*MIX, "sound_wave_type") and not v.bool(*MIX, "record_sound_wave"):
        yield finding(
            (*MIX, "sound_wave_type"),
            "sound_wave_type only applies when record_sound_wave is true; set "
            "record_sound_wave to true or remove sound_wave_type",
        )


def _check_stream_config_list(v: PayloadView) -> Iterator[Finding]:
    if v.has(*MIX, "stream_config_list") and v.stream_type not in (3, 4):
        yield finding(
            (*MIX, "stream_config_list"),
            f"stream_config_list only takes effect when stream_type is 3 or 4, and it is "
            f"{v.stream_type}; record audio and video (3) or remove stream_config_list",
        )


def _check_fill_mode(v: PayloadView) -> Iterator[Finding]:
    if v.has(*MIX, "fill_mode") and v.mix_mode == 1:
        yield finding(
            (*MIX, "fill_mode"),
            "mix_config.fill_mode applies to the server-side layouts (mix_mode 2-5); the custom "
            "layout (mix_mode 1) uses each view's fill_mode — set it per view instead",
        )


_V2 = "[A] MixConfig"
_GOOD_BOX = {"left": 20, "top": 20, "right": 220, "bottom": 80}

RULES: tuple[Rule, ...] = (
    Rule(
        code="RS313",
        name="watermark-box-outside-canvas",
        severity=Severity.ERROR,
        summary="The watermark box must lie inside the canvas, corners in order, each in [0, 1920].",
        why="StartRecord: Left, Top, Right, Bottom each in [0, 1920], Left <= Right <= canvas "
        "width, Top <= Bottom <= canvas height; otherwise the task is rejected.",
        bad={
            "record_input_params": {
                "mix_config": {
                    "mix_output_watermark_image_config": {
                        "left": 20,
                        "top": 20,
                        "right": 1400,
                        "bottom": 80,
                    }
                }
            }
        },
        good={
            "record_input_params": {"mix_config": {"mix_output_watermark_image_config": _GOOD_BOX}}
        },
        source=f"{_V2}.MixOutputWatermarkImageConfig; reference §1.3, §2 rule 36",
        check=_check_watermark_box,
        needs=_BOX,
        dialect="v2",
    ),
    Rule(
        code="RS314",
        name="timestamp-font-size-range",
        severity=Severity.ERROR,
        summary="The time watermark's font_size must be between 12 and 100 px.",
        why="StartRecord: MixOutputWatermarkTimestampConfig.FontSize is required, range [12, 100].",
        bad={
            "record_input_params": {
                "mix_config": {"mix_output_watermark_timestamp_config": {"font_size": 8}}
            }
        },
        good={
            "record_input_params": {
                "mix_config": {"mix_output_watermark_timestamp_config": {"font_size": 24}}
            }
        },
        source=f"{_V2}.MixOutputWatermarkTimestampConfig; reference §1.3, §2 rule 32",
        check=range_check((*_CLOCK, "font_size"), 12, 100, "px"),
        needs=_CLOCK,
        dialect="v2",
    ),
    Rule(
        code="RS315",
        name="sound-wave-type-without-sound-wave",
        severity=Severity.WARNING,
        summary="sound_wave_type only applies when record_sound_wave is true.",
        why="StartRecord: SoundWaveType takes effect only with RecordSoundWave = true.",
        bad={"record_input_params": {"mix_config": {"sound_wave_type": 1}}},
        good={
            "record_input_params": {"mix_config": {"record_sound_wave": True, "sound_wave_type": 1}}
        },
        source=f"{_V2}.SoundWaveType; reference §2 rule 12",
        check=_check_sound_wave_type,
        needs=(*MIX, "sound_wave_type"),
        dialect="v2",
    ),
    Rule(
        code="RS316",
        name="stream-config-list-no-effect",
        severity=Severity.WARNING,
        summary="stream_config_list only takes effect when stream_type is 3 or 4.",
        why="StartRecord: StreamConfigList[].StreamType only takes effect when "
        "RecordInputParams.StreamType is 3 or 4.",
        bad={
            "record_input_params": {
                "stream_type": 2,
                "mix_config": {"stream_config_list": [{"stream_id": "alice", "stream_type": 1}]},
            }
        },
        good={
            "record_input_params": {
                "stream_type": 3,
                "mix_config": {"stream_config_list": [{"stream_id": "alice", "stream_type": 1}]},
            }
        },
        source=f"{_V2}.StreamConfigList; reference §2 rule 11",
        check=_check_stream_config_list,
        needs=(*MIX, "stream_config_list"),
        dialect="v2",
    ),
    Rule(
        code="RS317",
        name="mix-fill-mode-with-custom-layout",
        severity=Severity.WARNING,
        summary="mix_config.fill_mode does nothing with the custom layout (mix_mode 1).",
        why="StartRecord: MixConfig.FillMode applies when MixMode is not 1; the custom layout "
        "takes each view's own FillMode.",
        bad={"record_input_params": {"mix_config": {"fill_mode": 2}}},
        good={
            "record_input_params": {
                "mix_config": {"mix_mode": 2, "mix_input_list": None, "fill_mode": 2}
            }
        },
        source=f"{_V2}.FillMode; reference §2 rule 26",
        check=_check_fill_mode,
        needs=(*MIX, "fill_mode"),
        dialect="v2",
    ),
)
