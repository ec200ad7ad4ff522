"""The benchmark's smoke mode runs end to end (CI): corpus, every command, the report table.

It asserts nothing about speed, only that the harness works, so a slow CI machine never fails it;
a recspec regression that breaks compiling or linting the generated corpus does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke_mode_prints_a_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| case | tool | files |" in done.stdout
    assert "| lint specs | recspec | 3 |" in done.stdout
    assert "| compile | recspec | 3 |" in done.stdout
    assert out.read_text(encoding="utf-8") == done.stdout
