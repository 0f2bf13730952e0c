"""CL611 (compiler syntax) and CL612 (one compiler form per page)."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
A, B = "a" * 32, "b" * 32


@pytest.mark.parametrize(
    "compiler", ["none", "gcc@11.4.0", "gcc@=11.4.0", "apple-clang@=15.0.0", "oneapi@=2023.2.0"]
)
def test_real_compilers_pass(check_page, compiler):
    assert check_page(page_text([spec(compiler=compiler)])) == []


@pytest.mark.parametrize("compiler", ["gcc@11.4.0+debug", "gcc+x@11", "gcc@-1", "gcc@.1"])
def test_a_malformed_compiler(check_page, compiler):
    text = page_text([spec(compiler=compiler)])
    assert check_page(text) == [("CL611", SPEC_LINE, column_of(text, SPEC_LINE, f'"{compiler}"'))]


def test_one_form_per_page_passes(check_page):
    specs = [spec(hash=A, compiler="gcc@=11.4.0"), spec(hash=B, compiler="oneapi@=2023.2.0")]
    assert check_page(page_text(specs)) == []


def test_none_mixes_with_either_form(check_page):
    specs = [spec(hash=A, compiler="none"), spec(hash=B, compiler="gcc@11.4.0")]
    assert check_page(page_text(specs)) == []


def test_mixed_forms_warn_at_the_second_form(check_page):
    specs = [spec(hash=A, compiler="gcc@=11.4.0"), spec(hash=B, compiler="gcc@11.4.0")]
    text = page_text(specs)
    assert check_page(text) == [("CL612", SPEC_LINE, column_of(text, SPEC_LINE, '"gcc@11.4.0"'))]


def test_mixed_forms_are_not_fixed(cli, tmp_path):
    page = tmp_path / "specs.md"
    specs = [spec(hash=A, compiler="gcc@=11.4.0"), spec(hash=B, compiler="gcc@11.4.0")]
    page.write_text(page_text(specs), encoding="utf-8")
    before = page.read_bytes()
    result = cli("check", "--no-cache", "--fix", str(page))
    assert "CL612" in result.out
    assert page.read_bytes() == before
