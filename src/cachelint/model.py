"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from cachelint.spack.options import SpackOptions

if TYPE_CHECKING:
    from cachelint.catalog.facts import PageFacts
    from cachelint.catalog.sitedata import SiteData


class Severity(StrEnum):
    """How serious a finding is; only errors fail a run by default."""

    ERROR = "error"
    WARNING = "warning"


class PageKind(StrEnum):
    """Which schema a page is validated against."""

    TAGGED = "catalog-page"
    LEGACY = "legacy-page"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based range in a file; ``end_column`` is one past the last character.

    Lines end at LF; columns count Unicode code points (a BOM is not counted).
    """

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


# An empty span at the start of the file: for findings about the file as a whole.
FILE_START = Position(1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule or stage reports: a code, a message and where in the data.

    ``pointer`` is an RFC 6901 JSON Pointer into the front matter (``""`` for the
    whole file). ``position`` is set only by stages that know the text position
    themselves (YAML errors); otherwise the resolver derives it from ``pointer``.
    """

    code: str
    message: str
    pointer: str = ""
    position: Position | None = None
    related: tuple[str, ...] = ()  # more pointers the finding is about (CL203's other specs)


@dataclass(frozen=True, slots=True)
class Related:
    """A further place a diagnostic is about: its pointer and the span it resolves to."""

    pointer: str
    position: Position


@dataclass(frozen=True, slots=True)
class Parsed:
    """Front matter data, or the findings that prevented trusting it.

    ``canonical`` data was read by the fast path (:mod:`cachelint.page.jsonlines`).
    """

    data: Any
    findings: tuple[Finding, ...] = ()
    canonical: bool = False


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed in a file, with its severity: what reporters render."""

    code: str
    severity: Severity
    message: str
    path: str
    position: Position
    pointer: str = ""
    fixable: bool = False
    related: tuple[Related, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.position.line, self.position.column, self.code)


@dataclass(frozen=True, slots=True)
class PathContext:
    """What a page's location says about it: ``_cache/<tag>/<package>/<file>``."""

    tag: str | None = None
    package: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed catalog page, as rules see it.

    ``site`` is what the page's catalog declares in ``_data/tags.yaml``
    (read-only), or ``None`` when the page is in no catalog or the file is
    missing or malformed.
    """

    path: str
    kind: PageKind
    data: Mapping[str, Any]
    context: PathContext = field(default_factory=PathContext)
    root_stack: str = "root"
    site: SiteData | None = None
    spack: SpackOptions = field(default_factory=SpackOptions)


@dataclass(frozen=True, slots=True)
class Fix:
    """A repair of one file: the bytes it was planned from and the repaired bytes.

    ``repaired`` holds the findings the repair removes; their diagnostics are
    the ones marked ``fixable``.
    """

    original: bytes
    fixed: bytes
    repaired: frozenset[Finding]


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of checking one file.

    ``fix`` is the repair ``--fix`` would write, if any; ``fix_note`` says why a
    checked page is not repaired although it may need it (for ``--verbose``).
    ``facts`` is what the catalog pass keeps of a parsed page of a catalog.
    """

    path: str
    checked: bool
    diagnostics: tuple[Diagnostic, ...] = ()
    note: str = ""
    fix: Fix | None = None
    fix_note: str = ""
    facts: PageFacts | None = None

    def __reduce__(self) -> tuple[type[FileResult], tuple[Any, ...]]:
        # Results travel back from worker processes: positional fields pickle at
        # half the cost of a slotted dataclass's state.
        return (
            FileResult,
            (
                self.path,
                self.checked,
                self.diagnostics,
                self.note,
                self.fix,
                self.fix_note,
                self.facts,
            ),
        )


class DiagnosticCounts:
    """Counts over ``self.diagnostics``, shared by a run's result and its report."""

    __slots__ = ()
    diagnostics: Sequence[Diagnostic]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    @property
    def files_with_findings(self) -> int:
        return len({d.path for d in self.diagnostics})
