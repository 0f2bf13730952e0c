"""CL203: every spec is in the root stack."""

from __future__ import annotations

from tests.conftest import column_of, page_text, spec
from tests.helpers import check_file

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


# Three specs outside the root stack (two in e4s, one in none) and one in it.
MIXED_SPECS = [
    spec(hash="a" * 32, stacks=["e4s"]),
    spec(hash="b" * 32, stacks=["e4s", "root"]),
    spec(hash="c" * 32, stacks=[]),
    spec(hash="d" * 32, stacks=["e4s"]),
]


def test_specs_outside_root_are_one_finding_per_page(check_page):
    text = page_text(MIXED_SPECS)
    # One finding, at the stacks of the first spec outside the root stack.
    assert check_page(text) == [("CL203", SPEC_LINE, column_of(text, SPEC_LINE, '["e4s"]'))]


def test_the_grouped_finding_names_every_spec_and_relates_their_stacks(tmp_path):
    text = page_text(MIXED_SPECS)
    path = tmp_path / "_cache/develop/bc/specs.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    [diagnostic] = check_file(path).diagnostics
    assert diagnostic.message == (
        "3 specs are not in the root stack 'root': "
        "spec_details[0, 3] in e4s; spec_details[2] in no stack"
    )
    assert diagnostic.pointer == "/spec_details/0/stacks"
    assert [r.pointer for r in diagnostic.related] == [
        "/spec_details/0/stacks",
        "/spec_details/2/stacks",
        "/spec_details/3/stacks",
    ]
    columns = [r.position.column for r in diagnostic.related]
    assert columns == [
        column_of(text, SPEC_LINE, '["e4s"]'),
        column_of(text, SPEC_LINE, "[]"),
        column_of(text, SPEC_LINE, '["e4s"]', occurrence=2),
    ]
    assert diagnostic.related[0].position == diagnostic.position


def test_one_spec_outside_root_keeps_its_full_hash(tmp_path):
    path = tmp_path / "_cache/develop/bc/specs.md"
    path.parent.mkdir(parents=True)
    path.write_text(page_text([spec(hash="a" * 32, stacks=["e4s"])]), encoding="utf-8")
    [diagnostic] = check_file(path).diagnostics
    assert diagnostic.message == (
        f"spec_details[0] ({'a' * 32}) is not in the root stack 'root' (it is in e4s)"
    )
    assert [r.pointer for r in diagnostic.related] == ["/spec_details/0/stacks"]
