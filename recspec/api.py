"""The Python API: what `import recspec` offers scripts and build pipelines."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from recspec.compiler import Compiled, compile_file
from recspec.lint import LintConfig, LintRun, lint_paths
from recspec.spec.loader import LoadedSpec
from recspec.spec.loader import load_spec as _load

__all__ = [
    "CompileError",
    "Compiled",
    "LintConfig",
    "LintRun",
    "compile_spec",
    "lint_paths",
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


def _is_path(source: str | os.PathLike[str]) -> bool:
    if isinstance(source, os.PathLike):
        return True
    return "\n" not in source and source.endswith(".toml")


def compile_spec(
    source: str | os.PathLike[str], *, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Compile a spec (a path to a `.toml` file, or the TOML text itself) to the start payload.

    Raises `CompileError` when the spec has errors, `recspec.source.UnreadableError` when the
    path cannot be read.
    """
    compiled = (
        compile_file(source, env=env)
        if _is_path(source)
        else compile_file(text=str(source), env=env)
    )
    if compiled.payload is None:
        raise CompileError(compiled)
    return compiled.payload


def load_spec(
    source: str | os.PathLike[str], *, env: Mapping[str, str] | None = None
) -> LoadedSpec:
    """Read and validate a spec without compiling it; `.spec` is the model, `.problems` the issues.

    `.spec` is a `recspec.spec.models.Spec` (pydantic) here; the CLI's own pipeline keeps the
    pydantic-free `SpecNode` view of it instead (same attributes and values).
    """
    loaded = _load(source, env=env) if _is_path(source) else _load(text=str(source), env=env)
    if loaded.spec is not None:
        from recspec.spec.models import Spec

        loaded.spec = Spec.model_validate(loaded.data)
    return loaded
