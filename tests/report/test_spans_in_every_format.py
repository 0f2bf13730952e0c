"""A real page with one broken value deep in spec_details: every format points at it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cachelint.cli.main import main
from cachelint.model import Position
from cachelint.report import REPORTERS
from tests.helpers import DATA, span_offsets
from tests.report.html.parsed import parse_report
from tests.report.test_github import parse as parse_github

PAGE = "_cache/develop/abyss/specs.md"
SPEC_HASH = "6b2piozpww5ozrl5uurxlfv6elhlkgpq"  # spec_details[23]
BROKEN = '"target": "x86_64_v4"'
VALUE = '"x86_64_v4"'

Span = tuple[int, int, int, int]


@pytest.fixture
def broken_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Span:
    """Change spec_details[23].target in place; return the value's span, found by hand."""
    text = (DATA / "pages" / PAGE).read_text(encoding="utf-8")
    start = text.index('"target": "x86_64_v3"', text.index(SPEC_HASH))
    text = text[:start] + BROKEN + text[start + len(BROKEN) :]
    (tmp_path / ".git").mkdir()
    (tmp_path / PAGE).parent.mkdir(parents=True)
    (tmp_path / PAGE).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    offset = text.index(VALUE, start)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column, line, column + len(VALUE)


def run(output_format: str, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["check", PAGE, "--select", "CL301", "--output-format", output_format])
    assert status == 1
    return capsys.readouterr().out


def span_full(out: str) -> Span:
    header, _, excerpt, underline = out.split("\n")[:4]
    match = re.match(rf"{PAGE}:(\d+):(\d+): CL301 ", header)
    assert match is not None
    line, column = map(int, match.groups())
    caret = underline.index("^")
    width = underline.count("^")
    assert excerpt[caret : caret + width] == VALUE
    return line, column, line, column + width


def span_concise(out: str) -> Span:
    match = re.match(rf"{PAGE}:(\d+):(\d+): CL301 ", out)
    assert match is not None
    line, column = map(int, match.groups())
    return line, column, line, column + len(VALUE)  # concise has no end: checked by start


def span_json(out: str) -> Span:
    (record,) = json.loads(out)
    return record["line"], record["column"], record["end_line"], record["end_column"]


def span_json_lines(out: str) -> Span:
    return span_json(f"[{out}]")


def span_sarif(out: str) -> Span:
    (result,) = json.loads(out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    return region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]


def span_github(out: str) -> Span:
    (command,) = parse_github(out.split("Found 1 error")[0])
    props = command.properties
    return int(props["line"]), int(props["col"]), int(props["endLine"]), int(props["endColumn"])


def span_junit(out: str) -> Span:
    failure = ET.fromstring(out.encode("utf-8")).find(".//failure")
    assert failure is not None and failure.text is not None
    match = re.match(rf"{PAGE}:(\d+):(\d+)-(\d+):(\d+): ", failure.text)
    assert match is not None
    line, column, end_line, end_column = map(int, match.groups())
    return line, column, end_line, end_column


def span_gitlab(out: str) -> Span:
    (issue,) = json.loads(out)
    lines = issue["location"]["lines"]
    return lines["begin"], 0, lines["end"], 0  # lines only: compared by line


def span_html(out: str) -> Span:
    (finding,) = parse_report(out).findings()
    assert finding["path"] == PAGE
    line, column = map(int, finding["where"].split(":"))
    [[number, _, span, _]] = finding["excerpt"]
    assert (number, span) == (line, VALUE)
    return line, column, line, column + len(span)


SPANS = {
    "full": span_full,
    "html": span_html,
    "concise": span_concise,
    "text": span_concise,
    "json": span_json,
    "json-lines": span_json_lines,
    "sarif": span_sarif,
    "github": span_github,
    "junit": span_junit,
    "gitlab": span_gitlab,
}


def test_every_format_is_covered() -> None:
    assert set(SPANS) == set(REPORTERS)


def test_the_span_found_by_hand_is_the_value(broken_page: Span) -> None:
    text = Path(PAGE).read_text(encoding="utf-8")
    start, end = span_offsets(text, Position(*broken_page))
    assert text[start:end] == VALUE
    assert broken_page[0] == 6  # the spec_details line


@pytest.mark.parametrize("output_format", list(SPANS))
def test_every_format_points_at_the_broken_value(
    output_format: str, broken_page: Span, capsys: pytest.CaptureFixture[str]
) -> None:
    span = SPANS[output_format](run(output_format, capsys))
    if output_format == "gitlab":  # Code Quality locates by lines only
        assert (span[0], span[2]) == (broken_page[0], broken_page[2])
    else:
        assert span == broken_page
