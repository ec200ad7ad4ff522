"""`--format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts.

Shape: one run; `tool.driver.rules[]` holds only the rules that appear in results, sorted by code
so `ruleIndex` is stable across runs; `columnKind` says columns count code points; each result has
a relative `/`-separated URI, a region, `properties.pointer` (the payload JSON Pointer) and a
`primaryLocationLineHash` built from rule + file + the source line's text, not its number, so an
alert survives unrelated lines being added above it. Suppressed findings are kept and marked
`suppressions: [{"kind": "inSource"}]`, which GitHub shows as dismissed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from recspec.diagnostics import Diagnostic, Severity
from recspec.formats import Report
from recspec.formats._common import end_position, rule_url, source_line
from recspec.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: Used when no docs URL is configured: the package page always exists.
DEFAULT_INFORMATION_URI = "https://pypi.org/project/recspec/"
#: GitHub truncates rule descriptions past this many characters.
DESCRIPTION_LIMIT = 1024

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF document as plain data (tests and callers may inspect it before dumping)."""
    codes = sorted({d.rule for d in report.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    first: dict[str, Diagnostic] = {}
    for d in report.diagnostics:
        first.setdefault(d.rule, d)
    driver: dict[str, Any] = {
        "name": "recspec",
        "informationUri": report.docs_url or DEFAULT_INFORMATION_URI,
        "rules": [_descriptor(code, report.rules(code), first[code], report) for code in codes],
    }
    if report.tool_version:
        driver["version"] = report.tool_version
        driver["semanticVersion"] = report.tool_version
    seen: dict[str, int] = {}
    results = [_result(d, index[d.rule], report, seen) for d in report.diagnostics]
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        ],
    }


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative with `/` as GitHub wants, percent-encoded.

    Absolute paths become `file://` URIs (a relative reference cannot express them).
    """
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    if len(posix) >= 2 and posix[1] == ":" and posix[0].isalpha():  # C:/...
        return "file:///" + posix[:2] + quote(posix[2:])
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix)


def _descriptor(
    code: str, rule: Rule | None, example: Diagnostic, report: Report
) -> dict[str, Any]:
    url = rule_url(report.docs_url, code)
    if rule is None:  # e.g. a loader diagnostic whose code is not in the catalogue
        name, level = example.name or code, example.severity
        short = full = example.name or code
        help_text = help_md = f"{code}: {short}"
        tags = ["recspec"]
    else:
        name, level = rule.name, rule.severity
        short, full = rule.summary, rule.why or rule.summary
        help_text, help_md = _help(rule, url)
        tags = ["recspec", rule.kind] + ([rule.family] if rule.family else [])
    descriptor: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": _limit(short)},
        "fullDescription": {"text": _limit(full)},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[level]},
        "properties": {"tags": list(dict.fromkeys(tags))},
    }
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _help(rule: Rule, url: str | None) -> tuple[str, str]:
    """Plain and Markdown help: summary, why, a bad and a good example, where it comes from."""
    lang = "toml" if rule.kind == "spec" else "json"
    bad, good = _example(rule.bad), _example(rule.good)
    text = [rule.summary, "", rule.why]
    md = [f"**{rule.summary}**", "", rule.why]
    for label, example in (("Bad", bad), ("Good", good)):
        if example:
            text += ["", f"{label}:", example]
            md += ["", f"{label}:", "", f"```{lang}", example, "```"]
    if rule.source:
        text += ["", f"Source: {rule.source}"]
        md += ["", f"Source: {rule.source}"]
    if url:
        text += ["", f"Documentation: {url}"]
        md += ["", f"[Documentation]({url})"]
    return "\n".join(text).strip(), "\n".join(md).strip()


def _example(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.strip("\n")
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def _limit(text: str) -> str:
    text = text.strip() or "(no description)"
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


def _result(
    diag: Diagnostic, rule_index: int, report: Report, seen: dict[str, int]
) -> dict[str, Any]:
    uri = artifact_uri(diag.file)
    line, column = max(diag.line, 1), max(diag.column, 1)
    end_line, end_col = end_position(diag)
    result: dict[str, Any] = {
        "ruleId": diag.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[diag.severity],
        "message": {"text": diag.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": line,
                        "startColumn": column,
                        "endLine": end_line,
                        "endColumn": end_col,
                    },
                }
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": _line_hash(diag, uri, report, seen)},
        "properties": {"pointer": diag.pointer},
    }
    if diag.spec_path:
        result["properties"]["specPath"] = diag.spec_path
    if diag.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def _line_hash(diag: Diagnostic, uri: str, report: Report, seen: dict[str, int]) -> str:
    """`<hash>:<n>`: rule + file + the line's text (whitespace-trimmed), then an occurrence count.

    Like CodeQL's fingerprint, the line number is left out so the alert keeps its identity when
    lines move; the `:n` suffix tells apart identical findings on identical lines. Without the
    source text the pointer and message stand in for the line.
    """
    snippet = source_line(report.sources, diag.file, diag.line)
    anchor = snippet[1].strip() if snippet is not None else f"{diag.pointer}\0{diag.message}"
    key = f"{diag.rule}\0{uri}\0{anchor}".encode(
        "utf-8", "surrogatepass"
    )  # API text may hold any str
    digest = hashlib.sha256(key).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"
