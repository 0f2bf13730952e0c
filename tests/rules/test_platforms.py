"""CL602-CL605: platform, operating system and target agree."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
# The darwin spec of _cache/develop-2025-07-13/... (ml-darwin-aarch64-mps).
MAC = {"os": "sequoia", "platform": "darwin", "target": "aarch64", "compiler": "apple-clang@16.0.0"}


@pytest.mark.parametrize(
    "arch",
    [
        MAC,
        {**MAC, "os": "ventura", "target": "m1"},
        {"os": "windows10.0.20348", "platform": "windows", "target": "x86_64"},
        {"os": "amzn2", "platform": "linux", "target": "neoverse_n1"},
        {"os": "sle_hpc15", "platform": "linux", "target": "x86_64_v3"},
        {"os": "almalinux9", "platform": "linux", "target": "x86_64_v3"},
        {"os": "rhel8", "platform": "linux", "target": "ppc64le"},
    ],
)
def test_real_architectures_pass(check_page, arch):
    assert check_page(page_text([spec(**arch)])) == []


def test_an_unknown_platform(check_page):
    text = page_text([spec(platform="macos")])
    assert check_page(text) == [("CL602", SPEC_LINE, column_of(text, SPEC_LINE, '"macos"'))]


@pytest.mark.parametrize(
    ("os", "platform"), [("sonoma", "linux"), ("ubuntu22.04", "darwin"), ("rhel8", "windows")]
)
def test_an_os_of_another_platform(check_page, os, platform):
    target = "aarch64"
    text = page_text([spec(os=os, platform=platform, target=target)])
    assert check_page(text) == [("CL603", SPEC_LINE, column_of(text, SPEC_LINE, f'"{os}"'))]


def test_an_unknown_os_is_a_warning(cli, tmp_path):
    page = tmp_path / "specs.md"
    page.write_text(page_text([spec(os="ubunt22.04")]), encoding="utf-8")
    result = cli("check", "--no-cache", str(page))
    assert result.status == 0  # warnings do not fail the run by default
    assert "CL604" in result.out and "ubunt22.04" in result.out


def test_an_unknown_os_is_located(check_page):
    text = page_text([spec(os="plan9")])
    assert check_page(text) == [("CL604", SPEC_LINE, column_of(text, SPEC_LINE, '"plan9"'))]


@pytest.mark.parametrize("target", ["neoverse_v2", "zen4", "power9le"])
def test_a_darwin_target_that_is_no_macs(check_page, target):
    text = page_text([spec(**{**MAC, "target": target})])
    assert check_page(text) == [("CL605", SPEC_LINE, column_of(text, SPEC_LINE, f'"{target}"'))]


@pytest.mark.parametrize("target", ["m2", "x86_64", "skylake", "aarch64"])
def test_darwin_targets_of_macs_pass(check_page, target):
    assert check_page(page_text([spec(**{**MAC, "target": target})])) == []


# Pages of several specs: the rules ask the page's distinct values, by platform.
LINUX = {"os": "ubuntu22.04", "platform": "linux", "target": "zen4"}


def specs_of(*archs: dict[str, str]) -> list[dict[str, object]]:
    """A spec of each architecture, each with its own hash."""
    return [spec(**arch, hash="abcdefgh"[index] * 32) for index, arch in enumerate(archs)]


def test_a_wrong_os_among_specs_of_one_platform(check_page):
    text = page_text(specs_of(LINUX, {**LINUX, "os": "rhel8"}, {**LINUX, "os": "sonoma"}))
    assert check_page(text) == [("CL603", SPEC_LINE, column_of(text, SPEC_LINE, '"sonoma"'))]


@pytest.mark.parametrize(("os", "platform"), [("sequoia", "linux"), ("ubuntu22.04", "darwin")])
def test_a_wrong_os_among_specs_of_two_platforms(check_page, os, platform):
    wrong = {"os": os, "platform": platform, "target": "x86_64"}
    text = page_text(specs_of(LINUX, MAC, wrong))
    expected = ("CL603", SPEC_LINE, column_of(text, SPEC_LINE, f'"{os}"', occurrence=2))
    assert check_page(text) == [expected]


def test_oses_of_two_platforms_pass(check_page):
    specs = specs_of(LINUX, MAC, {**MAC, "os": "sonoma"}, {**LINUX, "os": "rhel8"})
    assert check_page(page_text(specs)) == []


def test_an_unknown_os_among_specs_of_two_platforms_is_no_mismatch(check_page):
    text = page_text(specs_of(LINUX, MAC, {**LINUX, "os": "plan9"}))
    assert [code for code, _, _ in check_page(text)] == ["CL604"]


def test_a_darwin_target_among_linux_specs(check_page):
    """Only the darwin specs' targets must be a Mac's, wherever they are on the page."""
    text = page_text(specs_of(LINUX, MAC, LINUX, {**MAC, "target": "neoverse_v2"}))
    column = column_of(text, SPEC_LINE, '"neoverse_v2"')
    assert check_page(text) == [("CL605", SPEC_LINE, column)]


def test_linux_targets_beside_a_mac_pass(check_page):
    specs = specs_of(LINUX, {**MAC, "target": "m1"}, {**LINUX, "target": "power9le"})
    assert check_page(page_text(specs)) == []
