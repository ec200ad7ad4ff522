"""The clean-file cache: it may only ever skip work whose result could not have changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from recspec.cache import Entry, LintCache
from recspec.cli import cli
from recspec.lint import lint_paths
from recspec.rules.spec import BASE_SPEC


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("RECSPEC_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "cache"


def lint(*paths: Path, cache_dir: Path, env: dict[str, str] | None = None) -> list[str]:
    cache = LintCache.open(True, str(cache_dir))
    run = lint_paths(paths, env=env or {}, cache=cache)
    cache.save()
    return [d.rule for d in run.diagnostics]


def test_a_clean_file_is_remembered_and_an_edit_is_seen(cache_dir: Path, tmp_path: Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text(BASE_SPEC)
    assert lint(spec, cache_dir=cache_dir) == []
    [record] = json.loads(next(cache_dir.rglob("*.json")).read_text())["files"].values()
    assert Entry.decode(record).env  # the variables the spec read are part of the key
    spec.write_text(BASE_SPEC + "\n[video]\nfps = 60\n")
    assert lint(spec, cache_dir=cache_dir) == ["RS305"]


def test_environment_and_extends_changes_miss(cache_dir: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text(BASE_SPEC)
    child = tmp_path / "child.toml"
    child.write_text('extends = "base.toml"\n[video]\nresolution = "${env:RES:-720p}"\n')
    assert lint(child, cache_dir=cache_dir) == []
    assert lint(child, cache_dir=cache_dir, env={"RES": "4k"}) == ["RS802"]
    assert lint(child, cache_dir=cache_dir) == []
    base.write_text(BASE_SPEC + "\n[video]\nfps = 99\n")
    assert lint(child, cache_dir=cache_dir) == ["RS305"]


def test_secrets_are_never_stored_in_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text(BASE_SPEC)
    lint(spec, cache_dir=cache_dir, env={"ZEGO_ACCESS_TOKEN": "planted-secret-token"})
    assert "planted-secret-token" not in next(cache_dir.rglob("*.json")).read_text()


def test_a_corrupt_cache_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    spec = tmp_path / "s.json"
    spec.write_text('{"app_id": "x"}')
    assert "RS103" in lint(spec, cache_dir=cache_dir)
    cache_dir.mkdir(exist_ok=True)
    for path in cache_dir.rglob("*.json"):
        path.write_text("{not json")
    assert "RS103" in lint(spec, cache_dir=cache_dir)


def test_files_with_findings_are_always_checked_again(cache_dir: Path, tmp_path: Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text(
        BASE_SPEC.replace('"${env:AWS_SECRET_ACCESS_KEY:-example-secret}"', '"literal-key"')
    )
    assert lint(spec, cache_dir=cache_dir) == ["RS805"]
    assert lint(spec, cache_dir=cache_dir) == ["RS805"]


def test_compile_skips_only_current_outputs(cache_dir: Path, tmp_path: Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text(BASE_SPEC)
    out = tmp_path / "out"

    def compile_(*extra: str) -> Any:
        args = [
            "compile",
            str(spec),
            "--out-dir",
            str(out),
            "-v",
            "--cache-dir",
            str(cache_dir),
            *extra,
        ]
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    assert "wrote" in compile_().output
    assert "unchanged" in compile_().output
    (out / "s.json").write_text("{}")  # edited by hand: rewritten, not trusted
    assert "wrote" in compile_().output
    (out / "s.json").unlink()
    assert "wrote" in compile_().output
    payload = json.loads((out / "s.json").read_text())
    assert payload["room_id"] == "class-101"
    assert "wrote" in compile_("--redact").output  # a different output: never skipped
    assert json.loads((out / "s.json").read_text())["access_token"] == "***"


def test_buckets_are_read_and_written_one_by_one(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lookup reads only its own bucket, and a save rewrites only the buckets that changed."""
    first = LintCache.open(True, str(cache_dir))
    for number in range(300):
        first.store(f"specs/s{number}.toml", f"text {number}")
    first.save()
    buckets = sorted(cache_dir.rglob("*.json"))
    assert 100 < len(buckets) <= 256  # 300 names spread over up to 256 buckets (~176 expected)
    target = "specs/s7.toml"
    [own] = [b for b in buckets if f'"{target}"' in b.read_text()]

    reads: list[str] = []
    read = LintCache._read
    monkeypatch.setattr(
        LintCache, "_read", lambda self, bucket: reads.append(bucket) or read(self, bucket)
    )
    cache = LintCache.open(True, str(cache_dir))
    assert cache.lookup(target, "text 7", {}) is not None
    assert cache.lookup(target, "edited", {}) is None
    assert reads == [own.stem]

    inodes = {b: b.stat().st_ino for b in buckets}
    cache.store(target, "edited")
    cache.save()
    assert [b for b in buckets if b.stat().st_ino != inodes[b]] == [own]
    assert LintCache.open(True, str(cache_dir)).lookup(target, "edited", {}) is not None


def test_entries_round_trip_and_damaged_ones_miss(cache_dir: Path) -> None:
    entry = Entry(
        "t" * 64, "", [("base dir/a\nb.toml", "d" * 64)], [("HOME", "h" * 64), ("UNSET", "")]
    )
    again = Entry.decode(entry.encode())
    assert (again.hash, again.payload, again.deps, again.env) == (
        entry.hash,
        entry.payload,
        entry.deps,
        entry.env,
    )
    cache = LintCache.open(True, str(cache_dir))
    cache.store("s.json", "{}")
    cache.save()
    [bucket] = cache_dir.rglob("*.json")
    data = json.loads(bucket.read_text())
    for damaged in (
        "",
        "x",
        data["files"]["s.json"] + "\0odd",
        data["files"]["s.json"].replace("\x000", "\x00z"),
    ):
        data["files"]["s.json"] = damaged
        bucket.write_text(json.dumps(data))
        assert LintCache.open(True, str(cache_dir)).lookup("s.json", "{}", {}) is None


def test_a_cache_that_cannot_be_written_is_skipped(cache_dir: Path, tmp_path: Path) -> None:
    cache_dir.write_text("a file where the cache folder should be")
    spec = tmp_path / "s.toml"
    spec.write_text(BASE_SPEC)
    assert lint(spec, cache_dir=cache_dir) == []
    assert lint(spec, cache_dir=cache_dir) == []  # nothing remembered, nothing broken
    assert cache_dir.read_text() == "a file where the cache folder should be"
