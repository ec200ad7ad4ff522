"""Shared fixtures: a clean environment (no developer secrets leak into goldens) and spec helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Tests never read or write the developer's lint cache (~/.cache/recspec); subprocesses inherit this.
os.environ.setdefault("RECSPEC_NO_CACHE", "1")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write("name.toml", text) -> Path, in a fresh temporary folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


# Hypothesis profiles. "ci" is the default (the whole fuzz suite stays well under two minutes on
# two cores); "long" is for local soak runs: RECSPEC_FUZZ=long or --hypothesis-profile=long.
settings.register_profile(
    "ci", max_examples=100, deadline=None, print_blob=True, database=None, derandomize=True
)
settings.register_profile(
    "long",
    max_examples=10_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("RECSPEC_FUZZ", "ci"))
