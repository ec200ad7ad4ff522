"""Findings about suppression comments themselves: unreadable or naming unknown rules (RS811),
and, on request, suppressions that silenced nothing (RS812, like ruff's RUF100).

A typo in `# recspec: ignore[RS3O5]` would otherwise silently suppress nothing and leave the
reader believing a finding is handled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from recspec.diagnostics import Diagnostic
from recspec.positions import Span


def suppression_diagnostics(
    texts: Mapping[str, str], diagnostics: Iterable[Diagnostic], report_unused: bool = False
) -> list[Diagnostic]:
    """RS811 (and with `report_unused`, RS812) findings for the suppression comments in `texts`."""
    from recspec.locate import _diagnostic
    from recspec.positions.toml import suppressions
    from recspec.rules import get_rule, is_known_selector, suggest

    found = list(diagnostics)
    out: list[Diagnostic] = []
    invalid, unused = get_rule("RS811"), get_rule("RS812")
    for file, text in texts.items():
        if "recspec:" not in text:
            continue
        comments = suppressions(text)
        for bad in comments.malformed:
            span = Span(bad.line, bad.column, bad.line, bad.column + 1)
            message = f"unreadable suppression comment: {bad.message}"
            out.append(_diagnostic(invalid, "RS811", file, span, message))
        used = {
            comments.find(d.rule, d.name, d.line) for d in found if d.file == file and d.suppressed
        }
        for entry in comments:
            span = Span(entry.line, entry.column, entry.line, entry.column + 1)
            unknown = [code for code in entry.codes if not is_known_selector(code)]
            for code in unknown:
                near = suggest(code)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                message = f"suppression comment names no rule: {code!r}{hint}"
                out.append(_diagnostic(invalid, "RS811", file, span, message))
            if report_unused and not unknown and entry not in used:
                codes = ", ".join(entry.codes)
                message = f"unused suppression: nothing here draws {codes}; remove the comment"
                out.append(_diagnostic(unused, "RS812", file, span, message))
    return out
