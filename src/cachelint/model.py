"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from cachelint.frozen import FrozenDict
from cachelint.record import Record, fill
from cachelint.spack.options import DEFAULT_SPACK_OPTIONS, SpackOptions


class Severity(StrEnum):
    """How serious a finding is; only errors fail a run by default."""

    ERROR = "error"
    WARNING = "warning"


class PageKind(StrEnum):
    """Which schema a page is validated against."""

    TAGGED = "catalog-page"
    LEGACY = "legacy-page"


class Position(Record):
    """A 1-based range in a file; ``end_column`` is one past the last character.

    Lines end at LF; columns count Unicode code points (a BOM is not counted).
    """

    __slots__ = ("column", "end_column", "end_line", "line")

    line: int
    column: int
    end_line: int | None
    end_column: int | None

    def __init__(
        self, line: int, column: int, end_line: int | None = None, end_column: int | None = None
    ) -> None:
        fill(self, line, column, end_line, end_column)


# An empty span at the start of the file: for findings about the file as a whole.
FILE_START = Position(1, 1, 1, 1)


class Finding(Record):
    """What a rule or stage reports: a code, a message and where in the data.

    ``pointer`` is an RFC 6901 JSON Pointer into the front matter (``""`` for the
    whole file). ``position`` is set only by stages that know the text position
    themselves (YAML errors); otherwise the resolver derives it from ``pointer``.
    """

    __slots__ = ("code", "message", "pointer", "position", "related")

    code: str
    message: str
    pointer: str
    position: Position | None
    related: tuple[str, ...]  # more pointers the finding is about (CL203's other specs)

    def __init__(
        self,
        code: str,
        message: str,
        pointer: str = "",
        position: Position | None = None,
        related: tuple[str, ...] = (),
    ) -> None:
        fill(self, code, message, pointer, position, related)


class Related(Record):
    """A further place a diagnostic is about: its pointer and the span it resolves to."""

    __slots__ = ("pointer", "position")

    pointer: str
    position: Position

    def __init__(self, pointer: str, position: Position) -> None:
        fill(self, pointer, position)


class Parsed(Record):
    """Front matter data, or the findings that prevented trusting it.

    ``canonical`` data was read by the fast path (:mod:`cachelint.page.jsonlines`).
    """

    __slots__ = ("canonical", "data", "findings")

    data: Any
    findings: tuple[Finding, ...]
    canonical: bool

    def __init__(
        self, data: Any, findings: tuple[Finding, ...] = (), canonical: bool = False
    ) -> None:
        fill(self, data, findings, canonical)


class Diagnostic(Record):
    """A finding placed in a file, with its severity: what reporters render."""

    __slots__ = ("code", "fixable", "message", "path", "pointer", "position", "related", "severity")

    code: str
    severity: Severity
    message: str
    path: str
    position: Position
    pointer: str
    fixable: bool
    related: tuple[Related, ...]

    def __init__(
        self,
        code: str,
        severity: Severity,
        message: str,
        path: str,
        position: Position,
        pointer: str = "",
        fixable: bool = False,
        related: tuple[Related, ...] = (),
    ) -> None:
        fill(self, code, severity, message, path, position, pointer, fixable, related)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.position.line, self.position.column, self.code)


class PathContext(Record):
    """What a page's location says about it: ``_cache/<tag>/<package>/<file>``."""

    __slots__ = ("package", "tag")

    tag: str | None
    package: str | None

    def __init__(self, tag: str | None = None, package: str | None = None) -> None:
        fill(self, tag, package)


NO_CONTEXT = PathContext()  # a page outside ``_cache/<tag>/<package>/``


class TagDeclaration(Record):
    """One entry of ``_data/tags.yaml``: a tag, its stacks, and its place in the list."""

    __slots__ = ("index", "name", "stacks")

    name: str
    stacks: frozenset[str]
    index: int

    def __init__(self, name: str, stacks: frozenset[str], index: int) -> None:
        fill(self, name, stacks, index)

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the entry's ``name`` in ``tags.yaml``."""
        return f"/{self.index}/name"


