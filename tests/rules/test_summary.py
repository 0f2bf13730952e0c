"""CL301, CL302, CL402: the meta lists are the sorted sets of the specs' values."""

from __future__ import annotations

import pytest

from cachelint.frozen import freeze
from cachelint.rules.summary import derived_summary, spec_values, summary_values
from tests.conftest import column_of, derive_meta, page_text, spec

META_LINE, SPEC_LINE = 5, 6

SPECS = [
    spec(),
    spec(hash="q6v22ffmm3k6o2fajdv2ysdlhe5j4ail", target="neoverse_v2", versions=["1.08"]),
]


def test_clean_summary_passes(check_page):
    assert check_page(page_text(SPECS)) == []


@pytest.mark.parametrize(
    ("meta_list", "value", "needle"),
    [
        ("targets", "neoverse_v2", '"neoverse_v2"'),
        ("versions", "1.08", '"1.08"'),
        ("compilers", "gcc@11.4.0", '"gcc@11.4.0"'),
        ("stacks", "e4s", '"e4s"'),
    ],
)
def test_value_missing_from_meta_points_at_first_spec_holding_it(
    check_page, meta_list, value, needle
):
    meta = derive_meta(SPECS)
    meta[meta_list].remove(value)
    text = page_text(SPECS, meta=meta)
    assert check_page(text) == [("CL301", SPEC_LINE, column_of(text, SPEC_LINE, needle))]


def test_stale_value_points_at_the_list_member(check_page):
    meta = derive_meta(SPECS)
    meta["oss"] = ["centos7", "ubuntu22.04"]
    text = page_text(SPECS, meta=meta)
    assert check_page(text) == [("CL302", META_LINE, column_of(text, META_LINE, '"centos7"'))]


def test_unsorted_list_is_a_warning_at_the_first_out_of_order_member(check_page):
    meta = derive_meta(SPECS)
    meta["targets"] = ["x86_64_v3", "neoverse_v2"]
    text = page_text(SPECS, meta=meta)
    assert check_page(text) == [
        ("CL402", META_LINE, column_of(text, META_LINE, '"neoverse_v2"')),
    ]


def test_repeated_value_is_reported_at_the_repeat(check_page):
    meta = derive_meta(SPECS)
    meta["platforms"] = ["linux", "linux"]
    text = page_text(SPECS, meta=meta)
    assert check_page(text) == [
        ("CL402", META_LINE, column_of(text, META_LINE, '"linux"', occurrence=2)),
    ]


def test_a_missing_value_is_reported_once_however_many_specs_hold_it(check_page):
    specs = [spec(hash=f"{letter * 32}", target="zen4") for letter in "abc"]
    meta = derive_meta(specs) | {"targets": []}
    findings = check_page(page_text(specs, meta=meta))
    assert [code for code, *_ in findings] == ["CL301"]


@pytest.mark.parametrize("read_only", [False, True])
def test_summary_values_are_computed_once_per_page(read_only):
    specs = freeze(SPECS) if read_only else [dict(s) for s in SPECS]
    first = summary_values(specs)
    assert summary_values(specs) is first  # CL301 and CL302 share one pass
    assert summary_values(list(specs)) is not first  # another page
    assert list(first["targets"]) == ["x86_64_v3", "neoverse_v2"]
    assert spec_values(specs, "versions")["1.08"] == "/spec_details/1/versions/0"


def test_summary_values_of_another_page_are_its_own():
    specs = [dict(s) for s in SPECS]
    assert "zen4" not in derived_summary(specs)["targets"]
    changed = [dict(s) for s in specs]
    changed[0]["target"] = "zen4"
    assert "zen4" in derived_summary(changed)["targets"]
    assert "zen4" not in derived_summary(specs)["targets"]
