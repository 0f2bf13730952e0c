"""JUnit XML, read back with xml.etree."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cachelint.model import Position
from cachelint.report import Report
from cachelint.report.junit import render_junit
from tests.helpers import DATA
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


def test_one_failure_per_page_holding_all_its_findings(root: Path) -> None:
    by_name = cases(render(nasty_report(root)))
    (failure,) = by_name[NASTY_PATH].findall("failure")
    assert failure.get("type") == "CL104 CL201"
    assert failure.get("message") == f"CL201 {NASTY} (and 1 more)"
    assert failure.text is not None
    lines = failure.text.split("\n")
    assert lines[0].startswith(f"{NASTY_PATH}:5:20-5:21: error CL201 50% of a,b")
    assert failure.text.endswith('CL104 <tag attr="v">&amp; ünïcode</tag> (at /spec_details)')
    assert "(at /meta/a~1b)" in failure.text


def test_warnings_of_passing_pages_are_the_suite_output(root: Path) -> None:
    tree = render(nasty_report(root))
    warned = cases(tree)["_cache/develop/zlib/specs.md"]
    assert warned.findall("*") == []  # a warning does not fail the page
    output = tree.find("testsuite/system-out")
    assert output is not None and output.text is not None
    assert "warning CL302" in output.text
    assert NASTY_PATH not in output.text  # a failing page's warnings are in its failure


def test_testcases_are_grouped_by_tag(root: Path) -> None:
    by_name = cases(render(nasty_report(root)))
    assert by_name["_cache/develop/zlib/specs.md"].get("classname") == "cachelint.develop"
    assert by_name[NASTY_PATH].get("classname") == "cachelint"


def test_testsuites_has_no_skipped_attribute(root: Path) -> None:
    tree = render(nasty_report(root))
    assert tree.attrib == {}  # the Ant schema allows none; Jenkins xunit rejects skipped


@pytest.mark.parametrize("schema", ["JUnit.xsd", "junit-10.xsd"])
def test_valid_against_the_junit_schemas(root: Path, schema: str) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    validator = xmlschema.XMLSchema(str(DATA / "junit" / schema))
    for each in (nasty_report(root), report([], root=root, checked=["a.md"])):
        stream = io.StringIO()
        render_junit(each, stream)
        errors = [str(error) for error in validator.iter_errors(stream.getvalue())]
        assert errors == []


def test_characters_xml_cannot_hold_are_replaced(root: Path) -> None:
    bad = diagnostic(message="bell\x07 nul\x00 esc\x1b ok\ttab", position=Position(1, 1, 1, 2))
    failure = render(report([bad], root=root)).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "CL201 bell\ufffd nul\ufffd esc\ufffd ok\ttab"


def test_a_clean_run_has_only_passing_cases(root: Path) -> None:
    tree = render(report([], root=root, checked=["a.md", "b.md"]))
    assert list(cases(tree)) == ["a.md", "b.md"]
    assert tree.findall(".//failure") == []
    assert tree.find("testsuite").get("failures") == "0"
