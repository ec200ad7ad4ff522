"""`recspec explain`: a code, a code prefix, a rule name or a word."""

from __future__ import annotations

import json

from click.testing import CliRunner

from recspec.cli import cli
from recspec.rules import all_rules


def explain(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["explain", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_code_or_a_name_shows_the_page() -> None:
    for query in ("RS305", "rs305", "fps-range"):
        code, out, _ = explain(query)
        assert code == 0 and out.startswith("RS305 fps-range (")
        assert "Why" in out and "Bad" in out
    code, out, _ = explain("RS305", "--format", "json")
    assert code == 0 and json.loads(out)["code"] == "RS305"  # one rule: the object, as before


def test_a_prefix_lists_its_family() -> None:
    code, out, _ = explain("RS3")
    family = [r.code for r in all_rules() if r.code.startswith("RS3")]
    assert code == 0 and len(family) > 1
    assert [line.split()[0] for line in out.splitlines()[1:]] == family
    code, out, _ = explain("RS3", "--format", "json")
    assert [row["code"] for row in json.loads(out)] == family


def test_a_word_finds_rules_by_name_and_summary() -> None:
    code, out, _ = explain("fps")
    listed = {line.split()[0] for line in out.splitlines()[1:]}
    assert code == 0 and "RS305" in listed
    for rule in all_rules():
        holds = "fps" in rule.name or "fps" in rule.summary.lower()
        assert (rule.code in listed) == holds, rule.code


def test_a_word_that_finds_one_rule_shows_its_page() -> None:
    unique = next(
        r
        for r in all_rules()
        if sum(r.name in o.name or r.name in o.summary for o in all_rules()) == 1
    )
    code, out, _ = explain(unique.name.upper())
    assert code == 0 and out.startswith(f"{unique.code} {unique.name} (")


def test_nothing_found_is_a_usage_error_with_suggestions() -> None:
    code, out, err = explain("RS9")
    assert code == 2 and out == "" and "unknown rule 'RS9'" in err and "did you mean" in err
    code, _, err = explain("zzzz")
    assert code == 2 and "recspec rules" in err
