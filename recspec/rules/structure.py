"""Structure rules (RS1xx): syntax, required fields, unknown keys, strict types, enum values.

One walk of the canonical body against the models' shape (`recspec.payload.shape`, generated
from `recspec.payload.models`) feeds RS101-RS104, RS106 and RS109, so the models stay the single
source of truth for field names, types and requiredness without paying pydantic's start-up on
every lint. RS100 and RS105 come from the file reader (they need the text, not the document);
RS108 from reading the body's dialect (`recspec.dialect.names`).
"""

from __future__ import annotations

from collections.abc import Iterator

from recspec.diagnostics import Severity, pointer
from recspec.modelpath import suggest, type_name
from recspec.payload.shape import Loc, StructureError, structure_errors
from recspec.rules.base import Finding, PayloadView, Rule, per_document


@per_document
def _errors_by_kind(view: PayloadView) -> dict[str, list[StructureError]]:
    """The document's structure errors grouped by kind, in walk order (one walk per document)."""
    grouped: dict[str, list[StructureError]] = {}
    if not isinstance(view.doc, dict):
        return grouped
    for error in structure_errors(view.doc, dialect=view.dialect.name):
        grouped.setdefault(error.kind, []).append(error)
    return grouped


def _select(view: PayloadView, kind: str) -> list[StructureError]:
    """The document's structure errors of one kind."""
    return _errors_by_kind(view).get(kind, [])


def _where(loc: tuple[str | int, ...]) -> str:
    parent = [str(step) for step in loc[:-1] if isinstance(step, str)]
    return parent[-1] if parent else "the payload"


def _check_object(view: PayloadView) -> Iterator[Finding]:
    if not isinstance(view.doc, dict):
        yield Finding("", f"the start payload must be a JSON object, not {type_name(view.doc)}")


def _check_mixed_dialect(view: PayloadView) -> Iterator[Finding]:
    yield from view.foreign
    for loc, message in _strays(view).items():
        yield Finding(pointer(*loc), message)


def _check_other_dialect(view: PayloadView) -> Iterator[Finding]:
    other = "StartRecord (v2)" if view.dialect.name == "legacy" else "the legacy start API"
    for error in _select(view, "dialect"):
        name = error.loc[-1]
        if name in ("app_id", "access_token"):
            fix = "StartRecord sends AppId and a signature in the query string — remove it"
        else:
            fix = 'compile with target = "v2", or remove it'
        yield Finding(
            pointer(*error.loc),
            f"`{name}` exists only in {other}, not in {view.dialect.title} — {fix}",
        )
    for error in _select(view, "dialect-value"):
        names = ", ".join(f"{value!r} ({name})" for value, name in error.allowed)
        yield Finding(
            pointer(*error.loc),
            f"`{error.loc[-1]}` is {error.value!r}, which only {other} accepts; "
            f"{view.dialect.title} allows {names}",
        )


def _check_required(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "missing"):
        yield Finding(pointer(*error.loc), f"`{error.loc[-1]}` is required in {_where(error.loc)}")


@per_document
def _strays(view: PayloadView) -> dict[Loc, str]:
    """Unknown keys of a legacy body that are StartRecord (v2) keys: RS108's, not RS102's."""
    unknown = _select(view, "unknown")
    if view.dialect.name != "legacy" or not unknown:
        return {}
    from recspec.dialect.names import stray_v2_key

    found = {}
    for error in unknown:
        message = stray_v2_key(error.loc)
        if message is not None:
            found[error.loc] = message
    return found


def _check_unknown(view: PayloadView) -> Iterator[Finding]:
    strays = _strays(view)
    for error in _select(view, "unknown"):
        if error.loc in strays:
            continue
        key = str(error.loc[-1])
        hint = suggest(key, list(error.known))
        yield Finding(pointer(*error.loc), f"unknown field `{key}` in {_where(error.loc)}{hint}")


def _check_types(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "type"):
        if not error.loc:
            continue  # the document itself is not an object: RS107 says so
        got = type_name(error.value)
        extra = "; omit the field to use its default" if error.value is None else ""
        yield Finding(
            pointer(*error.loc), f"`{error.loc[-1]}` must be {error.expected}, not {got}{extra}"
        )


def _check_enums(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "enum"):
        names = ", ".join(f"{value!r} ({name})" for value, name in error.allowed)
        yield Finding(
            pointer(*error.loc), f"`{error.loc[-1]}` is {error.value!r}; allowed: {names}"
        )


def _check_int64(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "overflow"):
        yield Finding(
            pointer(*error.loc), f"`{error.loc[-1]}` does not fit in a signed 64-bit integer"
        )


def _check_empty_required(view: PayloadView) -> Iterator[Finding]:
    for name in ("room_id", "access_token"):
        value = view.get(name)
        if isinstance(value, str) and not value.strip():
            yield Finding(
                pointer(name),
                f"`{name}` is empty; it is required — an unset CI secret or environment "
                "variable often expands to an empty string",
            )
    app_id = view.int("app_id")
    if app_id is not None and app_id <= 0:
        yield Finding(pointer("app_id"), f"`app_id` is {app_id}; a ZEGO AppID is a positive number")


_BASE = "[L] seed parameter tables; reference §1"

