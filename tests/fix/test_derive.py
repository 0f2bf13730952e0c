"""The meta a page should have, and where its keys go."""

from __future__ import annotations

import pytest

from cachelint.fix.derive import arrange, derived_meta, first_appearance, repaired_meta
from tests.fix.fixkit import LEGACY_META, SORTED_META, SPECS, spec


def test_derived_meta_is_what_generators_write() -> None:
    assert derived_meta(SPECS) == SORTED_META
    assert list(derived_meta(SPECS)) == sorted(SORTED_META)


def test_derived_meta_counts_only_stacks_with_specs_and_each_spec_once() -> None:
    specs = [spec("a" * 32, stacks=["root", "e4s", "root"]), spec("b" * 32, stacks=["root"])]
    assert derived_meta(specs)["num_specs_by_stack"] == {"e4s": 1, "root": 2}
    assert derived_meta([])["num_specs_by_stack"] == {}
    assert derived_meta([])["num_specs"] == 0


@pytest.mark.parametrize(
    ("page_keys", "generator", "expected"),
    [
        # The page follows the generator: a new key lands where the generator puts it.
        (["a", "c"], ["a", "b", "c"], ["a", "b", "c"]),
        (["c"], ["a", "b", "c"], ["a", "b", "c"]),
        # The page has its own order: kept, the new key appended.
        (["c", "a"], ["a", "b", "c"], ["c", "a", "b"]),
        # Keys the generator would not write are dropped.
        (["a", "zz", "c"], ["a", "c"], ["a", "c"]),
        (["c", "zz", "a"], ["a", "c"], ["c", "a"]),
        ([], ["b", "a"], ["b", "a"]),
    ],
)
def test_arrange(page_keys: list[str], generator: list[str], expected: list[str]) -> None:
    assert arrange(page_keys, generator) == expected


def test_first_appearance_is_the_legacy_stack_order() -> None:
    assert first_appearance(SPECS) == ["e4s", "root", "hep"]


def test_a_sorted_page_gets_sorted_keys_and_stacks() -> None:
    broken = {k: v for k, v in SORTED_META.items() if k != "oss"}
    broken["num_specs_by_stack"] = {"root": 3}
    repaired = repaired_meta(broken, SPECS)
    assert list(repaired) == list(SORTED_META)
    assert list(repaired["num_specs_by_stack"]) == ["e4s", "hep", "root"]


def test_a_legacy_page_gets_keys_and_stacks_where_legacy_generators_put_them() -> None:
    broken = {k: v for k, v in LEGACY_META.items() if k != "oss"}
    broken["num_specs_by_stack"] = {"root": 3}
    repaired = repaired_meta(broken, SPECS)
    assert repaired == LEGACY_META
    assert list(repaired) == list(LEGACY_META)
    assert list(repaired["num_specs_by_stack"]) == ["e4s", "root", "hep"]


def test_a_page_with_its_own_order_keeps_it_and_appends_new_keys() -> None:
    own = dict(reversed(SORTED_META.items()))
    own["num_specs_by_stack"] = {"root": 3, "e4s": 1}
    del own["oss"]
    repaired = repaired_meta(own, SPECS)
    assert list(repaired) == [k for k in reversed(SORTED_META) if k != "oss"] + ["oss"]
    assert list(repaired["num_specs_by_stack"]) == ["root", "e4s", "hep"]


def test_a_non_mapping_stack_count_is_replaced() -> None:
    broken = dict(SORTED_META, num_specs_by_stack=["root"])
    assert repaired_meta(broken, SPECS) == SORTED_META
