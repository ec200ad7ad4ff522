"""Spec -> start payload, plus provenance: which spec key produced each payload field.

`compile_file` is the one pipeline behind `recspec compile`, `recspec lint x.toml`, `preview`
and `layout`: load the spec, build the payload dict, run every rule on it, and map each problem
back to the spec line through the provenance map. A payload is returned only when no
error-severity diagnostic remains.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from recspec.diagnostics import Diagnostic, Severity, pointer
from recspec.dialect.names import write
from recspec.locate import spec_diagnostics
from recspec.payload.bitrates import recommended_bitrate
from recspec.spec import units
from recspec.spec.env import KeyPath
from recspec.spec.loader import LoadedSpec, SpecProblem, deep_merge, load_spec
from recspec.spec.noops import ineffective_keys
from recspec.spec.units import PROVIDERS

Provenance = dict[str, KeyPath]


class Compiled:
    """The outcome of compiling one spec."""

    def __init__(self, file: str, loaded: LoadedSpec) -> None:
        self.file = file
        self.loaded = loaded
        #: the API compiled for: "legacy" or "v2" (`--target`, the spec's `target`, configuration)
        self.target = "legacy"
        #: the built canonical body (`recspec.payload.models`), even when it has problems
        self.document: dict[str, Any] | None = None
        self.provenance: Provenance = {}
        self.diagnostics: list[Diagnostic] = []
        #: a computed preset's views under 16 px are reported once at `[layout]` (RS411, with
        #: what to change), so the per-view RS411 findings are left out
        self.small_views_advised = False

    @property
    def spec(self) -> Any:
        return self.loaded.spec

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR and not d.suppressed for d in self.diagnostics)

    @property
    def sources(self) -> dict[str, str]:
        """The spec texts for report snippets, secrets starred out (positions unchanged)."""
        from recspec.redact import Redactor

        mask = Redactor(self.loaded.secrets).mask
        return {name: mask(text) for name, text in self.loaded.texts.items()}

    @property
    def body(self) -> dict[str, Any] | None:
        """The canonical body (what the layout tools read), or None when the spec has errors."""
        return self.document if self.ok else None

    @property
    def payload(self) -> dict[str, Any] | None:
        """The request body in the target's dialect, or None when the spec has errors."""
        if not self.ok or self.document is None:
            return None
        body: dict[str, Any] = write(self.document, self.target)
        return body


class _Builder:
    """Builds the payload dict and records, for each field, the spec key that set it."""

    def __init__(self) -> None:
        self.doc: dict[str, Any] = {}
        self.provenance: Provenance = {}
        #: set when a field was added out of the models' order (the v2 extras): reorder once
        self.reorder = False

    def set(self, path: tuple[str | int, ...], value: Any, source: KeyPath) -> None:
        node: Any = self.doc
        for depth, step in enumerate(path[:-1]):
            child = node.get(step)
            if child is None:  # a new object: traced to the key that made it
                child = node[step] = {}
                self.provenance.setdefault(pointer(*path[: depth + 1]), source)
            node = child
        node[path[-1]] = value
        self.provenance[pointer(*path)] = source

    def maybe(self, path: tuple[str | int, ...], value: Any, source: KeyPath) -> None:
        if value is not None:
            self.set(path, value, source)


_MEDIA = {"audio": 1, "video": 2, "audio+video": 3, "separate": 4}
_CAMERA_OFF = {"last-frame": 1, "color": 2, "none": 3}
_MUTE = {"record": 1, "drop": 2}
RIP = "record_input_params"
MIX = (RIP, "mix_config")


