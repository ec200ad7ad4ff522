"""The `recspec` process: signals, sturdy streams, exit codes, and who reads the command line.

An everyday `lint` or `compile` command line is read by `commands.surface.parse` and runs
without importing click (~25 ms of a cold run); help, the other commands and command lines with
mistakes go to click (`recspec.cli`). Either way every exception ends as one line on stderr and
an exit code: 0 clean, 1 problems found, 2 usage, unreadable input or internal error, 130/143
interrupted or terminated.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from typing import NoReturn


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so cleanup runs (no temporary file is left)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def entry() -> NoReturn:
    """The `recspec` command: `run()`, then leave without tearing the interpreter down.

    Freeing every module and object at exit costs ~8 ms of a 55 ms run and does nothing for a
    CLI whose files are all closed and whose output is flushed here; mypy exits the same way.
    """
    # A run builds many short-lived containers and almost no cycles: the default (a collection
    # every 700 allocations) spent ~5% of a 1000-payload lint collecting nothing. mypy does this
    # too. Only here, for the process: `run()` called from Python leaves the caller's GC alone.
    gc.set_threshold(100_000)
    code = run()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # a closed pipe or stream
            stream.flush()
    os._exit(code)


def run(argv: list[str] | None = None) -> int:
    """Run one command line (default: this process's) and return its exit code.

    SIGTERM (CI cancelling a job) is handled like Ctrl-C: in-flight writes remove their
    temporary files, then the exit code is 143 (130 for SIGINT), without a traceback.
    """
    with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread
        signal.signal(signal.SIGTERM, _on_sigterm)
    _sturdy_streams()
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        os.getcwd()
    except OSError:
        return _fail("the working directory no longer exists; cd somewhere first", 2)
    try:
        return _dispatch(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Terminated:
        return _fail("terminated", 143)
    except BrokenPipeError:  # `recspec lint . | head -1`: stop quietly, as click does
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        return 1
    except OSError as exc:  # stdout on /dev/full, a vanished disk: one line, not a traceback
        return _fail(f"cannot write the output: {exc.strerror or exc}", 2)
    except Exception as exc:
        return _fail(f"internal error, please report: {_describe(exc)}", 2)


def _dispatch(args: list[str]) -> int:
    """Run the command: by the fast reader when it takes the command line, else by click."""
    from recspec.commands import COMMANDS

    if args and args[0] in COMMANDS and "_RECSPEC_COMPLETE" not in os.environ:
        module = importlib.import_module(COMMANDS[args[0]][0])
        surface = getattr(module, "SURFACE", None)
        if surface is not None:
            from recspec.commands.common import UsageProblem
            from recspec.commands.surface import parse

            values = parse(surface, args[1:])
            if values is not None:
                try:
                    module.run(**values)
                except UsageProblem as exc:
                    from recspec.cli import show_usage_problem

                    return show_usage_problem(args[0], str(exc))
                return 0
    from recspec.cli import run_click

    return run_click(args)


def _fail(message: str, code: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"recspec: {message}\n")
        sys.stderr.flush()
    return code


def _sturdy_streams() -> None:
    """Standard streams that cannot crash a run: a closed one (`>&-`) becomes /dev/null, and
    text the terminal's encoding cannot show (`PYTHONIOENCODING=latin-1`, a non-UTF-8 file
    name) is written as backslash escapes instead of raising."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
