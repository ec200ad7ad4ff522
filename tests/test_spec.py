"""The spec language: env interpolation, extends, unknown keys, strict types, defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recspec.compiler import compile_file
from recspec.rules.spec import BASE_SPEC


def diags(compiled: Any) -> list[tuple[str, int, str]]:
    return [(d.rule, d.line, d.message) for d in compiled.diagnostics]


def codes(compiled: Any) -> list[str]:
    return [d.rule for d in compiled.diagnostics]


def test_base_spec_compiles_clean() -> None:
    compiled = compile_file(text=BASE_SPEC, env={})
    assert compiled.diagnostics == []
    assert compiled.payload is not None
    assert compiled.payload["app_id"] == 1234567890  # digits from the environment become an int


def test_env_values_are_used_and_defaults_apply() -> None:
    env = {"ZEGO_APP_ID": "42", "ZEGO_ACCESS_TOKEN": "tok-from-env"}
    payload = compile_file(text=BASE_SPEC, env=env).payload
    assert payload is not None
    assert payload["app_id"] == 42
    assert payload["access_token"] == "tok-from-env"
    assert payload["storage_params"]["access_key_secret"] == "example-secret"


def test_missing_env_var_names_variable_and_line() -> None:
    text = BASE_SPEC.replace("${env:ZEGO_ACCESS_TOKEN:-dev-token}", "${env:NOPE_TOKEN}")
    compiled = compile_file(text=text, env={})
    assert compiled.payload is None
    [(code, line, message)] = diags(compiled)
    assert code == "RS803"
    assert "NOPE_TOKEN" in message and "room.access_token" in message
    assert text.splitlines()[line - 1].startswith("access_token")


def test_env_in_the_middle_of_a_string() -> None:
    text = BASE_SPEC.replace('id = "class-101"', 'id = "class-${env:CLASS:-7}"')
    payload = compile_file(text=text, env={"CLASS": "12"}).payload
    assert payload is not None and payload["room_id"] == "class-12"


def test_unknown_key_suggests_the_near_miss() -> None:
    compiled = compile_file(text=BASE_SPEC + '\n[video]\nresolutoin = "720p"\n', env={})
    [(code, line, message)] = diags(compiled)
    assert code == "RS801"
    assert "did you mean `resolution`" in message
    assert line == len(BASE_SPEC.splitlines()) + 3


def test_unknown_table() -> None:
    compiled = compile_file(text=BASE_SPEC + "\n[vidoe]\nfps = 15\n", env={})
    assert codes(compiled) == ["RS801"]
    assert "did you mean `video`" in compiled.diagnostics[0].message


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ('[video]\nfps = "15"\n', "video.fps"),
        ("[video]\nresolution = 720\n", "video.resolution"),
        ('[video]\nbitrate = "fast"\n', "bitrate"),
        ('[record]\nmode = "mixd"\n', "did you mean `mixed`"),
        ('[record]\nmax_idle = "1d"\n', "duration"),
        ('[video]\nbackground = "red"\n', "RRGGBB"),
        ('[record]\nfill_blank = "yes"\n', "record.fill_blank"),
    ],
)
def test_wrong_types_and_units_are_rs802(extra: str, needle: str) -> None:
    compiled = compile_file(text=BASE_SPEC + "\n" + extra, env={})
    assert codes(compiled) == ["RS802"], diags(compiled)
    assert needle in compiled.diagnostics[0].message
    assert compiled.payload is None


def test_missing_required_keys() -> None:
    compiled = compile_file(text=BASE_SPEC.replace('id = "class-101"\n', ""), env={})
    assert codes(compiled) == ["RS806"]
    assert "room.id" in compiled.diagnostics[0].message


def test_invalid_toml_is_positioned() -> None:
    compiled = compile_file(text='version = 1\n[room\nid = "x"\n', env={})
    [(code, line, _)] = diags(compiled)
    assert code == "RS100" and line == 2


def test_defaults_mixed_with_layout_fps_15_recommended_bitrate_stream_id() -> None:
    payload = compile_file(text=BASE_SPEC, env={}).payload
    assert payload is not None
    mix = payload["record_input_params"]["mix_config"]
    assert payload["record_input_params"]["record_mode"] == 2
    assert mix["mix_output_video_config"] == {
        "width": 1280,
        "height": 720,
        "fps": 15,
        "bitrate": 1_130_000,
    }
    assert mix["mix_output_stream_id"] == "class-101-mix"


def test_single_mode_without_layout_has_no_mix_config() -> None:
    text = BASE_SPEC.replace('[layout]\npreset = "grid"\nstreams = ["alice", "bob"]\n', "")
    payload = compile_file(text=text, env={}).payload
    assert payload is not None
    assert payload["record_input_params"] == {"record_mode": 1}


def test_payload_escape_hatch_merges_last_and_is_linted() -> None:
    text = BASE_SPEC + "\n[payload.record_output_params]\noutput_file_rule = 1\n"
    payload = compile_file(text=text, env={}).payload
    assert payload is not None and payload["record_output_params"] == {"output_file_rule": 1}
    bad = compile_file(
        text=BASE_SPEC + "\n[payload.record_input_params]\nmax_idle_time = 1\n", env={}
    )
    [diagnostic] = bad.diagnostics
    assert diagnostic.pointer == "/record_input_params/max_idle_time"
    assert diagnostic.spec_path == "payload.record_input_params.max_idle_time"
    assert bad.payload is None


def test_payload_rule_reported_at_the_spec_line() -> None:
    text = BASE_SPEC + "\n[video]\nfps = 60\n"
    compiled = compile_file(text=text, env={})
    [diagnostic] = [d for d in compiled.diagnostics if d.severity.label == "error"]
    assert diagnostic.pointer == "/record_input_params/mix_config/mix_output_video_config/fps"
    assert text.splitlines()[diagnostic.line - 1] == "fps = 60"
    assert diagnostic.column == 1


def test_hard_coded_credential_warns_and_never_prints_the_value() -> None:
    text = BASE_SPEC.replace(
        '"${env:AWS_SECRET_ACCESS_KEY:-example-secret}"', '"s3cr3t-literal-value"'
    )
    compiled = compile_file(text=text, env={})
    assert codes(compiled) == ["RS805"]
    assert compiled.payload is not None  # a warning does not stop compilation
    assert all("s3cr3t-literal-value" not in d.message for d in compiled.diagnostics)


def test_env_secret_never_appears_in_messages() -> None:
    text = BASE_SPEC + '\n[video]\nresolution = "${env:RES}"\n'
    compiled = compile_file(text=text, env={"RES": "super-secret-res"})
    assert codes(compiled) == ["RS802"]
    assert "super-secret-res" not in compiled.diagnostics[0].message
    assert "***" in compiled.diagnostics[0].message


class TestExtends:
    def test_deep_merge_later_wins_arrays_replace(self, write: Any) -> None:
        write("base.toml", BASE_SPEC)
        child = write(
            "child.toml",
            'extends = "base.toml"\n[room]\nid = "child-room"\n[layout]\nstreams = ["zoe"]\n',
        )
        payload = compile_file(child, env={}).payload
        assert payload is not None
        assert payload["room_id"] == "child-room"
        assert payload["app_id"] == 1234567890
        views = payload["record_input_params"]["mix_config"]["mix_input_list"]
        assert [v.get("stream_id") for v in views] == ["zoe"]

    def test_list_of_bases_in_order(self, write: Any) -> None:
        write("a.toml", BASE_SPEC)
        write("b.toml", '[video]\nfps = 30\n[room]\nid = "from-b"\n')
        child = write("c.toml", 'extends = ["a.toml", "b.toml"]\n[video]\nfps = 20\n')
        payload = compile_file(child, env={}).payload
        assert payload is not None
        assert payload["room_id"] == "from-b"
        assert payload["record_input_params"]["mix_config"]["mix_output_video_config"]["fps"] == 20

    def test_problem_in_base_is_reported_in_the_base_file(self, write: Any) -> None:
        write("base.toml", BASE_SPEC + "\n[video]\nfps = 99\n")
        child = write("child.toml", 'extends = "base.toml"\n')
        compiled = compile_file(child, env={})
        errors = [d for d in compiled.diagnostics if d.severity.label == "error"]
        assert errors and errors[0].file.endswith("base.toml")

    def test_cycle_is_an_error(self, write: Any) -> None:
        write("a.toml", 'extends = "b.toml"\n' + BASE_SPEC)
        b = write("b.toml", 'extends = "a.toml"\n')
        compiled = compile_file(b, env={})
        assert "RS804" in codes(compiled)
        assert "cycle" in compiled.diagnostics[0].message

    def test_self_extends_is_a_cycle(self, write: Any) -> None:
        a = write("a.toml", 'extends = "a.toml"\n' + BASE_SPEC)
        assert codes(compile_file(a, env={})) == ["RS804"]

    def test_missing_base_and_directory_base(self, write: Any, tmp_path: Path) -> None:
        (tmp_path / "dir.toml").mkdir()
        for target in ("missing.toml", "dir.toml"):
            spec = write("s.toml", f'extends = "{target}"\n' + BASE_SPEC)
            compiled = compile_file(spec, env={})
            assert codes(compiled) == ["RS804"], target
            assert compiled.diagnostics[0].line == 1

    def test_deep_chain_is_limited(self, write: Any) -> None:
        write("s0.toml", BASE_SPEC)
        for i in range(1, 30):
            write(f"s{i}.toml", f'extends = "s{i - 1}.toml"\n')
        compiled = compile_file(write("top.toml", 'extends = "s29.toml"\n'), env={})
        assert "RS804" in codes(compiled)
        assert "deeper" in " ".join(d.message for d in compiled.diagnostics)


def test_hostile_nesting_is_a_diagnostic_not_a_crash() -> None:
    for text in (
        "a = " + "[" * 5000 + "]" * 5000,
        "x = {" * 3000 + "}" * 3000,
        "a = " + "[" * 70 + "]" * 70,
    ):
        compiled = compile_file(text=text, env={})
        assert codes(compiled) == ["RS100"]
        assert "nested deeper" in compiled.diagnostics[0].message
