"""The Python API: what `import recspec` offers scripts and build pipelines.

A spec is given either as a path (the positional argument, `str` or `os.PathLike`, any file
name) or as its text (`text=`, with an optional `name=` for positions): never guessed from the
string's shape.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from recspec.compiler import Compiled, compile_file
from recspec.diagnostics import Diagnostic, Severity
from recspec.lint import LintConfig, LintRun
from recspec.lint import lint_paths as _lint_paths
from recspec.lint import lint_text as _lint_text
from recspec.source import UnreadableError
from recspec.spec.loader import LoadedSpec
from recspec.spec.loader import load_spec as _load

__all__ = [
    "CompileError",
    "Compiled",
    "Diagnostic",
    "LintConfig",
    "LintRun",
    "LoadedSpec",
    "Severity",
    "UnreadableError",
    "compile_spec",
    "lint_paths",
    "lint_text",
    "load_spec",
]

#: The name diagnostics carry for a spec given as text without `name=`.
TEXT_NAME = "<string>"


class CompileError(ValueError):
    """The spec has errors; `.diagnostics` lists them (positions included, secrets redacted)."""

    def __init__(self, compiled: Compiled) -> None:
        self.diagnostics: list[Diagnostic] = [d for d in compiled.diagnostics if not d.suppressed]
        first = next((d for d in self.diagnostics if d.severity.label == "error"), None)
        where = (
            f"{first.file}:{first.line}:{first.column}: {first.rule} {first.message}"
            if first
            else ""
        )
        super().__init__(f"spec has errors: {where}")


def _source(
    path: str | os.PathLike[str] | None, text: str | None, name: str | None
) -> tuple[str | os.PathLike[str] | None, str | None]:
    """(path, text) for the loaders: exactly one of `path` and `text` must be given."""
    if (path is None) == (text is None):
        raise TypeError("give a spec path or text=, not both and not neither")
    if text is not None:
        return name or TEXT_NAME, text
    return path, None


def compile_spec(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    name: str | None = None,
    env: Mapping[str, str] | None = None,
    target: str | None = None,
) -> dict[str, Any]:
    """Compile a spec file (`path`) or spec text (`text=`) to the start request body.

    `target` ("legacy" or "v2") wins over the spec's own `target`. Raises `CompileError` when
    the spec has errors, `UnreadableError` when the path cannot be read.
    """
    where, body = _source(path, text, name)
    compiled = compile_file(where, text=body, env=env, target=target)
    if compiled.payload is None:
        raise CompileError(compiled)
    return compiled.payload


def load_spec(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    name: str | None = None,
    env: Mapping[str, str] | None = None,
) -> LoadedSpec:
    """Read and validate a spec without compiling it; `.spec` is the model, `.problems` the issues.

    `.spec` is a `recspec.spec.models.Spec` (pydantic) here; the CLI's own pipeline keeps the
    pydantic-free `SpecNode` view of it instead (same attributes and values).
    """
    where, body = _source(path, text, name)
    loaded = _load(where, text=body, env=env)
    if loaded.spec is not None:
        from recspec.spec.models import Spec

        loaded.spec = Spec.model_validate(loaded.data)
    return loaded


def lint_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    config: LintConfig | None = None,
    *,
    env: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint spec files (.toml) and request bodies (.json); folders are walked.

    `.diagnostics` (suppressed ones included, `.suppressed` set), `.files`, `.exit_code()`.
    Raises `UnreadableError` for a path that cannot be read.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not the characters of its name
    return _lint_paths([os.fspath(p) for p in paths], config, env=env)


def lint_text(
    text: str,
    *,
    name: str = TEXT_NAME,
    config: LintConfig | None = None,
    env: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint a spec or request body held in memory; `name` (e.g. "room.json") gives positions
    and decides spec or payload (a `.json` name, or text starting with `{`, is a payload)."""
    return _lint_text(name, text, config, env)
