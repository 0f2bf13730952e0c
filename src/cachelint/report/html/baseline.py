"""The html report's section on a run against ``--baseline``: what is new, what was fixed.

It renders a :class:`~cachelint.report.base.BaselineDelta`; the new findings
themselves are marked in the findings list, which can show them alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from cachelint.report.base import BaselineDelta
from cachelint.report.html.payload import esc

FIXED_SHOWN = 1000  # fixed entries listed; the rest are counted


def baseline_section(delta: BaselineDelta) -> Iterator[str]:
    """The counts of new, known and fixed findings, and the fixed ones listed."""
    yield (
        '<section id="baseline">\n<h2>Since the baseline</h2>\n'
        f'<p><strong class="new">{len(delta.new):,} new</strong>, '
        f'<strong class="fixed">{len(delta.fixed):,} fixed</strong>, '
        f"{delta.baselined:,} known from {esc(delta.file)}. "
        '<a href="#new=1">Show the new findings</a>.</p>\n'
    )
    if delta.fixed:
        yield '<table id="fixed">\n<caption>Fixed since the baseline</caption>\n'
        yield "<thead><tr><th>Code</th><th>File</th><th>Message</th></tr></thead>\n<tbody>\n"
        for entry in delta.fixed[:FIXED_SHOWN]:
            yield f"<tr><td>{esc(entry.code)}</td><td>{esc(entry.path)}</td>"
            yield f"<td>{esc(entry.message)}</td></tr>\n"
        yield "</tbody>\n</table>\n"
        if len(delta.fixed) > FIXED_SHOWN:
            yield f"<p>… and {len(delta.fixed) - FIXED_SHOWN:,} more.</p>\n"
    yield "</section>\n"
