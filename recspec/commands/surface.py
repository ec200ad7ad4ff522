"""The command lines of the everyday commands (`lint`, `compile`) as data, and a reader for them.

click builds these commands from the tables (help, error messages, completion), and `parse` reads
the everyday command lines itself, so that a plain `recspec lint x.toml` does not import click
(~25 ms of a ~80 ms run). `parse` gives up, returning None, on anything it is not sure of (help,
an unknown option, a value click would reject, a missing value) and click then reads the line
and says what is wrong. `tests/test_fast_argv.py` drives both readers with generated command lines
and requires the same values wherever `parse` answers.
"""

from __future__ import annotations

import os
import stat
from typing import Any

from recspec.values import Value


class Param(Value):
    """One option, or (without flags) the positional paths.

    kind: "paths" (one or more positional strings), "flag" (False or True), "switch" (None
    when absent, True when given), "text", "texts" (repeatable, a tuple), "choice", "count" (an
    integer of at least 1), "file" / "folder" (a path that, if it exists, must not be
    the other kind and must be readable).
    """

    __slots__ = ("choices", "default", "dest", "flags", "help", "kind", "show_default")

    def __init__(
        self,
        dest: str,
        flags: tuple[str, ...],
        kind: str,
        help: str = "",
        choices: tuple[str, ...] = (),
        default: str | None = None,
        show_default: bool = False,
    ) -> None:
        self.dest = dest
        self.flags = flags
        self.kind = kind
        self.help = help
        self.choices = choices
        self.default = default
        self.show_default = show_default


class Surface(Value):
    """A command's name, help text and parameters, in the order `--help` shows them."""

    __slots__ = ("help", "name", "params")

    def __init__(self, name: str, help: str, params: tuple[Param, ...]) -> None:
        self.name = name
        self.help = help
        self.params = params


#: `--no-cache`, `--cache-dir` and `-j/--jobs`, shared by `lint` and `compile`.
RUN_OPTIONS = (
    Param("no_cache", ("--no-cache",), "flag", "Check every file, even those known clean."),
    Param(
        "cache_dir", ("--cache-dir",), "text", "Where the cache lives (default ~/.cache/recspec)."
    ),
    Param(
        "jobs",
        ("-j", "--jobs"),
        "count",
        "Processes that share runs of 200+ files (default: the number of cores).",
    ),
)


def parse(surface: Surface, argv: list[str]) -> dict[str, Any] | None:
    """The command's keyword arguments from `argv` as click would give them, or None when click
    should read this command line (help, errors, or a form this reader does not take)."""
    by_flag = {flag: param for param in surface.params for flag in param.flags}
    values: dict[str, Any] = {param.dest: _absent(param) for param in surface.params}
    positional = next(param.dest for param in surface.params if param.kind == "paths")
    paths: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            paths.extend(tokens)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        if token.startswith("--"):
            flag, equals, inline = token.partition("=")
            given = inline if equals else None
        else:
            flag, given = token[:2], token[2:] or None
        param = by_flag.get(flag)
        if param is None:
            return None
        if param.kind in ("flag", "switch"):
            if given is not None:
                return None
            values[param.dest] = True
            continue
        raw = given if given is not None else next(tokens, None)
        value = None if raw is None else _convert(param, raw)
        if value is None:
            return None
        if param.kind == "texts":
            values[param.dest] += (value,)
        else:
            values[param.dest] = value
    if not paths:
        return None
    values[positional] = tuple(paths)
    return values


def _absent(param: Param) -> Any:
    """What click gives a parameter the command line does not mention."""
    if param.kind == "flag":
        return False
    if param.kind == "texts":
        return ()
    return param.default


def _convert(param: Param, raw: str) -> Any:
    """The value click would make of `raw`, or None where click might refuse it."""
    if param.kind == "choice":
        return raw if raw in param.choices else None
    if param.kind == "count":
        return int(raw) if raw.isascii() and raw.isdigit() and int(raw) >= 1 else None
    if param.kind in ("file", "folder"):
        try:
            mode = os.stat(raw).st_mode
        except OSError:
            return raw
        except ValueError:  # a NUL in the name: click's own error for it
            return None
        wrong = stat.S_ISDIR(mode) if param.kind == "file" else stat.S_ISREG(mode)
        return None if wrong or not os.access(raw, os.R_OK) else raw
    return raw
