"""Golden tests: every shipped example compiles, byte for byte, to the JSON beside it.

Regenerate after an intended change with:  RECSPEC_UPDATE_GOLDEN=1 pytest tests/test_examples.py
(the examples compile with an empty environment, so only the `${env:...:-default}` values appear).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recspec.batch import payload_bytes
from recspec.compiler import compile_file
from recspec.lint import lint_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SPECS = sorted(EXAMPLES.rglob("*.toml"))


def test_there_are_at_least_eight_examples() -> None:
    assert len(SPECS) >= 8


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_matches_golden(spec: Path) -> None:
    compiled = compile_file(spec, env={})
    assert compiled.payload is not None, [d.message for d in compiled.diagnostics]
    actual = payload_bytes(compiled.payload, redact=False)
    golden = spec.with_suffix(".json")
    if os.environ.get("RECSPEC_UPDATE_GOLDEN"):
        golden.write_bytes(actual)
    assert golden.exists(), f"missing golden {golden}; run with RECSPEC_UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes()


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_compiles_lint_clean(spec: Path) -> None:
    compiled = compile_file(spec, env={})
    assert compiled.diagnostics == []


def test_examples_directory_lints_clean_including_goldens() -> None:
    run = lint_paths([EXAMPLES], env={})
    assert run.diagnostics == []
    assert len(run.files) == 2 * len(SPECS)
