"""Structure rules (RS1xx): syntax, required fields, unknown keys, strict types, enum values.

Placeholder: filled in by the core work; the registry imports `RULES` from every family module.
"""

from __future__ import annotations

from recspec.rules.base import Rule

RULES: tuple[Rule, ...] = ()
