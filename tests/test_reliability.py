"""Reliability and security through the real CLI (`python -m recspec` in a subprocess).

Hostile input never crashes (exit 1 or 2, one line for exit 2, never a traceback) and never
creates or changes an output; planted secrets appear in no output but the payload; outputs are
atomic, survive SIGINT/SIGTERM without temporary files and are byte-identical across hash seeds
and locales; `extends` and `--out-dir` paths cannot escape or confuse.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOOD = (EXAMPLES / "grid-4-720p-s3.toml").read_text(encoding="utf-8")
SECRET = "PLANTEDsecret-9f8e7d"
_CACHE = Path(tempfile.mkdtemp(prefix="recspec-reliability-cache-"))
atexit.register(shutil.rmtree, _CACHE, True)


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python -m recspec ARGS` in `cwd` with a clean environment (plus `env`)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ZEGO_", "AWS_"))}
    base.pop("RECSPEC_FUZZ", None)
    base["RECSPEC_CACHE_DIR"] = str(_CACHE)  # hermetic: never the user's cache folder
    return subprocess.run(
        [sys.executable, "-m", "recspec", *map(str, args)],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int | None = None) -> None:
    """Exit 1 or 2 (or `code`), no traceback, no internal error; exit 2 is one stderr line."""
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.returncode in ((code,) if code is not None else (1, 2)), result
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1 or "Usage:" in result.stderr, result
        assert result.stderr.startswith(("recspec: ", "Usage: ")), result.stderr


# --------------------------------------------------------------------------------------------
# 1. no crash, ever


def _deep_toml() -> bytes:
    return ("version = 1\nx = " + "[" * 50_000 + "]" * 50_000 + "\n").encode()


def _deep_tables() -> bytes:
    return ("version = 1\n[" + ".".join(["a"] * 200) + "]\nb = 1\n").encode()


#: name -> file contents. Each is a spec (`.toml`) or payload (`.json`) that must fail cleanly.
HOSTILE: dict[str, bytes] = {
    "invalid.toml": b"version = 1\n[room\nid = 'x'\n",
    "invalid.json": b'{"app_id": 1,, }',
    "latin1.toml": GOOD.replace("standup-42", "caf\xe9").encode("latin-1"),
    "latin1.json": '{"room_id": "caf\xe9"}'.encode("latin-1"),
    "utf16.toml": GOOD.encode("utf-16"),
    "binary.toml": bytes(range(256)) * 8,
    "nul.json": b'{"app_id": 1}\x00',
    "empty.toml": b"",
    "empty.json": b"",
    "bom-only.toml": b"\xef\xbb\xbf",
    "deep.toml": _deep_toml(),
    "deep-tables.toml": _deep_tables(),
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "table-for-string.toml": GOOD.replace('id = "standup-42"', "id = { a = 1 }").encode(),
    "huge-int.toml": GOOD.replace("fps = 15", "fps = " + "9" * 5000).encode(),
    "big-int.toml": GOOD.replace("fps = 15", "fps = 99999999999999999999999").encode(),
    "huge-int.json": b'{"app_id": ' + b"9" * 5000 + b"}",
    "nan.toml": GOOD.replace("fps = 15", "fps = nan").encode(),
    "inf.toml": GOOD.replace("gap = 8", "gap = -inf").encode(),
    "negative-zero.toml": GOOD.replace("fps = 15", "fps = -0.0").encode(),
    "nan.json": b'{"app_id": NaN}',
    "datetime.toml": GOOD.replace('max_idle = "60s"', "max_idle = 1979-05-27T07:32:00Z").encode(),
    "duplicate.toml": GOOD.replace("fps = 15", "fps = 15\nfps = 30").encode(),
    "duplicate.json": b'{"app_id": 1, "app_id": 2}',
    "array-root.json": b"[1, 2]",
    "wrong-types.json": b'{"app_id": "x", "record_input_params": [], "storage_params": 7}',
    "extends-missing.toml": b"version = 1\nextends = 'nowhere.toml'\n",
    "extends-dir.toml": b"version = 1\nextends = '.'\n",
    "extends-self.toml": b"version = 1\nextends = 'extends-self.toml'\n",
    "extends-nul.toml": b'version = 1\nextends = "a\\u0000b"\n',
    "extends-type.toml": b"version = 1\nextends = { a = 1 }\n",
}


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in HOSTILE.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_lint_and_compile_fail_cleanly(name: str, hostile_dir: Path) -> None:
    lint = run("lint", name, "--format", "json", cwd=hostile_dir)
    assert_clean_failure(lint, 1)
    findings = json.loads(lint.stdout)
    assert findings and all(f["severity"] in ("error", "warning", "info") for f in findings)
    out = hostile_dir / f"out-{name}.json"
    out.write_bytes(b"previous output\n")
    before = out.stat().st_mtime_ns
    compiled = run("compile", name, "-o", out, cwd=hostile_dir)
    assert_clean_failure(compiled, 1)
    assert compiled.stdout == ""
    assert out.read_bytes() == b"previous output\n" and out.stat().st_mtime_ns == before
    assert not list(hostile_dir.glob(".*.tmp"))


@pytest.mark.parametrize("command", ["preview", "layout"])
@pytest.mark.parametrize("name", ["invalid.toml", "latin1.toml", "binary.toml", "huge-int.toml"])
def test_hostile_input_preview_and_layout_fail_cleanly(
    command: str, name: str, hostile_dir: Path
) -> None:
    assert_clean_failure(run(command, name, cwd=hostile_dir), 1)


def test_unusable_paths_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "big.toml").write_bytes(b"#" * (4 * 1024 * 1024 + 1))
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    cases = [
        ("compile", "missing.toml"),
        ("lint", "missing.toml"),
        ("compile", "folder.toml"),
        ("preview", "folder.toml"),
        ("compile", "big.toml"),
        ("lint", "big.toml"),
        ("compile", "dangling.toml"),
    ]
    for command, name in cases:
        result = run(command, name, cwd=tmp_path)
        assert_clean_failure(result, 2)
    big = run("lint", "big.toml", cwd=tmp_path)
    assert "4 MiB" in big.stderr
    # A dangling symlink is reported by the path it resolves to.
    assert (
        str((tmp_path / "gone.toml").resolve())
        in run("compile", "dangling.toml", cwd=tmp_path).stderr
    )


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads anything"
)
def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "locked.toml"
    spec.write_text(GOOD, encoding="utf-8")
    spec.chmod(0)
    assert_clean_failure(run("lint", spec, cwd=tmp_path), 2)


def test_extends_chains_cyclic_deep_and_symlinked(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("version = 1\nextends = 'b.toml'\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text("version = 1\nextends = 'a.toml'\n", encoding="utf-8")
    cycle = run("lint", "a.toml", cwd=tmp_path)
    assert_clean_failure(cycle, 1)
    assert "extends cycle" in cycle.stdout and str(tmp_path.resolve() / "a.toml") in cycle.stdout
    for i in range(40):
        text = f"version = 1\nextends = 'd{i + 1}.toml'\n" if i < 39 else GOOD
        (tmp_path / f"d{i}.toml").write_text(text, encoding="utf-8")
    deep = run("compile", "d0.toml", cwd=tmp_path)
    assert_clean_failure(deep, 1)
    assert "deeper than" in deep.stderr
    # extends through a symlink: the error names the resolved target.
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "via-link.toml").write_text(
        "version = 1\nextends = 'link/base.toml'\n", encoding="utf-8"
    )
    linked = run("lint", "via-link.toml", cwd=tmp_path)
    assert_clean_failure(linked, 1)
    assert str((tmp_path / "real" / "base.toml").resolve()) in linked.stdout
    (tmp_path / "real" / "base.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.toml").write_text("extends = 'link/base.toml'\n", encoding="utf-8")
    assert run("compile", "ok.toml", cwd=tmp_path).returncode == 0


def test_top_level_handler_turns_any_exception_into_one_line(tmp_path: Path) -> None:
    code = (
        "import recspec.compiler as c\n"
        "def boom(*a, **k):\n    raise RuntimeError('kaboom\\nsecond line')\n"
        "c.compile_file = boom\n"
        "from recspec.cli import main\nmain(['compile', 'x.toml'])\n"
    )
    (tmp_path / "x.toml").write_text(GOOD, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == "recspec: internal error, please report: RuntimeError: kaboom\n"


# --------------------------------------------------------------------------------------------
# 3. secrets


SECRET_ENV = {
    "ZEGO_ACCESS_TOKEN": SECRET + "-token",
    "AWS_ACCESS_KEY_ID": SECRET + "-id",
    "AWS_SECRET_ACCESS_KEY": SECRET + "-key",
    "STREAM": SECRET + "-stream",
    "ANY": SECRET + "-any",
}


@pytest.fixture(scope="module")
def secret_specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("secrets")
    good = GOOD.replace(":-dev-token}", "}").replace(":-AKIAEXAMPLEKEY}", "}")
    good = good.replace(":-example-secret}", "}").replace('"alice"', '"${env:STREAM}"')
    (folder / "good.toml").write_text(good, encoding="utf-8")
    bad = {
        "wrong-type.toml": good.replace("fps = 15", 'fps = "${env:ANY}"'),
        "unknown-key.toml": good.replace("fps = 15", 'fps = 15\nfsp = "${env:ANY}"'),
        "bad-unit.toml": good.replace("[video]", '[video]\nbitrate = "${env:ANY}"'),
        "resolution.toml": good.replace('resolution = "720p"', 'resolution = "${env:ANY}"'),
        "literal.toml": good.replace('"${env:AWS_SECRET_ACCESS_KEY}"', f'"{SECRET}-literal"'),
        "literal-broken.toml": f"version = 1\naccess_token = '{SECRET}-lit'\naccess_token = 'x'\n",
        "payload.json": json.dumps({"app_id": 1, "access_token": SECRET + "-json", "x": 1}),
    }
    for name, text in bad.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_secrets_reach_only_the_payload(secret_specs: Path) -> None:
    folder = secret_specs
    names = sorted(p.name for p in folder.iterdir())
    seen: list[str] = []
    for fmt in ("text", "json", "sarif", "github", "junit"):
        result = run("lint", *names, "--format", fmt, cwd=folder, env=SECRET_ENV)
        assert_clean_failure(result, 1)
        seen.append(result.stdout + result.stderr)
    for name in names:
        if name.endswith(".toml"):
            result = run("compile", name, "--redact", "-v", cwd=folder, env=SECRET_ENV)
            seen.append(result.stdout + result.stderr)
            seen.append(run("compile", name, "-o", "/dev/null", cwd=folder, env=SECRET_ENV).stderr)
    for args in (
        ("preview", "good.toml"),
        ("preview", "good.toml", "--format", "text"),
        ("preview", "good.toml", "--count", "2"),
        ("layout", "good.toml"),
        ("layout", "good.toml", "--format", "json"),
        ("explain", "RS805"),
    ):
        result = run(*args, cwd=folder, env=SECRET_ENV)
        assert result.returncode == 0, result
        seen.append(result.stdout + result.stderr)
    for output in seen:
        assert SECRET not in output
    assert any("***" in output for output in seen)
    # The payload itself: real values on a pipe, *** with --redact.
    payload = run("compile", "good.toml", cwd=folder, env=SECRET_ENV)
    assert payload.returncode == 0 and SECRET + "-token" in payload.stdout
    assert SECRET not in payload.stderr
    redacted = run("compile", "good.toml", "--redact", cwd=folder, env=SECRET_ENV).stdout
    assert json.loads(redacted)["access_token"] == "***"
    # A literal credential draws RS805 (and is hidden even in the snippet).
    literal = run("lint", "literal.toml", cwd=folder, env=SECRET_ENV)
    assert "RS805" in literal.stdout and SECRET not in literal.stdout


def test_docs_hide_env_values(secret_specs: Path, tmp_path: Path) -> None:
    result = run("docs", "-o", tmp_path / "docs", "good.toml", cwd=secret_specs, env=SECRET_ENV)
    assert result.returncode == 0, result
    assert SECRET not in result.stdout + result.stderr
    for page in (tmp_path / "docs").rglob("*"):
        if page.is_file():
            assert SECRET not in page.read_text(encoding="utf-8", errors="replace"), page


# --------------------------------------------------------------------------------------------
# 4. no lost or partial files


def _specs(folder: Path, count: int, bad: Callable[[int], bool] = lambda i: False) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        text = (
            GOOD.replace("fps = 15", "fps = 99")
            if bad(i)
            else GOOD.replace("standup-42", f"room-{i}")
        )
        (folder / f"spec{i:03}.toml").write_text(text, encoding="utf-8")
        names.append(f"specs/spec{i:03}.toml")
    return names


def test_many_specs_report_every_failure_and_write_every_success(tmp_path: Path) -> None:
    names = _specs(tmp_path / "specs", 12, bad=lambda i: i % 4 == 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "spec001.json").write_text("kept\n", encoding="utf-8")  # a failing spec's old output
    result = run("compile", *names, "--out-dir", "out", cwd=tmp_path)
    assert_clean_failure(result, 1)
    assert result.stderr.count("RS305") == 3
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"spec{i:03}.json" for i in range(12) if i % 4 != 1] + ["spec001.json"]
    )
    assert (out / "spec001.json").read_text(encoding="utf-8") == "kept\n"
    fast = run("compile", *names, "--out-dir", "fast", "--fail-fast", cwd=tmp_path)
    assert_clean_failure(fast, 1)
    assert [p.name for p in (tmp_path / "fast").iterdir()] == ["spec000.json"]


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_no_temporary_or_partial_files(
    tmp_path: Path, signum: int, code: int
) -> None:
    names = _specs(tmp_path / "specs", 400)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "recspec", "compile", *names, "--out-dir", "out"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 20:
        time.sleep(0.01)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    written = list(out.glob("*.json"))
    if process.returncode == 0:  # finished before the signal landed: nothing to check
        pytest.skip("the run finished before the signal")
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] in ("recspec: interrupted", "recspec: terminated")
    assert 0 < len(written) < 400
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))


def test_output_bytes_do_not_depend_on_hash_seed_or_locale(tmp_path: Path) -> None:
    for path in EXAMPLES.glob("*.toml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "bad.toml").write_text(
        GOOD.replace("fps = 15", "fps = 99\nfsp = 1"), encoding="utf-8"
    )
    (tmp_path / "bad.json").write_text('{"app_id": "1", "b": 2, "a": [1,]}', encoding="utf-8")
    runs: list[list[str]] = []
    for seed, locale in (("0", "C"), ("1", "C.UTF-8"), ("12345", "POSIX"), ("random", "C.UTF-8")):
        env = {"PYTHONHASHSEED": seed, "LC_ALL": locale, "LANG": locale}
        outputs = [run("compile", "grid-4-720p-s3.toml", cwd=tmp_path, env=env).stdout]
        for fmt in ("json", "sarif", "junit", "text"):
            outputs.append(run("lint", ".", "--format", fmt, cwd=tmp_path, env=env).stdout)
        runs.append(outputs)
    assert all(outputs == runs[0] for outputs in runs)
    assert all(runs[0])


# --------------------------------------------------------------------------------------------
# 5. paths


@pytest.mark.parametrize("name", ["..toml", "...toml", "a\\b.toml", "new\nline.toml", "-x.toml"])
def test_out_dir_never_writes_outside_itself(tmp_path: Path, name: str) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / name).write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = run("compile", "--out-dir", out, "--", tmp_path / "specs" / name, cwd=tmp_path)
    assert result.returncode == 0, result
    files = list(out.iterdir())
    assert len(files) == 1 and files[0].parent == out
    assert files[0].name.isprintable() and "/" not in files[0].name and "\\" not in files[0].name
    made = sorted(p.name for p in tmp_path.iterdir() if p.name != ".recspec_cache")
    assert made == ["out", "specs"]


def test_out_dir_symlink_and_file_and_missing_output_folder(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert run("compile", "s.toml", "--out-dir", "link", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "real" / "s.json").read_text(encoding="utf-8"))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert_clean_failure(run("compile", "s.toml", "--out-dir", "file", cwd=tmp_path), 2)
    # -o into a missing folder creates it (as --out-dir does) ...
    assert run("compile", "s.toml", "-o", "new/deeper/s.json", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "new" / "deeper" / "s.json").read_text(encoding="utf-8"))
    # ... and a folder that cannot be created is one line, exit 2.
    blocked = run("compile", "s.toml", "-o", "file/under/s.json", cwd=tmp_path)
    assert_clean_failure(blocked, 2)
    assert "cannot write file/under/s.json" in blocked.stderr
