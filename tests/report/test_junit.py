"""JUnit XML, read back with xml.etree."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree as ET

from cachelint.model import Position
from cachelint.report import Report
from cachelint.report.junit import render_junit
from tests.report.sample import NASTY, NASTY_PATH, diagnostic, nasty_report, report


def render(report: Report) -> ET.Element:
    stream = io.StringIO()
    render_junit(report, stream)
    text = stream.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_one_testcase_per_checked_page_passing_pages_too(root: Path) -> None:
    tree = render(nasty_report(root))
    assert tree.tag == "testsuites"
    suite = tree.find("testsuite")
    assert suite is not None
    assert list(cases(tree)) == [
        NASTY_PATH,
        "_cache/develop/zlib/specs.md",
        "_cache/develop/clean/specs.md",
    ]
    assert suite.get("tests") == "3"
    assert suite.get("failures") == "1"
    assert cases(tree)["_cache/develop/clean/specs.md"].findall("*") == []


def test_a_failure_per_error_and_warnings_as_output(root: Path) -> None:
    by_name = cases(render(nasty_report(root)))
    failures = by_name[NASTY_PATH].findall("failure")
    assert [f.get("type") for f in failures] == ["CL201", "CL104"]
    assert failures[0].get("message") == f"CL201 {NASTY}"
    assert failures[1].get("message") == 'CL104 <tag attr="v">&amp; ünïcode</tag>'
    assert failures[0].text is not None
    assert failures[0].text.startswith(f"{NASTY_PATH}:5:20-5:21: error CL201 50% of a,b")
    assert failures[0].text.endswith("(at /meta/a~1b)")
    warned = by_name["_cache/develop/zlib/specs.md"]
    assert warned.findall("failure") == []
    output = warned.find("system-out")
    assert output is not None and output.text is not None
    assert "warning CL302" in output.text


def test_characters_xml_cannot_hold_are_replaced(root: Path) -> None:
    bad = diagnostic(message="bell\x07 nul\x00 esc\x1b ok\ttab", position=Position(1, 1, 1, 2))
    failure = render(report([bad], root=root)).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "CL201 bell\ufffd nul\ufffd esc\ufffd ok\ttab"


def test_a_clean_run_has_only_passing_cases(root: Path) -> None:
    tree = render(report([], root=root, checked=["a.md", "b.md"]))
    assert list(cases(tree)) == ["a.md", "b.md"]
    assert tree.findall(".//failure") == []
    assert tree.get("failures") == "0"
