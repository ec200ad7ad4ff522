"""Check a start body of either dialect: read it into the canonical form, run the one rule set
with that API's limits, and say every finding in the body's own names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from recspec.dialect import Dialect, detect
from recspec.dialect.names import native_message, native_pointer, read
from recspec.rules import check_payload
from recspec.rules.base import Finding

if TYPE_CHECKING:
    from recspec.rules.base import Rule


def check_body(
    doc: Any, rules: Iterable[Rule] | None = None, dialect: Dialect | None = None
) -> tuple[Dialect, list[tuple[Rule, Finding]]]:
    """The body's dialect (detected unless given) and its findings, in its own names."""
    dialect = dialect or detect(doc)
    canonical, foreign = read(doc, dialect.name)
    found = check_payload(canonical, rules, dialect, foreign)
    return dialect, [(rule, in_dialect(finding, dialect)) for rule, finding in found]


def in_dialect(finding: Finding, dialect: Dialect) -> Finding:
    """`finding` with its pointer and message in `dialect`'s names."""
    if finding.native or dialect.name == "legacy":
        return finding
    return Finding(
        native_pointer(finding.pointer, dialect.name),
        native_message(finding.message, finding.pointer, dialect.name),
        native=True,
    )
