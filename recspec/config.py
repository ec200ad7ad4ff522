"""Lint configuration from `recspec.toml`, `.recspec.toml` or `pyproject.toml` `[tool.recspec]`.

The nearest file walking up from the working directory wins (like ruff); keys: `select`,
`ignore`, `per-file-ignores` (glob -> codes), `strict` and `target` (the API specs without a
`target` key compile for: "legacy" or "v2"). A malformed configuration is a usage
error (exit 2), never silently ignored.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from recspec.lint import LintConfig

CONFIG_FILES = (".recspec.toml", "recspec.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "per-file-ignores", "strict", "target"}


class ConfigError(Exception):
    """The configuration file is invalid; the message names the file and the key."""


def find_config(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file and its recspec table, or None."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{candidate}: cannot read configuration: {exc}") from exc
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("recspec")
                if table is None:
                    continue
            else:
                table = data.get("tool", {}).get("recspec", data)
            if not isinstance(table, dict):
                raise ConfigError(f"{candidate}: [tool.recspec] must be a table")
            return candidate, table
    return None


def load_config(start: Path | None = None) -> LintConfig:
    """Read and validate the nearest configuration (defaults when there is none)."""
    found = find_config(start)
    if found is None:
        return LintConfig()
    path, table = found
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}"
        )
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{path}: per-file-ignores must be a table of glob = [codes]")
    return LintConfig(
        select=_codes(path, "select", table.get("select", [])),
        ignore=_codes(path, "ignore", table.get("ignore", [])),
        per_file_ignores={
            glob: _codes(path, f"per-file-ignores.{glob}", codes)
            for glob, codes in per_file.items()
        },
        strict=_flag(path, table.get("strict", False)),
        target=_target(path, table.get("target", "legacy")),
    )


def _target(path: Path, value: Any) -> str:
    if value not in ("legacy", "v2"):
        raise ConfigError(f'{path}: target must be "legacy" or "v2"')
    return str(value)


def _codes(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of rule codes or names")
    return tuple(value)


def _flag(path: Path, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: strict must be true or false")
    return value
