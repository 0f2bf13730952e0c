"""--statistics, --exit-zero, --fail-on, --quiet, --show-files and --verbose."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

PAGE = "_cache/develop-2025-07-13/bc/specs.md"
OTHER = "site/bc.md"  # a page outside _cache/: no tag or package to agree with


@pytest.fixture
def catalog(write, broken_bc, clean_bc):
    write(PAGE, broken_bc)
    write(OTHER, broken_bc.replace('"num_specs": 3', '"num_specs": 2'))  # CL301 only
    write("README.md", "# not a page\n")
    write("notes/draft.md", "---\ntitle: draft\n---\n")  # not below _cache, no layout


def test_statistics_counts_findings_per_code(catalog, cli):
    result = cli("check", "--isolated", "--statistics")
    lines = result.out.splitlines()
    assert lines[:2] == ["2\tCL301\t[*] summary-missing-value", "1\tCL201\t[*] num-specs-mismatch"]
    assert lines[2] == "Found 3 errors in 2 of 2 pages."
    assert result.status == 1


def test_statistics_as_json(catalog, cli):
    result = cli("check", "--isolated", "--statistics", "--output-format", "json")
    assert json.loads(result.out) == [
        {"code": "CL301", "name": "summary-missing-value", "count": 2, "fixable": True},
        {"code": "CL201", "name": "num-specs-mismatch", "count": 1, "fixable": True},
    ]


def test_exit_zero(catalog, cli):
    result = cli("check", "--isolated", "--exit-zero")
    assert result.status == 0
    assert "CL201" in result.out


def test_fail_on_warning_with_exit_zero_still_exits_zero(write, clean_bc, cli):
    write(PAGE, clean_bc.replace('["neoverse_v2", "x86_64_v3"]', '["x86_64_v3", "neoverse_v2"]'))
    assert cli("check", "--isolated").status == 0
    assert cli("check", "--isolated", "--fail-on", "warning").status == 1
    assert cli("check", "--isolated", "--fail-on", "warning", "--exit-zero").status == 0


def test_quiet_prints_findings_only(catalog, cli):
    result = cli("check", "--isolated", "--quiet", "--verbose", "--output-format", "concise")
    assert result.out.splitlines() == [
        f"{PAGE}:5:50: CL201 meta.num_specs is 3 but spec_details has 2 entries",
        f"{PAGE}:6:444: CL301 spec_details[1].target 'neoverse_v2' is missing from meta.targets",
        f"{OTHER}:6:444: CL301 spec_details[1].target 'neoverse_v2' is missing from meta.targets",
    ]
    assert result.err == ""
    assert result.status == 1


def test_show_files_lists_what_would_be_checked_and_exits_0(catalog, cli):
    result = cli("check", "--isolated", "--show-files")
    assert result.out.splitlines() == [PAGE, OTHER]
    assert result.status == 0


def test_show_files_applies_exclude(catalog, cli):
    result = cli("check", "--isolated", "--show-files", "--exclude", "site/")
    assert result.out.splitlines() == [PAGE]


def test_show_files_verbose_says_why_files_are_left_out(catalog, cli):
    result = cli("check", "--isolated", "--show-files", "--verbose")
    assert "skipped README.md: no front matter" in result.err
    assert "skipped notes/draft.md: not a catalog page" in result.err


def test_verbose_names_skipped_files(catalog, cli):
    result = cli("check", "--isolated", "--verbose")
    assert "skipped README.md: no front matter" in result.err
    assert "configuration files are ignored" in result.err


@pytest.mark.skipif(shutil.which("cachelint") is None, reason="cachelint is not installed")
def test_installed_entry_point(catalog, project):
    done = subprocess.run(
        ["cachelint", "check", "--isolated", "--show-files"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.splitlines()) == (0, [PAGE, OTHER])
