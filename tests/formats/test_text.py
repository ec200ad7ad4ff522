

def test_long_lines_are_windowed_around_the_column() -> None:
    from recspec.diagnostics import Diagnostic, Severity
    from recspec.formats import Report, render

    line = '{"a": 1, ' + '"pad": 0, ' * 40 + '"fps": 99}'
    column = line.index('"fps"') + 1
    diag = Diagnostic("p.json", 1, column, "RS305", "fps-range", Severity.ERROR, "fps", end_line=1, end_column=column + 5)
    out = render("text", Report([diag], ["p.json"], {"p.json": line}, lambda _c: None))
    shown, carets = out.splitlines()[2], out.splitlines()[3]
    assert shown.startswith("1 | …") and len(shown) < 120
    assert shown[carets.index("^")] == '"' and carets.count("^") == 5
