"""`--format text`: exact output, caret placement by code point, clamping, colour."""

from __future__ import annotations

import re

from formats_support import DOCS, IDLE, MEETING, diag, make_report
from hypothesis import given
from hypothesis import strategies as st

from recspec.diagnostics import Severity
from recspec.formats import render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(**kwargs: object) -> str:
    return render("text", make_report(**kwargs))  # type: ignore[arg-type]


def test_exact_output() -> None:
    assert text() == (
        'specs/lecture.toml:2:8: RS203 [error] record.mode = "mixed" needs a [mix] table\n'
        "  |\n"
        '2 | mode = "mixed"\n'
        "  |        ^^^^^^^\n"
        "\n"
        "specs/lecture.toml:5:11: RS310 [warning] bitrate 9000 kbps is more than 720p needs\n"
        "  |\n"
        "5 | bitrate = 9000\n"
        "  |           ^^^^\n"
        "\n"
        "specs/会议.toml:1:10: RS401 [info] max_idle_time is not set (defaults to 30 s)\n"
        "  |\n"
        '1 | title = "会议室 🎥"\n'
        "  |          ^^^^^^\n"  # 9 cells of padding, then 3 wide chars = 6 carets
        "\n"
        "Found 1 error, 1 warning, 1 info (3 files checked).\n"
    )


def test_docs_link_per_finding() -> None:
    out = text(diagnostics=[diag()], docs_url=DOCS + "/")
    assert out == (
        'specs/lecture.toml:2:8: RS203 [error] record.mode = "mixed" needs a [mix] table\n'
        "  |\n"
        '2 | mode = "mixed"\n'
        "  |        ^^^^^^^\n"
        "  = docs: https://example.invalid/recspec/rules.md#rs203\n"
        "\n"
        "Found 1 error, 0 warnings (3 files checked).\n"
    )


def test_clean_and_empty_reports() -> None:
    assert text(diagnostics=[]) == "All checks passed (3 files checked).\n"
    assert text(diagnostics=[], files=[]) == "All checks passed (0 files checked).\n"
    assert text(diagnostics=[], files=["a.toml"]) == "All checks passed (1 file checked).\n"


def test_suppressed_findings_are_counted_not_listed() -> None:
    out = text(diagnostics=[diag(suppressed=True)], files=["specs/lecture.toml"])
    assert out == "All checks passed (1 file checked, 1 suppressed).\n"


def test_pluralisation() -> None:
    two = [diag(), diag(column=1, end_column=None)]
    assert text(diagnostics=two).endswith("Found 2 errors, 0 warnings (3 files checked).\n")


def test_caret_counts_code_points_but_pads_by_display_width() -> None:
    # t-i-t-l-e-space-=-space-" is 9 code points, then 会议室 (10-12), a space (13), 🎥 (14), " (15)
    line = '1 | title = "会议室 🎥"\n'
    space = text(diagnostics=[IDLE._replace(column=13, end_column=14)])
    assert line + "  | " + " " * 15 + "^\n" in space  # 9 cells + 3 wide chars (6 cells)
    emoji = text(diagnostics=[IDLE._replace(column=14, end_column=15)])
    assert line + "  | " + " " * 16 + "^^\n" in emoji  # the emoji itself is two cells wide
    quote = text(diagnostics=[IDLE._replace(column=15, end_column=16)])
    assert line + "  | " + " " * 18 + "^\n" in quote


def test_combining_marks_take_no_cell() -> None:
    source = 'name = "e\u0301x"\n'  # é written as e + COMBINING ACUTE ACCENT
    d = diag(file="a.toml", line=1, column=11, end_column=12)  # the `x`
    out = text(diagnostics=[d], sources={"a.toml": source})
    assert "  |          ^\n" in out  # `name = "é` is 9 cells


def test_tabs_are_kept_in_the_padding() -> None:
    d = diag(file="a.toml", line=1, column=3, end_column=4)
    out = text(diagnostics=[d], sources={"a.toml": "\t\tx = 1\n"})
    assert "1 | \t\tx = 1\n  | \t\t^\n" in out


