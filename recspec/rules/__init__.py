"""The rule registry: every family's `RULES`, looked up by code or name, selected and run.

Family modules are imported lazily on the first call so that importing `recspec.rules` (for
example from the CLI's start-up path) costs nothing.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

from recspec.dialect import LEGACY, Dialect
from recspec.rules.base import CheckFn, Finding, PayloadView, Rule, _lookup

__all__ = [
    "FAMILIES",
    "all_rules",
    "check_payload",
    "get_rule",
    "is_known_selector",
    "select_rules",
    "selected_codes",
    "suggest",
]

#: Each family lives in `recspec.rules.<family>` and exposes `RULES: tuple[Rule, ...]`.
FAMILIES = (
    "structure",
    "input",
    "canvas",
    "mixing",
    "layout",
    "whiteboard",
    "output",
    "storage",
    "spec",
)


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every family, sorted by code, each tagged with its family."""
    rules: list[Rule] = []
    for family in FAMILIES:
        module = importlib.import_module(f"recspec.rules.{family}")
        family_rules: tuple[Rule, ...] = module.RULES
        rules.extend(rule._replace(family=family) for rule in family_rules)
    return tuple(sorted(rules, key=lambda rule: rule.code))


@functools.cache
def _index() -> dict[str, Rule]:
    """Codes (upper case) and names (lower case) to rules."""
    index: dict[str, Rule] = {}
    for rule in all_rules():
        index[rule.code.upper()] = rule
        index[rule.name.lower()] = rule
    return index


def get_rule(code_or_name: str) -> Rule | None:
    """A rule by code ("RS301", any case) or kebab-case name; None when unknown."""
    text = code_or_name.strip()
    return _index().get(text.upper()) or _index().get(text.lower())


def _matches(rule: Rule, selector: str) -> bool:
    text = selector.strip()
    if not text:
        return False
    if text.upper() == "ALL":
        return True
    if text.upper().startswith("RS") and rule.code.startswith(text.upper()):
        return True
    return rule.name == text.lower()


def is_known_selector(selector: str) -> bool:
    """True when `selector` (a code, code prefix, name or ALL) matches at least one rule."""
    return any(_matches(rule, selector) for rule in all_rules())


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules matching any of `select` (all when empty) and none of `ignore`, in code order.

    Selectors are codes ("RS301"), code prefixes ("RS3", "RS"), kebab names or "ALL".
    """
    key = (tuple(select), tuple(ignore))
    if key not in _SELECTED:  # asked once per file in a run, with the same few selectors
        _SELECTED[key] = _select(*key)
    return _SELECTED[key]


_SELECTED: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Rule, ...]] = {}
_CODES: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}


def selected_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> frozenset[str]:
    """The codes `select_rules` would return, as a set (memoised like it)."""
    key = (tuple(select), tuple(ignore))
    if key not in _CODES:
        _CODES[key] = frozenset(rule.code for rule in select_rules(*key))
    return _CODES[key]


def _select(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    chosen = [s for s in select if s.strip()]
    dropped = [s for s in ignore if s.strip()]

    def selected(rule: Rule) -> bool:
        if not rule.default:  # only by its own code or name
            return any(
                s.strip().upper() == rule.code or s.strip().lower() == rule.name for s in chosen
            )
        return not chosen or any(_matches(rule, s) for s in chosen)

    return tuple(
        rule
        for rule in all_rules()
        if selected(rule) and not any(_matches(rule, s) for s in dropped)
    )


def suggest(text: str, limit: int = 3) -> list[str]:
    """Codes or names close to a mistyped `text`, best first (for "did you mean")."""
    codes = [rule.code for rule in all_rules()]
    names = [rule.name for rule in all_rules()]
    import difflib

    found = difflib.get_close_matches(text.upper(), codes, n=limit, cutoff=0.6)
    found += difflib.get_close_matches(text.lower(), names, n=limit, cutoff=0.6)
    return found[:limit]


def check_payload(
    doc: Any,
    rules: Iterable[Rule] | None = None,
    dialect: Dialect = LEGACY,
    foreign: Sequence[Finding] = (),
) -> list[tuple[Rule, Finding]]:
    """Run every payload rule's check on canonical `doc` with `dialect`'s limits.

    `foreign` holds the keys of the other dialect that reading the body took out (RS108). A
    check that raises is a bug and propagates. A rule whose `needs` path is absent from `doc`
    cannot fire, so its check is not called.
    """
    view = PayloadView(doc, dialect, foreign)
    schedule = _all_payload_rules() if rules is None else _Schedule(rules)
    results: list[tuple[Rule, Finding]] = []
    for rule, check in schedule.runnable(view):
        for found in check(view):
            results.append((rule, found))
    return _without_generic_duplicates(results)


class _Schedule:
    """Payload rules, and which of them can fire on a document given its `needs` keys.

    Per document, one lookup per parent object of the `needs` paths (`record_input_params`,
    `mix_config`, ...) and one set intersection with its keys tell which paths are present;
    the rules to run for each combination are worked out once and remembered.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(
            (rule, rule.check)
            for rule in rules
            if rule.kind == "payload" and rule.check is not None
        )
        keys: dict[tuple[str | int, ...], set[str | int]] = {}
        for rule, _ in self.rules:
            for path in (rule.needs, *rule.needs_any) if rule.needs else rule.needs_any:
                keys.setdefault(path[:-1], set()).add(path[-1])
        #: (parent path, the keys below it that some rule needs)
        self.parents = tuple((parent, frozenset(names)) for parent, names in keys.items())
        self.runs: dict[tuple[frozenset[str | int], ...], tuple[tuple[Rule, CheckFn], ...]] = {}

    def runnable(self, view: PayloadView) -> tuple[tuple[Rule, CheckFn], ...]:
        """(rule, check) for every rule whose `needs` the document has, in order."""
        doc = view.doc
        present = tuple(
            names.intersection(parent) if isinstance(parent, dict) else _NONE
            for parent, names in ((_lookup(doc, path), names) for path, names in self.parents)
        )
        run = self.runs.get(present)
        if run is None:
            found = {
                (*path, name)
                for (path, _), names in zip(self.parents, present, strict=True)
                for name in names
            }
            run = self.runs[present] = tuple(
                (rule, check)
                for rule, check in self.rules
                if (not rule.needs or rule.needs in found)
                and (not rule.needs_any or not found.isdisjoint(rule.needs_any))
            )
        return run


_NONE: frozenset[str | int] = frozenset()


@functools.cache
def _all_payload_rules() -> _Schedule:
    return _Schedule(all_rules())


#: Structure rules whose finding is redundant when a specific rule explains the same field.
_GENERIC = frozenset({"RS101", "RS104"})


def _without_generic_duplicates(results: list[tuple[Rule, Finding]]) -> list[tuple[Rule, Finding]]:
    """Drop a generic "missing"/"invalid enum" finding when a specific rule reports that pointer.

    E.g. a mixed payload without `mix_output_video_config` gets RS302 (which says why it is
    needed) rather than RS302 plus RS101 at the same place.
    """
    specific = {found.pointer for rule, found in results if rule.code not in _GENERIC}
    return [
        (rule, found)
        for rule, found in results
        if rule.code not in _GENERIC or found.pointer not in specific
    ]
