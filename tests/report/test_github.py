"""GitHub workflow commands, read back by a parser of the command syntax."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import NamedTuple

from cachelint.model import Position, Severity
from cachelint.report import RenderOptions, Report
from cachelint.report.github import render_github
from cachelint.report.github_summary import markdown_cell
from tests.report.sample import NASTY, NASTY_PATH, diagnostic, nasty_report, report

COMMAND = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


class Command(NamedTuple):
    name: str
    properties: dict[str, str]
    message: str


def unescape(text: str) -> str:
    """The runner's decoding: the escapes the Actions toolkit writes, nothing else."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse(output: str) -> list[Command]:
    """Every output line must be one command; CR and LF never appear unescaped."""
    commands = []
    for line in output.split("\n")[:-1]:
        match = COMMAND.match(line)
        assert match is not None, line
        assert "\r" not in line
        listed = match["properties"] or ""
        properties = dict(item.split("=", 1) for item in listed.split(",")) if listed else {}
        commands.append(
            Command(
                match["name"],
                {key: unescape(value) for key, value in properties.items()},
                unescape(match["message"]),
            )
        )
    return commands


def render(report: Report) -> list[Command]:
    stream = io.StringIO()
    render_github(report, stream)
    return parse(stream.getvalue())


def test_unescape_decodes_percent_last() -> None:
    assert unescape("%250A") == "%0A"


def test_annotations_round_trip_messages_and_paths(root: Path) -> None:
    commands = render(nasty_report(root))
    assert [c.name for c in commands] == ["warning", "error", "error"]
    warning, error, multi_line = commands
    assert error.message == NASTY
    assert error.properties == {
        "file": NASTY_PATH,
        "line": "5",
        "col": "20",
        "endLine": "5",
        "endColumn": "21",
        "title": "CL201",
    }
    assert warning.message == NASTY
    assert multi_line.message == '<tag attr="v">&amp; ünïcode</tag>'


def test_properties_are_written_in_order() -> None:
    line = "::error file=a.md,line=5,col=20,endLine=5,endColumn=21,title=CL201::m\n"
    stream = io.StringIO()
    render_github(report([diagnostic(path="a.md", message="m")], root=Path.cwd()), stream)
    assert stream.getvalue() == line


def test_columns_are_left_out_for_spans_over_several_lines(root: Path) -> None:
    multi_line = render(nasty_report(root))[2]
    assert multi_line.properties == {
        "file": NASTY_PATH,
        "line": "6",
        "endLine": "7",
        "title": "CL104",
    }


def test_notice_when_github_would_hide_annotations(root: Path) -> None:
    errors = [diagnostic(position=Position(n, 1, n, 2)) for n in range(1, 12)]
    warnings = [
        diagnostic(severity=Severity.WARNING, position=Position(n, 1, n, 2)) for n in (1, 2)
    ]
    commands = render(report(errors + warnings, root=root))
    assert [c.name for c in commands].count("error") == 11
    notices = [c for c in commands if c.name == "notice"]
    assert len(notices) == 1
    assert "11 errors" in notices[0].message
    assert commands[-1] == notices[0]


def test_no_notice_at_ten(root: Path) -> None:
    errors = [diagnostic(position=Position(n, 1, n, 2)) for n in range(1, 11)]
    assert "notice" not in [c.name for c in render(report(errors, root=root))]


def test_step_summary_is_appended(root: Path) -> None:
    summary = root / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    findings = [diagnostic(position=Position(n, 1, n, 2)) for n in range(1, 8)]
    options = RenderOptions(step_summary=summary)
    render(nasty_report(root, options=options))
    render(report(findings, root=root, options=options))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### cachelint: Found 2 errors and 1 warning")
    assert "| \\(no tag\\) | CL201 | num-specs-mismatch | error | 1 | 1 |" in text
    assert "| develop | CL201 | num-specs-mismatch | error | 7 | 1 |" in text
    assert text.count("| \\_cache/develop/zlib/specs.md | ") == 1 + 7  # every finding fits


def test_step_summary_escapes_markdown_and_html(root: Path) -> None:
    summary = root / "summary.md"
    render(nasty_report(root, options=RenderOptions(step_summary=summary)))
    rows = [row for row in summary.read_text(encoding="utf-8").split("\n") if "ünïcode" in row]
    assert len(rows) == 1
    row = rows[0]
    assert '&lt;tag attr="v"&gt;&amp;amp; ünïcode&lt;/tag&gt;' in row
    assert "<tag" not in row
    assert row.count(" | ") == 3  # a pipe in the text could not add a column
    nasty_row = next(r for r in summary.read_text(encoding="utf-8").split("\n") if "naïve" in r)
    assert "\r" not in nasty_row
    assert "&lt;&amp;&gt; naïve 😀<br>next line<br>last %0A" in nasty_row


def test_no_step_summary_without_the_variable(root: Path) -> None:
    render(nasty_report(root))
    assert sorted(p.name for p in root.iterdir()) == [".git"]


def test_markdown_cell_keeps_text_literal() -> None:
    text = "a|b `c` *d* _e_ [f](g) \\ #h"
    assert markdown_cell(text) == r"a\|b \`c\` \*d\* \_e\_ \[f\]\(g\) \\ \#h"


def test_step_summary_fits_what_is_left_of_the_limit(root: Path) -> None:
    from cachelint.report.github_summary import MARGIN, STEP_SUMMARY_LIMIT, step_summary

    findings = [diagnostic(position=Position(n, 1, n, 2)) for n in range(1, 400)]
    options = RenderOptions(reports=(("sarif", "out/c.sarif"), ("json", "out/c.json")))
    budget = 6_000
    text = step_summary(
        report(findings, root=root, options=options),
        used=STEP_SUMMARY_LIMIT - MARGIN - budget,
    )
    assert len(text.encode("utf-8")) <= budget
    shown = text.count("| \\_cache/develop/zlib/specs.md | ")
    assert 0 < shown < len(findings)
    tail = text.rstrip("\n").rsplit("\n", 1)[-1]
    assert tail.startswith(f"… and {len(findings) - shown} more findings in 1 page, not shown")
    assert "`out/c.sarif` (SARIF), `out/c.json` (JSON)" in tail


def test_step_summary_counts_what_a_capped_sarif_report_left_out(root: Path, monkeypatch) -> None:
    from cachelint.report import sarif_select
    from cachelint.report.github_summary import step_summary

    monkeypatch.setattr(sarif_select, "MAX_RESULTS", 2)
    findings = [diagnostic(code=f"CL{100 + n}", position=Position(n, 1, n, 2)) for n in range(5)]
    options = RenderOptions(reports=(("sarif", "c.sarif"),))
    text = step_summary(report(findings, root=root, options=options))
    assert "The SARIF report `c.sarif` leaves out 3 findings (3 results" in text
