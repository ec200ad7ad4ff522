"""`${env:NAME}` and `${env:NAME:-default}` interpolation in every string of a spec.

Interpolation runs on the raw TOML data before validation, so any string field can be filled
from the environment. It remembers which key paths came from the environment and which values
it inserted, so those values can be redacted from every human-facing output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

KeyPath = tuple[str | int, ...]

_REF = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*?))?\}")


class Interpolation:
    """What interpolation did: the paths it filled, the values it inserted, what was missing.

    `watch` names keys whose strings are wanted as written (the loader's credential keys):
    the same walk records them in `watched`, so nobody walks the data a second time.
    """

    def __init__(self, watch: frozenset[str] = frozenset()) -> None:
        self.watch = watch
        self.watched: list[tuple[KeyPath, str]] = []  # (path, raw string)
        self.env_paths: set[KeyPath] = set()
        self.used: dict[str, str | None] = {}
        self.inserted: set[str] = set()
        self.missing: list[tuple[KeyPath, str]] = []


def interpolate(
    data: Any, env: Mapping[str, str], result: Interpolation, path: KeyPath = ()
) -> Any:
    """Replace every env reference in `data`; record findings in `result`.

    Tables and arrays are filled in place, not copied (the loader owns the parsed data and
    copying every container cost more than the substitutions), and returned; a string is
    returned substituted.
    """
    kind = type(data)
    if kind is dict or kind is list:
        _fill(data, env, result, path)
    elif kind is str and "${" in data:
        return _substitute(data, env, result, path)
    return data


def _fill(node: Any, env: Mapping[str, str], result: Interpolation, path: KeyPath) -> None:
    """Substitute in the strings of one table or array, and recurse into the ones it holds."""
    watch = result.watch
    items = node.items() if type(node) is dict else enumerate(node)
    for key, value in items:
        kind = type(value)
        if kind is str:
            if key in watch:
                result.watched.append(((*path, key), value))
            if "${" in value:
                node[key] = _substitute(value, env, result, (*path, key))
        elif kind is dict or kind is list:
            _fill(value, env, result, (*path, key))


def _substitute(text: str, env: Mapping[str, str], result: Interpolation, path: KeyPath) -> str:
    def replace(match: re.Match[str]) -> str:
        name, default = match[1], match[2]
        value = env.get(name)
        result.used[name] = value
        if value is None:
            if default is None:
                result.missing.append((path, name))
                return ""
            value = default
        result.env_paths.add(path)
        if value:
            result.inserted.add(value)
        return value

    return _REF.sub(replace, text)


def is_env_reference(text: str) -> bool:
    """True when `text` holds at least one `${env:...}` reference (credential hygiene check)."""
    return bool(_REF.search(text))
