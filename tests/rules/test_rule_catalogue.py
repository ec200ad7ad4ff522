"""The catalogue itself: codes, names, docs and the registry API."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from recspec.diagnostics import Severity
from recspec.rules import (
    FAMILIES,
    all_rules,
    check_payload,
    get_rule,
    is_known_selector,
    select_rules,
    suggest,
)
from recspec.rules.base import Finding, PayloadView, Rule
from recspec.rules.examples import BASE_PAYLOAD

RULES = all_rules()
MY_FAMILIES = ("input", "canvas", "mixing", "layout", "whiteboard", "output", "storage")
FAMILY_CODES = {
    "input": "RS2",
    "canvas": "RS3",
    "mixing": "RS3",
    "layout": "RS4",
    "whiteboard": "RS5",
    "output": "RS6",
    "storage": "RS7",
}


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"RS\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.family in FAMILIES
    for text in (rule.summary, rule.why, rule.source):
        assert isinstance(text, str) and text.strip()
    assert rule.bad is not None and rule.good is not None


@pytest.mark.parametrize("family", MY_FAMILIES)
def test_family_code_ranges(family: str) -> None:
    rules = [r for r in RULES if r.family == family]
    assert rules, family
    for rule in rules:
        assert rule.code.startswith(FAMILY_CODES[family])
        assert rule.kind == "payload" and rule.check is not None
        assert rule.summary.endswith("."), rule.code


def test_all_rules_sorted_and_cached() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)
    assert all_rules() is RULES


def test_get_rule_by_code_and_name() -> None:
    rule = get_rule("RS305")
    assert rule is not None and rule.name == "fps-range"
    assert get_rule("rs305") is rule
    assert get_rule("fps-range") is rule
    assert get_rule(" FPS-RANGE ") is rule
    assert get_rule("RS999") is None
    assert get_rule("no-such-rule") is None


def test_select_rules() -> None:
    default_on = tuple(r for r in RULES if r.default)
    assert select_rules() == default_on and len(default_on) == len(RULES) - 1
    assert [r.code for r in select_rules(["RS812"])] == ["RS812"]  # off unless named
    assert "RS812" not in {r.code for r in select_rules(["RS8"])}
    canvas = select_rules(["RS3"])
    assert canvas and all(r.code.startswith("RS3") for r in canvas)
    assert [r.code for r in select_rules(["fps-range", "RS601"])] == ["RS305", "RS601"]
    without = select_rules(ignore=["RS3", "view-too-small"])
    assert not any(r.code.startswith("RS3") or r.name == "view-too-small" for r in without)
    assert select_rules(["RS3"], ["RS305"]) == tuple(r for r in canvas if r.code != "RS305")
    assert select_rules(["ALL"]) == default_on
    assert select_rules(["nothing-like-this"]) == ()


def test_selectors_and_suggestions() -> None:
    assert is_known_selector("RS4")
    assert is_known_selector("view-overlap-same-layer")
    assert not is_known_selector("RS99")
    assert "fps-range" in suggest("fps-rang")
    assert "RS305" in suggest("RS3O5")


def test_check_payload_honours_rule_subset() -> None:
    doc = {**BASE_PAYLOAD, "record_output_params": {"output_file_rule": 3}}
    only = select_rules(["RS601"])
    found = check_payload(doc, only)
    assert [r.code for r, _ in found] == ["RS601"]
    assert check_payload(doc, select_rules(["RS7"])) == []


def test_check_payload_skips_non_payload_rules() -> None:
    def boom(_: PayloadView) -> Iterator[Finding]:
        raise AssertionError("spec rules are never run on payloads")

    spec_rule = Rule(
        code="RS899",
        name="x",
        severity=Severity.ERROR,
        summary="s",
        why="w",
        bad="",
        good="",
        source="s",
        check=boom,
        kind="spec",
    )
    assert check_payload(BASE_PAYLOAD, [spec_rule]) == []


def test_a_raising_check_propagates() -> None:
    def broken(_: PayloadView) -> Iterator[Finding]:
        raise ZeroDivisionError

    rule = Rule(
        code="RS999",
        name="broken",
        severity=Severity.ERROR,
        summary="s",
        why="w",
        bad={},
        good={},
        source="s",
        check=broken,
    )
    with pytest.raises(ZeroDivisionError):
        check_payload(BASE_PAYLOAD, [rule])
