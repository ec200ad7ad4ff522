"""Turn raw findings into positioned `Diagnostic`s: spec problems, and payload findings mapped
back to the spec through provenance or to the JSON text by pointer.

Positions are computed lazily, once per file, and only for files that have findings. Messages
pass through redaction so no value taken from the environment (or a literal credential) is
ever printed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from recspec.diagnostics import Diagnostic, Severity, dotted, pointer, pointer_tokens
from recspec.positions import Located, Span

if TYPE_CHECKING:
    from recspec.compiler import Compiled
    from recspec.rules.base import Rule

KeyPath = tuple[str | int, ...]
_ORIGIN = Span(1, 1, 1, 1)
#: Values shorter than this are not redacted: they would mangle messages and reveal little.
_MIN_SECRET = 4


class Redactor:
    """Replaces known secret values by `***` in human-facing text.

    Messages often quote values with `repr()` (`'abc\\n'`) and sources hold them JSON/TOML
    escaped, so each secret is matched in those written forms too, not only verbatim.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = sorted({s for s in secrets if len(s) >= _MIN_SECRET}, key=len, reverse=True)
        forms = {form for secret in self.secrets for form in _written_forms(secret)}
        self.forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self.forms:
            text = text.replace(form, "***")
        return text

    def deep(self, node: Any) -> Any:
        """A copy of a JSON-like document with every string redacted (for data shown to people),
        and every integer that is a secret's digits (an `app_id` from `${env:...}`) as `***`."""
        if isinstance(node, str):
            return self(node)
        if isinstance(node, int) and not isinstance(node, bool):
            return "***" if str(node) in self.secrets else node
        if isinstance(node, dict):
            return {self(k): self.deep(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self.deep(v) for v in node]
        return node

    def mask(self, text: str) -> str:
        """Star out secrets in a source text shown as snippets, keeping its length.

        Same-length masks keep every line:column exact.
        """
        for form in self.forms:
            text = text.replace(form, "*" * len(form))
        return text


def _written_forms(secret: str) -> set[str]:
    """The ways a value appears in text: verbatim, inside repr() quotes, JSON-escaped, quoted
    as TOML in spec findings (`recspec.spec.words.shown`), and trimmed (rules quote `value.strip()` in their suggested fixes)."""
    trimmed = secret.strip()
    return {
        secret,
        repr(secret)[1:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        secret.replace("\\", "\\\\").replace('"', '\\"'),  # as spec findings quote values
        *([trimmed] if len(trimmed) >= _MIN_SECRET else []),
    }


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
    from recspec.rules import check_payload, get_rule

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
        from recspec.dialect import get as get_dialect
        from recspec.spec.phrasing import spec_message

        api = get_dialect(compiled.target)
        for rule, finding in check_payload(compiled.document, dialect=api):
            _, key_path = provenance_of(compiled.provenance, finding.pointer)
            if compiled.small_views_advised and rule.code == "RS411" and _computed(key_path):
                continue  # said once at `layout.preset`, with what to change
            file = loaded.origin(key_path) if key_path else loaded.file
            span = locate(file, key_path)
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
    from recspec.dialect.lint import check_body
    from recspec.rules import get_rule

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
    return _finish(out, payload_redactor(document, text), lambda _d: False)


def payload_redactor(document: Any, text: str) -> Redactor:
    """What must never be shown from a JSON payload: its credential values, parsed or not."""
    return Redactor(credential_values(document) + credential_literals(text))


def _nearest(positions: dict[str, Located], ptr: str) -> Span:
    tokens = pointer_tokens(ptr)
    for end in range(len(tokens), -1, -1):
        found = positions.get(pointer(*tokens[:end]))
        if found is not None:
            return found.anchor
    return _ORIGIN


def credential_values(document: Any) -> list[str]:
    """Every string (or number) held by a credential-named field anywhere in a document."""
    from recspec.spec.loader import CREDENTIAL_FIELDS

    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in CREDENTIAL_FIELDS and isinstance(value, str):
                    found.append(value)
                elif key in CREDENTIAL_FIELDS and type(value) in (int, float):
                    found.append(str(value))  # the wrong type, but still somebody's secret
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


_VALUE_AFTER_KEY = r"""\b["']?[ \t]*[=:][ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')"""
#: Each pattern starts with a literal, which `re` searches for quickly (one pattern with the
#: alternation behind a `\b` cost 21 µs per spec, these 5 µs).
_CREDENTIAL_LITERALS = (
    re.compile(r"access_(?:token|key_id|key_secret|key)" + _VALUE_AFTER_KEY),
    re.compile(r"secret_key" + _VALUE_AFTER_KEY),
    re.compile(r"AccessKey(?:Id|Secret)" + _VALUE_AFTER_KEY),
    re.compile(r"Secret(?:Id|Key)" + _VALUE_AFTER_KEY),
)


#: A credential key and whatever follows its `=` or `:` on that line, parsable or not.
_CREDENTIAL_REST = re.compile(
    r"(?:access_(?:token|key_id|key_secret|key)|secret_key|AccessKey(?:Id|Secret)|Secret(?:Id|Key))"
    r"[\"']?[ \t]*[=:][ \t]*([^\n]*)"
)
_ENV_ONLY = re.compile(r"""^["']\$\{env:[A-Za-z_][A-Za-z0-9_]*\}["'][ \t,]*$""")


def credential_literals(text: str) -> list[str]:
    """Strings written after a credential key in a TOML or JSON text, as written.

    A file that does not parse has no document to find credentials in, yet its snippets and
    messages still show its lines; this textual scan keeps those credentials hidden too: the
    quoted value, and whatever else follows the key on its line (an unterminated string, an
    array, a bare word), with every line of a multi-line string. A plain `"${env:NAME}"`
    reference is not a secret and stays readable.
    """
    found: list[str] = []
    for pattern in _CREDENTIAL_LITERALS:
        for match in pattern.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # part of a longer key such as `my_access_token`
            found.append(match.group(1) or match.group(2) or "")
    for match in _CREDENTIAL_REST.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        rest = match.group(1).rstrip()
        if not rest or _ENV_ONLY.match(rest):
            continue
        found.append(rest)
        first = re.match(r"""[\s"'\[{(]*([^\s"'\[\]{}(),]+)""", rest)
        if first:  # the value itself, as a parser's message quotes it (`unexpected word 'x'`)
            found.append(first.group(1))
        for quote in ('"""', "'''"):
            if rest.startswith(quote) and rest.count(quote) == 1:  # a multi-line string
                end = text.find(quote, match.end())
                block = text[match.end() : end + 3 if end != -1 else len(text)]
                found.extend(line.strip() for line in block.split("\n") if line.strip())
    return found


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
