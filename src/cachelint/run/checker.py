"""Check one page: read, split, parse, validate, run the rules, place the findings.

The stages live in their packages (``page/``, ``schema/``, ``rules/``); this
module runs them in order for one file and turns every failure into a finding.
"""

from __future__ import annotations

from pathlib import Path

from cachelint.catalog.facts import page_facts
from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.config.selection import Selection
from cachelint.frozen import FrozenDict, FrozenList, freeze
from cachelint.layout import data_file_kind
from cachelint.model import FileResult, Finding, Page
from cachelint.page.parse import page_kind, parse_front_matter
from cachelint.page.positions import PositionResolver
from cachelint.page.source import Source, byte_order_mark
from cachelint.page.split import (
    FrontMatter,
    declares_cache_layout,
    has_opening_fence,
    split_front_matter,
)
from cachelint.page.suppressions import find_comments, suppressed_findings
from cachelint.record import replace
from cachelint.rules.base import Rule, is_blocked
from cachelint.run.place import place_result, unparsed
from cachelint.run.reading import read_target
from cachelint.schema.check import schema_findings
from cachelint.scope.discovery import Target

# The values a fix plan rewrites and places as a whole (see cachelint.fix.plan).
FIX_POINTERS = ("/meta", "/spec_details")


def check_target(target: Target, settings: CheckSettings) -> FileResult:
    """Check one file; every failure becomes a finding, never an exception."""
    if target.excluded:
        return FileResult(target.display, checked=False, note=target.excluded)
    return check_source(target, read_target(target, settings), settings)


def check_source(target: Target, source: Source | Finding, settings: CheckSettings) -> FileResult:
    """Check a file already read (a :class:`Finding` says why it could not be)."""
    if _named_data_file(target):
        from cachelint.run.datafiles import check_data_file

        return check_data_file(target, settings)
    if isinstance(source, Finding):
        return unparsed(target, [source], None, settings)
    skip_reason = _not_a_page(target, source)
    if skip_reason:
        return FileResult(target.display, checked=False, note=skip_reason)
    bom = byte_order_mark(source)
    front_matter = split_front_matter(source.text)
    if isinstance(front_matter, Finding):
        return unparsed(target, [*bom, front_matter], None, settings, source=source)
    parsed = parse_front_matter(front_matter, max_depth=settings.limits.max_depth)
    if parsed.findings:
        return unparsed(target, [*bom, *parsed.findings], front_matter, settings, source=source)
    catalogs = settings.catalogs
    root = catalogs.root_of_file(target.path)
    page = Page(
        path=target.display,
        kind=page_kind(parsed.data),
        data=parsed.data,  # shared by every rule, none may change it for the next
        context=target.context,
        root_stack=settings.root_stack,
        site=catalogs.site_of(root, named_from=target.path, limits=settings.limits),
        spack=settings.spack,
    )
    # The catalog pass sums these per tag; the page itself is not kept.
    facts = page_facts(parsed.data) if root is not None else None
    selection = settings.selection_for(target.path)
    findings = [*bom, *check_page(page, settings, selection, canonical=parsed.canonical)]
    resolver = PositionResolver(front_matter)
    if not findings:  # the common clean page: nothing to repair
        return place_result(target, findings, front_matter, resolver, settings, facts=facts)
    # A big page is placed without a node tree (the fix plan places whole values).
    resolver.prefetch([*(f.pointer for f in findings if f.position is None), *FIX_POINTERS])
    from cachelint.fix.plan import NotFixable, plan_fix

    suppressed = suppressed_findings(
        findings,
        find_comments(front_matter),
        line_of=lambda finding: (finding.position or resolver.resolve(finding.pointer)).line,
    )
    plan = plan_fix(
        page, source, findings, selection=selection, resolver=resolver, suppressed=suppressed
    )
    if isinstance(plan, NotFixable):
        return place_result(
            target, findings, front_matter, resolver, settings, fix_note=plan.reason, facts=facts
        )
    return place_result(target, findings, front_matter, resolver, settings, fix=plan, facts=facts)


def skip_reason(target: Target, settings: CheckSettings) -> str:
    """Why ``target`` would not be checked (``""``: it would be)."""
    if target.excluded:
        return target.excluded
    if _named_data_file(target):
        return ""
    source = read_target(target, settings)
    return "" if isinstance(source, Finding) else _not_a_page(target, source)


def check_page(
    page: Page,
    settings: CheckSettings,
    selection: Selection | None = None,
    *,
    canonical: bool = False,
) -> list[Finding]:
    """Schema findings, then the findings of every rule whose data is valid.

    ``canonical`` data was read by the JSON-lines reader (see :mod:`cachelint.schema.check`).
    """
    found = schema_findings(page.data, page.kind, canonical=canonical)
    broken = [f.pointer for f in found]
    return [*found, *_rule_findings(page, settings, selection, broken)]


def _rule_findings(
    page: Page, settings: CheckSettings, selection: Selection | None, broken: list[str]
) -> list[Finding]:
    """The findings of every rule whose data no schema error at ``broken`` touches."""
    findings: list[Finding] = []
    outsiders = settings.registry.outside_codes
    read_only: Page | None = None
    for rule in settings.active_rules(page.kind, selection):
        if broken and any(is_blocked(need, error) for need in rule.needs for error in broken):
            continue
        checked = page
        if rule.code in outsiders:
            # A rule from outside cachelint reads a read-only copy (made once per page,
            # only for such pages), so it cannot change what the next rule sees.
            # cachelint's own rules read the data itself: none changes it
            # (tests/rules/test_read_only_data.py holds every one of them to that).
            checked = read_only = read_only or _read_only(page)
        try:  # here, not in a function of its own: a page runs some thirty rules
            findings.extend(list(rule.check(checked)))  # a crash keeps none of the rule's
        except Exception as exc:  # a broken rule must not stop the run
            findings.append(Finding(INTERNAL_ERROR, _crash_message(rule, checked, settings, exc)))
    return findings


def _read_only(page: Page) -> Page:
    """``page`` with its data deeply read-only (see :mod:`cachelint.frozen`)."""
    if isinstance(page.data, FrozenDict | FrozenList):
        return page  # the reference path froze it already
    return replace(page, data=freeze(page.data))


def _named_data_file(target: Target) -> bool:
    """A site data file or tag page named or listed (walks only find pages)."""
    if target.base:
        return False
    return bool(data_file_kind(target.path))


def _not_a_page(target: Target, source: Source) -> str:
    if target.explicit or target.in_cache:  # below _cache/, no front matter is CL002
        return ""
    if not has_opening_fence(source.text):
        return "no front matter"
    front_matter = split_front_matter(source.text)
    probe = front_matter if isinstance(front_matter, FrontMatter) else None
    if probe is None or not declares_cache_layout(probe):
        return "not a catalog page (not below _cache/, no 'layout: cache')"
    return ""


def _crash_message(rule: Rule, page: Page, settings: CheckSettings, exc: Exception) -> str:
    import traceback  # only for a rule that crashed

    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (in {last.name} at {Path(last.filename).name}:{last.lineno})"
    return (
        f"rule {rule.code} ({rule.name}) from {settings.registry.source(rule.code)} "
        f"crashed on {page.path}: {type(exc).__name__}: {exc}{where}"
    )
