"""Structure rules (RS1xx): syntax, required fields, unknown keys, strict types, enum values.

One strict validation of the payload against the legacy models (`recspec.payload.legacy`) feeds
RS101-RS104 and RS106, so the models stay the single source of truth for field names, types and
requiredness. RS100 and RS105 come from the file reader (they need the text, not the document).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

from recspec.diagnostics import Severity, pointer
from recspec.modelpath import model_at, suggest, type_name, unwrap
from recspec.rules.base import Finding, PayloadView, Rule

#: Top-level keys of the newer PascalCase StartRecord body: a sign the user wrote the other dialect.
_V2_KEYS = frozenset({"RoomId", "RecordInputParams", "RecordOutputParams", "StorageParams"})


def _errors(view: PayloadView) -> list[dict[str, Any]]:
    """Validation errors of the whole document, computed once per document."""
    if "structure" not in view.cache:
        from pydantic import ValidationError

        from recspec.payload.legacy import StartPayload

        try:
            StartPayload.model_validate(view.doc)
            errors: list[dict[str, Any]] = []
        except ValidationError as exc:
            errors = [dict(e) for e in exc.errors(include_url=False, include_input=True)]
        view.cache["structure"] = errors
    result: list[dict[str, Any]] = view.cache["structure"]
    return result


def _is_v2(view: PayloadView) -> bool:
    return isinstance(view.doc, dict) and bool(_V2_KEYS & view.doc.keys())


def _where(loc: tuple[Any, ...]) -> str:
    parent = [str(step) for step in loc[:-1] if isinstance(step, str)]
    return parent[-1] if parent else "the payload"


def _payload_model_at(loc: tuple[Any, ...]) -> Any:
    from recspec.payload.legacy import StartPayload

    return model_at(StartPayload, loc)


def _field_enum(loc: tuple[Any, ...]) -> type[enum.Enum] | None:
    model = _payload_model_at(loc)
    field = getattr(model, "model_fields", {}).get(loc[-1]) if model is not None else None
    if field is None:
        return None
    kind = unwrap(field.annotation)
    return kind if isinstance(kind, type) and issubclass(kind, enum.Enum) else None


def _select(view: PayloadView, *types_: str) -> Iterator[dict[str, Any]]:
    if _is_v2(view):
        return
    for error in _errors(view):
        if error["type"] in types_:
            yield error


def _check_dialect(view: PayloadView) -> Iterator[Finding]:
    if _is_v2(view):
        yield Finding(
            "",
            "this is a PascalCase StartRecord (v2) body; recspec checks the legacy `start` body "
            "(app_id, access_token, room_id, record_input_params, ...)",
        )
    elif not isinstance(view.doc, dict):
        yield Finding("", f"the start payload must be a JSON object, not {type_name(view.doc)}")


def _check_required(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "missing"):
        loc = tuple(error["loc"])
        yield Finding(pointer(*loc), f"`{loc[-1]}` is required in {_where(loc)}")


def _check_unknown(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "extra_forbidden"):
        loc = tuple(error["loc"])
        key = str(loc[-1])
        known = list(getattr(_payload_model_at(loc), "model_fields", {}))
        hint = suggest(key, known)
        yield Finding(pointer(*loc), f"unknown field `{key}` in {_where(loc)}{hint}")


_TYPE_ERRORS = {
    "int_type": "an integer",
    "int_parsing": "an integer",
    "string_type": "a string",
    "bool_type": "a boolean",
    "list_type": "an array",
    "model_type": "an object",
    "dict_type": "an object",
    "model_attributes_type": "an object",
    "null_forbidden": "a value",
}


def _check_types(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, *_TYPE_ERRORS):
        loc = tuple(error["loc"])
        if not loc:
            continue  # the document itself is not an object: RS107 says so
        got = type_name(error.get("input"))
        extra = "; omit the field to use its default" if error.get("input") is None else ""
        yield Finding(
            pointer(*loc), f"`{loc[-1]}` must be {_TYPE_ERRORS[error['type']]}, not {got}{extra}"
        )


def _check_enums(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "enum"):
        loc = tuple(error["loc"])
        allowed = ""
        kind = _field_enum(loc)
        if kind is not None:
            names = ", ".join(f"{m.value!r} ({m.name.lower().replace('_', ' ')})" for m in kind)
            allowed = f"; allowed: {names}"
        yield Finding(pointer(*loc), f"`{loc[-1]}` is {error.get('input')!r}{allowed}")


def _check_int64(view: PayloadView) -> Iterator[Finding]:
    for error in _select(view, "less_than_equal", "greater_than_equal"):
        loc = tuple(error["loc"])
        yield Finding(pointer(*loc), f"`{loc[-1]}` does not fit in a signed 64-bit integer")


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
        summary="A key that the legacy start body does not have (often a typo).",
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
        summary="The document is not a legacy start body (not an object, or the v2 PascalCase dialect).",
        why="recspec checks the legacy snake_case `start` body; the newer StartRecord body has other "
        "field names and would drown in unknown-field errors.",
        bad={"RoomId": "r"},
        good={"room_id": "r"},
        source="reference §1 (legacy vs new columns)",
        check=_check_dialect,
    ),
)
