"""`--format junit`: one suite per checked file, a testcase per finding, XML escaping, totals."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from formats_support import CLEAN, MEETING, diag, make_report

from recspec.diagnostics import Severity
from recspec.formats import render


def junit(**kwargs: object) -> str:
    return render("junit", make_report(**kwargs))  # type: ignore[arg-type]


def test_exact_output() -> None:
    assert junit() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="recspec" tests="4" failures="3" errors="0" skipped="0">\n'
        '  <testsuite name="specs/lecture.toml" tests="2" failures="2" errors="0" skipped="0">\n'
        '    <testcase name="recspec.RS203" classname="specs/lecture.toml"'
        ' file="specs/lecture.toml" line="2" column="8">\n'
        '      <failure message="record.mode = &quot;mixed&quot; needs a [mix] table" type="error">'
        'specs/lecture.toml:2:8: RS203 [error] record.mode = "mixed" needs a [mix] table\n'
        "pointer: /record_input_params/mix_config\n"
        "spec path: record.mode</failure>\n"
        "    </testcase>\n"
        '    <testcase name="recspec.RS310" classname="specs/lecture.toml"'
        ' file="specs/lecture.toml" line="5" column="11">\n'
        '      <failure message="bitrate 9000 kbps is more than 720p needs" type="warning">'
        "specs/lecture.toml:5:11: RS310 [warning] bitrate 9000 kbps is more than 720p needs\n"
        "pointer: /record_output_params/output_bitrate\n"
        "spec path: output.bitrate</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="specs/会议.toml" tests="1" failures="1" errors="0" skipped="0">\n'
        '    <testcase name="recspec.RS401" classname="specs/会议.toml" file="specs/会议.toml"'
        ' line="1" column="10">\n'
        '      <failure message="max_idle_time is not set (defaults to 30 s)" type="info">'
        "specs/会议.toml:1:10: RS401 [info] max_idle_time is not set (defaults to 30 s)\n"
        "pointer: /record_input_params/max_idle_time</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="specs/clean.toml" tests="1" failures="0" errors="0" skipped="0">\n'
        '    <testcase name="recspec" classname="specs/clean.toml" file="specs/clean.toml" />\n'
        "  </testsuite>\n"
        "</testsuites>\n"
    )


def test_empty_report() -> None:
    assert junit(diagnostics=[], files=[]) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="recspec" tests="0" failures="0" errors="0" skipped="0" />\n'
    )


def test_clean_files_pass() -> None:
    root = ET.fromstring(junit(diagnostics=[], files=["a.toml", "b.json"]))
    assert root.attrib["tests"] == "2" and root.attrib["failures"] == "0"
    for suite in root:
        (case,) = suite
        assert case.attrib["name"] == "recspec" and len(case) == 0


def test_escaping_round_trips_through_a_parser() -> None:
    nasty = "a<b & \"c\" 'd' > e\nline two ]]> <![CDATA[ x"
    d = diag(file="dir/<&\"'>.toml", message=nasty)
    out = junit(diagnostics=[d], files=[d.file])
    assert nasty not in out  # it had to be escaped
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.attrib["name"] == d.file
    case = suite.find("testcase")
    assert case is not None and case.attrib["classname"] == d.file
    failure = case.find("failure")
    assert failure is not None
    assert failure.attrib["message"] == nasty
    assert failure.text is not None and nasty in failure.text


def test_control_characters_still_give_well_formed_xml() -> None:
    d = diag(message="bell \x07 and nul \x00 and esc \x1b", file="x\x01.toml")
    out = junit(diagnostics=[d], files=[])
    root = ET.fromstring(out)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == "bell \\x07 and nul \\x00 and esc \\x1b"
    suite = root.find("testsuite")
    assert suite is not None and suite.attrib["name"] == "x\\x01.toml"


def test_totals_and_unlisted_files() -> None:
    ds = [
        diag(),
        diag(line=5, severity=Severity.WARNING),
        diag(file="other.json", severity=Severity.INFO),  # not in `files`: still reported
        diag(file=CLEAN, suppressed=True),  # suppressed: the file counts as clean
    ]
    root = ET.fromstring(junit(diagnostics=ds))
    suites = {s.attrib["name"]: s for s in root}
    assert list(suites) == ["specs/lecture.toml", MEETING, CLEAN, "other.json"]
    assert root.attrib["tests"] == str(sum(int(s.attrib["tests"]) for s in root)) == "5"
    assert root.attrib["failures"] == str(sum(int(s.attrib["failures"]) for s in root)) == "3"
    assert [len(s.findall("testcase/failure")) for s in root] == [2, 0, 0, 1]
    assert [f.attrib["type"] for f in root.iter("failure")] == ["error", "warning", "info"]
