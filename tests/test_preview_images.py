"""Issue 14, faithful previews: where the body puts images, the SVG shows it.

The canvas background image (under the views), the watermark box (over them) and each view's
placeholder image (while its stream is absent) are outlined over exactly their area and
labelled; URLs are never drawn. Checked by parsing the SVG.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from test_preview import SVG, check_faithful, parse, payload_for, texts

from recspec.layout import LayoutSpec
from recspec.render.svg import render_svg

IMAGE = "https://cdn.example.com/img.png?token=SIGNED-URL-TOKEN"
BOX = {"left": 1040, "top": 620, "right": 1256, "bottom": 696}


def _payload(**mix: Any) -> dict[str, Any]:
    layout = LayoutSpec(
        streams=["alice", "bob", "carol"],
        tiles=5,
        gap=24,
        margin=24,
        backgrounds={"alice": IMAGE},
    )
    payload = payload_for(layout)
    payload["record_input_params"]["mix_config"].update(mix)
    return payload


def _box(node: ET.Element) -> tuple[float, float, float, float]:
    x, y = float(node.get("x", 0)), float(node.get("y", 0))
    return x, y, x + float(node.get("width", 0)), y + float(node.get("height", 0))


def _order(root: ET.Element) -> list[str]:
    """Ids of the top-level groups, in paint order."""
    return [str(node.get("id")) for node in root if node.tag == f"{SVG}g"]


def test_no_image_no_mark() -> None:
    root = parse(render_svg(payload_for(LayoutSpec(tiles=4))))
    assert _order(root) == ["views"]
    assert not root.findall(f".//{SVG}rect[@class='placeholder']")


def test_background_image_fills_the_canvas_under_the_views_and_is_named_over_them() -> None:
    root = parse(render_svg(_payload(mix_output_background_image=IMAGE)))
    order = _order(root)
    assert order.index("background-image") < order.index("views")
    assert order.index("views") < order.index("background-image-mark")
    (fill,) = root.findall(f"{SVG}g[@id='background-image']/{SVG}rect")
    assert _box(fill) == (0, 0, 1280, 720) and fill.get("fill") == "url(#image-texture)"
    mark = root.find(f"{SVG}g[@id='background-image-mark']")
    assert mark is not None
    assert any(text.startswith("background image") for text in texts(mark))
    for rect in mark.iter(f"{SVG}rect"):  # the outline and the label's plate stay on the canvas
        left, top, right, bottom = _box(rect)
        assert 0 <= left <= right <= 1280 and 0 <= top <= bottom <= 720


def test_watermark_box_is_drawn_over_the_views_at_its_place() -> None:
    root = parse(
        render_svg(
            _payload(mix_output_watermark_image=IMAGE, mix_output_watermark_image_config=BOX)
        )
    )
    order = _order(root)
    assert order.index("views") < order.index("watermark")
    mark = root.find(f"{SVG}g[@id='watermark']")
    assert mark is not None
    boxes = {_box(rect) for rect in mark.iter(f"{SVG}rect")}
    assert boxes == {(1040, 620, 1256, 696)}
    (label,) = mark.iter(f"{SVG}text")
    assert label.text == "watermark"
    size = float(label.get("font-size", 0))
    half = 0.6 * size * len("watermark") / 2
    x, y = float(label.get("x", 0)), float(label.get("y", 0))
    assert 1040 <= x - half < x + half <= 1256
    assert 620 <= y - size < y <= 696


def test_a_watermark_without_a_box_says_the_body_does_not_place_it() -> None:
    root = parse(render_svg(_payload(mix_output_watermark_image=IMAGE)))
    mark = root.find(f"{SVG}g[@id='watermark']")
    assert mark is not None and any("no box" in text for text in texts(mark))
    root = parse(render_svg(_payload(mix_output_watermark_image_config=BOX)))
    mark = root.find(f"{SVG}g[@id='watermark']")
    assert mark is not None and texts(mark) == ["watermark box (no image)"]


@pytest.mark.parametrize("box", [{"left": 10, "top": 10}, {**BOX, "left": 1300}, "x"])
def test_a_broken_watermark_box_is_not_drawn(box: Any) -> None:
    root = parse(render_svg(_payload(mix_output_watermark_image_config=box)))
    assert root.find(f"{SVG}g[@id='watermark']") is None


def _placeholders(root: ET.Element) -> dict[str, str]:
    """View id -> the placeholder label drawn in it."""
    found = {}
    for view in root.findall(f".//{SVG}g[@id='views']/{SVG}g"):
        marks = view.findall(f"{SVG}rect[@class='placeholder']")
        if marks:
            outline = view.find(f"{SVG}rect")
            assert outline is not None
            left, top, right, bottom = _box(outline)
            (mark,) = marks
            x0, y0, x1, y1 = _box(mark)
            assert left < x0 < x1 < right and top < y0 < y1 < bottom
            labels = [t for t in texts(view) if "placeholder" in t]
            assert len(labels) == 1
            found[str(view.get("id"))] = labels[0]
    return found


def test_placeholder_images_are_outlined_inside_their_views() -> None:
    # alice has her own image; without fill_blank the default one is never shown
    plain = parse(render_svg(_payload(default_mix_stream_background_image=IMAGE)))
    assert _placeholders(plain) == {"view-0": "placeholder image"}
    payload = _payload(default_mix_stream_background_image=IMAGE)
    payload["record_input_params"]["fill_blank"] = True
    root = parse(render_svg(payload))
    # views 3 and 4 are join-order tiles: no stream is specified, so no image is shown
    assert _placeholders(root) == {
        "view-0": "placeholder image",
        "view-1": "default placeholder",
        "view-2": "default placeholder",
    }
    check_faithful(render_svg(payload, source_aspect=(16, 9)), "#000000")


def test_no_url_is_drawn_and_every_view_stays_faithful() -> None:
    payload = _payload(
        mix_output_background_image=IMAGE,
        mix_output_watermark_image=IMAGE,
        mix_output_watermark_image_config=BOX,
        mix_output_background_color=0xF2EFE600,
        default_mix_stream_background_image=IMAGE,
    )
    payload["record_input_params"]["fill_blank"] = True
    svg = render_svg(payload, source_aspect=(16, 9))
    assert "SIGNED-URL-TOKEN" not in svg and "cdn.example.com" not in svg
    check_faithful(svg, "#f2efe6")


def test_the_preview_command_draws_a_specs_images(tmp_path: Path) -> None:
    from recspec.cli import cli

    spec = tmp_path / "images.toml"
    spec.write_text(
        """\
