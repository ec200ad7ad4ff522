"""Making text safe for the docs' output languages: Markdown, HTML and JSON inside either.

Stream ids, titles and file names come from user specs: they are data, never markup. The
filters here are registered in the docs' Jinja2 environment; HTML pages also get Jinja2's
autoescape, Markdown pages call `md` (user text) or `md_trusted` (recspec's own prose, whose
backtick code spans are kept) explicitly.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup, escape

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_BACKTICKS = re.compile(r"`+")

#: Characters that could end a code fence, open a tag or start an entity, as JSON escapes.
_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "`": "\\u0060"}


def _html_entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md(value: Any) -> str:
    """Untrusted text as literal Markdown: HTML and Markdown syntax are neutralised."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", _html_entities(text))


def md_trusted(value: Any) -> str:
    """recspec's own prose for Markdown: code spans kept, `<`, `>`, `&` and `|` made literal."""
    text = " ".join(str(value).split())
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_html_entities(text[last : match.start()]).replace("|", "\\|"))
        parts.append(match.group(0).replace("|", "\\|"))
        last = match.end()
    parts.append(_html_entities(text[last:]).replace("|", "\\|"))
    return "".join(parts)


def code_spans(value: Any) -> Markup:
    """recspec's own prose for HTML: escaped, with `backtick spans` turned into <code>."""
    text = str(escape(str(value)))
    return Markup(_CODE_SPAN.sub(lambda m: f"<code>{m.group(2)}</code>", text))


def fence(value: Any, lang: str = "") -> str:
    """A Markdown code block whose fence is longer than any backtick run inside it."""
    text = str(value).rstrip("\n")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{lang}\n{text}\n{marks}"


def safe_json(value: Any, width: int = 100) -> str:
    """Compact, deterministic JSON (small objects on one line); `<>&` and backticks escaped.

    The escapes are plain JSON (`\\u003c` is `<`), so the text is still the exact value, but a
    hostile stream id cannot close a code fence or open a tag in either output format.
    """
    return _escape_json(_compact(value, 0, width))


def _escape_json(text: str) -> str:
    return "".join(_JSON_UNSAFE.get(ch, ch) for ch in text)


def _compact(value: Any, indent: int, width: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or len(flat) + indent <= width:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(key, ensure_ascii=False)}: {_compact(item, indent + 2, width)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    rows = [pad + _compact(item, indent + 2, width) for item in value]
    return "[\n" + ",\n".join(rows) + "\n" + " " * indent + "]"


def toml_value(value: Any) -> str:
    """A Python scalar or list as a TOML literal.

    Strings use JSON escapes, which TOML basic strings share; `<>&` and backticks are escaped
    too (as in `safe_json`), so the literal is safe inside Markdown fences and HTML alike.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return _escape_json(json.dumps(str(value), ensure_ascii=False))


def toml_key(key: str) -> str:
    """A bare TOML key when possible, else a quoted one."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    return _escape_json(json.dumps(key, ensure_ascii=False))


def breakable(value: Any) -> Markup:
    """An identifier path for HTML, escaped, that may wrap only after `.`, `_` or `[]`, so a
    narrow table column breaks `record_input_params.record_mode` at a joint, never mid-word."""
    text = str(escape(str(value)))
    return Markup(re.sub(r"([._]|\[\])", r"\1<wbr/>", text))


FILTERS: dict[str, Any] = {
    "breakable": breakable,
    "md": md,
    "md_trusted": md_trusted,
    "code_spans": code_spans,
    "fence": fence,
    "safe_json": safe_json,
    "toml": toml_value,
}
"""Filter name -> function, for the Jinja2 environment."""


def heading_anchor(value: Any) -> str:
    """The anchor GitHub (and most Markdown renderers) derive from a heading's text."""
    text = str(value).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


FILTERS["heading_anchor"] = heading_anchor
