"""The Python API: what `import recspec` offers scripts and build pipelines.

A path and a text are different arguments: `compile_spec(path)` reads a file,
`compile_spec(text=..., filename=...)` compiles text held in memory (the file name, if given,
places `extends` bases and names the file in diagnostics; the file itself is not read).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from recspec.compiler import Compiled, compile_file
from recspec.lint import LintConfig, LintRun, lint_paths, lint_stdin
from recspec.spec.loader import LoadedSpec
from recspec.spec.loader import load_spec as _load

__all__ = [
    "CompileError",
    "Compiled",
    "LintConfig",
    "LintRun",
    "compile_spec",
    "lint_paths",
    "lint_text",
    "load_spec",
]


class CompileError(ValueError):
    """The spec has errors; `.diagnostics` lists them (positions included, secrets redacted)."""

    def __init__(self, compiled: Compiled) -> None:
        self.diagnostics = [d for d in compiled.diagnostics if not d.suppressed]
        first = next((d for d in self.diagnostics if d.severity.label == "error"), None)
        where = (
            f"{first.file}:{first.line}:{first.column}: {first.rule} {first.message}"
            if first
            else ""
        )
        super().__init__(f"spec has errors: {where}")


def _source(
    path: str | os.PathLike[str] | None, text: str | None, filename: str | None
) -> dict[str, Any]:
    """compile_file/load_spec arguments for a path or a text (exactly one of them)."""
    if (path is None) == (text is None):
        raise TypeError("give a path or text=..., not both and not neither")
    if text is not None:
        return {"path": filename, "text": text}
    if isinstance(path, str) and "\n" in path:  # before 0.2 a TOML text could be passed here
        return {"path": filename, "text": path}
    return {"path": path}


def compile_spec(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    filename: str | None = None,
    env: Mapping[str, str] | None = None,
    target: str | None = None,
) -> dict[str, Any]:
    """Compile a spec file (or `text=`) into the request body of its target's dialect.

    `target` ("legacy" or "v2") wins over the spec's own `target` key, as `--target` does.
    Raises `CompileError` when the spec has errors, `recspec.UnreadableError` when the path
    cannot be read.
    """
    compiled = compile_file(**_source(path, text, filename), env=env, target=target)
    if compiled.payload is None:
        raise CompileError(compiled)
    return compiled.payload


def lint_text(
    text: str,
    filename: str = "-",
    *,
    config: LintConfig | None = None,
    env: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint a spec or a request body held in memory, as the file `filename` would be.

    Without `config`, the configuration nearest to `filename` applies, as on the command line.
    """
    if config is None:
        from recspec.config import ConfigResolver

        return lint_stdin(text, filename, ConfigResolver(), env)
    return lint_stdin(text, filename, config, env)


def load_spec(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    filename: str | None = None,
    env: Mapping[str, str] | None = None,
) -> LoadedSpec:
    """Read and validate a spec without compiling it; `.spec` is the model, `.problems` the issues.

    `.spec` is a `recspec.spec.models.Spec` (pydantic) here; the CLI's own pipeline keeps the
    pydantic-free `SpecNode` view of it instead (same attributes and values).
    """
    loaded = _load(**_source(path, text, filename), env=env)
    if loaded.spec is not None:
        from recspec.spec.models import Spec

        loaded.spec = Spec.model_validate(loaded.data)
    return loaded
