"""Checks never raise on malformed payloads: wrong types anywhere are the structure rules' job."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from recspec.rules import all_rules, check_payload
from recspec.rules.examples import BASE_PAYLOAD, apply_example

RULES = tuple(r for r in all_rules() if r.family not in ("structure", "spec"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

#: Every path the rules read, so that the fuzzer replaces exactly what the checks look at.
PATHS: list[tuple[str | int, ...]] = []


def _collect(node: Any, prefix: tuple[str | int, ...]) -> None:
    PATHS.append(prefix)
    if isinstance(node, dict):
        for key, value in node.items():
            _collect(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _collect(value, (*prefix, index))


for _rule in RULES:
    for _example in (_rule.bad, _rule.good):
        _collect(apply_example(_example), ())
PATHS = sorted(set(PATHS), key=repr)


def _replace(doc: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return doc
    with contextlib.suppress(IndexError, TypeError):
        node[path[-1]] = value
    return doc


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), json_values), min_size=1, max_size=4))
def test_checks_survive_wrong_types(replacements: list[tuple[Any, Any]]) -> None:
    doc = copy.deepcopy(BASE_PAYLOAD)
    for path, value in replacements:
        doc = _replace(doc, path, value)
    for _, found in check_payload(doc, RULES):
        assert found.pointer.startswith("/") and found.message


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_checks_survive_any_document(doc: Any) -> None:
    check_payload(doc, RULES)
