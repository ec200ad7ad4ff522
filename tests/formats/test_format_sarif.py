"""`--format sarif`: valid SARIF 2.1.0 (official schema) with what GitHub code scanning requires.

`sarif-schema-2.1.0.json` next to this file is the OASIS schema, copied byte for byte from
https://github.com/oasis-tcs/sarif-spec/blob/3682e9ee648f2f3e11ba1fcd47fc390a0b8f9dab/Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json
(the SARIF 2.1.0 Committee Specification; its `$id` is the `Schemata/sarif-schema-2.1.0.json`
URL). GitHub's own extra requirements (docs: "SARIF support for code scanning") are checked by
hand below, since the schema makes most of them optional.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema  # type: ignore[import-untyped]  # no stubs in the venv
import pytest
from formats_support import DOCS, IDLE, LECTURE, MIX, MIX_RULE, SOURCES, diag, make_report

from recspec.diagnostics import Severity
from recspec.formats import render
from recspec.formats.sarif import artifact_uri

SCHEMA_PATH = Path(__file__).with_name("sarif-schema-2.1.0.json")
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI_CHARS.match(value))


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or (_is_uri_reference(value) and bool(_SCHEME.match(value)))


@cache
def validator() -> jsonschema.Draft7Validator:
    """The official schema, with `uri`/`uri-reference` formats enforced (RFC 3986 characters)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    checker.checks("uri")(_is_uri)
    checker.checks("uri-reference")(_is_uri_reference)
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def sarif(**kwargs: object) -> dict[str, Any]:
    text = render("sarif", make_report(**kwargs))  # type: ignore[arg-type]
    assert text.endswith("}\n") and "\x1b" not in text
    log: dict[str, Any] = json.loads(text)
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def line_hash(rule: str, uri: str, line_text: str, n: int = 1) -> str:
    digest = hashlib.sha256(f"{rule}\0{uri}\0{line_text.strip()}".encode()).hexdigest()[:16]
    return f"{digest}:{n}"


def test_schema_file_is_the_official_one() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert len(schema["definitions"]) == 52
    jsonschema.Draft7Validator.check_schema(schema)
    # and it does reject a broken log, including a URI that is not RFC 3986
    assert not validator().is_valid({"version": "2.1.0", "runs": [{"results": []}]})
    log = json.loads(render("sarif", make_report(diagnostics=[MIX])))
    assert validator().is_valid(log)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = (
        "a b"
    )
    assert not validator().is_valid(log)


def test_exact_output_for_one_diagnostic() -> None:
    log = sarif(diagnostics=[MIX], tool_version="0.1.0", docs_url=DOCS)
    url = "https://example.invalid/recspec/rules.md#rs203"
    bad = '{\n  "record_input_params": {\n    "mix_config": null,\n    "record_mode": 2\n  }\n}'
    good = '{\n  "record_input_params": {\n    "record_mode": 1\n  }\n}'
    assert log == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "recspec",
                        "informationUri": DOCS,
                        "rules": [
                            {
                                "id": "RS203",
                                "name": "mix-config-required",
                                "shortDescription": {"text": MIX_RULE.summary},
                                "fullDescription": {"text": MIX_RULE.why},
                                "help": {
                                    "text": f"{MIX_RULE.summary}\n\n{MIX_RULE.why}\n\nBad:\n{bad}"
                                    f"\n\nGood:\n{good}\n\nSource: {MIX_RULE.source}"
                                    f"\n\nDocumentation: {url}",
                                    "markdown": f"**{MIX_RULE.summary}**\n\n{MIX_RULE.why}\n\n"
                                    f"Bad:\n\n```json\n{bad}\n```\n\nGood:\n\n```json\n{good}\n```"
                                    f"\n\nSource: {MIX_RULE.source}\n\n[Documentation]({url})",
                                },
                                "defaultConfiguration": {"level": "error"},
                                "properties": {"tags": ["recspec", "payload", "input"]},
                                "helpUri": url,
                            }
                        ],
                        "version": "0.1.0",
                        "semanticVersion": "0.1.0",
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": "RS203",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": 'record.mode = "mixed" needs a [mix] table'},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "specs/lecture.toml"},
                                    "region": {
                                        "startLine": 2,
                                        "startColumn": 8,
                                        "endLine": 2,
                                        "endColumn": 15,
                                    },
                                }
                            }
                        ],
                        "partialFingerprints": {
                            "primaryLocationLineHash": line_hash(
                                "RS203", "specs/lecture.toml", 'mode = "mixed"'
                            )
                        },
                        "properties": {
                            "pointer": "/record_input_params/mix_config",
                            "specPath": "record.mode",
                        },
                    }
                ],
            }
        ],
    }


