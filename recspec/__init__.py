"""recspec: compile short TOML specs into ZEGO cloud-recording request bodies, and lint them.

The public API (see `__all__`) is imported lazily, so that `recspec --version` and
`python -m recspec` start fast:

- `compile_spec(path)` / `compile_spec(text=..., filename=...)`: a spec to its request body
  (raises `CompileError`, whose `.diagnostics` say why);
- `lint_paths(paths)` and `lint_text(text, filename)`: a `LintRun` with `.diagnostics`
  (`Diagnostic` objects) and `.exit_code()`;
- `load_spec(path)`: the validated spec model without compiling it.
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
    "Severity",
    "UnreadableError",
    "__version__",
    "compile_spec",
    "lint_paths",
    "lint_text",
    "load_spec",
]

if TYPE_CHECKING:
    from recspec.api import (
        Compiled,
        CompileError,
        LintConfig,
        LintRun,
        compile_spec,
        lint_paths,
        lint_text,
        load_spec,
    )
    from recspec.diagnostics import Diagnostic, Severity
    from recspec.source import UnreadableError

_HOMES = {
    "Diagnostic": "recspec.diagnostics",
    "Severity": "recspec.diagnostics",
    "UnreadableError": "recspec.source",
}


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        import importlib

        module = importlib.import_module(_HOMES.get(name, "recspec.api"))
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'recspec' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
