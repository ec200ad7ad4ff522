"""recspec: compile short TOML specs into ZEGO cloud-recording `start` payloads, and lint them.

The public API is imported lazily so that `recspec --version` and `python -m recspec` start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "compile_spec", "lint_paths", "load_spec"]

if TYPE_CHECKING:
    from recspec.api import compile_spec, lint_paths, load_spec


def __getattr__(name: str) -> Any:
    if name in {"compile_spec", "lint_paths", "load_spec"}:
        from recspec import api

        return getattr(api, name)
    raise AttributeError(f"module 'recspec' has no attribute {name!r}")
