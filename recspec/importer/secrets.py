"""Credentials out, `${env:NAME}` in: an imported spec never holds a literal secret.

Why one convention per provider: a spec imported today and the spec `recspec init` writes for
the same provider read the same variables, so one CI secret set serves both. The names are
`recspec.starter.PROVIDERS`' (`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` for s3, ...) and
ZEGO_ACCESS_TOKEN for the legacy token. A second, different value wanting a name already taken
gets the name with `_2`, `_3`, ... so two credentials never share a variable.

Every string the spec writes also passes through `Secrets.spell`: a secret that reappears in
another field (a token inside a callback URL) becomes the same reference, and a literal
`${env:...}` in a body (which the spec loader would otherwise fill in) is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: The legacy start body's access token.
TOKEN_VARIABLE = "ZEGO_ACCESS_TOKEN"

#: Shorter values are not searched for inside other strings (as `recspec.redact.Redactor`).
MIN_EMBEDDED = 4

#: A variable nobody sets, whose default is a literal `$`: `${env:RECSPEC_LITERAL_DOLLAR:-$}`
#: followed by `{env:X}` reads back as the text `${env:X}` (the loader substitutes once).
DOLLAR_VARIABLE = "RECSPEC_LITERAL_DOLLAR"
_DOLLAR = "${env:" + DOLLAR_VARIABLE + ":-$}"
_REFERENCE = re.compile(r"\$\{env:[A-Za-z_][A-Za-z0-9_]*(?::-.*?)?\}")


def provider_variables(provider: str | None) -> tuple[str, str]:
    """The (key id, secret) variable names for a `[storage] provider` name."""
    from recspec.starter import PROVIDERS

    known = PROVIDERS.get(provider or "")
    return known.key_env if known is not None else ("STORAGE_ACCESS_KEY_ID", "STORAGE_SECRET_KEY")


def path_variable(path: tuple[str | int, ...]) -> str:
    """A variable name for a credential found elsewhere: `STORAGE_PARAMS_ACCESS_KEY_ID`."""
    words = [str(step) for step in path if not isinstance(step, int)]
    name = re.sub(r"[^A-Za-z0-9]+", "_", "_".join(words)).strip("_").upper()
    return name if name and not name[0].isdigit() else f"RECSPEC_{name}"


Path = tuple[str | int, ...]


def conventional(path: Path, provider: str | None) -> str:
    """The variable a credential at `path` (canonical names) is read from."""
    if path == ("access_token",):
        return TOKEN_VARIABLE
    vod = {
        ("storage_params", "aliyun_vod_params", "access_key"): ("aliyun-vod", 0),
        ("storage_params", "aliyun_vod_params", "secret_key"): ("aliyun-vod", 1),
        ("storage_params", "tencentyun_vod_params", "access_key_id"): ("tencent-vod", 0),
        ("storage_params", "tencentyun_vod_params", "access_key_secret"): ("tencent-vod", 1),
    }
    if path in vod:
        name, which = vod[path]
        return provider_variables(name)[which]
    flat = {("storage_params", "access_key_id"): 0, ("storage_params", "access_key_secret"): 1}
    if path in flat and provider is not None and provider not in ("aliyun-vod", "tencent-vod"):
        return provider_variables(provider)[flat[path]]
    return path_variable(path)


@dataclass
class Secrets:
    """The credentials of one body: where each sits, and the variable that will hold it."""

    values: dict[str, str] = field(default_factory=dict)  #: variable -> credential
    at: dict[Path, str] = field(default_factory=dict)  #: canonical path -> `${env:NAME}`
    #: variables `spell` put into other fields (a credential's value seen elsewhere)
    embedded: dict[str, None] = field(default_factory=dict)

    @classmethod
    def of(cls, body: Any) -> Secrets:
        """Every non-empty string under a credential-named key of the canonical `body`."""
        from recspec.spec.loader import CREDENTIAL_FIELDS
        from recspec.spec.units import PROVIDERS

        secrets = cls()
        storage = body.get("storage_params") if isinstance(body, dict) else None
        code = storage.get("storage_provider") if isinstance(storage, dict) else None
        provider = next((n for n, c in PROVIDERS.items() if c == code and type(code) is int), None)

        def walk(node: Any, path: Path) -> None:
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for step, item in items:
                here = (*path, step)
                if step in CREDENTIAL_FIELDS and isinstance(item, str) and item:
                    secrets.at[here] = secrets.reference(conventional(here, provider), item)
                elif isinstance(item, dict | list):
                    walk(item, here)

        if isinstance(body, dict):
            walk(body, ())
        return secrets

    def reference(self, wanted: str, value: str) -> str:
        """`${env:NAME}` for `value`, NAME being `wanted` unless it holds another value."""
        name, number = wanted, 1
        while self.values.get(name, value) != value or name == DOLLAR_VARIABLE:
            number += 1
            name = f"{wanted}_{number}"
        self.values[name] = value
        return "${env:" + name + "}"

    def spell(self, text: str) -> str:
        """`text` as a spec string: secrets inside it referenced, literal references escaped."""
        embedded = sorted(
            ((value, name) for name, value in self.values.items() if len(value) >= MIN_EMBEDDED),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        if "${" not in text and not any(value in text for value, _ in embedded):
            return text
        out: list[str] = []
        index = 0
        while index < len(text):
            found = next((item for item in embedded if text.startswith(item[0], index)), None)
            if found is not None:
                out.append("${env:" + found[1] + "}")
                self.embedded[found[1]] = None
                index += len(found[0])
            elif text[index] == "$" and _REFERENCE.match(text, index):
                out.append(_DOLLAR)
                index += 1
            else:
                out.append(text[index])
                index += 1
        return "".join(out)

    def spell_all(self, node: Any) -> Any:
        """`spell` on every string of spec data, except credential keys' (already references)."""
        from recspec.spec.loader import CREDENTIAL_FIELDS

        if isinstance(node, str):
            return self.spell(node)
        if isinstance(node, list):
            return [self.spell_all(item) for item in node]
        if isinstance(node, dict):
            return {
                k: v if k in CREDENTIAL_FIELDS and isinstance(v, str) else self.spell_all(v)
                for k, v in node.items()
            }
        return node

    def in_keys(self, node: Any) -> bool:
        """Whether a secret (of `MIN_EMBEDDED`+ characters) is inside a table key of `node`:
        keys are never interpolated, so such a spec cannot hide it."""
        if isinstance(node, list):
            return any(self.in_keys(item) for item in node)
        if not isinstance(node, dict):
            return False
        values = [v for v in self.values.values() if len(v) >= MIN_EMBEDDED]
        return any(
            any(v in str(key) for v in values) or self.in_keys(item) for key, item in node.items()
        )

    @property
    def names(self) -> list[str]:
        """The variables to set, in the order the import introduced them."""
        return list(self.values)
