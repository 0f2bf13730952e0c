"""Write small synthetic catalogs: pages, ``_data/`` and ``pages/tags/``.

A :class:`CatalogBuilder` starts from nothing; ``page()`` adds pages, and
``consistent()`` writes ``tags.yaml``, ``meta.yaml`` and a page per tag that
agree with the pages, as the site generator would. Tests then break one
thing (``tags()``, ``meta()`` and ``tag_page()`` take data or raw text) and
check what is reported, and where.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cachelint.catalog.facts import parameter_name
from tests.conftest import page_text, spec

TAGS = "_data/tags.yaml"
META = "_data/meta.yaml"

Json = dict[str, Any]


def tag_page_text(tag: str, *, permalink: str | None = None, name: str | None = None) -> str:
    """``pages/tags/<tag>.md`` as the site has it (``permalink``/``name`` override)."""
    permalink = f"/tag/{tag}/" if permalink is None else permalink
    return f"---\nlayout: table\npermalink: {permalink}\ntag: {name or tag}\n---\n"


def dump(data: Any, *, sort_keys: bool = True) -> str:
    """YAML as the generator writes it (``yaml.dump``: block style)."""
    return yaml.safe_dump(data, sort_keys=sort_keys, default_flow_style=False)


@dataclass
class CatalogBuilder:
    """A catalog below ``root``; every method writes files and returns the builder."""

    root: Path
    pages: dict[str, dict[str, list[Json]]] = field(default_factory=dict)

    def page(
        self,
        tag: str,
        package: str,
        specs: Sequence[Json] | None = None,
        *,
        category: str | None = None,
        **options: Any,
    ) -> CatalogBuilder:
        """``_cache/<tag>/<package>/specs.md`` (``category``: another tag in ``categories``).

        ``options`` go to :func:`~tests.conftest.page_text`.
        """
        specs = [spec()] if specs is None else list(specs)
        self.pages.setdefault(tag, {})[package] = specs
        text = page_text(specs, title=package, tag=category or tag, **options)
        self.write(f"_cache/{tag}/{package}/specs.md", text)
        return self

    def tags(self, declared: Mapping[str, Iterable[str]] | str) -> CatalogBuilder:
        """``_data/tags.yaml`` from ``{tag: stacks}`` (in order), or raw text."""
        if not isinstance(declared, str):
            entries = [{"name": tag, "stacks": sorted(stacks)} for tag, stacks in declared.items()]
            declared = dump(entries, sort_keys=False)
        self.write(TAGS, declared)
        return self

    def meta(self, data: Mapping[str, Any] | str) -> CatalogBuilder:
        """``_data/meta.yaml`` from data or raw text."""
        self.write(META, data if isinstance(data, str) else dump(dict(data)))
        return self

    def tag_page(self, tag: str, text: str | None = None, **options: Any) -> CatalogBuilder:
        """``pages/tags/<tag>.md`` (``text``, or the site's page with ``options``)."""
        self.write(f"pages/tags/{tag}.md", tag_page_text(tag, **options) if text is None else text)
        return self

    def consistent(self) -> CatalogBuilder:
        """Write tags, totals and tag pages that agree with the pages."""
        self.tags({tag: self.stacks(tag) for tag in self.pages})
        self.meta(self.derived_meta())
        for tag in self.pages:
            self.tag_page(tag)
        return self

    def stacks(self, tag: str) -> set[str]:
        """Every stack the specs of ``tag``'s pages are in."""
        return {stack for s in self.specs(tag) for stack in s["stacks"]}

    def specs(self, tag: str) -> list[Json]:
        return [s for specs in self.pages[tag].values() for s in specs]

    def derived_meta(self) -> Json:
        """``meta.yaml`` as the generator derives it from the pages."""
        meta: Json = {}
        for tag in self.pages:
            specs = self.specs(tag)
            meta[tag] = {
                "compilers": _tally(s["compiler"] for s in specs),
                "count": len(specs),
                "parameters": _tally(parameter_name(v) for s in specs for v in s["variants"]),
            }
        compilers = {c for entry in meta.values() for c in entry["compilers"]}
        parameters = {p for entry in meta.values() for p in entry["parameters"]}
        meta["all"] = {
            "compiler_count": f"{len(compilers):,}",
            "count": sum(entry["count"] for entry in meta.values()),
            "parameter_count": f"{len(parameters):,}",
            "version": "all",
        }
        return meta

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def text(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")


def _tally(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))
