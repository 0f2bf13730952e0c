"""The html report's document: the header and tables as HTML, the findings as JSON.

Every value from the run goes through :func:`~.payload.esc` (text and attribute
values alike) or, in the findings data, through
:func:`~cachelint.report.html.payload.script_json`; the script renders
findings with ``textContent`` only. A Content-Security-Policy lets no script
run but the report's own (by its hash) and no request leave the page.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from importlib.resources import files
from urllib.parse import quote

from cachelint.report.base import Report
from cachelint.report.html.baseline import baseline_section
from cachelint.report.html.payload import esc, findings_payload, script_json, text
from cachelint.report.html.view import (
    RuleRow,
    TagRow,
    Totals,
    rule_rows,
    selection_note,
    tag_rows,
    totals,
)

_LITERAL = re.compile(r"``(.+?)``")  # reStructuredText literals of rule summaries


def asset(name: str) -> str:
    """A file shipped beside this module (the stylesheet, the script)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def document(report: Report, *, now: datetime | None = None) -> Iterator[str]:
    """The report as chunks of one HTML document."""
    script = asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    figures = totals(report)
    tags, rules = tag_rows(report), rule_rows(report)
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>cachelint report: {esc(_roots(report))}</title>\n"
        f"<style>\n{asset('report.css')}</style>\n</head>\n<body>\n"
    )
    yield from _header(report, figures, now or datetime.now(UTC))
    if report.baseline is not None:
        yield from baseline_section(report.baseline)
    yield from _tag_table(tags, several=len({row.catalog for row in tags}) > 1)
    yield from _rule_table(rules)
    yield from _findings(tags, rules, baseline=report.baseline is not None)
    yield f'<script type="application/json" id="data">{script_json(findings_payload(report))}'
    yield f"</script>\n<script>{script}</script>\n</body>\n</html>\n"


def _roots(report: Report) -> str:
    roots = [os.path.abspath(catalog.root) for catalog in report.catalogs]
    return ", ".join(roots) if roots else str(report.root)


def _header(report: Report, figures: Totals, now: datetime) -> Iterator[str]:
    tool = report.tool
    baseline = report.baseline.file if report.baseline is not None else "none"
    facts = {
        "Catalog": _roots(report),
        "When": now.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "cachelint": tool.version,
        "Pages": f"{figures.pages:,}",
        "Data files": f"{figures.data_files:,}",
        "Findings": f"{figures.errors:,} errors, {figures.warnings:,} warnings",
        "Pages clean": f"{figures.clean_percent:.1f}% "
        f"({figures.pages - figures.pages_with_findings:,} of {figures.pages:,})",
        "Selection": selection_note(report),
        "Baseline": baseline,
    }
    state = "failing" if figures.errors else "warned" if figures.warnings else "clean"
    yield f'<header class="{state}">\n<h1>cachelint report</h1>\n<dl class="facts">\n'
    for label, value in facts.items():
        yield f"<div><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>\n"
    yield '</dl>\n<nav class="toc"><a href="#tags">Health by tag</a> '
    yield '<a href="#rules">Findings by rule</a> <a href="#pages">Pages with findings</a>'
    yield "</nav>\n</header>\n<main>\n"


_TAG_COLUMNS = (
    ("Tag", "text"),
    ("Pages", "num"),
    ("Specs", "num"),
    ("Errors", "num"),
    ("Warnings", "num"),
    ("Stale pages (CL504)", "num"),
    ("meta.yaml count", "text"),
    ("Pages with findings", "num"),
)


def _tag_table(rows: list[TagRow], *, several: bool) -> Iterator[str]:
    yield '<section id="tags">\n<h2>Health by tag</h2>\n'
    if not rows:
        yield "<p>No page below <code>_cache/&lt;tag&gt;/</code> was checked.</p>\n</section>\n"
        return
    columns = (("Catalog", "text"), *_TAG_COLUMNS) if several else _TAG_COLUMNS
    yield '<div class="scroll">\n<table class="sortable" id="tag-table">\n<thead><tr>'
    yield from _headings(columns)
    yield "</tr></thead>\n<tbody>\n"
    for row in rows:
        yield _tag_row(row, several=several)
    yield "</tbody>\n</table>\n</div>\n</section>\n"


