"""The README's Python API section is a doctest: what it shows is what `import recspec` does."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import recspec

ROOT = Path(__file__).resolve().parent.parent


def test_readme_python_blocks_run_as_doctests(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if ">>>" in b]
    assert blocks, "the README's API section has no doctest"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("RECSPEC_NO_CACHE", "1")
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for index, block in enumerate(blocks):
        test = parser.get_doctest(block, {}, f"README block {index}", "README.md", 0)
        runner.run(test)
    assert runner.failures == 0 and runner.tries > 5


def test_every_public_name_imports_from_the_package() -> None:
    for name in recspec.__all__:
        assert getattr(recspec, name) is not None, name
    assert dir(recspec) == sorted(recspec.__all__)
    assert issubclass(recspec.CompileError, ValueError)
    with pytest.raises(AttributeError):
        recspec.nothing_here  # noqa: B018
    with pytest.raises(TypeError):
        recspec.compile_spec()
    with pytest.raises(recspec.UnreadableError):
        recspec.compile_spec("podcast.spec")  # a path, even without .toml: never TOML text
