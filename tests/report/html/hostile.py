"""A report with markup in every field a page, a file name or a plugin controls."""

from __future__ import annotations

from pathlib import Path

from cachelint.catalog.summary import CatalogSummary, TagSummary
from cachelint.model import Diagnostic, Position, Severity
from cachelint.report import Report, RuleInfo
from cachelint.report.base import BaselineDelta, BaselineEntry

# Each ends a <script>, opens an element with a handler, or breaks out of a quoted attribute.
MARKUP = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;<!--"
TAG = "<img src=x onerror=alert('tag')>\"'&"  # a folder name: no slash
PACKAGE = '<svg onload=alert("pkg")>'
ROOT = f"site {MARKUP}"
PATH = f"{ROOT}/_cache/{TAG}/{PACKAGE}/specs.md"
SPAN_LINE = f"value: {MARKUP}"

# What every element of the report may be; an injected one would be something else.
ELEMENTS = {
    *("html", "head", "meta", "title", "style", "script", "body", "header", "h1", "h2"),
    *("dl", "div", "dt", "dd", "main", "section", "p", "strong", "a", "table", "caption"),
    *("thead", "tbody", "tr", "th", "td", "button", "span", "code", "form", "label"),
    *("select", "option", "input", "nav", "noscript"),
}


def hostile_report(root: Path) -> Report:
    """Every string of the report hostile: paths, tag, messages, rule texts, baseline."""
    finding = Diagnostic(
        "CL201",
        Severity.ERROR,
        MARKUP,
        PATH,
        Position(2, 8, 2, 8 + len(MARKUP)),
        "/value",
        fixable=True,
    )
    other = Diagnostic("CL302", Severity.WARNING, f"{MARKUP}\r\n\u2028", PATH, Position(1, 1))
    rules = {
        "CL201": RuleInfo("CL201", MARKUP, f"``{MARKUP}`` and {MARKUP}"),
        "CL302": RuleInfo("CL302", TAG, MARKUP, severity=Severity.WARNING),
    }
    return Report(
        diagnostics=(other, finding),
        checked_files=(PATH, f"{ROOT}/_data/{MARKUP}.yaml"),
        rules=rules,
        root=root,
        read_text={PATH: f"---\n{SPAN_LINE}\n---\n"}.get,
        catalogs=(
            CatalogSummary(
                ROOT,
                (TagSummary(TAG, pages=1, num_specs=2, declared=3),),
                (f"{ROOT}/_data/{MARKUP}.yaml",),
                has_meta=True,
            ),
        ),
        selected=frozenset({"CL201", "CL302"}),
        baseline=BaselineDelta(
            file=MARKUP,
            new=(finding,),
            baselined=1,
            fixed=(BaselineEntry(MARKUP, PATH, MARKUP),),
        ),
    )