def _tag_row(row: TagRow, *, several: bool) -> str:
    specs = "" if row.specs is None else f"{row.specs:,}" + ("" if row.complete else "+")
    severity = "error" if row.errors else "warning" if row.warnings else "clean"
    cells = [f'<td data-sort="{esc(row.catalog)}">{esc(row.catalog)}</td>'] if several else []
    cells += [
        f'<td data-sort="{esc(row.tag)}"><a href="#tag={esc(_fragment(row.tag))}">'
        f"{esc(row.tag)}</a></td>",
        _number(row.pages),
        f'<td class="num" data-sort="{row.specs or 0}">{specs}</td>',
        _number(row.errors, "error" if row.errors else ""),
        _number(row.warnings, "warning" if row.warnings else ""),
        _number(row.stale_pages, "warning" if row.stale_pages else ""),
        _meta_cell(row),
        f'<td class="bar" data-sort="{row.broken_share:.4f}">'
        f'<span class="track"><span class="fill {severity}" '
        f'style="width:{100 * row.broken_share:.1f}%"></span></span> '
        f"{row.pages_with_findings:,} ({100 * row.broken_share:.0f}%)</td>",
    ]
    return f'<tr class="{severity}">{"".join(cells)}</tr>\n'


def _meta_cell(row: TagRow) -> str:
    """The tag's ``count`` in _data/meta.yaml against its pages' sum (as CL505 compares)."""
    if row.declared is None:
        label, state = ("no entry" if row.has_meta else "no meta.yaml"), ""
    elif row.agrees is None:
        label, state = f"{row.declared:,} (sum unknown)", ""
    elif row.agrees:
        label, state = f"agrees ({row.declared:,})", "ok"
    else:
        label, state = f"{row.declared:,} ≠ {row.specs:,}", "error"
    return f'<td class="{state}" data-sort="{esc(label)}">{esc(label)}</td>'


def _number(value: int, state: str = "") -> str:
    return f'<td class="num {state}" data-sort="{value}">{value:,}</td>'


_RULE_COLUMNS = (
    ("Code", "text"),
    ("Rule", "text"),
    ("Severity", "text"),
    ("Findings", "num"),
    ("Pages", "num"),
    ("Fixable", "num"),
    ("What it means", "text"),
)


def _headings(columns: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Column headings that sort their table (``kind``: ``num`` or ``text``)."""
    for name, kind in columns:
        yield f'<th data-type="{kind}"><button type="button">{esc(name)}</button></th>'


def _rule_table(rows: list[RuleRow]) -> Iterator[str]:
    yield '<section id="rules">\n<h2>Findings by rule</h2>\n'
    if not rows:
        yield "<p>No findings.</p>\n</section>\n"
        return
    yield '<table class="sortable" id="rule-table">\n<thead><tr>'
    yield from _headings(_RULE_COLUMNS)
    yield "</tr></thead>\n<tbody>\n"
    for row in rows:
        yield (
            f'<tr class="{esc(row.severity)}"><td data-sort="{esc(row.code)}">'
            f'<a href="#rule={esc(_fragment(row.code))}">{esc(row.code)}</a></td>'
            f'<td data-sort="{esc(row.name)}"><a class="doc" href="{esc(row.docs_url)}">'
            f"{esc(row.name or row.code)}</a></td>"
            f'<td class="{esc(row.severity)}" data-sort="{esc(row.severity)}">'
            f"{esc(row.severity)}</td>{_number(row.count)}{_number(row.pages)}"
            f'{_number(row.fixable)}<td data-sort="{esc(row.summary)}">'
            f"{_with_literals(row.summary)}</td></tr>\n"
        )
    yield "</tbody>\n</table>\n</section>\n"


def _with_literals(summary: str) -> str:
    """A rule summary, escaped, with its ````literals```` as code."""
    return _LITERAL.sub(r"<code>\1</code>", esc(summary))


def _findings(tags: list[TagRow], rules: list[RuleRow], *, baseline: bool) -> Iterator[str]:
    yield '<section id="pages">\n<h2>Pages with findings</h2>\n<form id="filters">\n'
    yield _select("tag", "Tag", sorted({row.tag for row in tags if row.pages_with_findings}))
    yield _select("rule", "Rule", [row.code for row in rules])
    yield _select("severity", "Severity", ["error", "warning"])
    yield '<label>Text <input type="search" name="q" placeholder="path or message"></label>\n'
    if baseline:
        yield '<label><input type="checkbox" name="new" value="1"> new only</label>\n'
    yield '<button type="reset">Clear</button>\n</form>\n'
    yield '<p id="status" role="status"></p>\n<nav class="pager" id="pager-top"></nav>\n'
    yield '<div id="list"></div>\n<nav class="pager" id="pager-bottom"></nav>\n'
    yield "<noscript><p>The list of findings needs JavaScript; the tables above do not.</p>"
    yield "</noscript>\n</section>\n</main>\n"


def _select(name: str, label: str, values: Iterable[str]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (
        f'<label>{esc(label)} <select name="{name}"><option value="">all</option>'
        f"{options}</select></label>\n"
    )


def _fragment(value: str) -> str:
    """A value for the URL fragment the script reads (``#tag=…``), percent-encoded."""
    return quote(text(value), safe="")
