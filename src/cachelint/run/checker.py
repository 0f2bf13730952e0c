"""Check one file: read, split, parse, validate, run rules, place and filter findings."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cachelint.catalog.facts import PageFacts, page_facts
from cachelint.catalog.index import CatalogIndex
from cachelint.catalog.kinds import data_file_kind
from cachelint.codes import INTERNAL_ERROR, STAGE_CODES, UNUSED_SUPPRESSION
from cachelint.config.selection import PerFileIgnore, Selection
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import (
    Diagnostic,
    FileResult,
    Finding,
    Fix,
    Page,
    PageKind,
    Parsed,
    Related,
    Severity,
)
from cachelint.page import jsonlines as fastpath
from cachelint.page.boundary import boundary_for
from cachelint.page.frozen import TooDeep, freeze
from cachelint.page.positions import PositionResolver
from cachelint.page.source import BOM_CODE, Source, byte_order_mark, read_source
from cachelint.page.split import (
    FrontMatter,
    declares_cache_layout,
    has_opening_fence,
    split_front_matter,
)
from cachelint.page.suppressions import (
    apply_suppressions,
    find_comments,
    suppressed_findings,
    unused_suppressions,
)
from cachelint.rules.base import Rule, is_blocked
from cachelint.rules.registry import RuleRegistry
from cachelint.schema import verdict as fastschema
from cachelint.schema.explain import validate
from cachelint.scope.discovery import Target
from cachelint.spack.options import SpackOptions

# The values a fix plan rewrites and places as a whole (see cachelint.fix.plan).
FIX_POINTERS = ("/meta", "/spec_details")
# (registry id, selection, kind) -> (registry, its rules): every page of a run asks
# the same question; the registry is kept so that its id cannot be reused.
_ACTIVE_RULES: dict[tuple[int, frozenset[str], PageKind], tuple[RuleRegistry, list[Rule]]] = {}


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What every file of a run is checked with.

    ``severities`` overrides the default severity of codes; ``per_file_ignores``
    turns codes off in the files their globs match; ``catalogs`` finds each
    page's catalog and its site data.
    """

    registry: RuleRegistry
    selection: Selection
    root_stack: str = "root"
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS
    catalogs: CatalogIndex = field(default_factory=CatalogIndex)
    spack: SpackOptions = field(default_factory=SpackOptions)

    def active_rules(self, kind: PageKind, selection: Selection | None = None) -> list[Rule]:
        """The selected rules that apply to pages of ``kind``, in code order."""
        selection = selection or self.selection
        key = (id(self.registry), selection.active, kind)
        known = _ACTIVE_RULES.get(key)
        if known is not None and known[0] is self.registry:
            return known[1]
        rules = [
            loaded.rule
            for code, loaded in sorted(self.registry.rules.items())
            if code in selection and isinstance(loaded.rule, Rule) and kind in loaded.rule.kinds
        ]
        if len(_ACTIVE_RULES) >= 64:
            _ACTIVE_RULES.clear()
        _ACTIVE_RULES[key] = (self.registry, rules)
        return rules

    def selection_for(self, path: Path) -> Selection:
        """The selection less the codes ``per-file-ignores`` turns off for ``path``."""
        ignored = [pfi.codes for pfi in self.per_file_ignores if pfi.globs.match(path)]
        return self.selection.without(set().union(*ignored)) if ignored else self.selection


def check_target(target: Target, settings: CheckSettings) -> FileResult:
    """Check one file; every failure becomes a finding, never an exception."""
    if target.excluded:
        return FileResult(target.display, checked=False, note=target.excluded)
    return check_source(target, read_target(target, settings), settings)


def read_target(target: Target, settings: CheckSettings) -> Source | Finding:
    """Read a target, within its catalog root (or named folder) and the size limit."""
    inside = target_boundary(target, settings)
    return read_source(target.path, max_size=settings.limits.max_file_size, inside=inside)


def target_boundary(target: Target, settings: CheckSettings) -> str:
    """The folder a target may not leave: its catalog root, else the folder the user named."""
    root = settings.catalogs.root_of_file(target.path)
    return boundary_for(target.path, root=root, named=target.base or None)


