"""Check one file: read, split, parse, validate, run rules, place and filter findings."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cachelint import fastpath, fastschema
from cachelint.catalog.facts import PageFacts, page_facts
from cachelint.catalog.index import CatalogIndex
from cachelint.codes import INTERNAL_ERROR, STAGE_CODES, UNUSED_SUPPRESSION
from cachelint.discovery import Target
from cachelint.frontmatter import (
    FrontMatter,
    declares_cache_layout,
    has_opening_fence,
    split_front_matter,
)
from cachelint.frozen import TooDeep, freeze
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import (
    Diagnostic,
    FileResult,
    Finding,
    Fix,
    Page,
    PageKind,
    Parsed,
    Severity,
)
from cachelint.positions import PositionResolver
from cachelint.registry import RuleRegistry
from cachelint.rules.base import Rule, is_blocked
from cachelint.schema import validate
from cachelint.selection import PerFileIgnore, Selection
from cachelint.source import Source, read_source
from cachelint.spack.options import SpackOptions
from cachelint.suppressions import (
    apply_suppressions,
    find_comments,
    suppressed_findings,
    unused_suppressions,
)

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
    source = read_source(target.path, max_size=settings.limits.max_file_size)
    return check_source(target, source, settings)


def check_source(target: Target, source: Source | Finding, settings: CheckSettings) -> FileResult:
    """Check a file already read (a :class:`Finding` says why it could not be)."""
    if isinstance(source, Finding):
        return _unparsed(target, [source], None, settings)
    skip_reason = _not_a_page(target, source)
    if skip_reason:
        return FileResult(target.display, checked=False, note=skip_reason)
    front_matter = split_front_matter(source.text)
    if isinstance(front_matter, Finding):
        return _unparsed(target, [front_matter], None, settings)
    parsed = parse_front_matter(front_matter, max_depth=settings.limits.max_depth)
    if parsed.findings:
        return _unparsed(target, parsed.findings, front_matter, settings)
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
    findings = check_page(page, settings, selection, canonical=parsed.canonical)
    resolver = PositionResolver(front_matter)
    if not findings:  # the common clean page: nothing to repair
        return _result(target, findings, front_matter, resolver, settings, facts=facts)
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
    source = read_source(target.path, max_size=settings.limits.max_file_size)
    return "" if isinstance(source, Finding) else _not_a_page(target, source)


def check_page(
    page: Page,
    settings: CheckSettings,
    selection: Selection | None = None,
    *,
    canonical: bool = False,
) -> list[Finding]:
    """Schema findings, then the findings of every rule whose data is valid.

    ``canonical`` data (read by the fast path) that jsonschema-rs finds valid
    skips the reference validator, which only ever finds nothing there.
    """
    quickly_valid = canonical and fastschema.is_valid(page.data, page.kind)
    schema_findings = [] if quickly_valid else validate(page.data, page.kind)
    findings = list(schema_findings)
    broken = [f.pointer for f in schema_findings]
    for rule in settings.active_rules(page.kind, selection):
        if any(is_blocked(need, error) for need in rule.needs for error in broken):
            continue
        findings.extend(_run_rule(rule, page, settings))
    return findings


def parse_front_matter(front_matter: FrontMatter, *, max_depth: int) -> Parsed:
    """The data, frozen (see :mod:`cachelint.frozen`), or the findings that prevent it.

    The fast path reads pages in the canonical layout, the YAML parser all
    others (and reports data nested too deeply, CL006).
    """
    data = fastpath.parse(front_matter.text) if fastpath.enabled() else None
    if data is not None:
        with suppress(TooDeep):
            return Parsed(freeze(data, max_depth=max_depth), canonical=True)
    from cachelint.yamlparse import parse_yaml  # PyYAML: only for pages off the fast path

    parsed = parse_yaml(front_matter.text, first_line=front_matter.first_line, max_depth=max_depth)
    return parsed if parsed.findings else replace(parsed, data=freeze(parsed.data))


def page_kind(data: Any) -> PageKind:
    """Flat legacy pages have ``category``/``spec_files``; all others are tagged."""
    if not isinstance(data, Mapping) or "categories" in data or "spec_details" in data:
        return PageKind.TAGGED
    return PageKind.LEGACY if "category" in data or "spec_files" in data else PageKind.TAGGED


def _not_a_page(target: Target, source: Source) -> str:
    if target.explicit:
        return ""
    if not has_opening_fence(source.text):
        return "no front matter"
    if target.in_cache:
        return ""
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
) -> FileResult:
    note = f"the page could not be read or parsed ({findings[0].code})"
    resolver = PositionResolver(front_matter)
    return _result(target, findings, front_matter, resolver, settings, fix_note=note)


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
    )
