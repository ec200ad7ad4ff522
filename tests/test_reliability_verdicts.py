"""Reliability, round 2, verdicts: comments never hide a broken file, lint and compile agree,
compile writes strict JSON only, empty required values fail, paths resolve as the OS does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_reliability import GOOD, ROOT
from tests.test_reliability import run as recspec


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The suite's hermetic `python -m recspec` (tests.test_reliability), with no cache."""
    return recspec(*args, cwd=cwd, env={"RECSPEC_NO_CACHE": "1", **(env or {})}, timeout=120)


@pytest.mark.parametrize(
    "text",
    [
        "# recspec: ignore-file[RS100]\nthis is not TOML at all\n",
        "# recspec: ignore-file[RS8]\nversion = 1\n",
        "# recspec: ignore-file[RS1, RS8]\nversion = 1\n[room]\nid = 1\n",
        '# recspec: ignore-file[RS802]\nversion = 1\n[video]\nfps = "thirty"\n',
    ],
)
def test_comments_never_hide_a_file_that_cannot_be_built(tmp_path: Path, text: str) -> None:
    (tmp_path / "s.toml").write_text(text)
    lint = run("lint", "s.toml", cwd=tmp_path)
    ignored = run("lint", "--ignore", "RS8,RS1", "s.toml", cwd=tmp_path)
    compiled = run("compile", "s.toml", cwd=tmp_path)
    assert lint.returncode == ignored.returncode == compiled.returncode == 1
    assert "All checks passed" not in lint.stdout + compiled.stderr


@pytest.mark.parametrize(
    "value", ["nan", "inf", "-inf", "1979-05-27", "07:32:00", "1979-05-27T07:32:00"]
)
def test_compile_writes_strict_json_even_when_the_type_error_is_suppressed(
    tmp_path: Path, value: str
) -> None:
    text = (
        GOOD
        + f"\n[payload.record_input_params]\nmax_idle_time = {value}  # recspec: ignore[RS103]\n"
    )
    (tmp_path / "s.toml").write_text(text)
    compiled = run("compile", "s.toml", "-o", "out.json", cwd=tmp_path)
    assert compiled.returncode == 1 and "JSON cannot carry" in compiled.stderr
    assert "Traceback" not in compiled.stderr and not (tmp_path / "out.json").exists()
    assert run("lint", "s.toml", cwd=tmp_path).returncode == 1


def test_empty_or_non_positive_required_values_are_errors(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(GOOD)
    empty_secret = run("compile", "s.toml", cwd=tmp_path, env={"ZEGO_ACCESS_TOKEN": ""})
    assert empty_secret.returncode == 1 and "RS110" in empty_secret.stderr
    body = json.loads(run("compile", "s.toml", cwd=tmp_path).stdout)
    for field, value in (("access_token", ""), ("room_id", " "), ("app_id", 0), ("app_id", -5)):
        (tmp_path / "b.json").write_text(json.dumps({**body, field: value}))
        result = run("lint", "--format", "json", "b.json", cwd=tmp_path)
        assert [(d["rule"], d["pointer"]) for d in json.loads(result.stdout)] == [
            ("RS110", f"/{field}")
        ]


def test_dot_dot_after_a_symlink_resolves_as_the_os_does(tmp_path: Path) -> None:
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "work").mkdir()
    (tmp_path / "real" / "base.toml").write_text(GOOD)
    (tmp_path / "work" / "base.toml").write_text(GOOD.replace("standup-42", "WRONG"))
    for folder in ("real", "work"):
        (tmp_path / folder / "spec.toml").write_text('extends = "base.toml"\nversion = 1\n')
    (tmp_path / "work" / "link").symlink_to("../real/sub")
    result = run("compile", "link/../spec.toml", cwd=tmp_path / "work")
    assert json.loads(result.stdout)["room_id"] == "standup-42"


