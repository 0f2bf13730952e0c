"""``-j 2`` reports exactly what ``-j 1`` reports, in every format (workers own batches)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _generate(root: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate_jobs", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(root, megabytes=1.5, seed=3)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated catalog of about a hundred pages, some of them broken."""
    root = tmp_path_factory.mktemp("jobs")
    _generate(root)
    pages = sorted((root / "_cache").glob("*/*/specs.md"))
    assert len(pages) > 64  # enough for workers
    for page in pages[::9]:  # a wrong count: a page finding and a tag total off
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace('"num_specs": ', '"num_specs": 1', 1), encoding="utf-8")
    pages[5].write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (pages[7].parent / "notes.md").write_text("no front matter\n", encoding="utf-8")
    return root


def _check(catalog: Path, jobs: str, output_format: str) -> tuple[int, str, str]:
    cachelint = shutil.which("cachelint")
    assert cachelint is not None
    done = subprocess.run(
        [cachelint, "check", "--no-cache", "-j", jobs, "--output-format", output_format, "."],
        cwd=catalog,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("output_format", ["json", "concise"])
def test_two_workers_report_what_one_process_reports(catalog, output_format):
    one = _check(catalog, "1", output_format)
    two = _check(catalog, "2", output_format)
    assert one == two
    assert one[0] == 1
    assert "CL002" in one[1] and "CL505" in one[1]  # a page finding and a tag total
