"""The fast command-line reader (`commands.surface.parse`) against click.

Everyday `lint` and `compile` command lines run without importing click. These tests hold the
two readers together: wherever the fast one answers, click reads the same line to the same
values; everyday lines do take the fast path; and a run through either path prints the same
bytes and exits with the same code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recspec.cli import to_click
from recspec.commands import compile as compile_command
from recspec.commands import lint as lint_command
from recspec.commands.surface import Surface, parse

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "grid-4-720p-s3.toml")
SURFACES = {"lint": lint_command.SURFACE, "compile": compile_command.SURFACE}


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An existing file, an existing folder, an unreadable file and a path that does not exist."""
    root = tmp_path_factory.mktemp("argv")
    (root / "file.toml").write_text("", encoding="utf-8")
    (root / "folder").mkdir()
    locked = root / "locked.json"
    locked.write_text("", encoding="utf-8")
    locked.chmod(0)
    return {
        "file": str(root / "file.toml"),
        "folder": str(root / "folder"),
        "locked": str(locked),
        "missing": str(root / "missing" / "x.json"),
    }


def tokens(surface: Surface, places: dict[str, str]) -> st.SearchStrategy[str]:
    """Words a command line of `surface` is made of: its flags, in every spelling, and values
    click takes and refuses."""
    words = ["-", "--", "", "a.toml", "b.json", "-x", "--nope", "-h", "--help", "-vj2", "-j", "-o="]
    words += list(places.values())
    for param in surface.params:
        words += param.flags
        words += param.choices
        words += [f"{flag}={choice}" for flag in param.flags for choice in param.choices[:1]]
        words += [f"{flag}=" for flag in param.flags if flag.startswith("--")]
    words += ["0", "1", "4", "+3", " 2", "07", "x", "\u0661", "text", "JSON", "v3"]
    words += ["-j0", "-j4", "--jobs=3", "-ofile.json", f"--out-dir={places['folder']}"]
    return st.sampled_from(sorted(set(words)))


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_click_reads_every_line_the_fast_reader_takes_to_the_same_values(
    name: str, places: dict[str, str]
) -> None:
    surface = SURFACES[name]
    module = lint_command if name == "lint" else compile_command
    command = to_click(surface, module.run)
    taken = []

    @settings(
        max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(tokens(surface, places), max_size=7))
    def check(argv: list[str]) -> None:
        fast = parse(surface, argv)
        if fast is None:
            return
        taken.append(argv)
        context = command.make_context(name, list(argv))
        assert context.params == fast, argv

    check()
    assert len(taken) > 50  # the property is not vacuous: many lines did take the fast path


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "x.toml"],
        ["lint", "--no-cache", "--format", "json", "a.toml", "b.json"],
        ["lint", "--select", "RS3", "--select=RS1,RS2", "--ignore", "RS101", "--strict", "."],
        ["lint", "-j", "2", "--color=always", "--docs-url", "https://x", "--", "-odd.toml"],
        ["lint", "-", "--stdin-filename", "spec.toml"],
        ["compile", "x.toml"],
        ["compile", "--no-cache", "--target", "v2", "--out-dir", "out", "a.toml", "b.toml"],
        ["compile", "-o", "out.json", "-v", "--redact", "a.toml"],
        ["compile", "-j4", "--fail-fast", "--show-secrets", "--cache-dir", "c", "a.toml"],
    ],
)
def test_everyday_lines_take_the_fast_path(argv: list[str]) -> None:
    assert parse(SURFACES[argv[0]], argv[1:]) is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["lint"],
        ["lint", "-h", "x.toml"],
        ["lint", "--help"],
        ["lint", "--format", "xml", "x.toml"],
        ["lint", "--no-cache=1", "x.toml"],
        ["lint", "-j", "0", "x.toml"],
        ["lint", "x.toml", "--select"],
        ["compile", "-vj2", "x.toml"],
        ["compile", "--bogus", "x.toml"],
    ],
)
def test_help_and_mistakes_go_to_click(argv: list[str]) -> None:
    assert parse(SURFACES[argv[0]], argv[1:]) is None


def run_both(argv: list[str], root: Path, stdin: str = "") -> list[object]:
    """The same command line through the fast path (`python -m recspec`) and through click,
    each in its own copy of the same folder; the outputs they wrote come back too."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZEGO_", "AWS_"))}
    env["AWS_ACCESS_KEY_ID"] = env["AWS_SECRET_ACCESS_KEY"] = "k" * 20
    click_path = f"import sys\nfrom recspec.cli import run_click\nsys.exit(run_click({argv!r}))\n"
    out = []
    for name, command in (
        ("fast", [sys.executable, "-m", "recspec", *argv]),
        ("click", [sys.executable, "-c", click_path]),
    ):
        cwd = root / name
        cwd.mkdir()
        (cwd / "bad.toml").write_text('[room]\nid = "r"\n[video]\nfps = 60\n', encoding="utf-8")
        (cwd / "body.json").write_text("{}", encoding="utf-8")
        env["RECSPEC_CACHE_DIR"] = str(cwd / ".cache")
        result = subprocess.run(
            command, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=120
        )
        written = {
            str(path.relative_to(cwd)): path.read_bytes()
            for path in sorted(cwd.rglob("*.json"))
            if ".cache" not in path.parts
        }
        out.append((result.returncode, result.stdout, result.stderr, written))
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "-", EXAMPLE],
        ["lint", "--select", "RS999", EXAMPLE],
        ["lint", "--color", "always", "bad.toml"],
        ["lint", "--format", "json", "bad.toml", EXAMPLE],
        ["compile", EXAMPLE, "bad.toml"],
        ["compile", "--out-dir", "out", "bad.toml", "body.json", EXAMPLE],
        ["compile", "--target", "v2", EXAMPLE],
        ["compile", "-o", "x.json", "--out-dir", "out", EXAMPLE],
        ["compile", "-", "--stdin-filename", "s.toml", "-o", "x.json"],
    ],
)
def test_both_paths_print_the_same_and_exit_alike(argv: list[str], tmp_path: Path) -> None:
    stdin = Path(EXAMPLE).read_text(encoding="utf-8")
    fast, slow = run_both(argv, tmp_path, stdin)
    assert fast == slow


HEAVY = ("click", "dataclasses", "orjson", "pydantic", "jinja2")


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--no-cache", EXAMPLE],
        ["lint", "--no-cache", str(ROOT / "examples" / "grid-4-720p-s3.json")],
        ["compile", EXAMPLE],
    ],
)
def test_everyday_runs_import_nothing_heavy(argv: list[str], tmp_path: Path) -> None:
    """Start-up is most of a cold run: none of these modules is needed for a clean file (each
    costs 10-25 ms to import; orjson alone brought dataclasses, inspect and uuid)."""
    code = (
        "import io, sys, contextlib\nfrom recspec.launch import run\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    code = run({argv!r})\n"
        f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr
