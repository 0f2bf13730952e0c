"""Reporters render a finished run; each output format is one module.

Reporters receive a :class:`~cachelint.report.base.Report` (plain data: the
diagnostics, the checked pages, rule documentation, render options) and a text
stream; they never see the checker.
"""

from __future__ import annotations

from cachelint.report.base import RenderOptions, Report, Reporter, RuleInfo, ToolInfo
from cachelint.report.full import render_full
from cachelint.report.github import render_github
from cachelint.report.gitlab import render_gitlab
from cachelint.report.json import render_json, render_json_lines
from cachelint.report.junit import render_junit
from cachelint.report.sarif import render_sarif
from cachelint.report.text import render_concise

REPORTERS: dict[str, Reporter] = {
    "full": render_full,
    "concise": render_concise,
    "text": render_concise,  # the core's name for concise, kept working
    "json": render_json,
    "json-lines": render_json_lines,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
    "gitlab": render_gitlab,
}
DEFAULT_FORMAT = "full"

# Formats whose stdout is machine-readable: their summary goes to stderr.
MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "junit", "gitlab"})

__all__ = [
    "DEFAULT_FORMAT",
    "MACHINE_FORMATS",
    "REPORTERS",
    "RenderOptions",
    "Report",
    "Reporter",
    "RuleInfo",
    "ToolInfo",
]
