"""A finding in a data file (_data/meta.yaml): every format places it exactly."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

from cachelint.report import REPORTERS
from tests.catalog.builder import META
from tests.report.html.parsed import parse_report
from tests.report.test_github import parse as parse_github

Span = tuple[int, int, int, int]


@pytest.fixture
def span(make_catalog) -> Span:
    """A catalog whose meta.yaml miscounts develop: the span of the count, found by hand."""
    (make_catalog.root / ".git").mkdir()
    make_catalog.page("develop", "bc").page("v0.23.0", "bc").consistent()
    meta = make_catalog.derived_meta()
    meta["develop"]["count"] = 17
    meta["all"]["count"] = 18
    make_catalog.meta(meta)
    text = make_catalog.text(META)
    offset = text.index("count: 17") + len("count: ")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column, line, column + 2


def run(cli, output_format: str) -> str:
    result = cli("check", "--output-format", output_format, ".")
    assert result.status == 1, result.err
    return result.out


def from_full(out: str) -> Span:
    header, _, excerpt, underline = out.split("\n")[:4]
    match = re.match(rf"{META}:(\d+):(\d+): CL505 ", header)
    assert match is not None
    caret, width = underline.index("^"), underline.count("^")
    assert excerpt[caret : caret + width] == "17"
    line, column = map(int, match.groups())
    return line, column, line, column + width


def from_concise(out: str) -> Span:
    match = re.match(rf"{META}:(\d+):(\d+): CL505 develop.count is 17", out)
    assert match is not None
    line, column = map(int, match.groups())
    return line, column, line, column + 2


def from_json(out: str) -> Span:
    (record,) = json.loads(out)
    assert (record["path"], record["pointer"]) == (META, "/develop/count")
    return record["line"], record["column"], record["end_line"], record["end_column"]


def from_sarif(out: str) -> Span:
    (result,) = json.loads(out)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": META, "uriBaseId": "SRCROOT"}
    region = location["region"]
    return region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]


def from_github(out: str) -> Span:
    (command,) = parse_github(out.split("Found 1 error")[0])
    props = command.properties
    assert props["file"] == META
    return int(props["line"]), int(props["col"]), int(props["endLine"]), int(props["endColumn"])


def from_junit(out: str) -> Span:
    cases = ET.fromstring(out.encode("utf-8")).findall(".//testcase")
    names = [case.get("name") for case in cases]
    assert {META, "_data/tags.yaml", "_cache/develop/bc/specs.md"} <= set(names)
    (failure,) = [case.find("failure") for case in cases if case.get("name") == META]
    assert failure is not None and failure.text is not None
    match = re.match(rf"{META}:(\d+):(\d+)-(\d+):(\d+): ", failure.text)
    assert match is not None
    line, column, end_line, end_column = map(int, match.groups())
    return line, column, end_line, end_column


def from_gitlab(out: str) -> Span:
    (issue,) = json.loads(out)
    assert issue["location"]["path"] == META
    lines = issue["location"]["lines"]
    return lines["begin"], 0, lines["end"], 0


def from_html(out: str) -> Span:
    (finding,) = parse_report(out).findings()
    assert finding["path"] == META
    line, column = map(int, finding["where"].split(":"))
    [[number, _, span, _]] = finding["excerpt"]
    assert number == line
    return line, column, line, column + len(span)


SPANS = {
    "full": from_full,
    "html": from_html,
    "concise": from_concise,
    "text": from_concise,
    "json": from_json,
    "json-lines": lambda out: from_json(f"[{out}]"),
    "sarif": from_sarif,
    "github": from_github,
    "junit": from_junit,
    "gitlab": from_gitlab,
}


def test_every_format_is_covered() -> None:
    assert set(SPANS) == set(REPORTERS)


@pytest.mark.parametrize("output_format", sorted(SPANS))
def test_the_data_file_finding_is_placed_exactly(span, cli, output_format):
    found = SPANS[output_format](run(cli, output_format))
    if output_format == "gitlab":  # lines only
        assert (found[0], found[2]) == (span[0], span[2])
    else:
        assert found == span
