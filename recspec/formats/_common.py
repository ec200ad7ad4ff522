"""Helpers shared by the formatters: source lines, clamped positions, counts, rule links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from recspec.diagnostics import Diagnostic, Severity


def visible(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings a user acts on: suppressed ones only appear in SARIF (as suppressions)."""
    return [d for d in diagnostics if not d.suppressed]


@lru_cache(maxsize=32)
def split_lines(text: str) -> tuple[str, ...]:
    """Lines as the loaders count them: split on LF only, a trailing CR dropped.

    `str.splitlines()` would also break on form feeds, U+2028 and friends, which TOML and JSON
    do not treat as line breaks, and then line numbers would drift. Cached because a file with
    many findings is looked up once per finding.
    """
    return tuple(line[:-1] if line.endswith("\r") else line for line in text.split("\n"))


def source_line(sources: Mapping[str, str], file: str, line: int) -> tuple[int, str] | None:
    """(clamped line number, its text), or None when the file's text is not available.

    A position past the end of the text is clamped to the last line rather than raising: a
    formatter must never crash on a diagnostic, however odd its position.
    """
    text = sources.get(file)
    if text is None:
        return None
    lines = split_lines(text)
    number = min(max(line, 1), len(lines))
    return number, lines[number - 1]


def clamp_column(column: int, text: str) -> int:
    """A 1-based column that exists on `text` (one past the end is allowed: end of line)."""
    return min(max(column, 1), len(text) + 1)


def end_position(diag: Diagnostic) -> tuple[int, int]:
    """(end_line, end_column), defaulted and never before the start."""
    start_line, start_col = max(diag.line, 1), max(diag.column, 1)
    end_line = diag.end_line if diag.end_line is not None else start_line
    end_col = diag.end_column if diag.end_column is not None else start_col
    if end_line < start_line:
        return start_line, start_col
    if end_line == start_line and end_col < start_col:
        end_col = start_col
    return end_line, max(end_col, 1)


def counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int, int]:
    """(errors, warnings, infos) among `diagnostics`."""
    errors = warnings = infos = 0
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            errors += 1
        elif d.severity is Severity.WARNING:
            warnings += 1
        else:
            infos += 1
    return errors, warnings, infos


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """The last line of human output: `Found N errors, M warnings (K files checked).`"""
    shown = visible(diagnostics)
    suppressed = len(diagnostics) - len(shown)
    detail = plural(files_checked, "file") + " checked"
    if suppressed:
        detail += f", {suppressed} suppressed"
    if not shown:
        return f"All checks passed ({detail})."
    errors, warnings, infos = counts(shown)
    found = f"Found {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if infos:
        found += f", {infos} info"
    return f"{found} ({detail})."


def rule_url(docs_url: str | None, code: str) -> str | None:
    """The rule's page in the reference, or None when no docs URL is configured."""
    if not docs_url:
        return None
    return f"{docs_url.rstrip('/')}/rules.md#{code.lower()}"


def location(diag: Diagnostic) -> str:
    """`path:line:col`, the prefix editors and problem matchers understand."""
    return f"{diag.file}:{diag.line}:{diag.column}"


def concise(diag: Diagnostic) -> str:
    """`path:line:col: CODE [severity] message`, on one line."""
    return f"{location(diag)}: {diag.rule} [{diag.severity.label}] {diag.message}"
