"""`compile`'s de-duplication key is exactly `normcase(realpath(path))`, computed cheaper."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recspec.commands.compile import _real_path

PATHS = [
    "a/b/x.toml",
    "./a/b/x.toml",
    "lnk/x.toml",
    "a/b/y.toml",
    "c/b/../b/x.toml",
    "lnk/../b/x.toml",
    "x.toml",
    "missing/z.toml",
    "a/b/",
    "a/..",
    "c/b/x.toml",
    "loop/x.toml",
    "a/b/dangling.toml",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Folders, a file, links to folders and files, a dangling link and a loop."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.toml").write_text("")
    (tmp_path / "lnk").symlink_to("a/b")
    (tmp_path / "c").symlink_to("a")
    (tmp_path / "a" / "b" / "y.toml").symlink_to("x.toml")
    (tmp_path / "a" / "b" / "dangling.toml").symlink_to("nowhere.toml")
    (tmp_path / "loop").symlink_to("loop")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", PATHS)
def test_the_key_is_the_real_path(tree: Path, path: str) -> None:
    folders: dict[str, str] = {}
    assert _real_path(path, folders) == os.path.normcase(os.path.realpath(path))
    absolute = str(tree / path)
    assert _real_path(absolute, folders) == os.path.normcase(os.path.realpath(absolute))


@given(st.text())
def test_output_names_never_leave_their_folder(stem: str) -> None:
    from recspec.output import safe_output_name

    name = safe_output_name(stem)
    slow = "".join("_" if ch in "/\\\0:" or not ch.isprintable() else ch for ch in stem)
    assert name == (slow.strip().lstrip(".") or "_")  # the fast path changes nothing
    assert name and not name.startswith(".") and name.isprintable()
    assert not any(ch in name for ch in "/\\:\0")
