"""The command line contract: outputs, exit codes 0/1/2, no tracebacks, nothing half-written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recspec.cli import cli
from recspec.rules.spec import BASE_SPEC

ROOT = Path(__file__).resolve().parent.parent
BAD_SPEC = BASE_SPEC + "\n[video]\nfps = 60\n"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def sub(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZEGO_", "AWS_"))}
    return subprocess.run(
        [sys.executable, "-m", "recspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_compile_one_spec_to_stdout(write: Any) -> None:
    spec = write("s.toml", BASE_SPEC)
    result = run("compile", str(spec))
    assert result.exit_code == 0
    assert json.loads(result.output)["room_id"] == "class-101"


def test_compile_writes_file_atomically_and_only_when_changed(write: Any, tmp_path: Path) -> None:
    spec = write("s.toml", BASE_SPEC)
    out = tmp_path / "out" / "payload.json"
    assert run("compile", str(spec), "-o", str(out)).exit_code == 0
    first = out.stat().st_mtime_ns
    result = run("compile", str(spec), "-o", str(out), "-v")
    assert "unchanged" in result.output
    assert out.stat().st_mtime_ns == first
    assert [p.name for p in out.parent.iterdir()] == ["payload.json"]  # no temporary files left


def test_compile_error_writes_nothing_and_keeps_existing_output(write: Any, tmp_path: Path) -> None:
    spec = write("s.toml", BAD_SPEC)
    out = tmp_path / "payload.json"
    out.write_text("previous")
    result = run("compile", str(spec), "-o", str(out))
    assert result.exit_code == 1
    assert "RS305" in result.output or "fps" in result.output
    assert out.read_text() == "previous"


def test_out_dir_writes_every_good_spec_and_reports_every_bad_one(
    write: Any, tmp_path: Path
) -> None:
    good = write("good.toml", BASE_SPEC)
    bad = write("bad.toml", BAD_SPEC)
    other = write("other.toml", BASE_SPEC.replace("class-101", "other"))
    out = tmp_path / "payloads"
    result = run("compile", str(good), str(bad), str(other), "--out-dir", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.json", "other.json"]


def test_fail_fast_stops_at_the_first_failure(write: Any, tmp_path: Path) -> None:
    bad = write("bad.toml", BAD_SPEC)
    good = write("good.toml", BASE_SPEC)
    out = tmp_path / "payloads"
    result = run("compile", str(bad), str(good), "--out-dir", str(out), "--fail-fast")
    assert result.exit_code == 1
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("compile", "a.toml", "b.toml"),  # several specs need --out-dir
        ("compile", "a.toml", "-o", "x.json", "--out-dir", "d"),
        ("compile", "--no-such-option", "a.toml"),
        ("lint", "--format", "xml", "a.toml"),
        ("lint", "--select", "RS99999", "a.toml"),
        ("explain",),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], write: Any) -> None:
    write("a.toml", BASE_SPEC)
    result = sub(*args, cwd=write("b.toml", BASE_SPEC).parent)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["compile", "lint"])
def test_unreadable_paths_exit_2(command: str, tmp_path: Path) -> None:
    result = sub(command, str(tmp_path / "missing.toml"))
    assert result.returncode == 2
    assert "missing.toml" in result.stderr and "Traceback" not in result.stderr


def test_same_stem_in_two_folders_is_refused(write: Any, tmp_path: Path) -> None:
    a = write("x/s.toml", BASE_SPEC)
    b = write("y/s.toml", BASE_SPEC)
    result = sub("compile", str(a), str(b), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 2


def test_redact_and_show_secrets(write: Any) -> None:
    spec = write("s.toml", BASE_SPEC)
    redacted = json.loads(run("compile", str(spec), "--redact").output)
    assert redacted["access_token"] == "***"
    assert redacted["storage_params"]["access_key_secret"] == "***"
    assert redacted["room_id"] == "class-101"
    plain = json.loads(
        run("compile", str(spec)).output
    )  # not a terminal: real values for pipelines
    assert plain["access_token"] == "dev-token"


def test_lint_exit_codes_and_strict(write: Any) -> None:
    clean = write("clean.toml", BASE_SPEC)
    warn = write(
        "warn.toml",
        BASE_SPEC.replace('"${env:AWS_SECRET_ACCESS_KEY:-example-secret}"', '"literal-secret"'),
    )
    bad = write("bad.toml", BAD_SPEC)
    assert run("lint", str(clean)).exit_code == 0
    assert run("lint", str(warn)).exit_code == 0
    assert run("lint", "--strict", str(warn)).exit_code == 1
    assert run("lint", str(bad)).exit_code == 1
    assert run("lint", "--exit-zero", str(bad)).exit_code == 0
    assert run("lint", "--ignore", "RS305,RS3", str(bad)).exit_code == 0


def test_lint_json_contract(write: Any) -> None:
    bad = write("bad.json", '{\n  "app_id": "1",\n  "room_id": "r"\n}\n')
    result = run("lint", "--format", "json", str(bad))
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert isinstance(items, list) and items
    for item in items:
        assert {"file", "line", "column", "rule", "severity", "message", "pointer"} <= item.keys()
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert isinstance(item["column"], int) and item["column"] >= 1
        assert item["severity"] in {"error", "warning", "info"}
    app_id = next(i for i in items if i["pointer"] == "/app_id")
    assert (app_id["line"], app_id["column"], app_id["rule"]) == (2, 3, "RS103")


def test_lint_walks_directories(write: Any) -> None:
    write("specs/a.toml", BASE_SPEC)
    write("specs/deep/b.json", "{}")
    result = run("lint", "--format", "json", str(write("specs/c.toml", BASE_SPEC).parent))
    files = {item["file"] for item in json.loads(result.output)}
    assert len(files) == 1 and next(iter(files)).endswith("deep/b.json")


def test_lint_configuration_file(write: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write("proj/bad.toml", BAD_SPEC)
    write("proj/recspec.toml", 'ignore = ["RS305"]\n')
    monkeypatch.chdir(bad.parent)
    assert run("lint", "bad.toml").exit_code == 0
    assert run("lint", "--isolated", "bad.toml").exit_code == 1
    write("proj/recspec.toml", 'ignor = ["RS305"]\n')
    assert run("lint", "bad.toml").exit_code == 2


def test_inline_suppression(write: Any) -> None:
    text = BASE_SPEC + "\n[video]\nfps = 60  # recspec: ignore[RS305] the encoder is patched\n"
    assert run("lint", str(write("s.toml", text))).exit_code == 0


@pytest.mark.parametrize("kind", ["spec", "payload"])
def test_schema_has_a_description_on_every_property(kind: str) -> None:
    schema = json.loads(run("schema", kind).output)
    assert schema["$schema"].startswith("https://json-schema.org/")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert "description" in prop, (kind, name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)


def test_version_does_not_import_pydantic() -> None:
    code = "import sys; from recspec.cli import main; sys.argv=['recspec','--version']\ntry: main()\nexcept SystemExit: pass\nprint('pydantic' in sys.modules, 'jinja2' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().endswith("False False"), result.stdout


def test_internal_errors_are_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from recspec import cli as cli_module
    from recspec.commands import lint

    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(cli_module.cli, "main", boom)  # what click runs
    monkeypatch.setattr(lint, "run", boom)  # what the fast path runs
    for argv in (["lint", "x"], ["rules"], ["lint", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            cli_module.main(argv)
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert err == "recspec: internal error, please report: RuntimeError: kaboom\n"


def test_python_m_recspec_compiles_an_example() -> None:
    result = sub("compile", str(ROOT / "examples" / "grid-4-720p-s3.toml"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["room_id"] == "standup-42"


@pytest.mark.parametrize(
    ("kind", "target", "name"),
    [
        ("spec", "legacy", "spec.schema.json"),
        ("payload", "legacy", "payload.schema.json"),
        ("payload", "v2", "payload-v2.schema.json"),
    ],
)
def test_shipped_schemas_are_current(kind: str, target: str, name: str) -> None:
    """`schemas/` is what editors load via `#:schema`; regenerate with
    `recspec schema spec > schemas/spec.schema.json`, `recspec schema payload >
    schemas/payload.schema.json` and `recspec schema payload --target v2 >
    schemas/payload-v2.schema.json`."""
    shipped = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert run("schema", kind, "--target", target).output == shipped, f"schemas/{name} is stale"


def test_shipped_schema_validates_every_example() -> None:
    import tomllib

    import jsonschema

    spec_schema = json.loads((ROOT / "schemas" / "spec.schema.json").read_text(encoding="utf-8"))
    payload_schemas = {
        target: json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        for target, name in (("legacy", "payload.schema.json"), ("v2", "payload-v2.schema.json"))
    }
    targets = set()
    for spec in sorted((ROOT / "examples").rglob("*.toml")):
        data = tomllib.loads(spec.read_text(encoding="utf-8"))
        jsonschema.validate(data, spec_schema)
        target = data.get("target", "legacy")
        targets.add(target)
        body = json.loads(spec.with_suffix(".json").read_text(encoding="utf-8"))
        jsonschema.validate(body, payload_schemas[target])
        other = payload_schemas["v2" if target == "legacy" else "legacy"]
        with pytest.raises(jsonschema.ValidationError):  # the other dialect's schema refuses it
            jsonschema.validate(body, other)
    assert targets == {"legacy", "v2"}


def test_pyproject_config_and_per_file_ignores(write: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write("proj/specs/legacy/bad.toml", BAD_SPEC)
    write("proj/specs/new/bad.toml", BAD_SPEC)
    write(
        "proj/pyproject.toml",
        '[project]\nname = "x"\n\n[tool.recspec]\nstrict = false\n'
        '[tool.recspec.per-file-ignores]\n"specs/legacy/*" = ["fps-range"]\n',
    )
    monkeypatch.chdir(bad.parent.parent.parent)
    result = run("lint", "--format", "json", "specs")
    files = {item["file"] for item in json.loads(result.output)}
    assert files == {"specs/new/bad.toml"}
    assert result.exit_code == 1


def test_the_command_flushes_everything_before_its_fast_exit() -> None:
    """`entry()` leaves with os._exit: piped output must still arrive whole."""
    result = subprocess.run(
        [sys.executable, "-m", "recspec", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 80


def test_an_output_folder_removed_between_runs_is_made_again(tmp_path: Path) -> None:
    """compile makes sure of each output folder once per run, not once per process."""
    spec = Path(__file__).resolve().parent.parent / "examples" / "grid-4-720p-s3.toml"
    out = tmp_path / "out" / "deep"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["compile", str(spec), "--out-dir", str(out)])
        assert result.exit_code == 0, result.output
        assert (out / "grid-4-720p-s3.json").is_file()
        shutil.rmtree(tmp_path / "out")


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    """`recspec lint . | head -1`: the broken pipe is exit 1 (as click made it), no traceback."""
    for number in range(300):  # ~130 kB of findings: more than a pipe holds
        (tmp_path / f"b{number}.json").write_text("{}", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "recspec", "lint", "--no-cache", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert first.startswith(b"b") and b"RS101" in first
    assert errors == b""
