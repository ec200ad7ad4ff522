"""`recspec init`: every preset and provider gives a starter that compiles and lints clean as
written, with every secret from the environment; `-o` writes atomically and never clobbers."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from recspec.cli import cli
from recspec.commands.init import PRESET_NAMES, PROVIDER_NAMES
from recspec.compiler import compile_file
from recspec.layout import PRESETS
from recspec.spec.models import PROVIDERS
from recspec.starter import PROVIDERS as STARTER_PROVIDERS
from recspec.starter import V2_ONLY_PROVIDERS, render_starter

SECRETS = (
    ("room", "access_token"),
    ("storage", "access_key_id"),
    ("storage", "access_key_secret"),
)


def test_choices_match_the_registries() -> None:
    assert list(PRESET_NAMES) == list(PRESETS)
    assert list(PROVIDER_NAMES) == list(PROVIDERS) == list(STARTER_PROVIDERS)


TARGETS = [
    (target, provider)
    for target in ("v2", "legacy")
    for provider in PROVIDERS
    if target == "v2" or provider not in V2_ONLY_PROVIDERS
]


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize(("target", "provider"), TARGETS)
def test_every_combination_compiles_with_no_diagnostics(
    preset: str, provider: str, target: str
) -> None:
    text = render_starter(preset, provider, target=target)
    compiled = compile_file("starter.toml", text=text, env={})
    assert compiled.diagnostics == []
    assert compiled.payload is not None
    assert compiled.target == target
    data = tomllib.loads(text)
    assert data["layout"]["preset"] == preset and data["storage"]["provider"] == provider
    for table, key in SECRETS:
        if table == "room" and target == "v2":
            assert key not in data["room"]  # StartRecord signs the query string instead
            continue
        value = data[table][key]
        assert value.startswith("${env:") and ":-" in value and value.endswith("}"), (table, key)
    if target == "legacy":
        assert data["room"]["app_id"].startswith("${env:ZEGO_APP_ID:-")
    if provider in ("aliyun-vod", "tencent-vod"):
        assert data["output"]["format"] in ("mp4", "flv")


def test_real_secrets_come_from_the_environment() -> None:
    env = {"ZEGO_ACCESS_TOKEN": "real-token", "AWS_SECRET_ACCESS_KEY": "real-secret"}
    compiled = compile_file("starter.toml", text=render_starter(target="legacy"), env=env)
    assert compiled.payload is not None
    assert compiled.payload["access_token"] == "real-token"
    assert compiled.payload["storage_params"]["access_key_secret"] == "real-secret"
    v2 = compile_file("starter.toml", text=render_starter(), env=env).payload
    assert v2 is not None and "access_token" not in json.dumps(v2)
    assert v2["StorageParams"]["AccessKeySecret"] == "real-secret"


def test_new_specs_are_v2_and_legacy_only_providers_are_refused() -> None:
    assert 'target = "v2"' in render_starter()
    result = CliRunner().invoke(cli, ["init", "--target", "legacy", "--provider", "gcs"])
    assert result.exit_code == 2 and "StartRecord" in result.output


def test_starter_is_commented_and_has_a_schema_line() -> None:
    text = render_starter("speaker", "oss")
    lines = text.splitlines()
    assert lines[0].startswith("#:schema ")
    assert sum(line.lstrip().startswith("#") for line in lines) >= 10
    assert "# strip = " in text  # the preset's options, commented out with their defaults
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_cli_prints_the_starter() -> None:
    result = CliRunner().invoke(cli, ["init", "--preset", "pip", "--provider", "cos"])
    assert result.exit_code == 0, result.output
    assert result.output == render_starter("pip", "cos")


def test_cli_rejects_unknown_names() -> None:
    result = CliRunner().invoke(cli, ["init", "--preset", "gird"])
    assert result.exit_code == 2
    assert "gird" in result.output


def test_output_file_lints_clean(tmp_path: Path) -> None:
    target = tmp_path / "recording.toml"
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "--preset", "presentation", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == render_starter("presentation", "s3")
    lint = runner.invoke(cli, ["lint", str(target)], env={"ZEGO_APP_ID": None})
    assert lint.exit_code == 0, lint.output


def test_output_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "spec.toml"
    target.write_text("mine\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(cli, ["init", "-o", str(target), "--force", "--provider", "obs"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == render_starter("grid", "obs")
    assert [p.name for p in tmp_path.iterdir()] == ["spec.toml"]  # no temporary left behind


def test_starter_template_can_be_overridden_but_stays_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "starter.toml.j2").write_text(
        "# ours\npreset = {{ preset.name|toml }}\n", encoding="utf-8"
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "--preset", "stack", "--templates", str(tmp_path)])
    assert result.exit_code == 0 and result.output == '# ours\npreset = "stack"\n'
    (tmp_path / "starter.toml.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    refused = runner.invoke(cli, ["init", "--templates", str(tmp_path)])
    assert refused.exit_code == 2
    assert "sandbox" in refused.output and "Traceback" not in refused.output