def test_positions_past_the_end_are_clamped() -> None:
    sources = {"a.toml": "short\n"}
    past_col = text(
        diagnostics=[diag(file="a.toml", line=1, column=40, end_column=50)], sources=sources
    )
    assert "1 | short\n  |      ^\n" in past_col
    past_line = text(
        diagnostics=[diag(file="a.toml", line=99, column=3, end_line=99)], sources=sources
    )
    assert "2 |\n  | ^\n" in past_line  # the empty last line, caret at its end
    assert past_line.startswith("a.toml:99:3: RS203")  # the headline keeps the real position
    zero = text(
        diagnostics=[diag(file="a.toml", line=0, column=0, end_line=0, end_column=0)],
        sources=sources,
    )
    assert "1 | short\n  | ^\n" in zero
    empty = text(diagnostics=[diag(file="e.toml", line=3, column=9)], sources={"e.toml": ""})
    assert "1 |\n  | ^\n" in empty


def test_multi_line_span_underlines_to_end_of_line() -> None:
    d = diag(end_line=4, end_column=2)
    assert '2 | mode = "mixed"\n  |        ^^^^^^^\n' in text(diagnostics=[d])


def test_crlf_and_wide_gutter() -> None:
    source = "\r\n" * 11 + "key = 1\r\n"
    out = text(
        diagnostics=[diag(file="w.toml", line=12, column=7, end_column=8)],
        sources={"w.toml": source},
    )
    assert "   |\n12 | key = 1\n   |       ^\n" in out


def test_no_source_means_no_snippet() -> None:
    out = text(diagnostics=[diag(file="gone.json")], docs_url=DOCS)
    assert out.startswith(
        'gone.json:2:8: RS203 [error] record.mode = "mixed" needs a [mix] table\n'
        " = docs: https://example.invalid/recspec/rules.md#rs203\n\n"
    )


def test_control_characters_in_source_never_reach_the_terminal() -> None:
    d = diag(file="a.toml", line=1, column=3, end_column=4)
    out = text(diagnostics=[d], sources={"a.toml": "\x1b[31mx = 1\n"})
    assert "\x1b" not in out
    assert "1 | \ufffd[31mx = 1\n  |   ^\n" in out


def test_colour_only_when_asked_and_strips_to_plain() -> None:
    plain = text()
    coloured = text(color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    assert "\x1b[1;33m[warning]\x1b[0m" in coloured
    assert "\x1b[1;36m[info]\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain
    clean = render("text", make_report(diagnostics=[], color=True))
    assert clean == "\x1b[1;32mAll checks passed (3 files checked).\x1b[0m\n"


def test_messages_are_printed_as_given() -> None:
    d = diag(message="secret-looking ${ZEGO_SECRET} stays as written: 100%")
    assert "secret-looking ${ZEGO_SECRET} stays as written: 100%" in text(diagnostics=[d])


@given(
    source=st.text(max_size=60),
    line=st.integers(-3, 12),
    column=st.integers(-3, 80),
    end_line=st.none() | st.integers(-3, 12),
    end_column=st.none() | st.integers(-3, 80),
    severity=st.sampled_from(list(Severity)),
)
def test_never_crashes_on_any_position(
    source: str,
    line: int,
    column: int,
    end_line: int | None,
    end_column: int | None,
    severity: Severity,
) -> None:
    d = diag(
        file=MEETING,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        severity=severity,
    )
    out = render("text", make_report(diagnostics=[d], sources={MEETING: source}, color=True))
    assert out.endswith(".\x1b[0m\n")
    assert out.count("^") >= 1


def test_long_lines_are_windowed_around_the_column() -> None:
    from recspec.diagnostics import Diagnostic
    from recspec.formats import Report

    line = '{"a": 1, ' + '"pad": 0, ' * 40 + '"fps": 99}'
    column = line.index('"fps"') + 1
    diag = Diagnostic(
        "p.json",
        1,
        column,
        "RS305",
        "fps-range",
        Severity.ERROR,
        "fps",
        end_line=1,
        end_column=column + 5,
    )
    out = render("text", Report([diag], ["p.json"], {"p.json": line}, lambda _c: None))
    shown, carets = out.splitlines()[2], out.splitlines()[3]
    assert shown.startswith("1 | …") and len(shown) < 120
    assert shown[carets.index("^")] == '"' and carets.count("^") == 5
