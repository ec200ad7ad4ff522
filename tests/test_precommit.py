"""The published hook, run by the real `pre-commit try-repo` on a temporary repository.

The repository holds specs, a payload and a `specs/recspec.toml` next to them: pre-commit runs
from the repository root and passes files explicitly, so this checks that the configuration next
to the specs applies and that the configuration file itself is never linted as a spec.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "grid-4-720p-s3.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
pytest.importorskip("pre_commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "recspec-lint", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hooked")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    specs = repo / "specs"
    specs.mkdir()
    literal = EXAMPLE.read_text(encoding="utf-8").replace(
        '"${env:AWS_SECRET_ACCESS_KEY:-example-secret}"', '"literal-key"'
    )
    (specs / "grid.toml").write_text(literal.replace("#:schema ../schemas/", "#:schema x/"))
    (specs / "recspec.toml").write_text('ignore = ["RS805"]\n')
    (repo / "payloads").mkdir()
    shutil.copy(ROOT / "examples" / "grid-4-720p-s3.json", repo / "payloads" / "grid.json")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    return repo


def test_hook_applies_the_config_next_to_the_specs_and_never_lints_it(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    clean = _try_repo(repo, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    assert "recspec.toml" not in clean.stdout  # not passed to the hook, not linted as a spec

    (repo / "specs" / "recspec.toml").write_text("ignore = []\n")
    (repo / "payloads" / "broken.json").write_text('{"room_id": 5}\n')
    _git(repo, "add", "-A")
    failing = _try_repo(repo, home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "specs/grid.toml:" in failing.stdout and "RS805" in failing.stdout
    assert "payloads/broken.json:" in failing.stdout
    assert "recspec.toml:" not in failing.stdout
