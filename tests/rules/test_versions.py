"""CL615 (one version per spec) and CL616 (Spack version syntax)."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6


@pytest.mark.parametrize(
    "version",
    ["1.07.1", "develop", "master", "2.4.0-rc1", "1.2.3.4", "2.26-t9b_atlas", "2025.08.20"],
)
def test_real_versions_pass(check_page, version):
    assert check_page(page_text([spec(versions=[version])])) == []


def test_two_versions(check_page):
    text = page_text([spec(versions=["1.07.1", "1.08.1"])])
    assert check_page(text) == [
        ("CL615", SPEC_LINE, column_of(text, SPEC_LINE, '["1.07.1", "1.08.1"]'))
    ]


@pytest.mark.parametrize("version", ["1.0+cuda", "1.0+"])
def test_a_version_with_a_variant_run_in(check_page, version):
    text = page_text([spec(versions=[version])])
    assert check_page(text) == [("CL616", SPEC_LINE, column_of(text, SPEC_LINE, f'"{version}"'))]


@pytest.mark.parametrize(
    "version", ["git.main=1.2", "git.v1.0=1.0", "0123456789abcdef0123456789abcdef01234567"]
)
def test_git_versions_are_spack_versions(version):
    from cachelint.spack.syntax import VERSION

    assert VERSION.match(version)


@pytest.mark.parametrize("version", ["1.2:1.4", "1.0,2.0", "git.=1.0", "=1.0", "1.0 "])
def test_ranges_and_lists_are_not_versions(version):
    from cachelint.spack.syntax import VERSION

    assert not VERSION.match(version)
