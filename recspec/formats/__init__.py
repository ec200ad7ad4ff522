"""Output formats: each one a pure function from a `Report` to text.

Formatters never read files, the environment or the clock, so the same report always renders to
the same bytes and tests can compare exact output. Each format lives in its own module and is
imported only when asked for, so `recspec lint` pays for `json`/`xml` only when it uses them.
This module imports nothing but `dataclasses`/`typing` for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recspec.values import Value

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from recspec.diagnostics import Diagnostic
    from recspec.rules.base import Rule

__all__ = ["FORMATS", "Report", "render"]

#: Every accepted `--format` value, in the order the help text lists them.
FORMATS = ("text", "json", "sarif", "github", "junit")

#: format name -> module in this package (`json_` so the module never shadows the stdlib `json`).
_MODULES = {
    "text": "text",
    "json": "json_",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


class Report(Value):
    """Everything a formatter may use; formatters get no other input."""

    __slots__ = (
        "color",
        "diagnostics",
        "docs_url",
        "files",
        "rules",
        "sources",
        "tool_version",
    )

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        files: list[str],
        sources: Mapping[str, str],
        rules: Callable[[str], Rule | None],
        color: bool = False,
        tool_version: str = "",
        docs_url: str | None = None,
    ) -> None:
        #: sorted by (file, line, column, rule); suppressed ones included (only SARIF shows them)
        self.diagnostics = diagnostics
        #: every file checked, in order (JUnit needs clean files too)
        self.files = files
        #: file -> text, for snippets and fingerprints; a missing file just gets no snippet
        self.sources = sources
        #: rule lookup by code (SARIF `rules[]`, help text, names)
        self.rules = rules
        #: ANSI colour for `text` only; the caller decides (TTY, `--color`, NO_COLOR)
        self.color = color
        self.tool_version = tool_version
        #: base URL of the rules reference; a rule's page is `{docs_url}/rules.md#{code.lower()}`
        self.docs_url = docs_url


def render(fmt: str, report: Report) -> str:
    """Render `report` in `fmt`, importing only that format's module."""
    import importlib  # here, not at the top: importing this package must stay free

    try:
        module_name = _MODULES[fmt]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise ValueError(f"unknown output format {fmt!r} (choose from {choices})") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    text: str = module.render(report)
    return text