def test_extends_bases_are_shown_without_dot_dot(tmp_path: Path) -> None:
    (tmp_path / "specs" / "team").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.toml").write_text(GOOD.replace("fps = 15", "fps = 60"))
    (tmp_path / "specs/team/a.toml").write_text('extends = "../../shared/base.toml"\nversion = 1\n')
    for fmt in ("json", "sarif", "github", "text"):
        result = run("lint", "--format", fmt, "specs/team/a.toml", cwd=tmp_path)
        assert result.returncode == 1 and "shared/base.toml" in result.stdout
        assert "../" not in result.stdout, fmt


def test_special_files_are_refused_not_opened(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.toml").write_text(GOOD)
    os.mkfifo(tmp_path / "specs" / "pipe.toml")
    walked = run("lint", "--format", "json", "specs", cwd=tmp_path)
    found = json.loads(walked.stdout)
    assert walked.returncode == 1 and [(d["file"], d["rule"]) for d in found] == [
        ("specs/pipe.toml", "RS100")
    ]
    (tmp_path / "specs" / "a.toml").write_text('extends = "pipe.toml"\nversion = 1\n')
    fifo_base = run("lint", "specs/a.toml", cwd=tmp_path)
    assert fifo_base.returncode == 1 and "not a regular file" in fifo_base.stdout
    (tmp_path / "secret").write_text("https://user:token@example.com\n")
    (tmp_path / "specs" / "a.toml").write_text('extends = "../secret"\nversion = 1\n')
    leak = run("lint", "specs/a.toml", cwd=tmp_path)
    assert leak.returncode == 1 and "token@" not in leak.stdout + leak.stderr
    assert "*.toml" in leak.stdout


def test_a_cache_bucket_replaced_by_a_fifo_or_dev_zero_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    cache = tmp_path / "cache"
    first = run(
        "lint", "--cache-dir", str(cache), "a.toml", cwd=tmp_path, env={"RECSPEC_NO_CACHE": ""}
    )
    assert first.returncode == 0
    buckets = list(cache.rglob("*.json"))
    assert buckets
    for index, bucket in enumerate(buckets):
        bucket.unlink()
        if index % 2:
            os.mkfifo(bucket)
        else:
            bucket.symlink_to("/dev/zero")
    again = run(
        "lint", "--cache-dir", str(cache), "a.toml", cwd=tmp_path, env={"RECSPEC_NO_CACHE": ""}
    )
    assert again.returncode == 0, again.stderr


def test_streamed_output_with_a_warm_cache_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    env = {**os.environ, "RECSPEC_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RECSPEC_NO_CACHE", None)
    for _ in range(2):
        done = subprocess.run(
            f"{sys.executable} -m recspec compile a.toml -o /dev/stdout | cat",
            shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env,
        )  # fmt: skip
        assert json.loads(done.stdout)["room_id"] == "standup-42"


def test_compile_de_duplicates_its_specs_like_lint(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    result = run("compile", "a.toml", "./a.toml", "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]


def _shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "RECSPEC_NO_CACHE": "1", **env}, errors="replace",
    )  # fmt: skip


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / os.fsdecode(b"b\xff.toml")).write_text(GOOD.replace("fps = 15", "fps = 60"))
    (tmp_path / "esc.toml").write_text('version = 1\n"\\u001b]0;PWNED\\u0007" = 1\n')
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        "{py} -m recspec lint a.toml >&-",
        "{py} -m recspec lint . > /dev/full",
        "PYTHONIOENCODING=latin-1 {py} -m recspec lint .",
        "{py} -m recspec lint --format sarif .",
        "{py} -m recspec lint --format json .",
        "{py} -m recspec lint --format github .",
        "{py} -m recspec lint --format junit .",
        "mkdir gone && cd gone && rmdir ../gone && {py} -m recspec lint {root}/a.toml",
        "ulimit -n 64 && {py} -m recspec lint -j 150 " + " ".join(["a.toml"] * 250),
    ],
)
def test_no_traceback_whatever_the_streams_names_and_limits(odd: Path, command: str) -> None:
    result = _shell(command.format(py=sys.executable, root=odd), odd)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2)
    if "--format json" in command or "--format sarif" in command:
        json.loads(result.stdout)  # valid JSON (and so valid UTF-8), even for b'\xff' names
        assert "xff" in result.stdout  # the undecodable byte, shown as an escape


