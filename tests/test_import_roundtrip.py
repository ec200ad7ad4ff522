"""`recspec import`'s promise: compile(import(body)) == body for every valid body.

Pinned on every JSON body in the repository (the examples' compiled outputs, test fixtures),
on ZEGO's own documentation bodies in ../shared/real-payloads (skipped when absent), and on a
hypothesis strategy of bodies in both dialects (tests/import_bodies.py). Also: every shipped
example whose layout is a computed preset imports back to that preset, and the presets'
golden plans are all recognised as computed presets.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from import_bodies import bodies

from recspec.compiler import compile_file
from recspec.diagnostics import Severity
from recspec.dialect.lint import check_body
from recspec.importer import import_body
from recspec.importer.presets import computed_layout
from recspec.importer.roundtrip import same
from recspec.importer.views import read_views
from recspec.layout.registry import PRESETS
from recspec.positions.json import parse_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REAL = ROOT.parent / "shared" / "real-payloads"
REPO_JSON = sorted(
    p
    for p in [*EXAMPLES.rglob("*.json"), *(ROOT / "tests").rglob("*.json")]
    if "golden" not in p.parts and p.name != "sarif-schema-2.1.0.json"
)


def valid_body(path: Path) -> dict[str, Any] | None:
    """The body in `path` when it parses to an object and lints without errors."""
    try:
        document, problems = parse_json(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None
    if problems or not isinstance(document, dict):
        return None
    _, found = check_body(document)
    if any(rule.severity is Severity.ERROR for rule, _ in found):
        return None
    return document


def assert_round_trip(body: dict[str, Any]) -> str:
    """Import `body`, compile the spec with its variables set, compare; returns the spec."""
    imported = import_body(body)
    compiled = compile_file(text=imported.text, env=imported.variables)
    errors = [(d.rule, d.message) for d in compiled.diagnostics if d.severity is Severity.ERROR]
    assert compiled.payload is not None, (errors, imported.text)
    assert same(compiled.payload, body), imported.text
    assert imported.exact
    return imported.text


def test_the_repository_has_valid_bodies_to_round_trip() -> None:
    assert sum(valid_body(p) is not None for p in REPO_JSON) >= 16


@pytest.mark.parametrize("path", REPO_JSON, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_body_round_trips(path: Path) -> None:
    body = valid_body(path)
    if body is None:
        pytest.skip("not a valid body (the promise is for valid ones)")
    text = assert_round_trip(body)
    assert "[payload" not in text, "the shipped examples need no escape hatch"


REAL_JSON = sorted(REAL.rglob("*.json")) if REAL.is_dir() else []


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-payloads is not beside the repository")
def test_real_payloads_are_there() -> None:
    assert sum(valid_body(p) is not None for p in REAL_JSON) >= 6


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-payloads is not beside the repository")
@pytest.mark.parametrize("path", REAL_JSON, ids=lambda p: p.name)
def test_real_payload_round_trips(path: Path) -> None:
    body = valid_body(path)
    if body is None:
        pytest.skip("not valid JSON or not a valid body")
    text = assert_round_trip(body)
    assert 'target = "v2"' in text


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_generated_bodies_round_trip(drawn: tuple[str, dict[str, Any]]) -> None:
    dialect, body = drawn
    body = json.loads(json.dumps(body))
    detected, found = check_body(body)
    assert detected.name == dialect
    assume(not any(rule.severity is Severity.ERROR for rule, _ in found))
    text = assert_round_trip(body)
    assert ('target = "v2"' in text) == (dialect == "v2")


def _rule_examples() -> list[tuple[str, str, dict[str, Any]]]:
    """(rule code, dialect, body) for every payload rule's `good` and `bad` example body."""
    from recspec.dialect.names import write
    from recspec.rules import all_rules
    from recspec.rules.examples import apply_example

    found = []
    for rule in all_rules():
        if rule.kind != "payload" or rule.check is None:
            continue
        for example in (rule.good, rule.bad):
            for dialect in ("legacy", "v2"):
                body = apply_example(example, rule.dialect)
                if isinstance(body, dict):
                    found.append((rule.code, dialect, write(body, dialect)))
    return found


def test_every_valid_rule_example_body_round_trips() -> None:
    tried = 0
    for code, dialect, body in _rule_examples():
        detected, found = check_body(body)
        if detected.name != dialect or any(r.severity is Severity.ERROR for r, _ in found):
            continue
        tried += 1
        try:
            assert_round_trip(body)
        except AssertionError as exc:
            raise AssertionError(f"{code} ({dialect}): {exc}") from None
    assert tried >= 100


EXAMPLE_SPECS = sorted(EXAMPLES.rglob("*.toml"))


def _preset(text: str) -> str | None:
    layout = tomllib.loads(text).get("layout")
    return layout.get("preset", "grid") if isinstance(layout, dict) else None


@pytest.mark.parametrize("spec", EXAMPLE_SPECS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_imports_back_to_its_preset(spec: Path) -> None:
    compiled = compile_file(spec, env={})
    assert compiled.payload is not None
    layout = compiled.spec.layout
    imported = import_body(compiled.payload)
    wanted = layout.preset if layout is not None else None
    assert _preset(imported.text) == wanted, imported.text
    if wanted is not None and not PRESETS[wanted].server_side and wanted != "custom":
        spec_layout = tomllib.loads(imported.text)["layout"]
        written = tomllib.loads(spec.read_text())
        streams = written.get("layout", {}).get("streams")
        if streams is not None:
            assert spec_layout["streams"][0] == (layout.focus or streams[0])


def test_examples_cover_every_computed_preset_but_pip() -> None:
    used = {_preset(p.read_text()) for p in EXAMPLE_SPECS}
    computed = {n for n, p in PRESETS.items() if not p.server_side and n != "custom"}
    assert computed - used <= {"pip"}


GOLDEN = sorted((ROOT / "tests" / "layout" / "golden").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_every_golden_plan_is_recognised_as_a_computed_preset(path: Path) -> None:
    golden = json.loads(path.read_text())
    width, height = golden["canvas"]
    for count, views in golden["plans"].items():
        tiles = read_views(views)
        assert tiles is not None
        found = computed_layout(tiles, views, width, height, golden["whiteboard"])
        assert found is not None, (path.name, count)
        if int(count) >= 3:  # fewer views can be several presets' alike
            assert found["preset"] == golden["layout"].get("preset", "grid"), (count, found)
