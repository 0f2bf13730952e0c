"""CL201 and CL202: counts in meta agree with spec_details."""

from __future__ import annotations

from tests.conftest import column_of, derive_meta, page_text, spec

META_LINE = 5

TWO_SPECS = [
    spec(),
    spec(hash="q6v22ffmm3k6o2fajdv2ysdlhe5j4ail", stacks=["e4s-neoverse-v2", "root"]),
]


def test_clean_page_passes(check_page):
    assert check_page(page_text(TWO_SPECS)) == []


def test_num_specs_too_high_points_at_the_value(check_page):
    meta = derive_meta(TWO_SPECS) | {"num_specs": 3}
    text = page_text(TWO_SPECS, meta=meta)
    assert check_page(text) == [("CL201", META_LINE, column_of(text, META_LINE, "3,"))]


def test_wrong_stack_count(check_page):
    meta = derive_meta(TWO_SPECS)
    meta["num_specs_by_stack"]["root"] = 5
    text = page_text(TWO_SPECS, meta=meta)
    assert check_page(text) == [("CL202", META_LINE, column_of(text, META_LINE, "5}"))]


def test_stack_listed_with_no_spec(check_page):
    meta = derive_meta(TWO_SPECS)
    meta["num_specs_by_stack"]["hep"] = 1
    meta["num_specs_by_stack"] = dict(sorted(meta["num_specs_by_stack"].items()))
    meta["stacks"] = sorted([*meta["stacks"], "hep"])
    text = page_text(TWO_SPECS, meta=meta)
    hep_count = column_of(text, META_LINE, '"hep": 1') + len('"hep": ')
    stale_member = column_of(text, META_LINE, '"hep"', occurrence=2)
    assert check_page(text) == [
        ("CL202", META_LINE, hep_count),
        ("CL302", META_LINE, stale_member),
    ]


def test_stack_missing_from_counts_points_at_the_object(check_page):
    meta = derive_meta(TWO_SPECS)
    del meta["num_specs_by_stack"]["e4s"]
    text = page_text(TWO_SPECS, meta=meta)
    assert check_page(text) == [
        ("CL202", META_LINE, column_of(text, META_LINE, '{"e4s-neoverse-v2"')),
    ]


def test_counts_skip_when_schema_broke_the_data(check_page):
    """A page whose num_specs is a string gets CL102, not a cascade."""
    meta = derive_meta(TWO_SPECS) | {"num_specs": "two"}
    text = page_text(TWO_SPECS, meta=meta)
    assert check_page(text) == [("CL102", META_LINE, column_of(text, META_LINE, '"two"'))]
