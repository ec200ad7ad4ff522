"""`recspec rules` and `recspec explain` through click's runner and the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from recspec.commands import explain, rules
from recspec.rules import all_rules, get_rule


def test_rules_text_lists_every_rule() -> None:
    result = CliRunner().invoke(rules.command, [])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    assert len(lines) == 1 + len(all_rules())
    assert any(line.startswith("RS305 ") and "fps-range" in line for line in lines)


def test_rules_json() -> None:
    result = CliRunner().invoke(rules.command, ["--format", "json"])
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert [i["code"] for i in items] == [r.code for r in all_rules()]
    first = next(i for i in items if i["code"] == "RS410")
    assert first == {
        "code": "RS410",
        "name": "view-overlap-same-layer",
        "family": "layout",
        "severity": "warning",
        "kind": "payload",
        "summary": first["summary"],
    }


def test_explain_text_by_code_and_name() -> None:
    for arg in ("RS311", "bitrate-off-recommendation", "rs311"):
        result = CliRunner().invoke(explain.command, [arg])
        assert result.exit_code == 0, result.output
        out = result.output
        assert out.startswith("RS311 bitrate-off-recommendation (warning, canvas)")
        for section in ("Why", "Bad", "Good", "Source"):
            assert f"\n{section}" in out
        assert '"bitrate": 200000' in out


def test_explain_json_round_trips_examples() -> None:
    result = CliRunner().invoke(explain.command, ["RS702", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    rule = get_rule("RS702")
    assert rule is not None
    assert doc["bad"] == rule.bad and doc["good"] == rule.good
    assert set(doc) >= {"code", "name", "severity", "summary", "why", "bad", "good", "source"}


def test_explain_unknown_rule_exits_2_with_a_suggestion() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "recspec", "explain", "veiw-overlap"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "unknown rule 'veiw-overlap'" in lines[0] and "did you mean" in lines[0]
    assert "view-overlap-same-layer" in lines[0]
