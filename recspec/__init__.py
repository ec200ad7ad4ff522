"""recspec: compile short TOML specs into ZEGO cloud-recording `start` payloads, and lint them.

The public API (`recspec.api.__all__`) is importable from the package itself and loaded lazily,
so that `recspec --version` and `python -m recspec` start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CompileError",
    "Compiled",
    "Diagnostic",
    "LintConfig",
    "LintRun",
    "LoadedSpec",
    "Severity",
    "UnreadableError",
    "__version__",
    "compile_spec",
    "lint_paths",
    "lint_text",
    "load_spec",
]

_API = frozenset(__all__) - {"__version__"}

if TYPE_CHECKING:
    from recspec.api import (
        Compiled,
        CompileError,
        Diagnostic,
        LintConfig,
        LintRun,
        LoadedSpec,
        Severity,
        UnreadableError,
        compile_spec,
        lint_paths,
        lint_text,
        load_spec,
    )


def __getattr__(name: str) -> Any:
    if name in _API:
        from recspec import api

        return getattr(api, name)
    raise AttributeError(f"module 'recspec' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
