"""Markup from pages, file names and plugins renders as text, never as elements."""

from __future__ import annotations

from pathlib import Path

from cachelint.report.html.page import asset
from tests.report.html.hostile import (
    ELEMENTS,
    MARKUP,
    PACKAGE,
    PATH,
    ROOT,
    TAG,
    hostile_report,
)
from tests.report.html.parsed import parse_report
from tests.report.html.test_report import render


def test_no_element_or_attribute_is_injected(root: Path) -> None:
    parsed = parse_report(render(hostile_report(root)))
    assert {tag for tag, _ in parsed.elements} <= ELEMENTS
    handlers = [name for _, attrs in parsed.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    scripts = [attrs for tag, attrs in parsed.elements if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "data"}, {}]
    assert parsed.scripts[1][1] == asset("report.js")  # the report's own script, unchanged
    hrefs = [attrs["href"] for tag, attrs in parsed.elements if tag == "a"]
    assert all(href.startswith(("#", "https://")) for href in hrefs)


def test_every_hostile_field_renders_as_its_text(root: Path) -> None:
    parsed = parse_report(render(hostile_report(root)))
    assert ROOT in parsed.facts["Catalog"]
    assert parsed.facts["Baseline"] == MARKUP
    [tag_row] = parsed.rows("tag-table")
    assert tag_row["Tag"] == TAG
    assert tag_row["meta.yaml count"] == "3 ≠ 2"
    rules = {row["Code"]: row for row in parsed.rows("rule-table")}
    assert rules["CL201"]["Rule"] == MARKUP
    assert rules["CL201"]["What it means"] == f"{MARKUP} and {MARKUP}"
    assert rules["CL302"]["Rule"] == TAG
    assert parsed.rows("fixed") == [{"Code": MARKUP, "File": PATH, "Message": MARKUP}]
    findings = {f["code"]: f for f in parsed.findings()}
    assert findings["CL201"]["message"] == MARKUP
    assert findings["CL201"]["path"] == PATH
    assert findings["CL201"]["tag"] == TAG
    assert findings["CL201"]["excerpt"] == [[2, "value: ", MARKUP, ""]]
    assert PACKAGE in findings["CL201"]["fix"]
    # Line breaks in a message are shown escaped, as every format shows them.
    assert findings["CL302"]["message"] == f"{MARKUP}\\r\\n\\u2028"


def test_the_findings_data_cannot_end_its_script_element(root: Path) -> None:
    text = render(hostile_report(root))
    start = text.index('<script type="application/json" id="data">')
    data = text[start : text.index("</script>", start)]
    assert "<" not in data.removeprefix('<script type="application/json" id="data">')
    assert ">" not in data.split(">", 1)[1]
