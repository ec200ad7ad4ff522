"""`lint_file` and `lint_paths` as a library: unreadable and non-text inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from recspec.lint import lint_file, lint_paths
from recspec.source import UnreadableError


def test_lint_file_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="no such file"):
        lint_file(tmp_path / "missing.json")


def test_lint_file_reports_a_binary_file_as_rs100(tmp_path: Path) -> None:
    binary = tmp_path / "blob.json"
    binary.write_bytes(b'{"a": "\xff"}')
    diagnostics, _ = lint_file(binary, env={})
    assert [d.rule for d in diagnostics] == ["RS100"]
    assert "UTF-8" in diagnostics[0].message


def test_lint_paths_names_the_first_unreadable_file_in_input_order(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text("{}", encoding="utf-8")
    with pytest.raises(UnreadableError) as caught:
        lint_paths([good, tmp_path / "first.json", tmp_path / "second.json"], env={})
    assert caught.value.path.endswith("first.json")


def test_lint_paths_takes_one_path_alone(tmp_path: Path) -> None:
    """`lint_paths("specs")` lints the folder; it once looked for files named s, p, e, c, s."""
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    for one in (tmp_path, str(tmp_path)):
        run = lint_paths(one, env={})
        assert [Path(f).name for f in run.files] == ["a.json"]
