"""`recspec import`: idiomatic specs, credentials as `${env:NAME}`, findings and exit codes."""

from __future__ import annotations

import copy
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recspec.cli import cli
from recspec.compiler import compile_file
from recspec.importer import import_body
from recspec.importer.roundtrip import same

ROOT = Path(__file__).resolve().parent.parent
TOKEN, KEY_ID, SECRET = "tok-SECRET-0001", "AKIASECRETKEYID9", "sk-VERY-secret/KEY+42"
BODY: dict[str, Any] = {
    "app_id": 1234567890,
    "access_token": TOKEN,
    "room_id": "standup-42",
    "record_input_params": {
        "record_mode": 2,
        "stream_type": 3,
        "fill_blank": True,
        "max_idle_time": 90,
        "max_record_time": 7200,
        "mix_config": {
            "mix_mode": 2,
            "mix_output_stream_id": "standup-42-mix",
            "mix_output_video_config": {
                "width": 1280,
                "height": 720,
                "fps": 15,
                "bitrate": 1500000,
            },
            "mix_output_background_color": 0x1A1A1A00,
        },
    },
    "record_output_params": {"output_file_format": "mp4", "output_folder": "record/"},
    "storage_params": {
        "storage_provider": 1,
        "region": "us-east-1",
        "bucket_name": "recordings",
        "access_key_id": KEY_ID,
        "access_key_secret": SECRET,
    },
}
V2_BODY = {
    "RoomId": "class-7b",
    "RecordInputParams": {"RecordMode": 1, "StreamType": 1, "MaxIdleTime": 300},
    "StorageParams": {
        "Vendor": 2,
        "Region": "oss-cn-hangzhou",
        "Bucket": "b",
        "AccessKeyId": KEY_ID,
        "AccessKeySecret": SECRET,
    },
}


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


def test_portrait_canvas_odd_bitrate_and_names_for_codes() -> None:
    body = copy.deepcopy(BODY)
    mix = body["record_input_params"]["mix_config"]
    mix["mix_output_video_config"] = {"width": 1080, "height": 1920, "fps": 30, "bitrate": 1234567}
    body["record_input_params"]["fill_frame"] = {
        "frame_fill_mode": 2,
        "frame_fill_color": 0x20212400,
    }
    spec = tomllib.loads(import_body(body).text)
    assert spec["video"]["resolution"] == "1080x1920"
    assert spec["video"]["fps"] == 30
    assert spec["video"]["bitrate"] == 1234567  # no unit spells it exactly
    assert spec["record"]["camera_off"] == "color"
    assert spec["record"]["camera_off_color"] == "#202124"


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
    assert "3 bodies: 2 imported, 1 not" in result.stderr
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


def test_two_different_credentials_never_share_a_variable() -> None:
    body = copy.deepcopy(V2_BODY)
    body["StorageParams"] = {
        "Vendor": 5,
        "AccessKeyId": "flat-key-1",
        "AlibabaCloudVodParams": {
            "Region": "cn-shanghai",
            "AccessKeyId": "vod-key-2",
            "AccessKeySecret": "vod-secret-3",
            "Title": "t",
            "StorageLocation": "x.oss-cn-shanghai.aliyuncs.com",
        },
    }
    imported = import_body(body)
    assert len(set(imported.variables.values())) == len(imported.variables) == 3
    assert imported.variables["ALIYUN_VOD_ACCESS_KEY"] == "vod-key-2"
    assert imported.exact


def round_trip(body: dict[str, Any]) -> dict[str, Any]:
    imported = import_body(body)
    compiled = compile_file(text=imported.text, env=imported.variables)
    assert compiled.document is not None and imported.exact, imported.text
    from recspec.dialect.names import write

    assert same(write(compiled.document, imported.dialect), body)
    return tomllib.loads(imported.text)


def test_a_literal_env_reference_in_the_body_is_kept_literal(monkeypatch: Any) -> None:
    body = copy.deepcopy(BODY)
    body["room_id"] = "${env:HOME}"
    body["record_output_params"]["output_folder"] = "a/$${env:X:-y}/"
    monkeypatch.setenv("HOME", "/somewhere")
    spec = round_trip(body)
    assert "RECSPEC_LITERAL_DOLLAR" in spec["room"]["id"]


def test_what_the_spec_cannot_say_goes_to_payload_in_the_body_dialect() -> None:
    body = copy.deepcopy(V2_BODY)
    body["RecordInputParams"] = {
        "RecordMode": 2,
        "StreamType": 1,
        "MixConfig": {"MixMode": 2, "MixOutputStreamId": "audio-mix"},  # v2 audio only: no canvas
    }
    body["RecordOutputParams"] = {"OutputFileRule": 1}
    spec = round_trip(body)
    assert spec["record"]["mode"] == "single"  # so nothing builds a canvas; [payload] mixes
    assert spec["payload"]["RecordInputParams"]["RecordMode"] == 2
    assert spec["payload"]["RecordOutputParams"] == {"OutputFileRule": 1}
    assert "record_mode 2 (mixed) is set under [payload]" in import_body(body).text


def test_server_layouts_keep_focus_and_fit() -> None:
    body = copy.deepcopy(V2_BODY)
    body["RecordInputParams"] = {
        "RecordMode": 2,
        "MixConfig": {
            "MixMode": 3,
            "FillMode": 2,
            "MixMaxResolutionStreamId": "host",
            "MixOutputStreamId": "class-7b-mix",
            "MixOutputVideoConfig": {"Width": 1280, "Height": 720, "Fps": 15, "Bitrate": 1130000},
        },
    }
    spec = round_trip(body)
    assert spec["layout"] == {"preset": "zego-horizontal", "focus": "host", "fit": "fit"}
    assert "video" not in spec and "mode" not in spec.get("record", {})


def test_views_no_preset_makes_become_custom_tiles_or_stay_raw() -> None:
    body = copy.deepcopy(BODY)
    mix = body["record_input_params"]["mix_config"]
    mix["mix_mode"] = 1
    mix["mix_input_list"] = [
        {
            "stream_id": "a",
            "top": 0,
            "left": 0,
            "bottom": 720,
            "right": 640,
            "layer": 1,
            "fill_mode": 1,
        },
        {
            "stream_id": "b",
            "top": 100,
            "left": 700,
            "bottom": 400,
            "right": 1100,
            "layer": 2,
            "fill_mode": 2,
        },
    ]
    spec = round_trip(body)
    assert spec["layout"]["preset"] == "custom"
    assert spec["layout"]["tile"][1] == {
        "stream": "b",
        "left": 700,
        "top": 100,
        "width": 400,
        "height": 300,
        "layer": 2,
        "fit": "fit",
    }
    del mix["mix_input_list"][0]["fill_mode"]  # no preset writes a view without fill_mode
    spec = round_trip(body)
    assert "layout" not in spec and spec["record"]["mode"] == "mixed"
    assert spec["payload"]["record_input_params"]["mix_config"]["mix_mode"] == 1


def test_help_lists_import() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "import" in result.output
