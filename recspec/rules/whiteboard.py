"""Whiteboard rules (RS5xx): has_whiteboard, the whiteboard entry and the whiteboard view."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recspec.diagnostics import Severity
from recspec.rules._helpers import (
    INPUT,
    VIEWS,
    WHITEBOARD,
    as_int,
    color_problem,
    present,
    range_check,
    view_entries,
)
from recspec.rules.base import Finding, PayloadView, Rule, finding, per_document

_HAS = (*INPUT, "has_whiteboard")

#: A complete whiteboard entry for the examples.
_BOARD: dict[str, Any] = {"horizontal_ratio": 16, "vertical_ratio": 9, "whiteboard_id": "wb-1"}

#: BASE_PAYLOAD's 2x2 grid with the bottom-right camera replaced by the whiteboard.
_VIEWS_WITH_BOARD: list[dict[str, Any]] = [
    {"stream_id": "alice", "top": 0, "left": 0, "bottom": 360, "right": 640, "layer": 1},
    {"stream_id": "bob", "top": 0, "left": 640, "bottom": 360, "right": 1280, "layer": 1},
    {"stream_id": "carol", "top": 360, "left": 0, "bottom": 720, "right": 640, "layer": 1},
    {"view_type": 2, "top": 360, "left": 640, "bottom": 720, "right": 1280, "layer": 1},
]


def _with_board(**extra: Any) -> dict[str, Any]:
    """An example fragment recording one whiteboard in BASE_PAYLOAD's custom layout."""
    params: dict[str, Any] = {
        "has_whiteboard": True,
        "whiteboard": [_BOARD],
        "mix_config": {"mix_input_list": _VIEWS_WITH_BOARD},
    }
    params.update(extra)
    return {"record_input_params": params}


@per_document
def _boards(v: PayloadView) -> list[tuple[int, dict[str, Any]]]:
    """(index, entry) for every dict in the whiteboard list."""
    return [
        (i, entry) for i, entry in enumerate(v.list(*WHITEBOARD) or []) if isinstance(entry, dict)
    ]


@per_document
def _recording_board(v: PayloadView) -> bool:
    return v.bool(*_HAS) is True


def _check_required(v: PayloadView) -> Iterator[Finding]:
    if not _recording_board(v):
        return
    boards = v.get(*WHITEBOARD)
    if boards is None or boards == []:
        state = "missing" if boards is None else "empty"
        yield finding(
            WHITEBOARD,
            f"has_whiteboard is true but whiteboard is {state}; add one entry with "
            "horizontal_ratio, vertical_ratio and whiteboard_id",
        )


def _check_single(v: PayloadView) -> Iterator[Finding]:
    boards = v.list(*WHITEBOARD)
    if boards is not None and len(boards) > 1:
        yield finding(
            (*WHITEBOARD, 1),
            f"whiteboard has {len(boards)} entries; ZEGO records only one whiteboard per task "
            "— keep one, and start another task for another board",
        )


def _check_audio_only(v: PayloadView) -> Iterator[Finding]:
    if _recording_board(v) and v.stream_type == 1:
        yield finding(
            _HAS,
            "has_whiteboard is true but stream_type is 1 (audio only), and an audio-only task "
            "cannot record a whiteboard; use stream_type 3 or stop recording the whiteboard",
        )


def _check_without_has(v: PayloadView) -> Iterator[Finding]:
    boards = v.list(*WHITEBOARD)
    if boards and not _recording_board(v):
        yield finding(
            WHITEBOARD,
            "whiteboard is set but has_whiteboard is not true, so no whiteboard is recorded; set "
            "has_whiteboard = true or remove the whiteboard entries",
        )


def _check_size_in_mixed(v: PayloadView) -> Iterator[Finding]:
    if v.record_mode != 2:
        return
    for index, board in _boards(v):
        for key in ("width", "height"):
            if key in board:
                yield finding(
                    (*WHITEBOARD, index, key),
                    f"whiteboard {key} only sets the single-stream whiteboard video; in mixed "
                    "mode the board is drawn in its view — remove it",
                )


