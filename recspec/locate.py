"""Turn raw findings into positioned `Diagnostic`s: spec problems, and payload findings mapped
back to the spec through provenance or to the JSON text by pointer.

Positions are computed lazily, once per file, and only for files that have findings. Messages
pass through redaction so no value taken from the environment (or a literal credential) is
ever printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from recspec.diagnostics import Diagnostic, Severity, dotted, pointer, pointer_tokens
from recspec.dialect import get as get_dialect
from recspec.dialect.lint import check_body
from recspec.positions import Located, Span
from recspec.rules import check_payload, get_rule

if TYPE_CHECKING:
    from recspec.compiler import Compiled
    from recspec.redact import Redactor
    from recspec.rules.base import Rule

KeyPath = tuple[str | int, ...]
_ORIGIN = Span(1, 1, 1, 1)


class TomlLocator:
    """Key path -> span in one TOML file, falling back to the nearest enclosing key."""

    def __init__(self, text: str) -> None:
        from recspec.positions.toml import toml_positions

        self.positions = toml_positions(text)

    def __call__(self, path: KeyPath) -> Span:
        for end in range(len(path), 0, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found.whole
        return _ORIGIN


def _diagnostic(
    rule: Rule | None,
    code: str,
    file: str,
    span: Span,
    message: str,
    ptr: str = "",
    spec_path: str = "",
) -> Diagnostic:
    return Diagnostic(
        file=file,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        rule=code,
        name=rule.name if rule else code,
        severity=rule.severity if rule else Severity.ERROR,
        message=message,
        pointer=ptr,
        spec_path=spec_path,
    )


def provenance_of(provenance: dict[str, KeyPath], ptr: str) -> tuple[str, KeyPath]:
    """The payload pointer's longest traced prefix, and the spec key path it came from."""
    tokens = pointer_tokens(ptr)
    for end in range(len(tokens), -1, -1):
        prefix = pointer(*tokens[:end])
        if prefix in provenance:
            return prefix, provenance[prefix]
    return "", ()


def _computed(key_path: KeyPath) -> bool:
    """A view a preset computed (not a hand-placed `[[layout.tile]]`)."""
    return key_path[:1] == ("layout",) and key_path[1:2] != ("tile",)


def spec_diagnostics(compiled: Compiled, report_unused: bool = False) -> list[Diagnostic]:
    """Every problem of a compiled spec, positioned in the spec file (or an extended base),
    then the findings on its suppression comments (`recspec.suppressed`)."""
    loaded = compiled.loaded
    locators: dict[str, TomlLocator] = {}

    def locate(file: str, path: KeyPath) -> Span:
        if file not in locators:
            locators[file] = TomlLocator(loaded.texts.get(file, ""))
        return locators[file](path)

    out: list[Diagnostic] = []
    for problem in loaded.problems:
        rule = get_rule(problem.code)
        if problem.line is not None:
            span = Span(problem.line, problem.column or 1, problem.line, (problem.column or 1) + 1)
        else:
            span = locate(problem.file, problem.path or ())
        out.append(
            _diagnostic(
                rule,
                problem.code,
                problem.file,
                span,
                problem.message,
                spec_path=dotted(problem.path or ()),
            )
        )
    if compiled.document is not None:
        api = get_dialect(compiled.target)
        for rule, finding in check_payload(compiled.document, dialect=api):
            _, key_path = provenance_of(compiled.provenance, finding.pointer)
            if compiled.small_views_advised and rule.code == "RS411" and _computed(key_path):
                continue  # said once at `layout.preset`, with what to change
            file = loaded.origin(key_path) if key_path else loaded.file
            span = locate(file, key_path)
            from recspec.spec.phrasing import spec_message  # only for a finding

            message = spec_message(finding.message, compiled.provenance, key_path)
            out.append(
                _diagnostic(rule, rule.code, file, span, message, finding.pointer, dotted(key_path))
            )
    if len(loaded.texts) > 1:  # a base's finding names the spec that inherits it
        note = f" (inherited by {loaded.file} through `extends`)"
        out = [d if d.file == loaded.file else d._replace(message=d.message + note) for d in out]
    commented = any("recspec:" in text for text in loaded.texts.values())
    if not out and not commented:
        return out  # nothing to redact or suppress: a clean spec builds no Redactor
    suppressed = _spec_suppressions(loaded.texts)
    if compiled.document is None or loaded.partial:  # unbuildable: fails, comments or not
        comments = suppressed

        def suppressed(diagnostic: Diagnostic) -> bool:
            return diagnostic.severity is not Severity.ERROR and comments(diagnostic)

    from recspec.redact import Redactor

    done = _finish(out, Redactor(loaded.secrets), suppressed)
    if commented:
        from recspec.suppressed import suppression_diagnostics

        found = suppression_diagnostics(loaded.texts, done, report_unused)
        if found:
            done = sorted(
                [*done, *_finish(found, Redactor(()), lambda _d: False)], key=lambda d: d.sort_key
            )
    return done


