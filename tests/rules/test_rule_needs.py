"""`Rule.needs`: a rule skipped because its path is absent could not have fired anyway.

check_payload does not call a check whose `needs` key the document lacks; these tests run the
checks ungated on documents without that key and on every rule example, so a `needs` that is
too narrow (the check reads something elsewhere) fails here rather than hiding a finding.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.rules import all_rules, check_payload
from recspec.rules.base import PayloadView, Rule
from recspec.rules.examples import BASE_PAYLOAD, apply_example

GATED = tuple(rule for rule in all_rules() if rule.needs)
GATED_ANY = tuple(rule for rule in all_rules() if rule.needs_any)
UNGATED = tuple(rule._replace(needs=(), needs_any=()) for rule in all_rules())

#: BASE_PAYLOAD and every payload rule's bad and good example.
EXAMPLES: list[Any] = [copy.deepcopy(BASE_PAYLOAD)] + [
    apply_example(example)
    for rule in all_rules()
    if rule.kind == "payload" and isinstance(rule.bad, dict)
    for example in (rule.bad, rule.good)
]


def _without(doc: Any, path: tuple[str | int, ...]) -> Any:
    """A copy of `doc` with the key at `path` removed (unchanged when it is not there)."""
    doc = copy.deepcopy(doc)
    node = doc
    for step in path[:-1]:
        node = node.get(step) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(path[-1], None)
    return doc


def _ungated(rule: Rule, doc: Any) -> list[str]:
    assert rule.check is not None
    return [found.message for found in rule.check(PayloadView(doc))]


def test_needs_are_dict_keys_of_payload_checks() -> None:
    assert len(GATED) > 40
    for rule in GATED:
        assert rule.kind == "payload" and rule.check is not None
        assert all(isinstance(step, str) for step in rule.needs), rule.code


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.code)
def test_check_is_silent_without_its_needs(rule: Rule) -> None:
    for doc in EXAMPLES:
        assert _ungated(rule, _without(doc, rule.needs)) == []


@pytest.mark.parametrize("rule", GATED_ANY, ids=lambda rule: rule.code)
def test_check_is_silent_without_any_of_its_needs(rule: Rule) -> None:
    for doc in EXAMPLES:
        for path in rule.needs_any:
            doc = _without(doc, path)
        assert _ungated(rule, doc) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            sorted({rule.needs for rule in GATED} | {p for r in GATED_ANY for p in r.needs_any})
        ),
        max_size=6,
    ),
    st.sampled_from(EXAMPLES),
)
def test_gating_keeps_every_finding(removed: list[tuple[str, ...]], doc: Any) -> None:
    for path in removed:
        doc = _without(doc, path)
    gated = [(rule.code, found) for rule, found in check_payload(doc)]
    assert gated == [(rule.code, found) for rule, found in check_payload(doc, UNGATED)]
