"""The figures of the html report: the run's totals, health by tag, findings by rule.

Plain data computed from a :class:`~cachelint.report.base.Report`; the page
module writes it out. Pages are grouped by their catalog and tag, read from
their path (``<root>/_cache/<tag>/<package>/<file>``).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from cachelint.catalog.summary import TagSummary
from cachelint.layout import CACHE_FOLDER
from cachelint.model import Diagnostic, Severity
from cachelint.record import Record, fill
from cachelint.report.base import HOMEPAGE, Report

DOCS_URL = f"{HOMEPAGE}/blob/main/docs/rules.md"
STALE_CODE = "CL504"  # a page names a stack its tag does not declare
_SEPARATORS = re.compile(r"[\\/]")


class Totals(Record):
    """The header's figures."""

    __slots__ = ("data_files", "errors", "pages", "pages_with_findings", "warnings")

    pages: int
    data_files: int
    errors: int
    warnings: int
    pages_with_findings: int

    def __init__(
        self, pages: int, data_files: int, errors: int, warnings: int, pages_with_findings: int
    ) -> None:
        fill(self, pages, data_files, errors, warnings, pages_with_findings)

    @property
    def clean_percent(self) -> float:
        """Pages without findings, in percent of the checked pages (100 when none)."""
        if not self.pages:
            return 100.0
        return 100.0 * (self.pages - self.pages_with_findings) / self.pages


class TagRow(Record):
    """One tag's health: its totals and its pages' findings."""

    __slots__ = (
        "agrees",
        "catalog",
        "complete",
        "declared",
        "errors",
        "has_meta",
        "pages",
        "pages_with_findings",
        "specs",
        "stale_pages",
        "tag",
        "warnings",
    )

    catalog: str
    tag: str
    pages: int
    specs: int | None  # None: no page of the tag was counted
    complete: bool
    declared: int | None
    agrees: bool | None
    has_meta: bool
    errors: int
    warnings: int
    stale_pages: int
    pages_with_findings: int

    def __init__(
        self,
        catalog: str,
        tag: str,
        pages: int,
        specs: int | None,
        complete: bool,
        declared: int | None,
        agrees: bool | None,
        has_meta: bool,
        errors: int,
        warnings: int,
        stale_pages: int,
        pages_with_findings: int,
    ) -> None:
        fill(
            self,
            catalog,
            tag,
            pages,
            specs,
            complete,
            declared,
            agrees,
            has_meta,
            errors,
            warnings,
            stale_pages,
            pages_with_findings,
        )

    @property
    def broken_share(self) -> float:
        """The share of the tag's pages with findings, for its bar (0 to 1)."""
        return min(1.0, self.pages_with_findings / self.pages) if self.pages else 0.0


class RuleRow(Record):
    """One code's findings in the run, with its documentation."""

    __slots__ = ("code", "count", "fixable", "name", "pages", "severity", "summary")

    code: str
    name: str
    severity: str
    summary: str
    count: int
    pages: int
    fixable: int

    def __init__(
        self,
        code: str,
        name: str,
        severity: str,
        summary: str,
        count: int,
        pages: int,
        fixable: int,
    ) -> None:
        fill(self, code, name, severity, summary, count, pages, fixable)

    @property
    def docs_url(self) -> str:
        """The code's section of docs/rules.md (GitHub's heading anchors are lower case)."""
        return f"{DOCS_URL}#{self.code.lower()}"


def tag_of(path: str) -> tuple[str, str] | None:
    """``(catalog root, tag)`` of a page below ``_cache/<tag>/<package>/``, else None."""
    parts = _SEPARATORS.split(path)
    if len(parts) < 4 or parts[-4] != CACHE_FOLDER:
        return None
    return _normal("/".join(parts[:-4])), parts[-3]


def _normal(root: str) -> str:
    return os.path.normpath(root or ".").replace("\\", "/")


def data_files(report: Report) -> set[str]:
    """The catalogs' data files among the checked files (the rest are pages)."""
    return {path for catalog in report.catalogs for path in catalog.data_files}


def totals(report: Report) -> Totals:
    """The header's figures for ``report``."""
    site = data_files(report)
    pages = [path for path in report.pages() if path not in site]
    return Totals(
        pages=len(pages),
        data_files=len(site & set(report.pages())),
        errors=report.errors,
        warnings=report.warnings,
        pages_with_findings=len({d.path for d in report.diagnostics} - site),
    )


def tag_rows(report: Report) -> list[TagRow]:
    """A row per tag of each catalog, and per tag of checked pages in no catalog, worst first."""
    by_tag: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    for diagnostic in report.diagnostics:
        key = tag_of(diagnostic.path)
        if key is not None:
            by_tag[key].append(diagnostic)
    known = {
        (_normal(catalog.root), summary.tag): summary
        for catalog in report.catalogs
        for summary in catalog.tags
    }
    with_meta = {_normal(catalog.root) for catalog in report.catalogs if catalog.has_meta}
    pages = Counter(key for path in report.pages() if (key := tag_of(path)) is not None)
    rows = [
        _tag_row(key, known.get(key), pages[key], by_tag.get(key, []), key[0] in with_meta)
        for key in sorted({*known, *pages})
    ]
    return sorted(rows, key=_worst_first)


def _worst_first(row: TagRow) -> tuple[bool, int, int, float]:
    """Broken tags first (a disagreeing meta.yaml count, then by errors), then by name."""
    return (row.agrees is not False, -row.errors, -row.warnings, -row.broken_share)


def _tag_row(
    key: tuple[str, str],
    summary: TagSummary | None,
    pages: int,
    found: list[Diagnostic],
    has_meta: bool,
) -> TagRow:
    catalog, tag = key
    return TagRow(
        catalog=catalog,
        tag=tag,
        pages=summary.pages if summary else pages,
        specs=summary.num_specs if summary else None,
        complete=summary.complete if summary else False,
        declared=summary.declared if summary else None,
        agrees=summary.agrees if summary else None,
        has_meta=has_meta,
        errors=_count(found, Severity.ERROR),
        warnings=_count(found, Severity.WARNING),
        stale_pages=len({d.path for d in found if d.code == STALE_CODE}),
        pages_with_findings=len({d.path for d in found}),
    )


def _count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(d.severity is severity for d in diagnostics)


def rule_rows(report: Report) -> list[RuleRow]:
    """A row per code found, most frequent first."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    pages: dict[str, set[str]] = defaultdict(set)
    severities: dict[str, str] = {}
    for diagnostic in report.diagnostics:
        counts[diagnostic.code] += 1
        fixable[diagnostic.code] += diagnostic.fixable
        pages[diagnostic.code].add(diagnostic.path)
        severities.setdefault(diagnostic.code, diagnostic.severity.value)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        info = report.rules.get(code)
        rows.append(
            RuleRow(
                code=code,
                name=info.name if info else "",
                severity=severities[code],
                summary=info.summary if info else "",
                count=count,
                pages=len(pages[code]),
                fixable=fixable[code],
            )
        )
    return rows


def selection_note(report: Report) -> str:
    """The run's selection, told against the codes enabled by default."""
    if report.selected is None:
        return "not recorded"
    default = {code for code, info in report.rules.items() if info.enabled}
    known = set(report.rules)
    active = report.selected & known
    added = sorted(active - default)
    removed = sorted(default - active)
    note = f"{len(active)} of {len(known)} codes"
    if added:
        note += f"; added: {', '.join(added)}"
    if removed:
        note += f"; off: {', '.join(removed)}"
    return note if added or removed else f"{note} (the defaults)"