def build_payload(
    spec: Any, explicit: set[str], target: str = "legacy"
) -> tuple[dict[str, Any], Provenance]:
    """Translate a validated `Spec` into the canonical start body (human units -> API integers).

    `explicit` names the top-level spec tables the user wrote and `layout.KEY` for the layout
    keys written (ZEGO's own layouts get a fill mode only when `layout.fit` is written). For target v2, app_id and
    access_token stay out of the body (StartRecord authenticates in the query string).
    """
    b = _Builder()
    if target == "legacy":
        for key in ("app_id", "access_token"):  # traced even when missing: RS101 at [room]
            b.maybe((key,), getattr(spec.room, key), ("room", key))
            b.provenance[pointer(key)] = ("room", key)
    b.set(("room_id",), spec.room.id, ("room", "id"))

    record = spec.record
    mixed = record.mode == "mixed" if record.mode else spec.layout is not None
    mode_source: KeyPath = (
        ("record", "mode") if record.mode else ("layout",) if spec.layout else ("room",)
    )
    b.set((RIP, "record_mode"), 2 if mixed else 1, mode_source)
    if record.media:
        b.set((RIP, "stream_type"), _MEDIA[record.media], ("record", "media"))
    b.maybe((RIP, "client_task_id"), record.client_task_id, ("record", "client_task_id"))
    if record.streams is not None:
        items = [{"stream_id": s} for s in record.streams]
        b.set((RIP, "record_stream_list"), items, ("record", "streams"))
        for index in range(len(items)):
            b.provenance[pointer(RIP, "record_stream_list", index)] = ("record", "streams", index)
    b.maybe((RIP, "fill_blank"), record.fill_blank, ("record", "fill_blank"))
    if record.camera_off:
        b.set(
            (RIP, "fill_frame", "frame_fill_mode"),
            _CAMERA_OFF[record.camera_off],
            ("record", "camera_off"),
        )
    if record.camera_off_color:
        color = units.parse_color(record.camera_off_color)
        b.set((RIP, "fill_frame", "frame_fill_color"), color, ("record", "camera_off_color"))
    if record.mute_audio:
        b.set((RIP, "record_mute_audio"), _MUTE[record.mute_audio], ("record", "mute_audio"))
    if record.mute_split is not None:
        split = units.parse_duration(record.mute_split)
        b.set((RIP, "record_mute_audio_split_threshold"), split, ("record", "mute_split"))

    if spec.whiteboard is not None:
        _build_whiteboard(b, spec.whiteboard)
    if record.max_idle is not None:
        b.set((RIP, "max_idle_time"), units.parse_duration(record.max_idle), ("record", "max_idle"))
    if record.max_duration is not None:
        b.set(
            (RIP, "max_record_time"),
            units.parse_duration(record.max_duration),
            ("record", "max_duration"),
        )

    b.maybe(
        (RIP, "resume_without_interruption"),
        record.resume_without_interruption,
        ("record", "resume_without_interruption"),
    )
    if mixed:  # in single mode [video] and the mix keys are RS809 (`recspec.spec.noops`)
        _build_mix(b, spec, recommended_bitrate, explicit)
        _build_mix_extras(b, spec)

    output = spec.output
    b.maybe(("record_output_params", "output_file_format"), output.format, ("output", "format"))
    b.maybe(("record_output_params", "output_folder"), output.folder, ("output", "folder"))
    if output.snapshot_interval is not None:
        interval = units.parse_duration(output.snapshot_interval)
        b.set(
            ("record_output_params", "snapshot_interval"), interval, ("output", "snapshot_interval")
        )
    b.maybe(
        ("record_output_params", "callback_url"), output.callback_url, ("output", "callback_url")
    )
    if output.fragment is not None:
        fragment = units.parse_duration(output.fragment)
        b.set(("record_output_params", "fragment_seconds"), fragment, ("output", "fragment"))
    b.maybe(
        ("record_output_params", "realtime_upload_fragment"),
        output.realtime_upload,
        ("output", "realtime_upload"),
    )
    b.maybe(
        ("record_output_params", "short_fragment_path"),
        output.short_fragment_path,
        ("output", "short_fragment_path"),
    )

    _build_storage(b, spec.storage, PROVIDERS[spec.storage.provider])
    if b.reorder:
        from recspec.payload.shape import canonical

        b.doc = canonical(b.doc)
    return b.doc, b.provenance


