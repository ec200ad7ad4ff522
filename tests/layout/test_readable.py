"""Issue 14: a preset never emits a view its own linter warns about without the spec saying so.

Every computed preset x 1..25 tiles x canvases from 1080p down to the smallest even one (2x2)
x gap 0..16 is compiled as a spec. Either the body gets no warning from the layout rules on its
views, or the spec carries one RS411 at `layout.preset` that says what to change (and not one
per view), or the layout cannot be built at all (an RS807 error at a `[layout]` key).
"""

from __future__ import annotations

from collections import Counter

import pytest

from recspec.compiler import Compiled, compile_file
from recspec.diagnostics import Severity
from recspec.layout import LayoutSpec, plan_layout
from recspec.layout.readable import advice
from recspec.rules import check_payload

PRESETS = ["grid", "speaker", "pip", "side-by-side", "stack", "presentation"]
USUAL = ["1920x1080", "1280x720", "640x360", "720x1280", "640x480", "320x240"]
TINY = ["160x90", "90x160", "32x32", "16x16", "2x2"]
"""Below 320x240 some counts have no readable arrangement; 2x2 is the smallest canvas that the
rules (1..1920 px) and the default align = 2 allow."""

SPEC = """\
version = 1

[room]
id = "r"
app_id = "1234567890"
access_token = "${{env:ZEGO_ACCESS_TOKEN:-dev-token}}"

[video]
resolution = "{canvas}"
{whiteboard}
[layout]
preset = "{preset}"
tiles = {tiles}
gap = {gap}
align = {align}

[storage]
provider = "s3"
region = "us-east-1"
bucket = "b"
access_key_id = "${{env:AWS_ACCESS_KEY_ID:-AKIAEXAMPLE}}"
access_key_secret = "${{env:AWS_SECRET_ACCESS_KEY:-example-secret}}"
"""

LAYOUT_PART = (
    "/record_input_params/mix_config/mix_input_list",
    "/record_input_params/mix_config/mix_mode",
)


def _compile(preset: str, canvas: str, tiles: int, gap: int, whiteboard: bool = False) -> Compiled:
    board = '\n[whiteboard]\nratio = "16:9"\n' if whiteboard else ""
    # odd gaps need align = 1; even ones keep the default
    text = SPEC.format(
        canvas=canvas,
        preset=preset,
        tiles=tiles,
        gap=gap,
        align=1 if gap % 2 else 2,
        whiteboard=board,
    )
    return compile_file(text=text)


def _layout_warnings(compiled: Compiled) -> list[str]:
    """Warnings of any rule on the layout part of the body (mix_mode, mix_input_list)."""
    assert compiled.document is not None
    return [
        f"{rule.code} {finding.message}"
        for rule, finding in check_payload(compiled.document)
        if rule.severity is not Severity.INFO and finding.pointer.startswith(LAYOUT_PART)
    ]


