"""The sdist and the wheel as a package index sees them: contents, metadata, long description.

Builds both once per module with `python -m build` (the backend's isolated build, as a release
would) and runs `twine check --strict` on them.
"""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("build")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {
        "wheel": next(out.glob("recspec-*.whl")),
        "sdist": next(out.glob("recspec-*.tar.gz")),
    }


def _wheel_metadata(wheel: Path) -> tuple[list[str], Message]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        return names, email.message_from_bytes(archive.read(info))


def test_wheel_holds_the_package_licence_and_templates(dist: dict[str, Path]) -> None:
    names, _ = _wheel_metadata(dist["wheel"])
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "recspec/py.typed" in names
    assert "recspec/__init__.py" in names and "recspec/api.py" in names
    assert any(n.startswith("recspec/_templates/") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_sdist_holds_licence_readme_and_tests_but_no_local_state(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as archive:
        names = [n.split("/", 1)[1] for n in archive.getnames() if "/" in n]
    for needed in ("LICENSE", "README.md", "PKG-INFO", "pyproject.toml", "recspec/api.py"):
        assert needed in names
    assert any(n.startswith("tests/") for n in names)
    assert not any(
        part in n for n in names for part in (".venv/", "__pycache__", ".hypothesis", ".git/")
    )


def test_metadata_is_that_of_a_well_kept_project(dist: dict[str, Path]) -> None:
    _, meta = _wheel_metadata(dist["wheel"])
    assert meta["Name"] == "recspec"
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.") for c in classifiers)
    assert "zego" in (meta["Keywords"] or "")
    assert meta["Description-Content-Type"] == "text/markdown"


def test_long_description_has_no_relative_links(dist: dict[str, Path]) -> None:
    """A package index page has no repository around it: every link and picture is absolute."""
    _, meta = _wheel_metadata(dist["wheel"])
    body = meta.get_payload()
    assert isinstance(body, str) and "## Python API" in body
    targets = re.findall(r"\]\(([^)]+)\)", body)
    assert targets, "the README links to docs"
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#", "mailto:"))]
    assert relative == []
    assert "https://raw.githubusercontent.com/" in body  # pictures point at raw files


def test_twine_check_passes(dist: dict[str, Path]) -> None:
    pytest.importorskip("twine")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dist["wheel"]),
            str(dist["sdist"]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
