"""What a change does to the request ZEGO receives: leaf-by-leaf changes of canonical bodies.

Both sides are read into the canonical body first (specs compiled, v2 bodies renamed), so key
order, unit spelling and dialect never show up as changes. Each changed leaf carries risk tags
a reviewer should look at: `destination`, `cost`, `callback`, `secret`. Credential values are
replaced by a mask here, before any formatter sees them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MASK", "Change", "DiffError", "Side", "diff_bodies", "load_side"]

MASK = "***"

#: pointer suffixes (canonical names) whose change moves where the recordings go
_DESTINATION = (
    "/storage_params/storage_provider",
    "/storage_params/bucket_name",
    "/storage_params/region",
    "/storage_params/end_point",
    "/storage_params/s3_force_path_style",
    "/record_output_params/output_folder",
    "/storage_params/aliyun_vod_params/region",
    "/storage_params/aliyun_vod_params/storage_location",
    "/storage_params/tencentyun_vod_params/region",
    "/storage_params/tencentyun_vod_params/sub_app_id",
)
_VIDEO = "/record_input_params/mix_config/mix_output_video_config/"
#: numeric leaves where a larger value costs more (canvas, frame rate, bitrate, duration)
_COST_GROWS = (
    f"{_VIDEO}width",
    f"{_VIDEO}height",
    f"{_VIDEO}fps",
    f"{_VIDEO}bitrate",
    "/record_input_params/max_record_time",
)
_CALLBACK = ("/record_output_params/callback_url",)
_SINGLE, _MIXED = 1, 2


class DiffError(Exception):
    """An input that cannot be compared: unreadable, not JSON/TOML, or a spec with errors."""


@dataclass(frozen=True)
class Side:
    """One side of a diff: its canonical body, its dialect and the values never to show."""

    name: str
    body: dict[str, Any] | None  #: None: the file does not exist on this side (git mode)
    dialect: str = "legacy"
    secrets: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Change:
    """One changed leaf: where, how, old and new values (secrets masked) and risk tags."""

    pointer: str
    kind: str  #: "added", "removed" or "changed"
    old: Any
    new: Any
    risk: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        return {
            "pointer": self.pointer,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "risk": list(self.risk),
        }


def load_side(path: str, *, text: str | None = None, label: str | None = None) -> Side:
    """Read a spec (.toml, compiled with the environment) or a body (.json) as a `Side`.

    `text` is the file's content when it does not come from the file system (git mode).
    """
    name = label or path
    if path.endswith(".toml"):
        return _spec_side(path, text, name)
    if text is None:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise DiffError(
                f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}"
            ) from exc
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise DiffError(f"{name}: not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise DiffError(f"{name}: not a JSON object (a start body is an object)")
    from recspec.dialect import detect
    from recspec.dialect.names import read
    from recspec.redact import credential_values

    dialect = detect(document).name
    body, _foreign = read(document, dialect)
    return Side(name, body, dialect, frozenset(credential_values(document)))


def _spec_side(path: str, text: str | None, name: str) -> Side:
    from recspec.compiler import compile_file
    from recspec.source import UnreadableError

    try:
        compiled = compile_file(text=text) if text is not None else compile_file(path)
    except UnreadableError as exc:
        raise DiffError(str(exc)) from exc
    if compiled.body is None:
        first = next(
            (d for d in compiled.diagnostics if d.severity.label == "error" and not d.suppressed),
            None,
        )
        where = f": {first.line}:{first.column}: {first.rule} {first.message}" if first else ""
        raise DiffError(f"{name}: the spec has errors (run `recspec lint`){where}")
    secrets = frozenset(compiled.loaded.secrets)
    return Side(name, compiled.body, compiled.target, secrets)


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _leaves(node: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf of a JSON document by JSON Pointer (empty objects and lists are leaves)."""
    out: dict[str, Any] = {}
    if isinstance(node, dict) and node:
        for key, value in node.items():
            out.update(_leaves(value, f"{prefix}/{_escape(key)}"))
    elif isinstance(node, list) and node:
        for index, value in enumerate(node):
            out.update(_leaves(value, f"{prefix}/{index}"))
    else:
        out[prefix] = node
    return out


def _is_secret(pointer: str) -> bool:
    from recspec.spec.loader import CREDENTIAL_FIELDS

    last = pointer.rsplit("/", 1)[-1]
    return last in CREDENTIAL_FIELDS


def _grows(old: Any, new: Any) -> bool:
    numbers = (int, float)
    if isinstance(old, bool) or isinstance(new, bool):
        return False
    if old is None and isinstance(new, numbers):
        return True
    return isinstance(old, numbers) and isinstance(new, numbers) and new > old


def _risks(pointer: str, old: Any, new: Any, secret: bool) -> tuple[str, ...]:
    tags: list[str] = []
    if pointer.endswith(_DESTINATION):
        tags.append("destination")
    if (
        (pointer in _COST_GROWS and _grows(old, new))
        or (pointer == "/record_input_params/record_mode" and (old, new) == (_SINGLE, _MIXED))
        or pointer == "/record_output_params/output_file_format"
    ):
        tags.append("cost")
    if pointer in _CALLBACK:
        tags.append("callback")
    if secret:
        tags.append("secret")
    return tuple(tags)


def diff_bodies(old: Side, new: Side) -> list[Change]:
    """The changed leaves from `old` to `new`, in pointer order of appearance (old, then new)."""
    before = _leaves(old.body) if old.body is not None else {}
    after = _leaves(new.body) if new.body is not None else {}
    secrets = old.secrets | new.secrets
    changes: list[Change] = []
    for pointer in [*before, *(p for p in after if p not in before)]:
        a, b = before.get(pointer), after.get(pointer)
        had, has = pointer in before, pointer in after
        if had and has and a == b and type(a) is type(b):
            continue
        kind = "changed" if had and has else ("removed" if had else "added")
        secret = _is_secret(pointer) or any(isinstance(v, str) and v in secrets for v in (a, b))
        risk = _risks(pointer, a, b, secret)
        shown_old = (MASK if secret else a) if had else None
        shown_new = (MASK if secret else b) if has else None
        changes.append(Change(pointer, kind, shown_old, shown_new, risk))
    return changes


def display_dialect(*sides: Side) -> str:
    """The names to show pointers in: v2 when every side with a body is v2, else legacy."""
    dialects = {side.dialect for side in sides if side.body is not None}
    return "v2" if dialects == {"v2"} else "legacy"


def native(changes: list[Change], dialect: str) -> list[Change]:
    """`changes` with pointers in `dialect`'s own names."""
    if dialect != "v2":
        return changes
    from recspec.dialect.names import native_pointer

    return [
        Change(native_pointer(c.pointer, dialect), c.kind, c.old, c.new, c.risk) for c in changes
    ]


def is_spec_or_body(path: str) -> bool:
    """What diff compares: specs and JSON bodies (by extension)."""
    return os.path.splitext(path)[1] in (".toml", ".json")