def _build_whiteboard(b: _Builder, board: Any) -> None:
    b.set((RIP, "has_whiteboard"), True, ("whiteboard",))
    base = (RIP, "whiteboard", 0)
    horizontal, vertical = units.parse_ratio(board.ratio)
    b.set((*base, "horizontal_ratio"), horizontal, ("whiteboard", "ratio"))
    b.set((*base, "vertical_ratio"), vertical, ("whiteboard", "ratio"))
    if board.size:
        width, height = units.parse_resolution(board.size)
        b.set((*base, "width"), width, ("whiteboard", "size"))
        b.set((*base, "height"), height, ("whiteboard", "size"))
    b.maybe((*base, "whiteboard_id"), board.id, ("whiteboard", "id"))
    b.maybe((*base, "is_ppt_animation"), board.ppt_animation, ("whiteboard", "ppt_animation"))
    b.maybe(
        (*base, "ppt_animation_fps"), board.ppt_animation_fps, ("whiteboard", "ppt_animation_fps")
    )
    if board.background:
        color = units.parse_color(board.background)
        b.set((*base, "background_color"), color, ("whiteboard", "background"))
        b.reorder = True
    # The API wants an array with one board; the builder made a dict keyed 0: turn it into a list.
    b.doc[RIP]["whiteboard"] = [b.doc[RIP]["whiteboard"][0]]
    b.provenance[pointer(RIP, "whiteboard")] = ("whiteboard",)


def _build_mix(b: _Builder, spec: Any, recommended_bitrate: Any, explicit: set[str]) -> None:
    from recspec.layout import plan_layout

    video = spec.video
    width, height = units.parse_resolution(video.resolution)
    if spec.layout is not None:
        plan = plan_layout(spec.layout, width, height, whiteboard=spec.whiteboard is not None)
        b.set((*MIX, "mix_mode"), plan.mix_mode, ("layout", "preset"))
        if plan.views:
            b.set((*MIX, "mix_input_list"), [v.to_payload() for v in plan.views], ("layout",))
            for index, view in enumerate(plan.views):
                b.provenance[pointer(*MIX, "mix_input_list", index)] = view.source or ("layout",)
        elif "layout.fit" in explicit:  # ZEGO's own layouts: one fill mode for all views
            b.set((*MIX, "fill_mode"), 2 if spec.layout.fit == "fit" else 1, ("layout", "fit"))
    stream_id = video.stream_id or f"{spec.room.id}-mix"
    b.set(
        (*MIX, "mix_output_stream_id"),
        stream_id,
        ("video", "stream_id") if video.stream_id else ("room", "id"),
    )
    config = (*MIX, "mix_output_video_config")
    b.set((*config, "width"), width, ("video", "resolution"))
    b.set((*config, "height"), height, ("video", "resolution"))
    b.set((*config, "fps"), video.fps, ("video", "fps"))
    if video.bitrate is not None:
        b.set((*config, "bitrate"), units.parse_bitrate(video.bitrate), ("video", "bitrate"))
    else:
        b.set((*config, "bitrate"), recommended_bitrate(width, height, video.fps), ("video",))
    if video.audio_bitrate is not None:
        audio = units.parse_bitrate(video.audio_bitrate)
        b.set((*MIX, "mix_output_audio_config", "bitrate"), audio, ("video", "audio_bitrate"))
    if video.background:
        b.set(
            (*MIX, "mix_output_background_color"),
            units.parse_color(video.background),
            ("video", "background"),
        )
    b.maybe(
        (*MIX, "mix_output_background_image"), video.background_image, ("video", "background_image")
    )
    if spec.layout is not None and plan.big_view_stream:  # after the image: the models' order
        b.set((*MIX, "mix_max_resolution_stream_id"), plan.big_view_stream, ("layout",))
    b.maybe((*MIX, "mix_output_watermark_image"), video.watermark, ("video", "watermark"))
    b.maybe(
        (*MIX, "default_mix_stream_background_image"),
        video.placeholder_image,
        ("video", "placeholder_image"),
    )


