"""`fork_map`: an in-order `map` over forked processes, the parent doing its share too.

Why not `multiprocessing.Pool`: for recspec's runs (a few hundred milliseconds of work) its
start-up, its three threads and an idle parent cost more than they save. Here the work is dealt
out round-robin (files of a run cost about the same), `jobs - 1` children each compute their
share and send it back pickled through a pipe, and the parent computes the first share itself,
with its warm caches. Measured on 1000 bench payloads and specs: see benchmarks/results.md.

Signals: children ignore Ctrl-C (the parent handles it) and die at once on SIGTERM; when the
parent stops early for any reason it SIGTERMs and reaps every child. A write in flight is safe
anyway, because `write_atomic` holds SIGINT/SIGTERM until its temporary file is gone.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any


class WorkerError(RuntimeError):
    """A child failed in a way that cannot be re-raised as its own exception."""


def fork_map(function: Callable[[Any], Any], items: list[Any], jobs: int) -> list[Any]:
    """`[function(item) for item in items]`, computed by `jobs` processes (fork only).

    An exception raised by `function` in a child is re-raised in the parent.
    """
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    shares = [items[k::jobs] for k in range(jobs)]
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for share in shares[1:]:
            children.append(_spawn(function, share))
        results = [[function(item) for item in shares[0]]]
        while children:
            pid, reader = children[0]
            results.append(_collect(pid, reader))
            children.pop(0)  # reaped: never signal its pid again
    finally:
        for pid, reader in children:  # stopped early: no child outlives the run
            _stop(pid, reader)
    return [results[index % jobs][index // jobs] for index in range(len(items))]


def _spawn(function: Callable[[Any], Any], share: list[Any]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    # The child: compute, send, and leave without running the parent's exit handlers.
    status = 0
    try:
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            message = pickle.dumps((True, [function(item) for item in share]), protocol=-1)
        except BaseException as exc:  # every failure goes back to the parent
            message = _error_message(exc)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(message)
    except BaseException:  # the parent sees the missing result
        status = 1
    finally:
        os._exit(status)


def _error_message(exc: BaseException) -> bytes:
    try:
        return pickle.dumps((False, exc), protocol=-1)
    except Exception:  # one that does not pickle becomes text
        return pickle.dumps((False, WorkerError(f"{type(exc).__name__}: {exc}")), protocol=-1)


def _collect(pid: int, reader: int) -> list[Any]:
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise WorkerError(f"a worker process ended without a result (wait status {status})")
    ok, payload = pickle.loads(data)
    if not ok:
        raise payload
    result: list[Any] = payload
    return result


def _stop(pid: int, reader: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(OSError):
        os.close(reader)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
