"""Issue 14, "no secrets to draw": every shipped example is drawn by the installed console script
in an empty environment, exactly as `env -i PATH="$PATH" HOME="$HOME" recspec preview EXAMPLE
-o x.svg` (and `recspec layout EXAMPLE`, `recspec docs EXAMPLE -o DIR`).

Twice per example: as shipped (credentials fall back to their `:-defaults`), and with every
default taken out, so each `${env:NAME}` is really unset. Either way the drawing commands exit 0,
say nothing about a missing variable, and print no credential.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.toml"))
BIN = Path(sys.executable).parent
DEFAULT = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*):-([^}]*)\}")
CREDENTIAL = re.compile(r"^(access_token|access_key_id|access_key_secret)\s*=\s*\"(.*)\"", re.M)
#: what an unset-variable error looks like in any output format
COMPLAINTS = ("RS803", "missing-env-var", "${env:", "is not set", "Traceback")


def _env() -> dict[str, str]:
    """`env -i PATH="$PATH" HOME="$HOME"`, with this venv's console scripts first on PATH."""
    path = os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)])
    return {"PATH": path, "HOME": os.environ.get("HOME", str(ROOT))}


def _credentials(text: str) -> list[str]:
    """The default values the example's credentials fall back to (what must never be drawn)."""
    values = []
    for _, written in CREDENTIAL.findall(text):
        values += [default for _, default in DEFAULT.findall(written) if len(default) >= 4]
    return values


def _draw(spec: Path, out: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """The three drawing commands on `spec`, run side by side, by name."""
    commands = {
        "preview": ["recspec", "preview", str(spec), "-o", str(out / "x.svg")],
        "layout": ["recspec", "layout", str(spec)],
        "docs": ["recspec", "docs", str(spec), "-o", str(out / "docs")],
    }
    running = {
        name: subprocess.Popen(
            argv, cwd=out, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, argv in commands.items()
    }
    done = {}
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=120)
        done[name] = subprocess.CompletedProcess(commands[name], process.returncode, stdout, stderr)
    return done


def _outputs(out: Path, done: dict[str, subprocess.CompletedProcess[str]]) -> str:
    """What the commands printed and drew (the docs' own pages quote RS803 and sample keys, so
    of the docs only the pictures count)."""
    texts = [part for result in done.values() for part in (result.stdout, result.stderr)]
    drawn = [out / "x.svg", *(out / "docs").rglob("*.svg")]
    texts += [path.read_text(encoding="utf-8") for path in drawn if path.is_file()]
    return "\n".join(texts)


def test_the_console_script_is_installed_in_this_venv() -> None:
    assert (BIN / "recspec").is_file(), "pip install -e '.[dev]' installs the recspec script"


@pytest.mark.parametrize("shipped", [True, False], ids=["as-shipped", "defaults-removed"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_drawing_an_example_needs_no_secrets(tmp_path: Path, example: Path, shipped: bool) -> None:
    text = example.read_text(encoding="utf-8")
    secrets = _credentials(text)
    spec = example
    if not shipped:  # a copy of the examples, so `extends` still finds its base
        copy = tmp_path / "examples"
        shutil.copytree(ROOT / "examples", copy)
        for path in copy.rglob("*.toml"):
            path.write_text(DEFAULT.sub(r"${env:\1}", path.read_text(encoding="utf-8")))
        spec = copy / example.relative_to(ROOT / "examples")
        assert ("${env:" in text) == ("${env:" in spec.read_text(encoding="utf-8"))
    done = _draw(spec, tmp_path)
    for name, result in done.items():
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    drawn = _outputs(tmp_path, done)
    for complaint in COMPLAINTS:
        assert complaint not in drawn, complaint
    for secret in secrets:
        assert secret not in drawn, f"{example.name}: a credential's value was drawn"
    # a single-stream recording has no mixed picture: preview says so and writes nothing
    drew = (tmp_path / "x.svg").is_file()
    assert drew != ("nothing to draw" in done["preview"].stderr), done["preview"].stderr


def test_lint_still_reports_the_unset_credential(tmp_path: Path) -> None:
    """Only drawing is lenient: `recspec lint` in the same environment keeps RS803."""
    text = (ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8")
    spec = tmp_path / "grid.toml"
    spec.write_text(DEFAULT.sub(r"${env:\1}", text), encoding="utf-8")
    done = subprocess.run(
        ["recspec", "lint", str(spec)], env=_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1 and "RS803" in done.stdout
