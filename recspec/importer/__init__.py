"""`recspec import`: a start body (either dialect) -> an idiomatic spec that compiles back to it.

The pieces: `read` says the body in spec keys, `layout` (with `presets` and `tiles`) recovers
the `[layout]`, `secrets` moves credentials to `${env:NAME}`, `roundtrip` compiles the result
and puts whatever still differs in `[payload]`, `toml_writer` writes the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Imported", "NotABody", "import_body"]


class NotABody(ValueError):
    """The input is not something a spec can be made of (not a JSON object)."""


@dataclass
class Imported:
    """One imported body: the spec text and what the user must know about it."""

    text: str
    dialect: str  #: "legacy" or "v2"
    #: variable -> the credential it must hold (never printed; tests set them to compile)
    variables: dict[str, str] = field(default_factory=dict)
    #: compiling `text` with `variables` set gives the body back exactly
    exact: bool = False
    #: the whole body went to `[payload]` (the spec keys could not say it without extra fields)
    raw: bool = False
    #: variables that also stand for a credential's value inside other fields
    embedded: list[str] = field(default_factory=list)


def _header(name: str | None, dialect: str, notes: list[str]) -> list[str]:
    from recspec.dialect import get

    source = f" from {name}" if name else ""
    return [f"Imported{source} ({get(dialect).title} body) by `recspec import`.", *notes]


def import_body(document: Any, name: str | None = None, default_target: str = "legacy") -> Imported:
    """Import a parsed start body. Raises `NotABody` when it is not a JSON object.

    `default_target` is the API a spec without `target` compiles for where the spec will live
    (the configuration's `target`): a legacy body then says `target = "legacy"` when that is
    not it. A v2 body always says `target = "v2"`.
    """
    from recspec.dialect import detect
    from recspec.dialect.names import read
    from recspec.importer.read import read_body
    from recspec.importer.roundtrip import attempt, raw_spec
    from recspec.importer.secrets import Secrets

    if not isinstance(document, dict):
        raise NotABody("not a JSON object: a start body is one {...} object")
    dialect = detect(document).name
    body, _ = read(document, dialect)
    secrets = Secrets.of(body)
    notes: list[str] = []
    explicit = dialect == "v2" or default_target != dialect
    spec = read_body(body, dialect, secrets, notes, explicit)
    trial = attempt(spec, body, dialect, secrets, _header(name, dialect, notes))
    raw = False
    if not trial.exact or secrets.in_keys(
        trial.spec
    ):  # a stream id key: in [payload] it is a value
        minimal = raw_spec(body, dialect, secrets, explicit)
        fallback = attempt(minimal, body, dialect, secrets, _header(name, dialect, []))
        if fallback.exact or (fallback.text and not trial.text):
            trial, raw = fallback, True
    if not trial.text:
        raise NotABody("the body holds values a TOML spec cannot (see `recspec lint`)")
    used = {k: v for k, v in secrets.values.items() if "${env:" + k + "}" in trial.text}
    return Imported(trial.text, dialect, used, trial.exact, raw, trial.embedded)
