"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Escaping follows `@actions/core` (`toCommandValue`/`escapeData`/`escapeProperty`): in the message
`%`, CR and LF become `%25`, `%0D`, `%0A`; property values additionally escape `:` and `,`.

GitHub keeps at most 10 annotations of each kind per step and drops the rest silently, so errors
come first, then warnings, then notices; past the cap one `::notice::` says how many were not
annotated and every finding is printed below as plain text, so nothing is lost.
"""

from __future__ import annotations

from recspec.diagnostics import Diagnostic, Severity
from recspec.formats import Report
from recspec.formats._common import concise, end_position, summary, visible

#: Annotations GitHub shows per kind (error, warning, notice) per step.
ANNOTATION_CAP = 10

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded (`%` first, so it is not doubled)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value: as `escape_data`, plus `:` and `,`, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic) -> str:
    """`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=recspec (RS203)::message`."""
    end_line, end_col = end_position(diag)
    props = [("file", diag.file), ("line", str(diag.line))]
    same_line = end_line == diag.line
    if same_line:  # GitHub rejects col/endColumn on a multi-line annotation
        props.append(("col", str(diag.column)))
    props.append(("endLine", str(end_line)))
    if same_line:
        props.append(("endColumn", str(end_col)))
    props.append(("title", f"recspec ({diag.rule})"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[diag.severity]} {rendered}::{escape_data(diag.message)}"


def render(report: Report) -> str:
    shown = visible(report.diagnostics)
    by_kind = {
        severity: [d for d in shown if d.severity is severity]
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    }
    annotated = (
        by_kind[Severity.ERROR][:ANNOTATION_CAP] + by_kind[Severity.WARNING][:ANNOTATION_CAP]
    )
    hidden = len(shown) - len(annotated) - len(by_kind[Severity.INFO])
    notes = by_kind[Severity.INFO]
    # The overflow notice is a notice too: keep a slot for it so it is never the one dropped.
    note_cap = ANNOTATION_CAP - 1 if hidden or len(notes) > ANNOTATION_CAP else ANNOTATION_CAP
    annotated += notes[:note_cap]
    hidden += len(notes) - len(notes[:note_cap])

    lines = [annotation(d) for d in annotated]
    if hidden:
        lines.append(
            "::notice title=recspec::"
            + escape_data(
                f"{hidden} more findings were not annotated (GitHub shows at most "
                f"{ANNOTATION_CAP} of each kind per step); all {len(shown)} are listed in the log "
                "below, and in full with --format sarif."
            )
        )
        lines.append(f"recspec: all {len(shown)} findings:")
        lines.extend(_plain(d) for d in shown)
    lines.append(summary(report.diagnostics, len(report.files)))
    return "\n".join(lines) + "\n"


def _plain(diag: Diagnostic) -> str:
    """One finding as plain log text that the runner can never read as a workflow command."""
    line = escape_data(concise(diag))
    return "./" + line if line.lstrip().startswith("::") else line
