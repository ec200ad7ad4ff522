"""`--format github`: workflow commands, @actions/core escaping, order, the 10-per-kind cap."""

from __future__ import annotations

from formats_support import BITRATE, IDLE, MIX, diag, make_report
from hypothesis import given
from hypothesis import strategies as st

from recspec.diagnostics import Severity
from recspec.formats import render
from recspec.formats.github import escape_data, escape_property


def github(**kwargs: object) -> str:
    return render("github", make_report(**kwargs))  # type: ignore[arg-type]


def test_exact_output_errors_then_warnings_then_notices() -> None:
    # input order is by file; output order is by severity
    out = github(diagnostics=[IDLE, BITRATE, MIX])
    assert out == (
        "::error file=specs/lecture.toml,line=2,col=8,endLine=2,endColumn=15,title=recspec (RS203)"
        '::record.mode = "mixed" needs a [mix] table\n'
        "::warning file=specs/lecture.toml,line=5,col=11,endLine=5,endColumn=15,"
        "title=recspec (RS310)"
        "::bitrate 9000 kbps is more than 720p needs\n"
        "::notice file=specs/会议.toml,line=1,col=10,endLine=1,endColumn=13,title=recspec (RS401)"
        "::max_idle_time is not set (defaults to 30 s)\n"
        "Found 1 error, 1 warning, 1 info (3 files checked).\n"
    )


def test_escaping_matches_actions_core() -> None:
    d = diag(file="dir,x/a:b%.toml", message="50% of 1:2, then\r\nnext line")
    out = github(diagnostics=[d])
    assert out.splitlines()[0] == (
        "::error file=dir%2Cx/a%3Ab%25.toml,line=2,col=8,endLine=2,endColumn=15,"
        "title=recspec (RS203)::50%25 of 1:2, then%0D%0Anext line"
    )
    assert escape_data("%0A") == "%250A"  # `%` first, so existing escapes are not decoded later
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_multi_line_span_drops_col_and_end_column() -> None:
    out = github(diagnostics=[diag(end_line=4, end_column=3)])
    assert out.splitlines()[0] == (
        "::error file=specs/lecture.toml,line=2,endLine=4,title=recspec (RS203)"
        '::record.mode = "mixed" needs a [mix] table'
    )


def test_missing_end_defaults_to_start() -> None:
    out = github(diagnostics=[diag(end_line=None, end_column=None)])
    assert out.startswith("::error file=specs/lecture.toml,line=2,col=8,endLine=2,endColumn=8,")


def test_clean_and_suppressed() -> None:
    assert github(diagnostics=[]) == "All checks passed (3 files checked).\n"
    assert github(diagnostics=[diag(suppressed=True)], files=["x"]) == (
        "All checks passed (1 file checked, 1 suppressed).\n"
    )


def _many(severity: Severity, n: int) -> list:  # type: ignore[type-arg]
    return [diag(line=i + 1, severity=severity, message=f"{severity.label} {i}") for i in range(n)]


def test_cap_keeps_ten_per_kind_and_lists_everything_below() -> None:
    errors, warnings, notes = (
        _many(Severity.ERROR, 12),
        _many(Severity.WARNING, 11),
        _many(Severity.INFO, 2),
    )
    everything = sorted(errors + warnings + notes, key=lambda d: d.sort_key)
    lines = github(diagnostics=everything).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert [a.split(" ", 1)[0] for a in annotations] == (
        ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 2 + ["::notice"]
    )
    assert annotations[-1] == (
        "::notice title=recspec::3 more findings were not annotated (GitHub shows at most 10 of "
        "each kind per step); all 25 are listed in the log below, and in full with --format sarif."
    )
    # every finding, including the 3 not annotated, appears once as plain text
    plain = lines[len(annotations) :]
    assert plain[0] == "recspec: all 25 findings:"
    assert len(plain) == 1 + 25 + 1
    assert "specs/lecture.toml:12:8: RS203 [error] error 11" in plain
    assert "specs/lecture.toml:11:8: RS203 [warning] warning 10" in plain
    assert plain[-1] == "Found 12 errors, 11 warnings, 2 info (3 files checked)."


def test_overflowing_notices_leave_room_for_the_overflow_notice() -> None:
    lines = github(diagnostics=_many(Severity.INFO, 12)).splitlines()
    notices = [line for line in lines if line.startswith("::notice")]
    assert len(notices) == 10  # 9 findings + the overflow notice, all within GitHub's cap
    assert notices[-1].startswith("::notice title=recspec::3 more findings")


def test_exactly_ten_of_each_needs_no_overflow_notice() -> None:
    ds = _many(Severity.ERROR, 10) + _many(Severity.WARNING, 10) + _many(Severity.INFO, 10)
    lines = github(diagnostics=ds).splitlines()
    assert len(lines) == 31 and not any("more findings" in line for line in lines)


def test_plain_listing_never_reads_as_a_command() -> None:
    ds = [
        d._replace(file="::error file=x::pwned", message="a\n::warning::b")
        for d in _many(Severity.ERROR, 11)
    ]
    lines = github(diagnostics=ds).splitlines()
    listed = lines[lines.index("recspec: all 11 findings:") + 1 :]
    assert all(not line.lstrip().startswith("::") for line in listed)
    assert listed[0] == "./::error file=x::pwned:1:8: RS203 [error] a%0A::warning::b"


@given(st.text())
def test_escaping_round_trips(text: str) -> None:
    def unescape(value: str) -> str:  # what the runner does
        for code, char in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
            value = value.replace(code, char)
        return value

    assert "\n" not in escape_property(text) and "\r" not in escape_data(text)
    assert ":" not in escape_property(text) and "," not in escape_property(text)
    assert unescape(escape_property(text)) == text
