"""The ``meta`` a page should have, derived from its ``spec_details`` as generators do.

The values come from the same functions the rules check with
(:func:`~cachelint.rules.summary.derived_summary`,
:func:`~cachelint.rules.counts.stack_counts`), so a repaired page passes them.

Key order follows the page where it can. Two generator eras are seen in real
catalogs: legacy pages list the ``meta`` keys in :data:`LEGACY_KEY_ORDER` and
their stacks in order of first appearance in ``spec_details``; 2025 pages sort
both. A page's keys that follow its era's order get any missing key at the
place that generator would write it; keys in an order of the page's own stay
in that order, and missing keys go at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cachelint.rules.counts import stack_counts
from cachelint.rules.summary import SUMMARY_FIELDS, derived_summary

NUM_SPECS = "num_specs"
NUM_SPECS_BY_STACK = "num_specs_by_stack"
DERIVED_KEYS = frozenset({*SUMMARY_FIELDS, NUM_SPECS, NUM_SPECS_BY_STACK})
LEGACY_KEY_ORDER = (
    "versions",
    "compilers",
    "oss",
    "platforms",
    "targets",
    "stacks",
    NUM_SPECS,
    NUM_SPECS_BY_STACK,
)


def derived_meta(specs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every derived ``meta`` value, keys and stacks in sorted order."""
    counts = stack_counts(specs)
    meta: dict[str, Any] = dict(derived_summary(specs))
    meta[NUM_SPECS] = len(specs)
    meta[NUM_SPECS_BY_STACK] = {stack: counts[stack] for stack in sorted(counts)}
    return {key: meta[key] for key in sorted(meta)}


def repaired_meta(
    page_meta: Mapping[str, Any], specs: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The derived ``meta``, its keys and stacks placed as the page places them."""
    derived = derived_meta(specs)
    legacy = _is_legacy(list(page_meta))
    key_order = arrange(list(page_meta), LEGACY_KEY_ORDER if legacy else sorted(derived))
    by_stack = derived[NUM_SPECS_BY_STACK]
    page_stacks = page_meta.get(NUM_SPECS_BY_STACK)
    stack_order = arrange(
        list(page_stacks) if isinstance(page_stacks, Mapping) else [],
        first_appearance(specs) if legacy else sorted(by_stack),
    )
    meta = {key: derived[key] for key in key_order}
    meta[NUM_SPECS_BY_STACK] = {stack: by_stack[stack] for stack in stack_order}
    return meta


def arrange(page_keys: Sequence[str], generator_order: Sequence[str]) -> list[str]:
    """The keys of ``generator_order``, in the page's order where the page has one.

    Keys the generator would not write are dropped. If the page's remaining keys
    follow the generator's order, that order is the answer (new keys land where
    the generator puts them); otherwise the page's order is kept and new keys
    are appended in generator order.
    """
    wanted = set(generator_order)
    kept = [key for key in page_keys if key in wanted]
    if _is_subsequence(kept, generator_order):
        return list(generator_order)
    present = set(kept)
    return kept + [key for key in generator_order if key not in present]


def first_appearance(specs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Stacks in the order they first appear in ``spec_details`` (legacy generators)."""
    seen: dict[str, None] = {}
    for spec in specs:
        seen.update(dict.fromkeys(spec["stacks"]))
    return list(seen)


def _is_legacy(keys: list[str]) -> bool:
    derived = [key for key in keys if key in DERIVED_KEYS]
    return derived != sorted(derived) and _is_subsequence(derived, LEGACY_KEY_ORDER)


def _is_subsequence(items: Sequence[str], order: Sequence[str]) -> bool:
    remaining = iter(order)
    return all(item in remaining for item in items)
