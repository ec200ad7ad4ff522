"""Previews (SVG and ASCII drawn from the compiled payload) and the `layout`/`preview` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.layout import LayoutSpec, plan_layout
from recspec.render.ascii import render_ascii
from recspec.render.svg import render_svg

SVG = "{http://www.w3.org/2000/svg}"


def payload_for(
    layout: LayoutSpec, width: int = 1280, height: int = 720, **kw: Any
) -> dict[str, Any]:
    plan = plan_layout(layout, width, height, **kw)
    mix: dict[str, Any] = {
        "mix_mode": plan.mix_mode,
        "mix_output_video_config": {"width": width, "height": height},
    }
    if plan.views:
        mix["mix_input_list"] = plan.mix_input_list()
    if plan.big_view_stream:
        mix["mix_max_resolution_stream_id"] = plan.big_view_stream
    return {"record_input_params": {"mix_config": mix}}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}text")]


# --- SVG -----------------------------------------------------------------------------------------


def test_svg_parses_and_labels_every_view() -> None:
    svg = render_svg(payload_for(LayoutSpec(streams=["alice", "bob"], tiles=3, gap=8)))
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 1280 720"
    labels = texts(root)
    assert {"alice", "bob", "join #1"} <= set(labels)
    assert any("layer 1" in text and "\u00d7" in text for text in labels)
    assert len(root.findall(f".//{SVG}g[@id='views']/{SVG}g")) == 3


def test_svg_is_deterministic() -> None:
    payload = payload_for(LayoutSpec(preset="pip", tiles=4))
    assert render_svg(payload, source_aspect=(9, 16)) == render_svg(payload, source_aspect=(9, 16))


def test_svg_escapes_hostile_ids() -> None:
    hostile = '<script>alert("x")</script>&amp;'
    svg = render_svg(payload_for(LayoutSpec(streams=[hostile, "a\x00b\x1b"])))
    root = parse(svg)
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    assert "<script>" not in svg
    assert hostile in texts(root)
    assert "a\ufffdb\ufffd" in texts(root)


@settings(max_examples=60, deadline=None)
@given(stream=st.text(min_size=1, max_size=60))
def test_svg_parses_for_any_stream_id(stream: str) -> None:
    root = parse(render_svg(payload_for(LayoutSpec(streams=[stream]))))
    assert len(texts(root)) >= 2


def test_svg_shades_letterbox_and_crop_zones() -> None:
    fit = parse(render_svg(payload_for(LayoutSpec(tiles=2, fit="fit")), source_aspect=(9, 16)))
    assert fit.findall(f".//{SVG}rect[@class='bars']")
    assert any("bars" in text for text in texts(fit))
    crop = parse(render_svg(payload_for(LayoutSpec(tiles=2)), source_aspect=(9, 16)))
    assert crop.findall(f".//{SVG}rect[@class='crop']")
    assert any("% cut" in text for text in texts(crop))
    plain = parse(render_svg(payload_for(LayoutSpec(tiles=2))))
    assert not plain.findall(f".//{SVG}rect[@class='crop']")


def test_svg_whiteboard_view() -> None:
    payload = payload_for(LayoutSpec(preset="presentation", tiles=2), whiteboard=True)
    assert "whiteboard" in texts(parse(render_svg(payload, source_aspect=(16, 9))))


def test_svg_server_side_placeholder() -> None:
    payload = payload_for(LayoutSpec(preset="zego-vertical", streams=["a", "b"], focus="b"))
    labels = " ".join(texts(parse(render_svg(payload))))
    assert "vertical (mix_mode 4)" in labels and "big view: b" in labels


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"record_input_params": {"mix_config": {}}},
        {
            "record_input_params": {
                "mix_config": {"mix_output_video_config": {"width": "1280", "height": 720}}
            }
        },
        {
            "record_input_params": {
                "mix_config": {
                    "mix_output_video_config": {"width": 1280, "height": 720},
                    "mix_input_list": [{"top": 0}],
                }
            }
        },
    ],
)
def test_malformed_payload_is_a_value_error(payload: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        render_svg(payload)
    with pytest.raises(ValueError):
        render_ascii(payload)


# --- ASCII ---------------------------------------------------------------------------------------


def test_ascii_sketch_and_legend() -> None:
    out = render_ascii(payload_for(LayoutSpec(streams=["alice", "bob\x1b[2J"])))
    assert out.startswith("canvas 1280x720, mix_mode 1\n")
    assert "alice  640x360 at (0,180)  layer 1 crop" in out
    assert "\x1b" not in out and "bob?[2J" in out
    assert render_ascii(payload_for(LayoutSpec(tiles=3))) == render_ascii(
        payload_for(LayoutSpec(tiles=3))
    )


def test_ascii_server_side() -> None:
    out = render_ascii(payload_for(LayoutSpec(preset="zego-floating", focus="a", streams=["a"])))
    assert "ZEGO floating layout" in out and "big view: a" in out


# --- commands ------------------------------------------------------------------------------------

SPEC = """\
version = 1

