"""``cachelint check`` through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PAGES, page_text, spec

JSON_KEYS = {
    "code", "severity", "message", "path", "line", "column",
    "end_line", "end_column", "pointer", "fixable", "related",
}  # fmt: skip


def cachelint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cachelint")
    command = [str(script)] if script.exists() else [shutil.which("cachelint") or "cachelint"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=60
    )


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A small catalog: two clean pages, one broken, plus files to skip."""
    write(tmp_path, "_cache/develop/bc/specs.md", page_text())
    write(
        tmp_path,
        "_cache/develop-2025-03-23/aida/specs.md",
        (PAGES / "aida-develop-2025-03-23.md").read_bytes(),
    )
    broken = page_text([spec()]).replace('"num_specs": 1', '"num_specs": 2')
    write(tmp_path, "_cache/develop/ed/specs.md", broken.replace('title: "bc"', 'title: "ed"'))
    write(tmp_path, "README.md", "# not a page\n")
    write(tmp_path, "docs/notes.md", "---\ntitle: notes\nlayout: post\n---\n")
    write(tmp_path, "_cache/develop/bc/notes.txt", "not markdown")
    write(tmp_path, ".hidden/_cache/develop/x/specs.md", "---\nbroken: [\n---")
    write(tmp_path, "_site/_cache/develop/x/specs.md", "---\nbroken: [\n---")
    return tmp_path


def test_version():
    result = cachelint("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("cachelint ")


def test_clean_files_exit_zero(catalog):
    result = cachelint("check", "_cache/develop/bc", "_cache/develop-2025-03-23/aida", cwd=catalog)
    assert result.returncode == 0
    assert result.stdout == "All checks passed (2 pages).\n"


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_a_page_named_twice_or_inside_a_named_folder_counts_once(catalog, cache):
    page = "_cache/develop/bc/specs.md"
    result = cachelint("check", *cache, page, f"./{page}", "_cache/develop/bc", cwd=catalog)
    assert result.stdout == "All checks passed (1 page).\n"


def test_findings_exit_one_with_path_line_col_code(catalog):
    result = cachelint("check", cwd=catalog)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("_cache/develop/ed/specs.md:5:")
    assert " CL201 [*] meta.num_specs is 2 but spec_details has 1 entry" in lines[0]
    assert lines[-2:] == ["Found 1 error in 1 of 3 pages.", "[*] 1 fixable with --fix."]


def test_walking_skips_non_pages_hidden_and_site_folders(catalog):
    result = cachelint("check", "--verbose", ".", cwd=catalog)
    assert "skipped ./docs/notes.md" in result.stderr or "skipped docs/notes.md" in result.stderr
    assert ".hidden" not in result.stdout + result.stderr
    assert "_site" not in result.stdout + result.stderr
    assert "notes.txt" not in result.stdout + result.stderr


def test_layout_cache_outside_cache_folder_is_checked(tmp_path):
    write(tmp_path, "content/page.md", "---\nlayout: cache\ntitle: x\n---\n")
    result = cachelint("check", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert "CL101" in result.stdout


def test_named_files_are_checked_whatever_their_extension(tmp_path):
    write(tmp_path, "page.txt", page_text())
    write(tmp_path, "broken.txt", "no front matter here")
    result = cachelint("check", "page.txt", "broken.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "broken.txt:1:1: CL002 no front matter: the file does not start with a '---' line"
    )


def test_json_output_shape(catalog):
    result = cachelint("check", "--output-format", "json", "_cache", cwd=catalog)
    assert result.returncode == 1
    [finding] = json.loads(result.stdout)
    assert set(finding) == JSON_KEYS
    assert finding["code"] == "CL201"
    assert finding["severity"] == "error"
    assert finding["path"] == "_cache/develop/ed/specs.md"
    assert finding["pointer"] == "/meta/num_specs"
    assert (finding["line"], finding["fixable"]) == (5, True)
    assert "Found 1 error" in result.stderr


def test_warnings_alone_do_not_fail(tmp_path):
    text = page_text().replace('"oss": ["ubuntu22.04"]', '"oss": ["ubuntu22.04", "ubuntu22.04"]')
    write(tmp_path, "_cache/develop/bc/specs.md", text)
    result = cachelint("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "CL402" in result.stdout
    assert result.stdout.splitlines()[-2] == "Found 1 warning in 1 of 1 page."


def test_exit_zero(catalog):
    assert cachelint("check", "--exit-zero", cwd=catalog).returncode == 0


def test_select_and_ignore(catalog):
    assert cachelint("check", "--ignore", "CL2", cwd=catalog).returncode == 0
    assert cachelint("check", "--select", "CL3", cwd=catalog).returncode == 0
    assert cachelint("check", "--select", "ALL", cwd=catalog).returncode == 1


def test_unknown_code_is_a_usage_error(catalog):
    result = cachelint("check", "--select", "XX9", cwd=catalog)
    assert result.returncode == 2
    assert "unknown rule code or prefix 'XX9'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_option_is_a_usage_error():
    result = cachelint("check", "--no-such-option")
    assert result.returncode == 2


def test_bad_input_is_reported_and_the_run_goes_on(tmp_path):
    write(tmp_path, "_cache/t/a/specs.md", b"---\ntitle: \xff\n---")
    write(tmp_path, "_cache/t/b/specs.md", "---\ntitle: x\n")
    write(tmp_path, "_cache/t/c/specs.md", "---\ntitle: [\n---")
    write(tmp_path, "_cache/t/d/specs.md", "---\ntitle: a\ntitle: b\n---")
    write(tmp_path, "_cache/t/e/specs.md", "---\ntitle: &x a\n---")
    write(
        tmp_path,
        "_cache/t/f/specs.md",
        page_text(title="f", tag="t").replace('num_specs": 1', 'num_specs": 9'),
    )
    result = cachelint("check", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1
    codes = [(f["path"].split("/")[2], f["code"]) for f in json.loads(result.stdout)]
    assert codes == [
        ("a", "CL001"), ("b", "CL002"), ("c", "CL003"),
        ("d", "CL004"), ("e", "CL005"), ("f", "CL201"),
    ]  # fmt: skip
    assert "Traceback" not in result.stderr


def test_rules_lists_every_code():
    result = cachelint("rules")
    assert result.returncode == 0
    for code in ("CL001", "CL105", "CL201", "CL403", "CL502"):
        assert code in result.stdout
    [cl403] = [line for line in result.stdout.splitlines() if line.startswith("CL403")]
    assert cl403.split()[:5] == ["CL403", "specs-not-sorted-by-hash", "warning", "off", "yes"]


def test_rules_json_origin():
    records = json.loads(cachelint("rules", "--output-format", "json").stdout)
    by_code = {r["code"]: r for r in records}
    assert by_code["CL201"]["origin"] == "built-in"
    assert by_code["CL403"]["enabled"] is False


def test_schema_command_prints_the_bundled_schema():
    result = cachelint("schema", "catalog-page")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"].startswith("Spack build-cache catalog page")
    listing = cachelint("schema").stdout
    assert "catalog-page" in listing and "legacy-page" in listing
    unknown = cachelint("schema", "nope")
    assert unknown.returncode == 2
    assert "unknown schema 'nope'" in unknown.stderr


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "cachelint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
