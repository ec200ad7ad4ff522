"""Issue 17, more cases (a second session's, kept after main's implementation landed): comments never
pass a broken file, lint and compile agree, compile writes only strict JSON, empty required values
are errors (RS110), bad suppressions are RS811, extends stays inside its boundary."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_reliability import GOOD, assert_clean_failure, run

GRID = GOOD  # credentials from ${env:...:-default}: the defaults apply


def _verdicts(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> tuple[int, int]:
    spec = tmp_path / "s.toml"
    spec.write_text(text, encoding="utf-8")
    linted = run("lint", spec, cwd=tmp_path, env=env)
    compiled = run("compile", spec, "-o", tmp_path / "s.json", cwd=tmp_path, env=env)
    for result in (linted, compiled):
        assert "Traceback" not in result.stderr + result.stdout
        assert "internal error" not in result.stderr
    assert linted.returncode == compiled.returncode, (linted, compiled)
    if compiled.returncode == 0:  # whatever was written is strict JSON
        json.loads(
            (tmp_path / "s.json").read_text(encoding="utf-8"),
            parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"),
        )
    return linted.returncode, compiled.returncode


@pytest.mark.parametrize(
    "text",
    [
        "# recspec: ignore-file[RS100]\nthis is { not toml\n",
        "# recspec: ignore-file[RS1]\n[room\n",
        "# recspec: ignore-file[RS8]\nversion = 1\n",
        '# recspec: ignore-file[RS806, RS801]\nname = "x"\n',
    ],
)
def test_suppression_comments_never_pass_a_file_that_cannot_be_parsed_or_built(
    tmp_path: Path, text: str
) -> None:
    assert _verdicts(tmp_path, text) == (1, 1)
    result = run("lint", tmp_path / "s.toml", cwd=tmp_path)
    assert "All checks passed" not in result.stdout


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1979-05-27", "07:32:00"])
def test_a_suppressed_type_error_never_compiles_to_invalid_json(tmp_path: Path, value: str) -> None:
    text = GRID + f"\n[payload]\nmax_idle_time = {value}  # recspec: ignore[RS103]\n"
    assert _verdicts(tmp_path, text) == (1, 1)
    assert not (tmp_path / "s.json").exists()


def test_the_good_spec_still_passes_both(tmp_path: Path) -> None:
    assert _verdicts(tmp_path, GRID) == (0, 0)


@pytest.mark.parametrize(
    ("key", "value"),
    [("room_id", '""'), ("access_token", '"  "'), ("app_id", "0"), ("app_id", "-5")],
)
def test_empty_or_non_positive_required_payload_values_are_errors(
    tmp_path: Path, key: str, value: str
) -> None:
    body = json.loads(
        (Path(__file__).parent.parent / "examples" / "grid-4-720p-s3.json").read_text()
    )
    body[key] = json.loads(value)
    (tmp_path / "p.json").write_text(json.dumps(body), encoding="utf-8")
    result = run("lint", "p.json", cwd=tmp_path)
    assert_clean_failure(result, 1)
    assert f"RS110 [error] `{key}`" in result.stdout


def test_an_env_var_set_but_empty_is_an_error_not_an_empty_token(tmp_path: Path) -> None:
    spec = GOOD  # credentials come from ${env:ZEGO_...}
    names = sorted({part.split("}")[0].split(":")[0] for part in spec.split("${env:")[1:]})
    env = {name: "1234" if "APP" in name else "set" for name in names}
    token = next(name for name in names if "TOKEN" in name)
    assert _verdicts(tmp_path, spec, env) == (0, 0)
    assert _verdicts(tmp_path, spec, {**env, token: ""}) == (1, 1)


def test_a_suppression_naming_no_rule_or_unreadable_is_a_warning_rs811(tmp_path: Path) -> None:
    text = GOOD + "# recspec: ignore[RS999, invalid-syntax, RS3]\n# recspec: nonsense\n"
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    result = run("lint", "s.toml", cwd=tmp_path)
    assert result.returncode == 0, result  # warnings only
    found = [line for line in result.stdout.splitlines() if " RS811 " in line]
    assert len(found) == 2, result.stdout
    assert "names no rule: 'RS999'" in found[0]


def test_extends_outside_the_spec_boundary_is_refused_unopened(tmp_path: Path) -> None:
    secret_file = tmp_path / ".git-credentials"
    secret_file.write_text("https://user:PLANTEDpassword@example.com\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text(f'extends = "{secret_file}"\n' + GOOD, encoding="utf-8")
    result = run("lint", "s.toml", cwd=tmp_path, timeout=20)
    assert_clean_failure(result, 1)
    assert "RS804" in result.stdout and "PLANTEDpassword" not in result.stdout + result.stderr
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    (tmp_path / "f.toml").write_text('extends = "fifo.toml"\n' + GOOD, encoding="utf-8")
    result = run("lint", "f.toml", cwd=tmp_path, timeout=20)  # a hang fails by timeout
    assert_clean_failure(result, 1)
    assert "not a regular file" in result.stdout


def test_extends_resolves_the_way_the_system_opens_the_spec(tmp_path: Path) -> None:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "link").symlink_to(tmp_path / "real" / "sub")
    (tmp_path / "real" / "base.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "real" / "spec.toml").write_text('extends = "base.toml"\n', encoding="utf-8")
    # a decoy the lexical parent (work/) would pick
    (tmp_path / "work" / "base.toml").write_text('version = "decoy"\n', encoding="utf-8")
    result = run("compile", "link/../spec.toml", cwd=tmp_path / "work")
    assert result.returncode == 0, result
    assert json.loads(result.stdout)["room_id"]
    shown = run("lint", "--format", "json", "link/../spec.toml", cwd=tmp_path / "work")
    assert ".." not in shown.stdout.replace("link/../spec.toml", "")
