"""Reliability round 2 (issue 17), more cases through the real CLI (beside
test_reliability_verdicts and the surroundings fuzz): outputs never destroy an input whatever its
spelling (./, symlink, hard link), /dev/stdout is written into twice, FIFOs and non-spec bases are
never read, broken literal credentials never show, hostile streams never trace back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_reliability import GOOD, SECRET, SECRET_ENV, assert_clean_failure, run

FIFOS = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize("output", ["spec.toml", "./spec.toml", "alias.toml", "hard.toml"])
def test_an_output_that_is_the_spec_is_a_usage_error(spec: Path, output: str) -> None:
    (spec.parent / "alias.toml").symlink_to("spec.toml")
    os.link(spec, spec.parent / "hard.toml")
    result = run("compile", "spec.toml", "-o", output, cwd=spec.parent)
    assert_clean_failure(result, 2)
    assert "input of this run" in result.stderr
    assert spec.read_text(encoding="utf-8") == GOOD


def test_an_output_that_is_the_specs_base_is_a_usage_error(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(GOOD, encoding="utf-8")
    (tmp_path / "child.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    result = run("compile", "child.toml", "-o", "base.toml", cwd=tmp_path)
    assert_clean_failure(result, 2)
    assert base.read_text(encoding="utf-8") == GOOD


def test_a_json_spec_compiled_into_its_own_folder_is_not_overwritten(tmp_path: Path) -> None:
    payload = tmp_path / "payload.json"
    payload.write_text('{"app_id": 1}\n', encoding="utf-8")
    result = run("compile", "payload.json", "--out-dir", ".", cwd=tmp_path)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    assert payload.read_text(encoding="utf-8") == '{"app_id": 1}\n'


def test_the_same_spec_twice_is_compiled_once(spec: Path) -> None:
    result = run("compile", "spec.toml", "./spec.toml", "--out-dir", "out", cwd=spec.parent)
    assert result.returncode == 0, result.stderr
    assert (spec.parent / "out" / "spec.json").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_dev_stdout_redirected_to_a_file_is_written_into_not_replaced(spec: Path) -> None:
    out = spec.parent / "payload.json"
    for _ in range(2):  # the second run has a warm cache: it must not read stdout back
        with out.open("w") as handle:
            code = subprocess.run(
                [sys.executable, "-m", "recspec", "compile", "spec.toml", "-o", "/dev/stdout"],
                cwd=spec.parent,
                stdout=handle,
                timeout=60,
                env={**os.environ, **SECRET_ENV},
            ).returncode
        assert code == 0
        assert out.read_text(encoding="utf-8").startswith("{")
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_dev_stdout_into_a_pipe_never_hangs_on_a_warm_cache(spec: Path) -> None:
    for _ in range(2):
        result = run("compile", "spec.toml", "-o", "/dev/stdout", cwd=spec.parent, timeout=30)
        assert result.returncode == 0 and result.stdout.startswith("{")


@FIFOS
def test_a_fifo_found_in_a_folder_or_as_a_base_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "child.toml").write_text('extends = "fifo.toml"\n', encoding="utf-8")
    started = time.monotonic()
    result = run("lint", ".", cwd=tmp_path, timeout=30)
    assert_clean_failure(result, 1)
    assert "FIFO" in result.stdout
    assert time.monotonic() - started < 25


@pytest.mark.parametrize("base", ["/etc/passwd", "../outside/.git-credentials"])
def test_a_base_that_is_not_a_toml_spec_is_never_read(tmp_path: Path, base: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".git-credentials").write_text(f"https://u:{SECRET}@github.com\n", "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "spec.toml").write_text(f'extends = "{base}"\n', encoding="utf-8")
    result = run("lint", "spec.toml", cwd=project)
    assert_clean_failure(result, 1)
    assert "RS804" in result.stdout and "other files are not read" in result.stdout
    assert SECRET not in result.stdout and "root:" not in result.stdout


def test_extends_resolves_the_way_the_system_opens_the_spec(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    (work / "link").symlink_to(real / "sub")
    (real / "base.toml").write_text(GOOD, encoding="utf-8")
    (work / "base.toml").write_text("version = 1\n[video]\nfps = 99\n", encoding="utf-8")
    (real / "spec.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    result = run("compile", "link/../spec.toml", cwd=work, env=SECRET_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"fps": 99' not in result.stdout


@pytest.mark.parametrize(
    "value",
    [
        '"PLANTEDsecret-9f8e7d-open\n',
        '["PLANTEDsecret-9f8e7d-arr"]',
        '"""PLANTEDsecret-9f8e7d\nx"""',
    ],
)
def test_a_broken_literal_credential_never_shows_in_snippets(tmp_path: Path, value: str) -> None:
    (tmp_path / "s.toml").write_text(f"[room]\naccess_token = {value}\nx =\n", encoding="utf-8")
    (tmp_path / "p.json").write_text(f'{{"access_token": [{value!r}], "x": 1}}', encoding="utf-8")
    for name in ("s.toml", "p.json"):
        result = run("lint", name, cwd=tmp_path)
        assert_clean_failure(result, 1)
        assert SECRET not in result.stdout + result.stderr


def test_redact_hides_an_app_id_from_the_environment(spec: Path) -> None:
    text = GOOD.replace("app_id = 1234567890", 'app_id = "${env:ZEGO_APP_ID}"')
    spec.write_text(text, encoding="utf-8")
    result = run(
        "compile",
        "spec.toml",
        "--redact",
        cwd=spec.parent,
        env={**SECRET_ENV, "ZEGO_APP_ID": "987654321"},
    )
    assert result.returncode == 0, result.stderr
    assert "987654321" not in result.stdout


def test_escape_sequences_in_keys_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text('"\\u001b]0;PWNED\\u0007" = 1\n', encoding="utf-8")
    result = run("lint", "s.toml", cwd=tmp_path)
    assert_clean_failure(result, 1)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;PWNED" in result.stdout


@pytest.mark.parametrize(
    ("shell", "env"),
    [
        ("{cmd} lint s.toml >&-", {}),
        ("{cmd} lint s.toml > /dev/full", {}),
        ("{cmd} lint s.toml", {"PYTHONIOENCODING": "latin-1"}),
        ("mkdir gone && cd gone && rmdir ../gone && {cmd} lint x.toml", {}),
    ],
)
def test_hostile_streams_and_environments_never_trace_back(
    tmp_path: Path, shell: str, env: dict[str, str]
) -> None:
    (tmp_path / "s.toml").write_text('"ключ\\u001b" = 1\n', encoding="utf-8")
    command = shell.format(cmd=f"{sys.executable} -m recspec")
    result = subprocess.run(
        ["sh", "-c", command],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert result.returncode in (1, 2)


def test_non_utf8_file_names_give_valid_json_and_sarif(tmp_path: Path) -> None:
    name = os.fsdecode(b"n\xff.toml")
    (tmp_path / name).write_text("version = 1\n", encoding="utf-8")
    for fmt in ("json", "sarif"):
        result = subprocess.run(
            [sys.executable, "-m", "recspec", "lint", "--format", fmt, name],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 1 and b"Traceback" not in result.stderr
        import json

        json.loads(result.stdout.decode("utf-8"))


def test_the_text_report_is_linear_in_findings_on_one_line() -> None:
    """Benchmark row: one source line, 5000 findings, text report under 2 s."""
    from recspec.diagnostics import Diagnostic, Severity
    from recspec.formats import Report, render

    line = '{"views": [' + ", ".join('{"x": 1}' for _ in range(5000)) + "]}"
    findings = [
        Diagnostic("p.json", 1, 13 + 10 * i, "RS401", "x", Severity.WARNING, "m")
        for i in range(5000)
    ]
    started = time.perf_counter()
    text = render("text", Report(findings, ["p.json"], {"p.json": line}, lambda code: None))
    elapsed = time.perf_counter() - started
    assert text.count("RS401") == 5000
    assert elapsed < 2.0, f"{elapsed:.2f} s"