class SiteData(Record):
    """What ``_data/tags.yaml`` declares; page rules see it as ``page.site``.

    Read-only. ``digest`` identifies the tags file's content: anything that
    keeps page results across runs must key them on it too, since CL503 and
    CL504 depend on it.
    """

    __slots__ = ("_by_name", "declarations", "digest", "root", "tags_file")

    root: str
    tags_file: str
    declarations: tuple[TagDeclaration, ...]
    digest: str

    def __init__(
        self, root: str, tags_file: str, declarations: tuple[TagDeclaration, ...], digest: str
    ) -> None:
        fill(self, root, tags_file, declarations, digest)
        by_name = FrozenDict((entry.name, entry) for entry in declarations)
        object.__setattr__(self, "_by_name", by_name)

    def declaration(self, tag: str) -> TagDeclaration | None:
        """The entry of ``tag``, or ``None`` if ``tags.yaml`` does not declare it."""
        return self._by_name.get(tag)

    def declares(self, tag: str) -> bool:
        """Whether ``tags.yaml`` declares ``tag``."""
        return tag in self._by_name

    def stacks_for(self, tag: str) -> frozenset[str] | None:
        """The stacks declared for ``tag``, or ``None`` if it is not declared."""
        entry = self._by_name.get(tag)
        return entry.stacks if entry else None

    def tag_names(self) -> tuple[str, ...]:
        """Every declared tag, in the order of ``tags.yaml``."""
        return tuple(entry.name for entry in self.declarations)


class PageFacts(Record):
    """One page's contribution to its tag's totals.

    ``num_specs`` is the page's ``meta.num_specs``, or ``None`` when it is not
    a count (the page's own findings say why; its tag's total is then unknown).
    """

    __slots__ = ("compilers", "num_specs", "parameters", "stacks")

    num_specs: int | None
    compilers: frozenset[str]
    parameters: frozenset[str]
    stacks: frozenset[str]

    def __init__(
        self,
        num_specs: int | None,
        compilers: frozenset[str] = frozenset(),
        parameters: frozenset[str] = frozenset(),
        stacks: frozenset[str] = frozenset(),
    ) -> None:
        fill(self, num_specs, compilers, parameters, stacks)


class Page(Record):
    """A parsed catalog page, as rules see it.

    ``site`` is what the page's catalog declares in ``_data/tags.yaml``
    (read-only), or ``None`` when the page is in no catalog or the file is
    missing or malformed.
    """

    __slots__ = ("context", "data", "kind", "path", "root_stack", "site", "spack")

    path: str
    kind: PageKind
    data: Mapping[str, Any]
    context: PathContext
    root_stack: str
    site: SiteData | None
    spack: SpackOptions

    def __init__(
        self,
        path: str,
        kind: PageKind,
        data: Mapping[str, Any],
        context: PathContext = NO_CONTEXT,
        root_stack: str = "root",
        site: SiteData | None = None,
        spack: SpackOptions = DEFAULT_SPACK_OPTIONS,
    ) -> None:
        fill(self, path, kind, data, context, root_stack, site, spack)


class Fix(Record):
    """A repair of one file: the bytes it was planned from and the repaired bytes.

    ``repaired`` holds the findings the repair removes; their diagnostics are
    the ones marked ``fixable``.
    """

    __slots__ = ("fixed", "original", "repaired")

    original: bytes
    fixed: bytes
    repaired: frozenset[Finding]

    def __init__(self, original: bytes, fixed: bytes, repaired: frozenset[Finding]) -> None:
        fill(self, original, fixed, repaired)


class FileResult(Record):
    """The outcome of checking one file.

    ``fix`` is the repair ``--fix`` would write, if any; ``fix_note`` says why a
    checked page is not repaired although it may need it (for ``--verbose``).
    ``facts`` is what the catalog pass keeps of a parsed page of a catalog.
    """

    __slots__ = ("checked", "diagnostics", "facts", "fix", "fix_note", "note", "path")

    path: str
    checked: bool
    diagnostics: tuple[Diagnostic, ...]
    note: str
    fix: Fix | None
    fix_note: str
    facts: PageFacts | None

    def __init__(
        self,
        path: str,
        checked: bool,
        diagnostics: tuple[Diagnostic, ...] = (),
        note: str = "",
        fix: Fix | None = None,
        fix_note: str = "",
        facts: PageFacts | None = None,
    ) -> None:
        fill(self, path, checked, diagnostics, note, fix, fix_note, facts)


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
