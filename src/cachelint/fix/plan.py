"""Plan the repair of one page: the new bytes, and which findings they remove.

A repair is planned from the page's own text and only for reported findings:
``meta`` is rewritten when a selected finding says it is stale (CL201, CL202,
CL301, CL302, CL402, or a schema finding inside a derived ``meta`` value), and
``spec_details`` is sorted by hash when CL403 is reported. ``meta`` is then
recomputed as a whole. Nothing is planned from data that is not valid: a schema
finding inside ``spec_details``, on ``meta`` itself or on a key ``meta`` should
not have makes the page :class:`NotFixable`. A value is left as it is when a
suppression comment turns off a finding its rewrite would remove: the comment
vouches for the value as written.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any, NamedTuple

from cachelint.fix.derive import DERIVED_KEYS, repaired_meta
from cachelint.fix.jsonstyle import detect_style
from cachelint.model import Finding, Fix, Page, PageKind, Position
from cachelint.page.positions import PositionResolver
from cachelint.page.source import BOM, BOM_BYTES, BOM_CODE, Source
from cachelint.pointer import from_pointer
from cachelint.record import Record, fill
from cachelint.schema.explain import SCHEMA_CODES

META_CODES = frozenset({"CL201", "CL202", "CL301", "CL302", "CL402"})
ORDER_CODE = "CL403"


class NotFixable(NamedTuple):
    """Why a page that may need a repair is left as it is."""

    reason: str


class Edit(Record):
    """Replace ``text[start:end]`` by ``new``."""

    __slots__ = ("end", "new", "start")

    start: int
    end: int
    new: str

    def __init__(self, start: int, end: int, new: str) -> None:
        fill(self, start, end, new)


def plan_fix(
    page: Page,
    source: Source,
    findings: Sequence[Finding],
    *,
    selection: Container[str],
    resolver: PositionResolver,
    suppressed: Container[Finding] = frozenset(),
) -> Fix | NotFixable | None:
    """The repair of ``page``, why there is none, or ``None`` when nothing needs one.

    A byte-order mark (CL007) is removed whatever else the page needs: the mark
    hides the page from Jekyll, and dropping its three bytes changes nothing else.
    """
    planned = _plan_data(
        page, source, findings, selection=selection, resolver=resolver, suppressed=suppressed
    )
    mark = plan_bom_fix(source, findings, selection=selection, suppressed=suppressed)
    if mark is None:
        return planned
    if isinstance(planned, Fix):
        fixed = planned.fixed.removeprefix(BOM_BYTES)
        return Fix(planned.original, fixed, planned.repaired | mark.repaired)
    return mark


def plan_bom_fix(
    source: Source,
    findings: Sequence[Finding],
    *,
    selection: Container[str],
    suppressed: Container[Finding] = frozenset(),
) -> Fix | None:
    """The removal of a reported byte-order mark (CL007): the file less its first three bytes."""
    marks = [
        finding
        for finding in findings
        if finding.code == BOM_CODE and finding.code in selection and finding not in suppressed
    ]
    if not marks or not source.raw.startswith(BOM_BYTES):
        return None
    return Fix(source.raw, source.raw[len(BOM_BYTES) :], frozenset(marks))


def _plan_data(
    page: Page,
    source: Source,
    findings: Sequence[Finding],
    *,
    selection: Container[str],
    resolver: PositionResolver,
    suppressed: Container[Finding] = frozenset(),
) -> Fix | NotFixable | None:
    """The repair of the derived data of ``page`` (``meta``, the order of the specs)."""
    if page.kind is not PageKind.TAGGED:
        return None
    invalid = invalid_data(findings)
    if invalid:
        return NotFixable(invalid)
    selected = [finding for finding in findings if finding.code in selection]
    stale_meta = _unless_suppressed([f for f in selected if repaired_by_meta(f)], suppressed)
    unsorted = _unless_suppressed([f for f in selected if f.code == ORDER_CODE], suppressed)
    if not stale_meta and not unsorted:
        return None
    specs = page.data["spec_details"]
    if unsorted:
        specs = sorted(specs, key=lambda spec: spec["hash"])
    wanted = (
        ("spec_details", specs, unsorted),
        ("meta", repaired_meta(page.data["meta"], specs), stale_meta),
    )
    edits: list[Edit] = []
    repaired: list[Finding] = []
    for name, value, removes in wanted:
        if not removes:
            continue
        edit = _rewrite(
            source.text, resolver.resolve(f"/{name}"), current=page.data[name], new=value
        )
        if isinstance(edit, str):
            return NotFixable(f"{name} {edit}, so it cannot be rewritten losslessly")
        if edit.new != source.text[edit.start : edit.end]:
            edits.append(edit)
            repaired.extend(removes)
    return _fix(source, edits, repaired)


def _unless_suppressed(findings: list[Finding], suppressed: Container[Finding]) -> list[Finding]:
    return [] if any(finding in suppressed for finding in findings) else findings


def invalid_data(findings: Sequence[Finding]) -> str:
    """Why the page's data cannot be repaired from (``""`` if it can)."""
    for finding in findings:
        if finding.code not in SCHEMA_CODES:
            continue
        parts = from_pointer(finding.pointer)
        where = f"{finding.code} at {finding.pointer or 'the front matter'}"
        if not parts:
            return f"the front matter is not a valid catalog page ({where})"
        if parts[0] == "spec_details":
            return f"spec_details is not valid ({where}), and meta is derived from it"
        if parts[0] == "meta" and (len(parts) == 1 or parts[1] not in DERIVED_KEYS):
            return f"meta is broken beyond its derived values ({where})"
    return ""


def repaired_by_meta(finding: Finding) -> bool:
    """Whether rewriting ``meta`` from ``spec_details`` removes this finding."""
    if finding.code in META_CODES:
        return True
    parts = from_pointer(finding.pointer)
    return (
        finding.code in SCHEMA_CODES
        and len(parts) >= 2
        and parts[0] == "meta"
        and parts[1] in DERIVED_KEYS
    )


def _rewrite(text: str, position: Position, *, current: Any, new: Any) -> Edit | str:
    """Replace the JSON text of ``current`` at ``position`` by ``new``, or say why not."""
    span = _one_line_span(text, position)
    if span is None:
        return "is not written on one line"
    start, end = span
    style = detect_style(text[start:end], current)
    if style is None:
        return "is not written the way json.dumps writes it"
    return Edit(start, end, style.dumps(new))


def _one_line_span(text: str, position: Position) -> tuple[int, int] | None:
    """Offsets in ``text`` of a value that starts and ends on the same line."""
    if position.end_line != position.line or position.end_column is None:
        return None
    offset = 0
    for _ in range(position.line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    start, end = offset + position.column - 1, offset + position.end_column - 1
    return (start, end) if start < end <= line_end else None


def _fix(source: Source, edits: list[Edit], repaired: list[Finding]) -> Fix | None:
    text = source.text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    if text == source.text:
        return None
    fixed = ((BOM if source.has_bom else "") + text).encode("utf-8")
    return Fix(original=source.raw, fixed=fixed, repaired=frozenset(repaired))
