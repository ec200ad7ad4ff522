"""What must never be shown: credential values found in documents and texts, and the
`Redactor` that replaces them (in every written form) before text reaches a person.

Loaded only when there is something to show: a clean lint never builds a Redactor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

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


def payload_redactor(document: Any, text: str) -> Redactor:
    """What must never be shown from a JSON payload: its credential values, parsed or not."""
    return Redactor(credential_values(document) + credential_literals(text))


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


def blank_credentials(node: Any) -> Any:
    """A copy of a body with every credential field's string value replaced by `***` (what
    `compile --redact` writes; `Redactor` then hides `${env:...}` values wherever they went)."""
    from recspec.spec.loader import CREDENTIAL_FIELDS

    if isinstance(node, dict):
        return {
            k: "***" if k in CREDENTIAL_FIELDS and isinstance(v, str) else blank_credentials(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [blank_credentials(v) for v in node]
    return node