def test_text_is_deterministic_and_indented() -> None:
    report = make_report()
    assert render("sarif", report) == render("sarif", report)
    assert render("sarif", report).startswith(
        '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n'
    )


def test_empty_report_is_valid() -> None:
    log = sarif(diagnostics=[], files=[], sources={})
    (run,) = log["runs"]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert run["tool"]["driver"]["informationUri"] == "https://pypi.org/project/recspec/"
    assert "semanticVersion" not in run["tool"]["driver"]  # no version given: none claimed


def test_github_required_fields() -> None:
    log = sarif(tool_version="1.2.3", docs_url=DOCS)
    assert log["$schema"] and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "recspec" and driver["semanticVersion"] == "1.2.3"
    assert run["columnKind"] == "unicodeCodePoints"
    for rule in driver["rules"]:
        assert rule["id"] and len(rule["name"]) <= 255
        assert 0 < len(rule["shortDescription"]["text"]) <= 1024
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == f"{DOCS}/rules.md#{rule['id'].lower()}"
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
    for result in run["results"]:
        assert result["message"]["text"]
        assert len(result["locations"]) == 1
        location = result["locations"][0]["physicalLocation"]
        assert not urlsplit(location["artifactLocation"]["uri"]).scheme
        assert set(location["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert re.fullmatch(
            r"[0-9a-f]{16}:\d+", result["partialFingerprints"]["primaryLocationLineHash"]
        )
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_levels_map_info_to_note() -> None:
    run = sarif()["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    assert [r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]] == [
        "error",
        "warning",
        "note",
    ]
    # a result's level follows the diagnostic (e.g. a severity override), not the rule default
    run = sarif(diagnostics=[diag(severity=Severity.WARNING)])["runs"][0]
    assert run["results"][0]["level"] == "warning"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "error"


def test_only_used_rules_sorted_with_stable_indexes() -> None:
    run = sarif(diagnostics=[IDLE, MIX, diag(line=5)])["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["RS203", "RS401"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        ("RS401", 1),
        ("RS203", 0),
        ("RS203", 0),
    ]


def test_spec_rule_help_uses_toml_examples_and_no_help_uri_without_docs() -> None:
    run = sarif(diagnostics=[diag(rule="RS310", severity=Severity.WARNING)])["runs"][0]
    (rule,) = run["tool"]["driver"]["rules"]
    assert "```toml\n[output]\nbitrate = 9000\n```" in rule["help"]["markdown"]
    assert "helpUri" not in rule
    assert rule["properties"]["tags"] == ["recspec", "spec"]


def test_unknown_rule_code_still_gets_a_complete_descriptor() -> None:
    d = diag(rule="RS001", name="toml-syntax", message="expected `=` after a key")
    (rule,) = sarif(diagnostics=[d])["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "RS001" and rule["name"] == "toml-syntax"
    assert rule["shortDescription"]["text"] == rule["fullDescription"]["text"] == "toml-syntax"
    assert rule["help"]["text"] == "RS001: toml-syntax"


def test_long_descriptions_are_cut_to_githubs_limit() -> None:
    from recspec.rules.base import Rule

    long_rule = Rule("RS999", "long", Severity.ERROR, "s" * 2000, "w" * 5000, None, None, "")
    report = make_report(diagnostics=[diag(rule="RS999")])
    report = report._replace(rules={"RS999": long_rule}.get)
    log = json.loads(render("sarif", report))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(rule["shortDescription"]["text"]) == len(rule["fullDescription"]["text"]) == 1024
    assert validator().is_valid(log)


def test_suppressed_findings_are_marked_in_source() -> None:
    run = sarif(diagnostics=[diag(suppressed=True), diag(line=5)])["runs"][0]
    assert run["results"][0]["suppressions"] == [{"kind": "inSource"}]
    assert "suppressions" not in run["results"][1]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("specs/lecture.toml", "specs/lecture.toml"),
        ("./specs/lecture.toml", "specs/lecture.toml"),
        ("specs\\win\\a.toml", "specs/win/a.toml"),
        ("a b/c:d,e.toml", "a%20b/c%3Ad%2Ce.toml"),
        ("specs/会议.toml", "specs/%E4%BC%9A%E8%AE%AE.toml"),
        ("/abs/x.json", "file:///abs/x.json"),
        ("C:\\work\\x.json", "file:///C:/work/x.json"),
    ],
)
def test_artifact_uris(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri
    assert sarif(diagnostics=[diag(file=path)], sources={})  # valid, uri formats included


def test_positions_are_clamped_to_valid_regions() -> None:
    d = diag(line=0, column=0, end_line=None, end_column=None)
    region = sarif(diagnostics=[d])["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "region"
    ]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    backwards = diag(end_line=1, end_column=3)
    region = sarif(diagnostics=[backwards])["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"
    ]["region"]
    assert region == {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": 8}


def _hash(log: dict[str, Any], i: int = 0) -> str:
    value: str = log["runs"][0]["results"][i]["partialFingerprints"]["primaryLocationLineHash"]
    return value


def test_line_hash_survives_lines_moving_but_not_edits() -> None:
    before = sarif(diagnostics=[MIX])
    moved = sarif(
        diagnostics=[diag(line=5)], sources={LECTURE: "# one\n# two\n# three\n" + SOURCES[LECTURE]}
    )
    assert _hash(before) == _hash(moved)
    edited = sarif(diagnostics=[MIX], sources={LECTURE: '[record]\nmode = "single"\n'})
    assert _hash(before) != _hash(edited)
    other_rule = sarif(diagnostics=[diag(rule="RS310")])
    assert _hash(before) != _hash(other_rule)
    other_file = sarif(
        diagnostics=[diag(file="specs/b.toml")], sources={"specs/b.toml": SOURCES[LECTURE]}
    )
    assert _hash(before) != _hash(other_file)
    indented = sarif(diagnostics=[MIX], sources={LECTURE: '[record]\n    mode = "mixed"  \n'})
    assert _hash(before) == _hash(indented)


def test_identical_findings_on_identical_lines_get_distinct_hashes() -> None:
    source = 'a = "x"\na = "x"\n'
    ds = [diag(file="d.toml", line=1), diag(file="d.toml", line=2)]
    log = sarif(diagnostics=ds, sources={"d.toml": source})
    assert _hash(log, 0).endswith(":1") and _hash(log, 1).endswith(":2")
    assert _hash(log, 0)[:-2] == _hash(log, 1)[:-2]


def test_line_hash_without_source_uses_pointer_and_message() -> None:
    a = sarif(diagnostics=[MIX], sources={})
    b = sarif(diagnostics=[diag(line=40)], sources={})
    c = sarif(diagnostics=[diag(pointer="/other")], sources={})
    assert _hash(a) == _hash(b) != _hash(c)


def test_messages_are_not_altered() -> None:
    message = 'bad value "${ZEGO_SECRET}" < & > \n second line'
    run = sarif(diagnostics=[diag(message=message)])["runs"][0]
    assert run["results"][0]["message"]["text"] == message