def _check_ppt_fps_range(v: PayloadView) -> Iterator[Finding]:
    for index, _board in _boards(v):
        yield from range_check((*WHITEBOARD, index, "ppt_animation_fps"), 1, 30)(v)


def _check_ppt_fps_without_animation(v: PayloadView) -> Iterator[Finding]:
    for index, board in _boards(v):
        if "ppt_animation_fps" in board and board.get("is_ppt_animation") is not True:
            yield finding(
                (*WHITEBOARD, index, "ppt_animation_fps"),
                "ppt_animation_fps only applies when is_ppt_animation is true; set "
                "is_ppt_animation = true (a paid feature) or remove ppt_animation_fps",
            )


def _check_ratio(v: PayloadView) -> Iterator[Finding]:
    for index, board in _boards(v):
        for key in ("horizontal_ratio", "vertical_ratio"):
            value = as_int(board.get(key))
            if value is not None and value <= 0:
                yield finding(
                    (*WHITEBOARD, index, key),
                    f"whiteboard {key} is {value}; the aspect ratio terms must be positive, "
                    "e.g. 16 and 9 for a 16:9 board",
                )


def _check_id_missing(v: PayloadView) -> Iterator[Finding]:
    if not _recording_board(v):
        return
    for index, board in _boards(v):
        if not present(board.get("whiteboard_id")):
            yield finding(
                (*WHITEBOARD, index, "whiteboard_id"),
                "whiteboard has no whiteboard_id, so nothing is recorded until you call "
                "UpdateWhiteboard; set whiteboard_id if the board already exists",
            )


def _board_views(v: PayloadView) -> list[int]:
    return [i for i, entry in view_entries(v) if as_int(entry.get("view_type")) == 2]


def _check_view_limit(v: PayloadView) -> Iterator[Finding]:
    indices = _board_views(v)
    for index in indices[1:]:
        yield finding(
            (*VIEWS, index, "view_type"),
            f"views {indices[0] + 1} and {index + 1} both have view_type 2; at most one view may "
            "show the whiteboard — set view_type 1 on the others",
        )


def _check_view_without_board(v: PayloadView) -> Iterator[Finding]:
    if _recording_board(v):
        return
    for index in _board_views(v):
        yield finding(
            (*VIEWS, index, "view_type"),
            f"view {index + 1} has view_type 2 (whiteboard) but has_whiteboard is not true; "
            "turn whiteboard recording on or set view_type 1",
        )


def _check_board_without_view(v: PayloadView) -> Iterator[Finding]:
    if not _recording_board(v) or v.record_mode != 2 or v.mix_mode != 1:
        return
    if v.list(*VIEWS) and not _board_views(v):
        yield finding(
            VIEWS,
            "the whiteboard is recorded with a custom layout but no view has view_type 2, so the "
            "board has nowhere to appear; give one view view_type 2",
        )


