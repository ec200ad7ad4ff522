"""Lint configuration from `recspec.toml`, `.recspec.toml` or `pyproject.toml` `[tool.recspec]`.

Each file is checked with the configuration nearest to it, walking up from its folder (like
ruff), whatever the working directory; `per-file-ignores` globs are relative to the
configuration file's folder. Keys: `select`,
`ignore`, `per-file-ignores` (glob -> codes), `strict` and `target` (the API specs without a
`target` key compile for: "legacy" or "v2"). A malformed configuration is a usage
error (exit 2), never silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recspec.diagnostics import Diagnostic
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
    return config_from_table(*found)


def load_config_file(path: Path) -> LintConfig:
    """Read and validate the configuration file given with `--config` (any file name)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    table = data.get("tool", {}).get("recspec", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.recspec] must be a table")
    return config_from_table(path.resolve(), table)


class NearestConfig:
    """`config_for(path)`: the configuration nearest to each file, read once per folder."""

    def __init__(self, adjust: Callable[[LintConfig], LintConfig] = lambda c: c) -> None:
        self._adjust = adjust
        self._by_folder: dict[str, LintConfig] = {}
        self._by_file: dict[Path | None, LintConfig] = {}

    def __call__(self, path: str) -> LintConfig:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._by_folder:
            found = find_config(Path(folder))
            key = found[0] if found else None
            if key not in self._by_file:
                config = config_from_table(*found) if found else LintConfig()
                self._by_file[key] = self._adjust(config)
            self._by_folder[folder] = self._by_file[key]
        return self._by_folder[folder]


def config_from_table(path: Path, table: dict[str, Any]) -> LintConfig:
    """Validate one recspec table read from `path`."""
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
        root=str(path.parent),
    )


def check_config_text(name: str, text: str) -> list[Diagnostic]:
    """Findings for a configuration file named explicitly: it is checked, never compiled.

    Unknown settings are RS102 at the key; a bad value or TOML error is RS100 at the table.
    """
    from recspec.locate import _diagnostic
    from recspec.positions import Span
    from recspec.rules import get_rule

    def at(line: int, code: str, message: str) -> Diagnostic:
        return _diagnostic(get_rule(code), code, name, Span(line, 1, line, 2), message)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [at(getattr(exc, "lineno", 1) or 1, "RS100", f"invalid TOML: {exc}")]
    pyproject = os.path.basename(name) == "pyproject.toml"
    table = data.get("tool", {}).get("recspec", None if pyproject else data)
    if table is None:
        return []
    lines = text.splitlines()
    header = next((i for i, t in enumerate(lines, 1) if t.strip() == "[tool.recspec]"), 1)
    if not isinstance(table, dict):
        return [at(header, "RS100", "[tool.recspec] must be a table")]

    def line_of(key: str) -> int:
        for number, line in enumerate(lines[header - 1 :], header):
            stripped = line.strip().strip('"')
            if stripped.startswith(key) and stripped[len(key) :].lstrip('" ').startswith("="):
                return number
        return header

    found = [
        at(line_of(key), "RS102", f"unknown setting `{key}`; known: {', '.join(sorted(_KEYS))}")
        for key in sorted(set(table) - _KEYS)
    ]
    try:
        config_from_table(Path(name), {k: v for k, v in table.items() if k in _KEYS})
    except ConfigError as exc:
        found.append(at(header, "RS100", str(exc).removeprefix(f"{name}: ")))
    return found


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
