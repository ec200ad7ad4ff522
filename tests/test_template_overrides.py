"""`--templates` overrides: what each template receives (the README table), misnamed overrides,
and a failing template that names itself and the variable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import recspec.render.templating as templating
from recspec.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_readme_lists_the_variables_each_template_receives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, str] = {}
    original = templating.render

    def capture(env: Any, name: str, context: dict[str, Any]) -> str:
        seen[name] = ", ".join(sorted(context))
        return original(env, name, context)

    monkeypatch.setattr(templating, "render", capture)
    from recspec.render.docs import build_docs
    from recspec.starter import render_starter

    build_docs("markdown")
    build_docs("html")
    render_starter()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented: dict[str, str] = {}
    for names, variables in re.findall(r"^\| (`[^|]+\.j2`[^|]*) \| ([^|]+) \|$", readme, re.M):
        for name in re.findall(r"`([^`]+)`", names):
            documented[name] = variables.strip()
    assert documented == seen
    assert set(seen) | {"base.html.j2"} == set(templating.builtin_names())


def docs(tmp_path: Path, **templates: str) -> Any:
    folder = tmp_path / "tpl"
    folder.mkdir()
    for name, text in templates.items():
        (folder / name).write_text(text)
    return CliRunner().invoke(
        cli, ["docs", "-o", str(tmp_path / "out"), "--templates", str(folder)]
    )


def test_a_misnamed_override_is_an_error(tmp_path: Path) -> None:
    result = docs(tmp_path, **{"rule.md.j2": "x\n"})
    assert result.exit_code == 2
    assert "rule.md.j2 override(s) no template" in result.stderr
    assert "rules.md.j2" in result.stderr  # the right names are listed
    assert not (tmp_path / "out").exists()


def test_partials_are_allowed_and_overrides_apply(tmp_path: Path) -> None:
    result = docs(
        tmp_path,
        **{"rules.md.j2": '{{ families | length }} {% include "_part.j2" %}\n', "_part.j2": "hi"},
    )
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"\d+ hi\n", (tmp_path / "out" / "rules.md").read_text())


def test_an_undefined_variable_names_the_template_and_what_it_receives(tmp_path: Path) -> None:
    result = docs(tmp_path, **{"rules.md.j2": "ok\n{{ rules }}\n"})
    assert result.exit_code == 2 and "Traceback" not in result.output
    message = result.stderr.strip()
    assert "rules.md.j2:2:" in message and "'rules' is undefined" in message
    assert "rules.md.j2 receives: ext, families, format, page, pages, title" in message
