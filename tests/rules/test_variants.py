"""CL613 (variant syntax) and CL614 (a variant set twice)."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
REAL = [
    "+shared",
    "~ipo",
    "build_system=cmake",
    "libs=shared,static",
    "patches:=abc",
    "languages:='c,c++,fortran'",
]


def test_real_variants_pass(check_page):
    assert check_page(page_text([spec(variants=REAL)])) == []


@pytest.mark.parametrize("variant", ["++mpi", "~~debug", "cflags==-O2"])
def test_propagated_variants_pass(check_page, variant):
    assert check_page(page_text([spec(variants=["+shared", variant])])) == []


@pytest.mark.parametrize("variant", ["build_system=", "patches:="])
def test_a_malformed_variant(check_page, variant):
    text = page_text([spec(variants=["+shared", variant])])
    assert check_page(text) == [("CL613", SPEC_LINE, column_of(text, SPEC_LINE, f'"{variant}"'))]


@pytest.mark.parametrize(
    ("first", "second"), [("+shared", "~shared"), ("libs=shared", "libs=static"), ("+x", "++x")]
)
def test_a_variant_set_twice_points_at_the_second(check_page, first, second):
    text = page_text([spec(variants=[first, "~ipo", second])])
    assert check_page(text) == [("CL614", SPEC_LINE, column_of(text, SPEC_LINE, f'"{second}"'))]


def test_the_same_variant_in_two_specs_passes(check_page):
    specs = [spec(variants=["+shared"]), spec(hash="a" * 32, variants=["+shared"])]
    assert check_page(page_text(specs)) == []
