"""`recspec rules`: the rule catalogue as a table (text) or a list of objects (json)."""

from __future__ import annotations

import json

import click

from recspec.rules.base import Rule


def rule_summary(rule: Rule) -> dict[str, str]:
    """The catalogue row of one rule (the public `--format json` item; fields are only added)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity.label,
        "kind": rule.kind,
        "summary": rule.summary,
    }


def render_table(rules: tuple[Rule, ...]) -> str:
    """Aligned columns: code, name, severity, summary."""
    name_width = max((len(rule.name) for rule in rules), default=4)
    lines = [f"{'CODE':<6} {'NAME':<{name_width}} {'SEVERITY':<8} SUMMARY"]
    lines += [
        f"{rule.code:<6} {rule.name:<{name_width}} {rule.severity.label:<8} {rule.summary}"
        for rule in rules
    ]
    return "\n".join(lines)


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def command(fmt: str) -> None:
    """List every lint rule: code, name, default severity and summary."""
    from recspec.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([rule_summary(r) for r in rules], indent=2, ensure_ascii=False))
    else:
        click.echo(render_table(rules))
