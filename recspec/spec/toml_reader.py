"""`parse_toml`: `tomllib.loads`, exactly, through the fastest parser that gives the same answer.

Parsing is the largest single cost of compiling a spec (tomllib: ~75 µs for a 25-line spec).
Measured on the bench specs: rtoml (Rust) 6 µs, tomli 2.2 (tomllib's own code compiled with
mypyc) 41 µs. Both newer tomli (2.3+) and rtoml parse TOML 1.1, which accepts what TOML 1.0,
recspec's language, refuses; and a parser may differ from tomllib on platform-defined details
(carriage returns in multi-line strings). So:

1. rtoml, only for a text free of everything where it was seen to differ from tomllib (TOML
   1.1 syntax, and two leniencies differential fuzzing found, see `_NOT_FOR_RTOML`): ASCII
   without control characters or carriage returns, no inline table (`{` other than `${`), no
   array of tables (`[[`) or dotted table header (`[a.b]`), no `\\x` or `\\e` escape, nothing
   like a time or date (`7:32`);
2. else tomli 2.1-2.2 when its compiled build is installed (the same code as tomllib);
3. else, and for every text the others refuse, tomllib itself, so error messages, positions
   and exception types are always the standard library's.

tests/test_toml_parser.py compares `parse_toml` with `tomllib.loads` on generated texts.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: A text matching this goes past rtoml (see the module docstring): a control character, a
#: carriage return or anything non-ASCII; an inline table; an array of tables (rtoml lets a
#: dotted key in `[t]` extend `[[t.a]]`, which TOML forbids); a dotted table header (after
#: `[x.y]`, rtoml moves `x` to where `[x]` appears: same data, other key order); a \x or \e
#: escape; a time or a date.
_NOT_FOR_RTOML = re.compile(
    r"[^\t\n\x20-\x7e]|(?<!\$)\{|\[\[|^[ \t]*\[[^\]\n]*\.|\\[xe]|[0-9]:[0-9]|[0-9]{4}-[0-9]",
    re.MULTILINE,
)


def parse_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same result, or the same exception."""
    for loads in _parsers(bool(_NOT_FOR_RTOML.search(text))):
        try:
            return loads(text)  # type: ignore[no-any-return]
        except Exception:  # the next parser decides; the last one is tomllib
            pass
    import tomllib

    return tomllib.loads(text)


@functools.cache
def _parsers(tomli_only: bool) -> tuple[Any, ...]:
    """The fast parsers to try for a text, in order (possibly none)."""
    found = []
    if not tomli_only:
        try:
            import rtoml

            found.append(rtoml.loads)
        except ImportError:
            pass
    tomli = _compiled_tomli()
    if tomli is not None:
        found.append(tomli)
    return tuple(found)


@functools.cache
def _compiled_tomli() -> Any:
    """tomli's `loads` when a compiled TOML 1.0 tomli (2.1-2.2) is importable, else None."""
    try:
        import tomli
        from tomli import _parser
    except ImportError:
        return None
    version = tuple(int(part) for part in tomli.__version__.split(".")[:2] if part.isdigit())
    compiled = not str(getattr(_parser, "__file__", "")).endswith(".py")
    return tomli.loads if compiled and (2, 1) <= version < (2, 3) else None