def _check_background_color(v: PayloadView) -> Iterator[Finding]:
    for index, entry in _boards(v):
        value = as_int(entry.get("background_color"))
        if value is not None and (problem := color_problem("background_color", value)):
            yield finding((*WHITEBOARD, index, "background_color"), problem)


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS501",
        name="whiteboard-required",
        severity=Severity.ERROR,
        summary="has_whiteboard true needs a whiteboard entry.",
        why=(
            "The legacy page: when has_whiteboard is true 'whiteboard 参数必选'. Without the "
            "entry ZEGO does not know the board's aspect ratio or id and rejects the request."
        ),
        bad={"record_input_params": {"has_whiteboard": True}},
        good=_with_board(),
        source="[L] seed record_input_params.has_whiteboard; reference §1.2, §2 rule 14",
        check=_check_required,
        needs=_HAS,
    ),
    Rule(
        code="RS502",
        name="single-whiteboard",
        severity=Severity.ERROR,
        summary="Only one whiteboard can be recorded per task.",
        why=(
            "ZEGO's whiteboard guide and FAQ: only one whiteboard is supported at present; "
            "further entries are not recorded."
        ),
        bad=_with_board(whiteboard=[_BOARD, {**_BOARD, "whiteboard_id": "wb-2"}]),
        good=_with_board(),
        source="[G-wb]; [FAQ:multiple-boards-recording]; reference §1.2, §2 rule 15",
        check=_check_single,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS503",
        name="whiteboard-audio-only",
        severity=Severity.ERROR,
        summary="An audio-only task (stream_type 1) cannot record a whiteboard.",
        why=(
            "The legacy page: 'stream_type 为 1,表示仅录制音频,此时无法录制白板' — with audio "
            "only the whiteboard cannot be recorded. The seed says this for every record mode; "
            "the StartRecord reference states it for mixed mode only."
        ),
        bad=_with_board(stream_type=1),
        good=_with_board(stream_type=3),
        source="[L] seed record_input_params note (no mode restriction); [A] says mixed mode "
        "only — seed wins; reference §2 rule 2",
        check=_check_audio_only,
        needs=_HAS,
    ),
    Rule(
        code="RS504",
        name="whiteboard-without-has-whiteboard",
        severity=Severity.WARNING,
        summary="whiteboard entries do nothing unless has_whiteboard is true.",
        why=(
            "has_whiteboard (default false) switches whiteboard recording on; without it the "
            "whiteboard entries are ignored and the recording has no board."
        ),
        bad={"record_input_params": {"whiteboard": [_BOARD]}},
        good=_with_board(),
        source="[L] seed record_input_params.has_whiteboard/whiteboard; reference §1.2",
        check=_check_without_has,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS505",
        name="whiteboard-size-in-mixed-mode",
        severity=Severity.WARNING,
        summary="whiteboard width/height only apply to single-stream recording.",
        why=(
            "The legacy page: whiteboard width/height are '单流录制白板输出视频的分辨率' — the "
            "resolution of the single-stream whiteboard video. In mixed mode the board is drawn "
            "into its view and these are ignored."
        ),
        bad=_with_board(whiteboard=[{**_BOARD, "width": 1280, "height": 720}]),
        good=_with_board(),
        source="[L] seed whiteboard.width/height; [G-wb]; reference §1.2, §2 rule 16",
        check=_check_size_in_mixed,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS506",
        name="ppt-animation-fps-range",
        severity=Severity.ERROR,
        summary="ppt_animation_fps must be between 1 and 30.",
        why="The legacy page: ppt_animation_fps '默认值为 15,有效范围 [1,30]'.",
        bad=_with_board(whiteboard=[{**_BOARD, "is_ppt_animation": True, "ppt_animation_fps": 60}]),
        good=_with_board(
            whiteboard=[{**_BOARD, "is_ppt_animation": True, "ppt_animation_fps": 15}]
        ),
        source="[L] seed whiteboard.ppt_animation_fps; reference §1.2, §2 rule 32",
        check=_check_ppt_fps_range,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS507",
        name="ppt-animation-fps-without-animation",
        severity=Severity.WARNING,
        summary="ppt_animation_fps does nothing unless is_ppt_animation is true.",
        why=(
            "The frame rate is for recording animated PPT (is_ppt_animation, default false, a "
            "paid feature that must be enabled by ZEGO). Without it the board is recorded "
            "statically and the frame rate is ignored."
        ),
        bad=_with_board(whiteboard=[{**_BOARD, "ppt_animation_fps": 20}]),
        good=_with_board(
            whiteboard=[{**_BOARD, "is_ppt_animation": True, "ppt_animation_fps": 20}]
        ),
        source="[L] seed whiteboard.is_ppt_animation/ppt_animation_fps; reference §2 rule 19 "
        "(inferred)",
        check=_check_ppt_fps_without_animation,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS508",
        name="whiteboard-ratio-positive",
        severity=Severity.ERROR,
        summary="horizontal_ratio and vertical_ratio must be positive.",
        why=(
            "They are the two terms of the original board's aspect ratio (e.g. 16 and 9) and "
            "must match the client's board, otherwise it renders tiny. No range is documented, "
            "but zero or a negative term is no aspect ratio at all."
        ),
        bad=_with_board(whiteboard=[{**_BOARD, "vertical_ratio": 0}]),
        good=_with_board(),
        source="[L] seed whiteboard.horizontal_ratio/vertical_ratio; "
        "[FAQ:recording-whiteboard-size-issue]; reference §2 rule 17 (positivity inferred)",
        check=_check_ratio,
        needs=WHITEBOARD,
    ),
    Rule(
        code="RS509",
        name="whiteboard-id-missing",
        severity=Severity.INFO,
        summary="Without whiteboard_id nothing is recorded until UpdateWhiteboard is called.",
        why=(
            "whiteboard_id is optional, but the StartRecord reference notes that without it no "
            "board is recorded until the id is supplied later through UpdateWhiteboard."
        ),
        bad=_with_board(whiteboard=[{"horizontal_ratio": 16, "vertical_ratio": 9}]),
        good=_with_board(),
        source="[A] Whiteboard.WhiteboardId; [L] seed whiteboard.whiteboard_id; reference §2 "
        "rule 18",
        check=_check_id_missing,
        needs=_HAS,
    ),
    Rule(
        code="RS510",
        name="whiteboard-view-limit",
        severity=Severity.ERROR,
        summary="At most one view may have view_type 2 (whiteboard).",
        why=(
            "ZEGO: at most one view may be view_type 2; two or more return an error. There is "
            "only one whiteboard per task to show."
        ),
        bad=_with_board(
            mix_config={
                "mix_input_list": [
                    *_VIEWS_WITH_BOARD[:2],
                    {
                        "view_type": 2,
                        "top": 360,
                        "left": 0,
                        "bottom": 720,
                        "right": 640,
                        "layer": 1,
                    },
                    _VIEWS_WITH_BOARD[3],
                ]
            }
        ),
        good=_with_board(),
        source="[A] MixInputList.ViewType; [U]; [FAQ:stream-mix-viewtype-2-config]; reference "
        "§1.4, §2 rule 23",
        check=_check_view_limit,
        needs=VIEWS,
    ),
    Rule(
        code="RS511",
        name="whiteboard-view-without-whiteboard",
        severity=Severity.ERROR,
        summary="view_type 2 is only valid when the whiteboard is recorded.",
        why=(
            "ZEGO: view_type 2 (whiteboard) is only valid when whiteboard recording is on "
            "(has_whiteboard true); otherwise the view has no content to show."
        ),
        bad={"record_input_params": {"mix_config": {"mix_input_list": _VIEWS_WITH_BOARD}}},
        good=_with_board(),
        source="[A] MixInputList.ViewType; [FAQ:stream-mix-viewtype-2-config]; reference §1.4, "
        "§2 rule 23",
        check=_check_view_without_board,
        needs=VIEWS,
    ),
    Rule(
        code="RS512",
        name="whiteboard-without-view",
        severity=Severity.WARNING,
        summary="A custom layout recording a whiteboard needs a view_type 2 view.",
        why=(
            "In the custom layout the whiteboard goes to the view_type 2 view; only the custom "
            "layout can position it. Without such a view the board has no place in the picture."
        ),
        bad={"record_input_params": {"has_whiteboard": True, "whiteboard": [_BOARD]}},
        good=_with_board(),
        source="[FAQ:recording-layout-board-position]; [G-lay] custom layout; reference §2 "
        "rule 27, §3 (inferred)",
        check=_check_board_without_view,
        needs=_HAS,
    ),
    Rule(
        code="RS513",
        name="whiteboard-background-color-format",
        severity=Severity.ERROR,
        summary="A whiteboard's background_color must be an unsigned 32-bit 0xRRGGBB00 value.",
        why="StartRecord: Whiteboard.BackgroundColor is 0xRRGGBB00 (three RGB bytes and a zero "
        "byte), default white; other integers give a wrong colour or are rejected.",
        bad={
            "record_input_params": {
                "has_whiteboard": True,
                "whiteboard": [{**_BOARD, "background_color": 0xFFFFFF}],
            }
        },
        good={
            "record_input_params": {
                "has_whiteboard": True,
                "whiteboard": [{**_BOARD, "background_color": 0xFFFFFF00}],
            }
        },
        source="[A] Whiteboard.BackgroundColor; reference §1.2, §2 rule 34",
        check=_check_background_color,
        needs=WHITEBOARD,
        dialect="v2",
    ),
)