_STREAM_MEDIA = {"default": 0, "audio": 1, "video": 2, "audio+video": 3}


def _build_mix_extras(b: _Builder, spec: Any) -> None:
    """The StartRecord (v2) mix settings: watermark box, time watermark, sound wave, ..."""

    video, record = spec.video, spec.record
    before = len(b.provenance)
    _add_mix_extras(b, video, record)
    b.reorder = b.reorder or len(b.provenance) != before


def _add_mix_extras(b: _Builder, video: Any, record: Any) -> None:
    if video.watermark_box is not None:
        box = video.watermark_box
        value = {"left": box.left, "top": box.top, "right": box.right, "bottom": box.bottom}
        path = (*MIX, "mix_output_watermark_image_config")
        b.set(path, value, ("video", "watermark_box"))
        for side in value:
            b.provenance[pointer(*path, side)] = ("video", "watermark_box", side)
    b.maybe((*MIX, "is_always_mix"), video.always_mix, ("video", "always_mix"))
    if video.time_watermark_size is not None:
        b.set(
            (*MIX, "mix_output_watermark_timestamp_config", "font_size"),
            video.time_watermark_size,
            ("video", "time_watermark_size"),
        )
    if record.sound_wave is not None:
        b.set((*MIX, "record_sound_wave"), True, ("record", "sound_wave"))
        kind = 1 if record.sound_wave == "user" else 0
        b.set((*MIX, "sound_wave_type"), kind, ("record", "sound_wave"))
    if record.stream_media is not None:
        items = [
            {"stream_id": "" if stream == "*" else stream, "stream_type": _STREAM_MEDIA[media]}
            for stream, media in record.stream_media.items()
        ]
        b.set((*MIX, "stream_config_list"), items, ("record", "stream_media"))
        for index, stream in enumerate(record.stream_media):
            source = ("record", "stream_media", stream)
            b.provenance[pointer(*MIX, "stream_config_list", index)] = source
    if video.input_timeout is not None:
        timeout = units.parse_milliseconds(video.input_timeout)
        b.set((*MIX, "clear_input_stream_timeout"), timeout, ("video", "input_timeout"))


def _build_storage(b: _Builder, storage: Any, provider: int) -> None:
    base = ("storage_params",)
    b.set((*base, "storage_provider"), provider, ("storage", "provider"))
    if provider == 5:
        vod = (*base, "aliyun_vod_params")
        b.maybe((*vod, "region"), storage.region, ("storage", "region"))
        b.maybe((*vod, "access_key"), storage.access_key_id, ("storage", "access_key_id"))
        b.maybe((*vod, "secret_key"), storage.access_key_secret, ("storage", "access_key_secret"))
        b.maybe((*vod, "title"), storage.title, ("storage", "title"))
        b.maybe(
            (*vod, "storage_location"), storage.storage_location, ("storage", "storage_location")
        )
        if "aliyun_vod_params" not in b.doc[base[0]]:
            b.set(vod, {}, ("storage",))
        b.provenance[pointer(*vod)] = ("storage", "provider")  # what makes its fields required
    elif provider == 6:
        vod = (*base, "tencentyun_vod_params")
        b.maybe((*vod, "access_key_id"), storage.access_key_id, ("storage", "access_key_id"))
        b.maybe(
            (*vod, "access_key_secret"), storage.access_key_secret, ("storage", "access_key_secret")
        )
        b.maybe((*vod, "region"), storage.region, ("storage", "region"))
        b.maybe((*vod, "sub_app_id"), storage.sub_app_id, ("storage", "sub_app_id"))
        if "tencentyun_vod_params" not in b.doc[base[0]]:
            b.set(vod, {}, ("storage",))
        b.provenance[pointer(*vod)] = ("storage", "provider")
    else:
        b.maybe((*base, "region"), storage.region, ("storage", "region"))
        b.maybe((*base, "bucket_name"), storage.bucket, ("storage", "bucket"))
        b.maybe((*base, "access_key_id"), storage.access_key_id, ("storage", "access_key_id"))
        b.maybe(
            (*base, "access_key_secret"),
            storage.access_key_secret,
            ("storage", "access_key_secret"),
        )
        b.maybe((*base, "end_point"), storage.endpoint, ("storage", "endpoint"))
        b.maybe(
            (*base, "s3_force_path_style"),
            storage.force_path_style,
            ("storage", "force_path_style"),
        )


