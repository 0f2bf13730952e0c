"""The Markdown appended to ``$GITHUB_STEP_SUMMARY``, never over GitHub's 1 MiB.

GitHub drops a step summary larger than 1 MiB whole. So the summary is built
within a byte budget: the heading, a table of findings by tag and rule, then
as many findings as fit (in file order), then a line saying how many more
there are and which report files hold them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cachelint.model import Diagnostic
from cachelint.report.base import Report
from cachelint.report.escape import markdown_cell
from cachelint.report.paths import page_tag
from cachelint.report.summary import summary_line
from cachelint.wording import plural

STEP_SUMMARY_LIMIT = 1024 * 1024  # GitHub's limit per step
MARGIN = 16 * 1024  # for what GitHub adds, and the other steps' rounding
MAX_CELL = 400  # characters of one message cell
NO_TAG = "(no tag)"
_REPORT_NAMES = {"sarif": "SARIF", "json": "JSON", "junit": "JUnit", "gitlab": "GitLab"}


def step_summary(report: Report, *, used: int = 0) -> str:
    """The job summary, at most ``STEP_SUMMARY_LIMIT - MARGIN - used`` bytes of UTF-8."""
    budget = _Budget(STEP_SUMMARY_LIMIT - MARGIN - used)
    budget.add(f"### cachelint: {markdown_cell(summary_line(report))}", "")
    if not report.diagnostics:
        return budget.text()
    budget.reserve(len(_tail(report, shown=0).encode("utf-8", "backslashreplace")) + 1)
    budget.add(*_sarif_note(report))
    budget.add_rows(_by_tag_and_rule(report), what="rows of the table by tag and rule")
    budget.add("")
    rows = _finding_rows(report)
    header = ["| File | Line:Column | Code | Message |", "| --- | --- | --- | --- |"]
    shown = budget.add_rows(rows, header=header)
    budget.release()
    if shown < len(report.diagnostics):
        budget.add("", _tail(report, shown=shown))
    return budget.text()


def _sarif_note(report: Report) -> list[str]:
    """A capped SARIF log says so here too: the count of findings it left out."""
    sarif = [path for kind, path in report.options.reports if kind == "sarif"]
    if not sarif:
        return []
    from cachelint.report.sarif_select import select_results

    selection = select_results(report, fingerprints=False)
    if selection.complete:
        return []
    return [
        f"The SARIF report `{markdown_cell(sarif[0])}` leaves out "
        f"{plural(selection.findings_left_out, 'finding')} ({selection.results_left_out} "
        "results past what GitHub code scanning stores); the log of this step lists them all.",
        "",
    ]


def _by_tag_and_rule(report: Report) -> list[str]:
    findings: Counter[tuple[str, str]] = Counter()
    pages: dict[tuple[str, str], set[str]] = {}
    severity = {d.code: d.severity.value for d in report.diagnostics}
    for diagnostic in report.diagnostics:
        key = (_tag(report, diagnostic), diagnostic.code)
        findings[key] += 1
        pages.setdefault(key, set()).add(diagnostic.path)
    rows = [
        "| Tag | Code | Name | Severity | Findings | Pages |",
        "| --- | --- | --- | --- | ---: | ---: |",
    ]
    for (tag, code), count in sorted(findings.items(), key=lambda item: (-item[1], item[0])):
        info = report.rules.get(code)
        name = markdown_cell(info.name) if info else ""
        cells = [markdown_cell(tag), markdown_cell(code), name, severity[code]]
        rows.append(f"| {' | '.join(cells)} | {count} | {len(pages[(tag, code)])} |")
    return rows


def _finding_rows(report: Report) -> Iterable[str]:
    for diagnostic in report.diagnostics:
        shown = report.relative_path(diagnostic.path) or diagnostic.path
        where = f"{diagnostic.position.line}:{diagnostic.position.column}"
        message = diagnostic.message
        if len(message) > MAX_CELL:
            message = message[:MAX_CELL] + "…"
        cells = [shown, where, diagnostic.code, message]
        yield "| " + " | ".join(markdown_cell(cell) for cell in cells) + " |"


def _tag(report: Report, diagnostic: Diagnostic) -> str:
    return page_tag(report.relative_path(diagnostic.path) or "") or NO_TAG


def _tail(report: Report, *, shown: int) -> str:
    """How many findings are not shown, and where they all are."""
    hidden = report.diagnostics[shown:]
    pages = len({d.path for d in hidden})
    files = [
        f"`{markdown_cell(path)}` ({_REPORT_NAMES.get(kind, kind)})"
        for kind, path in report.options.reports
        if kind in _REPORT_NAMES
    ]
    where = (
        f"the full report is in {', '.join(files)} (keep report files as workflow artifacts) and in"
        if files
        else "every finding is in"
    )
    return (
        f"… and {plural(len(hidden), 'more finding')} in {plural(pages, 'page')}, not shown: "
        f"GitHub drops a job summary over 1 MiB. {where[0].upper()}{where[1:]} the log of this "
        "step."
    )


class _Budget:
    """Lines of Markdown that together stay within a number of UTF-8 bytes."""

    def __init__(self, limit: int) -> None:
        self._left = limit
        self._reserved = 0
        self._lines: list[str] = []

    def reserve(self, size: int) -> None:
        """Keep ``size`` bytes for a closing line."""
        self._reserved += size
        self._left -= size

    def release(self) -> None:
        self._left += self._reserved
        self._reserved = 0

    def add(self, *lines: str) -> bool:
        """Add the lines if they all fit."""
        size = sum(len(line.encode("utf-8", "backslashreplace")) + 1 for line in lines)
        if size > self._left:
            return False
        self._lines += lines
        self._left -= size
        return True

    def add_rows(
        self, rows: Iterable[str], *, header: list[str] | None = None, what: str = ""
    ) -> int:
        """Add a table's header and as many rows as fit; return the number of rows added."""
        added = 0
        if header is not None and not self.add(*header):
            return 0
        for row in rows:
            if not self.add(row):
                if what:
                    self.add("", f"(more {what} left out: the job summary is full)")
                break
            added += 1
        return added

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"
