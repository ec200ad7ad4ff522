"""Configuration: `recspec.toml`, `.recspec.toml` or `[tool.recspec]` in `pyproject.toml`.

As in ruff, each file is checked with the configuration nearest to it: the first folder walking
up from the file's own folder that holds one of those files (a `pyproject.toml` without
`[tool.recspec]` does not count) — whatever the working directory. `--config FILE` gives one
file for every input and `--isolated` none. Keys: `select`, `ignore`, `per-file-ignores` (glob
patterns relative to the configuration file's folder -> codes), `strict` and `target`.

A configuration that is broken when a run needs it is a usage error (exit 2) naming the file and
the key; a configuration file passed to `lint` explicitly is checked as configuration (RS810
findings at the offending key), never as a spec.
"""

from __future__ import annotations

import os
import re
from typing import Any

from recspec.lint import LintConfig

CONFIG_FILES = (".recspec.toml", "recspec.toml", "pyproject.toml")
KEYS = ("select", "ignore", "per-file-ignores", "strict", "target")

#: What a pyproject.toml needs to configure recspec: `tool.recspec` (a header or dotted key,
#: bare or quoted), a `[tool]` table or a `tool = {...}` key. One without any cannot hold
#: [tool.recspec], so it is not parsed at all.
_MAY_CONFIGURE = re.compile(
    rb"""tool["']?[ \t]*\.[ \t]*["']?recspec"""  # [tool.recspec], tool.recspec.x = ...
    rb"""|^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]"""  # a [tool] table
    rb"""|^[ \t]*["']?tool["']?[ \t]*=""",  # tool = { ... }
    re.MULTILINE,
)


class ConfigError(Exception):
    """The configuration file is invalid; the message names the file and the key."""


def is_config_file(path: str) -> bool:
    """Whether `path` is named like a configuration file (never linted as a spec)."""
    return os.path.basename(path) in CONFIG_FILES


def _table(path: str) -> dict[str, Any] | None:
    """The recspec table of one candidate file; None when a pyproject.toml has none."""
    pyproject = os.path.basename(path) == "pyproject.toml"
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        if pyproject and not _MAY_CONFIGURE.search(raw):
            return None  # another tool's file: not parsed, so its TOML is not ours to judge
        from recspec.spec.toml_reader import parse_toml

        data = parse_toml(raw.decode("utf-8-sig"))
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or tomllib's TOMLDecodeError
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    tool = data.get("tool", {})
    if pyproject:
        if not isinstance(tool, dict) or "recspec" not in tool:
            return None
        table = tool["recspec"]
    else:
        table = tool.get("recspec", data) if isinstance(tool, dict) else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.recspec] must be a table")
    return table


def find_config(folder: str | os.PathLike[str] | None = None) -> str | None:
    """The nearest configuration file at or above `folder` (the working directory), or None."""
    current = os.path.abspath(os.fspath(folder) if folder is not None else os.getcwd())
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and _table(candidate) is not None:
                return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def read_config(path: str) -> LintConfig:
    """Read and validate one configuration file (ConfigError when it is broken)."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.recspec] table")
    problems = table_problems(table)
    if problems:
        raise ConfigError(f"{path}: {problems[0][1]}")
    per_file = table.get("per-file-ignores", {})
    return LintConfig(
        select=tuple(table.get("select", [])),
        ignore=tuple(table.get("ignore", [])),
        per_file_ignores={glob: tuple(codes) for glob, codes in per_file.items()},
        strict=bool(table.get("strict", False)),
        target=str(table.get("target", "legacy")),
        root=os.path.dirname(os.path.abspath(path)),
        source=path,
    )


def load_config(start: str | os.PathLike[str] | None = None) -> LintConfig:
    """The nearest configuration to the folder `start` (defaults when there is none)."""
    found = find_config(start)
    return LintConfig() if found is None else read_config(found)


class ConfigResolver:
    """The configuration of each file: the nearest one, read once per folder and per file."""

    def __init__(self) -> None:
        self._absolute: dict[str, str] = {}  # a path's folder as written -> as an absolute path
        self._by_folder: dict[str, str | None] = {}
        self._configs: dict[str | None, LintConfig] = {}

    def __call__(self, path: str) -> LintConfig:
        head, name = os.path.split(path)
        if name in ("", os.curdir, os.pardir):  # the path is a folder itself (not a file)
            folder = os.path.dirname(os.path.abspath(path))
        else:  # abspath once per folder, not per file: it asks the system for the cwd each time
            if head not in self._absolute:
                self._absolute[head] = os.path.abspath(head or os.curdir)
            folder = self._absolute[head]
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        found = self._by_folder[folder]
        if found not in self._configs:
            self._configs[found] = LintConfig() if found is None else read_config(found)
        return self._configs[found]


def table_problems(table: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """(key path, message) for every problem of a recspec configuration table."""
    problems: list[tuple[tuple[str, ...], str]] = []
    for key in table:
        if key not in KEYS:
            from recspec.modelpath import suggest

            hint = suggest(key, list(KEYS))
            problems.append(((key,), f"unknown setting `{key}`{hint}"))
    for key in ("select", "ignore"):
        if key in table and not _codes(table[key]):
            problems.append(((key,), f"{key} must be a list of rule codes or names"))
        elif key in table:
            from recspec.rules import is_known_selector

            for selector in table[key]:
                if not is_known_selector(selector):
                    problems.append(((key,), f"{key}: unknown rule {selector!r}"))
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        problems.append(
            (("per-file-ignores",), "per-file-ignores must be a table of glob = [codes]")
        )
    else:
        for glob, codes in per_file.items():
            if not _codes(codes):
                message = f"per-file-ignores.{glob} must be a list of rule codes or names"
                problems.append((("per-file-ignores", glob), message))
    if not isinstance(table.get("strict", False), bool):
        problems.append((("strict",), "strict must be true or false"))
    if table.get("target", "legacy") not in ("legacy", "v2"):
        problems.append((("target",), 'target must be "legacy" or "v2"'))
    return problems


def _codes(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
