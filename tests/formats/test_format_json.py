"""`--format json`: the public contract, one array of `Diagnostic.to_json()` items."""

from __future__ import annotations

import json

from formats_support import DIAGNOSTICS, diag, make_report

from recspec.formats import render

CONTRACT = {
    "file": str,
    "line": int,
    "column": int,
    "rule": str,
    "severity": str,
    "message": str,
    "pointer": str,
}


def test_exact_output_for_one_diagnostic() -> None:
    out = render("json", make_report(diagnostics=[diag(file="specs/会议.toml")]))
    assert out == (
        "[\n"
        "  {\n"
        '    "file": "specs/会议.toml",\n'
        '    "line": 2,\n'
        '    "column": 8,\n'
        '    "end_line": 2,\n'
        '    "end_column": 15,\n'
        '    "rule": "RS203",\n'
        '    "name": "mix-config-required",\n'
        '    "severity": "error",\n'
        '    "message": "record.mode = \\"mixed\\" needs a [mix] table",\n'
        '    "pointer": "/record_input_params/mix_config",\n'
        '    "spec_path": "record.mode"\n'
        "  }\n"
        "]\n"
    )


def test_empty_report_is_an_empty_array() -> None:
    assert render("json", make_report(diagnostics=[])) == "[]\n"
    assert render("json", make_report(diagnostics=[], files=[], sources={})) == "[]\n"


def test_items_are_exactly_to_json_in_order() -> None:
    items = json.loads(render("json", make_report()))
    assert items == [d.to_json() for d in DIAGNOSTICS]


def test_contract_fields_and_types() -> None:
    items = json.loads(render("json", make_report()))
    assert len(items) == 3
    for item in items:
        for key, kind in CONTRACT.items():
            assert isinstance(item[key], kind), key
        assert item["line"] >= 1 and item["column"] >= 1
        assert not isinstance(item["line"], bool)
        assert item["severity"] in {"error", "warning", "info"}
        assert item["pointer"] == "" or item["pointer"].startswith("/")
    assert [i["severity"] for i in items] == ["error", "warning", "info"]


def test_suppressed_findings_are_left_out() -> None:
    out = render("json", make_report(diagnostics=[diag(suppressed=True), diag(line=5)]))
    assert [i["line"] for i in json.loads(out)] == [5]


def test_deterministic_and_unicode_kept() -> None:
    report = make_report(diagnostics=[diag(message='会议室 🎥 \u2028 < & "')])
    first, second = render("json", report), render("json", report)
    assert first == second
    assert "会议室 🎥" in first and "\\u" not in first.replace("\\u2028", "")
    assert json.loads(first)[0]["message"] == '会议室 🎥 \u2028 < & "'
