"""Every rule has a spec form whose bad spec, compiled, prints that rule and whose good spec
does not; the message shown in the docs is the one compiling prints."""

from __future__ import annotations

import re

import pytest

from recspec.compiler import compile_file
from recspec.rules import all_rules, get_rule
from recspec.rules.base import Rule
from recspec.rules.spec_form import EDITS, spec_form

RULES = [rule for rule in all_rules() if rule.kind != "config"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_bad_spec_prints_the_rule_and_the_good_one_does_not(rule: Rule) -> None:
    form = spec_form(rule)
    assert form is not None
    if form.unreachable:
        assert form.message is None and form.bad == form.good == ""
        return
    bad = [
        d.rule
        for d in compile_file("spec.toml", text=form.bad, env={}, report_unused=True).diagnostics
    ]
    good = compile_file("spec.toml", text=form.good, env={}, report_unused=True).diagnostics
    assert rule.code in bad, (bad, form.bad)
    assert rule.code not in [d.rule for d in good], ([d.message for d in good], form.good)
    if rule.kind != "spec":  # the good spec is a spec that builds (rule RS100's bad is RS100)
        assert not [d for d in good if d.rule in ("RS100", "RS801", "RS802")], form.good
    assert form.message is not None and form.message.startswith("spec.toml:")


def test_few_rules_are_unreachable_from_a_spec() -> None:
    forms = [spec_form(rule) for rule in RULES]
    assert sum(1 for form in forms if form is not None and form.unreachable) <= 8


@pytest.mark.parametrize("code", sorted(EDITS), ids=str)
def test_a_spec_form_in_spec_keys_prints_no_body_field_names(code: str) -> None:
    """Outside `code spans` (spec keys), no snake_case body field is left in the message."""
    rule = get_rule(code)
    assert rule is not None
    form = spec_form(rule)
    assert form is not None and form.message is not None
    if "payload" in EDITS[code][0]:
        return  # the user wrote body fields in [payload]; the message may name them
    prose = re.sub(r"`[^`]*`", "", form.message.split(": ", 1)[1])
    assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", prose), form.message
