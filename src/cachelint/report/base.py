"""What reporters receive: plain data about a run, never the checker itself."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from cachelint import __version__
from cachelint.model import Diagnostic, DiagnosticCounts, Severity
from cachelint.page.boundary import boundary_near
from cachelint.page.source import read_source
from cachelint.record import Record, fill
from cachelint.report.paths import relative_to_root

if TYPE_CHECKING:
    from cachelint.catalog.summary import CatalogSummary

HOMEPAGE = "https://github.com/cachelint/cachelint"


class RuleInfo(Record):
    """A code's documentation, as SARIF and JUnit show it."""

    __slots__ = ("code", "doc", "enabled", "name", "severity", "summary")

    code: str
    name: str
    summary: str
    doc: str
    severity: Severity
    enabled: bool

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,
        doc: str = "",
        severity: Severity = Severity.ERROR,
        enabled: bool = True,
    ) -> None:
        fill(self, code, name, summary, doc, severity, enabled)


def rule_infos(documented: Iterable[Any]) -> dict[str, RuleInfo]:
    """Rule documentation by code, from anything shaped like a rule (rules, stage codes)."""
    return {
        doc.code: RuleInfo(doc.code, doc.name, doc.summary, doc.doc, doc.severity, doc.enabled)
        for doc in documented
    }


class ToolInfo(Record):
    """Who made the report."""

    __slots__ = ("information_uri", "name", "version")

    name: str
    version: str
    information_uri: str

    def __init__(
        self, name: str = "cachelint", version: str = __version__, information_uri: str = HOMEPAGE
    ) -> None:
        fill(self, name, version, information_uri)


ELLIPSIS = "\u2026"
ASCII_ELLIPSIS = "..."  # for a terminal whose encoding has no ellipsis


class RenderOptions(Record):
    """How to render: decided by the command from the terminal and environment."""

    __slots__ = ("color", "ellipsis", "reports", "step_summary", "width")

    color: bool
    width: int
    step_summary: Path | None  # GitHub's $GITHUB_STEP_SUMMARY
    ellipsis: str  # where text was cut; ASCII_ELLIPSIS where it cannot be shown
    # Every report file this run writes, as (format, path): the job summary names them.
    reports: tuple[tuple[str, str], ...]

    def __init__(
        self,
        color: bool = False,
        width: int = 100,
        step_summary: Path | None = None,
        ellipsis: str = ELLIPSIS,
        reports: tuple[tuple[str, str], ...] = (),
    ) -> None:
        fill(self, color, width, step_summary, ellipsis, reports)


class BaselineEntry(Record):
    """A finding the baseline recorded that this run no longer reports (fixed)."""

    __slots__ = ("code", "message", "path")

    code: str
    path: str
    message: str

    def __init__(self, code: str, path: str, message: str = "") -> None:
        fill(self, code, path, message)


class BaselineDelta(Record):
    """The run against ``--baseline FILE``: what is new, what is still known, what is gone.

    ``new`` are diagnostics of the run the baseline does not hold (a subset of
    the report's diagnostics, compared by value); ``baselined`` counts the
    findings the baseline accepts, and ``known`` holds them (they are left out
    of every format's findings but the html report's, which marks them known);
    ``fixed`` are its entries the run no longer has.
    """

    __slots__ = ("baselined", "file", "fixed", "known", "new")

    file: str
    new: tuple[Diagnostic, ...]
    baselined: int
    fixed: tuple[BaselineEntry, ...]
    known: tuple[Diagnostic, ...]

    def __init__(
        self,
        file: str,
        new: tuple[Diagnostic, ...] = (),
        baselined: int = 0,
        fixed: tuple[BaselineEntry, ...] = (),
        known: tuple[Diagnostic, ...] = (),
    ) -> None:
        fill(self, file, new, baselined, fixed, known)


DEFAULT_TOOL = ToolInfo()
DEFAULT_OPTIONS = RenderOptions()
CURRENT_FOLDER = Path()


def read_page_text(path: str) -> str | None:
    """A checked file's text as positions count it (UTF-8, BOM removed).

    Read again for excerpts, so within the same boundary as when checked: a
    link out of the catalog shows nothing.
    """
    source = read_source(Path(path), inside=boundary_near(path))
    return getattr(source, "text", None)


class Report(DiagnosticCounts, Record):
    """A finished run: diagnostics sorted by path and position, and what was checked.

    ``root`` is the repository root: machine formats give paths relative to it.
    ``read_text`` supplies source excerpts (by diagnostic path) to the ``full`` format.
    """

    __slots__ = (
        "baseline",
        "catalogs",
        "checked_files",
        "diagnostics",
        "options",
        "read_text",
        "root",
        "rules",
        "selected",
        "tool",
    )

    diagnostics: tuple[Diagnostic, ...]
    checked_files: Collection[str]  # each once; iterated: a run keeps them compactly
    rules: Mapping[str, RuleInfo]
    tool: ToolInfo
    root: Path
    options: RenderOptions
    read_text: Callable[[str], str | None]
    # What the html report shows beside the diagnostics (see cachelint.report.html).
    catalogs: tuple[CatalogSummary, ...]
    selected: frozenset[str] | None  # the run's active codes (None: not known)
    baseline: BaselineDelta | None

    def __init__(
        self,
        diagnostics: tuple[Diagnostic, ...],
        checked_files: Collection[str] = (),
        rules: Mapping[str, RuleInfo] | None = None,
        tool: ToolInfo = DEFAULT_TOOL,
        root: Path = CURRENT_FOLDER,
        options: RenderOptions = DEFAULT_OPTIONS,
        read_text: Callable[[str], str | None] = read_page_text,
        catalogs: tuple[CatalogSummary, ...] = (),
        selected: frozenset[str] | None = None,
        baseline: BaselineDelta | None = None,
    ) -> None:
        rules = {} if rules is None else rules
        values = (root, options, read_text, catalogs, selected, baseline)
        fill(self, diagnostics, checked_files, rules, tool, *values)

    def pages(self) -> list[str]:
        """Every checked page once, in order, including pages with findings only."""
        return list(dict.fromkeys([*self.checked_files, *(d.path for d in self.diagnostics)]))

    def relative_path(self, path: str) -> str | None:
        """``path`` relative to the root (POSIX separators), or None if outside it."""
        return relative_to_root(path, self.root)


class Reporter(Protocol):
    """Renders a report on a text stream."""

    def __call__(self, report: Report, stream: TextIO, /) -> None: ...
