"""The public Python API: every name importable from `recspec`, path vs text, the README doctest."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

import recspec

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_imports_from_the_package() -> None:
    for name in recspec.__all__:
        assert getattr(recspec, name) is not None, name
        assert name in dir(recspec)
    from recspec import CompileError, Diagnostic, compile_spec, lint_paths, load_spec

    assert issubclass(CompileError, ValueError)
    assert Diagnostic.__name__ == "Diagnostic"
    assert all(f.__doc__ for f in (compile_spec, lint_paths, load_spec, CompileError))
    with pytest.raises(AttributeError):
        _ = recspec.no_such_name  # type: ignore[attr-defined]


def test_a_path_is_a_path_whatever_its_suffix(tmp_path: Path) -> None:
    spec = tmp_path / "podcast.spec"
    spec.write_text((ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8"))
    assert recspec.compile_spec(str(spec), env={})["room_id"] == "standup-42"
    with pytest.raises(recspec.UnreadableError):
        recspec.compile_spec(str(tmp_path / "missing.spec"))


def test_text_needs_the_keyword_and_not_both() -> None:
    with pytest.raises(TypeError):
        recspec.compile_spec()
    with pytest.raises(TypeError):
        recspec.compile_spec("a.toml", text="x = 1")
    with pytest.raises(recspec.CompileError) as caught:
        recspec.compile_spec(text="room = \n")
    assert caught.value.diagnostics[0].file == "<string>"


def test_lint_paths_takes_one_path_too() -> None:
    run = recspec.lint_paths(ROOT / "examples" / "grid-4-720p-s3.toml", env={})
    assert run.files == [
        os.path.relpath(ROOT / "examples" / "grid-4-720p-s3.toml").replace(os.sep, "/")
    ]


def test_readme_python_api_section_is_a_passing_doctest(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks and all(">>>" in b for b in blocks)
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, {}, f"README.md[{number}]", "README.md", 0)
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0
