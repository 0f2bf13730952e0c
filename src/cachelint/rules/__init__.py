"""Built-in rules; each module groups the rules of one topic."""

from __future__ import annotations

from cachelint.catalog.rule import CatalogRule, catalog_rule
from cachelint.rules.base import CODE_PATTERN, Rule, rule

__all__ = ["CODE_PATTERN", "CatalogRule", "Rule", "catalog_rule", "rule"]
