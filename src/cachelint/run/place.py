"""Place a page's findings: position, severity, suppressions, into a FileResult."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cachelint.codes import UNUSED_SUPPRESSION
from cachelint.config.check import CheckSettings, severity
from cachelint.model import Diagnostic, FileResult, Finding, Fix, PageFacts, Related
from cachelint.page.positions import PositionResolver
from cachelint.page.source import BOM_CODE, Source
from cachelint.page.split import FrontMatter
from cachelint.page.suppressions import apply_suppressions, find_comments, unused_suppressions
from cachelint.scope.discovery import Target


def unparsed(
    target: Target,
    findings: Sequence[Finding],
    front_matter: FrontMatter | None,
    settings: CheckSettings,
    *,
    source: Source | None = None,
) -> FileResult:
    """The result of a file that could not be read or parsed: its findings, no rule's."""
    unread = next(finding for finding in findings if finding.code != BOM_CODE)
    note = f"the page could not be read or parsed ({unread.code})"
    resolver = PositionResolver(front_matter)
    fix = None
    if source is not None:  # the mark hides even a broken page from Jekyll: remove it
        from cachelint.fix.plan import plan_bom_fix

        fix = plan_bom_fix(source, findings, selection=settings.selection_for(target.path))
    return place_result(target, findings, front_matter, resolver, settings, fix=fix, fix_note=note)


def place_result(
    target: Target,
    findings: Iterable[Finding],
    front_matter: FrontMatter | None,
    resolver: PositionResolver,
    settings: CheckSettings,
    *,
    fix: Fix | None = None,
    fix_note: str = "",
    facts: PageFacts | None = None,
) -> FileResult:
    """Place the selected findings, then drop those that comments suppress."""
    selection = settings.selection_for(target.path)
    repaired = fix.repaired if fix else frozenset()
    placed = [
        place_finding(finding, target, resolver, settings, fixable=finding in repaired)
        for finding in findings
        if finding.code in selection
    ]
    comments = find_comments(front_matter)
    diagnostics, used = apply_suppressions(placed, comments)
    if UNUSED_SUPPRESSION in selection:
        unused = unused_suppressions(
            comments, used, known=settings.registry.all_codes(), selected=selection
        )
        reported = [
            place_finding(finding, target, resolver, settings, fixable=False) for finding in unused
        ]
        diagnostics.extend(apply_suppressions(reported, comments)[0])
    diagnostics.sort(key=lambda d: d.sort_key)
    return FileResult(
        target.display,
        checked=True,
        diagnostics=tuple(diagnostics),
        fix=fix,
        fix_note=fix_note,
        facts=facts,
    )


def place_finding(
    finding: Finding,
    target: Target,
    resolver: PositionResolver,
    settings: CheckSettings,
    *,
    fixable: bool,
) -> Diagnostic:
    """A finding with its place in the file and its severity in this run."""
    return Diagnostic(
        code=finding.code,
        severity=severity(finding.code, settings),
        message=finding.message,
        path=target.display,
        position=finding.position or resolver.resolve(finding.pointer),
        pointer=finding.pointer,
        fixable=fixable,
        related=tuple(Related(pointer, resolver.resolve(pointer)) for pointer in finding.related),
    )
