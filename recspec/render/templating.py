"""The Jinja2 environment behind `recspec docs` and `recspec init`: sandboxed, strict, layered.

Templates are looked up in the user's `--templates` folder first, then in recspec's built-in
ones (a ChoiceLoader), so any built-in template can be replaced by name. Every template runs in
Jinja2's `SandboxedEnvironment`, so a user template cannot reach Python internals
(`{{ ''.__class__.__mro__ }}` raises SecurityError); `StrictUndefined` turns a misspelt variable
into an error instead of silently empty output. HTML templates (`*.html.j2`) autoescape.

Jinja2 is imported here only: this module is loaded by the docs and init code paths, never at
`recspec` import time.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

import recspec
from recspec.render.escaping import FILTERS


class TemplateProblem(Exception):
    """A template that cannot be loaded or rendered; the message is one line for the user."""


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, else the repository's folder."""
    package = Path(recspec.__file__).resolve().parent
    shipped = package / "_templates"
    if shipped.is_dir():
        return shipped
    return package.parent / "templates"


def environment(user_dir: str | os.PathLike[str] | None = None) -> SandboxedEnvironment:
    """A sandboxed environment over the user's templates (if any) and the built-ins."""
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        folder = Path(user_dir)
        if not folder.is_dir():
            raise TemplateProblem(f"--templates {str(folder)!r} is not a directory")
        _refuse_unknown_overrides(folder)
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "htm", "svg.j2"),
            default_for_string=False,
            default=False,
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _refuse_unknown_overrides(folder: Path) -> None:
    """A template in the override folder that replaces nothing is a mistake (a misspelt name
    would otherwise be silently ignored); so is a file that is not a template."""
    known = sorted(p.name for p in builtin_templates().glob("*.j2"))
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.name not in known:
            raise TemplateProblem(
                f"--templates: {path.name!r} overrides no template; the templates are "
                + ", ".join(known)
            )


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render template `name`; any Jinja2 failure becomes a one-line `TemplateProblem`."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template {exc.name!r} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateProblem(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        where = _template_frame(exc, name)
        raise TemplateProblem(f"{where}: refused by the template sandbox: {exc}") from None
    except jinja2.UndefinedError as exc:
        where = _template_frame(exc, name)
        known = ", ".join(sorted(context))
        raise TemplateProblem(
            f"{where}: UndefinedError: {_first_line(exc)} (template {name!r} receives: {known})"
        ) from None
    except jinja2.TemplateError as exc:
        where = _template_frame(exc, name)
        raise TemplateProblem(f"{where}: {type(exc).__name__}: {_first_line(exc)}") from None
    except (TypeError, ValueError, AttributeError, ArithmeticError, LookupError) as exc:
        # An expression in a (user) template failed, e.g. {{ 1 / 0 }} or a bad filter argument.
        where = _template_frame(exc, name)
        raise TemplateProblem(f"{where}: {type(exc).__name__}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else ""


def _template_frame(exc: BaseException, fallback: str) -> str:
    """`file:line` of the innermost template frame of `exc`'s traceback (Jinja2 rewrites it)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and not frame.filename.endswith(".py"):
            return f"{frame.filename}:{frame.lineno}"
    return fallback