def check_source(target: Target, source: Source | Finding, settings: CheckSettings) -> FileResult:
    """Check a file already read (a :class:`Finding` says why it could not be)."""
    if _named_data_file(target):
        from cachelint.run.datafiles import check_data_file

        return check_data_file(target, settings)
    if isinstance(source, Finding):
        return _unparsed(target, [source], None, settings)
    skip_reason = _not_a_page(target, source)
    if skip_reason:
        return FileResult(target.display, checked=False, note=skip_reason)
    bom = byte_order_mark(source)
    front_matter = split_front_matter(source.text)
    if isinstance(front_matter, Finding):
        return _unparsed(target, [*bom, front_matter], None, settings, source=source)
    parsed = parse_front_matter(front_matter, max_depth=settings.limits.max_depth)
    if parsed.findings:
        return _unparsed(target, [*bom, *parsed.findings], front_matter, settings, source=source)
    catalogs = settings.catalogs
    root = catalogs.root_of_file(target.path)
    page = Page(
        path=target.display,
        kind=page_kind(parsed.data),
        data=parsed.data,  # frozen: shared by every rule, none may change it for the next
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
        return _result(target, findings, front_matter, resolver, settings, facts=facts)
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
        return _result(
            target, findings, front_matter, resolver, settings, fix_note=plan.reason, facts=facts
        )
    return _result(target, findings, front_matter, resolver, settings, fix=plan, facts=facts)


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

    ``canonical`` data (read by the fast path), or data the YAML parser read
    that is as plain (:func:`~cachelint.schema.verdict.is_plain`), that
    jsonschema-rs finds valid skips the reference validator, which only ever
    finds nothing there (and takes seconds per megabyte of page).
    """
    plain = canonical or fastschema.is_plain(page.data)
    quickly_valid = plain and fastschema.is_valid(page.data, page.kind)
    schema_findings = [] if quickly_valid else validate(page.data, page.kind)
    findings = list(schema_findings)
    broken = [f.pointer for f in schema_findings]
    for rule in settings.active_rules(page.kind, selection):
        if any(is_blocked(need, error) for need in rule.needs for error in broken):
            continue
        findings.extend(_run_rule(rule, page, settings))
    return findings


def parse_front_matter(front_matter: FrontMatter, *, max_depth: int) -> Parsed:
    """The data, frozen (see :mod:`cachelint.page.frozen`), or the findings that prevent it.

    The fast path reads pages in the canonical layout, the YAML parser all
    others (and reports data nested too deeply, CL006).
    """
    # Parsing builds a container per value and no cycle: the cyclic collector
    # would walk the growing data again and again (a 20 MB page: 32 s, not 13 s).
    with _cycle_collection_paused():
        return _parse(front_matter, max_depth=max_depth)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(front_matter: FrontMatter, *, max_depth: int) -> Parsed:
    data = fastpath.parse(front_matter.text) if fastpath.enabled() else None
    if data is not None:
        with suppress(TooDeep):
            return Parsed(freeze(data, max_depth=max_depth), canonical=True)
    from cachelint.page.yamlparse import parse_yaml  # PyYAML: only for pages off the fast path

    parsed = parse_yaml(front_matter.text, first_line=front_matter.first_line, max_depth=max_depth)
    return parsed if parsed.findings else replace(parsed, data=freeze(parsed.data))


def page_kind(data: Any) -> PageKind:
    """Flat legacy pages have ``category``/``spec_files``; all others are tagged."""
    if not isinstance(data, Mapping) or "categories" in data or "spec_details" in data:
        return PageKind.TAGGED
    return PageKind.LEGACY if "category" in data or "spec_files" in data else PageKind.TAGGED


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


def _run_rule(rule: Rule, page: Page, settings: CheckSettings) -> list[Finding]:
    try:
        return list(rule.check(page))
    except Exception as exc:  # a broken rule must not stop the run
        return [Finding(INTERNAL_ERROR, _crash_message(rule, page, settings, exc))]


def _crash_message(rule: Rule, page: Page, settings: CheckSettings, exc: Exception) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" (in {last.name} at {Path(last.filename).name}:{last.lineno})"
    return (
        f"rule {rule.code} ({rule.name}) from {settings.registry.source(rule.code)} "
        f"crashed on {page.path}: {type(exc).__name__}: {exc}{where}"
    )


def _unparsed(
    target: Target,
    findings: Sequence[Finding],
    front_matter: FrontMatter | None,
    settings: CheckSettings,
    *,
    source: Source | None = None,
) -> FileResult:
    unread = next(finding for finding in findings if finding.code != BOM_CODE)
    note = f"the page could not be read or parsed ({unread.code})"
    resolver = PositionResolver(front_matter)
    fix = None
    if source is not None:  # the mark hides even a broken page from Jekyll: remove it
        from cachelint.fix.plan import plan_bom_fix

        fix = plan_bom_fix(source, findings, selection=settings.selection_for(target.path))
    return _result(target, findings, front_matter, resolver, settings, fix=fix, fix_note=note)


def _result(
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
        _place(finding, target, resolver, settings, fixable=finding in repaired)
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
            _place(finding, target, resolver, settings, fixable=False) for finding in unused
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


def _place(
    finding: Finding,
    target: Target,
    resolver: PositionResolver,
    settings: CheckSettings,
    *,
    fixable: bool,
) -> Diagnostic:
    documented = settings.registry.rules.get(finding.code)
    info = documented.rule if documented else STAGE_CODES.get(finding.code)
    default = info.severity if info else Severity.ERROR
    return Diagnostic(
        code=finding.code,
        severity=settings.severities.get(finding.code, default),
        message=finding.message,
        path=target.display,
        position=finding.position or resolver.resolve(finding.pointer),
        pointer=finding.pointer,
        fixable=fixable,
        related=tuple(Related(pointer, resolver.resolve(pointer)) for pointer in finding.related),
    )
