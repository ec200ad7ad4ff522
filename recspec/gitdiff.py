"""The specs at a git ref against the working tree, for `recspec diff --git REF` in CI.

Only specs (`*.toml`) are compared: JSON files in a repository are goldens and schemas as often
as bodies. A spec present on one side only is compared with nothing (all added or removed).
"""

from __future__ import annotations

import os
import subprocess

from recspec.diff import Side, load_side

__all__ = ["GitError", "sides_at"]


class GitError(Exception):
    """git is missing, this is not a repository, or the ref names no commit."""


def _git(top: str | None, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=top, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def _names(output: bytes) -> set[str]:
    return {
        name
        for name in output.decode("utf-8", "surrogateescape").split("\0")
        if name.endswith(".toml")
    }


def sides_at(ref: str, paths: tuple[str, ...]) -> list[tuple[str, Side, Side]]:
    """(path from the repository root, side at `ref`, side in the working tree), sorted."""
    top = _git(None, "rev-parse", "--show-toplevel").decode().strip()
    _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    specs = [os.path.relpath(os.path.abspath(p), top) for p in paths] or ["."]
    old_names = _names(_git(top, "ls-tree", "-r", "-z", "--name-only", ref, "--", *specs))
    new_names = {
        name
        for name in _names(
            _git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *specs)
        )
        if os.path.isfile(os.path.join(top, name))
    }
    out: list[tuple[str, Side, Side]] = []
    for name in sorted(old_names | new_names):
        if name in old_names:
            text = _git(top, "show", f"{ref}:{name}").decode("utf-8", "replace")
            old = load_side(name, text=text, label=f"{ref}:{name}")
        else:
            old = Side(f"{ref}:{name}", None)
        new = (
            load_side(os.path.join(top, name), label=name)
            if name in new_names
            else Side(name, None)
        )
        out.append((name, old, new))
    return out
