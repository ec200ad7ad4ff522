"""Spec rules (RS8xx): problems found while reading a TOML spec (emitted by the loader).

Placeholder: filled in by the core work; the registry imports `RULES` from every family module.
"""

from __future__ import annotations

from recspec.rules.base import Rule

RULES: tuple[Rule, ...] = ()
