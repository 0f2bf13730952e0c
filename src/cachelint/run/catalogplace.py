"""Place catalog findings in their files, as the checker places a page's findings.

The same steps as for a page: the selection (with ``per-file-ignores`` for the
file), the severity (with ``severity`` overrides), the one position resolver
(a JSON Pointer into the file's YAML, or a mapping key), and ``# cachelint:
disable=`` comments in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from cachelint.catalog.datafile import DataFile
from cachelint.catalog.view import CatalogFinding
from cachelint.config.check import CheckSettings, severity
from cachelint.model import FILE_START, Diagnostic
from cachelint.page.suppressions import NO_COMMENTS, apply_suppressions, find_comments


def place_findings(
    findings: Iterable[CatalogFinding], files: Iterable[DataFile], settings: CheckSettings
) -> list[Diagnostic]:
    """Diagnostics for the selected, unsuppressed findings, in path and position order."""
    by_path = {file.display: file for file in files}
    diagnostics: list[Diagnostic] = []
    ordered = sorted(findings, key=lambda finding: finding.path)
    for path, group in groupby(ordered, key=lambda finding: finding.path):
        file = by_path.get(path)
        resolver = file.resolver() if file is not None else None
        selection = settings.selection_for(Path(path))
        placed = [
            Diagnostic(
                code=finding.code,
                severity=severity(finding.code, settings),
                message=finding.message,
                path=path,
                position=finding.position
                or (resolver.resolve(finding.pointer, key=finding.key) if resolver else FILE_START),
                pointer=finding.pointer,
            )
            for finding in group
            if finding.code in selection
        ]
        comments = find_comments(file.region) if file is not None else NO_COMMENTS
        diagnostics.extend(apply_suppressions(placed, comments)[0])
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics
