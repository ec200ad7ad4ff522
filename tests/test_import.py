"""`recspec import` on the command line: output, findings, exit codes, files and folders."""

from __future__ import annotations

import copy
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from import_samples import BODY, KEY_ID, SECRET, TOKEN, V2_BODY

from recspec.cli import cli
from recspec.compiler import compile_file


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, ["import", *args], input=stdin, catch_exceptions=False)


def body_file(tmp_path: Path, body: Any, name: str = "body.json") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return path


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in (TOKEN, KEY_ID, SECRET):
            assert secret not in text


def test_prints_an_idiomatic_spec_and_names_the_variables(tmp_path: Path) -> None:
    result = run(str(body_file(tmp_path, BODY)))
    assert result.exit_code == 0, result.output
    spec = tomllib.loads(result.stdout)
    assert spec["room"] == {
        "id": "standup-42",
        "app_id": 1234567890,
        "access_token": "${env:ZEGO_ACCESS_TOKEN}",
    }
    assert "target" not in spec  # legacy is the default
    assert spec["record"] == {
        "media": "audio+video",
        "max_idle": "90s",
        "max_duration": "2h",
        "fill_blank": True,
    }
    assert spec["layout"] == {"preset": "zego-grid"}
    assert spec["video"] == {
        "bitrate": "1.5Mbps",
        "background": "#1A1A1A",
    }  # 720p, 15 fps: defaults
    assert spec["storage"]["provider"] == "s3"
    assert spec["storage"]["access_key_id"] == "${env:AWS_ACCESS_KEY_ID}"
    assert spec["storage"]["access_key_secret"] == "${env:AWS_SECRET_ACCESS_KEY}"
    assert "payload" not in spec
    assert "ZEGO_ACCESS_TOKEN, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY" in result.stderr
    assert_no_secret(result.stdout, result.stderr)
    env = {"ZEGO_ACCESS_TOKEN": TOKEN, "AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET}
    assert compile_file(text=result.stdout, env=env).payload == BODY


def test_a_v2_body_gets_target_v2_and_the_provider_names(tmp_path: Path) -> None:
    result = run(str(body_file(tmp_path, V2_BODY)), "-o", str(tmp_path / "spec.toml"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    spec = tomllib.loads((tmp_path / "spec.toml").read_text())
    assert spec["target"] == "v2"
    assert spec["record"] == {"media": "audio", "max_idle": "5m"}
    assert spec["storage"]["access_key_id"] == "${env:ALIYUN_OSS_ACCESS_KEY_ID}"
    assert "ALIYUN_OSS_ACCESS_KEY_SECRET" in result.stderr
    assert_no_secret(result.stderr, (tmp_path / "spec.toml").read_text())


def test_an_invalid_body_imports_with_its_findings_and_exit_1(tmp_path: Path) -> None:
    body = copy.deepcopy(BODY)
    body["record_input_params"]["mix_config"]["mix_output_video_config"]["fps"] = 60
    body["storage_params"]["access_key_secret"] = 42  # the wrong type, beside the secrets
    result = run(str(body_file(tmp_path, body)))
    assert result.exit_code == 1
    assert tomllib.loads(result.stdout)["video"]["fps"] == 60
    assert "RS305" in result.stderr and "RS103" in result.stderr
    assert "Traceback" not in result.output
    assert_no_secret(result.stdout, result.stderr)


@pytest.mark.parametrize(
    "text",
    ["[1, 2]", '"body"', "null", "42", '{"room_id": "x", "access_token": "tok-SECRET-0001",'],
)
def test_a_file_that_is_not_a_json_object_writes_nothing(tmp_path: Path, text: str) -> None:
    out = tmp_path / "out.toml"
    result = run(str(body_file(tmp_path, text)), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert "nothing written" in result.stderr and "Traceback" not in result.output
    assert_no_secret(result.output)


def test_a_file_that_is_not_text_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_bytes(b'{"room_id": "\xff\xfe"}')
    result = run(str(path), "-o", str(tmp_path / "out.toml"))
    assert result.exit_code == 1 and not (tmp_path / "out.toml").exists()


def test_usage_errors_and_unreadable_paths_exit_2(tmp_path: Path) -> None:
    body = body_file(tmp_path, BODY)
    assert run(str(tmp_path / "missing.json")).exit_code == 2
    assert run(str(body), "-o", "a.toml", "--out-dir", "d").exit_code == 2
    assert run(str(body), str(body_file(tmp_path, BODY, "b.json"))).exit_code == 2
    assert run(str(tmp_path)).exit_code == 2  # a folder needs --out-dir
    assert run().exit_code == 2


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    body = body_file(tmp_path, BODY)
    before = body.read_text()
    result = run(str(body), "-o", str(body))
    assert result.exit_code == 2 and "an input of this run" in result.stderr
    sneaky = body_file(tmp_path, BODY, "spec.toml")  # JSON in a .toml name, out-dir beside it
    result = run(str(sneaky), "--out-dir", str(tmp_path))
    assert result.exit_code == 2
    assert body.read_text() == before and json.loads(sneaky.read_text()) == BODY


def test_a_folder_imports_into_out_dir(tmp_path: Path) -> None:
    src = tmp_path / "bodies"
    body_file(src, BODY, "a.json")
    body_file(src, V2_BODY, "nested/b.json")
    body_file(src, "[]", "c.json")
    out = tmp_path / "specs"
    result = run(str(src), "--out-dir", str(out))
    assert result.exit_code == 1  # c.json is not a body
    assert sorted(p.name for p in out.iterdir()) == ["a.toml", "b.toml"]
    assert "3 bodies: 2 imported, 1 not imported; 1 with problems." in result.stderr
    stamp = os.stat(out / "a.toml").st_mtime_ns
    os.remove(src / "c.json")
    assert run(str(src), "--out-dir", str(out)).exit_code == 0
    assert os.stat(out / "a.toml").st_mtime_ns == stamp  # same bytes: not rewritten
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files
    body_file(src, BODY, "other/a.json")
    assert run(str(src), "--out-dir", str(out)).exit_code == 2  # two a.toml


def test_standard_input(tmp_path: Path) -> None:
    result = run("-", stdin=json.dumps(V2_BODY))
    assert result.exit_code == 0
    assert tomllib.loads(result.stdout)["target"] == "v2"
    assert run("-", "--out-dir", str(tmp_path), stdin="{}").exit_code == 2


def test_help_lists_import() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "import" in result.output


def test_a_secret_seen_in_another_field_is_referenced_there_too(tmp_path: Path) -> None:
    body = copy.deepcopy(BODY)
    body["record_output_params"]["callback_url"] = f"https://hooks.example.com/cb?token={TOKEN}"
    result = run(str(body_file(tmp_path, body)))
    assert result.exit_code == 0
    spec = tomllib.loads(result.stdout)
    assert (
        spec["output"]["callback_url"]
        == "https://hooks.example.com/cb?token=${env:ZEGO_ACCESS_TOKEN}"
    )
    assert "also appears in other fields" in result.stderr
    assert_no_secret(result.stdout, result.stderr)


def test_a_legacy_body_says_target_legacy_where_the_configuration_defaults_to_v2(
    tmp_path: Path,
) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "recspec.toml").write_text('target = "v2"\n')
    result = run(str(body_file(tmp_path, BODY)), "-o", str(tmp_path / "specs" / "a.toml"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "specs" / "a.toml").read_text()
    assert tomllib.loads(text)["target"] == "legacy"
    result = run(str(body_file(tmp_path, BODY)), "-o", str(tmp_path / "b.toml"))
    assert "target" not in tomllib.loads((tmp_path / "b.toml").read_text())


def test_a_fifo_in_a_folder_is_refused_unopened(tmp_path: Path) -> None:
    body_file(tmp_path / "in", BODY, "a.json")
    os.mkfifo(tmp_path / "in" / "pipe.json")
    result = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "pipe.json: not a regular file" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.toml"]
