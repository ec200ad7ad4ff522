"""The fuzz oracle: run one input through every stage and check the only allowed outcomes.

A spec either compiles to a payload that is valid JSON and lints clean, or it yields
diagnostics; a payload yields diagnostics (maybe none). Every formatter returns a string (JSON,
SARIF and JUnit ones parse), previews of compiled mixed payloads draw, and no planted secret
reaches any human-facing output. Anything else (an exception, a leak) is a finding.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from typing import Any

from recspec.compiler import compile_file
from recspec.diagnostics import Diagnostic, Severity
from recspec.formats import FORMATS, Report, render
from recspec.locate import payload_diagnostics
from recspec.positions.json import parse_json
from recspec.redact import Redactor, credential_literals, credential_values
from recspec.render.ascii import render_ascii
from recspec.render.svg import render_svg
from recspec.rules import get_rule

#: A marker every planted secret carries; it must never show up outside a payload.
SECRET_MARK = "PLANTEDsecret"

#: The environment the fuzzed specs see: every variable the examples use, credentials planted.
ENV: dict[str, str] = {
    "ZEGO_APP_ID": "1234567890",
    "ZEGO_ACCESS_TOKEN": f"{SECRET_MARK}-zego-token",
    "AWS_ACCESS_KEY_ID": f"{SECRET_MARK}-aws-id",
    "AWS_SECRET_ACCESS_KEY": f"{SECRET_MARK}-aws-key",
    "ALIYUN_VOD_ACCESS_KEY": f"{SECRET_MARK}-vod-ak",
    "ALIYUN_VOD_SECRET_KEY": f"{SECRET_MARK}-vod-sk",
    "COS_SECRET_ID": f"{SECRET_MARK}-cos-id",
    "COS_SECRET_KEY": f"{SECRET_MARK}-cos-key",
    "OBS_ACCESS_KEY_ID": f"{SECRET_MARK}-obs-id",
    "OBS_SECRET_ACCESS_KEY": f"{SECRET_MARK}-obs-key",
    "OSS_ACCESS_KEY_ID": f"{SECRET_MARK}-oss-id",
    "OSS_ACCESS_KEY_SECRET": f"{SECRET_MARK}-oss-key",
    "QINIU_ACCESS_KEY": f"{SECRET_MARK}-qiniu-ak",
    "QINIU_SECRET_KEY": f"{SECRET_MARK}-qiniu-sk",
    "TENCENT_SECRET_ID": f"{SECRET_MARK}-tc-id",
    "TENCENT_SECRET_KEY": f"{SECRET_MARK}-tc-key",
    "WHITEBOARD_ID": "whiteboard-7",
    "FUZZ_SECRET": f"{SECRET_MARK}-anywhere",
}


def render_all(
    diagnostics: list[Diagnostic], files: list[str], sources: Mapping[str, str]
) -> dict[str, str]:
    """Every format's output for these diagnostics; each must be a string and well formed."""
    report = Report(
        diagnostics=diagnostics,
        files=files,
        sources=sources,
        rules=get_rule,
        tool_version="0",
        docs_url="https://example.invalid/docs",
    )
    outputs: dict[str, str] = {}
    for fmt in FORMATS:
        text = render(fmt, report)
        assert isinstance(text, str), fmt
        outputs[fmt] = text
    json.loads(outputs["json"])
    json.loads(outputs["sarif"])
    ET.fromstring(outputs["junit"])
    text_report = Report(diagnostics, files, sources, get_rule, color=True)
    outputs["text-color"] = render("text", text_report)
    return outputs


@cache
def _rule_docs() -> str:
    """Every rule's documentation as SARIF embeds it (examples hold sample credentials)."""
    from recspec.rules import all_rules

    fake = [
        Diagnostic("x.json", 1, 1, rule.code, rule.name, rule.severity, "-") for rule in all_rules()
    ]
    return render("sarif", Report(fake, ["x.json"], {}, get_rule)) + render(
        "text", Report(fake, ["x.json"], {}, get_rule)
    )


def _check_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.line >= 1 and d.column >= 1, d
        assert get_rule(d.rule) is not None, d.rule
        assert isinstance(d.message, str) and d.message, d


def _assert_no_secret(outputs: Mapping[str, str], where: str) -> None:
    for fmt, text in outputs.items():
        assert SECRET_MARK not in text, f"a planted secret leaked into {where} ({fmt} output)"


def _has_canvas(payload: dict[str, Any]) -> bool:
    mix = (payload.get("record_input_params") or {}).get("mix_config")
    return isinstance(mix, dict) and isinstance(mix.get("mix_output_video_config"), dict)


def check_spec_text(text: str, env: Mapping[str, str] = ENV, name: str = "fuzz.toml") -> bool:
    """Compile, lint, format and draw one spec text. Returns True when it compiled."""
    compiled = compile_file(name, text=text, env=env)
    diagnostics = compiled.diagnostics
    _check_diagnostics(diagnostics)
    outputs = render_all(diagnostics, [compiled.file], compiled.sources)
    # A planted literal whose key a mutation broke (`\x00ccess_token = '...'`) is no credential
    # any more: nothing says it is secret, so it may show. Env-planted markers must never show.
    exposed = text
    for literal in credential_literals(text):
        exposed = exposed.replace(literal, "")
    if SECRET_MARK not in exposed:
        _assert_no_secret(outputs, "spec diagnostics")
    payload = compiled.payload
    if payload is None:
        assert any(d.severity is Severity.ERROR for d in diagnostics)
        return False
    body = json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False)
    document, problems = parse_json(body)
    assert not problems, problems
    again = payload_diagnostics("payload.json", body, document, problems)
    errors = [d for d in again if d.severity is Severity.ERROR]
    assert not errors, f"a compiled payload does not lint clean: {errors}"
    if _has_canvas(payload):
        assert isinstance(render_svg(payload), str)
        assert isinstance(render_svg(payload, source_aspect=(16, 9)), str)
        assert isinstance(render_ascii(payload), str)
    return True


def check_payload_text(text: str, name: str = "fuzz.json") -> None:
    """Lint one payload text and format the findings; draw it when it lints clean."""
    document, problems = parse_json(text)
    diagnostics = payload_diagnostics(name, text, document, problems)
    _check_diagnostics(diagnostics)
    secrets = credential_values(document) + credential_literals(text)
    outputs = render_all(diagnostics, [name], {name: Redactor(secrets).mask(text)})
    for secret in {s for s in secrets if len(s) >= 10}:  # short ones match prose too
        # Only values that sit in credential fields alone; the same string elsewhere (or in a
        # rule's own documented example, which SARIF embeds) is fair.
        if text.count(secret) == secrets.count(secret) and secret not in _rule_docs():
            for fmt, output in outputs.items():
                assert secret not in output, f"credential {secret!r} leaked ({fmt} output)"
    if document is None:
        assert any(d.severity is Severity.ERROR for d in diagnostics)
        return
    clean = not any(d.severity is Severity.ERROR for d in diagnostics)
    if clean and isinstance(document, dict) and _has_canvas(document):
        try:
            render_svg(document)
            render_ascii(document)
        except ValueError:
            pass  # documented: a payload without a drawable canvas
