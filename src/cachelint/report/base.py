"""What reporters receive: plain data about a run, never the checker itself."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from cachelint import __version__
from cachelint.model import Diagnostic, DiagnosticCounts, Severity
from cachelint.page.boundary import boundary_near
from cachelint.page.source import read_source
from cachelint.report.paths import relative_to_root

if TYPE_CHECKING:
    from cachelint.catalog.summary import CatalogSummary

HOMEPAGE = "https://github.com/cachelint/cachelint"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A code's documentation, as SARIF and JUnit show it."""

    code: str
    name: str
    summary: str
    doc: str = ""
    severity: Severity = Severity.ERROR
    enabled: bool = True


def rule_infos(documented: Iterable[Any]) -> dict[str, RuleInfo]:
    """Rule documentation by code, from anything shaped like a rule (rules, stage codes)."""
    return {
        doc.code: RuleInfo(doc.code, doc.name, doc.summary, doc.doc, doc.severity, doc.enabled)
        for doc in documented
    }


@dataclass(frozen=True, slots=True)
class ToolInfo:
    """Who made the report."""

    name: str = "cachelint"
    version: str = __version__
    information_uri: str = HOMEPAGE


ELLIPSIS = "\u2026"
ASCII_ELLIPSIS = "..."  # for a terminal whose encoding has no ellipsis


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: decided by the command from the terminal and environment."""

    color: bool = False
    width: int = 100
    step_summary: Path | None = None  # GitHub's $GITHUB_STEP_SUMMARY
    ellipsis: str = ELLIPSIS  # where text was cut; ASCII_ELLIPSIS where it cannot be shown
    # Every report file this run writes, as (format, path): the job summary names them.
    reports: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A finding the baseline recorded that this run no longer reports (fixed)."""

    code: str
    path: str
    message: str = ""


@dataclass(frozen=True, slots=True)
class BaselineDelta:
    """The run against ``--baseline FILE``: what is new, what is still known, what is gone.

    ``new`` are diagnostics of the run the baseline does not hold (a subset of
    the report's diagnostics, compared by value); ``baselined`` counts the
    findings the baseline accepts, and ``known`` holds them (they are left out
    of every format's findings but the html report's, which marks them known);
    ``fixed`` are its entries the run no longer has.
    """

    file: str
    new: tuple[Diagnostic, ...] = ()
    baselined: int = 0
    fixed: tuple[BaselineEntry, ...] = ()
    known: tuple[Diagnostic, ...] = ()


def read_page_text(path: str) -> str | None:
    """A checked file's text as positions count it (UTF-8, BOM removed).

    Read again for excerpts, so within the same boundary as when checked: a
    link out of the catalog shows nothing.
    """
    source = read_source(Path(path), inside=boundary_near(path))
    return getattr(source, "text", None)


@dataclass(frozen=True, slots=True)
class Report(DiagnosticCounts):
    """A finished run: diagnostics sorted by path and position, and what was checked.

    ``root`` is the repository root: machine formats give paths relative to it.
    ``read_text`` supplies source excerpts (by diagnostic path) to the ``full`` format.
    """

    diagnostics: tuple[Diagnostic, ...]
    checked_files: Collection[str] = ()  # iterated: a run keeps them compactly
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    tool: ToolInfo = ToolInfo()
    root: Path = Path()
    options: RenderOptions = RenderOptions()
    read_text: Callable[[str], str | None] = read_page_text
    # What the html report shows beside the diagnostics (see cachelint.report.html).
    catalogs: tuple[CatalogSummary, ...] = ()
    selected: frozenset[str] | None = None  # the run's active codes (None: not known)
    baseline: BaselineDelta | None = None

    def pages(self) -> list[str]:
        """Every checked page once, in order, including pages with findings only."""
        return list(dict.fromkeys([*self.checked_files, *(d.path for d in self.diagnostics)]))

    def relative_path(self, path: str) -> str | None:
        """``path`` relative to the root (POSIX separators), or None if outside it."""
        return relative_to_root(path, self.root)


class Reporter(Protocol):
    """Renders a report on a text stream."""

    def __call__(self, report: Report, stream: TextIO, /) -> None: ...
