"""CL203: every spec is in the root stack."""

from __future__ import annotations

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6


def test_spec_in_root_passes(check_page):
    assert check_page(page_text([spec(stacks=["root"])])) == []


def test_spec_outside_root_points_at_its_stacks(check_page):
    text = page_text([spec(stacks=["e4s"])])
    assert check_page(text) == [("CL203", SPEC_LINE, column_of(text, SPEC_LINE, '["e4s"]'))]


def test_spec_with_no_stack(check_page):
    text = page_text([spec(stacks=[])])
    assert check_page(text) == [("CL203", SPEC_LINE, column_of(text, SPEC_LINE, "[]"))]


def test_root_stack_is_configurable(check_page):
    text = page_text([spec(stacks=["main"])])
    assert check_page(text, root_stack="main") == []
    assert [code for code, *_ in check_page(text)] == ["CL203"]
