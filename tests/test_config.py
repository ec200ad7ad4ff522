"""Configuration as in ruff: each file's nearest configuration, whatever the working directory;
--config and --isolated; configuration files checked as configuration; standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8")


def recspec(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recspec", *args, "--no-cache"] if args[0] in ("lint", "compile")
        else [sys.executable, "-m", "recspec", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def codes(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(d["file"], d["rule"]) for d in json.loads(result.stdout)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """repo/specs/team/a.toml (fps 60), repo/specs/recspec.toml ignoring fps-range,
    repo/other/b.toml (fps 60) with no configuration of its own."""
    bad = GOOD.replace("fps = 15", "fps = 60", 1)
    for folder in ("repo/specs/team", "repo/other", "elsewhere"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "repo/specs/team/a.toml").write_text(bad)
    (tmp_path / "repo/other/b.toml").write_text(bad)
    (tmp_path / "repo/specs/recspec.toml").write_text('ignore = ["fps-range"]\n')
    return tmp_path


def test_each_file_gets_its_nearest_configuration_from_any_working_directory(tree: Path) -> None:
    for cwd in (tree / "repo", tree / "elsewhere", tree / "repo/specs/team"):
        result = recspec("lint", "--format", "json", str(tree / "repo"), cwd=cwd)
        assert result.returncode == 1, result.stderr
        assert [rule for _, rule in codes(result)] == ["RS305"]
        assert codes(result)[0][0].endswith("other/b.toml")


def test_per_file_ignores_are_relative_to_the_configuration_folder(tree: Path) -> None:
    (tree / "repo/specs/recspec.toml").write_text('[per-file-ignores]\n"team/*" = ["RS305"]\n')
    result = recspec("lint", "--format", "json", "repo/specs", cwd=tree)
    assert result.returncode == 0 and codes(result) == []


def test_config_option_and_isolated_override_discovery(tree: Path) -> None:
    (tree / "strict.toml").write_text('select = ["RS3"]\n')
    chosen = recspec("lint", "--format", "json", "--config", "strict.toml", "repo", cwd=tree)
    assert sorted(rule for _, rule in codes(chosen)) == ["RS305", "RS305"]
    isolated = recspec("lint", "--format", "json", "--isolated", "repo/specs", cwd=tree)
    assert [rule for _, rule in codes(isolated)] == ["RS305"]
    missing = recspec("lint", "--config", "nope.toml", "repo", cwd=tree)
    assert missing.returncode == 2 and "nope.toml" in missing.stderr


def test_a_configuration_file_named_explicitly_is_checked_as_configuration(tree: Path) -> None:
    good = recspec("lint", "repo/specs/recspec.toml", cwd=tree)
    assert good.returncode == 0, good.stdout
    (tree / "repo/specs/recspec.toml").write_text('ignore = ["fps-range"]\nstrcit = true\n')
    bad = recspec("lint", "--format", "json", "repo/specs/recspec.toml", cwd=tree)
    found = json.loads(bad.stdout)
    assert bad.returncode == 1 and [(d["rule"], d["line"]) for d in found] == [("RS810", 2)]
    assert "strict" in found[0]["message"]  # did you mean
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert recspec("lint", "pyproject.toml", cwd=tree).returncode == 0  # no [tool.recspec]
    (tree / "pyproject.toml").write_text('[tool.recspec]\ntarget = "v3"\n')
    bad_py = recspec("lint", "--format", "json", "pyproject.toml", cwd=tree)
    assert [(d["rule"], d["line"]) for d in json.loads(bad_py.stdout)] == [("RS810", 2)]


def test_a_broken_configuration_is_a_usage_error_naming_the_file(tree: Path) -> None:
    (tree / "repo/specs/recspec.toml").write_text("ignore = 3\n")
    result = recspec("lint", "repo/specs/team/a.toml", cwd=tree)
    assert result.returncode == 2 and "recspec.toml" in result.stderr and "ignore" in result.stderr


def test_stdin_lint_uses_the_filename_for_positions_and_configuration(tree: Path) -> None:
    text = (tree / "repo/specs/team/a.toml").read_text()
    plain = recspec("lint", "--format", "json", "-", cwd=tree, stdin=text)
    assert [(f, r) for f, r in codes(plain)] == [("-", "RS305")]
    named = recspec(
        "lint", "--format", "json", "-", "--stdin-filename", "repo/specs/team/a.toml",
        cwd=tree, stdin=text,
    )  # fmt: skip
    assert named.returncode == 0 and codes(named) == []  # the folder's configuration applied
    other = recspec("lint", "--format", "json", "-", "--stdin-filename", "repo/other/b.toml",
                    cwd=tree, stdin=text)  # fmt: skip
    found = json.loads(other.stdout)
    assert [(d["file"], d["rule"]) for d in found] == [("repo/other/b.toml", "RS305")]
    assert found[0]["line"] == text.splitlines().index("fps = 60") + 1
    payload = recspec("lint", "-", "--stdin-filename", "x.json", cwd=tree, stdin="{")
    assert payload.returncode == 1 and "RS100" in payload.stdout


def test_stdin_compile(tree: Path) -> None:
    text = GOOD
    result = recspec("compile", "-", cwd=tree, stdin=text)
    assert result.returncode == 0 and json.loads(result.stdout)["room_id"] == "standup-42"
    (tree / "repo/recspec.toml").write_text('target = "v2"\n')
    v2 = recspec("compile", "-", "--stdin-filename", "repo/x.toml", cwd=tree, stdin=text)
    assert v2.returncode == 0 and "RoomId" in json.loads(v2.stdout)
    both = recspec("compile", "-", "repo/other/b.toml", "--out-dir", "o", cwd=tree, stdin=text)
    assert both.returncode == 2


def test_compile_points_a_json_body_to_lint(tree: Path) -> None:
    (tree / "body.json").write_text("{}")
    result = recspec("compile", "body.json", cwd=tree)
    assert result.returncode == 1 and "recspec lint body.json" in result.stderr
    assert "TOML" not in result.stderr.split("(JSON)")[0]


def test_explain_takes_a_prefix_or_a_word(tmp_path: Path) -> None:
    family = recspec("explain", "RS7", cwd=tmp_path)
    assert family.returncode == 0 and "RS701" in family.stdout and "RS305" not in family.stdout
    word = recspec("explain", "fps", cwd=tmp_path)
    assert word.returncode == 0 and "RS305" in word.stdout and "RS701" not in word.stdout
    v2_word = recspec("explain", "TencentCloudVod", cwd=tmp_path)  # v2 field names find rules too
    assert "RS703" in v2_word.stdout
    assert recspec("explain", "qqqqqq", cwd=tmp_path).returncode == 2


def test_template_overrides_are_checked_and_failures_name_the_variable(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "rule.md.j2").write_text("misspelt")
    unknown = recspec("docs", "-o", "site", "--templates", "tpl", cwd=tmp_path)
    assert unknown.returncode == 2 and "'rule.md.j2' overrides no template" in unknown.stderr
    (tmp_path / "tpl" / "rule.md.j2").unlink()
    (tmp_path / "tpl" / "index.md.j2").write_text("{{ rules|length }} rules, {{ nope }}\n")
    failing = recspec("docs", "-o", "site", "--templates", "tpl", cwd=tmp_path)
    assert failing.returncode == 2 and "'nope' is undefined" in failing.stderr
    assert "index.md.j2" in failing.stderr and "receives:" in failing.stderr
    (tmp_path / "tpl" / "index.md.j2").write_text("{{ rules|length }} rules\n")
    works = recspec("docs", "-o", "site", "--templates", "tpl", cwd=tmp_path)
    assert works.returncode == 0 and (tmp_path / "site/index.md").read_text().endswith("rules\n")


def test_the_documented_template_variables_are_what_templates_receive() -> None:
    from recspec.commands.docs import EPILOG
    from recspec.render.docs import TEMPLATE_VARIABLES

    for name in TEMPLATE_VARIABLES:
        assert name in EPILOG, name


def test_a_configuration_that_is_not_toml_is_a_usage_error(tree: Path) -> None:
    (tree / "repo/specs/recspec.toml").write_text("ignore = [\n")
    result = recspec("lint", "repo/specs/team/a.toml", cwd=tree)
    assert result.returncode == 2 and "recspec.toml" in result.stderr
    assert "Traceback" not in result.stderr
    as_file = recspec("lint", "--format", "json", "repo/specs/recspec.toml", cwd=tree)
    assert as_file.returncode == 1 and json.loads(as_file.stdout)[0]["rule"] == "RS100"


@pytest.mark.parametrize(
    "pyproject",
    [
        '[tool.recspec]\ntarget = "v3"\n',
        '[ tool . "recspec" ]\ntarget = "v3"\n',
        "[tool.'recspec']\ntarget = \"v3\"\n",
        'tool.recspec.target = "v3"\n',
        '[tool]\nrecspec = { target = "v3" }\n',
        '[tool]\nrecspec.target = "v3"\n',
        'tool = { recspec = { target = "v3" } }\n',
    ],
)
def test_every_way_of_writing_tool_recspec_in_a_pyproject_is_read(
    pyproject: str, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "a.toml").write_text('[room]\nid = "r"\n')
    result = recspec("lint", "a.toml", cwd=tmp_path)
    assert (
        result.returncode == 2 and "pyproject.toml" in result.stderr and "target" in result.stderr
    )


def test_a_pyproject_that_cannot_configure_recspec_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "recspec"\n[project.scripts]\nrecspec = "x"\n[tool.ruff]\nthis is [not TOML\n'
    )
    spec = tmp_path / "specs" / "a.toml"
    spec.parent.mkdir()
    spec.write_text(GOOD)
    result = recspec("lint", "specs/a.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compile_reads_configuration_only_when_it_decides_the_target(tmp_path: Path) -> None:
    (tmp_path / "recspec.toml").write_text("target = 3\n")
    (tmp_path / "a.toml").write_text(GOOD)
    needed = recspec("compile", "a.toml", cwd=tmp_path)
    assert needed.returncode == 2 and "recspec.toml" in needed.stderr
    forced = recspec("compile", "--target", "v2", "a.toml", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "RoomId" in forced.stdout
