"""`fork_map` and the parallel CLI paths: same results as one process, failures never lost."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from recspec.parallel import WorkerError, _chunk_bounds, fork_map

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")


def square(x: int) -> int:
    return x * x


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [1, 2, 7, 250])
def test_results_keep_the_input_order(jobs: int, count: int) -> None:
    assert fork_map(square, list(range(count)), jobs) == [x * x for x in range(count)]
    assert no_children_left()


#: The test process: the parent of every worker that fork_map starts.
PARENT = os.getpid()


def failing(where: str, fail: Callable[[], object]) -> Callable[[int], int]:
    """A work function that calls `fail` in the parent or in a child (`where`); the other
    side sleeps on each item, so both take at least one chunk."""

    def work(x: int) -> int:
        if (os.getpid() == PARENT) == (where == "parent"):
            fail()
        time.sleep(0.01)
        return x

    return work


def raise_value_error() -> None:
    raise ValueError("failed")


class Unpicklable(Exception):
    def __reduce__(self) -> Any:
        raise TypeError("no pickling")


def raise_unpicklable() -> None:
    raise Unpicklable("three")


def die() -> None:
    os._exit(3)


@pytest.mark.parametrize(
    ("where", "fail", "error", "match", "jobs"),
    [
        pytest.param("child", raise_value_error, ValueError, "failed", 2, id="child-raises"),
        pytest.param("parent", raise_value_error, ValueError, "failed", 5, id="parent-raises"),
        pytest.param(
            "child", raise_unpicklable, WorkerError, "Unpicklable: three", 2, id="unpicklable"
        ),
        pytest.param("child", die, WorkerError, "without a result", 2, id="child-dies"),
    ],
)
def test_a_failure_anywhere_reaches_the_caller_and_no_child_is_left(
    where: str, fail: Callable[[], object], error: type[Exception], match: str, jobs: int
) -> None:
    """Raised in the parent as it was (or as WorkerError when it cannot travel); never a hang."""
    with pytest.raises(error, match=match):
        fork_map(failing(where, fail), list(range(10)), jobs)
    assert no_children_left()


def slow_in_parent(x: int) -> tuple[int, bool]:
    """The parent is 20x slower than its children: they must take most of the work."""
    parent = os.getpid() == PARENT
    time.sleep(0.02 if parent else 0.001)
    return x, parent


def test_work_goes_to_whichever_process_is_free() -> None:
    results = fork_map(slow_in_parent, list(range(64)), 2)
    assert [x for x, _ in results] == list(range(64))
    by_parent = sum(parent for _, parent in results)
    assert 1 <= by_parent < 16  # a fixed half would be 32


def test_chunks_cover_every_item_once() -> None:
    for count in (1, 2, 7, 64, 255, 256, 1000, 10007):
        for chunks in (1, 2, 64, 255):
            bounds = _chunk_bounds(count, chunks)
            assert len(bounds) == min(chunks, count)
            assert bounds[0][0] == 0 and bounds[-1][1] == count
            assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
            sizes = {stop - start for start, stop in bounds}
            assert max(sizes) - min(sizes) <= 1 and min(sizes) >= 1


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECSPEC_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "recspec", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parallel_lint_and_compile_match_one_process(tmp_path: Path) -> None:
    """250 files (over the 200-file threshold): -j2 and -j1 give byte-identical results."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for i in range(250):
        text = GOOD.replace("standup-42", f"room-{i}")
        if i % 50 == 7:
            text = text.replace("fps = 15", "fps = 99")
        (specs / f"s{i:03}.toml").write_text(text, encoding="utf-8")
    (specs / "zz.json").write_text('{"app_id": 1, "app_id": 2}', encoding="utf-8")
    one = _run("lint", "specs", "--format", "json", "-j1", cwd=tmp_path)
    two = _run("lint", "specs", "--format", "json", "-j2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    diagnostics = json.loads(two.stdout)
    assert "RS105" in {d["rule"] for d in diagnostics}
    assert len({d["file"] for d in diagnostics}) == 6  # 5 specs with fps 99, and zz.json

    names = [f"specs/s{i:03}.toml" for i in range(250)]
    c1 = _run("compile", *names, "--out-dir", "o1", "-j1", cwd=tmp_path)
    c2 = _run("compile", *names, "--out-dir", "o2", "-j2", cwd=tmp_path)
    assert c1.returncode == c2.returncode == 1
    assert c1.stderr == c2.stderr
    written = sorted(p.name for p in (tmp_path / "o1").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "o2").iterdir())
    assert len(written) == 245
    for name in written:
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes()


def test_an_unreadable_file_in_a_parallel_lint_is_exit_2(tmp_path: Path) -> None:
    for i in range(220):
        (tmp_path / f"p{i:03}.json").write_text("{}", encoding="utf-8")
    names = [f"p{i:03}.json" for i in range(220)]
    result = _run("lint", *names[:150], "missing.json", *names[150:], "-j2", cwd=tmp_path)
    assert result.returncode == 2
    assert "missing.json" in result.stderr and "Traceback" not in result.stderr
