"""Spec rules (RS8xx): problems found while reading a TOML spec, before any payload exists.

The spec loader and compiler emit these (they need the TOML, not the payload), so the rules have
no `check`; their examples are whole specs, linted by the metadata-driven tests.
"""

from __future__ import annotations

from recspec.diagnostics import Severity
from recspec.rules.base import Rule

#: A small clean spec the examples start from.
BASE_SPEC = """\
version = 1

[room]
id = "class-101"
app_id = "${env:ZEGO_APP_ID:-1234567890}"
access_token = "${env:ZEGO_ACCESS_TOKEN:-dev-token}"

[layout]
preset = "grid"
streams = ["alice", "bob"]

[storage]
provider = "s3"
region = "us-east-1"
bucket = "recordings"
access_key_id = "${env:AWS_ACCESS_KEY_ID:-AKIAEXAMPLE}"
access_key_secret = "${env:AWS_SECRET_ACCESS_KEY:-example-secret}"
"""


def _with(extra: str, base: str = BASE_SPEC) -> str:
    return base + "\n" + extra


_DESIGN = "shared/spec/design.md (spec language v1)"

RULES: tuple[Rule, ...] = (
    Rule(
        code="RS801",
        name="unknown-spec-key",
        severity=Severity.ERROR,
        summary="A spec key that the spec language does not have (often a typo).",
        why="A misspelt key would silently do nothing; recspec refuses it and suggests the near miss.",
        bad=_with('[video]\nresolutoin = "720p"\n'),
        good=_with('[video]\nresolution = "720p"\n'),
        source=_DESIGN,
        kind="spec",
    ),
    Rule(
        code="RS802",
        name="invalid-spec-value",
        severity=Severity.ERROR,
        summary="A spec value has the wrong type or unit, or is not one of the allowed words.",
        why='Units are parsed, not guessed: "720p", "1.5Mbps", "90s", "#1A1A1A", provider names.',
        bad=_with('[video]\nbitrate = "fast"\n'),
        good=_with('[video]\nbitrate = "1.5Mbps"\n'),
        source=_DESIGN,
        kind="spec",
    ),
    Rule(
        code="RS803",
        name="missing-env-var",
        severity=Severity.ERROR,
        summary="A `${env:NAME}` reference names a variable that is not set and has no default.",
        why="Compiling with an empty credential would produce a payload that ZEGO rejects or that "
        "uploads nowhere; give the variable or a `${env:NAME:-default}`.",
        bad=BASE_SPEC.replace(
            "${env:ZEGO_ACCESS_TOKEN:-dev-token}", "${env:RECSPEC_SURELY_UNSET_VAR}"
        ),
        good=BASE_SPEC,
        source=_DESIGN,
        kind="spec",
    ),
    Rule(
        code="RS804",
        name="bad-extends",
        severity=Severity.ERROR,
        summary="An `extends` target is missing, unreadable, cyclic or too deep.",
        why="A spec that silently lost its base would compile to something else than intended.",
        bad='extends = "no-such-base.toml"\n' + BASE_SPEC,
        good=BASE_SPEC,
        source=_DESIGN,
        kind="spec",
    ),
    Rule(
        code="RS805",
        name="hard-coded-credential",
        severity=Severity.WARNING,
        summary="A credential is written literally in the spec instead of `${env:NAME}`.",
        why="Specs live in repositories; keys in them leak. ZEGO also advises write-only keys.",
        bad=BASE_SPEC.replace(
            '"${env:AWS_SECRET_ACCESS_KEY:-example-secret}"', '"wJalrXUtnFEMI/K7MDENG"'
        ),
        good=BASE_SPEC,
        source="reference rule 51; FAQ storage-temp-token",
        kind="spec",
    ),
    Rule(
        code="RS806",
        name="missing-spec-key",
        severity=Severity.ERROR,
        summary="A key the spec needs (room id, app id, token, storage provider, ...) is absent.",
        why="Without it the start payload would lack a required field.",
        bad=BASE_SPEC.replace('id = "class-101"\n', ""),
        good=BASE_SPEC,
        source=_DESIGN,
        kind="spec",
    ),
    Rule(
        code="RS807",
        name="layout-error",
        severity=Severity.ERROR,
        summary="The [layout] cannot be built (too many tiles, a tile outside the canvas, ...).",
        why="ZEGO shows at most 25 views and every view must fit the canvas.",
        bad=BASE_SPEC.replace('streams = ["alice", "bob"]', "tiles = 26"),
        good=BASE_SPEC,
        source="reference rules 21-22; layout engine",
        kind="spec",
    ),
    Rule(
        code="RS809",
        name="ineffective-spec-key",
        severity=Severity.WARNING,
        summary="A spec key or table that has no effect for the chosen provider, preset, mode, "
        "media or format.",
        why="Such a key is dropped from the payload, so it silently does nothing: title and "
        "storage_location are Aliyun VOD fields, sub_app_id Tencent VOD, bucket is for object "
        "storage; `corner` is read only by pip, `strip` only by speaker and presentation; "
        "[video] and the mix keys of [record] configure the mixed file, which single-stream mode "
        "never makes; a [layout] draws no picture for audio-only media or formats.",
        bad=_with('title = "lecture"\n'),  # appended to the [storage] table
        good=BASE_SPEC,
        source="reference §1.7",
        kind="spec",
    ),
    Rule(
        code="RS810",
        name="invalid-configuration",
        severity=Severity.ERROR,
        summary="A recspec configuration file has an unknown or malformed setting.",
        why="A misspelt setting (`ignor = [...]`) is silently ignored by most tools; recspec "
        "says so at the key. A configuration file named on the command line is checked as "
        "configuration, never as a spec.",
        bad='ignor = ["RS805"]\n',
        good='ignore = ["RS805"]\n',
        source="recspec configuration (README, Configuration)",
        kind="config",
    ),
    Rule(
        code="RS811",
        name="invalid-suppression",
        severity=Severity.WARNING,
        summary="A suppression comment cannot be read or names no rule.",
        why="`# recspec: ignore[RS3O5]` (a letter O for a zero) suppresses nothing, yet reads as if "
        "the finding were handled.",
        bad=BASE_SPEC.replace("[room]\n", "[room]  # recspec: ignore[RS3O5]\n"),
        good=BASE_SPEC.replace("[room]\n", "[room]  # recspec: ignore[RS305]\n"),
        source="recspec suppression comments (README)",
        kind="spec",
    ),
    Rule(
        code="RS812",
        name="unused-suppression",
        severity=Severity.INFO,
        summary="A suppression comment that silenced nothing (reported only when selected).",
        why="Suppressions outlive the findings they were written for; select this rule "
        "(`--select RS812`, like ruff's RUF100) to find the ones that can go.",
        bad=BASE_SPEC.replace("[room]\n", "[room]  # recspec: ignore[RS305]\n"),
        good=BASE_SPEC,
        source="ruff RUF100 (unused-noqa)",
        kind="spec",
        default=False,
    ),
)