def _refuse_non_json(compiled: Compiled) -> None:
    """Compile never writes what is not strict JSON (NaN, infinities, TOML dates and times),
    even when a comment suppressed the type error that says so: one error that no comment
    can hide, at the spec key that put the value there."""
    import math

    def bad(node: Any, path: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], Any] | None:
        if isinstance(node, dict):
            return next((b for k, v in node.items() if (b := bad(v, (*path, k)))), None)
        if isinstance(node, list):
            return next((b for i, v in enumerate(node) if (b := bad(v, (*path, i)))), None)
        if isinstance(node, float) and not math.isfinite(node):
            return path, node
        if node is not None and not isinstance(node, str | int | float | bool):
            return path, node
        return None

    found = bad(compiled.document, ())
    if found is None:
        return
    from recspec.locate import TomlLocator, _diagnostic, provenance_of
    from recspec.rules import get_rule

    path, value = found
    _, key_path = provenance_of(compiled.provenance, pointer(*path))
    file = compiled.loaded.origin(key_path) if key_path else compiled.loaded.file
    span = TomlLocator(compiled.loaded.texts.get(file, ""))(key_path)
    what = type(value).__name__ if not isinstance(value, float) else repr(value)
    message = f"`{path[-1]}` is {what}, which JSON cannot carry; the body is not written"
    diagnostic = _diagnostic(get_rule("RS103"), "RS103", file, span, message, pointer(*path))
    compiled.diagnostics.append(diagnostic)


def _payload_table(loaded: LoadedSpec, raw: dict[str, Any], target: str) -> dict[str, Any]:
    """`[payload]` is written in the target's own field names: read it into canonical names.

    A key of the other dialect there (a legacy `room_id` in a v2 spec's `[payload]`) would be
    dropped by the reading; it is RS108 at that key instead of a silent no-op.
    """
    if target == "legacy":
        return raw
    from recspec.diagnostics import pointer_tokens
    from recspec.dialect.names import read

    canonical, foreign = read(raw, target)
    for finding in foreign:
        path: KeyPath = ("payload", *pointer_tokens(finding.pointer))
        loaded.problems.append(SpecProblem("RS108", finding.message, loaded.origin(path), path))
    result: dict[str, Any] = canonical
    return result


