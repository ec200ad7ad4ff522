"""The published pre-commit hook, run by the real pre-commit on a repository with specs,
payloads and a configuration file next to the specs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "payloads").mkdir()
    spec = (EXAMPLES / "grid-4-720p-s3.toml").read_text(encoding="utf-8")
    (repo / "specs" / "a.toml").write_text(spec.replace("fps = 15", "fps = 60"))
    (repo / "payloads" / "a.json").write_bytes((EXAMPLES / "grid-4-720p-s3.json").read_bytes())
    (repo / "specs" / "recspec.toml").write_text('ignore = ["fps-range"]\n')
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "specs")

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "recspec-lint",
             "--all-files", "--verbose"],
            cwd=repo, capture_output=True, text=True, timeout=600,
            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")},
        )  # fmt: skip

    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # the configuration beside the specs applied (fps 60 ignored), and it was not linted itself
    assert "(2 files checked)" in passed.stdout, passed.stdout
    (repo / "specs" / "recspec.toml").write_text("ignore = []\n")
    _git(repo, "commit", "-qam", "strict again")
    failed = hook()
    assert failed.returncode == 1 and "RS305" in failed.stdout, failed.stdout
