"""Which SARIF results a run gets: grouped per page and rule, capped to what GitHub keeps.

GitHub code scanning rejects a run with more than 25,000 results and stores
only 5,000 of them (choosing by itself which), rejects a result with more than
1,000 locations, and a file over 10 MB compressed. A generator regression makes
one rule fire on every spec of every page, far past that, so:

1. **Grouping.** When one rule fires more than ``GROUP_ABOVE`` times on one
   page, those findings become one result: the first is its location, every
   other one a related location with its own message (at most
   ``MAX_RELATED`` per result, ``MAX_RELATED_TOTAL`` in the log). The page
   shows one alert per broken rule instead of hundreds.
2. **Cap.** At most ``MAX_RESULTS`` results: the 5,000 GitHub stores, chosen
   here rather than by GitHub, so that every page gets its first result before
   any page gets a second, errors before warnings, and the results kept name as
   many pages as possible. What is left out is counted, and the log says so
   (``run.properties`` and a notification).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from cachelint.model import Diagnostic, Severity
from cachelint.record import Record, fill, replace
from cachelint.report.base import Report
from cachelint.report.fingerprint import digest, stable_fingerprints

MAX_RESULTS = 5_000  # GitHub rejects more than 25,000 and stores only 5,000
GROUP_ABOVE = 3  # a rule firing more often than this on one page is one result
MAX_RELATED = 1_000  # as GitHub's bound on a result's locations
MAX_RELATED_TOTAL = 100_000  # keeps a log near 30 MB, a few MB compressed (GitHub: 10 MB)
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1}


class SarifEntry(Record):
    """One SARIF result: a finding, and the findings of the same rule and page grouped in it."""

    __slots__ = ("fingerprint", "first", "related", "related_left_out")

    first: Diagnostic
    fingerprint: str
    related: tuple[Diagnostic, ...]
    related_left_out: int

    def __init__(
        self,
        first: Diagnostic,
        fingerprint: str,
        related: tuple[Diagnostic, ...] = (),
        related_left_out: int = 0,
    ) -> None:
        fill(self, first, fingerprint, related, related_left_out)

    @property
    def findings(self) -> int:
        return 1 + len(self.related) + self.related_left_out


class SarifSelection(Record):
    """The results of a run, and what did not fit."""

    __slots__ = ("entries", "findings", "findings_left_out", "results_left_out")

    entries: tuple[SarifEntry, ...]
    findings: int  # every finding of the run
    results_left_out: int  # results (grouped or not) beyond the cap
    findings_left_out: int  # findings in no result and no related location

    def __init__(
        self,
        entries: tuple[SarifEntry, ...],
        findings: int,
        results_left_out: int,
        findings_left_out: int,
    ) -> None:
        fill(self, entries, findings, results_left_out, findings_left_out)

    @property
    def complete(self) -> bool:
        return self.findings_left_out == 0


def select_results(
    report: Report, *, max_results: int | None = None, fingerprints: bool = True
) -> SarifSelection:
    """Group the report's findings into results and keep at most ``max_results``.

    Without ``fingerprints`` (only the counts are wanted) entries carry none.
    """
    entries = _grouped(report, fingerprints=fingerprints)
    limit = MAX_RESULTS if max_results is None else max_results
    chosen = _within_related_budget(_by_priority(entries)[:limit])
    kept = sorted(chosen, key=lambda e: e.first.sort_key)
    left = len(entries) - len(kept)
    kept_findings = sum(1 + len(e.related) for e in kept)
    return SarifSelection(
        entries=tuple(kept),
        findings=len(report.diagnostics),
        results_left_out=left,
        findings_left_out=len(report.diagnostics) - kept_findings,
    )


def _grouped(report: Report, *, fingerprints: bool) -> list[SarifEntry]:
    prints = stable_fingerprints(report) if fingerprints else [""] * len(report.diagnostics)
    printed = zip(report.diagnostics, prints, strict=True)
    entries = []
    for path, on_page in groupby(printed, key=lambda pair: pair[0].path):
        by_code: dict[str, list[tuple[Diagnostic, str]]] = {}
        for diagnostic, fingerprint in on_page:
            by_code.setdefault(diagnostic.code, []).append((diagnostic, fingerprint))
        for code, pairs in by_code.items():
            if len(pairs) <= GROUP_ABOVE:
                entries += [SarifEntry(d, fingerprint) for d, fingerprint in pairs]
                continue
            found = [d for d, _ in pairs]
            # A group's identity is its rule and page: stable while the count changes.
            page = report.relative_path(path) or path
            entries.append(
                SarifEntry(
                    first=found[0],
                    fingerprint=digest(code, page, "grouped"),
                    related=tuple(found[1 : MAX_RELATED + 1]),
                    related_left_out=max(0, len(found) - 1 - MAX_RELATED),
                )
            )
    return entries


def _by_priority(entries: Sequence[SarifEntry]) -> list[SarifEntry]:
    """Each page's first result, then each page's second, ...; errors first within a round."""
    rounds: dict[str, int] = {}
    ranked = []
    ordered = sorted(entries, key=lambda e: (e.first.path, _SEVERITY_RANK[e.first.severity]))
    for entry in ordered:
        turn = rounds.get(entry.first.path, 0)
        rounds[entry.first.path] = turn + 1
        ranked.append((turn, _SEVERITY_RANK[entry.first.severity], entry.first.sort_key, entry))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]


def _within_related_budget(entries: list[SarifEntry]) -> list[SarifEntry]:
    """Trim related locations, last entries first, to ``MAX_RELATED_TOTAL`` in all."""
    left = MAX_RELATED_TOTAL
    trimmed = []
    for entry in entries:
        keep = min(len(entry.related), left)
        left -= keep
        if keep < len(entry.related):
            dropped = len(entry.related) - keep
            entry = replace(
                entry,
                related=entry.related[:keep],
                related_left_out=entry.related_left_out + dropped,
            )
        trimmed.append(entry)
    return trimmed
