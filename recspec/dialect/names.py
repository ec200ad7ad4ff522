"""Field names of the two dialects: read a body into the canonical form, write it back, and
speak of it in its own names.

The map is derived from the canonical shape (`recspec.payload._shape`): a field's v2 name is its
`v2` mark or the PascalCase of its legacy name. Keys that belong to the other dialect at their
place (a `room_id` beside `RoomId`, an `AppId` in a v2 body) are taken out while reading and
reported as `Finding`s in the body's own pointers (RS108); unknown keys stay as written, so the
structure rules still report them (RS102) and their pointers map back unchanged.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from recspec.diagnostics import pointer, pointer_tokens
from recspec.rules.base import Finding

#: v2 request parameters that travel in the query string, not the body ([PUB]).
QUERY_PARAMETERS = frozenset(
    {"AppId", "SignatureNonce", "Timestamp", "SignatureVersion", "Signature", "IsTest"}
)


def pascal(name: str) -> str:
    """`mix_output_stream_id` -> `MixOutputStreamId`, `s3_force_path_style` -> `S3ForcePathStyle`."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


class Names:
    """One object of the shape: its fields' names in both dialects, and its sub-objects."""

    def __init__(self) -> None:
        self.to_v2: dict[str, str] = {}
        self.from_v2: dict[str, str] = {}
        self.only: dict[str, str] = {}  #: field -> "legacy" | "v2"
        self.children: dict[str, Names] = {}


def _build(shape: dict[str, Any]) -> Names:
    names = Names()
    for name, spec in shape.get("fields", {}).items():
        v2 = spec.get("v2", pascal(name))
        names.to_v2[name] = v2
        if spec.get("only"):
            names.only[name] = spec["only"]
        if spec.get("only") != "legacy":
            names.from_v2[v2] = name
        inner = spec.get("items", spec)
        if inner.get("type") == "object":
            names.children[name] = _build(inner)
    return names


@functools.cache
def tree() -> Names:
    from recspec.payload._shape import SHAPE

    return _build(SHAPE)


def read(doc: Any, dialect: str) -> tuple[Any, list[Finding]]:
    """`doc` (a body of `dialect`) as a canonical body, and the keys of the other dialect in it.

    The findings' pointers are in the body's own names (`Finding.native`). A legacy body is
    the canonical body already: it is returned as it is, and its stray v2 keys are found by
    the structure walk that finds unknown keys (`stray_v2_key`), not by a second walk here.
    """
    foreign: list[Finding] = []
    if dialect == "v2":
        return _from_v2(tree(), doc, (), foreign), foreign
    return doc, foreign


def _from_v2(names: Names, node: Any, path: tuple[str | int, ...], out: list[Finding]) -> Any:
    if isinstance(node, list):
        return [_from_v2(names, item, (*path, i), out) for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        canonical = names.from_v2.get(key)
        if canonical is not None:
            child = names.children.get(canonical)
            result[canonical] = (
                value if child is None else _from_v2(child, value, (*path, key), out)
            )
        elif not path and (key in QUERY_PARAMETERS or key in ("app_id", "access_token")):
            out.append(_query_finding(key, path))
        elif key in names.to_v2:
            out.append(_legacy_key_finding(names, key, path))
        else:
            result[key] = value  # unknown: kept as written for RS102
    return result


def _query_finding(key: str, path: tuple[str | int, ...]) -> Finding:
    where = (
        "StartRecord authenticates with AppId, SignatureNonce, Timestamp, SignatureVersion and "
        "Signature in the query string"
    )
    if key == "access_token":
        fix = "StartRecord has no access token; sign the request instead"
    else:
        fix = "move it to the request URL"
    return Finding(
        pointer(*path, key),
        f"`{key}` does not belong in a StartRecord body: {where} — {fix}",
        native=True,
    )


def _legacy_key_finding(names: Names, key: str, path: tuple[str | int, ...]) -> Finding:
    v2 = names.to_v2[key]
    if names.only.get(key) == "legacy":
        fix = "StartRecord has no such field"
    else:
        fix = f"StartRecord calls it `{v2}`"
    return Finding(
        pointer(*path, key),
        f"`{key}` is a legacy start name in a StartRecord (v2) body; {fix} — use one dialect",
        native=True,
    )


def stray_v2_key(loc: tuple[str | int, ...]) -> str | None:
    """Why the unknown key at `loc` of a legacy body is a StartRecord (v2) key, or None when it
    is just unknown (a typo: RS102's business)."""
    names: Names | None = tree()
    for step in loc[:-1]:
        if names is None:
            return None
        if isinstance(step, str):
            names = names.children.get(step)
    key = loc[-1]
    if names is None or not isinstance(key, str):
        return None
    canonical = names.from_v2.get(key)
    if canonical is None and len(loc) == 1 and key in QUERY_PARAMETERS:
        return (
            f"`{key}` is a StartRecord (v2) query-string parameter; the legacy start body "
            "carries app_id and access_token instead"
        )
    if canonical is None:
        return None
    if names.only.get(canonical) == "v2":
        return (
            f"`{key}` is a StartRecord (v2) field; the legacy start API has no such field "
            "— compile for target v2, or remove it"
        )
    return (
        f"`{key}` is the StartRecord (v2) name; the legacy start body calls it `{canonical}` "
        "— use one dialect"
    )


def write(doc: Any, dialect: str) -> Any:
    """The canonical body `doc` written in `dialect` (legacy: as it is)."""
    return doc if dialect != "v2" else _to_v2(tree(), doc)


def _to_v2(names: Names | None, node: Any) -> Any:
    if isinstance(node, list):
        return [_to_v2(names, item) for item in node]
    if not isinstance(node, dict) or names is None:
        return node
    to_v2, children = names.to_v2, names.children
    return {  # scalars (most values) are kept without a call: 38 -> 9 calls per body
        to_v2.get(key, key): _to_v2(children.get(key), value)
        if isinstance(value, dict | list)
        else value
        for key, value in node.items()
    }


def native_pointer(ptr: str, dialect: str) -> str:
    """A canonical JSON Pointer in `dialect`'s names (unknown steps are kept as written)."""
    if dialect != "v2" or not ptr:
        return ptr
    names: Names | None = tree()
    out: list[str] = []
    for token in pointer_tokens(ptr):
        if names is not None and token in names.to_v2:
            out.append(names.to_v2[token])
            names = names.children.get(token)
        else:
            out.append(token)
            if not token.isdigit():
                names = None  # below an unknown key: kept as written
    return pointer(*out)


_IDENTIFIER = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.[a-z][a-z0-9_]*)*")


