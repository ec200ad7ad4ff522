"""The sdist and the wheel as a package index and `pip` see them: contents and metadata."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from click.testing import CliRunner

from recspec.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


def test_wheel_has_the_licence_templates_and_metadata(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = Parser().parsestr(
            archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        )
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "recspec/py.typed" in names and "recspec/_templates/starter.toml.j2" in names
    assert "recspec/dialect/names.py" in names
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert len(metadata.get_all("Project-URL") or []) >= 3
    assert len(metadata.get_all("Classifier") or []) >= 8
    assert "zego" in metadata["Keywords"]
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert "StartRecord" in description
    assert not re.search(r"\]\((?!https?://)[^)#]+\)", description), "relative link on PyPI"


def test_sdist_has_the_licence_and_the_sources(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "PYPI.md", "README.md", "pyproject.toml", "recspec/cli.py"} <= names
    assert not any(name.startswith((".venv/", "bench-out/")) for name in names)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_texts_name_the_options_they_describe(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    usage, _, body = result.output.partition("\n\n")
    description = body.split("Options:")[0]  # option lines carry their own metavars
    for placeholder in re.findall(r"\b[A-Z][A-Z_]{2,}\b", description):
        if placeholder in {"JSON", "SARIF", "HTML", "TOML", "URL", "SVG", "ZEGO", "CI", "CODE"}:
            continue
        assert placeholder in usage, (name, placeholder)
