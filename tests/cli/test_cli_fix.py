"""``cachelint check --fix`` and ``--diff`` through the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BROKEN = REPO / "examples" / "broken" / "_cache" / "develop-2025-07-13" / "bc" / "specs.md"
CLEAN = REPO / "examples" / "catalog" / "_cache" / "develop-2025-07-13" / "bc" / "specs.md"
ENTRY_POINT = Path(sys.executable).parent / "cachelint"


def _cachelint(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(ENTRY_POINT), *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the broken example: num_specs says 3 (2 specs), a target missing."""
    page = tmp_path / "_cache" / "develop-2025-07-13" / "bc" / "specs.md"
    page.parent.mkdir(parents=True)
    shutil.copyfile(BROKEN, page)
    return page


def _meta_line(path: Path) -> str:
    return next(line for line in path.read_text().split("\n") if line.startswith("meta: "))


def test_diff_shows_the_repair_writes_nothing_and_exits_1(broken: Path, tmp_path: Path) -> None:
    result = _cachelint("check", "--diff", "_cache", cwd=tmp_path)
    shown = "_cache/develop-2025-07-13/bc/specs.md"
    assert result.returncode == 1
    assert result.stdout.startswith(f"--- {shown}\n+++ {shown}\n@@ -2,6 +2,6 @@\n")
    assert f"\n-{_meta_line(BROKEN)}\n+{_meta_line(CLEAN)}\n" in result.stdout
    assert result.stdout.endswith("\n ---\n\\ No newline at end of file\n")
    assert result.stderr == "Would fix 2 findings in 1 file.\n"
    assert broken.read_bytes() == BROKEN.read_bytes()


def test_the_diff_applies_to_what_fix_writes(broken: Path, tmp_path: Path) -> None:
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    diff = _cachelint("check", "--diff", "_cache", cwd=tmp_path).stdout
    subprocess.run(["patch", "-s", "-p0"], input=diff, text=True, cwd=tmp_path, check=True)
    assert broken.read_bytes() == CLEAN.read_bytes()


def test_diff_of_a_clean_page_is_empty_and_exits_0(broken: Path, tmp_path: Path) -> None:
    shutil.copyfile(CLEAN, broken)
    result = _cachelint("check", "--diff", "_cache", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "Would fix 0 findings in 0 files.\n"


def test_fix_says_what_it_fixed_then_what_remains(broken: Path, tmp_path: Path) -> None:
    result = _cachelint("check", "--fix", "_cache", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "Fixed 2 findings in 1 file.\nAll checks passed (1 page).\n"
    assert broken.read_bytes() == CLEAN.read_bytes()


def test_the_exit_status_follows_what_remains(broken: Path, tmp_path: Path) -> None:
    text = broken.read_text()
    broken.write_text(text.replace('"stacks": ["e4s-neoverse-v2", "root"]', '"stacks": ["e4s"]'))
    found = _cachelint("check", "--output-format", "json", "_cache", cwd=tmp_path)
    fixable = [r["code"] for r in json.loads(found.stdout) if r["fixable"]]
    assert sorted(fixable) == ["CL201", "CL202", "CL202", "CL202", "CL301", "CL302"]

    result = _cachelint("check", "--fix", "--output-format", "concise", "_cache", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0] == "Fixed 6 findings in 1 file."
    assert [line.split(": ")[1].split()[0] for line in lines[1:-1]] == ["CL203"]
    assert lines[-1] == "Found 1 error in 1 of 1 page."
    assert _cachelint("check", "--fix", "--exit-zero", "_cache", cwd=tmp_path).returncode == 0


def test_fix_with_json_output_keeps_stdout_machine_readable(broken: Path, tmp_path: Path) -> None:
    found = _cachelint("check", "--output-format", "json", "_cache", cwd=tmp_path)
    assert [(r["code"], r["fixable"]) for r in json.loads(found.stdout)] == [
        ("CL201", True),
        ("CL301", True),
    ]
    fixed = _cachelint("check", "--fix", "--output-format", "json", "_cache", cwd=tmp_path)
    assert json.loads(fixed.stdout) == []
    assert fixed.stderr.splitlines()[0] == "Fixed 2 findings in 1 file."
