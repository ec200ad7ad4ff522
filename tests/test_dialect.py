"""Both dialects from one rule set: reading, writing, detection, v2 findings in v2 names,
ZEGO's own published v2 bodies, and the same spec compiled for both targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from test_pipeline_properties import specs

from recspec.compiler import compile_file
from recspec.diagnostics import Severity
from recspec.dialect import LEGACY, V2, detect
from recspec.dialect.lint import check_body
from recspec.dialect.names import native_message, native_pointer, read, write
from recspec.lint import check_text
from recspec.rules import all_rules
from recspec.rules.examples import BASE_PAYLOAD

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real-payloads" / "v2"

#: SOURCES.md's verdict for each published body: the rules it should draw, and nothing else.
VERDICTS: dict[str, list[str]] = {
    "docsall-1.json": [],
    "docsall-2.json": [],
    "docsall-3.json": ["RS505", "RS505"],  # Whiteboard Width/Height: no effect in mixed (rule 16)
    "docsall-4.json": [],
    "docsall-5.json": [],
    "docsall-6.json": [],
    "docsall-7.json": [],
    "docsall-8.json": ["RS505", "RS505"],
    "docsall-9.json": [],
}
#: As published (not JSON): a syntax error and nothing else.
BROKEN = ["docsall-7.txt", "docsall-8.txt", "docsall-9.txt"]


def lint_text(name: str, text: str) -> list[tuple[str, str, str]]:
    return [(d.rule, d.pointer, d.message) for d in check_text(name, text).diagnostics]


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-payloads is not beside the repository")
@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_zegos_published_v2_bodies_draw_their_verdict(name: str) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    assert detect(json.loads(text)) is V2
    found = lint_text(name, text)
    assert sorted(code for code, _, _ in found) == VERDICTS[name], found
    for _, ptr, message in found:  # v2 names only
        assert ptr.startswith("/RecordInputParams/Whiteboard/0/")
        assert "record_input_params" not in message and "whiteboard[" not in message


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-payloads is not beside the repository")
@pytest.mark.parametrize("name", BROKEN)
def test_published_bodies_that_are_not_json_are_syntax_errors(name: str) -> None:
    found = lint_text(name.replace(".txt", ".json"), (REAL / name).read_text(encoding="utf-8"))
    assert found and {code for code, _, _ in found} == {"RS100"}


def test_read_and_write_are_inverse_on_the_base_payload() -> None:
    v2_body = write(
        {k: v for k, v in BASE_PAYLOAD.items() if k not in ("app_id", "access_token")}, "v2"
    )
    assert set(v2_body) == {"RoomId", "RecordInputParams", "RecordOutputParams", "StorageParams"}
    assert v2_body["StorageParams"]["Bucket"] == "recordings"
    assert v2_body["StorageParams"]["Vendor"] == 1
    canonical, foreign = read(v2_body, "v2")
    assert foreign == []
    assert write(canonical, "v2") == v2_body
    assert read(BASE_PAYLOAD, "legacy") == (BASE_PAYLOAD, [])


def test_vod_fields_are_renamed_in_their_own_object() -> None:
    body = {
        "storage_params": {
            "access_key_id": "k",
            "tencentyun_vod_params": {"access_key_id": "a", "access_key_secret": "b"},
            "aliyun_vod_params": {"access_key": "c", "secret_key": "d"},
        }
    }
    v2 = write(body, "v2")["StorageParams"]
    assert v2["AccessKeyId"] == "k"
    assert v2["TencentCloudVodParams"] == {"SecretId": "a", "SecretKey": "b"}
    assert v2["AlibabaCloudVodParams"] == {"AccessKeyId": "c", "AccessKeySecret": "d"}
    assert read({"StorageParams": v2}, "v2")[0] == body


def test_detection_goes_by_the_majority_of_top_level_keys() -> None:
    assert detect(BASE_PAYLOAD) is LEGACY
    assert detect({**BASE_PAYLOAD, "RoomId": "x"}) is LEGACY  # one stray key
    assert detect({"RoomId": "x", "RecordInputParams": {}, "room_id": "x"}) is V2
    assert detect([1]) is LEGACY and detect({}) is LEGACY


def test_pointers_and_messages_use_the_bodys_names() -> None:
    fps = "/record_input_params/mix_config/mix_output_video_config/fps"
    assert native_pointer(fps, "v2") == "/RecordInputParams/MixConfig/MixOutputVideoConfig/Fps"
    assert native_pointer("/record_input_params/whiteboard/0/ppt_animation_fps", "v2") == (
        "/RecordInputParams/Whiteboard/0/PPTAnimationFps"
    )
    assert native_pointer("/record_input_params/typo/fps", "v2") == "/RecordInputParams/typo/fps"
    assert (
        native_message("fps is 60; use 30", fps, "v2") == "MixOutputVideoConfig.Fps is 60; use 30"
    )
    message = "tencentyun_vod_params.access_key_id is missing"
    ptr = "/storage_params/tencentyun_vod_params/access_key_id"
    assert native_message(message, ptr, "v2") == "TencentCloudVodParams.SecretId is missing"
    assert native_message(message, ptr, "legacy") == message


def _v2(doc: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = write(
        {k: v for k, v in doc.items() if k not in ("app_id", "access_token")}, "v2"
    )
    return body


def test_a_broken_v2_body_is_reported_in_v2_names() -> None:
    body = _v2(json.loads(json.dumps(BASE_PAYLOAD)))
    body["RecordInputParams"]["MaxIdleTime"] = 100000  # legacy allows it, v2 does not
    body["RecordInputParams"]["MixConfig"]["MixOutputVideoConfig"]["Fps"] = 60
    body["RecordOutputParams"]["OutputFileFormat"] = "ogg"  # v2 only: fine here
    dialect, found = check_body(body)
    assert dialect is V2
    by_code = {rule.code: finding for rule, finding in found}
    assert set(by_code) == {"RS201", "RS305"}
    assert by_code["RS305"].pointer == "/RecordInputParams/MixConfig/MixOutputVideoConfig/Fps"
    assert by_code["RS305"].message.startswith("MixOutputVideoConfig.Fps is 60")
    assert "86400" in by_code["RS201"].message
    for _, finding in found:
        assert "_" not in finding.pointer and "mix_config" not in finding.message


def test_mixed_dialects_are_told_key_by_key() -> None:
    body = _v2(json.loads(json.dumps(BASE_PAYLOAD)))
    body.update({"room_id": "r", "AppId": 1, "access_token": "t"})
    _, found = check_body(body)
    mixed = sorted(f.pointer for rule, f in found if rule.code == "RS108")
    assert mixed == ["/AppId", "/access_token", "/room_id"]
    assert all(rule.code == "RS108" for rule, _ in found)
    legacy = {**json.loads(json.dumps(BASE_PAYLOAD)), "RoomId": "x"}
    legacy["record_input_params"]["max_idle_time"] = 2  # every other rule still runs
    _, found = check_body(legacy)
    assert sorted(rule.code for rule, _ in found) == ["RS108", "RS201"]


def test_v2_only_fields_and_codes_in_a_legacy_body_are_rs109() -> None:
    doc = json.loads(json.dumps(BASE_PAYLOAD))
    doc["record_input_params"]["client_task_id"] = "t-1"
    doc["storage_params"]["storage_provider"] = 10
    _, found = check_body(doc)
    rs109 = sorted(f.pointer for rule, f in found if rule.code == "RS109")
    assert rs109 == ["/record_input_params/client_task_id", "/storage_params/storage_provider"]


def test_the_catalogue_has_one_entry_per_rule() -> None:
    codes = [rule.code for rule in all_rules()]
    names = [rule.name for rule in all_rules()]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    assert not [n for n in names if n.endswith(("-v2", "-legacy"))]


_FIELD = {"legacy": "room_id", "v2": "RoomId"}


def _flatten(node: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    if isinstance(node, dict):
        out: dict[tuple[Any, ...], Any] = {}
        for key, value in node.items():
            out.update(_flatten(value, (*path, key)))
        return out
    if isinstance(node, list):
        out = {}
        for index, value in enumerate(node):
            out.update(_flatten(value, (*path, index)))
        return out
    return {path: node}


@settings(max_examples=60, deadline=None)
@given(specs())
def test_both_targets_carry_the_same_values_field_for_field(text: str) -> None:
    legacy = compile_file(text=text, env={}, target="legacy")
    v2 = compile_file(text=text, env={}, target="v2")
    assert legacy.payload is not None and v2.payload is not None, [
        (d.rule, d.message) for d in v2.diagnostics
    ]
    expected = {
        native_pointer("/" + "/".join(map(str, path)), "v2"): value
        for path, value in _flatten(legacy.payload).items()
        if path[0] not in ("app_id", "access_token")
    }
    actual = {"/" + "/".join(map(str, p)): v for p, v in _flatten(v2.payload).items()}
    assert actual == expected
    # and a compiled v2 body lints clean of errors as a hand-written one would
    dialect, found = check_body(json.loads(json.dumps(v2.payload)))
    assert dialect is V2
    assert not [(r.code, f.message) for r, f in found if r.severity is Severity.ERROR]


def test_layout_prints_checked_update_layout_bodies() -> None:
    from click.testing import CliRunner

    from recspec.cli import cli

    spec = str(ROOT / "examples" / "webinar-speaker-1080p-oss.toml")
    result = CliRunner().invoke(
        cli, ["layout", spec, "--counts", "1..3", "--format", "update-layout", "--task-id", "T-9"]
    )
    assert result.exit_code == 0, result.output
    bodies = json.loads(result.stdout)
    assert list(bodies) == ["1", "2", "3"]
    for count, body in bodies.items():
        assert body["TaskId"] == "T-9" and body["MixMode"] == 1
        assert len(body["MixInputList"]) == int(count)
        assert set(body["MixInputList"][0]) >= {"Top", "Left", "Bottom", "Right", "Layer"}
    plain = CliRunner().invoke(cli, ["layout", spec, "--counts", "2", "--format", "update-layout"])
    assert "TaskId" not in json.loads(plain.stdout)["2"]


def test_the_configured_target_applies_to_specs_without_one_and_to_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from recspec.cli import cli

    spec = (ROOT / "examples" / "grid-4-720p-s3.toml").read_text(encoding="utf-8")
    (tmp_path / "s.toml").write_text(spec.replace("[video]", "[video]\nalways_mix = true"))
    monkeypatch.chdir(tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    runner = CliRunner()
    legacy = runner.invoke(cli, ["lint", *cache, "s.toml"])
    assert legacy.exit_code == 1 and "RS109" in legacy.output  # always_mix is v2 only
    (tmp_path / "recspec.toml").write_text('target = "v2"\n')
    assert runner.invoke(cli, ["lint", *cache, "s.toml"]).exit_code == 0
    compiled = runner.invoke(cli, ["compile", *cache, "s.toml"])
    assert compiled.exit_code == 0 and json.loads(compiled.stdout)["RoomId"] == "standup-42"
    forced = runner.invoke(cli, ["compile", *cache, "--target", "legacy", "s.toml"])
    assert forced.exit_code == 1 and "RS109" in forced.output
    (tmp_path / "recspec.toml").write_text('target = "v3"\n')
    assert runner.invoke(cli, ["compile", "s.toml"]).exit_code == 2


def test_a_v2_payload_table_is_read_in_v2_names_and_legacy_keys_are_told() -> None:
    spec = (ROOT / "examples" / "v2" / "standup-grid-s3-compatible.toml").read_text()
    text = spec + "\n[payload.RecordInputParams]\nMaxIdleTime = 100000\nmax_record_time = 600\n"
    compiled = compile_file("s.toml", text=text, env={})
    found = {(d.rule, d.line, d.spec_path) for d in compiled.diagnostics}
    lines = text.splitlines()
    idle, legacy = lines.index("MaxIdleTime = 100000") + 1, lines.index("max_record_time = 600") + 1
    assert ("RS201", idle, "payload.RecordInputParams.MaxIdleTime") in found  # v2's 86400 limit
    assert ("RS108", legacy, "payload.RecordInputParams.max_record_time") in found
