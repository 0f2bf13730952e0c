"""``html``: a catalog health report in one self-contained HTML file.

A header with the run's figures, health by tag, findings by rule, and the
pages with findings, filterable by tag, rule, severity and text. Inline CSS
and a little vanilla JavaScript; no server, no network. Imported only when
the format is used (``--output-format html``).
"""

from __future__ import annotations

from typing import TextIO

from cachelint.record import replace
from cachelint.report.base import Report
from cachelint.report.html.page import document


def render_html(report: Report, stream: TextIO) -> None:
    """Write the report as one HTML document (with the baseline's known findings, marked)."""
    stream.writelines(document(with_known_findings(report)))


def with_known_findings(report: Report) -> Report:
    """The report with the findings the baseline accepts put back among the new ones."""
    if report.baseline is None or not report.baseline.known:
        return report
    merged = sorted((*report.diagnostics, *report.baseline.known), key=lambda d: d.sort_key)
    return replace(report, diagnostics=tuple(merged))


__all__ = ["render_html"]
