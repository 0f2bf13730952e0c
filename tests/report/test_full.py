"""``full``: the diagnostic line, the excerpt, the span underlined."""

from __future__ import annotations

import io
from pathlib import Path

from cachelint.model import Position, Severity
from cachelint.report import RenderOptions, Report
from cachelint.report.full import render_full
from cachelint.report.text import render_concise
from tests.report.sample import diagnostic, report

PATH = "_cache/develop/zlib/specs.md"
TEXT = '---\ntitle: "zlib"\r\nmeta: {"num_specs": 3, "oss": ["ünï"]}\n---\n'


def render(report: Report) -> str:
    stream = io.StringIO()
    render_full(report, stream)
    return stream.getvalue()


def test_header_excerpt_and_underline(root: Path) -> None:
    found = diagnostic(path=PATH, position=Position(3, 21, 3, 22))
    assert render(report([found], root=root, texts={PATH: TEXT})) == (
        f"{PATH}:3:21: CL201 meta.num_specs is 3 but spec_details has 2 entries\n"
        "  |\n"
        '3 | meta: {"num_specs": 3, "oss": ["ünï"]}\n'
        "  |                     ^ CL201\n"
        "  |\n"
        "  = pointer: /meta/num_specs\n"
        "\n"
    )


def test_crlf_is_not_shown(root: Path) -> None:
    found = diagnostic(path=PATH, position=Position(2, 8, 2, 14), pointer="/title")
    output = render(report([found], root=root, texts={PATH: TEXT}))
    assert '2 | title: "zlib"\n  |        ^^^^^^ CL201\n' in output
    assert "\r" not in output


def test_a_span_over_lines_shows_its_first_and_last_line(root: Path) -> None:
    text = "---\nmeta:\n  a: 1\n  b: 2\n  c: 3\n---\n"
    found = diagnostic(path=PATH, position=Position(3, 3, 5, 7), pointer="/meta")
    lines = render(report([found], root=root, texts={PATH: text})).split("\n")
    assert lines[1:8] == [
        "  |",
        "3 |   a: 1",
        "  |   ^^^^",
        ". |",
        "5 |   c: 3",
        "  | ^^^^^^ CL201",
        "  |",
    ]


def test_without_source_only_the_header(root: Path) -> None:
    found = diagnostic(path=PATH, pointer="")
    assert render(report([found], root=root)) == (
        f"{PATH}:5:20: CL201 meta.num_specs is 3 but spec_details has 2 entries\n\n"
    )


def test_messages_and_paths_cannot_break_lines_or_drive_the_terminal(root: Path) -> None:
    path = "a\nb\x1b[2J.md"
    found = diagnostic(path=path, message="x\r\ny\x1b[31m", pointer="/p\n")
    output = render(report([found], root=root, texts={path: "---\nz\n---\n"}))
    assert "\x1b" not in output
    assert output.startswith("a\\nb\\x1b[2J.md:5:20: CL201 x\\r\\ny\\x1b[31m\n")
    concise = io.StringIO()
    render_concise(report([found], root=root), concise)
    assert concise.getvalue() == "a\\nb\\x1b[2J.md:5:20: CL201 x\\r\\ny\\x1b[31m\n"


def test_colour_only_when_asked(root: Path) -> None:
    found = [
        diagnostic(path=PATH, position=Position(3, 21, 3, 22)),
        diagnostic("CL302", path=PATH, severity=Severity.WARNING, position=Position(2, 8, 2, 14)),
    ]
    plain = render(report(found, root=root, texts={PATH: TEXT}))
    coloured = render(
        report(found, root=root, texts={PATH: TEXT}, options=RenderOptions(color=True))
    )
    assert "\x1b[" not in plain
    assert "\x1b[1;31mCL201\x1b[0m" in coloured
    assert "\x1b[1;33mCL302\x1b[0m" in coloured
    assert "\x1b[1;31m^ CL201\x1b[0m" in coloured


def test_long_lines_are_clipped_to_the_width(root: Path) -> None:
    specs = ", ".join(f'{{"target": "t{i}"}}' for i in range(3000))
    text = f"---\nspec_details: [{specs}]\n---\n"
    start = text.split("\n")[1].index('"t1500"')
    found = diagnostic(path=PATH, position=Position(2, start + 1, 2, start + 8))
    output = render(report([found], root=root, texts={PATH: text}, options=RenderOptions(width=60)))
    excerpt, underline = output.split("\n")[2:4]
    assert len(excerpt) <= 60
    assert excerpt.startswith("2 | …") and excerpt.endswith("…")
    caret = underline.index("^")
    assert excerpt[caret : caret + 7] == '"t1500"'
    assert underline[caret:] == "^^^^^^^ CL201"


def test_fixable_findings_are_marked_as_ruff_does(root: Path) -> None:
    from cachelint.record import replace
    from cachelint.report.ansi import Style
    from cachelint.report.full import format_full
    from tests.report.sample import diagnostic

    fixable = replace(diagnostic(), fixable=True)
    header = next(format_full(fixable, None, style=Style(False), width=80))
    plain = next(format_full(replace(fixable, fixable=False), None, style=Style(False), width=80))
    assert f" {fixable.code} [*] " in header
    assert "[*]" not in plain