@functools.cache
def _all_v2_names() -> dict[str, str]:
    """Every canonical field name with an underscore, to its v2 name (first place wins)."""
    found: dict[str, str] = {}

    def walk(names: Names) -> None:
        for key, v2 in names.to_v2.items():
            found.setdefault(key, v2)
        for child in names.children.values():
            walk(child)

    walk(tree())
    return found


def native_message(message: str, ptr: str, dialect: str) -> str:
    """A rule's message (written with canonical names) in `dialect`'s own field names.

    Field names in a message are snake_case identifiers (`mix_output_video_config`, dotted
    paths such as `mix_output_video_config.fps`), or the finding's own field leading the
    message (`fps is 60`). They are renamed in the context of the finding's pointer, so a
    Tencent VOD `access_key_id` becomes `SecretId` and a bucket's becomes `AccessKeyId`.
    """
    if dialect != "v2":
        return message
    scopes = _scopes(ptr)

    def rename(name: str) -> str:
        for names in scopes:
            if name in names.to_v2:
                return names.to_v2[name]
        return _all_v2_names().get(name, name)

    def dotted(match: re.Match[str]) -> str:
        return ".".join(rename(part) for part in match.group(0).split("."))

    message = _IDENTIFIER.sub(dotted, message)
    tokens = pointer_tokens(ptr)
    leaf = tokens[-1] if tokens else ""
    if leaf and "_" not in leaf and not leaf.isdigit() and message.startswith(leaf + " "):
        parent = tokens[-2] if len(tokens) > 1 and not tokens[-2].isdigit() else ""
        qualified = f"{rename(parent)}.{rename(leaf)}" if parent else rename(leaf)
        message = qualified + message[len(leaf) :]
    return message


def _scopes(ptr: str) -> list[Names]:
    """The objects along `ptr`, innermost first."""
    names: Names | None = tree()
    scopes: list[Names] = []
    for token in pointer_tokens(ptr):
        if names is None:
            break
        scopes.append(names)
        if not token.isdigit():
            names = names.children.get(token)
    if names is not None:
        scopes.append(names)
    return scopes[::-1]


def field_names(fragment: Any) -> list[tuple[str, str]]:
    """(legacy, v2) dotted names of every leaf field a canonical fragment sets, in order.

    For the rule docs: `{"record_input_params": {"max_idle_time": 2}}` ->
    `[("record_input_params.max_idle_time", "RecordInputParams.MaxIdleTime")]`.
    """
    found: list[tuple[str, str]] = []

    def walk(node: Any, names: Names | None, legacy: list[str], v2: list[str]) -> None:
        if isinstance(node, dict) and node and names is not None:
            for key, value in node.items():
                name = str(key)
                v2_key = names.to_v2.get(name, name)
                walk(value, names.children.get(name), [*legacy, name], [*v2, v2_key])
            return
        if isinstance(node, list) and node and isinstance(node[0], dict):
            walk(node[0], names, [*legacy[:-1], legacy[-1] + "[]"], [*v2[:-1], v2[-1] + "[]"])
            return
        if legacy and node is not None:  # None deletes a key in rule examples
            pair = (".".join(legacy), ".".join(v2))
            if pair not in found:
                found.append(pair)

    if isinstance(fragment, dict):
        walk(fragment, tree(), [], [])
    return found
