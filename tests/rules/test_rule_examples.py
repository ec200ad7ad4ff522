"""Metadata-driven: every payload rule's own examples prove it, and the base payload is clean."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from recspec.diagnostics import Severity, pointer_tokens
from recspec.dialect import get
from recspec.dialect.lint import check_body
from recspec.dialect.names import write
from recspec.rules import all_rules, check_payload
from recspec.rules.base import Finding, Rule
from recspec.rules.examples import BASE_PAYLOAD, apply_example

PAYLOAD_RULES = tuple(r for r in all_rules() if r.kind == "payload" and r.check is not None)
MINE = tuple(r for r in PAYLOAD_RULES if re.fullmatch(r"RS[2-7]\d\d", r.code))


def lint(
    doc: Any, dialect: str = "legacy", rules: list[Rule] | None = None
) -> list[tuple[Rule, Finding]]:
    """Findings on canonical `doc` sent as a body of `dialect`, in that body's names."""
    return check_body(write(doc, dialect), rules, get(dialect))[1]


def codes(doc: Any, dialect: str = "legacy") -> list[str]:
    return [rule.code for rule, _ in lint(doc, dialect)]


def test_base_payload_is_clean() -> None:
    assert check_payload(BASE_PAYLOAD) == []


def test_base_payload_is_json_and_not_mutated_by_examples() -> None:
    before = copy.deepcopy(BASE_PAYLOAD)
    for rule in PAYLOAD_RULES:
        apply_example(rule.bad)
        apply_example(rule.good)
    assert before == BASE_PAYLOAD
    assert json.loads(json.dumps(BASE_PAYLOAD)) == BASE_PAYLOAD


@pytest.mark.parametrize("rule", PAYLOAD_RULES, ids=lambda r: r.code)
def test_bad_example_fires(rule: Rule) -> None:
    assert rule.code in codes(apply_example(rule.bad, rule.dialect), rule.dialect)


@pytest.mark.parametrize("rule", PAYLOAD_RULES, ids=lambda r: r.code)
def test_good_example_does_not_fire(rule: Rule) -> None:
    assert rule.code not in codes(apply_example(rule.good, rule.dialect), rule.dialect)


@pytest.mark.parametrize("rule", PAYLOAD_RULES, ids=lambda r: r.code)
def test_good_example_has_no_errors(rule: Rule) -> None:
    errors = [
        (r.code, f.message)
        for r, f in lint(apply_example(rule.good, rule.dialect), rule.dialect)
        if r.severity is Severity.ERROR
    ]
    assert errors == []


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_examples_are_json_fragments(rule: Rule) -> None:
    for example in (rule.bad, rule.good):
        assert isinstance(example, dict) and example
        assert json.loads(json.dumps(example)) == example


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_findings_point_into_the_payload(rule: Rule) -> None:
    """Pointers are RFC 6901 and lead to the value or, for a missing one, to its parent."""
    doc = write(apply_example(rule.bad, rule.dialect), rule.dialect)
    for found_rule, found in check_body(doc, [rule], get(rule.dialect))[1]:
        assert found.pointer.startswith("/")
        assert found.message and "\n" not in found.message
        node: Any = doc
        for token in pointer_tokens(found.pointer)[:-1]:
            node = node[int(token)] if isinstance(node, list) else node[token]
        assert isinstance(node, dict | list), (found_rule.code, found.pointer)


SECRETS = {
    "access_token": "TOKEN-SENTINEL-1",
    "access_key_id": "ASIA-SENTINEL-2",
    "access_key_secret": "SECRET-SENTINEL-3",
    "access_key": "STS.SENTINEL-4",
    "secret_key": "SECRET-SENTINEL-5",
}


def _plant_secrets(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: SECRETS[k] if k in SECRETS else _plant_secrets(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plant_secrets(v) for v in node]
    return node


@pytest.mark.parametrize("rule", PAYLOAD_RULES, ids=lambda r: r.code)
def test_messages_never_quote_credentials(rule: Rule) -> None:
    for example in (rule.bad, rule.good):
        doc = _plant_secrets(apply_example(example, rule.dialect))
        if not isinstance(doc, dict):
            continue  # a whole document that is not an object has no credentials
        for provider in (1, 2, 5, 6):
            doc["storage_params"]["storage_provider"] = provider
            for _, found in lint(doc, rule.dialect):
                assert not any(secret in found.message for secret in SECRETS.values())


def test_apply_example_semantics() -> None:
    merged = apply_example(
        {
            "room_id": "other",
            "record_input_params": {"max_idle_time": None, "mix_config": {"mix_input_list": []}},
        }
    )
    assert merged["room_id"] == "other"
    assert "max_idle_time" not in merged["record_input_params"]
    assert merged["record_input_params"]["mix_config"]["mix_input_list"] == []
    assert merged["record_input_params"]["mix_config"]["mix_output_stream_id"] == "class-101-mix"
    nested = apply_example({"storage_params": {"aliyun_vod_params": {"title": None, "a": 1}}})
    assert nested["storage_params"]["aliyun_vod_params"] == {"a": 1}
    fragment = {"storage_params": {"region": "eu-west-1"}}
    merged["storage_params"]["bucket_name"] = "changed"
    assert apply_example(fragment)["storage_params"]["bucket_name"] == "recordings"
