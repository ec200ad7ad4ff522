"""Issue 16: configuration nearest to each file, config files never specs, stdin, public API."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recspec.cli import cli
from recspec.rules.spec import BASE_SPEC

ROOT = Path(__file__).resolve().parent.parent
BAD_SPEC = BASE_SPEC + "\n[video]\nfps = 60\n"  # RS305 at line 20


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def codes(output: str) -> list[str]:
    return [d["rule"] for d in json.loads(output)]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """root/specs/{recspec.toml ignoring RS305, bad.toml, sub/bad.toml}, root/other/bad.toml."""
    (tmp_path / "specs" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "specs" / "recspec.toml").write_text('ignore = ["RS305"]\n', encoding="utf-8")
    for folder in ("specs", "specs/sub", "other"):
        (tmp_path / folder / "bad.toml").write_text(BAD_SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_file_uses_its_nearest_configuration_from_the_repository_root(tree: Path) -> None:
    result = run("lint", "--no-cache", "--format", "json", "specs", "other")
    found = json.loads(result.output)
    assert [d["file"] for d in found] == ["other/bad.toml"]  # specs/** ignore RS305
    assert result.exit_code == 1


def test_configuration_is_found_whatever_the_working_directory(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree / "other")
    result = run("lint", "--no-cache", "--format", "json", "../specs/sub/bad.toml")
    assert result.exit_code == 0, result.output
    assert codes(result.output) == []


def test_per_file_ignores_are_relative_to_the_configuration_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "specs" / "recspec.toml").write_text(
        '[per-file-ignores]\n"sub/*.toml" = ["RS305"]\n', encoding="utf-8"
    )
    for cwd in (tree, tree / "other"):
        monkeypatch.chdir(cwd)
        prefix = "" if cwd == tree else "../"
        result = run("lint", "--no-cache", "--format", "json", f"{prefix}specs")
        files = [Path(d["file"]).as_posix() for d in json.loads(result.output)]
        assert files == [f"{prefix}specs/bad.toml"], cwd


def test_config_and_isolated_override_the_nearest_configuration(tree: Path) -> None:
    (tree / "strict.toml").write_text('ignore = ["RS3"]\n', encoding="utf-8")
    assert run("lint", "--no-cache", "--config", "strict.toml", "other").exit_code == 0
    isolated = run("lint", "--no-cache", "--isolated", "--format", "json", "specs/bad.toml")
    assert codes(isolated.output) == ["RS305"]
    missing = run("lint", "--config", "nope.toml", "specs")
    assert missing.exit_code == 2 and "nope.toml" in missing.output


@pytest.mark.parametrize("name", ["recspec.toml", ".recspec.toml"])
def test_a_configuration_file_named_explicitly_is_checked_as_configuration(
    tree: Path, name: str
) -> None:
    path = tree / "specs" / name
    path.write_text('ignore = ["RS305"]\nbogus = 1\n', encoding="utf-8")
    if name != "recspec.toml":
        (tree / "specs" / "recspec.toml").unlink()
    result = run("lint", "--no-cache", "--format", "json", f"specs/{name}")
    found = json.loads(result.output)
    assert [(d["rule"], d["line"], d["column"]) for d in found] == [("RS102", 2, 1)]
    assert "unknown setting `bogus`" in found[0]["message"]
    assert result.exit_code == 1
    clean = run("lint", "--no-cache", "specs/bad.toml", "specs/recspec.toml")
    assert "room" not in clean.output  # never compiled as a spec


def test_pyproject_named_explicitly_is_checked_as_configuration(tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.recspec]\nstrict = "yes"\ntypo = []\n', encoding="utf-8"
    )
    result = run("lint", "--no-cache", "--format", "json", "pyproject.toml")
    found = json.loads(result.output)
    assert [(d["rule"], d["line"]) for d in found] == [("RS100", 4), ("RS102", 6)]
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert run("lint", "--no-cache", "pyproject.toml").exit_code == 0


def test_lint_stdin_uses_the_stdin_filename_for_positions_and_configuration(tree: Path) -> None:
    outside = run(
        "lint", "--format", "json", "-", "--stdin-filename", "other/x.toml", stdin=BAD_SPEC
    )
    found = json.loads(outside.output)
    assert [(d["file"], d["line"], d["rule"]) for d in found] == [("other/x.toml", 20, "RS305")]
    inside = run("lint", "-", "--stdin-filename", "specs/x.toml", stdin=BAD_SPEC)
    assert inside.exit_code == 0, inside.output  # specs/recspec.toml applies
    payload = run("lint", "--format", "json", "-", "--stdin-filename", "p.json", stdin="{}")
    assert "RS101" in codes(payload.output)
    bare = run("lint", "--format", "json", "-", stdin=BAD_SPEC)
    assert json.loads(bare.output)[0]["file"] == "-"


def test_stdin_filename_needs_stdin(tree: Path) -> None:
    assert run("lint", "specs", "--stdin-filename", "x.toml").exit_code == 2


def test_compile_stdin(tree: Path) -> None:
    good = run("compile", "-", "--stdin-filename", "specs/x.toml", stdin=BASE_SPEC)
    assert good.exit_code == 0, good.output
    assert "room_id" in json.loads(good.output)
    bad = run("compile", "-", "--stdin-filename", "specs/y.toml", stdin=BAD_SPEC + "[z]\n")
    assert bad.exit_code == 1
    assert re.search(r"specs/y\.toml:\d+:\d+: RS", bad.output)


def test_compile_a_payload_points_to_lint(tree: Path) -> None:
    (tree / "payload.json").write_text("{}", encoding="utf-8")
    result = run("compile", "payload.json")
    assert result.exit_code == 2
    assert "recspec lint payload.json" in result.output
    piped = run("compile", "-", stdin='{"app_id": 1}')
    assert piped.exit_code == 2 and "recspec lint" in piped.output


def test_every_public_name_is_importable_from_the_package() -> None:
    import recspec
    import recspec.api

    for name in recspec.__all__:
        assert getattr(recspec, name) is not None
    assert set(recspec.api.__all__) <= set(recspec.__all__)
    assert set(recspec.__all__) <= set(dir(recspec))
    from recspec import CompileError, Diagnostic, compile_spec, lint_paths, load_spec

    assert issubclass(CompileError, ValueError)
    assert Diagnostic.__doc__ and compile_spec.__doc__ and lint_paths.__doc__
    assert load_spec.__doc__


def test_lint_text_api() -> None:
    from recspec import lint_text

    run_ = lint_text(BAD_SPEC, name="room.toml")
    assert [(d.file, d.line, d.rule) for d in run_.diagnostics] == [("room.toml", 20, "RS305")]


def test_pre_commit_hook_excludes_configuration_files() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    files = re.compile(re.search(r"^  files: (.+)$", text, re.M).group(1))  # type: ignore[union-attr]
    exclude = re.compile(re.search(r"^  exclude: (.+)$", text, re.M).group(1))  # type: ignore[union-attr]

    def hooked(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    assert hooked("specs/room.toml") and hooked("a/payloads/p.json")
    for config in ("specs/recspec.toml", "specs/.recspec.toml", "specs/pyproject.toml"):
        assert not hooked(config)
