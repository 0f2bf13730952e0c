"""Site data files and tag pages named on the command line get their own checks.

``cachelint check _data/tags.yaml`` (or the file in a ``--files-from`` list)
checks the file as the catalog pass does: ``_data/tags.yaml`` and
``_data/meta.yaml`` are read, parsed and validated against their schemas
(CL508), and ``pages/tags/<tag>.md`` is checked as CL507 checks it (it must
name its tag and its address). They are never taken for catalog pages, whose
schema would report every key they lack. Files found by walking a folder are
not looked at here: a walk finds pages, and the catalog pass reads the data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from cachelint.catalog.datafile import DataFile, read_front_matter_file
from cachelint.catalog.sitedata import load_declared, load_meta
from cachelint.catalog.view import TAG_PAGE_CODE, CatalogFinding
from cachelint.config.check import CheckSettings
from cachelint.layout import data_file_kind
from cachelint.model import FileResult
from cachelint.record import replace
from cachelint.rules.tagpages import names_another_tag
from cachelint.run.catalogplace import place_findings
from cachelint.run.reading import target_boundary
from cachelint.scope.discovery import Target


def is_named_data_file(target: Target) -> bool:
    """Whether ``target`` is a data file or tag page named or listed (not found in a walk)."""
    return not target.base and bool(data_file_kind(target.path))


def check_data_file(target: Target, settings: CheckSettings) -> FileResult:
    """The findings about one data file or tag page, placed in it."""
    kind = data_file_kind(target.path)
    file, findings = _READERS[kind](target, settings)
    if file is None:  # it vanished since it was listed
        return FileResult(target.display, checked=False, note="no such file")
    file = replace(file, display=target.display)
    placed = place_findings(findings(file), [file], settings)
    return FileResult(target.display, checked=True, diagnostics=tuple(placed))


Findings = Callable[[DataFile], Iterator[CatalogFinding]]


def _site_file(target: Target, settings: CheckSettings) -> tuple[DataFile | None, Findings]:
    root = Path(os.path.abspath(target.path)).parent.parent
    shown = os.path.dirname(os.path.dirname(target.display)) or "."
    if data_file_kind(target.path) == "tags":
        file = load_declared(root, shown, limits=settings.limits)[0]
    else:
        file = load_meta(root, shown, limits=settings.limits)
    return file, _own_findings


def _tag_page(target: Target, settings: CheckSettings) -> tuple[DataFile | None, Findings]:
    file = read_front_matter_file(
        target.path,
        target.display,
        code=TAG_PAGE_CODE,
        limits=settings.limits,
        inside=Path(target_boundary(target, settings)),
    )
    tag = Path(target.path).stem

    def findings(file: DataFile) -> Iterator[CatalogFinding]:
        if file.findings:
            yield from _own_findings(file)
        else:
            yield from names_another_tag(file.data, tag, file.display)

    return file, findings


def _own_findings(file: DataFile) -> Iterator[CatalogFinding]:
    for finding in file.findings:
        yield CatalogFinding(
            finding.code, finding.message, file.display, finding.pointer, position=finding.position
        )


_READERS = {"tags": _site_file, "meta": _site_file, "tag-page": _tag_page}
