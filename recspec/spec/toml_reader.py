"""`parse_toml`: `tomllib.loads`, exactly, through the fastest parser that gives the same answer.

Parsing is the largest single cost of compiling a spec (tomllib: ~75 µs for a 25-line spec).
Measured on the bench specs: rtoml (Rust) 6 µs, tomli 2.2 (tomllib's own code compiled with
mypyc) 41 µs. Both newer tomli (2.3+) and rtoml parse TOML 1.1, which accepts what TOML 1.0,
recspec's language, refuses; and a parser may differ from tomllib on platform-defined details
(carriage returns in multi-line strings). So:

1. rtoml, only for a text free of everything where it was seen to differ from tomllib (TOML
   1.1 syntax, and two leniencies differential fuzzing found, see `rtoml_safe`): ASCII
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

# What sends a text past rtoml (see the module docstring), as separate scans: one regex with
# all of them as alternatives cost 20 µs a spec, these together ~6 µs.
_DOTTED_HEADER = re.compile(r"\n[ \t]*\[[^\]\n]*\.")  # `[x.y]`: rtoml may reorder `x`'s keys
_NEW_ESCAPE = re.compile(r"\\[xe]")  # TOML 1.1's \xHH and \e
#: A bare time or date value (`= 07:32`, `[1979-05-27`, a line `07:32,`): digits then `:` or `-`
#: right after `=`, `[`, `,` or a line start; "16:9" in a string is fine.
_TIME_OR_DATE = re.compile(r"[\n=\[,][ \t]*[0-9]+[:\-]")


def rtoml_safe(text: str) -> bool:
    """True when `text` has none of what rtoml was seen to read differently from tomllib.

    Also no inline table (`{` other than `${`: TOML 1.1 lets them span lines) and no array of
    tables (rtoml lets a dotted key in `[t]` extend `[[t.a]]`, which TOML forbids).
    """
    return not (
        text.count("{") != text.count("${")
        or "[[" in text
        or not _plain_ascii(text)
        or _DOTTED_HEADER.search("\n" + text)
        or _NEW_ESCAPE.search(text)
        or _TIME_OR_DATE.search("\n" + text)
    )


def _plain_ascii(text: str) -> bool:
    """True when `text` is printable ASCII, tabs and newlines only: no control character,
    carriage return, DEL or non-ASCII. (`isprintable` scans ~3x faster than a regex.)"""
    return text.isascii() and text.replace("\t", " ").replace("\n", " ").isprintable()


def parse_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same result, or the same exception.

    Each fast parser is imported only when a text reaches it (tomli ~2 ms); whatever a fast
    parser refuses goes on down the list, and tomllib decides last.
    """
    fast = [_rtoml] if rtoml_safe(text) else []
    for loads in (*fast, _compiled_tomli):
        parser = loads()
        if parser is None:
            continue  # not installed (or, for tomli, not the compiled TOML 1.0 build)
        try:
            return parser(text)  # type: ignore[no-any-return]
        except Exception:  # the next parser decides; the last one is tomllib
            pass
    import tomllib

    return tomllib.loads(text)


@functools.cache
def _rtoml() -> Any:
    """rtoml's `loads`, or None when rtoml is not installed."""
    try:
        import rtoml
    except ImportError:
        return None
    return rtoml.loads


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
