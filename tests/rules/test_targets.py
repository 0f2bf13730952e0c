"""CL601: targets are microarchitectures archspec knows."""

from __future__ import annotations

import json

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6


@pytest.mark.parametrize(
    "target", ["x86_64_v3", "x86_64_v4", "neoverse_v1", "neoverse_v2", "ppc64le", "m1", "zen4"]
)
def test_targets_of_the_real_corpus_pass(check_page, target):
    assert check_page(page_text([spec(target=target)])) == []


def test_a_retired_archspec_name_passes(check_page):
    # _cache/v0.18.1/zlib builds for graviton2, archspec's name until late 2022.
    assert check_page(page_text([spec(target="graviton2")])) == []


@pytest.mark.parametrize(
    ("target", "guess"), [("x86_64_v5", "x86_64_v4"), ("skylake_avx999", "skylake_avx512")]
)
def test_an_unknown_target_points_at_it_with_a_guess(check_page, cli, tmp_path, target, guess):
    text = page_text([spec(target=target)])
    assert check_page(text) == [("CL601", SPEC_LINE, column_of(text, SPEC_LINE, f'"{target}"'))]
    page = tmp_path / "_cache" / "develop" / "bc" / "specs.md"
    result = cli("check", "--no-cache", "--output-format", "json", str(page))
    assert f"did you mean {guess!r}" in json.loads(result.out)[0]["message"]


@pytest.mark.parametrize("target", ["armv8.1a", "armv9.0a"])
def test_archspec_names_with_a_dot_pass(check_page, target):
    assert check_page(page_text([spec(target=target)])) == []


def test_a_dash_spelling_suggests_the_underscore_one(cli, tmp_path):
    page = tmp_path / "specs.md"
    page.write_text(page_text([spec(target="neoverse-v1")]), encoding="utf-8")
    result = cli("check", "--no-cache", "--select", "CL601", str(page))
    assert result.status == 1, result.out
    assert "CL601" in result.out and "did you mean 'neoverse_v1'" in result.out
