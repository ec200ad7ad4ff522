"""Reliability, round 2, outputs: never destroy an input or a user's file, never replace a
device, never show a secret on a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recspec.output import is_stream, same_file, write_atomic
from tests.test_reliability import GOOD
from tests.test_reliability import run as recspec


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The suite's hermetic `python -m recspec` (tests.test_reliability), with no cache."""
    return recspec(*args, cwd=cwd, env={"RECSPEC_NO_CACHE": "1", **(env or {})}, timeout=120)


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    (tmp_path / "spec.toml").write_text(GOOD)
    (tmp_path / "base.toml").write_text(GOOD)
    (tmp_path / "child.toml").write_text('extends = "base.toml"\nversion = 1\n')
    (tmp_path / "sub").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("compile", "spec.toml", "-o", "spec.toml"),
        ("compile", "spec.toml", "-o", "sub/../spec.toml"),
        ("compile", "child.toml", "-o", "base.toml"),
        ("preview", "spec.toml", "-o", "spec.toml"),
        ("preview", "child.toml", "-o", "./base.toml"),
    ],
)
def test_an_output_that_is_an_input_is_a_usage_error(specs: Path, args: tuple[str, ...]) -> None:
    before = {p.name: p.read_bytes() for p in specs.glob("*.toml")}
    result = run(*args, cwd=specs)
    assert result.returncode == 2 and "input" in result.stderr, result.stderr
    assert {p.name: p.read_bytes() for p in specs.glob("*.toml")} == before


def test_a_symlinked_output_is_written_through_and_the_link_stays(specs: Path) -> None:
    (specs / "real.json").write_text("old")
    (specs / "link.json").symlink_to("real.json")
    assert run("compile", "spec.toml", "-o", "link.json", cwd=specs).returncode == 0
    assert (specs / "link.json").is_symlink()
    assert json.loads((specs / "real.json").read_text())["room_id"] == "standup-42"
    (specs / "spec-link.toml").symlink_to("spec.toml")  # identity, not spelling
    assert run("compile", "spec.toml", "-o", "spec-link.toml", cwd=specs).returncode == 2


def test_dev_stdout_redirected_to_a_file_is_streamed_not_replaced(specs: Path) -> None:
    was_link = os.path.islink("/dev/stdout")
    with open(specs / "payload.json", "wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "recspec", "compile", "spec.toml", "-o", "/dev/stdout"],
            cwd=specs, stdout=out, stderr=subprocess.PIPE, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert os.path.islink("/dev/stdout") == was_link  # still the link it was
    assert json.loads((specs / "payload.json").read_text())["room_id"] == "standup-42"
    assert is_stream("/dev/stdout") and is_stream("/dev/null") and not is_stream(str(specs))


def test_a_fifo_output_is_streamed(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, b"{}\n")
    assert reader.communicate(timeout=30)[0] == b"{}\n"
    assert fifo.is_fifo()


def test_a_terminal_output_shows_no_credentials(specs: Path) -> None:
    master, slave = os.openpty()
    try:
        tty = os.ttyname(slave)
        result = run("compile", "spec.toml", "-o", tty, cwd=specs,
                     env={"ZEGO_ACCESS_TOKEN": "real-token-123"})  # fmt: skip
        assert result.returncode == 0, result.stderr
        shown = os.read(master, 65536).decode()
    finally:
        os.close(master)
        os.close(slave)
    assert "real-token-123" not in shown and '"access_token": "***"' in shown


def test_redact_hides_an_app_id_from_the_environment(specs: Path) -> None:
    result = run("compile", "spec.toml", "--redact", cwd=specs, env={"ZEGO_APP_ID": "987654321"})
    body = json.loads(result.stdout)
    assert body["app_id"] == "***" and "987654321" not in result.stdout


def test_long_spec_names_compile_twice(tmp_path: Path) -> None:
    name = "s" * 240 + ".toml"
    (tmp_path / name).write_text(GOOD)
    for _ in range(2):
        result = run("compile", name, "--out-dir", "out", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    (tmp_path / "out" / ("s" * 240 + ".json")).write_text("changed")
    assert run("compile", name, "--out-dir", "out", cwd=tmp_path).returncode == 0
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_same_file_is_identity() -> None:
    assert same_file(__file__, str(Path(__file__).parent / ".." / "tests" / Path(__file__).name))
    assert not same_file(__file__, "/nonexistent")


@pytest.mark.parametrize(
    "value",
    [
        '"unterminated-SECRETXYZ',
        '["SECRETXYZ-in-an-array"]',
        "SECRETXYZ-bare-word",
        '"""multi\nSECRETXYZ-line\n"""',
        "'''multi\nSECRETXYZ-line\n'''",
        "{ value = 'SECRETXYZ-inline' }",
    ],
)
def test_credentials_that_do_not_parse_are_still_masked(tmp_path: Path, value: str) -> None:
    text = GOOD.replace(
        'access_token = "${env:ZEGO_ACCESS_TOKEN:-dev-token}"', f"access_token = {value}"
    )
    assert value in text
    (tmp_path / "s.toml").write_text(text)
    for fmt in ("text", "json", "sarif", "github", "junit"):
        result = run("lint", "--format", fmt, "s.toml", cwd=tmp_path)
        assert result.returncode in (0, 1) and result.stdout  # a finding (RS100, RS103 or RS805)
        assert "SECRETXYZ" not in result.stdout + result.stderr, fmt


@pytest.mark.parametrize(
    "text",
    [
        '{"access_token": "SECRETXYZ\n',
        '{"access_token": ["SECRETXYZ"], "room_id": 1}',
        '{"StorageParams": {"AccessKeySecret": SECRETXYZ}}',
    ],
)
def test_payload_credentials_that_do_not_parse_are_masked(tmp_path: Path, text: str) -> None:
    (tmp_path / "b.json").write_text(text)
    result = run("lint", "b.json", cwd=tmp_path)
    assert result.returncode == 1 and "SECRETXYZ" not in result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_a_numeric_credential_is_masked_even_inside_a_key_name(tmp_path: Path, fmt: str) -> None:
    """Found by the long fuzz soak: a number in a credential field was no secret to the
    redactor, and a key holding its digits showed them in the message and the pointer."""
    body = {
        "2147483648app_id": 1234567890,
        "access_token": "dev-token",
        "room_id": "r",
        "record_input_params": {"record_mode": 1},
        "storage_params": {"storage_provider": 1, "region": "eu-west-1", "bucket_name": "b",
                           "access_key_id": "AKIAEXAMPLEKEY", "access_key_secret": 2147483648},
    }  # fmt: skip
    (tmp_path / "p.json").write_text(json.dumps(body))
    done = run("lint", "--no-cache", "--format", fmt, "p.json", cwd=tmp_path)
    assert done.returncode == 1
    assert "2147483648" not in done.stdout + done.stderr
    assert "app_id" in done.stdout  # the finding on the odd key is still there
