"""``html``: a catalog health report in one self-contained HTML file.

A header with the run's figures, health by tag, findings by rule, and the
pages with findings, filterable by tag, rule, severity and text. Inline CSS
and a little vanilla JavaScript; no server, no network. Imported only when
the format is used (``--output-format html``).
"""

from __future__ import annotations

from typing import TextIO

from cachelint.report.base import Report
from cachelint.report.html.page import document


def render_html(report: Report, stream: TextIO) -> None:
    """Write the report as one HTML document."""
    stream.writelines(document(report))


__all__ = ["render_html"]
