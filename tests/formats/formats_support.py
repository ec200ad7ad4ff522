"""Fixed fake rules and diagnostics for the format tests.

The rules are built with `recspec.rules.base.Rule` directly, so these tests do not depend on the
real catalogue (which changes independently).
"""

from __future__ import annotations

from collections.abc import Mapping

from recspec.diagnostics import Diagnostic, Severity
from recspec.formats import Report
from recspec.rules.base import Rule

DOCS = "https://example.invalid/recspec"

MIX_RULE = Rule(
    code="RS203",
    name="mix-config-required",
    severity=Severity.ERROR,
    summary="MixConfig is required when RecordMode is 2",
    why="StartRecord rejects mixed-stream recording without stream-mixing parameters.",
    bad={"record_input_params": {"record_mode": 2, "mix_config": None}},
    good={"record_input_params": {"record_mode": 1}},
    source="ZEGO StartRecord API reference",
    family="input",
)
BITRATE_RULE = Rule(
    code="RS310",
    name="bitrate-too-high",
    severity=Severity.WARNING,
    summary="Bitrate above what the canvas needs",
    why="A bitrate far above the resolution's needs costs storage and bandwidth for nothing.",
    bad="[output]\nbitrate = 9000\n",
    good="[output]\nbitrate = 1500\n",
    source="ZEGO mix-stream guide",
    kind="spec",
)
IDLE_RULE = Rule(
    code="RS401",
    name="idle-default",
    severity=Severity.INFO,
    summary="MaxIdleTime left at its default",
    why="The default stops a recording after 30 s without streams, which surprises some users.",
    bad={},
    good={"record_input_params": {"max_idle_time": 120}},
    source="ZEGO StartRecord API reference",
)
RULES = {r.code: r for r in (MIX_RULE, BITRATE_RULE, IDLE_RULE)}

LECTURE = "specs/lecture.toml"
MEETING = "specs/会议.toml"
CLEAN = "specs/clean.toml"

SOURCES = {
    LECTURE: '[record]\nmode = "mixed"\n\n[output]\nbitrate = 9000\n',
    MEETING: 'title = "会议室 🎥"\n',
    CLEAN: 'title = "ok"\n',
}

MIX = Diagnostic(
    file=LECTURE,
    line=2,
    column=8,
    rule="RS203",
    name="mix-config-required",
    severity=Severity.ERROR,
    message='record.mode = "mixed" needs a [mix] table',
    pointer="/record_input_params/mix_config",
    spec_path="record.mode",
    end_line=2,
    end_column=15,
)
BITRATE = Diagnostic(
    file=LECTURE,
    line=5,
    column=11,
    rule="RS310",
    name="bitrate-too-high",
    severity=Severity.WARNING,
    message="bitrate 9000 kbps is more than 720p needs",
    pointer="/record_output_params/output_bitrate",
    spec_path="output.bitrate",
    end_line=5,
    end_column=15,
)
IDLE = Diagnostic(
    file=MEETING,
    line=1,
    column=10,
    rule="RS401",
    name="idle-default",
    severity=Severity.INFO,
    message="max_idle_time is not set (defaults to 30 s)",
    pointer="/record_input_params/max_idle_time",
    end_column=13,
)

DIAGNOSTICS = [MIX, BITRATE, IDLE]
FILES = [LECTURE, MEETING, CLEAN]


def make_report(
    diagnostics: list[Diagnostic] | None = None,
    files: list[str] | None = None,
    sources: Mapping[str, str] | None = None,
    **kwargs: object,
) -> Report:
    """A report over the fixed fixtures, any part of which a test may replace."""
    return Report(
        diagnostics=list(DIAGNOSTICS if diagnostics is None else diagnostics),
        files=list(FILES if files is None else files),
        sources=SOURCES if sources is None else sources,
        rules=RULES.get,
        **kwargs,  # type: ignore[arg-type]
    )


def diag(**changes: object) -> Diagnostic:
    """MIX with some fields changed; moving it to another line moves its end too."""
    if "line" in changes and "end_line" not in changes:
        changes["end_line"] = None
    return MIX._replace(**changes)  # type: ignore[arg-type]
