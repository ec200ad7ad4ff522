"""Replay every input the fuzzers (or people) ever broke recspec with: `tests/fuzz/corpus/`.

`*.toml` files are specs, `*.json` payloads. A spec may start with a comment line
`# corpus-env: {"NAME": "value"}` giving extra environment variables (e.g. a planted secret with
odd characters). Files are read as bytes, so non-UTF-8 or binary regressions can be kept too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_harness import ENV, check_payload_text, check_spec_text, render_all

from recspec.lint import lint_file
from recspec.source import DecodeProblem, decode_text

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".toml", ".json"))
_ENV_LINE = "# corpus-env: "


def test_the_corpus_is_not_empty() -> None:
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file(path: Path) -> None:
    found, sources = lint_file(path, env=ENV)  # through the file reader too
    render_all(found, [str(path)], sources)
    try:
        text = decode_text(path.read_bytes())
    except DecodeProblem:
        assert [d.rule for d in found] == ["RS100"]
        return
    if path.suffix == ".json":
        check_payload_text(text, name=path.name)
        return
    env = dict(ENV)
    first = text.split("\n", 1)[0]
    if first.startswith(_ENV_LINE):
        env.update(json.loads(first[len(_ENV_LINE) :]))
    check_spec_text(text, env=env, name=path.name)
