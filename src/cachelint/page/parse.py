"""Parse a page's front matter: the canonical JSON lines, else the YAML parser.

Generated pages (one ``key: value`` per line, JSON for ``meta`` and
``spec_details``) are read by :mod:`cachelint.page.jsonlines` at JSON speed;
every other page, and every page whose reading that module cannot prove equal
to YAML's, goes through :mod:`cachelint.page.yamlparse`, which also explains
what is wrong (duplicate keys, refused YAML features, nesting too deep).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from cachelint.frozen import freeze
from cachelint.model import PageKind, Parsed
from cachelint.page import jsonlines
from cachelint.page.depth import nests_within
from cachelint.page.split import FrontMatter
from cachelint.record import replace


def parse_front_matter(front_matter: FrontMatter, *, max_depth: int) -> Parsed:
    """The data, or the findings that prevent it.

    The fast path reads pages in the canonical layout, the YAML parser all
    others (and reports data nested too deeply, CL006). The data is the
    parser's own: the checker protects it from the rules that are not
    cachelint's (see :mod:`cachelint.run.checker`). The reference path
    (``CACHELINT_NO_FASTPATH=1``) freezes it here, for every rule, as cachelint
    did before.
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
    fast = jsonlines.enabled()
    data = jsonlines.parse(front_matter.text) if fast else None
    if data is not None and nests_within(front_matter.text, data, max_depth=max_depth):
        return Parsed(data, canonical=True)
    from cachelint.page.yamlparse import parse_yaml  # PyYAML: only for pages off the fast path

    parsed = parse_yaml(front_matter.text, first_line=front_matter.first_line, max_depth=max_depth)
    return parsed if parsed.findings or fast else replace(parsed, data=freeze(parsed.data))


def page_kind(data: Any) -> PageKind:
    """Flat legacy pages have ``category``/``spec_files``; all others are tagged."""
    if not isinstance(data, Mapping) or "categories" in data or "spec_details" in data:
        return PageKind.TAGGED
    return PageKind.LEGACY if "category" in data or "spec_files" in data else PageKind.TAGGED