def payload_diagnostics(
    file: str, text: str, document: Any, problems: Iterable[Any]
) -> list[Diagnostic]:
    """Diagnostics of a hand-written JSON payload, positioned at the offending key."""
    problems = list(problems)
    out: list[Diagnostic] = []
    for problem in problems:
        code = "RS105" if problem.kind == "duplicate-key" else "RS100"
        span = Span(problem.line, problem.column, problem.line, problem.column + 1)
        out.append(_diagnostic(get_rule(code), code, file, span, problem.message))
    # A document that parsed (even to `null`, which parse_json also returns as None) is checked.
    if not any(problem.kind == "syntax" for problem in problems):
        _, findings = check_body(document)
        if findings:
            from recspec.positions.json import json_positions

            positions = json_positions(text)
            for rule, finding in findings:
                span = _nearest(positions, finding.pointer)
                out.append(
                    _diagnostic(rule, rule.code, file, span, finding.message, finding.pointer)
                )
    if not out:
        return out  # the common case: a clean payload pays for no secret scan
    from recspec.redact import payload_redactor

    return _finish(out, payload_redactor(document, text), lambda _d: False)


def _nearest(positions: dict[str, Located], ptr: str) -> Span:
    tokens = pointer_tokens(ptr)
    for end in range(len(tokens), -1, -1):
        found = positions.get(pointer(*tokens[:end]))
        if found is not None:
            return found.anchor
    return _ORIGIN


def _spec_suppressions(texts: dict[str, str]) -> Callable[[Diagnostic], bool]:
    cache: dict[str, Any] = {}

    def suppressed(diagnostic: Diagnostic) -> bool:
        text = texts.get(diagnostic.file)
        if text is None or "recspec:" not in text:
            return False
        if diagnostic.file not in cache:
            from recspec.positions.toml import suppressions

            cache[diagnostic.file] = suppressions(text)
        result: bool = cache[diagnostic.file].is_suppressed(
            diagnostic.rule, diagnostic.name, diagnostic.line
        )
        return result

    return suppressed


def _finish(
    diagnostics: list[Diagnostic], redact: Redactor, suppressed: Callable[[Diagnostic], bool]
) -> list[Diagnostic]:
    from recspec.lint import printable

    out = []
    for diagnostic in diagnostics:
        message = printable(redact(diagnostic.message))
        ptr, spec_path = redact(diagnostic.pointer), redact(diagnostic.spec_path)  # key names
        hidden = suppressed(diagnostic)
        if (message, ptr, spec_path) != (
            diagnostic.message,
            diagnostic.pointer,
            diagnostic.spec_path,
        ) or hidden:
            diagnostic = diagnostic._replace(
                message=message, pointer=ptr, spec_path=spec_path, suppressed=hidden
            )
        out.append(diagnostic)
    return sorted(out, key=lambda d: d.sort_key)
