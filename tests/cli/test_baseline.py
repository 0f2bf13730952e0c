"""``--write-baseline``, ``--baseline`` and the ``baseline`` key, through the entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_check import cachelint, write
from tests.conftest import page_text, spec

OLD = "_cache/develop/old/specs.md"
NEW = "_cache/develop/new/specs.md"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A catalog with two old findings on one page and a clean page."""
    (tmp_path / "_data").mkdir()
    write(tmp_path, OLD, page_text([spec(stacks=["e4s"])], meta={"num_specs": 1}, title="old"))
    write(tmp_path, NEW, page_text(title="new"))
    return tmp_path


def check(catalog: Path, *args: str):  # type: ignore[no-untyped-def]
    return cachelint(
        "check", "--no-cache", "--output-format", "concise", *args, "_cache", cwd=catalog
    )


def test_write_baseline_records_the_findings_and_exits_0(catalog: Path) -> None:
    done = check(catalog, "--write-baseline", "baseline.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "wrote 8 findings of 1 file to the baseline baseline.json" in done.stderr
    assert '"path": "_cache/develop/old/specs.md"' in (catalog / "baseline.json").read_text()


def test_baselined_findings_are_not_reported_even_after_a_line_shift(catalog: Path) -> None:
    check(catalog, "--write-baseline", "baseline.json")
    text = (catalog / OLD).read_text(encoding="utf-8")
    write(catalog, OLD, text.replace("---\n", "---\n# moved down a line\n", 1))
    done = check(catalog, "--baseline", "baseline.json")
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        "All checks passed (2 pages).",
        "8 findings baselined in baseline.json.",
    ]


def test_new_findings_fail_and_fixed_ones_are_counted_as_gone(catalog: Path) -> None:
    check(catalog, "--write-baseline", "baseline.json")
    write(catalog, NEW, page_text(meta={"num_specs": 1}, title="new"))  # a new broken page
    fixed = page_text([spec(stacks=["e4s", "root"])], meta={"num_specs": 1}, title="old")
    write(catalog, OLD, fixed)
    done = check(catalog, "--baseline", "baseline.json")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert all(line.startswith(NEW) for line in lines[:-3])
    assert lines[-3:-1] == ["Found 7 errors in 1 of 2 pages.", "7 fixable with --fix."]
    assert lines[-1] == (
        "7 findings baselined in baseline.json; 1 baseline entry is gone (fixed): "
        "run with --write-baseline to drop them."
    )


def test_the_configuration_names_the_baseline_and_no_baseline_ignores_it(catalog: Path) -> None:
    check(catalog, "--write-baseline", "baseline.json")
    write(catalog, "cachelint.toml", 'baseline = "baseline.json"\n')
    assert check(catalog).returncode == 0
    assert check(catalog, "--no-baseline").returncode == 1


@pytest.mark.parametrize("named", ["../outside.json", "/etc/hostname"])
def test_a_configured_baseline_outside_the_configuration_folder_is_refused(
    catalog: Path, named: str
) -> None:
    (catalog.parent / "outside.json").write_text('{"cachelint_baseline": 1, "findings": []}')
    write(catalog, "cachelint.toml", f'baseline = "{named}"\n')
    done = check(catalog)
    assert done.returncode == 2
    assert "is not inside" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_malformed_baseline_is_a_usage_error(catalog: Path) -> None:
    write(catalog, "baseline.json", "{not json")
    done = check(catalog, "--baseline", "baseline.json")
    assert done.returncode == 2
    assert done.stderr.startswith("cachelint: error: baseline.json: not a baseline: invalid JSON")
    assert "Traceback" not in done.stderr
    assert check(catalog, "--baseline", "missing.json").returncode == 2
