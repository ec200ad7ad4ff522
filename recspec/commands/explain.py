"""`recspec explain CODE_OR_NAME`: one rule's full documentation, with its examples."""

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
        "spec": spec_form_doc(rule),
    }


def spec_form_doc(rule: Rule) -> dict[str, Any] | None:
    """The rule in a spec (`recspec.rules.spec_form`): bad and good specs and the message."""
    from recspec.rules.spec_form import spec_form

    form = spec_form(rule)
    if form is None:
        return None
    return {
        "bad": form.bad,
        "good": form.good,
        "bad_excerpt": form.bad_excerpt,
        "good_excerpt": form.good_excerpt,
        "message": form.message,
        "unreachable": form.unreachable,
        "same": rule.kind == "spec",
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


def _example(value: Any, indent: int = 4) -> str:
    """Payload fragments as compact JSON; spec examples (TOML text) as they are."""
    text = value if isinstance(value, str) else compact_json(value)
    return textwrap.indent(text.rstrip("\n"), " " * indent)


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
        *_spec_section(rule),
        "Source",
        textwrap.fill(rule.source, width=88, initial_indent="    ", subsequent_indent="    "),
    ]
    return "\n".join(parts)


def _spec_section(rule: Rule) -> list[str]:
    form = spec_form_doc(rule)
    if form is None:
        return []
    if form["unreachable"]:
        return ["In a spec", f"    No spec produces this: {form['unreachable']}.", ""]
    lines = ["In a spec"]
    if not form["same"]:
        lines += ["    Bad — what it changes in the example spec", _example(form["bad_excerpt"], 8)]
        lines += ["", "    Good", _example(form["good_excerpt"], 8), ""]
    return [*lines, "    What recspec prints for the bad spec", _example(form["message"], 8), ""]


def _fields_section(rule: Rule) -> list[str]:
    pairs = fields_of(rule)
    if not pairs:
        return []
    width = max(len(old) for old, _ in pairs)
    lines = ["Fields (legacy start -> StartRecord v2)"]
    lines += [f"    {old.ljust(width)}  {new}" for old, new in pairs]
    return [*lines, ""]


def find_rules(query: str) -> list[Rule]:
    """Rules a code prefix (`RS3`) or a word (`fps`, `bucket`) names, in code order.

    A word matches a rule's name, summary or the fields it is about (either dialect's names).
    """
    from recspec.rules import all_rules

    text = query.strip()
    if not text:
        return []
    if text.upper().startswith("RS") and text[2:].isdigit():
        return [rule for rule in all_rules() if rule.code.startswith(text.upper())]
    word = text.lower()
    return [
        rule
        for rule in all_rules()
        if word in rule.name
        or word in rule.summary.lower()
        or any(word in f"{old} {new}".lower() for old, new in fields_of(rule))
    ]


def _list(rules: list[Rule], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([rule_doc(rule) for rule in rules], indent=2, ensure_ascii=False))
        return
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name.ljust(width)}  {rule.summary}")
    click.echo(f"\n{len(rules)} rules; `recspec explain CODE` shows one in full.")


@click.command("explain")
@click.argument("code_or_name")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def command(code_or_name: str, fmt: str) -> None:
    """Show one rule's documentation, by code (RS301) or name (fps-range); a code prefix (RS3)
    or a word (fps, watermark) lists the rules it matches."""
    from recspec.commands.common import exit_with
    from recspec.rules import get_rule, suggest

    rule = get_rule(code_or_name)
    if rule is None:
        matches = find_rules(code_or_name)
        if matches:
            _list(matches, fmt)
            return
        near = suggest(code_or_name)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see `recspec rules`"
        click.echo(f"recspec: unknown rule {code_or_name!r}{hint}", err=True)
        exit_with(2)
        return
    if fmt == "json":
        click.echo(json.dumps(rule_doc(rule), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(rule))
