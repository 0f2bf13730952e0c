"""CL401 (duplicate hash) and CL403 (specs sorted by hash, opt-in)."""

from __future__ import annotations

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
A, B = "a" * 32, "b" * 32


def test_unique_hashes_pass(check_page):
    assert check_page(page_text([spec(hash=A), spec(hash=B)])) == []


def test_duplicate_hash_points_at_the_second(check_page):
    text = page_text([spec(hash=A), spec(hash=A)])
    second = column_of(text, SPEC_LINE, f'"{A}"', occurrence=2)
    assert check_page(text) == [("CL401", SPEC_LINE, second)]


def test_unsorted_specs_pass_by_default(check_page):
    assert check_page(page_text([spec(hash=B), spec(hash=A)])) == []


def test_unsorted_specs_reported_when_selected(check_page):
    text = page_text([spec(hash=B), spec(hash=A)])
    findings = check_page(text, select=["CL403"])
    assert findings == [("CL403", SPEC_LINE, column_of(text, SPEC_LINE, f'"{A}"'))]


def test_sorted_specs_pass_when_selected(check_page):
    assert check_page(page_text([spec(hash=A), spec(hash=B)]), select=["CL403"]) == []
