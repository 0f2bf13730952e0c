"""``-`` reads a page from standard input; ``--stdin-filename`` gives it its place."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.builder import META
from tests.conftest import page_text, spec

BC = "_cache/develop/bc/specs.md"
ZLIB = "_cache/develop/zlib/specs.md"


def cachelint_stdin(text: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cachelint")
    command = [str(script)] if script.exists() else [shutil.which("cachelint") or "cachelint"]
    return subprocess.run(
        [*command, *args],
        input=text,
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=60,
    )


def findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return sorted((record["path"], record["code"]) for record in json.loads(result.stdout))


@pytest.fixture
def catalog(make_catalog):
    """One consistent tag: bc (one spec) and zlib (two)."""
    make_catalog.page("develop", "bc").page("develop", "zlib", [spec(), spec(hash="a" * 32)])
    return make_catalog.consistent().root


BROKEN = page_text().replace('"num_specs": 1', '"num_specs": 2')


def test_the_buffer_is_checked_as_the_page_at_its_place(catalog):
    args = ("-", "--stdin-filename", BC, "-o", "r.json", "--output-format", "json")
    result = cachelint_stdin(BROKEN, "check", *args, cwd=catalog)
    assert result.returncode == 1
    records = json.loads((catalog / "r.json").read_text(encoding="utf-8"))
    assert [(r["path"], r["code"]) for r in records] == [(BC, "CL201")]
    assert result.stdout.startswith("Found 1 error in 1 of ")  # the page and its data files
    assert cachelint_stdin("", "check", BC, cwd=catalog).returncode == 0  # the file is clean


def test_stdin_filename_alone_reads_standard_input(catalog):
    result = cachelint_stdin(BROKEN, "--stdin-filename", BC, "--output-format", "json", cwd=catalog)
    assert findings(result) == [(BC, "CL201")]


def test_without_a_file_name_the_page_is_called_dash(catalog):
    result = cachelint_stdin(BROKEN, "check", "-", "--output-format", "concise", cwd=catalog)
    assert result.returncode == 1
    assert result.stdout.startswith("-:")
    assert " CL201 meta.num_specs is 2 but spec_details has 1 entry" in result.stdout


def test_the_whole_tag_rules_count_the_buffer_not_the_file(catalog):
    folder = "_cache/develop"
    clean = cachelint_stdin("", "check", folder, "--output-format", "json", cwd=catalog)
    assert findings(clean) == []
    one_spec = page_text(title="zlib")  # valid alone, but the tag's total counted zlib's two
    result = cachelint_stdin(
        one_spec, "check", "-", folder, "--stdin-filename", ZLIB, "--output-format", "json",
        cwd=catalog,
    )  # fmt: skip
    assert findings(result) == [(META, "CL505")]
    assert "develop.count is 3 but the sum of meta.num_specs over its 2 pages is 2" in (
        result.stdout
    )


def test_the_excerpt_shows_the_buffer(catalog):
    result = cachelint_stdin(BROKEN, "check", "-", "--stdin-filename", BC, cwd=catalog)
    assert '"num_specs": 2' in result.stdout  # the file on disk says 1


@pytest.mark.parametrize(
    ("flag", "message"),
    [("--fix", "--fix cannot rewrite standard input"), ("--diff", "--diff cannot diff")],
)
def test_stdin_cannot_be_fixed(catalog, flag, message):
    result = cachelint_stdin(BROKEN, "check", "-", flag, cwd=catalog)
    assert result.returncode == 2
    assert message in result.stderr


def test_stdin_cannot_be_read_twice(catalog):
    result = cachelint_stdin(BROKEN, "check", "-", "--files-from", "-", cwd=catalog)
    assert result.returncode == 2
    assert "both read standard input" in result.stderr


def test_the_size_limit_holds_for_standard_input(catalog):
    args = ("-", "--stdin-filename", BC, "--max-file-size", "100", "--output-format", "json")
    result = cachelint_stdin(page_text(), *args, cwd=catalog)
    assert result.returncode == 1
    (record,) = [r for r in json.loads(result.stdout) if r["path"] == BC]
    assert record["code"] == "CL006"
    assert "over the max-file-size limit of 100 bytes" in record["message"]
