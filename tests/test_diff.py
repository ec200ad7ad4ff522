"""`recspec diff`: semantic changes of start bodies, risk tags, masked secrets, git mode."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recspec.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BASE: dict[str, Any] = json.loads((EXAMPLES / "grid-4-720p-s3.json").read_text())
SPEC = (EXAMPLES / "grid-4-720p-s3.toml").read_text()
CLEAN_ENV = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "ZEGO_ACCESS_TOKEN": ""}

Write = Callable[[str, str], Path]


def run(*args: str) -> Any:
    env = {name: None for name in CLEAN_ENV}  # unset: the specs' defaults apply
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def diff_json(write: Write, old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    a = write("old.json", json.dumps(old))
    b = write("new.json", json.dumps(new))
    result = run("diff", str(a), str(b), "--format", "json")
    assert result.exit_code == (1 if old != new else 0), result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def changed(**paths: Any) -> dict[str, Any]:
    """BASE with `a__b__c=value` set (double underscores separate keys)."""
    body = copy.deepcopy(BASE)
    for dotted, value in paths.items():
        *parents, last = dotted.split("__")
        node = body
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return body


def test_a_spec_and_its_golden_body_are_equal() -> None:
    for spec in sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES / "v2").glob("*.toml")):
        result = run("diff", str(spec), str(spec.with_suffix(".json")))
        assert result.exit_code == 0, (spec, result.output)
        assert result.output == ""


def test_key_order_shows_no_change(write: Write) -> None:
    def reverse(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: reverse(v) for k, v in reversed(list(node.items()))}
        if isinstance(node, list):
            return [reverse(v) for v in node]
        return node

    assert diff_json(write, BASE, reverse(BASE)) == []


def test_unit_respelling_shows_no_change(write: Write) -> None:
    a = write("a.toml", SPEC)
    respelled = SPEC.replace('max_duration = "2h"', 'max_duration = "7200s"').replace(
        'max_idle = "60s"', 'max_idle = "1m"'
    )
    respelled = respelled.replace('background = "#1A1A1A"', 'background = "#1a1a1a"')
    assert respelled != SPEC
    b = write("b.toml", respelled)
    result = run("diff", str(a), str(b))
    assert (result.exit_code, result.output) == (0, "")


def test_the_same_body_in_either_dialect_is_equal(write: Write) -> None:
    from recspec.dialect.names import read

    for golden in sorted((EXAMPLES / "v2").glob("*.json")):
        v2 = json.loads(golden.read_text())
        legacy = write("legacy.json", json.dumps(read(v2, "v2")[0]))
        result = run("diff", str(golden), str(legacy))
        assert (result.exit_code, result.output) == (0, ""), golden


@pytest.mark.parametrize(
    ("change", "pointer", "tag"),
    [
        (
            {"storage_params__bucket_name": "elsewhere"},
            "/storage_params/bucket_name",
            "destination",
        ),
        ({"storage_params__region": "eu-west-1"}, "/storage_params/region", "destination"),
        (
            {"storage_params__storage_provider": 2},
            "/storage_params/storage_provider",
            "destination",
        ),
        (
            {"storage_params__end_point": "s3.example.com"},
            "/storage_params/end_point",
            "destination",
        ),
        (
            {"record_output_params__output_folder": "other/"},
            "/record_output_params/output_folder",
            "destination",
        ),
        (
            {"record_input_params__mix_config__mix_output_video_config__width": 1920},
            "/record_input_params/mix_config/mix_output_video_config/width",
            "cost",
        ),
        (
            {"record_input_params__mix_config__mix_output_video_config__fps": 30},
            "/record_input_params/mix_config/mix_output_video_config/fps",
            "cost",
        ),
        (
            {"record_input_params__mix_config__mix_output_video_config__bitrate": 3000000},
            "/record_input_params/mix_config/mix_output_video_config/bitrate",
            "cost",
        ),
        (
            {"record_input_params__max_record_time": 86400},
            "/record_input_params/max_record_time",
            "cost",
        ),
        (
            {"record_output_params__output_file_format": "flv"},
            "/record_output_params/output_file_format",
            "cost",
        ),
        (
            {"record_output_params__callback_url": "https://hooks.example.com/x"},
            "/record_output_params/callback_url",
            "callback",
        ),
        ({"access_token": "another-token"}, "/access_token", "secret"),
        (
            {"storage_params__access_key_secret": "rotated-secret"},
            "/storage_params/access_key_secret",
            "secret",
        ),
    ],
)
def test_risk_tags(write: Write, change: dict[str, Any], pointer: str, tag: str) -> None:
    rows = diff_json(write, BASE, changed(**change))
    assert next(row for row in rows if row["pointer"] == pointer)["risk"] == [tag]


def test_single_to_mixed_costs_and_cheaper_changes_do_not(write: Write) -> None:
    single = changed(record_input_params__record_mode=1)
    rows = diff_json(write, single, BASE)
    assert rows[0]["pointer"] == "/record_input_params/record_mode"
    assert rows[0]["risk"] == ["cost"]
    assert diff_json(write, BASE, single)[0]["risk"] == []  # mixed -> single is cheaper
    smaller = changed(record_input_params__mix_config__mix_output_video_config__fps=10)
    assert diff_json(write, BASE, smaller)[0]["risk"] == []
    assert [r["risk"] for r in diff_json(write, BASE, changed(room_id="other"))] == [[]]


def test_kinds_added_removed_changed(write: Write) -> None:
    new = changed(record_output_params__callback_url="https://hooks.example.com/x", room_id="r2")
    del new["record_input_params"]["fill_blank"]
    rows = {row["pointer"]: row for row in diff_json(write, BASE, new)}
    assert rows["/room_id"]["kind"] == "changed"
    assert rows["/record_input_params/fill_blank"] == {
        "pointer": "/record_input_params/fill_blank",
        "kind": "removed",
        "old": True,
        "new": None,
        "risk": [],
    }
    assert rows["/record_output_params/callback_url"]["kind"] == "added"


SECRETS = ("old-token-value", "new-token-value", "OLDSECRETKEY123", "NEWSECRETKEY456")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_secrets_are_masked_in_every_format(write: Write, fmt: str) -> None:
    old = changed(access_token=SECRETS[0], storage_params__access_key_secret=SECRETS[2])
    new = changed(access_token=SECRETS[1], storage_params__access_key_secret=SECRETS[3])
    del new["storage_params"]["access_key_id"]  # a removed credential is masked too
    old["storage_params"]["access_key_id"] = "AKIAOLDKEYID"
    a, b = write("a.json", json.dumps(old)), write("b.json", json.dumps(new))
    result = run("diff", str(a), str(b), "--format", fmt)
    assert result.exit_code == 1
    for secret in (*SECRETS, "AKIAOLDKEYID"):
        assert secret not in result.output
    assert "***" in result.output and "secret" in result.output


def test_spec_credentials_from_the_environment_are_masked(write: Write) -> None:
    a = write("a.toml", SPEC)
    b = write("b.toml", SPEC.replace("example-secret", "an-inline-secret-value"))
    result = run("diff", str(a), str(b), "--format", "markdown")
    assert result.exit_code == 1
    assert "an-inline-secret-value" not in result.output
    assert "example-secret" not in result.output
    assert "| `/storage_params/access_key_secret` | changed |" in result.output


def test_text_and_markdown_shapes(write: Write) -> None:
    a = write("a.json", json.dumps(BASE))
    b = write("b.json", json.dumps(changed(storage_params__bucket_name="b|2")))
    text = run("diff", str(a), str(b))
    assert text.output == '/storage_params/bucket_name: "recordings" -> "b|2"  [destination]\n'
    md = run("diff", str(a), str(b), "--format", "markdown").output.splitlines()
    assert md[0] == "| Pointer | Change | Old | New | Risk |"
    assert md[2] == (
        '| `/storage_params/bucket_name` | changed | `"recordings"` | `"b\\|2"` | **destination** |'
    )


def test_v2_bodies_show_v2_pointers(write: Write) -> None:
    v2 = json.loads((EXAMPLES / "v2" / "standup-grid-s3-compatible.json").read_text())
    other = copy.deepcopy(v2)
    other["RoomId"] = "another-room"
    rows = diff_json(write, v2, other)
    assert [row["pointer"] for row in rows] == ["/RoomId"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("only-one.json",), "OLD and NEW"),
        (("missing-a.json", "missing-b.json"), "cannot read"),
        (("list.json", "list.json"), "not a JSON object"),
        (("broken.json", "broken.json"), "not JSON"),
        (("bad.toml", "bad.toml"), "the spec has errors"),
    ],
)
def test_usage_and_unreadable_inputs_exit_2(
    write: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    message: str,
) -> None:
    write("list.json", "[1, 2]")
    write("broken.json", "{")
    write("bad.toml", SPEC.replace("fps = 15", "fps = 600"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["diff", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_mode_in_a_temporary_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "specs" / "kept.toml").write_text(SPEC)
    (repo / "specs" / "same.toml").write_text(SPEC)
    (repo / "specs" / "gone.toml").write_text(SPEC)
    (repo / "schema.json").write_text("[]")  # JSON files are not compared in git mode
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "specs" / "kept.toml").write_text(SPEC.replace("fps = 15", "fps = 30"))
    (repo / "specs" / "gone.toml").unlink()
    (repo / "specs" / "new.toml").write_text(SPEC)  # untracked: included
    monkeypatch.chdir(repo / "specs")
    result = run("diff", "--git", "HEAD", "--format", "json")
    assert result.exit_code == 1, result.output
    rows = json.loads(result.output)
    files = {row["file"] for row in rows}
    assert files == {"specs/kept.toml", "specs/gone.toml", "specs/new.toml"}
    assert {r["kind"] for r in rows if r["file"] == "specs/gone.toml"} == {"removed"}
    assert {r["kind"] for r in rows if r["file"] == "specs/new.toml"} == {"added"}
    kept = [r for r in rows if r["file"] == "specs/kept.toml"]
    assert next((r["pointer"], r["old"], r["new"], r["risk"]) for r in kept) == (
        "/record_input_params/mix_config/mix_output_video_config/fps",
        15,
        30,
        ["cost"],
    )
    assert "dev-token" not in result.output  # the added/removed spec's token is masked
    narrowed = run("diff", "--git", "HEAD", "same.toml")
    assert (narrowed.exit_code, narrowed.output) == (0, "")
    bad = CliRunner().invoke(cli, ["diff", "--git", "no-such-ref"])
    assert bad.exit_code == 2 and "recspec: git" in bad.output
