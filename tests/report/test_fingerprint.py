"""Fingerprints: code + page + JSON pointer + value hash, never the line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cachelint.model import Position
from cachelint.report import Report
from cachelint.report.fingerprint import span_text
from cachelint.report.gitlab import render_gitlab
from cachelint.report.sarif import FINGERPRINT_KEY, render_sarif
from tests.report.sample import diagnostic, report

PAGE = "_cache/develop/zlib/specs.md"
TEXT = "---\ntitle: zlib\nmeta:\n  num_specs: 3\n---\n"
SHIFTED = "---\n# a comment\n\ntitle: zlib\nmeta:\n  num_specs: 3\n---\n"
CHANGED = "---\ntitle: zlib\nmeta:\n  num_specs: 4\n---\n"


def at(text: str) -> Report:
    """One finding on the value of num_specs, wherever it is in ``text``."""
    line = text.split("\n").index("  num_specs: " + text.split("num_specs: ")[1][0]) + 1
    found = diagnostic(position=Position(line, 14, line, 15), pointer="/meta/num_specs")
    return report([found], root=Path.cwd(), texts={PAGE: text})


def sarif_print(report: Report) -> str:
    stream = io.StringIO()
    render_sarif(report, stream)
    return json.loads(stream.getvalue())["runs"][0]["results"][0]["partialFingerprints"][
        FINGERPRINT_KEY
    ]


def gitlab_print(report: Report) -> str:
    stream = io.StringIO()
    render_gitlab(report, stream)
    return json.loads(stream.getvalue())[0]["fingerprint"]


@pytest.mark.parametrize("fingerprint", [sarif_print, gitlab_print])
def test_lines_inserted_above_keep_the_fingerprint(root: Path, fingerprint) -> None:
    assert fingerprint(at(TEXT)) == fingerprint(at(SHIFTED))


@pytest.mark.parametrize("fingerprint", [sarif_print, gitlab_print])
def test_another_wrong_value_is_another_finding(root: Path, fingerprint) -> None:
    assert fingerprint(at(TEXT)) != fingerprint(at(CHANGED))


def test_sarif_and_gitlab_agree(root: Path) -> None:
    assert sarif_print(at(TEXT)) == gitlab_print(at(TEXT))


def test_span_text_folds_whitespace_and_spans_lines() -> None:
    lines = ["a: [1,", "    2]", "b"]
    assert span_text(lines, Position(1, 4, 2, 7)) == "[1, 2]"
    assert span_text(lines, Position(3, 1, 3, 2)) == "b"
    assert span_text(lines, Position(9, 1, 9, 2)) == ""