[room]
id = "class-101"
app_id = "${env:ZEGO_APP_ID:-1234567890}"
access_token = "${env:ZEGO_ACCESS_TOKEN:-dev-token}"

[layout]
%s

[storage]
provider = "s3"
region = "us-east-1"
bucket = "recordings"
access_key_id = "${env:AWS_ACCESS_KEY_ID:-AKIAEXAMPLE}"
access_key_secret = "${env:AWS_SECRET_ACCESS_KEY:-example-secret}"
"""


def spec_file(tmp_path: Path, layout: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(SPEC % layout, encoding="utf-8")
    return path


def invoke(*args: str) -> Any:
    pytest.importorskip("recspec.compiler")
    from recspec.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_layout_json_per_count(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "grid"\nstreams = ["alice", "bob"]')
    result = invoke("layout", str(spec), "--counts", "1..3", "--format", "json")
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert list(table) == ["1", "2", "3"]
    assert (
        table["2"] == plan_layout(LayoutSpec(streams=["alice", "bob"]), 1280, 720).mix_input_list()
    )
    assert "stream_id" not in table["3"][2]


def test_layout_text_default_counts(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "speaker"\nstreams = ["alice", "bob"]')
    result = invoke("layout", str(spec))
    assert result.exit_code == 0, result.output
    assert "25 participants:" in result.stdout and "(join #1)" in result.stdout


def test_layout_server_side_text(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "zego-horizontal"\nfocus = "alice"')
    result = invoke("layout", str(spec), "--counts", "4")
    assert result.exit_code == 0, result.output
    assert "ZEGO places the views itself (mix_mode 3); big view: alice" in result.stdout


@pytest.mark.parametrize("counts", ["0..3", "abc", "3..2", "26"])
def test_layout_bad_counts_exit_2(tmp_path: Path, counts: str) -> None:
    spec = spec_file(tmp_path, 'preset = "grid"\ntiles = 2')
    assert invoke("layout", str(spec), "--counts", counts).exit_code == 2


def test_layout_counts_beyond_custom_tiles_exit_2(tmp_path: Path) -> None:
    custom = 'preset = "custom"\n[[layout.tile]]\nleft = 0\ntop = 0\nwidth = "50%"\nheight = "100%"'
    spec = spec_file(tmp_path, custom)
    assert invoke("layout", str(spec), "--counts", "1").exit_code == 0
    result = invoke("layout", str(spec), "--counts", "2")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_layout_unreadable_and_broken_specs(tmp_path: Path) -> None:
    assert invoke("layout", str(tmp_path / "missing.toml")).exit_code == 2
    broken = spec_file(tmp_path, 'preset = "grid"\ntiles = 30')
    result = invoke("layout", str(broken))
    assert result.exit_code == 1
    assert "25" in result.stderr


def test_preview_svg_to_stdout_and_count(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "grid"\nstreams = ["alice", "<b>bob</b>"]')
    result = invoke("preview", str(spec), "--count", "4")
    assert result.exit_code == 0, result.output
    root = parse(result.stdout)
    assert {"alice", "<b>bob</b>", "join #2"} <= set(texts(root))


def test_preview_writes_atomically(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "pip"\ntiles = 3')
    target = tmp_path / "out" / "layout.svg"
    target.parent.mkdir()
    result = invoke("preview", str(spec), "-o", str(target), "--source-aspect", "9:16")
    assert result.exit_code == 0, result.output
    parse(target.read_text(encoding="utf-8"))
    assert sorted(p.name for p in target.parent.iterdir()) == ["layout.svg"]
    missing = invoke("preview", str(spec), "-o", str(tmp_path / "nope" / "x.svg"))
    assert missing.exit_code == 2 and "cannot write" in missing.stderr


def test_preview_text_and_bad_options(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, 'preset = "stack"\ntiles = 2')
    result = invoke("preview", str(spec), "--format", "text")
    assert result.exit_code == 0 and result.stdout.startswith("canvas 1280x720")
    assert invoke("preview", str(spec), "--count", "0").exit_code == 2
    assert invoke("preview", str(spec), "--source-aspect", "wide").exit_code == 2


def test_commands_never_print_a_traceback(tmp_path: Path) -> None:
    pytest.importorskip("recspec.compiler")
    spec = spec_file(tmp_path, 'preset = "grid"\ntiles = 99')
    for args in (
        ["layout", str(spec)],
        ["preview", str(tmp_path)],
        ["layout", str(spec), "--counts", "x"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "recspec", *args], capture_output=True, text=True, timeout=60
        )
        assert done.returncode in (1, 2), done
        assert "Traceback" not in done.stderr


# --- drawing needs no credentials ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# Every example drawn by the installed script in an empty environment: see
# tests/test_drawing_without_secrets.py.


def test_an_unset_variable_the_layout_reads_is_still_an_error(tmp_path: Path) -> None:
    from recspec.compiler import compile_file
    from recspec.spec.loader import UNSET_FOR_DRAWING

    text = (ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8")
    text = text.replace('"alice"', '"${env:ALICE}"')
    text = text.replace("${env:ZEGO_APP_ID:-1234567890}", "${env:ZEGO_APP_ID}")
    compiled = compile_file(text=text, env={}, unset_env=UNSET_FOR_DRAWING)
    codes = [(d.rule, d.message) for d in compiled.diagnostics]
    assert len(codes) == 1 and codes[0][0] == "RS803" and "layout.streams[0]" in codes[0][1]
    fine = compile_file(text=text, env={"ALICE": "alice"}, unset_env=UNSET_FOR_DRAWING)
    assert fine.ok and fine.body is not None
    assert not compile_file(text=text, env={"ALICE": "alice"}).ok  # lint/compile: RS803


# --- faithful previews: background, every mark inside its view, distinct neighbours ------------


def _box(node: ET.Element) -> tuple[float, float, float, float]:
    x, y = float(node.get("x", 0)), float(node.get("y", 0))
    return x, y, x + float(node.get("width", 0)), y + float(node.get("height", 0))


def check_faithful(svg: str, background: str) -> None:
    """The canvas colour, every mark of a view inside its view, no touching views alike."""
    from recspec.render.svg import NEAR
    from recspec.render.svgkit import GLYPH_EM

    root = parse(svg)
    canvas = root.find(f"{SVG}rect[@id='canvas-background']")
    assert canvas is not None and canvas.get("fill") == background
    views = root.findall(f".//{SVG}g[@id='views']/{SVG}g")
    boxes: dict[str, tuple[tuple[float, float, float, float], str]] = {}
    for view in views:
        outline, *marks = view.findall(f"{SVG}rect")
        left, top, right, bottom = box = _box(outline)
        clip = root.find(f".//{SVG}clipPath[@id='clip-{view.get('id')}']/{SVG}rect")
        assert clip is not None and _box(clip) == box and view.get("clip-path")
        for mark in marks:  # crop bands and letterbox bars
            x0, y0, x1, y1 = _box(mark)
            assert left - 0.01 <= x0 <= x1 <= right + 0.01, (view.get("id"), mark.attrib)
            assert top - 0.01 <= y0 <= y1 <= bottom + 0.01, (view.get("id"), mark.attrib)
        for text in view.iter(f"{SVG}text"):
            size = float(text.get("font-size", 0))
            half = GLYPH_EM * size * len(text.text or "") / 2
            x, y = float(text.get("x", 0)), float(text.get("y", 0))
            assert left <= x - half and x + half <= right, (view.get("id"), text.text, box)
            assert top <= y - size and y <= bottom, (view.get("id"), text.text, box)
        boxes[str(view.get("id"))] = (box, str(outline.get("fill")))
    for name, ((l0, t0, r0, b0), fill) in boxes.items():
        for other, ((l1, t1, r1, b1), other_fill) in boxes.items():
            near = l0 - NEAR < r1 and l1 - NEAR < r0 and t0 - NEAR < b1 and t1 - NEAR < b0
            if other != name and near:
                assert fill != other_fill, (name, other, fill)


@pytest.mark.parametrize(
    "preset", ["grid", "speaker", "stack", "side-by-side", "presentation", "pip"]
)
@pytest.mark.parametrize("count", [1, 2, 4, 6, 9, 16, 25])
@pytest.mark.parametrize("fit", ["crop", "fit"])
def test_preview_is_faithful(preset: str, count: int, fit: str) -> None:
    from recspec.layout import LayoutError

    try:
        layout = LayoutSpec(preset=preset, tiles=count, gap=8, fit=fit)
        payload = payload_for(layout, 1920, 1080)
    except (LayoutError, ValueError):
        pytest.skip(f"{preset} does not draw {count}")
    payload["record_input_params"]["mix_config"]["mix_output_background_color"] = 0xFFFFFF00
    check_faithful(render_svg(payload, source_aspect=(16, 9)), "#ffffff")
    check_faithful(render_svg(payload, source_aspect=(9, 16)), "#ffffff")


def test_shipped_examples_preview_faithfully(tmp_path: Path) -> None:
    from recspec.cli import cli

    for spec in sorted((ROOT / "examples").glob("**/*.toml")):
        (tmp_path / "p.svg").unlink(missing_ok=True)
        result = CliRunner().invoke(cli, ["preview", str(spec), "-o", str(tmp_path / "p.svg")])
        assert result.exit_code == 0, (spec, result.output)
        if "nothing to draw" in result.stderr:  # single-stream: audio-only, snapshots
            assert not (tmp_path / "p.svg").exists(), spec
            continue
        from recspec.compiler import compile_file

        mix = (compile_file(spec).body or {})["record_input_params"]["mix_config"]
        colour = mix.get("mix_output_background_color", 0)
        check_faithful((tmp_path / "p.svg").read_text(encoding="utf-8"), f"#{colour >> 8:06x}")
