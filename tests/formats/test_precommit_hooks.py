"""`.pre-commit-hooks.yaml`: the keys pre-commit requires and a `files` pattern that fits specs.

No YAML parser is a dependency, and the manifest is flat, so `key: value` lines are read directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

MANIFEST = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def hook() -> dict[str, str]:
    fields: dict[str, str] = {}
    for raw in MANIFEST.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        key, _, value = line.lstrip("- ").partition(":")
        fields[key.strip()] = value.strip()
    return fields


def test_required_and_promised_keys() -> None:
    h = hook()
    assert h["id"] == "recspec-lint"
    assert h["name"] and h["description"]
    assert h["entry"] == "recspec lint"
    assert h["language"] == "python"
    assert h["types_or"] == "[toml, json]"
    assert h["require_serial"] == "false"
    assert h["minimum_pre_commit_version"] == '"2.9.0"'  # types_or needs 2.9.0


@pytest.mark.parametrize(
    ("path", "linted"),
    [
        ("specs/lecture.toml", True),
        ("recordings/2024/standup.json", True),
        ("deploy/payloads/grid.json", True),
        ("a/spec/b.toml", True),
        ("pyproject.toml", False),
        ("package.json", False),
        ("myspecs/a.toml", False),
        ("specs/README.md", False),
    ],
)
def test_files_pattern(path: str, linted: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is linted
