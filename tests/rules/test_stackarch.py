"""CL606: stacks named for an architecture hold only specs of it."""

from __future__ import annotations

import pytest

from tests.conftest import column_of, page_text, spec

SPEC_LINE = 6
# Specs of _cache/develop-2025-07-13/...: the stacks and targets the real catalog pairs.
CUDA_ARM = spec(stacks=["ml-linux-aarch64-cuda", "root"], target="neoverse_v2")
MPS = spec(
    stacks=["ml-darwin-aarch64-mps", "root"],
    os="sequoia",
    platform="darwin",
    target="aarch64",
    compiler="apple-clang@16.0.0",
)
ROCM = spec(stacks=["ml-linux-x86_64-rocm", "root"], target="x86_64_v3")
POWER = spec(stacks=["e4s-power", "root"], target="ppc64le", os="ubuntu20.04")


@pytest.mark.parametrize("real", [CUDA_ARM, MPS, ROCM, POWER])
def test_real_stacks_pass(check_page, real):
    assert check_page(page_text([real])) == []


def test_a_spec_of_another_family(check_page):
    text = page_text([{**CUDA_ARM, "target": "x86_64_v3"}])
    column = column_of(text, SPEC_LINE, '"ml-linux-aarch64-cuda"')
    assert check_page(text) == [("CL606", SPEC_LINE, column)]


def test_a_spec_of_another_platform(check_page):
    text = page_text([{**MPS, "platform": "linux", "os": "ubuntu22.04"}])
    column = column_of(text, SPEC_LINE, '"ml-darwin-aarch64-mps"')
    assert check_page(text) == [("CL606", SPEC_LINE, column)]


def test_e4s_power_holds_ppc64le(check_page):
    text = page_text([{**POWER, "target": "x86_64_v3"}])
    assert check_page(text) == [("CL606", SPEC_LINE, column_of(text, SPEC_LINE, '"e4s-power"'))]


def test_names_that_name_no_architecture_pass(check_page):
    odd = spec(stacks=["developer-tools-aarch64-linux-gnu", "e4s-neoverse-v2", "root"])
    assert check_page(page_text([odd])) == []


def test_an_empty_setting_turns_the_rule_off(cli, write):
    write("cachelint.toml", "stack-architectures = []\n")
    write("specs.md", page_text([{**ROCM, "target": "neoverse_v2"}]))
    assert cli("check", "--no-cache", "specs.md").status == 0


def test_the_templates_are_configurable(cli, write):
    page = write("specs.md", page_text([spec(stacks=["aws-x86_64-linux", "root"])]))
    assert cli("check", "--no-cache", str(page)).status == 0
    flag = "--stack-architectures=*-{family}-{platform}"
    other = spec(stacks=["aws-aarch64-linux", "root"], target="x86_64_v3")
    write("specs.md", page_text([other]))
    result = cli("check", "--no-cache", flag, str(page))
    assert result.status == 1 and "CL606" in result.out


@pytest.mark.parametrize(
    "bad",
    [
        "{platform}-{platform}",
        "ml",
        "ml-{arch}",
        "a b-{family}",
        "*-*-{family}",
        "*-a-*-b-*-{family}",
    ],
)
def test_a_malformed_template_is_a_usage_error(cli, write, bad):
    write("cachelint.toml", f"stack-architectures = [{bad!r}]\n")
    write("specs.md", page_text())
    result = cli("check", "--no-cache", "specs.md")
    assert result.status == 2
    assert "stack-architectures" in result.err


def test_a_long_hostile_stack_name_is_matched_quickly(check_page):
    # Templates come from a configuration file: the match stays linear.
    stack = "a-" * 99 + "b"
    assert check_page(page_text([spec(stacks=[stack, "root"])])) == []
