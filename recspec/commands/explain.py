"""`recspec explain QUERY`: a rule's full documentation, or the rules a query finds.

A query is a code (RS301) or name (fps-range): that rule's page; a code prefix (RS3): the family;
any other word (fps, bucket): the rules whose name or summary holds it, or that rule's page when
only one does.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from recspec.rules.base import Rule


def rule_doc(rule: Rule) -> dict[str, Any]:
    """Everything known about a rule, as the public `--format json` object."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity.label,
        "kind": rule.kind,
        "summary": rule.summary,
        "why": rule.why,
        "bad": rule.bad,
        "good": rule.good,
        "source": rule.source,
        "fields": [{"legacy": old, "v2": new} for old, new in fields_of(rule)],
    }


def fields_of(rule: Rule) -> list[tuple[str, str]]:
    """The payload fields a rule's examples touch, as (legacy name, StartRecord v2 name)."""
    if rule.kind != "payload":
        return []
    from recspec.dialect.names import field_names

    pairs = field_names(rule.bad)
    return pairs + [pair for pair in field_names(rule.good) if pair not in pairs]


def compact_json(value: Any, indent: int = 0, width: int = 120) -> str:
    """Indented JSON that keeps small objects and lists on one line (views stay readable)."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or len(flat) + indent <= width or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {compact_json(v, indent + 2, width)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + compact_json(v, indent + 2, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def _example(value: Any) -> str:
    """Payload fragments as compact JSON; spec examples (TOML text) as they are."""
    text = value if isinstance(value, str) else compact_json(value)
    return textwrap.indent(text.rstrip("\n"), "    ")


def render_text(rule: Rule) -> str:
    """The human page: header, summary, why, examples, source."""
    where = (
        "merged into the example payload; null deletes a key"
        if rule.kind == "payload"
        else "a complete spec"
    )
    parts = [
        f"{rule.code} {rule.name} ({rule.severity.label}, {rule.family or rule.kind})",
        "",
        rule.summary,
        "",
        "Why",
        textwrap.fill(rule.why, width=88, initial_indent="    ", subsequent_indent="    "),
        "",
        *_fields_section(rule),
        f"Bad — {where}",
        _example(rule.bad),
        "",
        "Good",
        _example(rule.good),
        "",
        "Source",
        textwrap.fill(rule.source, width=88, initial_indent="    ", subsequent_indent="    "),
    ]
    return "\n".join(parts)


def _fields_section(rule: Rule) -> list[str]:
    pairs = fields_of(rule)
    if not pairs:
        return []
    width = max(len(old) for old, _ in pairs)
    lines = ["Fields (legacy start -> StartRecord v2)"]
    lines += [f"    {old.ljust(width)}  {new}" for old, new in pairs]
    return [*lines, ""]


def find_rules(query: str) -> tuple[Rule, ...]:
    """The rules `query` names: one by code or name, a family by code prefix, else by word."""
    from recspec.rules import all_rules, get_rule, is_known_selector, select_rules

    text = query.strip()
    rule = get_rule(text)
    if rule is not None:
        return (rule,)
    if not text:
        return ()
    if text.upper().startswith("RS"):
        return select_rules([text]) if is_known_selector(text) else ()
    word = text.lower()
    return tuple(r for r in all_rules() if word in r.name or word in r.summary.lower())


@click.command("explain")
@click.argument("query", metavar="CODE|PREFIX|NAME|WORD")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (json: one rule's object, or a list of catalogue rows).",
)
def command(query: str, fmt: str) -> None:
    """Show a rule's documentation by code (RS301) or name (fps-range); a code prefix (RS3)
    or a word (fps) lists the matching rules, or shows the page when only one matches."""
    from recspec.cli import exit_with
    from recspec.commands.rules import render_table, rule_summary
    from recspec.rules import suggest

    found = find_rules(query)
    if not found:
        near = suggest(query)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see `recspec rules`"
        click.echo(
            f"recspec: unknown rule {query!r}: no code, prefix, name or word matches{hint}",
            err=True,
        )
        exit_with(2)
        return
    if len(found) == 1:
        page = rule_doc(found[0])
        click.echo(
            json.dumps(page, indent=2, ensure_ascii=False)
            if fmt == "json"
            else render_text(found[0])
        )
    elif fmt == "json":
        click.echo(json.dumps([rule_summary(r) for r in found], indent=2, ensure_ascii=False))
    else:
        click.echo(render_table(found))
