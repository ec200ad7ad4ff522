"""`recspec docs`: every page in both formats, completeness, determinism, escaping, the template
sandbox, overrides, and the committed `docs/` being up to date."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from recspec.cli import cli
from recspec.layout import PRESETS
from recspec.render import escaping
from recspec.render.docs import build_docs, write_docs
from recspec.render.specref import all_paths, reference
from recspec.render.templating import TemplateProblem
from recspec.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REGENERATE = "recspec docs -o docs --format markdown"
HOSTILE = "<img src=x onerror=alert(1)>"
PAGES = ("index", "presets", "rules", "spec")


@pytest.fixture(scope="module")
def markdown() -> dict[str, bytes]:
    return build_docs("markdown")[0]


@pytest.fixture(scope="module")
def html() -> dict[str, bytes]:
    return build_docs("html")[0]


def _text(files: dict[str, bytes], name: str) -> str:
    return files[name].decode("utf-8")


def _hostile_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "team" / "evil.toml"
    spec.parent.mkdir(parents=True)
    streams = f'["{HOSTILE}", "bob", "carol"]'
    spec.write_text(
        f"""version = 1
[room]
id = "r1"
app_id = "${{env:ZEGO_APP_ID:-1234567890}}"
access_token = "${{env:ZEGO_ACCESS_TOKEN:-dev-token}}"
[layout]
preset = "speaker"
streams = {streams}
[storage]
provider = "s3"
region = "us-east-1"
bucket = "recordings"
access_key_id = "${{env:AWS_ACCESS_KEY_ID:-AKIAEXAMPLE}}"
access_key_secret = "${{env:AWS_SECRET_ACCESS_KEY:-example-secret}}"
""",
        encoding="utf-8",
    )
    return spec


# -- every page, both formats, complete --------------------------------------------------------


@pytest.mark.parametrize("fmt, ext", [("markdown", "md"), ("html", "html")])
def test_every_page_is_rendered(fmt: str, ext: str) -> None:
    files, notes = build_docs(fmt)
    assert notes == []
    for page in PAGES:
        assert files[f"{page}.{ext}"].strip()
    images = [name for name in files if name.startswith("img/")]
    assert bool(images) == (fmt == "markdown")


@pytest.mark.parametrize("fixture, ext", [("markdown", "md"), ("html", "html")])
def test_every_preset_rule_and_spec_key_appears(
    request: pytest.FixtureRequest, fixture: str, ext: str
) -> None:
    files: dict[str, bytes] = request.getfixturevalue(fixture)
    presets, rules, spec = (_text(files, f"{page}.{ext}") for page in ("presets", "rules", "spec"))
    for name in PRESETS:
        assert re.search(rf"^##? {re.escape(name)}$|<h2 id=\"{re.escape(name)}\">", presets, re.M)
    for rule in all_rules():
        assert rule.code in rules and rule.name in rules
        anchor = rule.code.lower()
        assert f"### {rule.code}\n" in rules if ext == "md" else f'id="{anchor}"' in rules
    for path in all_paths():
        if ext == "html":  # paths may wrap only at their joints (<wbr/> after . _ [])
            assert f"<code>{path}</code>" in spec.replace("<wbr/>", "")
        else:
            assert f"`{path}`" in spec


def test_spec_reference_walks_nested_models() -> None:
    paths = all_paths()
    for expected in ("room.id", "layout.preset", "layout.tile[].stream", "video.fps", "extends"):
        assert expected in paths
    rows = {row["path"]: row for section in reference() for row in section["keys"]}
    assert rows["video.fps"]["default"] == "15"
    assert rows["video.fps"]["payload"] == "mix_output_video_config.fps"
    assert rows["video.bitrate"]["format"].startswith('"1.5Mbps"')
    assert rows["room.id"]["default_kind"] == "required"
    assert rows["record.max_idle"]["default_kind"] == "unset"
    assert rows["layout.tile[].left"]["format"].startswith("pixels")
    assert all(row["payload"] for path, row in rows.items() if "." in path)


def test_rules_page_has_examples_and_sources(markdown: dict[str, bytes]) -> None:
    text = _text(markdown, "rules.md")
    for rule in all_rules():
        section = text.split(f"### {rule.code}\n", 1)[1].split("\n### ", 1)[0]
        assert "**Bad**" in section and "**Good:**" in section
        assert rule.severity.label in section
        assert "Source:" in section


def test_gallery_draws_typical_counts_and_says_what_it_skips(markdown: dict[str, bytes]) -> None:
    text = _text(markdown, "presets.md")
    for count in (1, 2, 3, 4, 6, 9, 25):
        assert f"img/grid-{count}.svg" in text
        assert f"img/grid-{count}.svg" in markdown
    custom = text.split("\n## custom\n", 1)[1].split("\n## ", 1)[0]
    assert "Not drawn" in custom and "25 participants" in custom
    assert "img/custom-25.svg" not in markdown
    zego = text.split("\n## zego-grid\n", 1)[1].split("\n## ", 1)[0]
    assert '{"mix_mode": 2}' in zego
    grid = text.split("\n## grid\n", 1)[1].split("\n## ", 1)[0]
    assert "Exact `mix_input_list`" in grid and '"top": 0' in grid
    assert "`tile_shape`" in grid and "Tie rules" in grid


def test_markdown_links_point_at_headings(markdown: dict[str, bytes]) -> None:
    anchors: dict[str, set[str]] = {}
    for page in PAGES:
        text = _text(markdown, f"{page}.md")
        headings = re.findall(r"^#+ (.+)$", text, re.M)
        anchors[page] = {escaping.heading_anchor(h.replace("\\", "")) for h in headings}
    for page in PAGES:
        for target_page, anchor in re.findall(
            r"\]\((?:(\w+)\.md)?#([^)]+)\)", _text(markdown, f"{page}.md")
        ):
            assert anchor in anchors[target_page or page], f"{page}.md links to a missing #{anchor}"


# -- determinism -------------------------------------------------------------------------------


def test_byte_identical_across_runs(markdown: dict[str, bytes], html: dict[str, bytes]) -> None:
    assert build_docs("markdown")[0] == markdown
    assert build_docs("html")[0] == html


def test_subprocess_with_another_hash_seed_writes_the_same_bytes(
    tmp_path: Path, markdown: dict[str, bytes]
) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "recspec", "docs", "-o", str(out), "--format", "markdown"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written.pop(".recspec-docs.json")  # the manifest of what it wrote
    assert written == markdown


def test_writes_only_changed_files_and_prunes_only_what_it_wrote(tmp_path: Path) -> None:
    files, _ = build_docs("markdown")
    earlier = {**files, "img/grid-99.svg": b"from an earlier run"}  # a count since dropped
    first = write_docs(tmp_path, earlier)
    assert sorted(first.written) == sorted(earlier)
    (tmp_path / "img" / "architecture-1.svg").write_text("mine", encoding="utf-8")
    (tmp_path / "img" / "logo.png").write_text("keep", encoding="utf-8")
    (tmp_path / "ci.md").write_text("someone else's", encoding="utf-8")
    second = write_docs(tmp_path, files)
    assert second.written == [] and sorted(second.unchanged) == sorted(files)
    assert second.removed == ["img/grid-99.svg"]
    for kept in ("img/architecture-1.svg", "img/logo.png", "ci.md"):
        assert (tmp_path / kept).exists(), kept
    (tmp_path / ".recspec-docs.json").write_text("not json")  # a damaged manifest prunes nothing
    (tmp_path / "img" / "grid-98.svg").write_text("mine too", encoding="utf-8")
    assert write_docs(tmp_path, files).removed == []


# -- HTML ----------------------------------------------------------------------------------------


class _Balance(HTMLParser):
    """Checks that every non-void element is closed in order."""

    VOID = frozenset({"meta", "br", "wbr", "img", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


@pytest.mark.parametrize("page", PAGES)
def test_html_parses_and_is_self_contained(html: dict[str, bytes], page: str) -> None:
    text = _text(html, f"{page}.html")
    checker = _Balance()
    checker.feed(text)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    root = ET.fromstring(text.split("\n", 1)[1])  # well-formed XML after the doctype
    assert root.tag == "html"
    assert '<meta name="viewport" content="width=device-width, initial-scale=1" />' in text
    assert "@media" in text and "<style>" in text
    assert "<script" not in text and "<link" not in text
    # `anywhere` lets table cells shrink below a word: 1280 px split "Forma t", "Defa ult".
    assert "overflow-wrap: anywhere" not in text and "word-break: break-all" not in text
    assert not re.search(r'(src|href)="(https?:)?//', text)
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "ids must be unique (anchors, inlined SVGs)"
    for target in re.findall(r'href="#([^"]+)"', text):
        assert target in ids, f"dangling link #{target}"


def test_html_inlines_one_svg_per_preset_case(html: dict[str, bytes]) -> None:
    from recspec.render.gallery import builtin_sources, gallery

    cases = sum(len(layout["cases"]) for layout in gallery(builtin_sources())["layouts"])
    text = _text(html, "presets.html")
    assert text.count("<svg") == cases
    assert text.count('<li id="grid-') == 7
    for layout in PRESETS:
        assert f'<h2 id="{layout}">' in text


# -- escaping ----------------------------------------------------------------------------------


def test_hostile_stream_id_is_escaped_everywhere(tmp_path: Path) -> None:
    spec = _hostile_spec(tmp_path)
    for fmt in ("markdown", "html"):
        files, _ = build_docs(fmt, [spec])
        for name, data in files.items():
            text = data.decode("utf-8")
            assert HOSTILE not in text, name
            assert "<img src=x" not in text, name
        presets = files[f"presets.{'md' if fmt == 'markdown' else 'html'}"].decode("utf-8")
        assert "team/evil.toml" in presets.replace("\\", "")
        if fmt == "html":
            assert "&lt;img src=x onerror=alert(1)&gt;" in presets
        else:
            assert "\\u003cimg src=x onerror=alert(1)\\u003e" in presets
            svgs = [n for n in files if n.startswith("img/layout-evil-")]
            assert svgs and all(b"&lt;img src=x" in files[n] for n in svgs[-1:])


def test_markdown_escaping_helpers() -> None:
    assert escaping.md("<b>*x*</b> | [a](b)") == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[a\\](b)"
    assert escaping.md_trusted("a `x|y` <b> | c") == "a `x\\|y` &lt;b&gt; \\| c"
    assert escaping.fence("a ```` b", "json").startswith("`````json\n")
    assert escaping.safe_json(["<`&>"]) == '["\\u003c\\u0060\\u0026\\u003e"]'
    assert str(escaping.code_spans("<b> `x`")) == "&lt;b&gt; <code>x</code>"
    assert escaping.heading_anchor("[[layout.tile]]") == "layouttile"


# -- templates: sandbox and overrides --------------------------------------------------------


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    (tmp_path / "rules.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="sandbox"):
        build_docs("markdown", templates=tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["docs", "-o", str(out), "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = result.output.strip()
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert "refused by the template sandbox" in message and "rules.md.j2:1" in message
    assert not out.exists()


@pytest.mark.parametrize(
    "body, expected",
    [
        ("{% for x in %}", "syntax error"),
        ("{{ no_such_variable }}", "UndefinedError"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ pages.__init__.__globals__ }}", "sandbox"),
    ],
)
def test_broken_templates_are_one_line_errors(tmp_path: Path, body: str, expected: str) -> None:
    (tmp_path / "index.html.j2").write_text(body, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["docs", "-o", str(tmp_path / "out"), "--format", "html", "--templates", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output


def test_custom_template_overrides_a_builtin_by_name(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.md.j2").write_text(
        "# Our recordings\n{% for p in pages %}- [{{ p.title }}]({{ p.file }})\n{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["docs", "-o", str(out), "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Our recordings\n") and "- [Lint rules](rules.md)" in index
    assert (out / "rules.md").read_bytes() == (DOCS / "rules.md").read_bytes()


# -- CLI behaviour -------------------------------------------------------------------------------


def test_specs_add_their_layouts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    examples = ROOT / "examples"
    result = CliRunner().invoke(cli, ["docs", "-o", str(out), str(examples)])
    assert result.exit_code == 0, result.output
    text = (out / "presets.md").read_text(encoding="utf-8")
    assert "grid-4-720p-s3.toml" in text and "as compiled from" in text
    assert "no [layout], nothing to draw" in result.output  # audio-only examples are noted
    assert any(p.name.startswith("layout-") for p in (out / "img").iterdir())


def test_spec_with_a_broken_layout_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    spec = _hostile_spec(tmp_path)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            'preset = "speaker"', 'preset = "speaker"\ngap = 3'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["docs", "-o", str(out), str(spec)])
    assert result.exit_code == 1
    assert "RS807" in result.output and not out.exists()


def test_missing_spec_path_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["docs", "-o", str(tmp_path), str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_jinja2_is_not_imported_by_recspec_itself() -> None:
    code = (
        "import sys, recspec, recspec.cli, recspec.api, recspec.commands.docs, "
        "recspec.commands.init; assert 'jinja2' not in sys.modules, 'jinja2 imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# -- the committed docs --------------------------------------------------------------------------


def test_committed_docs_are_up_to_date(markdown: dict[str, bytes]) -> None:
    """Fails when rules, presets or spec models changed without regenerating docs/."""
    stale = [name for name, data in markdown.items() if _read(DOCS / name) != data]
    extra = sorted(
        f"img/{p.name}" for p in (DOCS / "img").glob("*.svg") if f"img/{p.name}" not in markdown
    )
    assert not stale and not extra, (
        f"docs/ is stale ({', '.join((stale + extra)[:5])}...): regenerate with `{REGENERATE}` "
        "and commit the result"
    )


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
