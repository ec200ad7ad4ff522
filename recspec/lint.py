"""`recspec lint`: specs and payloads in, positioned diagnostics out.

`.toml` files are specs (compiled, then every payload rule runs and problems map back to spec
lines); `.json` files are start payloads checked by the very same rules. Any other file named
explicitly is sniffed: a document starting with `{` is JSON, anything else TOML.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recspec.diagnostics import Diagnostic, Severity
from recspec.positions import Span


@dataclass
class LintConfig:
    """Rule selection from the command line and `[tool.recspec]` / `recspec.toml`."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    strict: bool = False


@dataclass
class LintRun:
    """Everything a formatter needs: diagnostics, the files checked and their texts."""

    diagnostics: list[Diagnostic]
    files: list[str]
    sources: dict[str, str]

    def exit_code(self, strict: bool = False) -> int:
        worst = Severity.WARNING if strict else Severity.ERROR
        return int(any(d.severity >= worst and not d.suppressed for d in self.diagnostics))


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory with `/`, as users and SARIF want them."""
    text = str(path)
    try:
        relative = os.path.relpath(text)
        if not relative.startswith(".."):
            text = relative
    except ValueError:
        pass
    return text.replace(os.sep, "/")


def lint_file(
    path: Path | str, env: Mapping[str, str] | None = None
) -> tuple[list[Diagnostic], dict[str, str]]:
    """Diagnostics of one file and the texts they point into. Raises UnreadableError."""
    from recspec.source import DecodeProblem, read_text

    name = display_path(path)
    try:
        text = read_text(path)
    except DecodeProblem as exc:
        return [_decode_diagnostic(name, exc)], {}
    if _is_json(name, text):
        from recspec.locate import (
            Redactor,
            credential_literals,
            credential_values,
            payload_diagnostics,
        )
        from recspec.positions.json import parse_json

        document, problems = parse_json(text)
        secrets = credential_values(document) + credential_literals(text)
        shown = Redactor(secrets).mask(text)
        return payload_diagnostics(name, text, document, problems), {name: shown}
    from recspec.compiler import compile_file

    compiled = compile_file(name, text=text, env=env)
    return compiled.diagnostics, compiled.sources


def _is_json(name: str, text: str) -> bool:
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".toml"):
        return suffix == ".json"
    return text.lstrip().startswith(("{", "["))


def _decode_diagnostic(name: str, exc: Exception) -> Diagnostic:
    from recspec.locate import _diagnostic
    from recspec.rules import get_rule

    line, column = getattr(exc, "line", 1), getattr(exc, "column", 1)
    return _diagnostic(
        get_rule("RS100"), "RS100", name, Span(line, column, line, column + 1), str(exc)
    )


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: LintConfig | None = None,
    env: Mapping[str, str] | None = None,
) -> LintRun:
    """Lint files and directories (walked recursively). Raises UnreadableError for a bad path."""
    from recspec.source import find_inputs

    config = config or LintConfig()
    files = find_inputs([str(p) for p in paths])
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    names: list[str] = []
    keep = _selector(config)
    for path in files:
        found, texts = lint_file(path, env)
        names.append(display_path(path))
        sources.update(texts)
        diagnostics.extend(d for d in found if keep(d))
    diagnostics.sort(key=lambda d: d.sort_key)
    return LintRun(diagnostics, names, sources)


def _matching(selectors: Iterable[str]) -> set[str]:
    """Codes that selectors (codes, prefixes or names) name."""
    from recspec.rules import all_rules, select_rules

    return {r.code for r in all_rules()} - {r.code for r in select_rules((), tuple(selectors))}


def _selector(config: LintConfig) -> Callable[[Diagnostic], bool]:
    """A predicate that keeps the diagnostics the configuration selects (RS100 always stays)."""
    from recspec.rules import select_rules

    chosen = {rule.code for rule in select_rules(config.select, config.ignore)}
    per_file = {pattern: _matching(codes) for pattern, codes in config.per_file_ignores.items()}

    def keep(diagnostic: Diagnostic) -> bool:
        if diagnostic.rule == "RS100":
            return True
        if diagnostic.rule not in chosen:
            return False
        return not any(
            diagnostic.rule in ignored and fnmatch.fnmatch(diagnostic.file, pattern)
            for pattern, ignored in per_file.items()
        )

    return keep
