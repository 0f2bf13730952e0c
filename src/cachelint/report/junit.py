"""``junit``: JUnit XML, one testcase per checked page and a failure per error.

Passing pages are testcases too, so CI test views count every page. Warnings
do not fail a testcase; they are listed in its ``system-out``.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO
from xml.etree import ElementTree as ET

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report
from cachelint.report.escape import terminal_path, terminal_text, xml_text

SUITE_NAME = "cachelint"


def render_junit(report: Report, stream: TextIO) -> None:
    """Write the JUnit XML document."""
    tree = ET.ElementTree(junit_element(report))
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(stream, encoding="unicode", xml_declaration=False)
    stream.write("\n")


def junit_element(report: Report) -> ET.Element:
    """The ``<testsuites>`` element for the run."""
    by_path = {
        path: list(group) for path, group in groupby(report.diagnostics, key=lambda d: d.path)
    }
    pages = report.pages()
    failed = sum(_has_errors(by_path.get(page, [])) for page in pages)
    counts = {"tests": str(len(pages)), "failures": str(failed), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": SUITE_NAME, **counts})
    for page in pages:
        suite.append(_testcase(page, by_path.get(page, [])))
    return suites


def _has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def _testcase(page: str, diagnostics: list[Diagnostic]) -> ET.Element:
    case = ET.Element("testcase", {"classname": SUITE_NAME, "name": xml_text(page)})
    case.set("file", xml_text(page))
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": diagnostic.code, "message": xml_text(_headline(diagnostic))},
            )
            failure.text = xml_text(_details(diagnostic))
    warnings = [d for d in diagnostics if d.severity is not Severity.ERROR]
    if warnings:
        output = ET.SubElement(case, "system-out")
        output.text = xml_text("\n".join(_details(d) for d in warnings))
    return case


def _headline(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.code} {diagnostic.message}"


def _details(diagnostic: Diagnostic) -> str:
    position = diagnostic.position
    where = (
        f"{terminal_path(diagnostic.path)}:{position.line}:{position.column}"
        f"-{position.end_line}:{position.end_column}"
    )
    pointer = f" (at {terminal_text(diagnostic.pointer)})" if diagnostic.pointer else ""
    headline = terminal_text(_headline(diagnostic))  # text nodes keep line breaks raw
    return f"{where}: {diagnostic.severity.value} {headline}{pointer}"