def _check(compiled: Compiled, case: tuple[object, ...]) -> str:
    """'clean', 'advised' or 'refused'; fails when the body has a layout warning unannounced."""
    if compiled.document is None:
        errors = [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
        assert errors and all(d.spec_path.startswith("layout") for d in errors), (case, errors)
        return "refused"
    warnings = _layout_warnings(compiled)
    at_preset = [d for d in compiled.diagnostics if d.spec_path == "layout.preset"]
    if not warnings:
        assert not at_preset, (case, at_preset)
        return "clean"
    assert all(w.startswith("RS411") for w in warnings), (case, warnings)
    assert len(at_preset) == 1, (case, warnings, compiled.diagnostics)
    finding = at_preset[0]
    assert finding.rule == "RS411" and finding.severity is Severity.WARNING
    assert "unrecognisable — use " in finding.message, finding.message
    per_view = [d for d in compiled.diagnostics if d.rule == "RS411" and d is not finding]
    assert not per_view, (case, per_view)
    return "advised"


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("canvas", USUAL + TINY)
def test_compiled_views_are_readable_or_the_spec_says_what_to_change(
    preset: str, canvas: str
) -> None:
    outcomes: dict[str, int] = {}
    for tiles in range(1, 26):
        for gap in range(17):
            outcome = _check(_compile(preset, canvas, tiles, gap), (preset, canvas, tiles, gap))
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if canvas in USUAL:  # room enough: the preset adapts (wraps, opens strips, re-grids)
        assert outcomes.get("advised", 0) == 0, outcomes


@pytest.mark.parametrize("canvas", ["640x360", "320x240", "160x90", "32x32"])
def test_presentation_with_a_whiteboard(canvas: str) -> None:
    for tiles in range(1, 25):
        for gap in (0, 8, 16):
            compiled = _compile("presentation", canvas, tiles, gap, whiteboard=True)
            _check(compiled, ("presentation+whiteboard", canvas, tiles, gap))


def test_speaker_opens_more_strips_rather_than_squash_thumbnails() -> None:
    """25 streams at 640x360 with gap 16: two strips of 12 made 128x14 thumbnails; now three
    strips of 8 (filled evenly) make them 128x30 and the big tile keeps 208 px."""
    plan = plan_layout(LayoutSpec(preset="speaker", tiles=25, gap=16), 640, 360)
    thumbs = plan.views[1:]
    assert {(v.width, v.height) for v in thumbs} == {(128, 30)}
    assert sorted(Counter(v.left for v in thumbs).values()) == [8, 8, 8]
    assert plan.views[0].width == 640 - 3 * (128 + 16)


def test_an_explicit_strip_capacity_is_kept_and_named_in_the_advice() -> None:
    layout = LayoutSpec(preset="speaker", tiles=25, gap=16, strip_capacity=12)
    plan = plan_layout(layout, 320, 240)
    assert len({v.left for v in plan.views[1:]}) == 2
    message = advice(layout, 320, 240)
    assert message is not None
    assert message.startswith("speaker cannot keep 25 views at 16 px or more on the 320x240")
    assert "strip_capacity = 8" in message and "gap = 4" in message
    assert '`video.resolution = "640x480"`' in message and 'preset = "grid"' in message


def test_grid_takes_the_best_readable_rows_and_columns() -> None:
    """21 cells at 160x90 with gap 4: 5x5 has the larger pictures but 14 px rows; 4 rows of 6
    keep every tile readable."""
    plan = plan_layout(LayoutSpec(tiles=21, gap=4, tile_shape="cell"), 160, 90)
    assert min(min(v.width, v.height) for v in plan.views) >= 16
    assert len({v.top for v in plan.views}) == 4


def test_advice_is_silent_for_readable_and_hand_placed_layouts() -> None:
    assert advice(LayoutSpec(preset="speaker", tiles=25), 1280, 720) is None
    assert advice(LayoutSpec(preset="zego-grid", tiles=25), 16, 16) is None


def test_the_finding_sits_on_the_preset_line_and_can_be_suppressed(write) -> None:  # type: ignore[no-untyped-def]
    compiled = _compile("stack", "32x32", 5, 4)
    (finding,) = [d for d in compiled.diagnostics if d.rule == "RS411"]
    assert finding.line == 12  # preset = "stack"
    assert "use at most 1 tile, or a 64x64 canvas" in finding.message
    text = SPEC.format(
        canvas="32x32", preset="stack", tiles=5, gap=4, align=2, whiteboard=""
    ).replace('preset = "stack"', 'preset = "stack"  # recspec: ignore[RS411]')
    quiet = compile_file(text=text)
    assert [d.suppressed for d in quiet.diagnostics if d.rule == "RS411"] == [True]


def test_without_a_preset_key_the_finding_sits_on_the_layout_table() -> None:
    text = SPEC.format(canvas="16x16", preset="grid", tiles=2, gap=0, align=2, whiteboard="")
    compiled = compile_file(text=text.replace('preset = "grid"\n', ""))
    (finding,) = [d for d in compiled.diagnostics if d.rule == "RS411"]
    assert (finding.line, finding.spec_path) == (11, "layout.preset")  # the [layout] header
    assert finding.message.startswith("grid cannot keep 2 views at 16 px or more")
    assert "use at most 1 tile, or a 32x32 canvas" in finding.message