RULES: tuple[Rule, ...] = (
    Rule(
        code="RS100",
        name="invalid-syntax",
        severity=Severity.ERROR,
        summary="The file does not parse as JSON (payloads) or TOML (specs).",
        why="ZEGO rejects a body it cannot parse, and nothing else can be checked. ZEGO's own "
        'samples contain `"app_id": 0000` and trailing commas, which strict JSON forbids.',
        bad='{"app_id": 0000, "room_id": "r",}',
        good='{"app_id": 1, "room_id": "r"}',
        source="RFC 8259; TOML 1.0; seed examples",
        kind="file",
    ),
    Rule(
        code="RS101",
        name="missing-required-field",
        severity=Severity.ERROR,
        summary="A field the API marks as required is absent.",
        why="The start call fails (or records nothing) without it.",
        bad={"room_id": None},
        good={"room_id": "class-101"},
        source=_BASE + " (是否必选 = 是)",
        check=_check_required,
    ),
    Rule(
        code="RS102",
        name="unknown-field",
        severity=Severity.ERROR,
        summary="A key that the start body does not have (often a typo).",
        why="Unknown keys are ignored silently at best, so a misspelt setting quietly does nothing.",
        bad={"storage_params": {"regoin": "us-east-1"}},
        good={"storage_params": {"region": "us-east-1"}},
        source=_BASE,
        check=_check_unknown,
    ),
    Rule(
        code="RS103",
        name="wrong-type",
        severity=Severity.ERROR,
        summary="A value has the wrong JSON type (a string where an Int is documented, ...).",
        why='The API is typed: "1280" is not an Int and true is not 1. null is not a value either: '
        "omit a field to get its default.",
        bad={"record_input_params": {"mix_config": {"mix_output_video_config": {"width": "1280"}}}},
        good={"record_input_params": {"mix_config": {"mix_output_video_config": {"width": 1280}}}},
        source=_BASE + " (类型 column)",
        check=_check_types,
    ),
    Rule(
        code="RS104",
        name="invalid-enum-value",
        severity=Severity.ERROR,
        summary="A coded field has a value outside its documented set.",
        why="record_mode, stream_type, mix_mode, view_type, fill_mode, frame_fill_mode, "
        "record_mute_audio, storage_provider, output_file_format and output_file_rule only take "
        "the documented codes.",
        bad={"record_input_params": {"stream_type": 9}},
        good={"record_input_params": {"stream_type": 3}},
        source="reference §1.2-1.7 (legacy enum values inferred from v2, §5.1)",
        check=_check_enums,
    ),
    Rule(
        code="RS105",
        name="duplicate-key",
        severity=Severity.ERROR,
        summary="The same key appears twice in one JSON object.",
        why="RFC 8259 leaves the meaning undefined: parsers disagree on which value wins.",
        bad='{"app_id": 1, "app_id": 2}',
        good='{"app_id": 1}',
        source="RFC 8259 §4",
        kind="file",
    ),
    Rule(
        code="RS106",
        name="integer-overflow",
        severity=Severity.ERROR,
        summary="An Int64 field holds a number outside the signed 64-bit range.",
        why="app_id and sub_app_id are Int64; larger numbers overflow on the server.",
        bad={"app_id": 2**70},
        good={"app_id": 1234567890},
        source="[L] app_id Int64; tencentyun_vod_params.sub_app_id Int64",
        check=_check_int64,
    ),
    Rule(
        code="RS107",
        name="not-a-legacy-payload",
        severity=Severity.ERROR,
        summary="The document is not a start body at all (not a JSON object).",
        why="Both dialects send one JSON object. (Before 0.2 this rule also rejected every "
        "StartRecord body; v2 bodies are now read and checked like legacy ones.)",
        bad="[1, 2]",
        good={"room_id": "class-101"},
        source="reference §1.1",
        check=_check_object,
    ),
    Rule(
        code="RS108",
        name="mixed-dialect-key",
        severity=Severity.ERROR,
        summary="A key of the other dialect: a legacy name in a StartRecord body, or the reverse.",
        why="ZEGO reads one naming style per call: `room_id` in a StartRecord body (or `RoomId` "
        "in a legacy body) is ignored, so the setting silently does nothing. StartRecord "
        "authenticates in the query string, so AppId and access_token do not belong in its body.",
        bad={"RoomId": "class-101"},
        good={"room_id": "class-101"},
        source="reference §1.0, §1.1 (Legacy and New columns)",
        check=_check_mixed_dialect,
    ),
    Rule(
        code="RS109",
        name="not-in-dialect",
        severity=Severity.ERROR,
        summary="A field or code that only the other API has (e.g. v2's client_task_id, vendor 8-10).",
        why="The legacy start API has no ClientTaskId, EndPoint, watermark box, sound wave, "
        "... and knows providers 1-7 and five output formats; StartRecord has no app_id or "
        "access_token in its body. Sent to the wrong API, they are rejected or ignored.",
        bad={"record_input_params": {"client_task_id": "t-1"}},
        good={"record_input_params": {}},
        source="reference §1 (fields marked new only), §1.7 provider table",
        check=_check_other_dialect,
    ),
    Rule(
        code="RS110",
        name="empty-required-value",
        severity=Severity.ERROR,
        summary="A required room id or access token is empty, or the app id is not positive.",
        why="An empty value passes a type check but records nothing: ZEGO rejects the call, or "
        "starts a task for the wrong room. It is what a CI secret missing on a fork's pull "
        "request expands to.",
        bad={"access_token": ""},
        good={"access_token": "example-access-token"},
        source="[L] app_id / access_token / room_id (是否必选 = 是)",
        check=_check_empty_required,
    ),
)
