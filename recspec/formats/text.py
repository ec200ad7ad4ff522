"""`--format text`: ruff-like human output with a source snippet and a caret per finding.

```
specs/lecture.toml:4:8: RS203 [error] record.mode = "mixed" needs a [mix] table
  |
4 | mode = "mixed"
  |        ^^^^^^^
  = docs: https://example.invalid/recspec/rules.md#rs203

Found 1 error, 0 warnings (1 file checked).
```

Columns are code points (the diagnostic contract); the caret is indented by *display* width so
that it still sits under the right character when the line holds CJK text or combining marks.
"""

from __future__ import annotations

import unicodedata

from recspec.diagnostics import Diagnostic, Severity
from recspec.formats import Report
from recspec.formats._common import (
    clamp_column,
    counts,
    end_position,
    location,
    rule_url,
    source_line,
    summary,
    visible,
)

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
GUTTER = "\x1b[34m"
SEVERITY_STYLE = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
PASS_STYLE = "\x1b[1;32m"


class _Style:
    """Wraps text in ANSI codes only when colour is on, so the plain path stays byte-exact."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.enabled and text else text


def render(report: Report) -> str:
    style = _Style(report.color)
    blocks = [_diagnostic(d, report, style) for d in visible(report.diagnostics)]
    out = "".join(block + "\n" for block in blocks)
    return out + _summary(report, style) + "\n"


def _diagnostic(diag: Diagnostic, report: Report, style: _Style) -> str:
    severity = style(f"[{diag.severity.label}]", SEVERITY_STYLE[diag.severity])
    head = f"{style(location(diag) + ':', BOLD)} {style(diag.rule, BOLD)} {severity} {diag.message}"
    lines = [head]
    snippet = source_line(report.sources, diag.file, diag.line)
    if snippet is not None:
        number, raw = snippet
        # window first: a one-line file with 5000 findings must not be re-cleaned 5000 times
        text, shifted = _window(raw, diag, number)
        text = _printable(text)
        gutter_width = len(str(number))
        blank = style(" " * gutter_width + " |", GUTTER)
        lines.append(blank)
        lines.append(style(f"{number} |", GUTTER) + (" " + text if text else ""))
        carets = _carets(shifted, number, text)
        lines.append(blank + " " + style(carets, SEVERITY_STYLE[diag.severity]))
    url = rule_url(report.docs_url, diag.rule)
    if url:
        lines.append(style(" " * _gutter_width(snippet) + " =", GUTTER) + f" docs: {url}")
    return "\n".join(lines) + "\n"


#: Source lines longer than this are shown as a window around the column, marked with "…".
MAX_SNIPPET = 100
_CONTEXT = 40


def _window(text: str, diag: Diagnostic, shown_line: int) -> tuple[str, Diagnostic]:
    """Cut a long line (minified JSON, hostile nesting) to a window around the finding."""
    if len(text) <= MAX_SNIPPET:
        return text, diag
    column = clamp_column(diag.column, text) if shown_line == diag.line else len(text)
    start = max(0, column - 1 - _CONTEXT)
    end = min(len(text), start + MAX_SNIPPET)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = start - len(prefix)
    end_line, end_col = end_position(diag)
    new_end = (
        min(end_col - shift, len(prefix) + (end - start) + 1) if end_line == diag.line else None
    )
    shifted = diag._replace(column=max(column - shift, 1), end_column=new_end)
    return prefix + text[start:end] + suffix, shifted


def _gutter_width(snippet: tuple[int, str] | None) -> int:
    return len(str(snippet[0])) if snippet is not None else 0


def _carets(diag: Diagnostic, shown_line: int, text: str) -> str:
    """Padding plus `^` under [column, end_column) of the shown line (at least one caret)."""
    line = max(diag.line, 1)
    start = clamp_column(diag.column, text) if shown_line == line else len(text) + 1
    end_line, end_col = end_position(diag)
    # a span running past this line is underlined to the line's end
    on_one_line = shown_line == line and end_line == line
    end = clamp_column(end_col, text) if on_one_line else len(text) + 1
    padding = "".join("\t" if ch == "\t" else " " * _width(ch) for ch in text[: start - 1])
    width = sum(_width(ch) for ch in text[start - 1 : end - 1])
    return padding + "^" * max(width, 1)


def _width(ch: str) -> int:
    """Terminal cells for one code point: 2 for wide East Asian, 0 for combining/format."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1


def _printable(text: str) -> str:
    """The source line with control characters (bar tab) made visible, never sent raw.

    A stray ESC in a spec must not drive the user's terminal; U+FFFD keeps the column count.
    """
    return "".join(
        "\ufffd" if (ch != "\t" and (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0)) else ch
        for ch in text
    )


def _summary(report: Report, style: _Style) -> str:
    line = summary(report.diagnostics, len(report.files))
    if not report.color:
        return line
    errors, warnings, _ = counts(visible(report.diagnostics))
    if errors:
        return style(line, SEVERITY_STYLE[Severity.ERROR])
    if warnings:
        return style(line, SEVERITY_STYLE[Severity.WARNING])
    return style(line, PASS_STYLE if line.startswith("All") else BOLD)
