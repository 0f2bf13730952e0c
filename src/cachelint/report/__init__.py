"""Reporters render a finished run; each output format is one module.

Reporters receive a :class:`~cachelint.report.base.Report` (plain data: the
diagnostics, the checked pages, rule documentation, render options) and a text
stream; they never see the checker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from cachelint.report.base import RenderOptions, Report, Reporter, RuleInfo, ToolInfo

# format -> (module of cachelint.report, its render function)
_FORMATS: dict[str, tuple[str, str]] = {
    "full": ("full", "render_full"),
    "concise": ("text", "render_concise"),
    "text": ("text", "render_concise"),  # the core's name for concise, kept working
    "json": ("json", "render_json"),
    "json-lines": ("json", "render_json_lines"),
    "sarif": ("sarif", "render_sarif"),
    "github": ("github", "render_github"),
    "junit": ("junit", "render_junit"),
    "gitlab": ("gitlab", "render_gitlab"),
    "html": ("html", "render_html"),  # a sub-package: its template loads only when used
}


class _Reporters(Mapping[str, Reporter]):
    """The reporter of each format; a format's module is imported when it is used."""

    def __getitem__(self, name: str) -> Reporter:
        module, function = _FORMATS[name]
        reporter: Reporter = getattr(import_module(f"cachelint.report.{module}"), function)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMATS)

    def __len__(self) -> int:
        return len(_FORMATS)


REPORTERS: Mapping[str, Reporter] = _Reporters()
DEFAULT_FORMAT = "full"

# Formats whose stdout is machine-readable: their summary goes to stderr.
MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "junit", "gitlab", "html"})

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
