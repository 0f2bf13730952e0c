"""``junit``: JUnit XML, one testcase per checked page, at most one failure each.

Valid against the JUnit XSD most tools follow (the Ant/Windy Road schema) and
against Jenkins xunit's ``junit-10.xsd``, which allow one ``<failure>`` per
testcase (Jenkins shows only the first of several) and no ``skipped`` on
``<testsuites>``. So a page with errors is one failing testcase whose single
``<failure>`` lists all of the page's findings in its body, one a line.

Why a testcase per page rather than per finding: a page is what passes or
fails and what a maintainer fixes; test reporters track a testcase's history
by its name across builds ("failing since build 41"), which a page path keeps
and a finding (whose text and count change) would not; and the number of tests
stays the number of pages, while per-finding testcases would give passing
pages no testcase at all.

Warnings do not fail a testcase: a failing page's failure lists its warnings
too; the warnings of passing pages are in the suite's ``<system-out>``. The
``classname`` is ``cachelint.<tag>``, so reporters group pages by tag.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from itertools import groupby
from typing import TextIO
from xml.etree import ElementTree as ET

from cachelint.model import Diagnostic, Severity
from cachelint.report.base import Report
from cachelint.report.escape import terminal_path, terminal_text, xml_text
from cachelint.report.paths import page_tag

SUITE_NAME = "cachelint"


def render_junit(report: Report, stream: TextIO) -> None:
    """Write the JUnit XML document."""
    tree = ET.ElementTree(junit_element(report))
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(stream, encoding="unicode", xml_declaration=False)
    stream.write("\n")


def junit_element(report: Report) -> ET.Element:
    """The ``<testsuites>`` element for the run: one suite, one testcase per page."""
    by_path = {
        path: list(group) for path, group in groupby(report.diagnostics, key=lambda d: d.path)
    }
    pages = report.pages()
    failed = sum(_has_errors(by_path.get(page, [])) for page in pages)
    suites = ET.Element("testsuites")  # no attributes: the Ant schema allows none
    suite = ET.SubElement(suites, "testsuite", _suite_attributes(len(pages), failed))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(
        properties, "property", {"name": "cachelint.version", "value": report.tool.version}
    )
    passing_warnings: list[str] = []
    for page in pages:
        found = by_path.get(page, [])
        suite.append(_testcase(report, page, found))
        if not _has_errors(found):
            passing_warnings += [_details(report, d) for d in found]
    ET.SubElement(suite, "system-out").text = xml_text("\n".join(passing_warnings))
    ET.SubElement(suite, "system-err").text = ""
    return suites


def _suite_attributes(tests: int, failures: int) -> dict[str, str]:
    return {
        "name": SUITE_NAME,
        "package": SUITE_NAME,
        "id": "0",
        "tests": str(tests),
        "failures": str(failures),
        "errors": "0",
        "skipped": "0",
        "time": "0",
        # The Ant schema wants a local time without a zone; UTC says when, whatever the host.
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "hostname": xml_text(socket.gethostname() or "localhost"),
    }


def _has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def _testcase(report: Report, page: str, diagnostics: list[Diagnostic]) -> ET.Element:
    shown = report.relative_path(page) or page
    tag = page_tag(shown)
    classname = f"{SUITE_NAME}.{tag}" if tag else SUITE_NAME
    case = ET.Element(
        "testcase", {"classname": xml_text(classname), "name": xml_text(shown), "time": "0"}
    )
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            {"type": " ".join(sorted({d.code for d in errors})), "message": _message(errors)},
        )
        failure.text = xml_text("\n".join(_details(report, d) for d in diagnostics))
    return case


def _message(errors: list[Diagnostic]) -> str:
    first = _headline(errors[0])
    more = len(errors) - 1
    return xml_text(first if not more else f"{first} (and {more} more)")


def _headline(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.code} {diagnostic.message}"


def _details(report: Report, diagnostic: Diagnostic) -> str:
    position = diagnostic.position
    path = report.relative_path(diagnostic.path) or diagnostic.path
    where = (
        f"{terminal_path(path)}:{position.line}:{position.column}"
        f"-{position.end_line}:{position.end_column}"
    )
    pointer = f" (at {terminal_text(diagnostic.pointer)})" if diagnostic.pointer else ""
    headline = terminal_text(_headline(diagnostic))  # text nodes keep line breaks raw
    return f"{where}: {diagnostic.severity.value} {headline}{pointer}"
