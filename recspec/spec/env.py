"""`${env:NAME}` and `${env:NAME:-default}` interpolation in every string of a spec.

Interpolation runs on the raw TOML data before validation, so any string field can be filled
from the environment. It remembers which key paths came from the environment and which values
it inserted, so those values can be redacted from every human-facing output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

KeyPath = tuple[str | int, ...]

_REF = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*?))?\}")


@dataclass
class Interpolation:
    """What interpolation did: the paths it filled, the values it inserted, what was missing."""

    env_paths: set[KeyPath] = field(default_factory=set)
    used: dict[str, str | None] = field(default_factory=dict)
    inserted: set[str] = field(default_factory=set)
    missing: list[tuple[KeyPath, str]] = field(default_factory=list)


def interpolate(
    data: Any, env: Mapping[str, str], result: Interpolation, path: KeyPath = ()
) -> Any:
    """Return `data` with every env reference replaced; record findings in `result`."""
    if isinstance(data, dict):
        return {
            key: interpolate(value, env, result, (*path, key)) if _may_hold_refs(value) else value
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [
            interpolate(value, env, result, (*path, i)) if _may_hold_refs(value) else value
            for i, value in enumerate(data)
        ]
    if isinstance(data, str) and "${" in data:
        return _substitute(data, env, result, path)
    return data


def _may_hold_refs(value: Any) -> bool:
    """Containers and strings with `${`: everything else is returned as it is, without a call."""
    kind = type(value)
    return kind is dict or kind is list or (kind is str and "${" in value)


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
