"""``json`` and ``json-lines``: the same stable record per diagnostic."""

from __future__ import annotations

import io
import json
from pathlib import Path

from cachelint.report import Report
from cachelint.report.json import render_json, render_json_lines
from tests.report.sample import NASTY, NASTY_PATH, diagnostic, nasty_report, report

KEYS = [
    "code",
    "severity",
    "message",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "pointer",
    "fixable",
    "related",
]


def rendered(renderer, report: Report) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    renderer(report, stream)
    return stream.getvalue()


def test_json_records_field_by_field(root: Path) -> None:
    records = json.loads(rendered(render_json, nasty_report(root)))
    assert [list(r) for r in records] == [KEYS] * 3
    assert records[1] == {
        "code": "CL201",
        "severity": "error",
        "message": NASTY,
        "path": NASTY_PATH,
        "line": 5,
        "column": 20,
        "end_line": 5,
        "end_column": 21,
        "pointer": "/meta/a~1b",
        "fixable": False,
        "related": [],
    }
    assert records[0]["severity"] == "warning"
    assert (records[2]["end_line"], records[2]["end_column"]) == (7, 4)


def test_json_keeps_non_ascii_readable(root: Path) -> None:
    assert "naïve 😀" in rendered(render_json, nasty_report(root))


def test_json_lines_is_one_record_per_line(root: Path) -> None:
    text = rendered(render_json_lines, nasty_report(root))
    lines = text.splitlines()
    assert len(lines) == 3
    whole = json.loads(rendered(render_json, nasty_report(root)))
    assert [json.loads(line) for line in lines] == whole


def test_json_lines_escapes_unicode_line_separators(root: Path) -> None:
    separators = "a\u2028b\u2029c\x85d"
    text = rendered(render_json_lines, report([diagnostic(message=separators)], root=root))
    assert len(text.splitlines()) == 1
    assert json.loads(text)["message"] == separators


def test_empty_json_is_an_empty_array(root: Path) -> None:
    assert json.loads(rendered(render_json, report([], root=root))) == []
    assert rendered(render_json_lines, report([], root=root)) == ""