version = 1
target = "v2"

[room]
id = "r"

[record]
fill_blank = true

[layout]
preset = "speaker"
streams = ["host", "guest"]
backgrounds = { guest = "https://cdn.example.com/away.png" }

[video]
background_image = "https://cdn.example.com/bg.png"
watermark = "https://cdn.example.com/logo.png"
watermark_box = { left = 20, top = 20, right = 220, bottom = 80 }

[storage]
provider = "oss"
region = "oss-cn-hangzhou"
bucket = "b"
access_key_id = "${env:A:-LTAIEXAMPLE}"
access_key_secret = "${env:S:-example-secret}"
""",
        encoding="utf-8",
    )
    out = tmp_path / "p.svg"
    result = CliRunner().invoke(cli, ["preview", str(spec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = parse(out.read_text(encoding="utf-8"))
    assert {"background-image", "views", "background-image-mark", "watermark"} <= set(_order(root))
    assert _placeholders(root) == {"view-1": "placeholder image"}
    watermark = root.find(f"{SVG}g[@id='watermark']/{SVG}rect")
    assert watermark is not None and _box(watermark) == (20, 20, 220, 80)


def test_the_docs_gallery_draws_a_specs_images_too(tmp_path: Path) -> None:
    from recspec.cli import cli

    spec = tmp_path / "branded.toml"
    spec.write_text(
        """\
version = 1
target = "v2"

[room]
id = "r"

[layout]
preset = "side-by-side"
streams = ["host", "guest"]

[video]
watermark = "https://cdn.example.com/logo.png"
watermark_box = { left = 1080, top = 24, right = 1256, bottom = 72 }

[storage]
provider = "oss"
region = "oss-cn-hangzhou"
bucket = "b"
access_key_id = "${env:A:-LTAIEXAMPLE}"
access_key_secret = "${env:S:-example-secret}"
""",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["docs", str(spec), "-o", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    picture = tmp_path / "docs" / "img" / "layout-branded-2.svg"
    root = parse(picture.read_text(encoding="utf-8"))
    mark = root.find(f"{SVG}g[@id='watermark']/{SVG}rect")
    assert mark is not None and _box(mark) == (1080, 24, 1256, 72)
    assert "cdn.example.com" not in picture.read_text(encoding="utf-8")
