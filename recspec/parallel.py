"""`fork_map`: an in-order `map` over forked processes, the parent doing its share too.

Why not `multiprocessing.Pool`: for recspec's runs (a few hundred milliseconds of work) its
start-up, its three threads and an idle parent cost more than they save. Here the items are cut
into small chunks whose numbers wait in a pipe; the parent and `jobs - 1` forked children each
take the next chunk number until the pipe is empty, so a process that happens to run slower
(copy-on-write faults, a busy core) simply takes fewer chunks and all finish together. Children
send their results back pickled through a pipe of their own; the parent works with its warm
caches. Measured on 1000 bench specs and payloads: see benchmarks/results.md.

Signals: children ignore Ctrl-C (the parent handles it) and die at once on SIGTERM; when the
parent stops early for any reason it SIGTERMs and reaps every child. A write in flight is safe
anyway, because `write_atomic` holds SIGINT/SIGTERM until its temporary file is gone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any

#: Chunks per process: enough that the last chunk is short (the processes end within ~1% of
#: each other), few enough that taking one (a 1-byte pipe read) costs nothing.
CHUNKS_PER_JOB = 32
#: Chunk numbers are single bytes, so one `os.read(fd, 1)` always takes exactly one.
MAX_CHUNKS = 255

Chunks = dict[int, list[Any]]  # chunk number -> its results


class WorkerError(RuntimeError):
    """A child failed in a way that cannot be re-raised as its own exception."""


def fork_map(function: Callable[[Any], Any], items: list[Any], jobs: int) -> list[Any]:
    """`[function(item) for item in items]`, computed by `jobs` processes (fork only).

    An exception raised by `function` in a child is re-raised in the parent.
    """
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    bounds = _chunk_bounds(len(items), min(MAX_CHUNKS, jobs * CHUNKS_PER_JOB))
    queue, filler = os.pipe()
    try:
        os.write(filler, bytes(range(len(bounds))))  # <= 255 bytes: never blocks on a pipe
    finally:
        os.close(filler)
    # Objects made so far are never collected in the children, so the cyclic GC leaves their
    # pages alone and they stay shared instead of being copied on write.
    gc.freeze()
    children: list[tuple[int, int]] = []  # (pid, read end of its result pipe)
    try:
        for _ in range(jobs - 1):
            children.append(_spawn(function, items, bounds, queue))
        done = _work(function, items, bounds, queue)
        while children:
            pid, reader = children[0]
            done.update(_collect(pid, reader))
            children.pop(0)  # reaped: never signal its pid again
    finally:
        os.close(queue)
        gc.unfreeze()
        for pid, reader in children:  # stopped early: no child outlives the run
            _stop(pid, reader)
    return [result for number in range(len(bounds)) for result in done[number]]


def _chunk_bounds(count: int, chunks: int) -> list[tuple[int, int]]:
    """`chunks` consecutive (start, stop) ranges covering `count` items, sizes differing by 1."""
    chunks = max(1, min(chunks, count))
    size, extra = divmod(count, chunks)
    bounds, start = [], 0
    for number in range(chunks):
        stop = start + size + (number < extra)
        bounds.append((start, stop))
        start = stop
    return bounds


def _work(
    function: Callable[[Any], Any], items: list[Any], bounds: list[tuple[int, int]], queue: int
) -> Chunks:
    """Take chunk numbers from the queue until it is empty; compute each chunk in order."""
    done: Chunks = {}
    while number := os.read(queue, 1):
        start, stop = bounds[number[0]]
        done[number[0]] = [function(item) for item in items[start:stop]]
    return done


def _spawn(
    function: Callable[[Any], Any], items: list[Any], bounds: list[tuple[int, int]], queue: int
) -> tuple[int, int]:
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
            message = pickle.dumps((True, _work(function, items, bounds, queue)), protocol=-1)
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


def _collect(pid: int, reader: int) -> Chunks:
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise WorkerError(f"a worker process ended without a result (wait status {status})")
    ok, payload = pickle.loads(data)
    if not ok:
        raise payload
    result: Chunks = payload
    return result


def _stop(pid: int, reader: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    with contextlib.suppress(OSError):
        os.close(reader)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
