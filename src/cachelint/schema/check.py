"""The schema stage: a fast verdict for every page, explanations for the invalid ones.

Data read by the JSON-lines reader (``canonical``), or data the YAML parser
read that is as plain (:func:`~cachelint.schema.verdict.is_plain`), goes to
jsonschema-rs first; the reference validator (:mod:`cachelint.schema.explain`),
which names every violation with its JSON pointer but takes seconds per
megabyte, runs only when that verdict is not "valid". The reference path
(``CACHELINT_NO_FASTPATH=1``, see :func:`cachelint.page.jsonlines.enabled`)
skips the verdict and asks the reference validator about every page.
"""

from __future__ import annotations

from typing import Any

from cachelint.model import Finding, PageKind
from cachelint.page import jsonlines
from cachelint.schema import verdict
from cachelint.schema.explain import validate


def schema_findings(data: Any, kind: PageKind, *, canonical: bool = False) -> list[Finding]:
    """The page's schema violations, each with its JSON pointer (none: valid)."""
    plain = canonical or verdict.is_plain(data)
    if plain and jsonlines.enabled() and verdict.is_valid(data, kind):
        return []
    return validate(data, kind)
