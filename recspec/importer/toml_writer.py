"""Spec data -> TOML text in the shape the shipped examples have.

Why not a TOML library: none is a dependency, and the shape matters as much as the syntax:
top-level tables as `[sections]`, small tables inside them inline (`watermark_box = { ... }`),
`[[layout.tile]]` for tiles, and `[payload]` nested as `[payload.a.b]` sections so a raw field
reads as its path. Everything written is TOML 1.0, which both of recspec's parsers read alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
INT64 = 2**63


class Unwritable(ValueError):
    """A value TOML cannot hold (null, an integer past 64 bits)."""


def dumps(data: dict[str, Any], comments: Sequence[str] = ()) -> str:
    """`data` as TOML text, after `# comments` lines."""
    import textwrap

    lines = [
        f"# {line}" if line else "#"
        for text in comments
        for paragraph in text.splitlines()
        for line in textwrap.wrap(paragraph, 96, break_on_hyphens=False) or [""]
    ]
    _table(lines, (), data)
    return "\n".join(lines).lstrip("\n") + "\n"


def key(name: str) -> str:
    """A bare key when TOML allows one, else a quoted one."""
    return name if _BARE.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string (control characters escaped, everything else as it is)."""
    out = []
    for ch in text:
        escaped = _ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise Unwritable("a lone surrogate cannot be written in TOML")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(item: Any) -> str:
    """An inline TOML value (tables inline, arrays on one line)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        if not -INT64 <= item < INT64:
            raise Unwritable(f"{item} is past TOML's 64-bit integers")
        return str(item)
    if isinstance(item, float):
        if not math.isfinite(item):
            raise Unwritable(f"{item} is not a JSON number")
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        inner = ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items())
        return "{ " + inner + " }" if inner else "{}"
    raise Unwritable(f"{type(item).__name__} (null) cannot be written in TOML")


def _header(path: tuple[str, ...]) -> str:
    return ".".join(key(step) for step in path)


def _section(here: tuple[str, ...], item: Any) -> str | None:
    """ "table" or "array" when `item` is written as its own section, None when inline.

    Top-level tables are sections (an empty `[video]` too); inside the spec's own tables,
    tables are inline and only lists of tables (`[[layout.tile]]`) are sections; inside
    `[payload]` every non-empty table is a section, and a list of flat tables (views) is an
    array with one inline table per line."""
    top = len(here) == 1
    raw = here[0] == "payload"
    if isinstance(item, dict):
        return "table" if top or (raw and item) else None
    if top or not isinstance(item, list) or not item:
        return None
    if not all(isinstance(v, dict) for v in item):
        return None
    return "rows" if raw and all(_flat(v) for v in item) else "array"


def _flat(table: dict[str, Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in table.values())


def _table(lines: list[str], path: tuple[str, ...], table: dict[str, Any]) -> None:
    later = []
    for name, item in table.items():
        kind = _section((*path, name), item)
        if kind is None:
            lines.append(f"{key(name)} = {value(item)}")
        elif kind == "rows":
            lines += [f"{key(name)} = [", *(f"  {value(row)}," for row in item), "]"]
        else:
            later.append((name, item, kind))
    for name, item, kind in later:
        here = (*path, name)
        if kind == "array":
            for element in item:
                lines += ["", f"[[{_header(here)}]]"]
                _table(lines, here, element)
        else:
            if not item or any(_section((*here, k), v) in (None, "rows") for k, v in item.items()):
                lines += ["", f"[{_header(here)}]"]  # else its sub-sections create it
            _table(lines, here, item)
