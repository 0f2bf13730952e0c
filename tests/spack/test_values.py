"""The verdicts the Spack rules remember across pages never change a finding."""

from __future__ import annotations

import pytest

from cachelint.spack.values import GoodValues, Memo, column
from tests.conftest import page_text, spec

# One spec for each CL6xx rule to find fault with (and one clean spec first).
BAD_SPECS = [
    spec(),
    spec(target="x86_64_v5"),
    spec(platform="macos"),
    spec(os="sonoma"),
    spec(os="ubunt22.04"),
    spec(platform="darwin", os="sonoma", target="neoverse_v2"),
    spec(compiler="gcc@11.4.0+debug"),
    spec(compiler="gcc@=11.4.0"),
    spec(stacks=["ml-linux-aarch64-cuda", "root"]),
    spec(variants=["build_system="]),
    spec(variants=["+shared", "~shared"]),
    spec(versions=["1.0", "2.0"]),
    spec(versions=["1.0+cuda"]),
]
CL6_CODES = {f"CL6{n:02}" for n in (1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16)}


def cl6(findings):
    return [finding for finding in findings if finding[0].startswith("CL6")]


def test_a_bad_page_checked_twice_gives_the_same_findings(check_page):
    text = page_text(BAD_SPECS)
    first = check_page(text)
    assert {code for code, _, _ in cl6(first)} == CL6_CODES
    assert check_page(text) == first


def test_a_bad_value_first_seen_on_one_page_is_reported_on_the_next(check_page):
    first = cl6(check_page(page_text(BAD_SPECS)))
    # The same values, in another order and beside clean specs: each still found.
    reordered = [spec(), spec(), *reversed(BAD_SPECS)]
    second = cl6(check_page(page_text(reordered)))
    assert sorted(code for code, _, _ in second) == sorted(code for code, _, _ in first)


def test_values_found_good_on_one_page_leave_a_bad_page_reported(check_page):
    assert cl6(check_page(page_text([spec()] * 3))) == []
    assert cl6(check_page(page_text([spec(), spec(target="x86_64_v5")]))) != []
    assert cl6(check_page(page_text([spec()] * 3))) == []


def test_each_value_is_checked_once_and_a_bad_one_every_time():
    checked: list[str] = []

    def is_good(value: str) -> bool:
        checked.append(value)
        return value != "bad"

    good = GoodValues(is_good, column("target"))
    clean = [{"target": "a"}, {"target": "b"}, {"target": "a"}]
    assert good.all_good(clean) and good.all_good(clean)
    assert sorted(checked) == ["a", "b"]
    dirty = [{"target": "a"}, {"target": "bad"}]
    assert not good.all_good(dirty) and not good.all_good(dirty)
    assert sorted(checked) == ["a", "b", "bad", "bad"]


def test_past_the_limit_the_memory_is_forgotten_not_wrong():
    good = GoodValues(lambda value: value != "bad", column("target"), limit=2)
    for name in ("a", "b", "c", "d"):
        assert good.all_good([{"target": name}])
        assert len(good._good) <= 2
    assert not good.all_good([{"target": "a"}, {"target": "bad"}])


def test_a_memo_computes_each_key_once_forgets_past_its_limit_and_keeps_no_failure():
    computed: list[str] = []

    def upper(key: str) -> str:
        computed.append(key)
        if key == "bad":
            raise ValueError(key)
        return key.upper()

    memo = Memo(upper, limit=2)
    assert list(map(memo.__getitem__, ["a", "b", "a"])) == ["A", "B", "A"]
    assert computed == ["a", "b"]
    assert memo["c"] == "C" and len(memo) <= 2
    for _ in range(2):
        with pytest.raises(ValueError):
            memo["bad"]
    assert "bad" not in memo and computed.count("bad") == 2