def test_escape_sequences_never_reach_the_terminal(odd: Path) -> None:
    for fmt in ("text", "github"):
        result = _shell(f"{sys.executable} -m recspec lint --format {fmt} .", odd)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "PWNED" in result.stdout  # shown, escaped


def test_the_text_report_is_linear_in_findings(tmp_path: Path) -> None:
    body = json.loads((ROOT / "examples" / "grid-4-720p-s3.json").read_text())
    view = {"stream_id": "s", "top": 0, "left": 0, "bottom": -1, "right": -1, "layer": 1}
    body["record_input_params"]["mix_config"]["mix_input_list"] = [view] * 1300
    (tmp_path / "many.json").write_text(json.dumps(body))  # one line
    result = _shell(f"{sys.executable} -m recspec lint many.json", tmp_path)
    assert result.returncode == 1 and result.stdout.count("RS40") >= 5000


def test_suppression_comments_with_unknown_codes_are_warnings(tmp_path: Path) -> None:
    text = GOOD.replace("fps = 15", "fps = 60  # recspec: ignore[RS3O5]")
    (tmp_path / "s.toml").write_text(text.replace("[room]", "[room]  # recspec: nonsense"))
    result = run("lint", "--format", "json", "s.toml", cwd=tmp_path)
    found = sorted((d["rule"], d["line"]) for d in json.loads(result.stdout))
    fps_line = text.splitlines().index("fps = 60  # recspec: ignore[RS3O5]") + 1
    room_line = text.splitlines().index("[room]") + 1
    assert found == sorted([("RS305", fps_line), ("RS811", fps_line), ("RS811", room_line)])


def test_unused_suppressions_are_reported_when_selected(tmp_path: Path) -> None:
    text = GOOD.replace('resolution = "720p"', 'resolution = "720p"  # recspec: ignore[RS305]')
    text = text.replace("fps = 15", "fps = 60  # recspec: ignore[fps-range]")
    (tmp_path / "s.toml").write_text(text)
    quiet = run("lint", "--format", "json", "s.toml", cwd=tmp_path)
    assert quiet.returncode == 0 and json.loads(quiet.stdout) == []
    asked = run("lint", "--format", "json", "--select", "ALL,RS812", "s.toml", cwd=tmp_path)
    found = [(d["rule"], d["line"]) for d in json.loads(asked.stdout)]
    resolution_line = text.splitlines().index('resolution = "720p"  # recspec: ignore[RS305]') + 1
    assert found == [("RS812", resolution_line)]  # the fps one is used, the resolution one not


def test_a_pyproject_whose_tool_is_not_a_table_is_no_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 1\n")
    (tmp_path / "a.toml").write_text(GOOD)
    assert run("lint", "a.toml", cwd=tmp_path).returncode == 0
    assert run("lint", "pyproject.toml", cwd=tmp_path).returncode == 0


def test_a_fifo_output_with_a_warm_cache_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    os.mkfifo(tmp_path / "out.fifo")
    env = {**os.environ, "RECSPEC_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("RECSPEC_NO_CACHE", None)
    for _ in range(2):
        reader = subprocess.Popen(["cat", str(tmp_path / "out.fifo")], stdout=subprocess.PIPE)
        done = subprocess.run(
            [sys.executable, "-m", "recspec", "compile", "a.toml", "-o", "out.fifo"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(reader.communicate(timeout=30)[0])["room_id"] == "standup-42"