def _apply_payload_table(b: _Builder, raw: dict[str, Any], target: str) -> None:
    """`[payload]`: deep-merge raw fields last; each one is traced to its spec key as written
    (in the target's own names: `payload.RecordInputParams.MaxIdleTime` for v2)."""
    from recspec.diagnostics import pointer_tokens
    from recspec.dialect.names import native_pointer

    deep_merge(b.doc, raw)

    def trace(node: Any, path: tuple[str | int, ...]) -> None:
        canonical = pointer(*path)
        written = pointer_tokens(native_pointer(canonical, target))
        b.provenance[canonical] = ("payload", *(int(t) if t.isdigit() else t for t in written))
        if isinstance(node, dict):
            for key, value in node.items():
                trace(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                trace(value, (*path, index))

    for key, value in raw.items():
        trace(value, (key,))


def _advise_small_views(compiled: Compiled) -> None:
    """RS411 once at `layout.preset` when a computed preset's views are under 16 px: the
    per-view advice ("make it larger") is not something a spec can do (recspec.layout.readable)."""
    from recspec.rules.layout import MIN_VIEW_SIDE

    spec, document = compiled.spec, compiled.document
    views: Any = document
    for key in (RIP, "mix_config", "mix_input_list"):  # [payload] may have put anything here
        views = views.get(key) if isinstance(views, dict) else None
    traced = compiled.provenance.get(pointer(*MIX, "mix_input_list"), ())
    if spec.layout is None or not isinstance(views, list) or traced[:1] != ("layout",):
        return  # no computed views, or [payload] replaced them: the rules speak for themselves
    sides = (
        (view.get("right", 0) - view.get("left", 0), view.get("bottom", 0) - view.get("top", 0))
        for view in views
        if isinstance(view, dict)
    )
    if all(min(side) >= MIN_VIEW_SIDE for side in sides if all(isinstance(s, int) for s in side)):
        return
    from recspec.layout.readable import advice

    width, height = units.parse_resolution(spec.video.resolution)
    message = advice(spec.layout, width, height, whiteboard=spec.whiteboard is not None)
    if message is None:
        return
    path: KeyPath = ("layout", "preset")
    compiled.loaded.problems.append(
        SpecProblem("RS411", message, compiled.loaded.origin(path), path)
    )
    compiled.small_views_advised = True


def compile_file(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    env: Mapping[str, str] | None = None,
    target: str | None = None,
    default_target: str = "legacy",
    report_unused: bool = False,
    unset_env: str | None = None,
) -> Compiled:
    """Load, build and lint one spec. Raises `UnreadableError` only for an unreadable `path`.

    `unset_env`: see `load_spec` (drawing commands only; `compile` and `lint` never pass it).

    The API compiled for is `target` (the command line), else the spec's own `target`, else
    `default_target` (the configuration's).
    """
    from recspec.layout.plan import LayoutError  # not the package: a single stream plans nothing

    loaded = load_spec(path, text=text, env=env, unset_env=unset_env)
    compiled = Compiled(file=loaded.file, loaded=loaded)
    if loaded.spec is not None:
        compiled.target = target or loaded.spec.target or default_target
        layout = loaded.data.get("layout")
        explicit = set(loaded.data) | {
            f"layout.{key}" for key in (layout if isinstance(layout, dict) else ())
        }
        try:
            document, provenance = build_payload(loaded.spec, explicit, compiled.target)
        except LayoutError as exc:
            loaded.problems.append(
                SpecProblem("RS807", str(exc), loaded.origin(exc.path), exc.path)
            )
        else:
            mixed = document[RIP]["record_mode"] == 2
            for key_path, message in ineffective_keys(loaded.spec, loaded.data, mixed):
                loaded.problems.append(
                    SpecProblem("RS809", message, loaded.origin(key_path), key_path)
                )
            builder = _Builder()
            builder.doc, builder.provenance = document, provenance
            if loaded.spec.payload:
                raw = _payload_table(loaded, loaded.spec.payload, compiled.target)
                _apply_payload_table(builder, raw, compiled.target)
            compiled.document = builder.doc
            compiled.provenance = builder.provenance
            _advise_small_views(compiled)
    compiled.diagnostics = spec_diagnostics(compiled, report_unused)
    if compiled.ok and compiled.document is not None and loaded.spec.payload:
        _refuse_non_json(compiled)  # only [payload] puts values the spec models did not type
    if compiled.ok and compiled.document is not None and loaded.spec.payload:
        # The builder already writes fields in the models' order; `[payload]` merges may not.
        from recspec.payload.shape import canonical

        compiled.document = canonical(compiled.document)
    return compiled
