"""Check one file: read, split, parse, validate, run rules, place findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cachelint import fastpath, fastschema
from cachelint.codes import INTERNAL_ERROR, STAGE_CODES
from cachelint.discovery import Target
from cachelint.frontmatter import (
    FrontMatter,
    declares_cache_layout,
    has_opening_fence,
    split_front_matter,
)
from cachelint.model import Diagnostic, FileResult, Finding, Page, PageKind, Severity
from cachelint.positions import PositionResolver
from cachelint.registry import RuleRegistry
from cachelint.rules.base import Rule, is_blocked
from cachelint.schema import validate
from cachelint.selection import Selection
from cachelint.source import Source, read_source
from cachelint.yamlparse import Parsed, parse_yaml


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """What every file of a run is checked with."""

    registry: RuleRegistry
    selection: Selection
    root_stack: str = "root"

    def active_rules(self, kind: PageKind) -> list[Rule]:
        return [
            loaded.rule
            for code, loaded in sorted(self.registry.rules.items())
            if code in self.selection and kind in loaded.rule.kinds
        ]


def check_target(target: Target, settings: CheckSettings) -> FileResult:
    """Check one file; every failure becomes a finding, never an exception."""
    source = read_source(target.path)
    if isinstance(source, Finding):
        return _result(target, [source], None, settings)
    skip_reason = _not_a_page(target, source)
    if skip_reason:
        return FileResult(target.display, checked=False, note=skip_reason)
    front_matter = split_front_matter(source.text)
    if isinstance(front_matter, Finding):
        return _result(target, [front_matter], None, settings)
    parsed = parse_front_matter(front_matter)
    if parsed.findings:
        return _result(target, parsed.findings, None, settings)
    page = Page(
        path=target.display,
        kind=page_kind(parsed.data),
        data=parsed.data,
        context=target.context,
        root_stack=settings.root_stack,
    )
    findings = check_page(page, settings, canonical=parsed.canonical)
    return _result(target, findings, front_matter, settings)


def check_page(page: Page, settings: CheckSettings, *, canonical: bool = False) -> list[Finding]:
    """Schema findings, then the findings of every rule whose data is valid.

    ``canonical`` data (read by the fast path) that jsonschema-rs finds valid
    skips the reference validator, which only ever finds nothing there.
    """
    quickly_valid = canonical and fastschema.is_valid(page.data, page.kind)
    schema_findings = [] if quickly_valid else validate(page.data, page.kind)
    findings = list(schema_findings)
    broken = [f.pointer for f in schema_findings]
    for rule in settings.active_rules(page.kind):
        if any(is_blocked(need, error) for need in rule.needs for error in broken):
            continue
        findings.extend(_run_rule(rule, page, settings))
    return findings


def parse_front_matter(front_matter: FrontMatter) -> Parsed:
    """The fast path for pages in the canonical layout, the YAML parser for all others."""
    data = fastpath.parse(front_matter.text) if fastpath.enabled() else None
    if data is not None:
        return Parsed(data, canonical=True)
    return parse_yaml(front_matter.text, first_line=front_matter.first_line)


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
        origin = settings.registry.origin(rule.code)
        return [
            Finding(
                INTERNAL_ERROR,
                f"rule {rule.code} ({origin}) crashed on this page: {type(exc).__name__}: {exc}",
            )
        ]


def _result(
    target: Target,
    findings: Iterable[Finding],
    front_matter: FrontMatter | None,
    settings: CheckSettings,
) -> FileResult:
    resolver = PositionResolver(front_matter)
    diagnostics = [
        _place(finding, target, resolver, settings)
        for finding in findings
        if finding.code in settings.selection
    ]
    diagnostics.sort(key=lambda d: d.sort_key)
    return FileResult(target.display, checked=True, diagnostics=tuple(diagnostics))


def _place(
    finding: Finding, target: Target, resolver: PositionResolver, settings: CheckSettings
) -> Diagnostic:
    documented = settings.registry.rules.get(finding.code)
    info = documented.rule if documented else STAGE_CODES.get(finding.code)
    return Diagnostic(
        code=finding.code,
        severity=info.severity if info else Severity.ERROR,
        message=finding.message,
        path=target.display,
        position=finding.position or resolver.resolve(finding.pointer),
        pointer=finding.pointer,
        fixable=False,
    )
