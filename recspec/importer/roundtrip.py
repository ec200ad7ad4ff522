"""The round trip that makes an import exact: compile the spec, put what differs in `[payload]`.

Why compile instead of trusting the reading: the compiler is the definition of what a spec
means, so the part of the body the spec keys do not reproduce is found by compiling them and
comparing, not by a second list of rules that could drift. `[payload]` can add and replace but
never delete, so a reading that made a field the body lacks falls back to the raw spec (room,
a placeholder provider, everything else in `[payload]`), which always reproduces a body that
has the top-level objects the compiler writes. The final text is compiled once more and
compared, so `exact` is a checked fact, not a hope.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from recspec.importer.secrets import Secrets
from recspec.importer.toml_writer import Unwritable, dumps
from recspec.importer.units import is_int

Body = dict[str, Any]


@dataclass
class Attempt:
    """One candidate spec and what compiling it gave."""

    spec: Body
    text: str = ""
    exact: bool = False
    extra: bool = False
    dropped: list[str] = field(default_factory=list)  #: pointers TOML could not hold
    embedded: list[str] = field(default_factory=list)  #: see `Secrets.embedded`


def same(a: Any, b: Any) -> bool:
    """JSON equality: `1` is not `true` nor `1.0`; object key order does not matter."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def residue(want: Body, got: Body) -> tuple[Body, bool]:
    """(the fields of `want` that `got` lacks or has otherwise, whether `got` has extra keys)."""
    patch: Body = {}
    extra = any(key not in want for key in got)
    for key, value in want.items():
        if key not in got:
            patch[key] = value
        elif isinstance(value, dict) and isinstance(got[key], dict):
            inner, more = residue(value, got[key])
            extra = extra or more
            if inner:
                patch[key] = inner
        elif not same(value, got[key]):
            patch[key] = value
    return patch, extra


def with_credentials(node: Any, secrets: Secrets, path: tuple[str | int, ...] = ()) -> Any:
    """A copy of canonical data (at `path` in the body) with credentials as references."""
    if path in secrets.at:
        return secrets.at[path]
    if isinstance(node, dict):
        return {k: with_credentials(v, secrets, (*path, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [with_credentials(v, secrets, (*path, i)) for i, v in enumerate(node)]
    return node


def _unwritable(value: Any) -> bool:
    """JSON a TOML file cannot hold: null, an integer past 64 bits, 1e999 (read as infinity)."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return value is None or (type(value) is int and not is_int(value))


def writable(node: Any, path: str, dropped: list[str]) -> Any:
    """`node` without what TOML cannot hold (`_unwritable`); their pointers go to `dropped`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            here = f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if _unwritable(value):
                dropped.append(here)
            else:
                out[key] = writable(value, here, dropped)
        return out
    if isinstance(node, list):
        kept = [writable(v, f"{path}/{i}", dropped) for i, v in enumerate(node)]
        if any(_unwritable(v) for v in node):
            dropped.append(path)
            return [w for v, w in zip(node, kept, strict=True) if not _unwritable(v)]
        return kept
    return node


def compiled(text: str, secrets: Secrets) -> Body | None:
    """The canonical body `text` compiles to with the credentials set (None: it does not build)."""
    from recspec.compiler import compile_file

    result = compile_file(text=text, env=secrets.values)
    document: Body | None = result.document
    return document


def attempt(spec: Body, body: Body, target: str, secrets: Secrets, comments: list[str]) -> Attempt:
    """`spec` completed with the `[payload]` it needs to compile to `body` (canonical), as
    TOML text under `comments`."""
    from recspec.dialect.names import write

    trial = Attempt(spec)
    try:
        first = compiled(dumps(secrets.spell_all(spec)), secrets)
    except Unwritable:
        return trial
    patch, trial.extra = residue(body, first or {})
    full = dict(spec)
    if patch:
        raw = writable(with_credentials(patch, secrets), "", trial.dropped)
        full["payload"] = write(raw, target)
    if trial.dropped:
        left_out = ", ".join(trial.dropped)
        comments = [*comments, f"Left out (null or a number TOML cannot hold): {left_out}"]
    secrets.embedded.clear()
    try:
        trial.text = dumps(secrets.spell_all(full), comments)
    except Unwritable:
        return trial
    trial.embedded = list(secrets.embedded)
    trial.spec = full
    final = compiled(trial.text, secrets)
    trial.exact = not trial.extra and final is not None and same(final, body)
    return trial


def raw_spec(body: Body, target: str, secrets: Secrets, explicit: bool) -> Body:
    """The smallest spec the compiler accepts: the room, and s3 as a placeholder provider that
    `[payload]` overrides (everything else goes there too)."""
    room: Body = {"id": body.get("room_id") if isinstance(body.get("room_id"), str) else ""}
    if target == "legacy":
        if is_int(body.get("app_id")):
            room["app_id"] = body["app_id"]
        if isinstance(body.get("access_token"), str):
            room["access_token"] = secrets.at.get(("access_token",), body["access_token"])
    spec: Body = {"version": 1}
    if explicit:
        spec["target"] = target
    spec["room"] = room
    spec["storage"] = {"provider": "s3"}
    return spec
