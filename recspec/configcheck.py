"""A configuration file named on the command line is checked as configuration, not as a spec.

`recspec.toml`, `.recspec.toml` and `pyproject.toml` match the pre-commit hook's patterns and
sit next to specs; linting them as specs drew "unknown key `ignore`" and "`room` is required".
Here they draw RS100 when they do not parse and RS810 at each unknown or malformed setting.
"""

from __future__ import annotations

import os

from recspec.diagnostics import Diagnostic


def check_config_text(name: str, text: str) -> list[Diagnostic]:
    """Findings on one configuration file's text (a pyproject.toml without recspec: none)."""
    import tomllib

    from recspec.config import table_problems
    from recspec.locate import TomlLocator, _diagnostic
    from recspec.positions import Span
    from recspec.rules import get_rule

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        span = Span(line, column, line, column + 1)
        return [
            _diagnostic(
                get_rule("RS100"),
                "RS100",
                name,
                span,
                f"invalid TOML: {str(exc).split(' (at line')[0]}",
            )
        ]
    prefix: tuple[str, ...] = ()
    table = data
    tool = data.get("tool")
    if os.path.basename(name) == "pyproject.toml" or (isinstance(tool, dict) and "recspec" in tool):
        if not isinstance(tool, dict) or "recspec" not in tool:
            return []
        prefix, table = ("tool", "recspec"), tool["recspec"]
    rule = get_rule("RS810")
    if not isinstance(table, dict):
        span = TomlLocator(text)(prefix)
        return [_diagnostic(rule, "RS810", name, span, "[tool.recspec] must be a table")]
    locate = TomlLocator(text)
    return [
        _diagnostic(
            rule, "RS810", name, locate((*prefix, *path)), message, spec_path=".".join(path)
        )
        for path, message in table_problems(table)
    ]
